//! Categories of a round and their form: criteria and questions, editable until the first
//! application in the category is submitted.

use super::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::setup::{CategoryInput, CriterionInput, QuestionInput, criteria_editable};
use prisverdig_store::rounds::{self, CategoryRow, CriterionRow, Listed, QuestionRow, RoundRow};
use prisverdig_store::users::User;
use uuid::Uuid;

/// A category with its round, its criteria and questions, and whether those may change.
pub struct CategoryView {
    pub round: RoundRow,
    pub category: CategoryRow,
    pub criteria: Vec<CriterionRow>,
    pub questions: Vec<QuestionRow>,
    pub editable: bool,
}

/// Which way a criterion or question moves in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

fn locked() -> ServiceError {
    ValidationError::new("criteria", "error-criteria-locked").into()
}

impl Services {
    pub async fn category_view(&self, user: &User, id: Uuid) -> Result<CategoryView> {
        require_admin(user)?;
        let category = rounds::category(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let round = self.existing_round(category.round_id).await?;
        let editable = criteria_editable(rounds::submitted_count(&self.db, id).await?);
        Ok(CategoryView {
            criteria: rounds::criteria(&self.db, id).await?,
            questions: rounds::questions(&self.db, id).await?,
            round,
            category,
            editable,
        })
    }

    /// The view of a category whose criteria and questions may still change.
    async fn editable_category(&self, user: &User, id: Uuid) -> Result<CategoryView> {
        let view = self.category_view(user, id).await?;
        if view.editable {
            Ok(view)
        } else {
            Err(locked())
        }
    }

    pub async fn create_category(
        &self,
        user: &User,
        round_id: Uuid,
        input: &CategoryInput<'_>,
    ) -> Result<Uuid> {
        require_admin(user)?;
        self.existing_round(round_id).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let position = rounds::round_categories(&self.db, round_id).await?.len() as i64;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let id = rounds::insert_category_setup(&mut tx, round_id, position, &setup).await?;
        let detail = serde_json::json!({ "round": round_id, "name": setup.name });
        record(
            &mut tx,
            now,
            user,
            "category.create",
            ("category", id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_category(
        &self,
        user: &User,
        id: Uuid,
        input: &CategoryInput<'_>,
    ) -> Result<()> {
        let view = self.category_view(user, id).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        rounds::update_category(&mut tx, id, &setup).await?;
        let detail = serde_json::json!({
            "name": setup.name,
            "deadline_before": view.category.deadline,
            "extended_before": view.category.extended_deadline,
        });
        record(
            &mut tx,
            now,
            user,
            "category.update",
            ("category", id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_criterion(
        &self,
        user: &User,
        category: Uuid,
        input: &CriterionInput<'_>,
    ) -> Result<Uuid> {
        let view = self.editable_category(user, category).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let position = view.criteria.last().map_or(0, |c| c.position + 1);
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let id = rounds::insert_criterion_setup(&mut tx, category, position, &setup).await?;
        record(
            &mut tx,
            now,
            user,
            "criterion.add",
            ("criterion", id),
            serde_json::json!({ "text": setup.text }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_criterion(
        &self,
        user: &User,
        category: Uuid,
        id: Uuid,
        input: &CriterionInput<'_>,
    ) -> Result<()> {
        let view = self.editable_category(user, category).await?;
        if !view.criteria.iter().any(|c| c.id == id) {
            return Err(ServiceError::NotFound);
        }
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        rounds::update_criterion(&mut tx, id, &setup).await?;
        record(
            &mut tx,
            now,
            user,
            "criterion.update",
            ("criterion", id),
            serde_json::json!({ "text": setup.text }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_question(
        &self,
        user: &User,
        category: Uuid,
        input: &QuestionInput<'_>,
    ) -> Result<Uuid> {
        let view = self.editable_category(user, category).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let position = view.questions.last().map_or(0, |q| q.position + 1);
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let id = rounds::insert_question(&mut tx, category, position, &setup).await?;
        record(
            &mut tx,
            now,
            user,
            "question.add",
            ("question", id),
            serde_json::json!({ "text": setup.text }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_question(
        &self,
        user: &User,
        category: Uuid,
        id: Uuid,
        input: &QuestionInput<'_>,
    ) -> Result<()> {
        let view = self.editable_category(user, category).await?;
        if !view.questions.iter().any(|q| q.id == id) {
            return Err(ServiceError::NotFound);
        }
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        rounds::update_question(&mut tx, id, &setup).await?;
        record(
            &mut tx,
            now,
            user,
            "question.update",
            ("question", id),
            serde_json::json!({ "text": setup.text }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The ids and positions of one of the category's lists, in order.
    fn listed(view: &CategoryView, listed: Listed) -> Vec<(Uuid, i64)> {
        match listed {
            Listed::Criterion => view.criteria.iter().map(|c| (c.id, c.position)).collect(),
            Listed::Question => view.questions.iter().map(|q| (q.id, q.position)).collect(),
        }
    }

    pub async fn remove_listed(
        &self,
        user: &User,
        category: Uuid,
        listed: Listed,
        id: Uuid,
    ) -> Result<()> {
        let view = self.editable_category(user, category).await?;
        if !Self::listed(&view, listed).iter().any(|(i, _)| *i == id) {
            return Err(ServiceError::NotFound);
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        rounds::delete_listed(&mut tx, listed, id).await?;
        let entity = if listed == Listed::Criterion {
            "criterion"
        } else {
            "question"
        };
        record(
            &mut tx,
            now,
            user,
            &format!("{entity}.remove"),
            (entity, id),
            serde_json::json!({ "category": category }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Swaps a criterion or question with its neighbour; at either end nothing moves.
    pub async fn move_listed(
        &self,
        user: &User,
        category: Uuid,
        listed: Listed,
        id: Uuid,
        direction: Direction,
    ) -> Result<()> {
        let view = self.editable_category(user, category).await?;
        let items = Self::listed(&view, listed);
        let at = items
            .iter()
            .position(|(i, _)| *i == id)
            .ok_or(ServiceError::NotFound)?;
        let other = match direction {
            Direction::Up => at.checked_sub(1),
            Direction::Down => Some(at + 1).filter(|o| *o < items.len()),
        };
        let Some(other) = other else { return Ok(()) };
        let mut tx = self.db.begin().await?;
        // Positions may repeat after edits elsewhere, so write list indexes, not the old values.
        for (index, (item, _)) in items.iter().enumerate() {
            let position = if index == at {
                other
            } else if index == other {
                at
            } else {
                index
            };
            rounds::set_position(&mut tx, listed, *item, position as i64).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

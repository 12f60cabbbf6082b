//! Categories of a round and their form: criteria and questions, editable until the first
//! application in the category is submitted.

use super::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::setup::{
    CategoryInput, CriterionInput, CriterionSetup, QuestionInput, QuestionSetup, criteria_editable,
};
use prisverdig_store::Tx;
use prisverdig_store::categories::{self, CategoryRow};
use prisverdig_store::criteria::{self, CriterionRow};
use prisverdig_store::listed::{self, Listed};
use prisverdig_store::questions::{self, QuestionRow};
use prisverdig_store::rounds::RoundRow;
use prisverdig_store::users::User;
use uuid::Uuid;

/// A category with its round, its criteria and questions, and whether those may change.
pub struct CategoryView {
    pub round: RoundRow,
    pub category: CategoryRow,
    pub criteria: Vec<CriterionRow>,
    pub questions: Vec<QuestionRow>,
    pub editable: bool,
    /// The category no longer accepts applications although its round is a draft or open:
    /// a warning for the administrator, who may have typed last year's date.
    pub deadline_past: bool,
}

/// Which way a criterion or question moves in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// A validated criterion or question, ready to write.
enum Item {
    Criterion(CriterionSetup),
    Question(QuestionSetup),
}

impl Item {
    fn text(&self) -> &str {
        match self {
            Item::Criterion(c) => &c.text,
            Item::Question(q) => &q.text,
        }
    }

    async fn insert(&self, tx: &mut Tx, category: Uuid, position: i64) -> Result<Uuid> {
        Ok(match self {
            Item::Criterion(c) => criteria::insert_setup(tx, category, position, c).await?,
            Item::Question(q) => questions::insert(tx, category, position, q).await?,
        })
    }

    async fn update(&self, tx: &mut Tx, id: Uuid, version: i64) -> Result<()> {
        match self {
            Item::Criterion(c) => criteria::update(tx, id, version, c).await?,
            Item::Question(q) => questions::update(tx, id, version, q).await?,
        }
        Ok(())
    }
}

fn entity_name(listed: Listed) -> &'static str {
    match listed {
        Listed::Criterion => "criterion",
        Listed::Question => "question",
    }
}

fn locked() -> ServiceError {
    ValidationError::new("criteria", "error-criteria-locked").into()
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn category_view(&self, user: &User, id: Uuid) -> Result<CategoryView> {
        require_admin(user)?;
        let category = categories::get(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let round = self.existing_round(category.round_id).await?;
        let editable = criteria_editable(categories::submitted_count(&self.db, id).await?);
        let deadline_past = matches!(round.state.as_str(), "draft" | "open")
            && !prisverdig_domain::category::is_accepting(
                self.clock.now(),
                category.deadline,
                category.extended_deadline,
            );
        Ok(CategoryView {
            deadline_past,
            criteria: criteria::of_category(&self.db, id).await?,
            questions: questions::of_category(&self.db, id).await?,
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

    #[tracing::instrument(skip_all)]
    pub async fn create_category(
        &self,
        user: &User,
        round_id: Uuid,
        input: &CategoryInput<'_>,
    ) -> Result<Uuid> {
        require_admin(user)?;
        self.existing_round(round_id).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let position = categories::of_round(&self.db, round_id).await?.len() as i64;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let id = categories::insert_setup(&mut tx, round_id, position, &setup).await?;
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
        self.commit_public(tx).await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    /// Saves the category's settings, if nobody saved them since `version` was read.
    pub async fn update_category(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        input: &CategoryInput<'_>,
    ) -> Result<()> {
        let view = self.category_view(user, id).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let before = view
            .category
            .extended_deadline
            .unwrap_or(view.category.deadline);
        let after = setup.extended_deadline.unwrap_or(setup.deadline);
        let extended = (after > before && after > now).then_some(after);
        let notice = match extended {
            Some(_) => Some(self.extension_notice(id).await?),
            None => None,
        };
        let mut tx = self.db.begin().await?;
        categories::update(&mut tx, id, version, &setup).await?;
        if let (Some(deadline), Some(notice)) = (extended, notice) {
            self.queue_extension(&mut tx, now, (id, &setup.name, deadline), notice)
                .await?;
        }
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
        self.commit_public(tx).await?;
        self.reindex_round_soon(view.category.round_id);
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_criterion(
        &self,
        user: &User,
        category: Uuid,
        input: &CriterionInput<'_>,
    ) -> Result<Uuid> {
        let item = input.parse().map(Item::Criterion);
        self.write_item(user, (category, Listed::Criterion, None), item)
            .await
    }

    #[tracing::instrument(skip_all)]
    /// Saves a criterion, if nobody saved it since `version` was read.
    pub async fn update_criterion(
        &self,
        user: &User,
        category: Uuid,
        id: Uuid,
        version: i64,
        input: &CriterionInput<'_>,
    ) -> Result<()> {
        let item = input.parse().map(Item::Criterion);
        let target = (category, Listed::Criterion, Some((id, version)));
        self.write_item(user, target, item).await.map(|_| ())
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_question(
        &self,
        user: &User,
        category: Uuid,
        input: &QuestionInput<'_>,
    ) -> Result<Uuid> {
        let item = input.parse().map(Item::Question);
        self.write_item(user, (category, Listed::Question, None), item)
            .await
    }

    #[tracing::instrument(skip_all)]
    /// Saves a question, if nobody saved it since `version` was read.
    pub async fn update_question(
        &self,
        user: &User,
        category: Uuid,
        id: Uuid,
        version: i64,
        input: &QuestionInput<'_>,
    ) -> Result<()> {
        let item = input.parse().map(Item::Question);
        let target = (category, Listed::Question, Some((id, version)));
        self.write_item(user, target, item).await.map(|_| ())
    }

    /// Adds an item at the end of its list (no id) or updates it, with its audit row.
    async fn write_item(
        &self,
        user: &User,
        (category, listed, id): (Uuid, Listed, Option<(Uuid, i64)>),
        item: std::result::Result<Item, Vec<ValidationError>>,
    ) -> Result<Uuid> {
        let view = self.editable_category(user, category).await?;
        let items = Self::listed(&view, listed);
        if id.is_some_and(|(id, _)| !items.iter().any(|(i, _)| *i == id)) {
            return Err(ServiceError::NotFound);
        }
        let item = item.map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let (id, verb) = match id {
            None => {
                let position = items.last().map_or(0, |(_, p)| p + 1);
                (item.insert(&mut tx, category, position).await?, "add")
            }
            Some((id, version)) => {
                item.update(&mut tx, id, version).await?;
                (id, "update")
            }
        };
        let entity = entity_name(listed);
        let detail = serde_json::json!({ "text": item.text() });
        let action = format!("{entity}.{verb}");
        record(&mut tx, now, user, &action, (entity, id), detail).await?;
        self.commit_public(tx).await?;
        Ok(id)
    }

    /// The ids and positions of one of the category's lists, in order.
    fn listed(view: &CategoryView, listed: Listed) -> Vec<(Uuid, i64)> {
        match listed {
            Listed::Criterion => view.criteria.iter().map(|c| (c.id, c.position)).collect(),
            Listed::Question => view.questions.iter().map(|q| (q.id, q.position)).collect(),
        }
    }

    #[tracing::instrument(skip_all)]
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
        listed::delete(&mut tx, listed, id).await?;
        let entity = entity_name(listed);
        record(
            &mut tx,
            now,
            user,
            &format!("{entity}.remove"),
            (entity, id),
            serde_json::json!({ "category": category }),
        )
        .await?;
        self.commit_public(tx).await?;
        Ok(())
    }

    /// Swaps a criterion or question with its neighbour; at either end nothing moves.
    #[tracing::instrument(skip_all)]
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
            listed::set_position(&mut tx, listed, *item, position as i64).await?;
        }
        self.commit_public(tx).await?;
        Ok(())
    }
}

//! Rounds: create (optionally with the default prizes), edit, copy to next year, and move
//! through their states.

use super::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::local_time::{parse_oslo, years_later};
use prisverdig_domain::round::RoundState;
use prisverdig_domain::setup::{
    CategorySetup, CriterionSetup, QuestionSetup, RoundInput, RoundSetup,
};
use prisverdig_store::Tx;
use prisverdig_store::rounds::{self, CategoryRow, RoundRow};
use prisverdig_store::users::User;
use uuid::Uuid;

/// A round with its categories and the states it may move to next.
pub struct RoundView {
    pub round: RoundRow,
    pub state: RoundState,
    pub categories: Vec<CategoryRow>,
    pub next_states: &'static [RoundState],
}

impl Services {
    pub async fn rounds(&self, user: &User) -> Result<Vec<RoundRow>> {
        require_admin(user)?;
        Ok(rounds::all(&self.db).await?)
    }

    pub(crate) async fn existing_round(&self, id: Uuid) -> Result<RoundRow> {
        rounds::get(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    pub async fn round_view(&self, user: &User, id: Uuid) -> Result<RoundView> {
        require_admin(user)?;
        let round = self.existing_round(id).await?;
        let state = RoundState::parse(&round.state).ok_or_else(|| {
            ServiceError::Internal(format!("round {id} has state {:?}", round.state))
        })?;
        let categories = rounds::round_categories(&self.db, id).await?;
        Ok(RoundView {
            round,
            state,
            categories,
            next_states: state.next_states(),
        })
    }

    /// A new draft round; with `default_prizes` it starts with the shipped categories and
    /// their criteria, due at 23:59 on 1 November the year before the award.
    pub async fn create_round(
        &self,
        user: &User,
        input: &RoundInput<'_>,
        default_prizes: bool,
    ) -> Result<Uuid> {
        require_admin(user)?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let org = self.organisation_for_setup(&mut tx).await?;
        let id = rounds::insert_setup(&mut tx, now, org, &setup, None).await?;
        if default_prizes {
            insert_default_prizes(&mut tx, id, setup.year).await?;
        }
        let detail = serde_json::json!({ "year": setup.year, "title": setup.title, "default_prizes": default_prizes });
        record(&mut tx, now, user, "round.create", ("round", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(id)
    }

    pub async fn update_round(&self, user: &User, id: Uuid, input: &RoundInput<'_>) -> Result<()> {
        require_admin(user)?;
        self.existing_round(id).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        rounds::update(&mut tx, id, &setup).await?;
        let detail = serde_json::json!({ "year": setup.year, "title": setup.title });
        record(&mut tx, now, user, "round.update", ("round", id), detail).await?;
        self.commit_public(tx).await?;
        self.reindex_round_soon(id);
        Ok(())
    }

    /// Moves a round to `to` when its state machine allows it, recording from and to.
    pub async fn transition_round(&self, user: &User, id: Uuid, to: &str) -> Result<RoundState> {
        let view = self.round_view(user, id).await?;
        let refused = || {
            ServiceError::from(ValidationError::new(
                "state",
                "error-transition-not-allowed",
            ))
        };
        let to = RoundState::parse(to).ok_or_else(refused)?;
        if !view.state.can_move_to(to) {
            return Err(refused());
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !rounds::set_state(&mut tx, id, view.state, to).await? {
            return Err(refused());
        }
        let detail = serde_json::json!({ "from": view.state.as_str(), "to": to.as_str() });
        record(
            &mut tx,
            now,
            user,
            "round.transition",
            ("round", id),
            detail,
        )
        .await?;
        self.commit_public(tx).await?;
        self.reindex_round_soon(id);
        Ok(to)
    }

    /// Next year's round as a draft: the same settings a year later, with every category,
    /// criterion and question. Deadline extensions are not copied: they answered that year.
    pub async fn copy_round(&self, user: &User, id: Uuid) -> Result<Uuid> {
        let source = self.round_view(user, id).await?;
        let setup = next_year(&source.round);
        let mut lists = Vec::new();
        for c in &source.categories {
            let criteria = rounds::criteria(&self.db, c.id).await?;
            let questions = rounds::questions(&self.db, c.id).await?;
            lists.push((c, criteria, questions));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let new_id =
            rounds::insert_setup(&mut tx, now, source.round.organisation_id, &setup, Some(id))
                .await?;
        for (c, criteria, questions) in lists {
            let category = copy_category(c);
            let cid = rounds::insert_category_setup(&mut tx, new_id, c.position, &category).await?;
            for k in criteria {
                let s = CriterionSetup {
                    scale: k.scale(),
                    text: k.text,
                    help: k.help,
                    weight: k.weight,
                };
                rounds::insert_criterion_setup(&mut tx, cid, k.position, &s).await?;
            }
            for q in questions {
                let s = QuestionSetup {
                    text: q.text,
                    help: q.help,
                    required: q.required,
                };
                rounds::insert_question(&mut tx, cid, q.position, &s).await?;
            }
        }
        let detail = serde_json::json!({ "from": id, "year": setup.year });
        record(&mut tx, now, user, "round.copy", ("round", new_id), detail).await?;
        self.commit_public(tx).await?;
        Ok(new_id)
    }
}

/// The copy's settings: a year on, the year in the title moved along.
fn next_year(r: &RoundRow) -> RoundSetup {
    let (old, new) = (r.year.to_string(), (r.year + 1).to_string());
    RoundSetup {
        year: r.year + 1,
        title: r.title.replace(&old, &new),
        description: r.description.clone(),
        ceremony_name: r.ceremony_name.clone(),
        ceremony_at: r.ceremony_at.map(|t| years_later(t, 1)),
        ceremony_place: r.ceremony_place.clone(),
        visibility: prisverdig_domain::round::Visibility::parse(&r.visibility)
            .unwrap_or(prisverdig_domain::round::Visibility::OnSubmit),
    }
}

fn copy_category(c: &CategoryRow) -> CategorySetup {
    CategorySetup {
        kind: prisverdig_domain::category::CategoryKind::parse(&c.kind)
            .unwrap_or(prisverdig_domain::category::CategoryKind::Custom),
        name: c.name.clone(),
        description: c.description.clone(),
        prize_sum_kr: c.prize_sum_kr,
        deadline: years_later(c.deadline, 1),
        extended_deadline: None,
        blind: c.blind,
    }
}

async fn insert_default_prizes(tx: &mut Tx, round_id: Uuid, year: i64) -> Result<()> {
    let deadline = parse_oslo(&format!("{}-11-01", year - 1), "23:59")
        .ok_or_else(|| ServiceError::Internal(format!("no 1 November in {}", year - 1)))?;
    for (position, def) in CATEGORIES.iter().enumerate() {
        let setup = CategorySetup {
            kind: def.kind,
            name: def.name.to_string(),
            description: def.description.to_string(),
            prize_sum_kr: def.prize_sum_kr,
            deadline,
            extended_deadline: None,
            blind: false,
        };
        let id = rounds::insert_category_setup(tx, round_id, position as i64, &setup).await?;
        for (i, c) in def.criteria.iter().enumerate() {
            rounds::insert_criterion(tx, id, i as i64, c.text, c.scale).await?;
        }
    }
    Ok(())
}

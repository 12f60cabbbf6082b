//! Rounds: create (optionally with the default prizes), edit, copy to next year, and move
//! through their states.

use super::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::category::is_accepting;
use prisverdig_domain::defaults::{CATEGORIES, default_deadline};
use prisverdig_domain::local_time::years_later;
use prisverdig_domain::round::RoundState;
use prisverdig_domain::setup::{
    CategorySetup, CriterionSetup, QuestionSetup, RoundInput, RoundSetup,
};
use prisverdig_store::categories::{self, CategoryRow};
use prisverdig_store::rounds::{self, RoundRow};
use prisverdig_store::users::User;
use prisverdig_store::{StoreError, Tx};
use prisverdig_store::{criteria, questions};
use time::OffsetDateTime;
use uuid::Uuid;

/// A round with its categories and the states it may move to next.
pub struct RoundView {
    pub round: RoundRow,
    pub state: RoundState,
    pub categories: Vec<CategoryRow>,
    pub next_states: &'static [RoundState],
    /// The names of the categories whose deadline (with any extension) has passed.
    pub past_deadlines: Vec<String>,
    /// Whether every category's deadline has passed (and there is at least one category).
    pub all_deadlines_past: bool,
    /// Only a draft without applications may be deleted.
    pub deletable: bool,
}

/// The year another round of the organisation already has, at the year field.
fn year_taken() -> ServiceError {
    ValidationError::new("year", "error-round-year-taken").into()
}

/// A unique-index violation on the year (a concurrent writer won) as the same field error.
fn duplicate_year(e: StoreError) -> ServiceError {
    match e {
        StoreError::Duplicate(_) => year_taken(),
        other => other.into(),
    }
}

/// The names of `categories` that no longer accept applications at `now`.
fn past_deadlines(categories: &[CategoryRow], now: OffsetDateTime) -> Vec<String> {
    categories
        .iter()
        .filter(|c| !is_accepting(now, c.deadline, c.extended_deadline))
        .map(|c| c.name.clone())
        .collect()
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn rounds(&self, user: &User) -> Result<Vec<RoundRow>> {
        require_admin(user)?;
        Ok(rounds::all(&self.db).await?)
    }

    pub(crate) async fn existing_round(&self, id: Uuid) -> Result<RoundRow> {
        rounds::get(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    #[tracing::instrument(skip_all)]
    pub async fn round_view(&self, user: &User, id: Uuid) -> Result<RoundView> {
        require_admin(user)?;
        let round = self.existing_round(id).await?;
        let state = round.state;
        let categories = categories::of_round(&self.db, id).await?;
        let past = past_deadlines(&categories, self.clock.now());
        let deletable =
            state == RoundState::Draft && rounds::application_count(&self.db, id).await? == 0;
        Ok(RoundView {
            all_deadlines_past: !categories.is_empty() && past.len() == categories.len(),
            past_deadlines: past,
            round,
            state,
            categories,
            next_states: state.next_states(),
            deletable,
        })
    }

    /// A new draft round; with `default_prizes` it starts with the shipped categories and
    /// their criteria, due at the deadline [`default_deadline`] picks (1 November the year
    /// before the award while that is ahead, else a later date). A year another round of
    /// the organisation has is refused at the year field.
    #[tracing::instrument(skip_all)]
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
        if rounds::year_taken(&self.db, org, setup.year, None).await? {
            return Err(year_taken());
        }
        let id = rounds::insert_setup(&mut tx, now, org, &setup, None)
            .await
            .map_err(duplicate_year)?;
        if default_prizes {
            let deadline = default_deadline(setup.year, setup.ceremony_at, now);
            insert_default_prizes(&mut tx, id, deadline).await?;
        }
        let detail = serde_json::json!({ "year": setup.year, "title": setup.title, "default_prizes": default_prizes });
        record(&mut tx, now, user, "round.create", ("round", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(id)
    }

    /// Saves a round's settings, refused with [`ServiceError::Conflict`] when someone else
    /// saved since `version` was read.
    #[tracing::instrument(skip_all)]
    pub async fn update_round(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        input: &RoundInput<'_>,
    ) -> Result<()> {
        require_admin(user)?;
        let round = self.existing_round(id).await?;
        let setup = input.parse().map_err(ServiceError::Invalid)?;
        if rounds::year_taken(&self.db, round.organisation_id, setup.year, Some(id)).await? {
            return Err(year_taken());
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        rounds::update(&mut tx, id, version, &setup)
            .await
            .map_err(duplicate_year)?;
        let detail = serde_json::json!({ "year": setup.year, "title": setup.title });
        record(&mut tx, now, user, "round.update", ("round", id), detail).await?;
        self.commit_public(tx).await?;
        self.reindex_round_soon(id);
        Ok(())
    }

    /// Moves a round to `to` when its state machine allows it, recording from and to.
    #[tracing::instrument(skip_all)]
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
        // An open round whose every deadline has passed takes no application, yet it would
        // take the front page's call to apply: refused, with the categories named on the page.
        if to == RoundState::Open && view.all_deadlines_past {
            return Err(ValidationError::new("state", "error-open-deadlines-past").into());
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
    /// Refused (at `copy`) when the organisation already has a round for next year: the
    /// copy would be a second round for that year.
    #[tracing::instrument(skip_all)]
    pub async fn copy_round(&self, user: &User, id: Uuid) -> Result<Uuid> {
        let source = self.round_view(user, id).await?;
        let setup = next_year(&source.round);
        let copy_taken =
            || ServiceError::from(ValidationError::new("copy", "error-copy-year-taken"));
        if rounds::year_taken(&self.db, source.round.organisation_id, setup.year, None).await? {
            return Err(copy_taken());
        }
        let mut lists = Vec::new();
        for c in &source.categories {
            let criteria = criteria::of_category(&self.db, c.id).await?;
            let questions = questions::of_category(&self.db, c.id).await?;
            lists.push((c, criteria, questions));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let new_id =
            rounds::insert_setup(&mut tx, now, source.round.organisation_id, &setup, Some(id))
                .await
                .map_err(|e| match e {
                    StoreError::Duplicate(_) => copy_taken(),
                    other => other.into(),
                })?;
        for (c, criteria, questions) in lists {
            let category = copy_category(c);
            let cid = categories::insert_setup(&mut tx, new_id, c.position, &category).await?;
            for k in criteria {
                let s = CriterionSetup {
                    scale: k.scale,
                    text: k.text,
                    help: k.help,
                    weight: k.weight,
                };
                criteria::insert_setup(&mut tx, cid, k.position, &s).await?;
            }
            for q in questions {
                let s = QuestionSetup {
                    text: q.text,
                    help: q.help,
                    required: q.required,
                };
                questions::insert(&mut tx, cid, q.position, &s).await?;
            }
        }
        let detail = serde_json::json!({ "from": id, "year": setup.year });
        record(&mut tx, now, user, "round.copy", ("round", new_id), detail).await?;
        self.commit_public(tx).await?;
        Ok(new_id)
    }

    /// Deletes a draft round with its categories, criteria and questions. Refused (at
    /// `delete`) once the round has left the draft state, and for a draft that already has
    /// applications (even unsubmitted ones): those belong to their applicants.
    #[tracing::instrument(skip_all)]
    pub async fn delete_round(&self, user: &User, id: Uuid) -> Result<()> {
        let view = self.round_view(user, id).await?;
        if view.state != RoundState::Draft {
            return Err(ValidationError::new("delete", "error-round-delete-not-draft").into());
        }
        if !view.deletable {
            return Err(
                ValidationError::new("delete", "error-round-delete-has-applications").into(),
            );
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !rounds::delete_draft(&mut tx, id).await? {
            return Err(ValidationError::new("delete", "error-round-delete-not-draft").into());
        }
        let names: Vec<_> = view.categories.iter().map(|c| c.name.as_str()).collect();
        let detail = serde_json::json!({
            "year": view.round.year,
            "title": view.round.title,
            "categories": names,
        });
        record(&mut tx, now, user, "round.delete", ("round", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(())
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
        visibility: r.visibility,
        language: r.language,
    }
}

fn copy_category(c: &CategoryRow) -> CategorySetup {
    CategorySetup {
        kind: c.kind,
        name: c.name.clone(),
        description: c.description.clone(),
        prize_sum_kr: c.prize_sum_kr,
        deadline: years_later(c.deadline, 1),
        extended_deadline: None,
        blind: c.blind,
        peoples_choice: c.peoples_choice,
    }
}

async fn insert_default_prizes(
    tx: &mut Tx,
    round_id: Uuid,
    deadline: OffsetDateTime,
) -> Result<()> {
    for (position, def) in CATEGORIES.iter().enumerate() {
        let setup = CategorySetup {
            kind: def.kind,
            name: def.name.to_string(),
            description: def.description.to_string(),
            prize_sum_kr: def.prize_sum_kr,
            deadline,
            extended_deadline: None,
            blind: false,
            peoples_choice: false,
        };
        let id = categories::insert_setup(tx, round_id, position as i64, &setup).await?;
        for (i, c) in def.criteria.iter().enumerate() {
            criteria::insert(tx, id, i as i64, c.text, c.scale).await?;
        }
    }
    Ok(())
}

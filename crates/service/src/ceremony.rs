//! The award ceremony on the big screen: a round's show (its prizes in order, each with its
//! nominees, its winners with the jury's justification and its honourable mentions) for the
//! people who run it, and the reveal that publishes one prize's results at that moment.
//! Only administrators and a prize's chair (or deputy) run it. The show is read whatever is
//! published, since its slides hold the winners before they are revealed; nothing of it
//! reaches a public page until the reveal, which moves the category's results minute to now
//! (the same publication as `schedule_publication`, checked the same way).

use crate::admin::record;
use crate::jury::require_lead;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::jury::JuryRole;
use prisverdig_domain::outcome::Outcome;
use prisverdig_domain::role::Role;
use prisverdig_store::applications;
use prisverdig_store::catalogue_query::{self, Card, Filter};
use prisverdig_store::categories::{self, CategoryRow};
use prisverdig_store::decisions::{self, DecisionRow};
use prisverdig_store::jury::{self, JuryChange};
use prisverdig_store::rounds::{self, RoundRow};
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

/// One application on a slide, with the jury's words about it.
pub struct ShowEntry {
    pub card: Card,
    pub justification: String,
    /// The people behind it, as its public page names them (`team_names`).
    pub team: Vec<String>,
}

/// One prize of the show.
pub struct ShowPrize {
    pub category: CategoryRow,
    /// Its results are public now (revealed, or published by their minute).
    pub revealed: bool,
    /// It can be revealed: the scores are locked and there is a winner or a reason for none.
    pub ready: bool,
    /// Everyone in the running at the end: the nominated and the winners, by title.
    pub nominees: Vec<ShowEntry>,
    pub winners: Vec<ShowEntry>,
    pub mentions: Vec<ShowEntry>,
    pub no_winner_reason: String,
}

pub struct Show {
    pub round: RoundRow,
    /// The organisation's name, for the diplomas and the programme.
    pub organisation: String,
    pub prizes: Vec<ShowPrize>,
}

/// Whether `user` may run the show of a round with these categories' jury seats.
fn may_run(user: &User, seats: &[Vec<jury::Member>]) -> bool {
    user.has(Role::Administrator)
        || seats
            .iter()
            .flatten()
            .any(|m| m.user_id == user.id && matches!(m.role, JuryRole::Chair | JuryRole::Deputy))
}

impl Services {
    /// The round's show, for an administrator or a prize's chair or deputy.
    #[tracing::instrument(skip_all)]
    pub async fn ceremony(&self, user: &User, round: Uuid) -> Result<Show> {
        let round = rounds::get(&self.db, round)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let categories = categories::of_round(&self.db, round.id).await?;
        let mut seats = Vec::with_capacity(categories.len());
        for c in &categories {
            seats.push(jury::members(&self.db, c.id).await?);
        }
        if !may_run(user, &seats) {
            return Err(ServiceError::Forbidden);
        }
        let now = self.clock.now();
        let mut prizes = Vec::with_capacity(categories.len());
        for category in categories {
            let state = jury::state(&self.db, category.id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let chosen = decisions::of_category(&self.db, category.id).await?;
            let ids: Vec<Uuid> = chosen.iter().map(|d| d.application_id).collect();
            let cards = self.show_cards(&ids).await?;
            let mut teams = HashMap::with_capacity(cards.len());
            for card in &cards {
                if let Some(row) = applications::find(&self.db, card.id).await? {
                    teams.insert(card.id, self.team_names(&row).await?);
                }
            }
            let entries = |keep: &dyn Fn(&DecisionRow) -> bool| -> Vec<ShowEntry> {
                let mut out: Vec<ShowEntry> = chosen
                    .iter()
                    .filter(|d| keep(d))
                    .filter_map(|d| {
                        let card = cards.iter().find(|c| c.id == d.application_id)?;
                        Some(ShowEntry {
                            card: card.clone(),
                            justification: d.justification.clone(),
                            team: teams.get(&card.id).cloned().unwrap_or_default(),
                        })
                    })
                    .collect();
                out.sort_by(|a, b| a.card.title.cmp(&b.card.title));
                out
            };
            let has_winner = chosen.iter().any(|d| d.kind == Outcome::Winner);
            prizes.push(ShowPrize {
                revealed: state.results_at.is_some_and(|at| at <= now),
                ready: state.scores_locked_at.is_some()
                    && (has_winner || !state.no_winner_reason.trim().is_empty()),
                nominees: entries(&|d| {
                    d.nominated || matches!(d.kind, Outcome::Nominee | Outcome::Winner)
                }),
                winners: entries(&|d| d.kind == Outcome::Winner),
                mentions: entries(&|d| d.kind == Outcome::HonourableMention),
                no_winner_reason: state.no_winner_reason.clone(),
                category,
            });
        }
        Ok(Show {
            round,
            organisation: self.organisation_name().await?,
            prizes,
        })
    }

    /// The cards of the given applications as the catalogue shows them (title, unit, image,
    /// summary); the show's applications are submitted and past their deadline, so public.
    async fn show_cards(&self, ids: &[Uuid]) -> Result<Vec<Card>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let filter = Filter {
            ids: Some(ids.to_vec()),
            limit: ids.len() as i64,
            ..Filter::default()
        };
        Ok(catalogue_query::page(&self.db, self.clock.now(), &filter)
            .await?
            .0)
    }

    /// Publishes the prize's results now: the reveal at the ceremony. Its nominees become
    /// public too if they were not. Revealing a prize whose results are public already
    /// changes nothing. Every open page hears of it within a second (`live.rs`).
    #[tracing::instrument(skip_all)]
    /// A prize of another round than the show's is not there (`NotFound`).
    pub async fn reveal(&self, user: &User, round: Uuid, category: Uuid) -> Result<()> {
        let now = self.clock.now();
        let panel = self.panel(category, Some(Uuid::nil())).await?;
        if panel.category.round_id != round {
            return Err(ServiceError::NotFound);
        }
        require_lead(&panel, user)?;
        let state = &panel.state;
        if panel.results_public(now) {
            return Ok(());
        }
        self.results_ready(state, category, &state.no_winner_reason)
            .await?;
        let change = JuryChange {
            scores_locked_at: state.scores_locked_at,
            nominees_at: Some(state.nominees_at.filter(|at| *at <= now).unwrap_or(now)),
            results_at: Some(now),
            no_winner_reason: &state.no_winner_reason,
        };
        let mut tx = self.db.begin().await?;
        jury::set_state(&mut tx, category, state.jury_version, change).await?;
        decisions::schedule_category(&mut tx, category, Some(now)).await?;
        let detail = serde_json::json!({ "at": now.unix_timestamp() });
        record(
            &mut tx,
            now,
            user,
            "ceremony.reveal",
            ("category", category),
            detail,
        )
        .await?;
        self.commit_public(tx).await?;
        if let Err(e) = self.check_published_results().await {
            tracing::warn!(error = %e, "the reveal is published; open pages hear of it at the next poll");
        }
        Ok(())
    }
}

//! The public round archive: every round that is not a draft, each with its prizes in their
//! order, their counts, their published outcomes and what is true to say of a prize without
//! a winner (`domain::results`). The front page between rounds reads the same results.

use crate::{Result, ServiceError, Services};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::results::{
    NotAwarded, PrizeFacts, Standing, results_public, round_finished, round_is_public, standing,
    submitted_count_public,
};
use prisverdig_store::catalogue::{self, Published};
use prisverdig_store::criteria;
use prisverdig_store::round_archive::{self, PrizeRow};
use prisverdig_store::rounds::{self, RoundRow};
use time::OffsetDateTime;

/// One prize of a round, as the public may see it.
pub struct PrizeResult {
    pub prize: PrizeRow,
    pub standing: Standing,
    /// Submitted applications, once the call is over (before, only the published count).
    pub submitted: Option<i64>,
    /// The criteria's texts, in their order (empty where not read).
    pub criteria: Vec<String>,
    /// Published winners, nominees and honourable mentions, highest first.
    pub outcomes: Vec<Published>,
    /// The jury's reason for naming no winner, once the results are public.
    pub no_winner_reason: Option<String>,
}

/// A round with its prizes.
pub struct RoundResults {
    pub round: RoundRow,
    pub prizes: Vec<PrizeResult>,
}

impl RoundResults {
    /// Every prize has its final result (or a round without prizes has been awarded).
    pub fn finished(&self) -> bool {
        let standings: Vec<Standing> = self.prizes.iter().map(|p| p.standing).collect();
        round_finished(self.round.state, &standings)
    }

    /// At least one prize accepts applications now.
    pub fn accepting(&self) -> bool {
        self.prizes
            .iter()
            .any(|p| p.standing == Standing::Accepting)
    }

    pub fn published(&self) -> i64 {
        self.prizes.iter().map(|p| p.prize.published).sum()
    }

    pub fn winners(&self) -> i64 {
        self.prizes.iter().map(|p| p.prize.winners).sum()
    }
}

fn result_of(round: &RoundRow, prize: PrizeRow, now: OffsetDateTime) -> PrizeResult {
    let facts = PrizeFacts {
        now,
        round_state: round.state,
        deadline: prize.deadline,
        extended: prize.extended_deadline,
        results_at: prize.results_at,
        submitted: prize.submitted,
        public_winner: prize.winners > 0,
    };
    let told = submitted_count_public(now, round.state, prize.deadline, prize.extended_deadline);
    let reason = prize.no_winner_reason.trim();
    let reason_public = results_public(prize.results_at, round.state, now) && !reason.is_empty();
    PrizeResult {
        standing: standing(facts),
        submitted: told.then_some(prize.submitted),
        no_winner_reason: reason_public.then(|| reason.to_string()),
        criteria: Vec::new(),
        outcomes: Vec::new(),
        prize,
    }
}

impl Services {
    /// The round's prizes with what may be said of each, without criteria or outcomes.
    async fn standings(&self, round: &RoundRow, now: OffsetDateTime) -> Result<Vec<PrizeResult>> {
        let prizes = round_archive::prizes(&self.db, round.id, now).await?;
        Ok(prizes
            .into_iter()
            .map(|p| result_of(round, p, now))
            .collect())
    }

    /// Every public round, newest first, with its prizes' standings and counts.
    #[tracing::instrument(skip_all)]
    pub async fn public_rounds(&self) -> Result<Vec<RoundResults>> {
        let now = self.clock.now();
        let mut list = Vec::new();
        for round in rounds::all(&self.db).await? {
            if round_is_public(round.state) {
                let prizes = self.standings(&round, now).await?;
                list.push(RoundResults { round, prizes });
            }
        }
        Ok(list)
    }

    /// The round held in `year` with its prizes, criteria and published outcomes;
    /// `NotFound` for a year without a round and for a draft.
    #[tracing::instrument(skip_all)]
    pub async fn public_round(&self, year: i64) -> Result<RoundResults> {
        let (id, state) = round_archive::by_year(&self.db, year)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !round_is_public(state) {
            return Err(ServiceError::NotFound);
        }
        let round = rounds::get(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.round_results(round, self.clock.now()).await
    }

    /// When a catalogue view of one year's prize is empty because nobody applied: the
    /// prize's name (names joined) and whether its results are out (it was then not
    /// awarded). The prize is `kind`, for a custom prize also its `name`. `None` when the year
    /// had no such public prize, or one of them accepts applications or received some.
    #[tracing::instrument(skip_all)]
    pub async fn received_none(
        &self,
        year: i64,
        kind: CategoryKind,
        name: Option<&str>,
    ) -> Result<Option<(String, bool)>> {
        let Some((id, state)) = round_archive::by_year(&self.db, year).await? else {
            return Ok(None);
        };
        let Some(round) = rounds::get(&self.db, id)
            .await?
            .filter(|_| round_is_public(state))
        else {
            return Ok(None);
        };
        let prizes: Vec<PrizeResult> = self
            .standings(&round, self.clock.now())
            .await?
            .into_iter()
            .filter(|p| p.prize.kind == kind && name.is_none_or(|n| p.prize.name == n))
            .collect();
        let none = |s: Standing| {
            matches!(
                s,
                Standing::NoneReceived | Standing::NotAwarded(NotAwarded::NoApplications)
            )
        };
        if prizes.is_empty() || !prizes.iter().all(|p| none(p.standing)) {
            return Ok(None);
        }
        let names: Vec<&str> = prizes.iter().map(|p| p.prize.name.as_str()).collect();
        let not_awarded = prizes.iter().all(|p| p.standing.is_final());
        Ok(Some((names.join(", "), not_awarded)))
    }

    /// A public round read whole: prizes, criteria and outcomes.
    pub(crate) async fn round_results(
        &self,
        round: RoundRow,
        now: OffsetDateTime,
    ) -> Result<RoundResults> {
        let mut prizes = self.standings(&round, now).await?;
        let mut outcomes = catalogue::published_in_round(&self.db, now, round.id).await?;
        outcomes.sort_by_key(|o| (o.category_position, o.kind.rank()));
        for p in &mut prizes {
            p.criteria = criteria::of_category(&self.db, p.prize.id)
                .await?
                .into_iter()
                .map(|c| c.text)
                .collect();
            p.outcomes = outcomes
                .iter()
                .filter(|o| o.category_id == p.prize.id)
                .cloned()
                .collect();
        }
        Ok(RoundResults { round, prizes })
    }
}

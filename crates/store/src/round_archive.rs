//! Public reads for the round archive: a round by its year, and a round's prizes with their
//! counts. Applications are counted through `public_at!` and winners through `outcome_at!`,
//! the same forms the catalogue and the hall of fame use; whether a round itself is public
//! and what may be said of a prize are the domain's rules (`results`), applied by the service
//! to what these return.

use crate::{Db, Result, StoreError, decode, on_pool, utc};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::RoundState;
use time::OffsetDateTime;
use uuid::Uuid;

/// The id and state of the round held in `year`.
pub async fn by_year(db: &Db, year: i64) -> Result<Option<(Uuid, RoundState)>> {
    let row: Option<(Uuid, String)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, state FROM round WHERE year = $1"
    )
    .bind(year)
    .fetch_optional(pool)
    .await)?;
    row.map(|(id, state)| {
        Ok((
            id,
            decode::code(RoundState::parse, "round", id, "state", state)?,
        ))
    })
    .transpose()
}

/// A prize of a round with what the archive tells of it.
#[derive(Debug, Clone)]
pub struct PrizeRow {
    pub id: Uuid,
    pub kind: CategoryKind,
    pub name: String,
    pub description: String,
    /// `None` when the sum is not known (imported history).
    pub prize_sum_kr: Option<i64>,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
    /// The chair's reason for naming no winner; public only with the results.
    pub no_winner_reason: String,
    /// Submitted applications (told only once the call is over): those in the database, or
    /// the number known to have come in when history names only some of them.
    pub submitted: i64,
    /// Applications public at `now`.
    pub published: i64,
    /// Winners public at `now`.
    pub winners: i64,
}

#[derive(sqlx::FromRow)]
struct StoredPrize {
    id: Uuid,
    kind: String,
    name: String,
    description: String,
    prize_sum_kr: i64,
    prize_sum_unknown: bool,
    known_application_count: Option<i64>,
    deadline: OffsetDateTime,
    extended_deadline: Option<OffsetDateTime>,
    results_at: Option<OffsetDateTime>,
    no_winner_reason: String,
    submitted: i64,
    published: i64,
    winners: i64,
}

impl TryFrom<StoredPrize> for PrizeRow {
    type Error = StoreError;

    fn try_from(r: StoredPrize) -> Result<PrizeRow> {
        Ok(PrizeRow {
            kind: decode::code(CategoryKind::parse, "category", r.id, "kind", r.kind)?,
            id: r.id,
            name: r.name,
            description: r.description,
            prize_sum_kr: (!r.prize_sum_unknown).then_some(r.prize_sum_kr),
            deadline: r.deadline,
            extended_deadline: r.extended_deadline,
            results_at: r.results_at,
            no_winner_reason: r.no_winner_reason,
            submitted: r.submitted.max(r.known_application_count.unwrap_or(0)),
            published: r.published,
            winners: r.winners,
        })
    }
}

/// The round's prizes in their order (position, then name).
pub async fn prizes(db: &Db, round: Uuid, now: OffsetDateTime) -> Result<Vec<PrizeRow>> {
    decode::all::<StoredPrize, _>(on_pool!(db, |pool| sqlx::query_as(concat!(
        "SELECT c.id, c.kind, c.name, c.description, c.prize_sum_kr, c.prize_sum_unknown, \
         c.known_application_count, c.deadline, c.extended_deadline, c.results_at, \
         c.no_winner_reason, \
         (SELECT COUNT(*) FROM application a WHERE a.category_id = c.id \
          AND a.state = 'submitted') AS submitted, \
         (SELECT COUNT(*) FROM application a WHERE a.category_id = c.id AND ",
        public_at!("a.state", "c", "r", "$2"),
        ") AS published, \
         (SELECT COUNT(*) FROM decision d JOIN application a ON a.id = d.application_id \
          WHERE a.category_id = c.id AND ",
        outcome_at!("d", "c", "$2"),
        " = 'winner' AND ",
        public_at!("a.state", "c", "r", "$2"),
        ") AS winners \
         FROM category c JOIN round r ON r.id = c.round_id WHERE c.round_id = $1 \
         ORDER BY c.position, c.name"
    ))
    .bind(round)
    .bind(utc(now))
    .fetch_all(pool)
    .await)?)
}

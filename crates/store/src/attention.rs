//! What needs an administrator's attention (the admin home): the categories of rounds that
//! are not yet decided, with their deadlines and how many applications and drafts they
//! have; tips not yet handled; messages waiting in the outbox.

use crate::{Db, Result, StoreError, decode, on_pool};
use prisverdig_domain::round::RoundState;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct Row {
    round_id: Uuid,
    round_title: String,
    round_state: String,
    category_id: Uuid,
    category_name: String,
    deadline: OffsetDateTime,
    extended_deadline: Option<OffsetDateTime>,
    submitted: i64,
    drafts: i64,
}

/// A category of a round under way, as the admin home lists it.
#[derive(Debug, Clone)]
pub struct CategoryProgress {
    pub round_id: Uuid,
    pub round_title: String,
    pub round_state: RoundState,
    pub category_id: Uuid,
    pub category_name: String,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub submitted: i64,
    pub drafts: i64,
}

impl TryFrom<Row> for CategoryProgress {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<CategoryProgress> {
        let round_state = decode::code(
            RoundState::parse,
            "round",
            r.round_id,
            "state",
            r.round_state,
        )?;
        Ok(CategoryProgress {
            round_id: r.round_id,
            round_title: r.round_title,
            round_state,
            category_id: r.category_id,
            category_name: r.category_name,
            deadline: r.deadline,
            extended_deadline: r.extended_deadline,
            submitted: r.submitted,
            drafts: r.drafts,
        })
    }
}

/// Categories of rounds in draft, open, closed or judging, by round year then position.
pub async fn rounds_under_way(db: &Db) -> Result<Vec<CategoryProgress>> {
    let rows: Vec<Row> = on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT r.id AS round_id, r.title AS round_title, r.state AS round_state, \
         c.id AS category_id, c.name AS category_name, c.deadline, c.extended_deadline, \
         (SELECT COUNT(*) FROM application a WHERE a.category_id = c.id AND a.state = 'submitted') AS submitted, \
         (SELECT COUNT(*) FROM application a WHERE a.category_id = c.id AND a.state = 'draft') AS drafts \
         FROM category c JOIN round r ON r.id = c.round_id \
         WHERE r.state IN ('draft', 'open', 'closed', 'judging') \
         ORDER BY r.year, r.created_at, c.position, c.name"
    )
    .fetch_all(pool)
    .await
    })?;
    rows.into_iter().map(CategoryProgress::try_from).collect()
}

/// Tips not yet marked as handled.
pub async fn open_tips(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM tip WHERE handled_at IS NULL"
    )
    .fetch_one(pool)
    .await)?)
}

/// Messages in the outbox: (waiting to be sent, given up by the sender).
pub async fn outbox_waiting(db: &Db) -> Result<(i64, i64)> {
    let [pending, _, failed] = crate::outbox::counts(db).await?;
    Ok((pending, failed))
}

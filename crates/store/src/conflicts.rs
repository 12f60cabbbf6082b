//! Conflicts of interest («inhabilitet») declared by a juror or pointed out by an applicant,
//! and an administrator's decision on each. Automatic conflicts are not stored: the rule
//! (`domain::jury::conflict::automatic`) finds them from the team and the organisation chart
//! whenever the jury's data is read, so they can never go stale.

use crate::decode;
use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::jury::conflict::{Grounds, Source, Status};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct ConflictRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub application_title: String,
    pub category_id: Uuid,
    pub user_id: Uuid,
    pub juror_name: String,
    pub grounds: Grounds,
    pub source: Source,
    pub status: Status,
    pub reason: String,
    pub raised_at: OffsetDateTime,
    pub decided_at: Option<OffsetDateTime>,
    pub decision_reason: String,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    application_id: Uuid,
    application_title: String,
    category_id: Uuid,
    user_id: Uuid,
    juror_name: String,
    grounds: String,
    source: String,
    status: String,
    reason: String,
    raised_at: OffsetDateTime,
    decided_at: Option<OffsetDateTime>,
    decision_reason: String,
    version: i64,
}

impl TryFrom<Stored> for ConflictRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<ConflictRow> {
        Ok(ConflictRow {
            grounds: decode::code(Grounds::parse, "conflict", r.id, "grounds", r.grounds)?,
            source: decode::code(Source::parse, "conflict", r.id, "source", r.source)?,
            status: decode::code(Status::parse, "conflict", r.id, "status", r.status)?,
            id: r.id,
            application_id: r.application_id,
            application_title: r.application_title,
            category_id: r.category_id,
            user_id: r.user_id,
            juror_name: r.juror_name,
            reason: r.reason,
            raised_at: r.raised_at,
            decided_at: r.decided_at,
            decision_reason: r.decision_reason,
            version: r.version,
        })
    }
}

macro_rules! select {
    () => {
        "SELECT k.id, k.application_id, a.title AS application_title, a.category_id, \
     k.user_id, u.name AS juror_name, k.grounds, k.source, k.status, k.reason, k.raised_at, \
     k.decided_at, k.decision_reason, k.version FROM conflict k \
     JOIN application a ON a.id = k.application_id JOIN users u ON u.id = k.user_id"
    };
}

/// The stored conflicts of a category's applications.
pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<ConflictRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(concat!(
        select!(),
        " WHERE a.category_id = $1 ORDER BY k.raised_at, k.id"
    ))
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

/// Every stored conflict, pending first, newest first: the administrators' list.
pub async fn all(db: &Db) -> Result<Vec<ConflictRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(concat!(
        select!(),
        " ORDER BY CASE k.status WHEN 'pending' THEN 0 ELSE 1 END, k.raised_at DESC, k.id"
    ))
    .fetch_all(pool)
    .await)?)
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<ConflictRow>> {
    decode::optional::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(concat!(
        select!(),
        " WHERE k.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

pub struct NewConflict<'a> {
    pub application_id: Uuid,
    pub user_id: Uuid,
    pub grounds: Grounds,
    pub source: Source,
    pub reason: &'a str,
    pub raised_by: Uuid,
}

/// Records a declared or pointed-out conflict; one per juror and application
/// ([`StoreError::Duplicate`] for a second).
pub async fn insert(tx: &mut Tx, now: OffsetDateTime, c: NewConflict<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO conflict (id, application_id, user_id, grounds, source, status, reason, \
         raised_by, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(id)
    .bind(c.application_id)
    .bind(c.user_id)
    .bind(c.grounds.as_str())
    .bind(c.source.as_str())
    .bind(c.source.initial_status().as_str())
    .bind(c.reason)
    .bind(c.raised_by)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))
    .map_err(|e| StoreError::unique_as(e, "conflict"))?;
    Ok(id)
}

/// An administrator's decision, if nobody decided since `expected`.
pub async fn decide(
    tx: &mut Tx,
    now: OffsetDateTime,
    id: Uuid,
    expected: i64,
    status: Status,
    by: Uuid,
    reason: &str,
) -> Result<()> {
    let n = on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE conflict SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4, \
         version = version + 1 WHERE id = $5 AND version = $6"
    )
    .bind(status.as_str())
    .bind(by)
    .bind(utc(now))
    .bind(reason)
    .bind(id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    StoreError::checked(n, "conflict", expected).map(|_| ())
}

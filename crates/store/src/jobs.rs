//! Scheduled jobs: made ahead of their minute from the stored schedules (one row per key),
//! claimed by one process at a time for a while (a lease), and finished in the same
//! transaction as their effects, so a run happens once across processes and restarts.

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::schedule::{JobKind, JobSpec};
use time::OffsetDateTime;
use uuid::Uuid;

/// Stores the specs not stored yet; returns how many were new.
pub async fn make(tx: &mut Tx, specs: &[JobSpec]) -> Result<u64> {
    let mut made = 0;
    for spec in specs {
        made += on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO job (id, kind, payload, run_at, job_key, subject_id) \
             VALUES ($1, $2, '{}', $3, $4, $5) ON CONFLICT (job_key) DO NOTHING"
        )
        .bind(Uuid::now_v7())
        .bind(spec.kind.stored())
        .bind(utc(spec.due_at))
        .bind(spec.key())
        .bind(spec.subject)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(made)
}

/// A job as stored.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: Uuid,
    pub kind: JobKind,
    pub key: String,
    pub subject: Option<Uuid>,
    pub run_at: OffsetDateTime,
    pub attempts: i64,
    pub started_at: Option<OffsetDateTime>,
    pub done_at: Option<OffsetDateTime>,
    pub outcome: Option<String>,
    pub last_error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    job_key: Option<String>,
    subject_id: Option<Uuid>,
    run_at: OffsetDateTime,
    attempts: i64,
    started_at: Option<OffsetDateTime>,
    done_at: Option<OffsetDateTime>,
    outcome: Option<String>,
    last_error: Option<String>,
}

impl TryFrom<Row> for Job {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Job> {
        Ok(Job {
            kind: crate::decode::code(JobKind::parse, "job", r.id, "kind", r.kind)?,
            key: r.job_key.unwrap_or_default(),
            id: r.id,
            subject: r.subject_id,
            run_at: r.run_at,
            attempts: r.attempts,
            started_at: r.started_at,
            done_at: r.done_at,
            outcome: r.outcome,
            last_error: r.last_error,
        })
    }
}

const COLUMNS: &str =
    "id, kind, job_key, subject_id, run_at, attempts, started_at, done_at, outcome, last_error";

/// Claims up to `limit` due jobs that nobody holds, until `lease_until`.
pub async fn claim(
    db: &Db,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    limit: i64,
) -> Result<Vec<Job>> {
    let due = "SELECT id FROM job WHERE done_at IS NULL AND job_key IS NOT NULL AND run_at <= $1 \
               AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_at, id LIMIT $3";
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => " FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE job SET locked_until = $2, attempts = attempts + 1, started_at = $1 \
         WHERE id IN ({due}{lock}) RETURNING {COLUMNS}"
    );
    let rows: Vec<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(utc(now))
        .bind(utc(lease_until))
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    crate::decode::all(rows)
}

/// Marks the job done in the transaction that holds its effects. `false`: another process
/// finished it first (its lease ran out while this one worked); the caller rolls back.
pub async fn finish(tx: &mut Tx, id: Uuid, now: OffsetDateTime, outcome: &str) -> Result<bool> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE job SET done_at = $2, outcome = $3, locked_until = NULL, last_error = NULL \
         WHERE id = $1 AND done_at IS NULL"
    )
    .bind(id)
    .bind(utc(now))
    .bind(outcome)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records a failed run, tried again at `retry_at`.
pub async fn fail(db: &Db, id: Uuid, error: &str, retry_at: OffsetDateTime) -> Result<()> {
    on_pool!(db, |pool| sqlx::query(
        "UPDATE job SET locked_until = NULL, last_error = $2, run_at = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(error)
    .bind(utc(retry_at))
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The next `limit` jobs to run, soonest first.
pub async fn upcoming(db: &Db, limit: i64) -> Result<Vec<Job>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM job WHERE done_at IS NULL AND job_key IS NOT NULL \
         ORDER BY run_at, id LIMIT $1"
    );
    read(db, sql, limit).await
}

/// The last `limit` runs, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Job>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM job WHERE done_at IS NOT NULL AND job_key IS NOT NULL \
         ORDER BY done_at DESC, id DESC LIMIT $1"
    );
    read(db, sql, limit).await
}

async fn read(db: &Db, sql: String, limit: i64) -> Result<Vec<Job>> {
    let rows: Vec<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    crate::decode::all(rows)
}

/// The schedules jobs are made from: every category's minutes and every round's ceremony.
pub async fn category_minutes(
    db: &Db,
) -> Result<Vec<prisverdig_domain::schedule::CategoryMinutes>> {
    type R = (
        Uuid,
        OffsetDateTime,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
    );
    let rows: Vec<R> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, deadline, extended_deadline, nominees_at, results_at FROM category"
    )
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, deadline, extended, nominees_at, results_at)| {
            prisverdig_domain::schedule::CategoryMinutes {
                id,
                deadline: extended.unwrap_or(deadline),
                nominees_at,
                results_at,
            }
        })
        .collect())
}

/// Every round with a ceremony: (round, ceremony's minute).
pub async fn ceremonies(db: &Db) -> Result<Vec<(Uuid, OffsetDateTime)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, ceremony_at FROM round WHERE ceremony_at IS NOT NULL"
    )
    .fetch_all(pool)
    .await)?)
}

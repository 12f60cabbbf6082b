//! «Ble det varig?»: one follow-up per nominated or winning application, reached by the
//! secret of its link, and the team's answer once given.

use crate::{Db, Result, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::follow_up::{Answer, InUse};
use time::OffsetDateTime;
use uuid::Uuid;

/// Makes the follow-up of an application (once); returns its token, new or old.
pub async fn ask(
    tx: &mut Tx,
    application_id: Uuid,
    fresh: &str,
    now: OffsetDateTime,
) -> Result<String> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO follow_up (application_id, token, asked_at) VALUES ($1, $2, $3) \
         ON CONFLICT (application_id) DO NOTHING"
    )
    .bind(application_id)
    .bind(fresh)
    .bind(utc(now))
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT token FROM follow_up WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_one(conn)
    .await)?)
}

/// A follow-up as stored.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub application_id: Uuid,
    pub asked_at: OffsetDateTime,
    pub answered_at: Option<OffsetDateTime>,
    pub answer: Option<Answer>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    application_id: Uuid,
    asked_at: OffsetDateTime,
    answered_at: Option<OffsetDateTime>,
    in_use: Option<String>,
    spread: String,
    changed: String,
    version: i64,
}

impl TryFrom<Row> for FollowUp {
    type Error = crate::StoreError;
    fn try_from(r: Row) -> Result<FollowUp> {
        let in_use = match r.in_use {
            Some(code) => Some(decode::code(
                InUse::parse,
                "follow_up",
                r.application_id,
                "in_use",
                code,
            )?),
            None => None,
        };
        Ok(FollowUp {
            application_id: r.application_id,
            asked_at: r.asked_at,
            answered_at: r.answered_at,
            answer: in_use.map(|in_use| Answer {
                in_use,
                spread: r.spread,
                changed: r.changed,
            }),
            version: r.version,
        })
    }
}

const COLUMNS: &str = "application_id, asked_at, answered_at, in_use, spread, changed, version";

/// The follow-up a link's token opens.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<FollowUp>> {
    let sql = format!("SELECT {COLUMNS} FROM follow_up WHERE token = $1");
    let row: Option<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(token)
        .fetch_optional(pool)
        .await)?;
    decode::optional(row)
}

/// An application's answered follow-up, for its public page.
pub async fn answered(db: &Db, application_id: Uuid) -> Result<Option<FollowUp>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM follow_up WHERE application_id = $1 AND answered_at IS NOT NULL"
    );
    let row: Option<Row> = on_pool!(db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(application_id)
        .fetch_optional(pool)
        .await)?;
    decode::optional(row)
}

/// Saves the answer if nobody saved one since `expected`; `false` when someone did.
pub async fn answer(
    tx: &mut Tx,
    token: &str,
    expected: i64,
    answer: &Answer,
    (by, now): (Option<Uuid>, OffsetDateTime),
) -> Result<bool> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE follow_up SET in_use = $3, spread = $4, changed = $5, answered_by = $6, \
         answered_at = $7, version = version + 1 WHERE token = $1 AND version = $2"
    )
    .bind(token)
    .bind(expected)
    .bind(answer.in_use.code())
    .bind(&answer.spread)
    .bind(&answer.changed)
    .bind(by)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

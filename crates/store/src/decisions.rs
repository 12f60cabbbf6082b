//! The jury's decisions (nominee, winner, honourable mention, each with its justification)
//! and its feedback to every application. A decision is public only through
//! `outcome_at!` (its publication minute, or the category's nominee minute for a nominee);
//! the rows here are the jury's working copy until then.

use crate::decode;
use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::outcome::Outcome;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct DecisionRow {
    pub application_id: Uuid,
    pub kind: Outcome,
    pub nominated: bool,
    pub justification: String,
    pub published_at: Option<OffsetDateTime>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    application_id: Uuid,
    kind: String,
    nominated: bool,
    justification: String,
    published_at: Option<OffsetDateTime>,
    version: i64,
}

impl TryFrom<Stored> for DecisionRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<DecisionRow> {
        Ok(DecisionRow {
            kind: decode::code(Outcome::parse, "decision", r.application_id, "kind", r.kind)?,
            application_id: r.application_id,
            nominated: r.nominated,
            justification: r.justification,
            published_at: r.published_at,
            version: r.version,
        })
    }
}

/// The decisions on a category's applications, published or not.
pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<DecisionRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(
        "SELECT d.application_id, d.kind, d.nominated, d.justification, d.published_at, d.version \
         FROM decision d JOIN application a ON a.id = d.application_id WHERE a.category_id = $1 \
         ORDER BY d.application_id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

/// Sets the decision on an application: a new one when `expected` is `None`, otherwise
/// only if nobody changed it since `expected`. A winner and a nominee are nominated; an
/// honourable mention is not. Returns the new version.
pub async fn set(
    tx: &mut Tx,
    now: OffsetDateTime,
    application_id: Uuid,
    expected: Option<i64>,
    kind: Outcome,
    justification: &str,
    by: Uuid,
) -> Result<i64> {
    let nominated = kind != Outcome::HonourableMention;
    match expected {
        None => {
            on_tx!(tx, |conn| sqlx::query(
                "INSERT INTO decision (id, application_id, kind, justification, nominated, \
                 decided_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)"
            )
            .bind(Uuid::now_v7())
            .bind(application_id)
            .bind(kind.as_str())
            .bind(justification)
            .bind(nominated)
            .bind(by)
            .bind(utc(now))
            .execute(conn)
            .await
            .map(|_| ()))
            .map_err(|e| StoreError::unique_as(e, "decision"))?;
            Ok(1)
        }
        Some(expected) => {
            let n = on_tx!(tx, |conn| {
                sqlx::query(
                "UPDATE decision SET kind = $1, justification = $2, nominated = $3, decided_by = $4, \
                 updated_at = $5, version = version + 1 WHERE application_id = $6 AND version = $7"
            )
            .bind(kind.as_str())
            .bind(justification)
            .bind(nominated)
            .bind(by)
            .bind(utc(now))
            .bind(application_id)
            .bind(expected)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
            })?;
            StoreError::checked(n, "decision", expected)
        }
    }
}

/// Removes the decision on an application if nobody changed it since `expected`.
pub async fn remove(tx: &mut Tx, application_id: Uuid, expected: i64) -> Result<()> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM decision WHERE application_id = $1 AND version = $2"
    )
    .bind(application_id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    StoreError::checked(n, "decision", expected).map(|_| ())
}

/// Gives every decision of the category the publication minute `at` (`None`: unpublished).
pub async fn schedule_category(
    tx: &mut Tx,
    category_id: Uuid,
    at: Option<OffsetDateTime>,
) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE decision SET published_at = $1 WHERE application_id IN \
         (SELECT id FROM application WHERE category_id = $2)"
    )
    .bind(at.map(utc))
    .bind(category_id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedbackRow {
    pub application_id: Uuid,
    pub text: String,
    pub updated_at: OffsetDateTime,
    pub version: i64,
}

/// The feedback written for a category's applications.
pub async fn feedback_of_category(db: &Db, category_id: Uuid) -> Result<Vec<FeedbackRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT f.application_id, f.text, f.updated_at, f.version FROM feedback f \
         JOIN application a ON a.id = f.application_id WHERE a.category_id = $1"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

/// The feedback on one application, whoever may read it (the caller decides).
pub async fn feedback(db: &Db, application_id: Uuid) -> Result<Option<FeedbackRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT application_id, text, updated_at, version FROM feedback WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_optional(pool)
    .await)?)
}

/// Writes the feedback on an application: new when `expected` is `None`, otherwise only if
/// nobody changed it since `expected`. Returns the new version.
pub async fn set_feedback(
    tx: &mut Tx,
    now: OffsetDateTime,
    application_id: Uuid,
    expected: Option<i64>,
    text: &str,
    by: Uuid,
) -> Result<i64> {
    match expected {
        None => {
            on_tx!(tx, |conn| sqlx::query(
                "INSERT INTO feedback (application_id, text, written_by, updated_at, version) \
                 VALUES ($1, $2, $3, $4, 1)"
            )
            .bind(application_id)
            .bind(text)
            .bind(by)
            .bind(utc(now))
            .execute(conn)
            .await
            .map(|_| ()))
            .map_err(|e| StoreError::unique_as(e, "feedback"))?;
            Ok(1)
        }
        Some(expected) => {
            let n = on_tx!(tx, |conn| {
                sqlx::query(
                "UPDATE feedback SET text = $1, written_by = $2, updated_at = $3, version = version + 1 \
                 WHERE application_id = $4 AND version = $5"
            )
            .bind(text)
            .bind(by)
            .bind(utc(now))
            .bind(application_id)
            .bind(expected)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
            })?;
            StoreError::checked(n, "feedback", expected)
        }
    }
}

//! `redaction`: an administrator's redacted copy of an application for a blind jury, as the
//! rewritten texts by field key (`domain::jury::redaction`), version-checked.

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use sqlx::types::Json;
use std::collections::BTreeMap;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RedactionRow {
    pub application_id: Uuid,
    pub texts: Json<BTreeMap<String, String>>,
    pub updated_at: OffsetDateTime,
    pub version: i64,
}

/// The copy of one application, if one was written.
pub async fn get(db: &Db, application_id: Uuid) -> Result<Option<RedactionRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT application_id, texts, updated_at, version FROM redaction \
         WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_optional(pool)
    .await)?)
}

/// The copies written for a category's applications.
pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<RedactionRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT r.application_id, r.texts, r.updated_at, r.version FROM redaction r \
         JOIN application a ON a.id = r.application_id WHERE a.category_id = $1"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

/// Writes the copy: new when `expected` is `None`, otherwise only if nobody changed it since
/// `expected`. Returns the new version.
pub async fn put(
    tx: &mut Tx,
    now: OffsetDateTime,
    application_id: Uuid,
    expected: Option<i64>,
    texts: &BTreeMap<String, String>,
    by: Uuid,
) -> Result<i64> {
    let Some(expected) = expected else {
        on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO redaction (application_id, texts, written_by, updated_at, version) \
             VALUES ($1, $2, $3, $4, 1)"
        )
        .bind(application_id)
        .bind(Json(texts))
        .bind(by)
        .bind(utc(now))
        .execute(conn)
        .await
        .map(|_| ()))
        .map_err(|e| StoreError::unique_as(e, "redaction"))?;
        return Ok(1);
    };
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE redaction SET texts = $1, written_by = $2, updated_at = $3, \
         version = version + 1 WHERE application_id = $4 AND version = $5"
    )
    .bind(Json(texts))
    .bind(by)
    .bind(utc(now))
    .bind(application_id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    StoreError::checked(n, "redaction", expected)
}

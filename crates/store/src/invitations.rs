//! Invitation links: a token's SHA-256 with the account it opens, when it stops working and
//! when it was used. The token itself is never stored.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub user_id: Uuid,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

pub async fn insert(
    tx: &mut Tx,
    now: OffsetDateTime,
    token_hash: &str,
    user_id: Uuid,
    expires_at: OffsetDateTime,
) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO invitation (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(utc(now))
    .bind(utc(expires_at))
    .execute(conn)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

pub async fn find(db: &Db, token_hash: &str) -> Result<Option<Invitation>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT user_id, expires_at, used_at FROM invitation WHERE token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await)?)
}

/// Marks the link used, once: false when it was used (or expired) meanwhile.
pub async fn mark_used(tx: &mut Tx, now: OffsetDateTime, token_hash: &str) -> Result<bool> {
    let updated = on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE invitation SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1"
    )
    .bind(utc(now))
    .bind(token_hash)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(updated == 1)
}

/// Older links of the same account stop working when a new one is made or one is used.
pub async fn retire_others(tx: &mut Tx, now: OffsetDateTime, user_id: Uuid) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE invitation SET expires_at = $1 WHERE user_id = $2 AND used_at IS NULL AND expires_at > $1"
    )
    .bind(utc(now))
    .bind(user_id)
    .execute(conn)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

//! `external_identity`: the user a single sign-on provider vouches for, keyed by the
//! provider's issuer and its subject identifier, never by e-mail (issue 11).

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

/// The user an issuer's subject belongs to, if it has signed in before.
pub async fn user_of(db: &Db, issuer: &str, subject: &str) -> Result<Option<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT user_id FROM external_identity WHERE issuer = $1 AND subject = $2"
    )
    .bind(issuer)
    .bind(subject)
    .fetch_optional(pool)
    .await)?)
}

/// Binds `issuer` + `subject` to `user_id`; a pair bound already is [`StoreError::Duplicate`].
pub async fn insert(
    tx: &mut Tx,
    now: OffsetDateTime,
    issuer: &str,
    subject: &str,
    user_id: Uuid,
) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO external_identity (issuer, subject, user_id, created_at) \
         VALUES ($1, $2, $3, $4)"
    )
    .bind(issuer)
    .bind(subject)
    .bind(user_id)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))
    .map_err(|e| StoreError::unique_as(e, "external identity"))
}

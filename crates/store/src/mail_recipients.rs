//! Who turned the optional messages off, by address, and the secret of each address's
//! unsubscribe link.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;

/// The address's unsubscribe token, made with `fresh` the first time it is asked for.
pub async fn token(tx: &mut Tx, email: &str, fresh: &str) -> Result<String> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO mail_recipient (email, token) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING"
    )
    .bind(email)
    .bind(fresh)
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT token FROM mail_recipient WHERE email = $1"
    )
    .bind(email)
    .fetch_one(conn)
    .await)?)
}

/// Whether the address turned the optional messages off.
pub async fn opted_out(tx: &mut Tx, email: &str) -> Result<bool> {
    let at: Option<Option<OffsetDateTime>> = on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT opted_out_at FROM mail_recipient WHERE email = $1"
    )
    .bind(email)
    .fetch_optional(conn)
    .await)?;
    Ok(matches!(at, Some(Some(_))))
}

/// The address a token belongs to, and whether it has opted out.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<(String, bool)>> {
    let row: Option<(String, Option<OffsetDateTime>)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT email, opted_out_at FROM mail_recipient WHERE token = $1"
    )
    .bind(token)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(email, at)| (email, at.is_some())))
}

/// Turns the optional messages off (`Some(now)`) or on again (`None`) for a token's address.
pub async fn set_opted_out(db: &Db, token: &str, at: Option<OffsetDateTime>) -> Result<bool> {
    let n = on_pool!(db, |pool| sqlx::query(
        "UPDATE mail_recipient SET opted_out_at = $2 WHERE token = $1"
    )
    .bind(token)
    .bind(at.map(utc))
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

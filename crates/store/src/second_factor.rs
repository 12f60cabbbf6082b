//! A local account's second factor: its TOTP secret with the last time step a code was
//! accepted for (columns of `users`), and its one-time recovery codes, kept as SHA-256.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

/// The TOTP secret (base32) and the last step used, if the user has enrolled.
pub async fn totp(db: &Db, user_id: Uuid) -> Result<Option<(String, Option<i64>)>> {
    let row: Option<(Option<String>, Option<i64>)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT totp_secret, totp_last_step FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await)?;
    Ok(row.and_then(|(secret, step)| secret.map(|s| (s, step))))
}

/// Enrols the user with `secret`, its first code used at `step` (none: no code used yet),
/// and replaces their recovery codes with `code_hashes`.
pub async fn enrol(
    tx: &mut Tx,
    now: OffsetDateTime,
    user_id: Uuid,
    secret: &str,
    step: Option<i64>,
    code_hashes: &[String],
) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE users SET totp_secret = $1, totp_last_step = $2, version = version + 1 WHERE id = $3"
    )
    .bind(secret)
    .bind(step)
    .bind(user_id)
    .execute(conn)
    .await
    .map(|_| ())
    })?;
    replace_recovery_codes(tx, now, user_id, code_hashes).await
}

/// Replaces the user's recovery codes (used or not) with `code_hashes`.
pub async fn replace_recovery_codes(
    tx: &mut Tx,
    now: OffsetDateTime,
    user_id: Uuid,
    code_hashes: &[String],
) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM recovery_code WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    for hash in code_hashes {
        on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO recovery_code (code_hash, user_id, created_at) VALUES ($1, $2, $3)"
        )
        .bind(hash)
        .bind(user_id)
        .bind(utc(now))
        .execute(conn)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

/// Takes `step` as the last used step, once: false when it (or a later one) was used
/// already, by this process or another.
pub async fn use_step(db: &Db, user_id: Uuid, step: i64) -> Result<bool> {
    let updated = on_pool!(db, |pool| sqlx::query(
        "UPDATE users SET totp_last_step = $1 \
         WHERE id = $2 AND totp_secret IS NOT NULL \
         AND (totp_last_step IS NULL OR totp_last_step < $1)"
    )
    .bind(step)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(updated == 1)
}

/// Uses up the recovery code with `code_hash`, once: false when it is unknown or used.
pub async fn use_recovery_code(
    db: &Db,
    now: OffsetDateTime,
    user_id: Uuid,
    code_hash: &str,
) -> Result<bool> {
    let updated = on_pool!(db, |pool| sqlx::query(
        "UPDATE recovery_code SET used_at = $1 \
         WHERE code_hash = $2 AND user_id = $3 AND used_at IS NULL"
    )
    .bind(utc(now))
    .bind(code_hash)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(updated == 1)
}

/// How many of the user's recovery codes are still unused.
pub async fn recovery_codes_left(db: &Db, user_id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_code WHERE user_id = $1 AND used_at IS NULL"
    )
    .bind(user_id)
    .fetch_one(pool)
    .await)?)
}

/// Removes the second factor (break-glass from the command line): the next sign-in asks
/// for a new enrolment where the user's roles require one.
pub async fn remove(tx: &mut Tx, user_id: Uuid) -> Result<u64> {
    let updated = on_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET totp_secret = NULL, totp_last_step = NULL, version = version + 1 \
         WHERE id = $1"
    )
    .bind(user_id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM recovery_code WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(updated)
}

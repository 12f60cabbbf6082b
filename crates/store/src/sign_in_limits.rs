//! Failed sign-ins counted per key (an account or a client address, as a hash) in a fixed
//! window, shared by every process on the database. One row per key: a failure after the
//! window has passed starts a new window in the same row, and [`prune`] deletes rows whose
//! window has passed, so the table holds at most the keys that failed within one window.

use crate::{Db, Result, on_pool, utc};
use time::OffsetDateTime;

/// The failures of each of `keys` in windows that started after `since` (0 for others).
pub async fn failures(db: &Db, keys: [&str; 2], since: OffsetDateTime) -> Result<[i64; 2]> {
    let rows: Vec<(String, i64)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT key, failures FROM sign_in_limit WHERE key IN ($1, $2) AND window_start > $3"
    )
    .bind(keys[0])
    .bind(keys[1])
    .bind(utc(since))
    .fetch_all(pool)
    .await)?;
    let of = |key: &str| {
        rows.iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, failures)| *failures)
    };
    Ok([of(keys[0]), of(keys[1])])
}

/// Counts one failure for `key` at `now`; a window that started at or before `since` is
/// over, and the failure starts a new one.
pub async fn record_failure(
    db: &Db,
    key: &str,
    now: OffsetDateTime,
    since: OffsetDateTime,
) -> Result<()> {
    on_pool!(db, |pool| sqlx::query(
        "INSERT INTO sign_in_limit (key, window_start, failures) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
         failures = CASE WHEN sign_in_limit.window_start <= $3 THEN 1 \
                    ELSE sign_in_limit.failures + 1 END, \
         window_start = CASE WHEN sign_in_limit.window_start <= $3 THEN excluded.window_start \
                        ELSE sign_in_limit.window_start END"
    )
    .bind(key)
    .bind(utc(now))
    .bind(utc(since))
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Forgets the failures of `key` (an account that signed in).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    on_pool!(db, |pool| sqlx::query(
        "DELETE FROM sign_in_limit WHERE key = $1"
    )
    .bind(key)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Deletes the rows whose window started at or before `since`; returns how many.
pub async fn prune(db: &Db, since: OffsetDateTime) -> Result<u64> {
    Ok(on_pool!(db, |pool| sqlx::query(
        "DELETE FROM sign_in_limit WHERE window_start <= $1"
    )
    .bind(utc(since))
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?)
}

/// How many keys are counted (for tests and operations).
pub async fn count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_limit"
    )
    .fetch_one(pool)
    .await)?)
}

//! The public-data change counter behind the page cache, and the instants at which public
//! data changes by the clock alone (a deadline passing, a story's publication time).

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;

/// Raises the counter inside the transaction that changes public data.
pub async fn bump(tx: &mut Tx) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query("UPDATE public_change SET seq = seq + 1 WHERE id = 1")
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// The counter as committed.
pub async fn current(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT seq FROM public_change WHERE id = 1"
    )
    .fetch_one(pool)
    .await)?)
}

/// The next instant after `now` at which something becomes public without anyone writing:
/// a category's (extended) deadline in a round that shows applications only after it, or
/// a story's scheduled publication.
pub async fn next_by_clock(db: &Db, now: OffsetDateTime) -> Result<Option<OffsetDateTime>> {
    let deadline: Option<OffsetDateTime> = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT MIN(COALESCE(c.extended_deadline, c.deadline)) FROM category c \
         JOIN round r ON r.id = c.round_id \
         WHERE r.state <> 'draft' AND r.visibility <> 'on_submit' \
         AND COALESCE(c.extended_deadline, c.deadline) > $1"
    )
    .bind(utc(now))
    .fetch_one(pool)
    .await)?;
    let story: Option<OffsetDateTime> = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT MIN(published_at) FROM story WHERE published_at > $1"
    )
    .bind(utc(now))
    .fetch_one(pool)
    .await)?;
    Ok(match (deadline, story) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

//! The public-data change counter behind the page cache, and the instants at which public
//! data changes by the clock alone (a deadline passing, a story's publication time).

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;

/// Raises the counter inside the transaction that changes public data.
pub async fn bump(tx: &mut Tx) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE public_change SET seq = seq + 1 WHERE id = 1"
    )
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// [`bump`], returning the counter's new value (as this transaction will commit it).
pub async fn bump_returning(tx: &mut Tx) -> Result<i64> {
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "UPDATE public_change SET seq = seq + 1 WHERE id = 1 RETURNING seq"
    )
    .fetch_one(conn)
    .await)?)
}

/// The counter as committed.
pub async fn current(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT seq FROM public_change WHERE id = 1"
    )
    .fetch_one(pool)
    .await)?)
}

/// The next instant after `now` at which public data changes without anyone writing: a
/// category's deadline or extended deadline (applications become visible in rounds that
/// show them after it, and the front page stops inviting), a decision's or a story's
/// publication time, a category's nominee minute and its results minute (a prize without a
/// winner is «not awarded» from then, with no decision row to publish).
pub async fn next_by_clock(db: &Db, now: OffsetDateTime) -> Result<Option<OffsetDateTime>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT MIN(t) FROM ( \
           SELECT c.deadline AS t FROM category c JOIN round r ON r.id = c.round_id \
           WHERE r.state <> 'draft' \
           UNION ALL SELECT c.extended_deadline FROM category c JOIN round r ON r.id = c.round_id \
           WHERE r.state <> 'draft' \
           UNION ALL SELECT published_at FROM story \
           UNION ALL SELECT published_at FROM decision \
           UNION ALL SELECT nominees_at FROM category \
           UNION ALL SELECT results_at FROM category \
         ) instants WHERE t > $1"
    )
    .bind(utc(now))
    .fetch_one(pool)
    .await)?)
}

//! «Folkets favoritt»: one vote per person and category (`vote`'s primary key).

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

/// Casts or moves `user_id`'s vote in the category to `application_id`, in one statement:
/// two requests at once leave one vote, on whichever came last.
pub async fn cast(
    tx: &mut Tx,
    now: OffsetDateTime,
    category_id: Uuid,
    user_id: Uuid,
    application_id: Uuid,
) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO vote (category_id, user_id, application_id, voted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (category_id, user_id) DO UPDATE SET application_id = excluded.application_id, \
         voted_at = excluded.voted_at"
    )
    .bind(category_id)
    .bind(user_id)
    .bind(application_id)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

/// The application `user_id` votes for in the category, if any.
pub async fn mine(db: &Db, category_id: Uuid, user_id: Uuid) -> Result<Option<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT application_id FROM vote WHERE category_id = $1 AND user_id = $2"
    )
    .bind(category_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await)?)
}

/// The votes for one application.
pub async fn count(db: &Db, application_id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM vote WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_one(pool)
    .await)?)
}

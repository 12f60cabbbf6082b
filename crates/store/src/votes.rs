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

/// The votes for one application.
pub async fn count(db: &Db, application_id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM vote WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_one(pool)
    .await)?)
}

/// What decides whether a vote is taken for an application: its category's setting and
/// times.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Ballot {
    pub category_id: Uuid,
    pub peoples_choice: bool,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
}

/// The ballot of the category `application_id` belongs to.
pub async fn ballot(db: &Db, application_id: Uuid) -> Result<Option<Ballot>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT c.id AS category_id, c.peoples_choice, c.deadline, c.extended_deadline, \
         c.results_at FROM application a JOIN category c ON c.id = a.category_id \
         WHERE a.id = $1"
    )
    .bind(application_id)
    .fetch_optional(pool)
    .await)?)
}

/// The application `user_id` votes for in the category, with its title.
pub async fn mine_titled(
    db: &Db,
    category_id: Uuid,
    user_id: Uuid,
) -> Result<Option<(Uuid, String)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT a.id, a.title FROM vote v JOIN application a ON a.id = v.application_id \
         WHERE v.category_id = $1 AND v.user_id = $2"
    )
    .bind(category_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await)?)
}

/// The votes per application of a category, most first.
pub async fn counts(db: &Db, category_id: Uuid) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT application_id, COUNT(*) AS n FROM vote WHERE category_id = $1 \
         GROUP BY application_id ORDER BY n DESC, application_id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

//! Endorsements («forankret i linjen»): a unit leader standing behind an application.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

/// One endorsement as the application's page shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Endorsement {
    pub user_id: Uuid,
    pub name: String,
    /// The leader's unit, if they still have one.
    pub unit: Option<String>,
    pub note: String,
}

/// Records (or updates the note of) `user`'s endorsement of `application`.
pub async fn put(
    tx: &mut Tx,
    now: OffsetDateTime,
    application: Uuid,
    user: Uuid,
    note: &str,
) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO endorsement (application_id, user_id, note, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (application_id, user_id) DO UPDATE SET note = excluded.note"
    )
    .bind(application)
    .bind(user)
    .bind(note)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

/// Removes `user`'s endorsement; whether there was one.
pub async fn remove(tx: &mut Tx, application: Uuid, user: Uuid) -> Result<bool> {
    Ok(on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM endorsement WHERE application_id = $1 AND user_id = $2"
    )
    .bind(application)
    .bind(user)
    .execute(conn)
    .await
    .map(|r| r.rows_affected() == 1))?)
}

/// The endorsements of `application`, oldest first.
pub async fn of_application(db: &Db, application: Uuid) -> Result<Vec<Endorsement>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT e.user_id, us.name, un.name AS unit, e.note FROM endorsement e \
         JOIN users us ON us.id = e.user_id LEFT JOIN unit un ON un.id = us.unit_id \
         WHERE e.application_id = $1 ORDER BY e.created_at, us.name"
    )
    .bind(application)
    .fetch_all(pool)
    .await)?)
}

//! `jury_post`: the jury's discussion of one application, plain-text posts in the order
//! they were written (by time, then by id: times are stored to the second, ids are v7).
//! Who may read or write them is the service's question (`service::jury::discussion`).

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

/// A post with its author's name as stored (empty for a deleted account).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PostRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub created_at: OffsetDateTime,
}

macro_rules! columns {
    () => {
        "SELECT p.id, p.application_id, p.author_id, u.name AS author_name, p.body, \
         p.created_at FROM jury_post p JOIN users u ON u.id = p.author_id "
    };
}

/// Stores a post; returns its id.
pub async fn insert(
    tx: &mut Tx,
    now: OffsetDateTime,
    application_id: Uuid,
    author_id: Uuid,
    body: &str,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO jury_post (id, application_id, author_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(id)
    .bind(application_id)
    .bind(author_id)
    .bind(body)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Every post on an application, oldest first.
pub async fn of_application(db: &Db, application_id: Uuid) -> Result<Vec<PostRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "WHERE p.application_id = $1 ORDER BY p.created_at, p.id"
    ))
    .bind(application_id)
    .fetch_all(pool)
    .await)?)
}

/// The posts on an application written after the post `after` (for a page that polls),
/// oldest first. Nothing when `after` is not a post on this application.
pub async fn since(db: &Db, application_id: Uuid, after: Uuid) -> Result<Vec<PostRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(concat!(
        columns!(),
        "JOIN jury_post c ON c.id = $2 AND c.application_id = p.application_id \
         WHERE p.application_id = $1 \
         AND (p.created_at > c.created_at OR (p.created_at = c.created_at AND p.id > c.id)) \
         ORDER BY p.created_at, p.id"
    ))
    .bind(application_id)
    .bind(after)
    .fetch_all(pool)
    .await)?)
}

/// How many posts an application has (for tests and the demo's check).
pub async fn count(db: &Db, application_id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM jury_post WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_one(pool)
    .await)?)
}

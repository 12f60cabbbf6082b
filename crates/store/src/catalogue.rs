//! Reads for the public catalogue. Visibility is decided here in SQL for lists and counts
//! (mirroring `domain::application::rules::is_public`, which the single page uses).

use crate::{Db, Result, on_pool, utc};
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CatalogueEntry {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub unit_snapshot: Json<Vec<String>>,
    pub category_name: String,
    pub year: i64,
}

/// Visible applications, newest first.
pub async fn visible(db: &Db, now: OffsetDateTime, limit: i64) -> Result<Vec<CatalogueEntry>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT a.id, a.title, a.summary, a.unit_snapshot, c.name AS category_name, r.year \
         FROM application a JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE a.state = 'submitted' AND r.state <> 'draft' \
         AND (r.visibility = 'on_submit' OR $1 >= COALESCE(c.extended_deadline, c.deadline)) \
         ORDER BY a.submitted_at DESC, a.id LIMIT $2"
    )
    .bind(utc(now))
    .bind(limit)
    .fetch_all(pool)
    .await
    })?)
}

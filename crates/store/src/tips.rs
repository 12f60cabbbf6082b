//! Tips about candidates («tips oss om en kandidat») and who hears about them.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct NewTip<'a> {
    pub round_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub unit_text: &'a str,
    pub innovation: &'a str,
    pub reason: &'a str,
    pub tipped_by: Uuid,
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, t: NewTip<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO tip (id, round_id, unit_id, unit_text, innovation, reason, tipped_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(id)
    .bind(t.round_id)
    .bind(t.unit_id)
    .bind(t.unit_text)
    .bind(t.innovation)
    .bind(t.reason)
    .bind(t.tipped_by)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// A tip as the administrators see it, with the unit's current name and the tipper.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TipRow {
    pub id: Uuid,
    pub unit_name: Option<String>,
    pub unit_text: String,
    pub innovation: String,
    pub reason: String,
    pub tipped_by_name: String,
    pub tipped_by_email: String,
    pub created_at: OffsetDateTime,
    pub handled_at: Option<OffsetDateTime>,
}

/// Unhandled tips first, newest first within each group.
pub async fn all(db: &Db) -> Result<Vec<TipRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT t.id, u.name AS unit_name, t.unit_text, t.innovation, t.reason, \
         p.name AS tipped_by_name, p.email AS tipped_by_email, t.created_at, t.handled_at \
         FROM tip t JOIN users p ON p.id = t.tipped_by LEFT JOIN unit u ON u.id = t.unit_id \
         ORDER BY CASE WHEN t.handled_at IS NULL THEN 0 ELSE 1 END, t.created_at DESC, t.id DESC"
    )
    .fetch_all(pool)
    .await)?)
}

/// Marks a tip handled; `false` when there is no such tip or it was handled already.
pub async fn mark_handled(tx: &mut Tx, now: OffsetDateTime, id: Uuid) -> Result<bool> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE tip SET handled_at = $2 WHERE id = $1 AND handled_at IS NULL"
    )
    .bind(id)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

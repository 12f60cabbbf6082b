//! The audit log: who did what to which entity, written in the same transaction as the change.

use crate::{Result, Tx, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct AuditEntry<'a> {
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<Uuid>,
    pub detail: serde_json::Value,
}

pub async fn record(tx: &mut Tx, at: OffsetDateTime, entry: AuditEntry<'_>) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(Uuid::now_v7())
    .bind(utc(at))
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(sqlx::types::Json(&entry.detail))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

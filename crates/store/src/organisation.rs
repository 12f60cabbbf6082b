//! The organisation and its units (a tree of any depth).

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub accent_colour: Option<String>,
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, name: &str) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO organisation (id, name, created_at) VALUES ($1, $2, $3)"
    )
    .bind(id)
    .bind(name)
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// The installation's organisation (one per installation for now).
pub async fn first(db: &Db) -> Result<Option<Organisation>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, name, accent_colour FROM organisation ORDER BY created_at, id LIMIT 1"
    )
    .fetch_optional(pool)
    .await)?)
}

pub struct NewUnit<'a> {
    pub organisation_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: &'a str,
    pub kind: &'a str,
    pub position: i64,
}

pub async fn insert_unit(tx: &mut Tx, unit: NewUnit<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO unit (id, organisation_id, parent_id, name, kind, position) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(id)
    .bind(unit.organisation_id)
    .bind(unit.parent_id)
    .bind(unit.name)
    .bind(unit.kind)
    .bind(unit.position)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitRow {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: String,
}

pub async fn units(tx: &mut Tx) -> Result<Vec<UnitRow>> {
    Ok(on_tx!(tx, |conn| sqlx::query_as(
        "SELECT id, parent_id, name, kind FROM unit WHERE NOT archived ORDER BY position, name"
    )
    .fetch_all(conn)
    .await)?)
}

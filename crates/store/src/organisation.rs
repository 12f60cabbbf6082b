//! The organisation and its units (a tree of any depth).

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::unit::UnitKind;
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

#[derive(Debug, Clone)]
pub struct UnitRow {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: UnitKind,
    /// Raised by every rename, move or merge; an edit names the version it started from.
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    kind: String,
    version: i64,
}

impl TryFrom<Stored> for UnitRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<UnitRow> {
        Ok(UnitRow {
            kind: decode::code(UnitKind::parse, "unit", r.id, "kind", r.kind)?,
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
            version: r.version,
        })
    }
}

pub async fn units(tx: &mut Tx) -> Result<Vec<UnitRow>> {
    decode::all::<Stored, _>(on_tx!(tx, |conn| {
        sqlx::query_as(
        "SELECT id, parent_id, name, kind, version FROM unit WHERE NOT archived ORDER BY position, name"
    )
    .fetch_all(conn)
    .await
    })?)
}

/// Every unit still in the chart, for the tree and the pickers.
pub async fn active_units(db: &Db) -> Result<Vec<UnitRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, parent_id, name, kind, version FROM unit WHERE NOT archived ORDER BY position, name"
    )
    .fetch_all(pool)
    .await
    })?)
}

/// One active unit.
pub async fn unit(db: &Db, id: Uuid) -> Result<Option<UnitRow>> {
    decode::optional::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, parent_id, name, kind, version FROM unit WHERE id = $1 AND NOT archived"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// The next position among `parent`'s children, so a new unit goes last.
pub async fn next_position(tx: &mut Tx, parent: Option<Uuid>) -> Result<i64> {
    Ok(on_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM unit \
         WHERE (parent_id = $1 OR (parent_id IS NULL AND $2)) AND NOT archived"
    )
    .bind(parent)
    .bind(parent.is_none())
    .fetch_one(conn)
    .await)?)
}

/// Renames the unit if it is still at `expected` version;
/// [`StoreError::VersionConflict`] when someone changed it in between.
pub async fn rename_unit(tx: &mut Tx, id: Uuid, expected: i64, name: &str) -> Result<()> {
    let changed = on_tx!(tx, |conn| sqlx::query(
        "UPDATE unit SET name = $2, version = version + 1 WHERE id = $1 AND version = $3"
    )
    .bind(id)
    .bind(name)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Err(StoreError::VersionConflict {
            entity: "unit",
            expected,
        });
    }
    Ok(())
}

/// Every unit with its parent, archived and merged ones included, for walking up the chart.
pub async fn parents(db: &Db) -> Result<Vec<(Uuid, Option<Uuid>)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, parent_id FROM unit"
    )
    .fetch_all(pool)
    .await)?)
}

/// Moves the unit if it is still at `expected` version (as [`rename_unit`]).
pub async fn move_unit(
    tx: &mut Tx,
    id: Uuid,
    expected: i64,
    parent: Option<Uuid>,
    position: i64,
) -> Result<()> {
    let changed = on_tx!(tx, |conn| sqlx::query(
        "UPDATE unit SET parent_id = $2, position = $3, version = version + 1 \
         WHERE id = $1 AND version = $4"
    )
    .bind(id)
    .bind(parent)
    .bind(position)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Err(StoreError::VersionConflict {
            entity: "unit",
            expected,
        });
    }
    Ok(())
}

/// Merges `from` into `into` if `from` is still at `expected` version (as [`rename_unit`]):
/// its people, applications and child units move to `into`, and `from` is archived with a
/// pointer to where it went. What moved is recorded with the merge (`unit_merges`), so the
/// merge can be undone. Applications keep their snapshot. Returns the merge's id.
pub async fn merge_units(
    tx: &mut Tx,
    now: OffsetDateTime,
    by: Uuid,
    (from, expected): (Uuid, i64),
    into: Uuid,
) -> Result<Uuid> {
    let archived = on_tx!(tx, |conn| sqlx::query(
        "UPDATE unit SET archived = TRUE, merged_into = $2, version = version + 1 \
         WHERE id = $1 AND version = $3 AND NOT archived"
    )
    .bind(from)
    .bind(into)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if archived == 0 {
        return Err(StoreError::VersionConflict {
            entity: "unit",
            expected,
        });
    }
    let merge = crate::unit_merges::record(tx, now, by, from, into).await?;
    for sql in [
        "UPDATE users SET unit_id = $2 WHERE unit_id = $1",
        "UPDATE application SET unit_id = $2 WHERE unit_id = $1",
        "UPDATE unit SET parent_id = $2 WHERE parent_id = $1",
    ] {
        on_tx!(tx, |conn| sqlx::query(sql)
            .bind(from)
            .bind(into)
            .execute(conn)
            .await
            .map(|_| ()))?;
    }
    Ok(merge)
}

/// Where a unit was merged, if it was.
pub async fn merged_into(db: &Db, id: Uuid) -> Result<Option<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT merged_into FROM unit WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?
    .flatten())
}

/// An archived unit (merged into another, or archived on import) as the administrators'
/// pages show it.
#[derive(Debug, Clone)]
pub struct ArchivedUnitRow {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: UnitKind,
    pub version: i64,
    /// The unit it was merged into, with its name and whether it is still in the chart.
    pub merged_into: Option<(Uuid, String, bool)>,
}

#[derive(sqlx::FromRow)]
struct StoredArchived {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    kind: String,
    version: i64,
    merged_into: Option<Uuid>,
    into_name: Option<String>,
    into_archived: Option<bool>,
}

impl TryFrom<StoredArchived> for ArchivedUnitRow {
    type Error = StoreError;

    fn try_from(r: StoredArchived) -> Result<ArchivedUnitRow> {
        let merged_into = match (r.merged_into, r.into_name, r.into_archived) {
            (Some(id), Some(name), Some(archived)) => Some((id, name, !archived)),
            _ => None,
        };
        Ok(ArchivedUnitRow {
            kind: decode::code(UnitKind::parse, "unit", r.id, "kind", r.kind)?,
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
            version: r.version,
            merged_into,
        })
    }
}

macro_rules! select_archived {
    ($where:literal) => {
        concat!(
            "SELECT u.id, u.parent_id, u.name, u.kind, u.version, u.merged_into, \
             t.name AS into_name, t.archived AS into_archived \
             FROM unit u LEFT JOIN unit t ON t.id = u.merged_into WHERE u.archived ",
            $where
        )
    };
}

/// Every archived unit, by name.
pub async fn archived_units(db: &Db) -> Result<Vec<ArchivedUnitRow>> {
    decode::all::<StoredArchived, _>(on_pool!(db, |pool| sqlx::query_as(select_archived!(
        "ORDER BY u.name, u.id"
    ))
    .fetch_all(pool)
    .await)?)
}

/// One archived unit.
pub async fn archived_unit(db: &Db, id: Uuid) -> Result<Option<ArchivedUnitRow>> {
    decode::optional::<StoredArchived, _>(on_pool!(db, |pool| sqlx::query_as(select_archived!(
        "AND u.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

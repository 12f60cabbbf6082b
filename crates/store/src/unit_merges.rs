//! Merges of units (`unit_merge`) and what each moved (`unit_merge_moved`): recorded in the
//! merge's transaction (`record`, called by `organisation::merge_units`), read for the
//! archived unit's page (`standing`), and undone (`undo`): the unit back in the chart and the
//! recorded people, applications and child units that still point at the target moved back.

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::unit_merge::MovedKind;
use time::OffsetDateTime;
use uuid::Uuid;

/// What a merge writes down before it moves anything: each row pointing at the merged unit
/// ($3), under the merge ($1) and its kind ($2).
const RECORD: [(MovedKind, &str); 3] = [
    (
        MovedKind::Person,
        "INSERT INTO unit_merge_moved (merge_id, kind, moved_id) \
         SELECT $1, $2, id FROM users WHERE unit_id = $3",
    ),
    (
        MovedKind::Application,
        "INSERT INTO unit_merge_moved (merge_id, kind, moved_id) \
         SELECT $1, $2, id FROM application WHERE unit_id = $3",
    ),
    (
        MovedKind::ChildUnit,
        "INSERT INTO unit_merge_moved (merge_id, kind, moved_id) \
         SELECT $1, $2, id FROM unit WHERE parent_id = $3",
    ),
];

/// What an undo moves back to the unit ($1): the rows of the merge ($3) of each kind ($4)
/// that still point at the target ($2).
const MOVE_BACK: [(MovedKind, &str); 3] = [
    (
        MovedKind::Person,
        "UPDATE users SET unit_id = $1 WHERE unit_id = $2 AND id IN \
         (SELECT moved_id FROM unit_merge_moved WHERE merge_id = $3 AND kind = $4)",
    ),
    (
        MovedKind::Application,
        "UPDATE application SET unit_id = $1 WHERE unit_id = $2 AND id IN \
         (SELECT moved_id FROM unit_merge_moved WHERE merge_id = $3 AND kind = $4)",
    ),
    (
        MovedKind::ChildUnit,
        "UPDATE unit SET parent_id = $1 WHERE parent_id = $2 AND id IN \
         (SELECT moved_id FROM unit_merge_moved WHERE merge_id = $3 AND kind = $4)",
    ),
];

/// Records the merge of `from` into `into` and everything that points at `from` now (the
/// caller moves them next, in the same transaction). Returns the merge's id.
pub(crate) async fn record(
    tx: &mut Tx,
    now: OffsetDateTime,
    by: Uuid,
    from: Uuid,
    into: Uuid,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO unit_merge (id, from_unit_id, into_unit_id, merged_at, merged_by) \
         VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(id)
    .bind(from)
    .bind(into)
    .bind(utc(now))
    .bind(by)
    .execute(conn)
    .await
    .map(|_| ()))?;
    for (kind, sql) in RECORD {
        on_tx!(tx, |conn| sqlx::query(sql)
            .bind(id)
            .bind(kind.as_str())
            .bind(from)
            .execute(conn)
            .await
            .map(|_| ()))?;
    }
    Ok(id)
}

/// A merge that stands (not undone), with what it moved.
#[derive(Debug, Clone)]
pub struct UnitMerge {
    pub id: Uuid,
    pub from_unit_id: Uuid,
    pub into_unit_id: Uuid,
    pub merged_at: OffsetDateTime,
    pub merged_by: Option<Uuid>,
    /// The name of the administrator who merged, as it is now.
    pub merged_by_name: Option<String>,
    pub moved: Vec<(MovedKind, Uuid)>,
}

impl UnitMerge {
    /// The ids it moved of one kind.
    pub fn moved(&self, kind: MovedKind) -> Vec<Uuid> {
        self.moved
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| *id)
            .collect()
    }
}

#[derive(sqlx::FromRow)]
struct StoredMerge {
    id: Uuid,
    from_unit_id: Uuid,
    into_unit_id: Uuid,
    merged_at: OffsetDateTime,
    merged_by: Option<Uuid>,
    merged_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StoredMoved {
    kind: String,
    moved_id: Uuid,
}

/// The latest merge of `unit` that was not undone, if one was recorded.
pub async fn standing(db: &Db, unit: Uuid) -> Result<Option<UnitMerge>> {
    let found: Option<StoredMerge> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT m.id, m.from_unit_id, m.into_unit_id, m.merged_at, m.merged_by, \
         u.name AS merged_by_name FROM unit_merge m LEFT JOIN users u ON u.id = m.merged_by \
         WHERE m.from_unit_id = $1 AND m.undone_at IS NULL \
         ORDER BY m.merged_at DESC, m.id DESC LIMIT 1"
    )
    .bind(unit)
    .fetch_optional(pool)
    .await)?;
    let Some(m) = found else {
        return Ok(None);
    };
    let rows: Vec<StoredMoved> = on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT kind, moved_id FROM unit_merge_moved WHERE merge_id = $1 ORDER BY kind, moved_id"
    )
    .bind(m.id)
    .fetch_all(pool)
    .await
    })?;
    let moved = rows
        .into_iter()
        .map(|r| {
            let kind = decode::code(MovedKind::parse, "unit_merge_moved", m.id, "kind", r.kind)?;
            Ok((kind, r.moved_id))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(UnitMerge {
        id: m.id,
        from_unit_id: m.from_unit_id,
        into_unit_id: m.into_unit_id,
        merged_at: m.merged_at,
        merged_by: m.merged_by,
        merged_by_name: m.merged_by_name,
        moved,
    }))
}

/// How many rows an undo moved back, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MovedBack {
    pub people: u64,
    pub applications: u64,
    pub units: u64,
}

/// Undoes the merge of `unit` into `into`, if `unit` is still at `expected` version and
/// still merged there ([`StoreError::VersionConflict`] otherwise): `unit` is back in the
/// chart and, when the merge was recorded (`merge`), what it moved and still points at
/// `into` moves back. The record is marked undone, once.
pub async fn undo(
    tx: &mut Tx,
    now: OffsetDateTime,
    by: Uuid,
    (unit, expected): (Uuid, i64),
    into: Uuid,
    merge: Option<Uuid>,
) -> Result<MovedBack> {
    let restored = on_tx!(tx, |conn| sqlx::query(
        "UPDATE unit SET archived = FALSE, merged_into = NULL, version = version + 1 \
         WHERE id = $1 AND version = $2 AND archived AND merged_into = $3"
    )
    .bind(unit)
    .bind(expected)
    .bind(into)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if restored == 0 {
        return Err(StoreError::VersionConflict {
            entity: "unit",
            expected,
        });
    }
    let Some(merge) = merge else {
        return Ok(MovedBack::default());
    };
    let marked = on_tx!(tx, |conn| sqlx::query(
        "UPDATE unit_merge SET undone_at = $2, undone_by = $3 \
         WHERE id = $1 AND from_unit_id = $4 AND undone_at IS NULL"
    )
    .bind(merge)
    .bind(utc(now))
    .bind(by)
    .bind(unit)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if marked == 0 {
        return Err(StoreError::VersionConflict {
            entity: "unit",
            expected,
        });
    }
    let mut counts = [0u64; 3];
    for (count, (kind, sql)) in counts.iter_mut().zip(MOVE_BACK) {
        *count = on_tx!(tx, |conn| sqlx::query(sql)
            .bind(unit)
            .bind(into)
            .bind(merge)
            .bind(kind.as_str())
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    let [people, applications, units] = counts;
    Ok(MovedBack {
        people,
        applications,
        units,
    })
}

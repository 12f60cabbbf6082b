//! The criteria the jury scores a category's applications against.

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx};
use prisverdig_domain::category::Scale;
use prisverdig_domain::setup::CriterionSetup;
use uuid::Uuid;

pub async fn insert(
    tx: &mut Tx,
    category_id: Uuid,
    position: i64,
    text: &str,
    scale: Scale,
) -> Result<Uuid> {
    let setup = CriterionSetup {
        text: text.to_string(),
        help: String::new(),
        weight: 1,
        scale,
    };
    insert_setup(tx, category_id, position, &setup).await
}

#[derive(Debug, Clone)]
pub struct CriterionRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub position: i64,
    pub text: String,
    pub help: String,
    pub scale: Scale,
    pub weight: i64,
    /// Raised by every edit; an edit names the version it started from.
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    category_id: Uuid,
    position: i64,
    text: String,
    help: String,
    shape: String,
    scale_min: i64,
    scale_max: i64,
    weight: i64,
    version: i64,
}

impl TryFrom<Stored> for CriterionRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<CriterionRow> {
        let scale = Scale::from_parts(&r.shape, r.scale_min, r.scale_max).ok_or_else(|| {
            StoreError::Unknown {
                table: "criterion",
                id: r.id,
                column: "shape",
                value: format!("{} {}..{}", r.shape, r.scale_min, r.scale_max),
            }
        })?;
        Ok(CriterionRow {
            scale,
            id: r.id,
            category_id: r.category_id,
            position: r.position,
            text: r.text,
            help: r.help,
            weight: r.weight,
            version: r.version,
        })
    }
}

pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<CriterionRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, category_id, position, text, help, shape, scale_min, scale_max, weight, \
         version FROM criterion WHERE category_id = $1 ORDER BY position, id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn insert_setup(
    tx: &mut Tx,
    category_id: Uuid,
    position: i64,
    s: &CriterionSetup,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    let (min, max) = s.scale.bounds();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO criterion (id, category_id, position, text, help, shape, scale_min, \
         scale_max, weight) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(id)
    .bind(category_id)
    .bind(position)
    .bind(&s.text)
    .bind(&s.help)
    .bind(s.scale.shape())
    .bind(min)
    .bind(max)
    .bind(s.weight)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Saves the criterion if it is still at `expected` version;
/// [`StoreError::VersionConflict`] when someone saved in between.
pub async fn update(tx: &mut Tx, id: Uuid, expected: i64, s: &CriterionSetup) -> Result<()> {
    let (min, max) = s.scale.bounds();
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE criterion SET text = $2, help = $3, shape = $4, scale_min = $5, scale_max = $6, \
         weight = $7, version = version + 1 WHERE id = $1 AND version = $8"
    )
    .bind(id)
    .bind(&s.text)
    .bind(&s.help)
    .bind(s.scale.shape())
    .bind(min)
    .bind(max)
    .bind(s.weight)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    if changed == 0 {
        return Err(StoreError::VersionConflict {
            entity: "criterion",
            expected,
        });
    }
    Ok(())
}

//! The questions a category's application form asks.

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx};
use prisverdig_domain::setup::QuestionSetup;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub position: i64,
    pub text: String,
    pub help: String,
    pub required: bool,
    /// Raised by every edit; an edit names the version it started from.
    pub version: i64,
}

pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<QuestionRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, category_id, position, text, help, required, version FROM question \
         WHERE category_id = $1 ORDER BY position, id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn insert(
    tx: &mut Tx,
    category_id: Uuid,
    position: i64,
    s: &QuestionSetup,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO question (id, category_id, position, text, help, required) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(id)
    .bind(category_id)
    .bind(position)
    .bind(&s.text)
    .bind(&s.help)
    .bind(s.required)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Saves the question if it is still at `expected` version;
/// [`StoreError::VersionConflict`] when someone saved in between.
pub async fn update(tx: &mut Tx, id: Uuid, expected: i64, s: &QuestionSetup) -> Result<()> {
    let changed = on_tx!(tx, |conn| sqlx::query(
        "UPDATE question SET text = $2, help = $3, required = $4, version = version + 1 \
         WHERE id = $1 AND version = $5"
    )
    .bind(id)
    .bind(&s.text)
    .bind(&s.help)
    .bind(s.required)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Err(StoreError::VersionConflict {
            entity: "question",
            expected,
        });
    }
    Ok(())
}

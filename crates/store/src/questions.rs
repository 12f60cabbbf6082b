//! The questions a category's application form asks.

use crate::{Db, Result, Tx, on_pool, on_tx};
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
}

pub async fn of_category(db: &Db, category_id: Uuid) -> Result<Vec<QuestionRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, category_id, position, text, help, required FROM question \
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

pub async fn update(tx: &mut Tx, id: Uuid, s: &QuestionSetup) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE question SET text = $2, help = $3, required = $4 WHERE id = $1"
    )
    .bind(id)
    .bind(&s.text)
    .bind(&s.help)
    .bind(s.required)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

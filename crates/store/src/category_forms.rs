//! What the application form needs to know about its category: the category with its
//! round, its criteria and questions, and the unit tree to apply on behalf of.

use crate::{Db, Result, on_pool};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryContext {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub round_id: Uuid,
    pub round_title: String,
    pub round_year: i64,
    pub round_state: String,
    pub round_visibility: String,
}

macro_rules! select_context {
    ($where:literal) => {
        concat!(
            "SELECT c.id, c.kind, c.name, c.description, c.prize_sum_kr, c.deadline, c.extended_deadline, \
             r.id AS round_id, r.title AS round_title, r.year AS round_year, r.state AS round_state, \
             r.visibility AS round_visibility FROM category c JOIN round r ON r.id = c.round_id ",
            $where
        )
    };
}

pub async fn context(db: &Db, category_id: Uuid) -> Result<Option<CategoryContext>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_context!(
        "WHERE c.id = $1"
    ))
    .bind(category_id)
    .fetch_optional(pool)
    .await)?)
}

/// Categories of open rounds, in round and category order.
pub async fn open_categories(db: &Db) -> Result<Vec<CategoryContext>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_context!(
        "WHERE r.state = 'open' ORDER BY r.year DESC, c.position, c.name"
    ))
    .fetch_all(pool)
    .await)?)
}

// The criteria and questions are read with the round setup's own queries.
pub use crate::rounds::{CriterionRow, QuestionRow, criteria, questions};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitNode {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
}

/// Every unit still in use, for choosing one and for the names-as-they-were snapshot.
pub async fn units(db: &Db) -> Result<Vec<UnitNode>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, parent_id, name FROM unit WHERE NOT archived ORDER BY position, name"
    )
    .fetch_all(pool)
    .await)?)
}

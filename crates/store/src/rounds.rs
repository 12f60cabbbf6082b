//! Rounds, their categories and the criteria the jury scores.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
use prisverdig_domain::category::{CategoryKind, Scale};
use prisverdig_domain::round::{RoundState, Visibility};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct NewRound<'a> {
    pub organisation_id: Uuid,
    pub year: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub ceremony_name: &'a str,
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: &'a str,
    pub state: RoundState,
    pub visibility: Visibility,
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, r: NewRound<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO round (id, organisation_id, year, title, description, ceremony_name, \
         ceremony_at, ceremony_place, state, visibility, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    )
    .bind(id)
    .bind(r.organisation_id)
    .bind(r.year)
    .bind(r.title)
    .bind(r.description)
    .bind(r.ceremony_name)
    .bind(r.ceremony_at.map(utc))
    .bind(r.ceremony_place)
    .bind(r.state.as_str())
    .bind(r.visibility.as_str())
    .bind(utc(now))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

pub struct NewCategory<'a> {
    pub round_id: Uuid,
    pub kind: CategoryKind,
    pub name: &'a str,
    pub description: &'a str,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub position: i64,
}

pub async fn insert_category(tx: &mut Tx, c: NewCategory<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO category (id, round_id, kind, name, description, prize_sum_kr, deadline, \
         extended_deadline, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(id)
    .bind(c.round_id)
    .bind(c.kind.as_str())
    .bind(c.name)
    .bind(c.description)
    .bind(c.prize_sum_kr)
    .bind(utc(c.deadline))
    .bind(c.extended_deadline.map(utc))
    .bind(c.position)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

pub async fn insert_criterion(
    tx: &mut Tx,
    category_id: Uuid,
    position: i64,
    text: &str,
    scale: Scale,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    let (min, max) = scale.bounds();
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO criterion (id, category_id, position, text, shape, scale_min, scale_max) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(id)
    .bind(category_id)
    .bind(position)
    .bind(text)
    .bind(scale.shape())
    .bind(min)
    .bind(max)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

pub async fn add_juror(tx: &mut Tx, category_id: Uuid, user_id: Uuid, chair: bool) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO jury_member (category_id, user_id, chair) VALUES ($1, $2, $3)"
    )
    .bind(category_id)
    .bind(user_id)
    .bind(chair)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoundSummary {
    pub id: Uuid,
    pub year: i64,
    pub title: String,
    pub description: String,
    pub ceremony_name: String,
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: String,
    pub state: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategorySummary {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub criteria_count: i64,
}

/// The round the front page shows: an open one if any, else the newest that is neither a
/// draft nor archived.
pub async fn current(db: &Db) -> Result<Option<RoundSummary>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, year, title, description, ceremony_name, ceremony_at, ceremony_place, state \
         FROM round WHERE state NOT IN ('draft', 'archived') \
         ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, year DESC, created_at DESC LIMIT 1"
    )
    .fetch_optional(pool)
    .await
    })?)
}

pub async fn categories(db: &Db, round_id: Uuid) -> Result<Vec<CategorySummary>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT c.id, c.kind, c.name, c.description, c.prize_sum_kr, c.deadline, c.extended_deadline, \
         (SELECT COUNT(*) FROM criterion k WHERE k.category_id = c.id) AS criteria_count \
         FROM category c WHERE c.round_id = $1 ORDER BY c.position, c.name"
    )
    .bind(round_id)
    .fetch_all(pool)
    .await
    })?)
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM round"
    )
    .fetch_one(pool)
    .await)?)
}

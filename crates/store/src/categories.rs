//! A round's prize categories: their settings, deadlines and counts.

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_domain::setup::CategorySetup;
use time::OffsetDateTime;
use uuid::Uuid;

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

pub async fn insert(tx: &mut Tx, c: NewCategory<'_>) -> Result<Uuid> {
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

#[derive(Debug, Clone)]
pub struct CategorySummary {
    pub id: Uuid,
    pub kind: CategoryKind,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub criteria_count: i64,
}

#[derive(sqlx::FromRow)]
struct StoredSummary {
    id: Uuid,
    kind: String,
    name: String,
    description: String,
    prize_sum_kr: i64,
    deadline: OffsetDateTime,
    extended_deadline: Option<OffsetDateTime>,
    criteria_count: i64,
}

impl TryFrom<StoredSummary> for CategorySummary {
    type Error = StoreError;

    fn try_from(r: StoredSummary) -> Result<CategorySummary> {
        Ok(CategorySummary {
            kind: decode::code(CategoryKind::parse, "category", r.id, "kind", r.kind)?,
            id: r.id,
            name: r.name,
            description: r.description,
            prize_sum_kr: r.prize_sum_kr,
            deadline: r.deadline,
            extended_deadline: r.extended_deadline,
            criteria_count: r.criteria_count,
        })
    }
}

pub async fn summaries(db: &Db, round_id: Uuid) -> Result<Vec<CategorySummary>> {
    decode::all::<StoredSummary, _>(on_pool!(db, |pool| {
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

/// A category with every setting the administrator edits.
#[derive(Debug, Clone)]
pub struct CategoryRow {
    pub id: Uuid,
    pub round_id: Uuid,
    pub kind: CategoryKind,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub blind: bool,
    pub peoples_choice: bool,
    pub position: i64,
    /// Raised by every change of its settings; an edit names the version it started from.
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    round_id: Uuid,
    kind: String,
    name: String,
    description: String,
    prize_sum_kr: i64,
    deadline: OffsetDateTime,
    extended_deadline: Option<OffsetDateTime>,
    blind: bool,
    peoples_choice: bool,
    position: i64,
    version: i64,
}

impl TryFrom<Stored> for CategoryRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<CategoryRow> {
        Ok(CategoryRow {
            kind: decode::code(CategoryKind::parse, "category", r.id, "kind", r.kind)?,
            id: r.id,
            round_id: r.round_id,
            name: r.name,
            description: r.description,
            prize_sum_kr: r.prize_sum_kr,
            deadline: r.deadline,
            extended_deadline: r.extended_deadline,
            blind: r.blind,
            peoples_choice: r.peoples_choice,
            position: r.position,
            version: r.version,
        })
    }
}

macro_rules! select_category {
    ($rest:literal) => {
        concat!(
            "SELECT id, round_id, kind, name, description, prize_sum_kr, deadline, \
             extended_deadline, blind, peoples_choice, position, version FROM category ",
            $rest
        )
    };
}

pub async fn of_round(db: &Db, round_id: Uuid) -> Result<Vec<CategoryRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(select_category!(
        "WHERE round_id = $1 ORDER BY position, name"
    ))
    .bind(round_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<CategoryRow>> {
    decode::optional::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(select_category!(
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

pub async fn insert_setup(
    tx: &mut Tx,
    round_id: Uuid,
    position: i64,
    s: &CategorySetup,
) -> Result<Uuid> {
    let new = NewCategory {
        round_id,
        kind: s.kind,
        name: &s.name,
        description: &s.description,
        prize_sum_kr: s.prize_sum_kr,
        deadline: s.deadline,
        extended_deadline: s.extended_deadline,
        position,
    };
    let id = insert(tx, new).await?;
    update(tx, id, 1, s).await?;
    Ok(id)
}

/// A setting the demo turns on without the form (administrators use [`update`]).
#[derive(Debug, Clone, Copy)]
pub enum Switch {
    /// «Folkets favoritt».
    PeoplesChoice,
    /// «Anonym vurdering».
    Blind,
}

/// Turns `switch` on for a category.
pub async fn switch_on(tx: &mut Tx, id: Uuid, switch: Switch) -> Result<()> {
    let sql = match switch {
        Switch::PeoplesChoice => {
            "UPDATE category SET peoples_choice = $2, version = version + 1 WHERE id = $1"
        }
        Switch::Blind => "UPDATE category SET blind = $2, version = version + 1 WHERE id = $1",
    };
    on_tx!(tx, |conn| sqlx::query(sql)
        .bind(id)
        .bind(true)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Saves the category's settings if it is still at `expected` version;
/// [`StoreError::VersionConflict`] when someone saved in between.
pub async fn update(tx: &mut Tx, id: Uuid, expected: i64, s: &CategorySetup) -> Result<()> {
    let changed = on_tx!(tx, |conn| sqlx::query(
        "UPDATE category SET kind = $2, name = $3, description = $4, prize_sum_kr = $5, \
         deadline = $6, extended_deadline = $7, blind = $8, peoples_choice = $10, \
         version = version + 1 WHERE id = $1 AND version = $9"
    )
    .bind(id)
    .bind(s.kind.as_str())
    .bind(&s.name)
    .bind(&s.description)
    .bind(s.prize_sum_kr)
    .bind(utc(s.deadline))
    .bind(s.extended_deadline.map(utc))
    .bind(s.blind)
    .bind(expected)
    .bind(s.peoples_choice)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Err(StoreError::VersionConflict {
            entity: "category",
            expected,
        });
    }
    Ok(())
}

/// Applications ever submitted in the category (a withdrawn one still counts: it was
/// written against the criteria as they were).
pub async fn submitted_count(db: &Db, category_id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application WHERE category_id = $1 AND submitted_at IS NOT NULL"
    )
    .bind(category_id)
    .fetch_one(pool)
    .await)?)
}

/// A category with its round: what the application form and the public page need.
#[derive(Debug, Clone)]
pub struct CategoryContext {
    pub id: Uuid,
    pub kind: CategoryKind,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub round_id: Uuid,
    pub round_title: String,
    pub round_year: i64,
    pub round_state: RoundState,
    pub round_visibility: Visibility,
}

#[derive(sqlx::FromRow)]
struct StoredContext {
    id: Uuid,
    kind: String,
    name: String,
    description: String,
    prize_sum_kr: i64,
    deadline: OffsetDateTime,
    extended_deadline: Option<OffsetDateTime>,
    round_id: Uuid,
    round_title: String,
    round_year: i64,
    round_state: String,
    round_visibility: String,
}

impl TryFrom<StoredContext> for CategoryContext {
    type Error = StoreError;

    fn try_from(r: StoredContext) -> Result<CategoryContext> {
        Ok(CategoryContext {
            kind: decode::code(CategoryKind::parse, "category", r.id, "kind", r.kind)?,
            round_state: decode::code(
                RoundState::parse,
                "category",
                r.id,
                "round.state",
                r.round_state,
            )?,
            round_visibility: decode::code(
                Visibility::parse,
                "category",
                r.id,
                "round.visibility",
                r.round_visibility,
            )?,
            id: r.id,
            name: r.name,
            description: r.description,
            prize_sum_kr: r.prize_sum_kr,
            deadline: r.deadline,
            extended_deadline: r.extended_deadline,
            round_id: r.round_id,
            round_title: r.round_title,
            round_year: r.round_year,
        })
    }
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
    decode::optional::<StoredContext, _>(on_pool!(db, |pool| sqlx::query_as(select_context!(
        "WHERE c.id = $1"
    ))
    .bind(category_id)
    .fetch_optional(pool)
    .await)?)
}

/// Categories of open rounds, in round and category order.
pub async fn open(db: &Db) -> Result<Vec<CategoryContext>> {
    decode::all::<StoredContext, _>(on_pool!(db, |pool| sqlx::query_as(select_context!(
        "WHERE r.state = 'open' ORDER BY r.year DESC, c.position, c.name"
    ))
    .fetch_all(pool)
    .await)?)
}

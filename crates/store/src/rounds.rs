//! Rounds, their categories and the criteria the jury scores.

use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::category::{CategoryKind, Scale};
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_domain::setup::{CategorySetup, CriterionSetup, QuestionSetup, RoundSetup};
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
    .map(|_| ()))
    .map_err(|e| StoreError::unique_as(e, "round year"))?;
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
    let setup = CriterionSetup {
        text: text.to_string(),
        help: String::new(),
        weight: 1,
        scale,
    };
    insert_criterion_setup(tx, category_id, position, &setup).await
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

/// Every open round, oldest year first.
pub async fn open_rounds(db: &Db) -> Result<Vec<RoundSummary>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, year, title, description, ceremony_name, ceremony_at, ceremony_place, state \
         FROM round WHERE state = 'open' ORDER BY year, created_at"
    )
    .fetch_all(pool)
    .await
    })?)
}

/// The categories of `kind` in the rounds for `year` that are no longer drafts:
/// (name, deadline, extended deadline).
pub async fn published_of_year_kind(
    db: &Db,
    year: i64,
    kind: &str,
) -> Result<Vec<(String, OffsetDateTime, Option<OffsetDateTime>)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT c.name, c.deadline, c.extended_deadline FROM category c \
         JOIN round r ON r.id = c.round_id \
         WHERE r.year = $1 AND c.kind = $2 AND r.state <> 'draft' ORDER BY c.position, c.name"
    )
    .bind(year)
    .bind(kind)
    .fetch_all(pool)
    .await)?)
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

/// A round with everything its settings page shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoundRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub year: i64,
    pub title: String,
    pub description: String,
    pub ceremony_name: String,
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: String,
    pub state: String,
    pub visibility: String,
    pub copied_from: Option<Uuid>,
}

macro_rules! select_round {
    ($rest:literal) => {
        concat!(
            "SELECT id, organisation_id, year, title, description, ceremony_name, ceremony_at, \
             ceremony_place, state, visibility, copied_from FROM round ",
            $rest
        )
    };
}

/// Every round, newest first.
pub async fn all(db: &Db) -> Result<Vec<RoundRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_round!(
        "ORDER BY year DESC, created_at DESC"
    ))
    .fetch_all(pool)
    .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<RoundRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_round!(
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// A new round from a validated setup; `copied_from` names the round it was copied from.
pub async fn insert_setup(
    tx: &mut Tx,
    now: OffsetDateTime,
    organisation_id: Uuid,
    setup: &RoundSetup,
    copied_from: Option<Uuid>,
) -> Result<Uuid> {
    let new = NewRound {
        organisation_id,
        year: setup.year,
        title: &setup.title,
        description: &setup.description,
        ceremony_name: &setup.ceremony_name,
        ceremony_at: setup.ceremony_at,
        ceremony_place: &setup.ceremony_place,
        state: RoundState::Draft,
        visibility: setup.visibility,
    };
    let id = insert(tx, now, new).await?;
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE round SET copied_from = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(copied_from)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

pub async fn update(tx: &mut Tx, id: Uuid, s: &RoundSetup) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE round SET year = $2, title = $3, description = $4, ceremony_name = $5, \
         ceremony_at = $6, ceremony_place = $7, visibility = $8, version = version + 1 WHERE id = $1"
    )
    .bind(id)
    .bind(s.year)
    .bind(&s.title)
    .bind(&s.description)
    .bind(&s.ceremony_name)
    .bind(s.ceremony_at.map(utc))
    .bind(&s.ceremony_place)
    .bind(s.visibility.as_str())
    .execute(conn)
    .await
    .map(|_| ())
    })
    .map_err(|e| StoreError::unique_as(e, "round year"))?;
    Ok(())
}

/// Whether another round of the organisation (not `except`) already has `year`.
pub async fn year_taken(
    db: &Db,
    organisation_id: Uuid,
    year: i64,
    except: Option<Uuid>,
) -> Result<bool> {
    let n: i64 = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM round WHERE organisation_id = $1 AND year = $2 AND id <> $3"
    )
    .bind(organisation_id)
    .bind(year)
    .bind(except.unwrap_or(Uuid::nil()))
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// The years the organisation's rounds use.
pub async fn years(db: &Db, organisation_id: Uuid) -> Result<Vec<i64>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT year FROM round WHERE organisation_id = $1 ORDER BY year"
    )
    .bind(organisation_id)
    .fetch_all(pool)
    .await)?)
}

/// Applications in any state (drafts too) in the round's categories.
pub async fn application_count(db: &Db, round_id: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application a JOIN category c ON c.id = a.category_id \
         WHERE c.round_id = $1"
    )
    .bind(round_id)
    .fetch_one(pool)
    .await)?)
}

/// Deletes a round that is still a draft, with its categories and their criteria, questions
/// and jury (by cascade); rounds copied from it forget where they came from. `false` when
/// the round was no longer a draft.
pub async fn delete_draft(tx: &mut Tx, id: Uuid) -> Result<bool> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE round SET copied_from = NULL WHERE copied_from = $1"
    )
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    let done = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM round WHERE id = $1 AND state = 'draft'"
    )
    .bind(id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Moves a round from `from` to `to`; `false` when it was no longer in `from`.
pub async fn set_state(tx: &mut Tx, id: Uuid, from: RoundState, to: RoundState) -> Result<bool> {
    let done = on_tx!(tx, |conn| sqlx::query(
        "UPDATE round SET state = $3, version = version + 1 WHERE id = $1 AND state = $2"
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// A category with every setting the administrator edits.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: Uuid,
    pub round_id: Uuid,
    pub kind: String,
    pub name: String,
    pub description: String,
    pub prize_sum_kr: i64,
    pub deadline: OffsetDateTime,
    pub extended_deadline: Option<OffsetDateTime>,
    pub blind: bool,
    pub position: i64,
}

macro_rules! select_category {
    ($rest:literal) => {
        concat!(
            "SELECT id, round_id, kind, name, description, prize_sum_kr, deadline, \
             extended_deadline, blind, position FROM category ",
            $rest
        )
    };
}

pub async fn round_categories(db: &Db, round_id: Uuid) -> Result<Vec<CategoryRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_category!(
        "WHERE round_id = $1 ORDER BY position, name"
    ))
    .bind(round_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn category(db: &Db, id: Uuid) -> Result<Option<CategoryRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(select_category!(
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

pub async fn insert_category_setup(
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
    let id = insert_category(tx, new).await?;
    update_category(tx, id, s).await?;
    Ok(id)
}

pub async fn update_category(tx: &mut Tx, id: Uuid, s: &CategorySetup) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE category SET kind = $2, name = $3, description = $4, prize_sum_kr = $5, \
         deadline = $6, extended_deadline = $7, blind = $8, version = version + 1 WHERE id = $1"
    )
    .bind(id)
    .bind(s.kind.as_str())
    .bind(&s.name)
    .bind(&s.description)
    .bind(s.prize_sum_kr)
    .bind(utc(s.deadline))
    .bind(s.extended_deadline.map(utc))
    .bind(s.blind)
    .execute(conn)
    .await
    .map(|_| ()))?;
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

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CriterionRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub position: i64,
    pub text: String,
    pub help: String,
    pub shape: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub weight: i64,
}

impl CriterionRow {
    pub fn scale(&self) -> Scale {
        Scale::from_parts(&self.shape, self.scale_min, self.scale_max).unwrap_or(Scale::YesNo)
    }
}

pub async fn criteria(db: &Db, category_id: Uuid) -> Result<Vec<CriterionRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, category_id, position, text, help, shape, scale_min, scale_max, weight \
         FROM criterion WHERE category_id = $1 ORDER BY position, id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn insert_criterion_setup(
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

pub async fn update_criterion(tx: &mut Tx, id: Uuid, s: &CriterionSetup) -> Result<()> {
    let (min, max) = s.scale.bounds();
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE criterion SET text = $2, help = $3, shape = $4, scale_min = $5, scale_max = $6, \
         weight = $7 WHERE id = $1"
    )
    .bind(id)
    .bind(&s.text)
    .bind(&s.help)
    .bind(s.scale.shape())
    .bind(min)
    .bind(max)
    .bind(s.weight)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub position: i64,
    pub text: String,
    pub help: String,
    pub required: bool,
}

pub async fn questions(db: &Db, category_id: Uuid) -> Result<Vec<QuestionRow>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, category_id, position, text, help, required FROM question \
         WHERE category_id = $1 ORDER BY position, id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

pub async fn insert_question(
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

pub async fn update_question(tx: &mut Tx, id: Uuid, s: &QuestionSetup) -> Result<()> {
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

/// The two ordered lists of a category's form: criteria and questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    Criterion,
    Question,
}

/// Removes one criterion or question.
pub async fn delete_listed(tx: &mut Tx, listed: Listed, id: Uuid) -> Result<()> {
    let sql = match listed {
        Listed::Criterion => "DELETE FROM criterion WHERE id = $1",
        Listed::Question => "DELETE FROM question WHERE id = $1",
    };
    on_tx!(tx, |conn| sqlx::query(sql)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Puts one criterion or question at `position`.
pub async fn set_position(tx: &mut Tx, listed: Listed, id: Uuid, position: i64) -> Result<()> {
    let sql = match listed {
        Listed::Criterion => "UPDATE criterion SET position = $2 WHERE id = $1",
        Listed::Question => "UPDATE question SET position = $2 WHERE id = $1",
    };
    on_tx!(tx, |conn| sqlx::query(sql)
        .bind(id)
        .bind(position)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

//! Rounds: the year's prize announcement, its state and settings.

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::language::Language;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_domain::setup::RoundSetup;
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

#[derive(Debug, Clone)]
pub struct RoundSummary {
    pub id: Uuid,
    pub year: i64,
    pub title: String,
    pub description: String,
    pub ceremony_name: String,
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: String,
    pub state: RoundState,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    year: i64,
    title: String,
    description: String,
    ceremony_name: String,
    ceremony_at: Option<OffsetDateTime>,
    ceremony_place: String,
    state: String,
}

impl TryFrom<SummaryRow> for RoundSummary {
    type Error = StoreError;

    fn try_from(r: SummaryRow) -> Result<RoundSummary> {
        Ok(RoundSummary {
            state: decode::code(RoundState::parse, "round", r.id, "state", r.state)?,
            id: r.id,
            year: r.year,
            title: r.title,
            description: r.description,
            ceremony_name: r.ceremony_name,
            ceremony_at: r.ceremony_at,
            ceremony_place: r.ceremony_place,
        })
    }
}

/// The current round: an open one if any, else the newest that is neither a
/// draft nor archived.
pub async fn current(db: &Db) -> Result<Option<RoundSummary>> {
    decode::optional::<SummaryRow, _>(on_pool!(db, |pool| {
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
    decode::all::<SummaryRow, _>(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, year, title, description, ceremony_name, ceremony_at, ceremony_place, state \
         FROM round WHERE state = 'open' ORDER BY year, created_at"
    )
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
#[derive(Debug, Clone)]
pub struct RoundRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub year: i64,
    pub title: String,
    pub description: String,
    pub ceremony_name: String,
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: String,
    pub state: RoundState,
    pub visibility: Visibility,
    pub copied_from: Option<Uuid>,
    /// The language of its diplomas, programme and nominee pages.
    pub language: Language,
    /// Raised by every change of its settings; an edit names the version it started from.
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    organisation_id: Uuid,
    year: i64,
    title: String,
    description: String,
    ceremony_name: String,
    ceremony_at: Option<OffsetDateTime>,
    ceremony_place: String,
    state: String,
    visibility: String,
    copied_from: Option<Uuid>,
    language: String,
    version: i64,
}

impl TryFrom<Stored> for RoundRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<RoundRow> {
        Ok(RoundRow {
            state: decode::code(RoundState::parse, "round", r.id, "state", r.state)?,
            visibility: decode::code(Visibility::parse, "round", r.id, "visibility", r.visibility)?,
            language: decode::code(Language::parse, "round", r.id, "language", r.language)?,
            id: r.id,
            organisation_id: r.organisation_id,
            year: r.year,
            title: r.title,
            description: r.description,
            ceremony_name: r.ceremony_name,
            ceremony_at: r.ceremony_at,
            ceremony_place: r.ceremony_place,
            copied_from: r.copied_from,
            version: r.version,
        })
    }
}

macro_rules! select_round {
    ($rest:literal) => {
        concat!(
            "SELECT id, organisation_id, year, title, description, ceremony_name, ceremony_at, \
             ceremony_place, state, visibility, copied_from, language, version FROM round ",
            $rest
        )
    };
}

/// Every round, newest first.
pub async fn all(db: &Db) -> Result<Vec<RoundRow>> {
    decode::all::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(select_round!(
        "ORDER BY year DESC, created_at DESC"
    ))
    .fetch_all(pool)
    .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<RoundRow>> {
    decode::optional::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(select_round!(
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
        "UPDATE round SET copied_from = $2, language = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(copied_from)
    .bind(setup.language.as_str())
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Saves the round's settings if it is still at `expected` version;
/// [`StoreError::VersionConflict`] when someone saved in between.
pub async fn update(tx: &mut Tx, id: Uuid, expected: i64, s: &RoundSetup) -> Result<()> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE round SET year = $2, title = $3, description = $4, ceremony_name = $5, \
         ceremony_at = $6, ceremony_place = $7, visibility = $8, language = $10, \
         version = version + 1 WHERE id = $1 AND version = $9",
        )
        .bind(id)
        .bind(s.year)
        .bind(&s.title)
        .bind(&s.description)
        .bind(&s.ceremony_name)
        .bind(s.ceremony_at.map(utc))
        .bind(&s.ceremony_place)
        .bind(s.visibility.as_str())
        .bind(expected)
        .bind(s.language.as_str())
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })
    .map_err(|e| StoreError::unique_as(e, "round year"))?;
    if changed == 0 {
        return Err(StoreError::VersionConflict {
            entity: "round",
            expected,
        });
    }
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

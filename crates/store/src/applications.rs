//! Applications («søknader») and their teams.

use crate::{Db, Result, StoreError, Tx, decode, on_pool, on_tx, utc};
use prisverdig_domain::application::{ApplicationState, IdeaOrigin};
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

pub struct NewApplication<'a> {
    pub category_id: Uuid,
    pub unit_id: Uuid,
    pub owner_id: Uuid,
    pub state: ApplicationState,
    pub title: &'a str,
    pub summary: &'a str,
    /// The form's answers, keyed by field.
    pub answers: &'a serde_json::Value,
    /// The unit's path of names as it was when submitted.
    pub unit_snapshot: &'a [String],
    /// `None` until the applicant has chosen.
    pub idea_origin: Option<IdeaOrigin>,
    pub origin_note: &'a str,
    pub submitted_at: Option<OffsetDateTime>,
    pub withdrawn_at: Option<OffsetDateTime>,
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, a: NewApplication<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO application (id, category_id, unit_id, owner_id, state, title, summary, answers, \
         unit_snapshot, idea_origin, origin_note, created_at, updated_at, submitted_at, withdrawn_at, sector) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15)"
    )
    .bind(id)
    .bind(a.category_id)
    .bind(a.unit_id)
    .bind(a.owner_id)
    .bind(a.state.as_str())
    .bind(a.title)
    .bind(a.summary)
    .bind(Json(a.answers))
    .bind(Json(a.unit_snapshot))
    .bind(a.idea_origin.map_or("", |o| o.as_str()))
    .bind(a.origin_note)
    .bind(utc(now))
    .bind(a.submitted_at.map(utc))
    .bind(a.withdrawn_at.map(utc))
    .bind(a.unit_snapshot.first().map_or("", String::as_str))
    .execute(conn)
    .await.map(|_| ())
    })?;
    Ok(id)
}

pub async fn add_team_member(
    tx: &mut Tx,
    now: OffsetDateTime,
    application_id: Uuid,
    email: &str,
    user_id: Option<Uuid>,
) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO team_member (application_id, email, user_id, invited_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(application_id)
    .bind(email)
    .bind(user_id)
    .bind(utc(now))
    .execute(conn)
    .await.map(|_| ())
    })?;
    Ok(())
}

pub async fn add_adoption(
    tx: &mut Tx,
    now: OffsetDateTime,
    source: Uuid,
    adopting_application: Uuid,
    adopting_unit: Uuid,
) -> Result<()> {
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO adoption (id, source_application_id, adopting_unit_id, adopting_application_id, created_at) \
         VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(Uuid::now_v7())
    .bind(source)
    .bind(adopting_unit)
    .bind(adopting_application)
    .bind(utc(now))
    .execute(conn)
    .await.map(|_| ())
    })?;
    Ok(())
}

/// Applications per state, for counters.
pub async fn count_by_state(db: &Db, state: ApplicationState) -> Result<i64> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application WHERE state = $1"
    )
    .bind(state.as_str())
    .fetch_one(pool)
    .await)?)
}

/// An application as stored.
#[derive(Debug, Clone)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub category_id: Uuid,
    pub unit_id: Uuid,
    pub owner_id: Uuid,
    pub state: ApplicationState,
    pub title: String,
    pub summary: String,
    pub answers: Json<serde_json::Value>,
    pub unit_snapshot: Json<Vec<String>>,
    /// `None` until the applicant chooses (stored as an empty text).
    pub idea_origin: Option<IdeaOrigin>,
    /// A note on where the idea came from, kept with the application (imported history
    /// carries it; the form writes `answers.origin_from`).
    pub origin_note: String,
    pub source_application_id: Option<Uuid>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub withdrawn_at: Option<OffsetDateTime>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    category_id: Uuid,
    unit_id: Uuid,
    owner_id: Uuid,
    state: String,
    title: String,
    summary: String,
    answers: Json<serde_json::Value>,
    unit_snapshot: Json<Vec<String>>,
    idea_origin: String,
    origin_note: String,
    source_application_id: Option<Uuid>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    submitted_at: Option<OffsetDateTime>,
    withdrawn_at: Option<OffsetDateTime>,
    version: i64,
}

impl TryFrom<Stored> for ApplicationRow {
    type Error = StoreError;

    fn try_from(r: Stored) -> Result<ApplicationRow> {
        Ok(ApplicationRow {
            state: decode::code(
                ApplicationState::parse,
                "application",
                r.id,
                "state",
                r.state,
            )?,
            idea_origin: match r.idea_origin.as_str() {
                "" => None,
                _ => Some(decode::code(
                    IdeaOrigin::parse,
                    "application",
                    r.id,
                    "idea_origin",
                    r.idea_origin,
                )?),
            },
            id: r.id,
            category_id: r.category_id,
            unit_id: r.unit_id,
            owner_id: r.owner_id,
            title: r.title,
            summary: r.summary,
            answers: r.answers,
            unit_snapshot: r.unit_snapshot,
            origin_note: r.origin_note,
            source_application_id: r.source_application_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            withdrawn_at: r.withdrawn_at,
            version: r.version,
        })
    }
}

macro_rules! select_application {
    ($where:literal) => {
        concat!(
            "SELECT id, category_id, unit_id, owner_id, state, title, summary, answers, unit_snapshot, \
             idea_origin, origin_note, source_application_id, created_at, updated_at, submitted_at, \
             withdrawn_at, version FROM application ",
            $where
        )
    };
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<ApplicationRow>> {
    decode::optional::<Stored, _>(on_pool!(db, |pool| sqlx::query_as(select_application!(
        "WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

/// The written content of an application, saved as one unit.
pub struct Content<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub answers: &'a serde_json::Value,
    pub idea_origin: &'a str,
    pub source_application_id: Option<Uuid>,
}

/// Saves the content if nobody saved since `expected_version`; returns the new version.
pub async fn update_content(
    tx: &mut Tx,
    now: OffsetDateTime,
    id: Uuid,
    expected_version: i64,
    c: Content<'_>,
) -> Result<i64> {
    let updated = on_tx!(tx, |conn| sqlx::query(
        "UPDATE application SET title = $1, summary = $2, answers = $3, idea_origin = $4, \
         source_application_id = $5, updated_at = $6, version = version + 1 \
         WHERE id = $7 AND version = $8"
    )
    .bind(c.title)
    .bind(c.summary)
    .bind(Json(c.answers))
    .bind(c.idea_origin)
    .bind(c.source_application_id)
    .bind(utc(now))
    .bind(id)
    .bind(expected_version)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if updated == 0 {
        return Err(StoreError::VersionConflict {
            entity: "application",
            expected: expected_version,
        });
    }
    Ok(expected_version + 1)
}

/// Moves the application to `state` if nobody changed it since `expected_version`.
pub async fn set_state(
    tx: &mut Tx,
    now: OffsetDateTime,
    id: Uuid,
    expected_version: i64,
    state: ApplicationState,
    unit_snapshot: Option<&[String]>,
) -> Result<i64> {
    let (submitted, withdrawn) = match state {
        ApplicationState::Submitted => (Some(utc(now)), None),
        ApplicationState::Withdrawn => (None, Some(utc(now))),
        ApplicationState::Draft => (None, None),
    };
    let updated = on_tx!(tx, |conn| sqlx::query(
        "UPDATE application SET state = $1, submitted_at = COALESCE($2, submitted_at), \
         withdrawn_at = $3, unit_snapshot = COALESCE($4, unit_snapshot), updated_at = $5, \
         version = version + 1, sector = COALESCE($8, sector) WHERE id = $6 AND version = $7"
    )
    .bind(state.as_str())
    .bind(submitted)
    .bind(withdrawn)
    .bind(unit_snapshot.map(Json))
    .bind(utc(now))
    .bind(id)
    .bind(expected_version)
    .bind(unit_snapshot.and_then(|path| path.first().cloned()))
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    if updated == 0 {
        return Err(StoreError::VersionConflict {
            entity: "application",
            expected: expected_version,
        });
    }
    Ok(expected_version + 1)
}

/// Records the applying unit's chain (itself, then every unit above it) as it is at
/// submission.
pub async fn set_unit_chain(tx: &mut Tx, id: Uuid, chain: &[Uuid]) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE application SET unit_chain = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(Json(chain))
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Replaces the list of earlier applications this one continues.
pub async fn set_continues(tx: &mut Tx, id: Uuid, continues: &[Uuid]) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM application_link WHERE application_id = $1"
    )
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    for earlier in continues {
        on_tx!(tx, |conn| sqlx::query(
            "INSERT INTO application_link (application_id, continues_id) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(earlier)
        .execute(conn)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

pub async fn continues(db: &Db, id: Uuid) -> Result<Vec<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT continues_id FROM application_link WHERE application_id = $1 ORDER BY continues_id"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamMember {
    pub email: String,
    pub user_id: Option<Uuid>,
    pub name: Option<String>,
    /// Invited, but has not got in yet (no account, or one never used).
    pub pending: bool,
}

/// Who else stands behind an application: further units of the organisation (their names
/// now, in the order given) and partners outside it by name. Imported history carries
/// them (exchange format version 2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collaborators {
    pub units: Vec<String>,
    pub outside_partners: Vec<String>,
}

pub async fn collaborators(db: &Db, id: Uuid) -> Result<Collaborators> {
    let units: Vec<String> = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT u.name FROM application_unit au JOIN unit u ON u.id = au.unit_id \
         WHERE au.application_id = $1 ORDER BY au.position, u.name"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    let partners: Option<Json<Vec<String>>> = on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT outside_partners FROM application WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(Collaborators {
        units,
        outside_partners: partners.map(|p| p.0).unwrap_or_default(),
    })
}

pub async fn team(db: &Db, id: Uuid) -> Result<Vec<TeamMember>> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT t.email, t.user_id, NULLIF(u.name, '') AS name, (u.id IS NULL OR ",
            crate::users::pending_sql!("u"),
            ") AS pending FROM team_member t LEFT JOIN users u ON u.email = t.email \
             WHERE t.application_id = $1 ORDER BY t.invited_at, t.email"
        ))
        .bind(id)
        .fetch_all(pool)
        .await
    })?)
}

pub async fn remove_team_member(tx: &mut Tx, id: Uuid, email: &str) -> Result<bool> {
    let removed = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM team_member WHERE application_id = $1 AND email = $2"
    )
    .bind(id)
    .bind(email)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(removed > 0)
}

/// One line of «Mine søknader».
#[derive(Debug, Clone)]
pub struct MyApplication {
    pub id: Uuid,
    pub title: String,
    pub state: ApplicationState,
    pub category_name: String,
    pub round_title: String,
    pub updated_at: OffsetDateTime,
    pub is_owner: bool,
}

#[derive(sqlx::FromRow)]
struct StoredMine {
    id: Uuid,
    title: String,
    state: String,
    category_name: String,
    round_title: String,
    updated_at: OffsetDateTime,
    is_owner: bool,
}

impl TryFrom<StoredMine> for MyApplication {
    type Error = StoreError;

    fn try_from(r: StoredMine) -> Result<MyApplication> {
        Ok(MyApplication {
            state: decode::code(
                ApplicationState::parse,
                "application",
                r.id,
                "state",
                r.state,
            )?,
            id: r.id,
            title: r.title,
            category_name: r.category_name,
            round_title: r.round_title,
            updated_at: r.updated_at,
            is_owner: r.is_owner,
        })
    }
}

/// Applications the user owns or is on the team of, newest first.
pub async fn for_user(db: &Db, user_id: Uuid, email: &str) -> Result<Vec<MyApplication>> {
    decode::all::<StoredMine, _>(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT a.id, a.title, a.state, c.name AS category_name, r.title AS round_title, a.updated_at, \
         (a.owner_id = $1) AS is_owner \
         FROM application a JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE a.owner_id = $1 OR EXISTS (SELECT 1 FROM team_member t WHERE t.application_id = a.id AND t.email = $2) \
         ORDER BY a.updated_at DESC, a.id"
    )
    .bind(user_id)
    .bind(email)
    .fetch_all(pool)
    .await
    })?)
}

/// Whether the user may edit: the owner or a team member.
pub async fn is_on_team(db: &Db, id: Uuid, user_id: Uuid, email: &str) -> Result<bool> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM application a WHERE a.id = $1 AND (a.owner_id = $2 OR EXISTS \
         (SELECT 1 FROM team_member t WHERE t.application_id = a.id AND t.email = $3)))"
    )
    .bind(id)
    .bind(user_id)
    .bind(email)
    .fetch_one(pool)
    .await)?)
}

/// A submitted application others can point to (source of a stolen idea, an earlier round).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pickable {
    pub id: Uuid,
    pub title: String,
    pub year: i64,
    pub category_name: String,
}

/// Applications public at `now` (other than `except`) that one may name as a source or as
/// continued: a hidden one is neither listed nor linkable. Editors of stories, who may write
/// about an application before it is public, pick from [`submitted_titles`].
pub async fn pickable(db: &Db, now: OffsetDateTime, except: Uuid) -> Result<Vec<Pickable>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(concat!(
        "SELECT a.id, a.title, r.year, c.name AS category_name FROM application a \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE ",
        public_at!("a.state", "c", "r", "$2"),
        " AND a.id <> $1 ORDER BY r.year DESC, a.title"
    ))
    .bind(except)
    .bind(utc(now))
    .fetch_all(pool)
    .await)?)
}

/// Every submitted application, newest round first: what a story's editor may link (a
/// story's public page shows only the linked applications that are public themselves).
pub async fn submitted_titles(db: &Db) -> Result<Vec<Pickable>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT a.id, a.title, r.year, c.name AS category_name FROM application a \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         WHERE a.state = 'submitted' ORDER BY r.year DESC, a.title"
    )
    .fetch_all(pool)
    .await)?)
}

/// Removes the adoption an application recorded for its source (before recording anew).
pub async fn clear_adoption_by(tx: &mut Tx, adopting_application: Uuid) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM adoption WHERE adopting_application_id = $1"
    )
    .bind(adopting_application)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Points an application at the application whose idea it adopted.
pub async fn set_source_application(tx: &mut Tx, id: Uuid, source: Uuid) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "UPDATE application SET source_application_id = $1 WHERE id = $2"
    )
    .bind(source)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// An application's title, whatever its state.
pub async fn title_of(db: &Db, id: Uuid) -> Result<Option<String>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT title FROM application WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?)
}

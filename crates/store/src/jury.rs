//! The jury of a category: its members and their seats (chair, deputy, member), the
//! category's jury state (scores locked, publication minutes), and what the jury reads of
//! the applications (only submitted ones, with the people and units behind them).

use crate::decode;
use crate::{Db, Result, StoreError, Tx, on_pool, on_tx, utc};
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::jury::{AssignmentMode, JuryRole};
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

/// Adds `user_id` to the category's jury in `role`. A second chair or deputy, or the same
/// person twice, is [`StoreError::Duplicate`].
pub async fn add_member(
    tx: &mut Tx,
    category_id: Uuid,
    user_id: Uuid,
    role: JuryRole,
) -> Result<()> {
    on_tx!(tx, |conn| sqlx::query(
        "INSERT INTO jury_member (category_id, user_id, role) VALUES ($1, $2, $3)"
    )
    .bind(category_id)
    .bind(user_id)
    .bind(role.as_str())
    .execute(conn)
    .await
    .map(|_| ()))
    .map_err(|e| StoreError::unique_as(e, "jury seat"))
}

/// Gives a member another seat; `false` when they are not on the jury.
pub async fn set_role(
    tx: &mut Tx,
    category_id: Uuid,
    user_id: Uuid,
    role: JuryRole,
) -> Result<bool> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE jury_member SET role = $1 WHERE category_id = $2 AND user_id = $3"
    )
    .bind(role.as_str())
    .bind(category_id)
    .bind(user_id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::unique_as(e, "jury seat"))?;
    Ok(n > 0)
}

/// Takes a member off the jury with their assignments; their reviews stay (an
/// administrator's record of the work).
pub async fn remove_member(tx: &mut Tx, category_id: Uuid, user_id: Uuid) -> Result<bool> {
    crate::assignments::remove_juror(tx, category_id, user_id).await?;
    let n = on_tx!(tx, |conn| sqlx::query(
        "DELETE FROM jury_member WHERE category_id = $1 AND user_id = $2"
    )
    .bind(category_id)
    .bind(user_id)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// One member of a category's jury.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub unit_id: Option<Uuid>,
    pub role: JuryRole,
}

#[derive(sqlx::FromRow)]
struct StoredMember {
    user_id: Uuid,
    name: String,
    email: String,
    unit_id: Option<Uuid>,
    role: String,
}

impl TryFrom<StoredMember> for Member {
    type Error = StoreError;

    fn try_from(r: StoredMember) -> Result<Member> {
        Ok(Member {
            role: decode::code(JuryRole::parse, "jury_member", r.user_id, "role", r.role)?,
            user_id: r.user_id,
            name: r.name,
            email: r.email,
            unit_id: r.unit_id,
        })
    }
}

/// The category's jury: chair, deputy, then members by name.
pub async fn members(db: &Db, category_id: Uuid) -> Result<Vec<Member>> {
    decode::all::<StoredMember, _>(on_pool!(db, |pool| sqlx::query_as(
        "SELECT m.user_id, u.name, u.email, u.unit_id, m.role FROM jury_member m \
         JOIN users u ON u.id = m.user_id WHERE m.category_id = $1 \
         ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, u.name, u.id"
    )
    .bind(category_id)
    .fetch_all(pool)
    .await)?)
}

/// A seat of one person: the category and the role in its jury.
#[derive(Debug, Clone)]
pub struct Seat {
    pub category_id: Uuid,
    pub category_name: String,
    pub round_title: String,
    pub role: JuryRole,
}

#[derive(sqlx::FromRow)]
struct StoredSeat {
    category_id: Uuid,
    category_name: String,
    round_title: String,
    role: String,
}

impl TryFrom<StoredSeat> for Seat {
    type Error = StoreError;

    fn try_from(r: StoredSeat) -> Result<Seat> {
        Ok(Seat {
            role: decode::code(
                JuryRole::parse,
                "jury_member",
                r.category_id,
                "role",
                r.role,
            )?,
            category_id: r.category_id,
            category_name: r.category_name,
            round_title: r.round_title,
        })
    }
}

/// Every jury seat of `user_id`, newest round first.
pub async fn seats_of(db: &Db, user_id: Uuid) -> Result<Vec<Seat>> {
    decode::all::<StoredSeat, _>(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT m.category_id, c.name AS category_name, r.title AS round_title, m.role \
         FROM jury_member m JOIN category c ON c.id = m.category_id JOIN round r ON r.id = c.round_id \
         WHERE m.user_id = $1 ORDER BY r.year DESC, r.id, c.position, c.id"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    })?)
}

/// The role of `user_id` in the category's jury, if any.
pub async fn role_in(db: &Db, category_id: Uuid, user_id: Uuid) -> Result<Option<JuryRole>> {
    let role: Option<(String,)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT role FROM jury_member WHERE category_id = $1 AND user_id = $2"
    )
    .bind(category_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await)?;
    role.map(|(r,)| decode::code(JuryRole::parse, "jury_member", user_id, "role", r))
        .transpose()
}

/// The jury's state of a category: what the chair decided about its scores and results.
#[derive(Debug, Clone)]
pub struct JuryState {
    pub category_id: Uuid,
    pub scores_locked_at: Option<OffsetDateTime>,
    pub nominees_at: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
    pub no_winner_reason: String,
    pub jury_version: i64,
    /// «Anonym vurdering»: the jury sees neither the team nor the unit.
    pub blind: bool,
    /// Who reviews what: everyone everything, or a fixed number per application.
    pub mode: AssignmentMode,
}

#[derive(sqlx::FromRow)]
struct StoredState {
    id: Uuid,
    blind: bool,
    scores_locked_at: Option<OffsetDateTime>,
    nominees_at: Option<OffsetDateTime>,
    results_at: Option<OffsetDateTime>,
    no_winner_reason: String,
    jury_version: i64,
    reviewers_per_application: Option<i64>,
}

impl TryFrom<StoredState> for JuryState {
    type Error = StoreError;

    fn try_from(r: StoredState) -> Result<JuryState> {
        let stored = r.reviewers_per_application;
        let mode = AssignmentMode::from_column(stored).ok_or_else(|| StoreError::Unknown {
            table: "category",
            id: r.id,
            column: "reviewers_per_application",
            value: stored.map(|n| n.to_string()).unwrap_or_default(),
        })?;
        Ok(JuryState {
            category_id: r.id,
            scores_locked_at: r.scores_locked_at,
            nominees_at: r.nominees_at,
            results_at: r.results_at,
            no_winner_reason: r.no_winner_reason,
            jury_version: r.jury_version,
            blind: r.blind,
            mode,
        })
    }
}

pub async fn state(db: &Db, category_id: Uuid) -> Result<Option<JuryState>> {
    let row: Option<StoredState> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, blind, scores_locked_at, nominees_at, results_at, no_winner_reason, \
         jury_version, reviewers_per_application FROM category WHERE id = $1"
    )
    .bind(category_id)
    .fetch_optional(pool)
    .await)?;
    decode::optional(row)
}

/// What the chair sets on a category, all at once, if nobody changed it since `expected`.
pub struct JuryChange<'a> {
    pub scores_locked_at: Option<OffsetDateTime>,
    pub nominees_at: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
    pub no_winner_reason: &'a str,
}

pub async fn set_state(
    tx: &mut Tx,
    category_id: Uuid,
    expected: i64,
    change: JuryChange<'_>,
) -> Result<i64> {
    let n = on_tx!(tx, |conn| sqlx::query(
        "UPDATE category SET scores_locked_at = $1, nominees_at = $2, results_at = $3, \
         no_winner_reason = $4, jury_version = jury_version + 1 WHERE id = $5 AND jury_version = $6"
    )
    .bind(change.scores_locked_at.map(utc))
    .bind(change.nominees_at.map(utc))
    .bind(change.results_at.map(utc))
    .bind(change.no_winner_reason)
    .bind(category_id)
    .bind(expected)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    StoreError::checked(n, "category jury", expected)
}

/// A submitted application as the jury reads it.
#[derive(Debug, Clone)]
pub struct JuryApplication {
    pub id: Uuid,
    pub category_id: Uuid,
    pub title: String,
    pub summary: String,
    pub unit_id: Uuid,
    pub owner_id: Uuid,
    pub unit_snapshot: Vec<String>,
    /// The applying unit and the units above it as they were at submission; empty when not
    /// recorded (submitted before it was, or imported).
    pub unit_chain: Vec<Uuid>,
    pub submitted_at: Option<OffsetDateTime>,
    /// Team members with an account.
    pub team: Vec<Uuid>,
}

#[derive(sqlx::FromRow)]
struct StoredJuryApplication {
    id: Uuid,
    category_id: Uuid,
    title: String,
    summary: String,
    unit_id: Uuid,
    owner_id: Uuid,
    unit_snapshot: Json<Vec<String>>,
    unit_chain: Option<Json<Vec<Uuid>>>,
    submitted_at: Option<OffsetDateTime>,
}

/// The submitted applications of a category (withdrawn ones and drafts never reach the
/// jury), in the order they came in, each with its team.
/// `one` narrows it to that application.
pub async fn applications(
    db: &Db,
    category_id: Uuid,
    one: Option<Uuid>,
) -> Result<Vec<JuryApplication>> {
    let rows: Vec<StoredJuryApplication> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, category_id, title, summary, unit_id, owner_id, unit_snapshot, unit_chain, \
         submitted_at \
         FROM application WHERE category_id = $1 AND state = $2 AND ($3 IS NULL OR id = $3) \
         ORDER BY submitted_at, id",
        )
        .bind(category_id)
        .bind(ApplicationState::Submitted.as_str())
        .bind(one)
        .fetch_all(pool)
        .await
    })?;
    let team: Vec<(Uuid, Uuid)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT t.application_id, t.user_id FROM team_member t \
         JOIN application a ON a.id = t.application_id \
         WHERE a.category_id = $1 AND t.user_id IS NOT NULL AND ($2 IS NULL OR a.id = $2)"
    )
    .bind(category_id)
    .bind(one)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| JuryApplication {
            team: team
                .iter()
                .filter(|(a, _)| *a == r.id)
                .map(|(_, u)| *u)
                .collect(),
            id: r.id,
            category_id: r.category_id,
            title: r.title,
            summary: r.summary,
            unit_id: r.unit_id,
            owner_id: r.owner_id,
            unit_snapshot: r.unit_snapshot.0,
            unit_chain: r.unit_chain.map(|c| c.0).unwrap_or_default(),
            submitted_at: r.submitted_at,
        })
        .collect())
}

/// The category an application belongs to.
pub async fn category_of(db: &Db, application_id: Uuid) -> Result<Option<Uuid>> {
    Ok(on_pool!(db, |pool| sqlx::query_scalar(
        "SELECT category_id FROM application WHERE id = $1"
    )
    .bind(application_id)
    .fetch_optional(pool)
    .await)?)
}

/// Active people holding the juror or jury-chair role: who may be given a seat.
pub async fn candidates(db: &Db) -> Result<Vec<(Uuid, String, String)>> {
    Ok(on_pool!(db, |pool| sqlx::query_as(
        "SELECT DISTINCT u.id, u.name, u.email FROM users u JOIN user_role r ON r.user_id = u.id \
         WHERE u.active AND r.role IN ('juror', 'jury_chair') ORDER BY u.name, u.email"
    )
    .fetch_all(pool)
    .await)?)
}

/// How many categories have their nominees and their results public at `now`: what the open
/// pages' live updates watch (a reveal at the ceremony, or a publication minute passing).
pub async fn published_counts(db: &Db, now: OffsetDateTime) -> Result<(i64, i64)> {
    let (nominees, results): (Option<i64>, Option<i64>) = on_pool!(db, |pool| sqlx::query_as(
        "SELECT SUM(CASE WHEN nominees_at <= $1 THEN 1 ELSE 0 END), \
         SUM(CASE WHEN results_at <= $1 THEN 1 ELSE 0 END) FROM category"
    )
    .bind(utc(now))
    .fetch_one(pool)
    .await)?;
    Ok((nominees.unwrap_or(0), results.unwrap_or(0)))
}

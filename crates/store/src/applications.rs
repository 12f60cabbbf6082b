//! Applications («søknader») and their teams.

use crate::{Db, Result, Tx, on_pool, on_tx, utc};
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
    pub idea_origin: IdeaOrigin,
    pub origin_note: &'a str,
    pub submitted_at: Option<OffsetDateTime>,
    pub withdrawn_at: Option<OffsetDateTime>,
}

pub async fn insert(tx: &mut Tx, now: OffsetDateTime, a: NewApplication<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    on_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO application (id, category_id, unit_id, owner_id, state, title, summary, answers, \
         unit_snapshot, idea_origin, origin_note, created_at, updated_at, submitted_at, withdrawn_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14)"
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
    .bind(a.idea_origin.as_str())
    .bind(a.origin_note)
    .bind(utc(now))
    .bind(a.submitted_at.map(utc))
    .bind(a.withdrawn_at.map(utc))
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

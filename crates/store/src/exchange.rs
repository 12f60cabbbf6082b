//! Reading and writing whole records for `prisverdig export` and `import`, in the
//! exchange document's shapes. Reads return everything in a fixed order (by id), so two
//! databases with the same data export the same document.

/// Fetches every row of a query as `$row`.
macro_rules! fetch_all {
    ($db:expr, $row:ty, $sql:expr) => {
        on_pool!($db, |pool| sqlx::query_as::<_, $row>($sql)
            .fetch_all(pool)
            .await)
    };
}

mod rounds;
mod write;

pub use rounds::rounds;
pub use write::*;

use crate::{Db, Result, on_pool};
use prisverdig_domain::exchange::{Adoption, Application, Decision, Person, Story, Unit};
use sqlx::types::Json;
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    kind: String,
    position: i64,
    archived: bool,
    merged_into: Option<Uuid>,
}

pub async fn units(db: &Db) -> Result<Vec<Unit>> {
    let rows = fetch_all!(
        db,
        UnitRow,
        "SELECT id, parent_id, name, kind, position, archived, merged_into FROM unit ORDER BY id"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Unit {
            id: r.id,
            parent: r.parent_id,
            name: r.name,
            kind: r.kind,
            position: r.position,
            archived: r.archived,
            merged_into: r.merged_into,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    email: String,
    name: String,
}

/// People named as an owner, a team member, an adopter or a story's author; nobody else.
pub async fn people(db: &Db) -> Result<Vec<Person>> {
    let rows = fetch_all!(
        db,
        PersonRow,
        "SELECT email, name FROM users WHERE id IN (SELECT owner_id FROM application) \
         OR email IN (SELECT email FROM team_member) \
         OR id IN (SELECT created_by FROM adoption WHERE created_by IS NOT NULL) \
         OR id IN (SELECT author_id FROM story) ORDER BY email"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Person {
            email: r.email,
            name: r.name,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    id: Uuid,
    category_id: Uuid,
    unit_id: Uuid,
    owner: String,
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
    outside_partners: Json<Vec<String>>,
}

/// The second ids of `sql`'s (id, id) rows, grouped by the first, in the order read.
async fn grouped(db: &Db, sql: &'static str) -> Result<HashMap<Uuid, Vec<Uuid>>> {
    let rows: Vec<(Uuid, Uuid)> = on_pool!(db, |pool| sqlx::query_as(sql).fetch_all(pool).await)?;
    let mut grouped: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (id, other) in rows {
        grouped.entry(id).or_default().push(other);
    }
    Ok(grouped)
}

#[derive(sqlx::FromRow)]
struct Pair {
    application_id: Uuid,
    other: String,
}

/// Every application with its team's e-mails and the applications it continues.
pub async fn applications(db: &Db) -> Result<Vec<Application>> {
    let mut team: HashMap<Uuid, Vec<String>> = HashMap::new();
    let rows = fetch_all!(
        db,
        Pair,
        "SELECT application_id, email AS other FROM team_member ORDER BY application_id, email"
    )?;
    for p in rows {
        team.entry(p.application_id).or_default().push(p.other);
    }
    let mut links = grouped(
        db,
        "SELECT application_id, continues_id FROM application_link \
         ORDER BY application_id, continues_id",
    )
    .await?;
    let mut units = grouped(
        db,
        "SELECT application_id, unit_id FROM application_unit \
         ORDER BY application_id, position, unit_id",
    )
    .await?;
    let rows = fetch_all!(
        db,
        ApplicationRow,
        "SELECT a.id, a.category_id, a.unit_id, u.email AS owner, a.state, a.title, a.summary, \
         a.answers, a.unit_snapshot, a.idea_origin, a.origin_note, a.source_application_id, \
         a.created_at, a.updated_at, a.submitted_at, a.withdrawn_at, a.outside_partners \
         FROM application a JOIN users u ON u.id = a.owner_id ORDER BY a.id"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Application {
            team: team.remove(&r.id).unwrap_or_default(),
            continues: links.remove(&r.id).unwrap_or_default(),
            other_units: units.remove(&r.id).unwrap_or_default(),
            outside_partners: r.outside_partners.0,
            id: r.id,
            category: r.category_id,
            unit: r.unit_id,
            owner: r.owner,
            state: r.state,
            title: r.title,
            summary: r.summary,
            answers: r.answers.0,
            unit_snapshot: r.unit_snapshot.0,
            idea_origin: Some(r.idea_origin).filter(|o| !o.is_empty()),
            origin_note: r.origin_note,
            source_application: r.source_application_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            withdrawn_at: r.withdrawn_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: Uuid,
    application_id: Uuid,
    kind: String,
    justification: String,
    feedback: String,
    publish_at: Option<OffsetDateTime>,
    published_at: Option<OffsetDateTime>,
}

pub async fn decisions(db: &Db) -> Result<Vec<Decision>> {
    let rows = fetch_all!(
        db,
        DecisionRow,
        "SELECT id, application_id, kind, justification, feedback, publish_at, published_at \
         FROM decision ORDER BY id"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Decision {
            id: r.id,
            application: r.application_id,
            kind: r.kind,
            justification: r.justification,
            feedback: r.feedback,
            publish_at: r.publish_at,
            published_at: r.published_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct AdoptionRow {
    id: Uuid,
    source_application_id: Uuid,
    adopting_unit_id: Option<Uuid>,
    adopting_application_id: Option<Uuid>,
    note: String,
    created_by: Option<String>,
    created_at: OffsetDateTime,
}

pub async fn adoptions(db: &Db) -> Result<Vec<Adoption>> {
    let rows = fetch_all!(
        db,
        AdoptionRow,
        "SELECT d.id, d.source_application_id, d.adopting_unit_id, d.adopting_application_id, \
         d.note, u.email AS created_by, d.created_at \
         FROM adoption d LEFT JOIN users u ON u.id = d.created_by ORDER BY d.id"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Adoption {
            id: r.id,
            source_application: r.source_application_id,
            adopting_unit: r.adopting_unit_id,
            adopting_application: r.adopting_application_id,
            note: r.note,
            created_by: r.created_by,
            created_at: r.created_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct StoryRow {
    id: Uuid,
    title: String,
    lead: String,
    body: String,
    author: String,
    published_at: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
    updated_at: Option<OffsetDateTime>,
}

/// Every story, drafts included, with the applications it is about in the editor's order.
pub async fn stories(db: &Db) -> Result<Vec<Story>> {
    let mut links = grouped(
        db,
        "SELECT story_id, application_id FROM story_application \
         ORDER BY story_id, position, application_id",
    )
    .await?;
    let rows = fetch_all!(
        db,
        StoryRow,
        "SELECT s.id, s.title, s.lead, s.body, u.email AS author, s.published_at, s.created_at, \
         s.updated_at FROM story s JOIN users u ON u.id = s.author_id ORDER BY s.id"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Story {
            applications: links.remove(&r.id).unwrap_or_default(),
            id: r.id,
            title: r.title,
            lead: r.lead,
            body: r.body,
            author: r.author,
            published_at: r.published_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

//! Inserting imported records with the ids they carry. References among new records
//! (a unit's parent, a round's origin, an application's source) are set in a second
//! pass, so the order of insertion never matters.

use crate::{Result, Tx, on_tx, utc};
use prisverdig_domain::exchange::{
    Adoption, Application, Category, Criterion, Decision, Organisation, Question, Round, Story,
    Unit,
};
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

/// Runs one statement with the given binds inside the transaction.
macro_rules! exec {
    ($tx:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        on_tx!($tx, |conn| sqlx::query($sql)
            $(.bind($bind))*
            .execute(conn)
            .await
            .map(|_| ()))
    };
}

pub async fn insert_organisation(tx: &mut Tx, now: OffsetDateTime, o: &Organisation) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO organisation (id, name, accent_colour, created_at) VALUES ($1, $2, $3, $4)",
        o.id,
        &o.name,
        &o.accent_colour,
        utc(now)
    )?;
    Ok(())
}

/// The unit without its parent or merge pointer; see [`link_unit`].
pub async fn insert_unit(tx: &mut Tx, organisation: Uuid, u: &Unit) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO unit (id, organisation_id, name, kind, position, archived) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        u.id,
        organisation,
        &u.name,
        &u.kind,
        u.position,
        u.archived
    )?;
    Ok(())
}

pub async fn link_unit(tx: &mut Tx, u: &Unit) -> Result<()> {
    exec!(
        tx,
        "UPDATE unit SET parent_id = $2, merged_into = $3 WHERE id = $1",
        u.id,
        u.parent,
        u.merged_into
    )?;
    Ok(())
}

/// The round without the round it was copied from; see [`link_round`].
pub async fn insert_round(tx: &mut Tx, organisation: Uuid, r: &Round) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO round (id, organisation_id, year, title, description, ceremony_name, \
         ceremony_at, ceremony_place, state, visibility, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        r.id,
        organisation,
        r.year,
        &r.title,
        &r.description,
        &r.ceremony_name,
        r.ceremony_at.map(utc),
        &r.ceremony_place,
        &r.state,
        &r.visibility,
        utc(r.created_at)
    )?;
    Ok(())
}

pub async fn link_round(tx: &mut Tx, r: &Round) -> Result<()> {
    exec!(
        tx,
        "UPDATE round SET copied_from = $2 WHERE id = $1",
        r.id,
        r.copied_from
    )?;
    Ok(())
}

pub async fn insert_category(tx: &mut Tx, round: Uuid, c: &Category) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO category (id, round_id, kind, name, description, prize_sum_kr, deadline, \
         extended_deadline, blind, peoples_choice, position, prize_sum_unknown, \
         no_winner_reason, known_application_count) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        c.id,
        round,
        &c.kind,
        &c.name,
        &c.description,
        c.prize_sum_kr.unwrap_or(0),
        utc(c.deadline),
        c.extended_deadline.map(utc),
        c.blind,
        c.peoples_choice,
        c.position,
        c.prize_sum_kr.is_none(),
        &c.not_awarded_reason,
        c.applications_received
    )?;
    Ok(())
}

pub async fn insert_criterion(tx: &mut Tx, category: Uuid, c: &Criterion) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO criterion (id, category_id, position, text, help, shape, scale_min, \
         scale_max, weight) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        c.id,
        category,
        c.position,
        &c.text,
        &c.help,
        &c.shape,
        c.scale_min,
        c.scale_max,
        c.weight
    )?;
    Ok(())
}

pub async fn insert_question(tx: &mut Tx, category: Uuid, q: &Question) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO question (id, category_id, position, text, help, required) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        q.id,
        category,
        q.position,
        &q.text,
        &q.help,
        q.required
    )?;
    Ok(())
}

/// The application without its source or continued applications; see
/// [`link_application`]. Team members are linked to the user with their e-mail, if any.
pub async fn insert_application(tx: &mut Tx, owner: Uuid, a: &Application) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO application (id, category_id, unit_id, owner_id, state, title, summary, \
         answers, unit_snapshot, idea_origin, origin_note, created_at, updated_at, submitted_at, \
         withdrawn_at, sector, outside_partners) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        a.id,
        a.category,
        a.unit,
        owner,
        &a.state,
        &a.title,
        &a.summary,
        Json(&a.answers),
        Json(&a.unit_snapshot),
        a.idea_origin.as_deref().unwrap_or(""),
        &a.origin_note,
        utc(a.created_at),
        utc(a.updated_at),
        a.submitted_at.map(utc),
        a.withdrawn_at.map(utc),
        // The top of the unit path, as `applications::set_state` keeps it on submission:
        // the catalogue's sector filter reads this column.
        a.unit_snapshot.first().map_or("", String::as_str),
        Json(&a.outside_partners)
    )?;
    for (position, unit) in a.other_units.iter().enumerate() {
        exec!(
            tx,
            "INSERT INTO application_unit (application_id, unit_id, position) VALUES ($1, $2, $3)",
            a.id,
            unit,
            position as i64
        )?;
    }
    for email in &a.team {
        exec!(
            tx,
            "INSERT INTO team_member (application_id, email, user_id, invited_at) \
             VALUES ($1, $2, (SELECT id FROM users WHERE email = $2), $3)",
            a.id,
            email,
            utc(a.created_at)
        )?;
    }
    Ok(())
}

pub async fn link_application(tx: &mut Tx, a: &Application) -> Result<()> {
    exec!(
        tx,
        "UPDATE application SET source_application_id = $2 WHERE id = $1",
        a.id,
        a.source_application
    )?;
    for earlier in &a.continues {
        exec!(
            tx,
            "INSERT INTO application_link (application_id, continues_id) VALUES ($1, $2)",
            a.id,
            earlier
        )?;
    }
    Ok(())
}

pub async fn insert_decision(tx: &mut Tx, d: &Decision) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO decision (id, application_id, kind, justification, feedback, publish_at, \
         published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        d.id,
        d.application,
        &d.kind,
        &d.justification,
        &d.feedback,
        d.publish_at.map(utc),
        d.published_at.map(utc)
    )?;
    Ok(())
}

/// The story with its links; the author is a user (found or made by e-mail beforehand).
pub async fn insert_story(tx: &mut Tx, author: Uuid, s: &Story) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO story (id, title, lead, body, author_id, published_at, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        s.id,
        &s.title,
        &s.lead,
        &s.body,
        author,
        s.published_at.map(utc),
        utc(s.created_at),
        s.updated_at.map(utc)
    )?;
    for (position, application) in s.applications.iter().enumerate() {
        exec!(
            tx,
            "INSERT INTO story_application (story_id, application_id, position) \
             VALUES ($1, $2, $3)",
            s.id,
            application,
            position as i64
        )?;
    }
    Ok(())
}

pub async fn insert_adoption(tx: &mut Tx, created_by: Option<Uuid>, a: &Adoption) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO adoption (id, source_application_id, adopting_unit_id, \
         adopting_application_id, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        a.id,
        a.source_application,
        a.adopting_unit,
        a.adopting_application,
        &a.note,
        created_by,
        utc(a.created_at)
    )?;
    Ok(())
}

//! Rounds with their categories, criteria and questions, nested as the document has them.

use crate::{Db, Result, on_pool};
use prisverdig_domain::exchange::{Category, Criterion, Question, Round};
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: Uuid,
    year: i64,
    title: String,
    description: String,
    ceremony_name: String,
    ceremony_at: Option<OffsetDateTime>,
    ceremony_place: String,
    state: String,
    visibility: String,
    copied_from: Option<Uuid>,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: Uuid,
    round_id: Uuid,
    kind: String,
    name: String,
    description: String,
    prize_sum_kr: i64,
    prize_sum_unknown: bool,
    deadline: OffsetDateTime,
    extended_deadline: Option<OffsetDateTime>,
    blind: bool,
    peoples_choice: bool,
    position: i64,
    no_winner_reason: String,
    known_application_count: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct CriterionRow {
    id: Uuid,
    category_id: Uuid,
    position: i64,
    text: String,
    help: String,
    shape: String,
    scale_min: i64,
    scale_max: i64,
    weight: i64,
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: Uuid,
    category_id: Uuid,
    position: i64,
    text: String,
    help: String,
    required: bool,
}

/// Every round with its categories, their criteria and questions.
pub async fn rounds(db: &Db) -> Result<Vec<Round>> {
    let mut criteria: HashMap<Uuid, Vec<Criterion>> = HashMap::new();
    let rows = fetch_all!(
        db,
        CriterionRow,
        "SELECT id, category_id, position, text, help, shape, scale_min, scale_max, weight \
         FROM criterion ORDER BY category_id, position, id"
    )?;
    for r in rows {
        criteria.entry(r.category_id).or_default().push(Criterion {
            id: r.id,
            position: r.position,
            text: r.text,
            help: r.help,
            shape: r.shape,
            scale_min: r.scale_min,
            scale_max: r.scale_max,
            weight: r.weight,
        });
    }
    let mut questions: HashMap<Uuid, Vec<Question>> = HashMap::new();
    let rows = fetch_all!(
        db,
        QuestionRow,
        "SELECT id, category_id, position, text, help, required FROM question \
         ORDER BY category_id, position, id"
    )?;
    for r in rows {
        questions.entry(r.category_id).or_default().push(Question {
            id: r.id,
            position: r.position,
            text: r.text,
            help: r.help,
            required: r.required,
        });
    }
    let mut categories: HashMap<Uuid, Vec<Category>> = HashMap::new();
    let rows = fetch_all!(
        db,
        CategoryRow,
        "SELECT id, round_id, kind, name, description, prize_sum_kr, prize_sum_unknown, deadline, \
         extended_deadline, blind, peoples_choice, position, no_winner_reason, \
         known_application_count FROM category ORDER BY round_id, position, id"
    )?;
    for r in rows {
        categories.entry(r.round_id).or_default().push(Category {
            id: r.id,
            kind: r.kind,
            name: r.name,
            description: r.description,
            prize_sum_kr: (!r.prize_sum_unknown).then_some(r.prize_sum_kr),
            deadline: r.deadline,
            extended_deadline: r.extended_deadline,
            blind: r.blind,
            peoples_choice: r.peoples_choice,
            position: r.position,
            criteria: criteria.remove(&r.id).unwrap_or_default(),
            questions: questions.remove(&r.id).unwrap_or_default(),
            not_awarded_reason: r.no_winner_reason,
            applications_received: r.known_application_count,
        });
    }
    let rows = fetch_all!(
        db,
        RoundRow,
        "SELECT id, year, title, description, ceremony_name, ceremony_at, ceremony_place, state, \
         visibility, copied_from, created_at FROM round ORDER BY id"
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Round {
            categories: categories.remove(&r.id).unwrap_or_default(),
            id: r.id,
            year: r.year,
            title: r.title,
            description: r.description,
            ceremony_name: r.ceremony_name,
            ceremony_at: r.ceremony_at,
            ceremony_place: r.ceremony_place,
            state: r.state,
            visibility: r.visibility,
            copied_from: r.copied_from,
            created_at: r.created_at,
        })
        .collect())
}

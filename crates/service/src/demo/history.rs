//! The demo's past round, «Innovasjonsprisene 2019», over and awarded: Innovasjonsprisen with
//! a winner, a nominee and an honourable mention (with the jury's justifications) and a
//! question of its own, and «Stjæl med stil», which nobody applied for and so was not
//! awarded. The round archive and the hall of fame have a year to show, and the statistics
//! a past year with units that took its ideas into use since. The texts live in
//! `history.json`; the results are published as the jury's own publication does it (a
//! decision per application, the category's minutes, the decisions scheduled to them).

use super::{DemoApplication, UnitIndex, answers, lookup};
use crate::{Result, ServiceError};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::local_time::parse_oslo;
use prisverdig_domain::outcome::Outcome;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_domain::setup::QuestionSetup;
use prisverdig_store::applications::{self, NewApplication};
use prisverdig_store::catalogue::{self, NewAdoption};
use prisverdig_store::jury::{self, JuryChange};
use prisverdig_store::rounds::{self, NewRound};
use prisverdig_store::{Tx, decisions, questions};
use serde::Deserialize;
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

const HISTORY_JSON: &str = include_str!("history.json");

#[derive(Deserialize)]
struct History {
    round: PastRound,
    applications: Vec<PastApplication>,
    /// Units that took a past idea into use («vi stjal denne»), over the following years.
    adoptions: Vec<PastAdoption>,
}

#[derive(Deserialize)]
struct PastAdoption {
    /// The adopted application, by its title.
    application: String,
    unit: String,
    date: String,
    note: String,
}

#[derive(Deserialize)]
struct PastRound {
    year: i64,
    title: String,
    description: String,
    ceremony_name: String,
    ceremony_date: String,
    ceremony_time: String,
    deadline_date: String,
    /// Innovasjonsprisen's own question that year.
    question: String,
}

#[derive(Deserialize)]
struct PastApplication {
    #[serde(flatten)]
    application: DemoApplication,
    question_answer: String,
    outcome: Outcome,
    justification: String,
}

fn history() -> Result<History> {
    serde_json::from_str(HISTORY_JSON)
        .map_err(|e| ServiceError::internal("reading demo/history.json", e))
}

fn oslo(date: &str, time: &str) -> Result<OffsetDateTime> {
    parse_oslo(date, time)
        .ok_or_else(|| ServiceError::broken(format!("demo/history.json: bad time {date} {time}")))
}

/// Writes the past round. `chair` decides (the demo's jury chair).
pub(super) async fn insert_history(
    tx: &mut Tx,
    org: Uuid,
    units: &UnitIndex,
    users: &HashMap<String, Uuid>,
    chair: Uuid,
) -> Result<()> {
    let h = history()?;
    let r = &h.round;
    let ceremony = oslo(&r.ceremony_date, &r.ceremony_time)?;
    let deadline = oslo(&r.deadline_date, "23:59")?;
    let round = NewRound {
        organisation_id: org,
        year: r.year,
        title: &r.title,
        description: &r.description,
        ceremony_name: &r.ceremony_name,
        ceremony_at: Some(ceremony),
        ceremony_place: "Fjordvik kulturhus",
        state: RoundState::Archived,
        visibility: Visibility::OnSubmit,
    };
    let created = deadline - time::Duration::days(60);
    let round_id = rounds::insert(tx, created, round).await?;
    let kinds = [CategoryKind::Innovation, CategoryKind::Steal];
    let categories = super::default_categories(tx, round_id, deadline, None, &kinds).await?;
    let innovation = super::lookup_kind(&categories, CategoryKind::Innovation)?;
    let question = QuestionSetup {
        text: r.question.clone(),
        help: String::new(),
        required: false,
    };
    let question = questions::insert(tx, innovation, 0, &question).await?;
    let submitted = deadline - time::Duration::days(10);
    let mut by_title = HashMap::new();
    for (i, p) in h.applications.iter().enumerate() {
        let at = submitted + time::Duration::hours(i as i64 * 5);
        let id = insert_application(tx, p, units, users, (innovation, question), at).await?;
        decisions::set(tx, at, id, None, p.outcome, &p.justification, chair).await?;
        by_title.insert(p.application.title.as_str(), id);
    }
    for a in &h.adoptions {
        let unknown =
            || ServiceError::broken(format!("history.json: adoption {:?}", a.application));
        let source = *by_title.get(a.application.as_str()).ok_or_else(unknown)?;
        let (unit, _) = units.get(&a.unit).ok_or_else(unknown)?;
        let adoption = NewAdoption {
            source,
            unit: *unit,
            note: &a.note,
            by: chair,
        };
        catalogue::add_adoption(tx, oslo(&a.date, "10:00")?, adoption).await?;
    }
    for category in categories.values() {
        let publication = JuryChange {
            scores_locked_at: Some(ceremony - time::Duration::days(14)),
            nominees_at: Some(ceremony - time::Duration::days(7)),
            results_at: Some(ceremony),
            no_winner_reason: "",
        };
        jury::set_state(tx, *category, 1, publication).await?;
        decisions::schedule_category(tx, *category, Some(ceremony)).await?;
    }
    Ok(())
}

async fn insert_application(
    tx: &mut Tx,
    p: &PastApplication,
    units: &UnitIndex,
    users: &HashMap<String, Uuid>,
    (category, question): (Uuid, Uuid),
    at: OffsetDateTime,
) -> Result<Uuid> {
    let a = &p.application;
    let (unit_id, snapshot) = units.get(&a.unit).ok_or_else(|| {
        ServiceError::broken(format!("history.json names unknown unit {:?}", a.unit))
    })?;
    let mut answers = answers(a, "")?;
    answers["questions"] = serde_json::json!({ question.to_string(): p.question_answer });
    let new = NewApplication {
        category_id: category,
        unit_id: *unit_id,
        owner_id: lookup(users, &a.owner)?,
        state: a.state,
        title: &a.title,
        summary: &a.summary,
        answers: &answers,
        unit_snapshot: snapshot,
        idea_origin: Some(a.idea_origin),
        origin_note: "",
        submitted_at: Some(at),
        withdrawn_at: None,
    };
    let id = applications::insert(tx, at, new).await?;
    for member in &a.team {
        applications::add_team_member(tx, at, id, member, Some(lookup(users, member)?)).await?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_past_round_reads_and_every_application_has_a_decision_and_its_answers() {
        let h = history().unwrap();
        assert!(oslo(&h.round.ceremony_date, &h.round.ceremony_time).is_ok());
        let kinds: Vec<Outcome> = h.applications.iter().map(|p| p.outcome).collect();
        assert!(kinds.contains(&Outcome::Winner) && kinds.contains(&Outcome::Nominee));
        assert!(kinds.contains(&Outcome::HonourableMention));
        for p in &h.applications {
            assert_eq!(
                p.application.category,
                CategoryKind::Innovation,
                "Stjæl med stil stays empty"
            );
            assert_eq!(
                p.application.criteria_answers.len(),
                6,
                "{}",
                p.application.title
            );
            assert!(p.application.summary.chars().count() <= 300);
            assert_eq!(
                p.justification.is_empty(),
                p.outcome == Outcome::Nominee,
                "a winner and a mention have the jury's words: {}",
                p.application.title
            );
        }
    }
}

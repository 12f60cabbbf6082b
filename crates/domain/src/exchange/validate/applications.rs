//! Checks of applications and what refers to them: decisions and adoptions.

use super::{Check, Known};
use crate::application::{ApplicationState, IdeaOrigin};
use crate::application_form::{Answers, ApplicationForm};
use crate::email::Email;
use crate::exchange::{Application, ExchangeDoc};
use crate::outcome::Outcome;
use crate::round::RoundState;
use crate::setup::MAX_TEXT_CHARS;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

pub(super) fn check_application(c: &mut Check, path: &str, a: &Application, known: &Known<'_>) {
    let category_questions = known.questions.get(&a.category);
    if category_questions.is_none() {
        c.fail(
            &format!("{path}.category"),
            format!("unknown category \"{}\"", a.category),
        );
    }
    c.refers(&format!("{path}.unit"), Some(a.unit), known.units, "unit");
    super::history::check_other_units(c, path, &a.other_units, known);
    let owner_ok = Email::parse(&a.owner).is_ok_and(|e| known.users.contains(e.as_str()));
    if !owner_ok {
        c.fail(
            &format!("{path}.owner"),
            format!("unknown user {:?} (not in $.users)", a.owner),
        );
    }
    for (t, email) in a.team.iter().enumerate() {
        if Email::parse(email).is_err() {
            c.fail(&format!("{path}.team[{t}]"), "not a valid e-mail address");
        }
    }
    let state_ok = ApplicationState::parse(&a.state).is_some();
    c.known(
        &format!("{path}.state"),
        state_ok,
        "application state",
        &a.state,
    );
    if let Some(o) = &a.idea_origin {
        c.known(
            &format!("{path}.idea_origin"),
            IdeaOrigin::parse(o).is_some(),
            "idea origin",
            o,
        );
    }
    c.text(
        &format!("{path}.origin_note"),
        &a.origin_note,
        false,
        MAX_TEXT_CHARS,
    );
    c.refers(
        &format!("{path}.source_application"),
        a.source_application,
        known.applications,
        "application",
    );
    for (k, id) in a.continues.iter().enumerate() {
        c.refers(
            &format!("{path}.continues[{k}]"),
            Some(*id),
            known.applications,
            "application",
        );
    }
    if a.source_application == Some(a.id) || a.continues.contains(&a.id) {
        c.fail(path, "an application cannot refer to itself");
    }
    check_form(c, path, a, category_questions);
}

/// The form's own limits, the same as when saving a draft.
fn check_form(c: &mut Check, path: &str, a: &Application, questions: Option<&HashSet<Uuid>>) {
    check_answer_fields(c, path, &a.answers);
    let answers: Answers = match serde_json::from_value(a.answers.clone()) {
        Ok(answers) => answers,
        Err(e) => {
            return c.fail(
                &format!("{path}.answers"),
                format!("not valid answers: {e}"),
            );
        }
    };
    if let Some(questions) = questions {
        for id in answers
            .questions
            .keys()
            .filter(|id| !questions.contains(id))
        {
            c.fail(
                &format!("{path}.answers.questions"),
                format!("unknown question \"{id}\""),
            );
        }
    }
    let form = ApplicationForm {
        title: a.title.clone(),
        summary: a.summary.clone(),
        idea_origin: None,
        answers,
        source_application: a.source_application,
        continues: a.continues.clone(),
    };
    if a.title.trim().is_empty() {
        c.fail(&format!("{path}.title"), "required");
    }
    for e in form.check_limits() {
        let field = match e.field {
            "title" | "summary" | "continues" => e.field.to_string(),
            f => format!("answers.{f}"),
        };
        let message = match e.field {
            "summary" => format!(
                "{} characters; at most {}",
                a.summary.chars().count(),
                crate::application::MAX_SUMMARY_CHARS
            ),
            _ => describe(e.message_id).to_string(),
        };
        c.fail(&format!("{path}.{field}"), message);
    }
}

/// `Answers` reads unknown fields as nothing: a misspelt one would be lost without a word.
fn check_answer_fields(c: &mut Check, path: &str, answers: &serde_json::Value) {
    let Some(fields) = answers.as_object() else {
        return;
    };
    let known = match serde_json::to_value(Answers::default()) {
        Ok(serde_json::Value::Object(known)) => known,
        _ => return,
    };
    let expected: Vec<&str> = known.keys().map(String::as_str).collect();
    for field in fields.keys().filter(|f| !known.contains_key(*f)) {
        c.fail(
            &format!("{path}.answers.{field}"),
            format!(
                "unknown answer field {field:?}; expected one of {}",
                expected.join(", ")
            ),
        );
    }
}

/// The form's message ids in words, for the command line.
fn describe(message_id: &str) -> &str {
    match message_id {
        "error-too-long" | "error-too-long-max" => "too long",
        "error-link-invalid" => "not a valid http(s) link",
        "error-too-many" | "error-too-many-max" => "too many",
        other => other,
    }
}

/// Each application's round state, as the document gives it.
fn round_states(doc: &ExchangeDoc) -> HashMap<Uuid, RoundState> {
    let categories: HashMap<Uuid, RoundState> = doc
        .rounds
        .iter()
        .filter_map(|r| RoundState::parse(&r.state).map(|s| (r, s)))
        .flat_map(|(r, s)| r.categories.iter().map(move |c| (c.id, s)))
        .collect();
    doc.applications
        .iter()
        .filter_map(|a| categories.get(&a.category).map(|s| (a.id, *s)))
        .collect()
}

/// A decision is public from its `published_at`, so one in a round whose jury has not
/// begun (draft, open or closed, which may reopen) would announce a result too early.
fn check_published(c: &mut Check, path: &str, published: bool, state: Option<RoundState>) {
    use RoundState::{Closed, Draft, Open};
    if let Some(state @ (Draft | Open | Closed)) = state.filter(|_| published) {
        c.fail(
            &format!("{path}.published_at"),
            format!(
                "published in a round that is still {:?}; expected null until the round \
                 is judging, nominated, awarded or archived",
                state.as_str()
            ),
        );
    }
}

pub(super) fn check_decisions(c: &mut Check, doc: &ExchangeDoc, applications: &HashSet<Uuid>) {
    let (mut seen, mut decided) = (HashSet::new(), HashSet::new());
    let states = round_states(doc);
    for (i, d) in doc.decisions.iter().enumerate() {
        let path = format!("$.decisions[{i}]");
        let state = states.get(&d.application).copied();
        check_published(c, &path, d.published_at.is_some(), state);
        c.unique(&mut seen, &format!("{path}.id"), d.id);
        c.refers(
            &format!("{path}.application"),
            Some(d.application),
            applications,
            "application",
        );
        if !decided.insert(d.application) {
            c.fail(
                &format!("{path}.application"),
                "the application has another decision",
            );
        }
        c.known(
            &format!("{path}.kind"),
            Outcome::parse(&d.kind).is_some(),
            "decision kind",
            &d.kind,
        );
        c.text(
            &format!("{path}.justification"),
            &d.justification,
            false,
            MAX_TEXT_CHARS,
        );
        c.text(
            &format!("{path}.feedback"),
            &d.feedback,
            false,
            MAX_TEXT_CHARS,
        );
    }
}

pub(super) fn check_adoptions(c: &mut Check, doc: &ExchangeDoc, known: &Known<'_>) {
    let mut seen = HashSet::new();
    // A unit records stealing an idea once (without an adopting application of its own),
    // as the database's `adoption_once` index holds.
    let mut by_unit = std::collections::HashMap::new();
    for (i, a) in doc.adoptions.iter().enumerate() {
        let path = format!("$.adoptions[{i}]");
        c.unique(&mut seen, &format!("{path}.id"), a.id);
        if let (Some(unit), None) = (a.adopting_unit, a.adopting_application)
            && let Some(first) = by_unit.insert((a.source_application, unit), i)
        {
            c.fail(
                &path,
                format!("the same unit already adopts this application in $.adoptions[{first}]"),
            );
        }
        let apps = known.applications;
        c.refers(
            &format!("{path}.source_application"),
            Some(a.source_application),
            apps,
            "application",
        );
        c.refers(
            &format!("{path}.adopting_application"),
            a.adopting_application,
            apps,
            "application",
        );
        c.refers(
            &format!("{path}.adopting_unit"),
            a.adopting_unit,
            known.units,
            "unit",
        );
        if a.adopting_unit.is_none() && a.adopting_application.is_none() {
            c.fail(
                &path,
                "names neither an adopting unit nor an adopting application",
            );
        }
        c.text(&format!("{path}.note"), &a.note, false, MAX_TEXT_CHARS);
        let by_ok = a
            .created_by
            .as_deref()
            .is_none_or(|e| Email::parse(e).is_ok_and(|e| known.users.contains(e.as_str())));
        if !by_ok {
            c.fail(
                &format!("{path}.created_by"),
                "unknown user (not in $.users)",
            );
        }
    }
}

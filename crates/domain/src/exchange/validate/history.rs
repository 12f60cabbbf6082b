//! Checks of what version 2 added for real history: a category's known count of
//! applications and its reason for no winner, an application's further units and outside
//! partners, and the stories.

use super::{Check, Known};
use crate::application::ApplicationState;
use crate::email::Email;
use crate::exchange::ExchangeDoc;
use crate::outcome::Outcome;
use crate::story::{MAX_BODY_CHARS, MAX_LEAD_CHARS, MAX_LINKS, MAX_TITLE_CHARS as MAX_STORY_TITLE};
use crate::unit::MAX_UNIT_NAME_CHARS;
use std::collections::{HashMap, HashSet};

/// At most this many further units behind one application.
pub const MAX_OTHER_UNITS: usize = 10;
/// At most this many partners outside the organisation on one application.
pub const MAX_OUTSIDE_PARTNERS: usize = 20;

pub(in crate::exchange) fn check_history(c: &mut Check, doc: &ExchangeDoc) {
    // What the document itself holds of each category: submitted applications and winners.
    let mut submitted: HashMap<_, i64> = HashMap::new();
    let mut category_of = HashMap::new();
    for a in &doc.applications {
        category_of.insert(a.id, a.category);
        if ApplicationState::parse(&a.state) == Some(ApplicationState::Submitted) {
            *submitted.entry(a.category).or_default() += 1;
        }
    }
    let awarded: HashSet<_> = doc
        .decisions
        .iter()
        .filter(|d| Outcome::parse(&d.kind) == Some(Outcome::Winner))
        .filter_map(|d| category_of.get(&d.application))
        .collect();
    for (i, r) in doc.rounds.iter().enumerate() {
        for (j, cat) in r.categories.iter().enumerate() {
            let path = format!("$.rounds[{i}].categories[{j}]");
            let named = submitted.get(&cat.id).copied().unwrap_or(0);
            if let Some(n) = cat.applications_received.filter(|n| *n >= 0 && *n < named) {
                c.fail(
                    &format!("{path}.applications_received"),
                    format!("{n}, but the file holds {named} submitted applications of this prize"),
                );
            }
            if !cat.not_awarded_reason.trim().is_empty() && awarded.contains(&cat.id) {
                c.fail(
                    &format!("{path}.not_awarded_reason"),
                    "the prize has a winner in $.decisions",
                );
            }
        }
    }
    for (i, a) in doc.applications.iter().enumerate() {
        let path = format!("$.applications[{i}]");
        if a.other_units.len() > MAX_OTHER_UNITS {
            c.fail(
                &format!("{path}.other_units"),
                format!("{} units; at most {MAX_OTHER_UNITS}", a.other_units.len()),
            );
        }
        let mut seen = HashSet::from([a.unit]);
        for (k, unit) in a.other_units.iter().enumerate() {
            if !seen.insert(*unit) {
                c.fail(
                    &format!("{path}.other_units[{k}]"),
                    "the application's unit, or listed twice",
                );
            }
        }
        if a.outside_partners.len() > MAX_OUTSIDE_PARTNERS {
            c.fail(
                &format!("{path}.outside_partners"),
                format!(
                    "{} partners; at most {MAX_OUTSIDE_PARTNERS}",
                    a.outside_partners.len()
                ),
            );
        }
        for (k, name) in a.outside_partners.iter().enumerate() {
            c.text(
                &format!("{path}.outside_partners[{k}]"),
                name,
                true,
                MAX_UNIT_NAME_CHARS,
            );
        }
    }
}

/// The further units must be units of the document; checked with the other references.
pub(super) fn check_other_units(c: &mut Check, path: &str, units: &[uuid::Uuid], known: &Known) {
    for (k, unit) in units.iter().enumerate() {
        c.refers(
            &format!("{path}.other_units[{k}]"),
            Some(*unit),
            known.units,
            "unit",
        );
    }
}

pub(in crate::exchange) fn check_stories(c: &mut Check, doc: &ExchangeDoc, known: &Known) {
    let mut seen = HashSet::new();
    for (i, s) in doc.stories.iter().enumerate() {
        let path = format!("$.stories[{i}]");
        c.unique(&mut seen, &format!("{path}.id"), s.id);
        c.text(&format!("{path}.title"), &s.title, true, MAX_STORY_TITLE);
        c.text(&format!("{path}.lead"), &s.lead, true, MAX_LEAD_CHARS);
        c.text(&format!("{path}.body"), &s.body, true, MAX_BODY_CHARS);
        if s.applications.len() > MAX_LINKS {
            c.fail(
                &format!("{path}.applications"),
                format!("{} applications; at most {MAX_LINKS}", s.applications.len()),
            );
        }
        let author_ok = Email::parse(&s.author).is_ok_and(|e| known.users.contains(e.as_str()));
        if !author_ok {
            c.fail(
                &format!("{path}.author"),
                format!("unknown user {:?} (not in $.users)", s.author),
            );
        }
        let mut linked = HashSet::new();
        for (k, id) in s.applications.iter().enumerate() {
            c.refers(
                &format!("{path}.applications[{k}]"),
                Some(*id),
                known.applications,
                "application",
            );
            if !linked.insert(*id) {
                c.fail(&format!("{path}.applications[{k}]"), "listed twice");
            }
        }
    }
}

//! Checks an exchange document without I/O: the header, every enumeration and limit, and
//! that every reference points at a record in the same document. Every problem is
//! reported, each at its JSON path (`$.applications[3].category`).

use super::{Category, ExchangeDoc, FORMAT, READS, Round};
use crate::category::{CategoryKind, Scale};
use crate::email::Email;
use crate::jury::conflict::MAX_REASON_CHARS;
use crate::round::{RoundState, Visibility};
use crate::setup::{MAX_TEXT_CHARS, MAX_TITLE_CHARS, MAX_WEIGHT};
use crate::unit::{MAX_UNIT_NAME_CHARS, UnitKind};
use std::collections::{HashMap, HashSet};
use std::fmt;
use uuid::Uuid;

/// One thing wrong with a document, at its JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Default)]
struct Check(Vec<Problem>);

impl Check {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        self.0.push(Problem {
            path: path.to_string(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, value: &str, required: bool, max: usize) {
        if required && value.trim().is_empty() {
            self.fail(path, "required");
        } else if value.chars().count() > max {
            let n = value.chars().count();
            self.fail(path, format!("{n} characters; at most {max}"));
        }
    }

    fn known(&mut self, path: &str, ok: bool, what: &str, value: &str) {
        if !ok {
            self.fail(path, format!("unknown {what} {value:?}"));
        }
    }

    /// Records `id`; a second record with the same id is a problem.
    fn unique(&mut self, seen: &mut HashSet<Uuid>, path: &str, id: Uuid) {
        if !seen.insert(id) {
            self.fail(path, format!("id {id} appears more than once"));
        }
    }

    fn refers(&mut self, path: &str, id: Option<Uuid>, known: &HashSet<Uuid>, what: &str) {
        if let Some(id) = id.filter(|id| !known.contains(id)) {
            self.fail(path, format!("unknown {what} \"{id}\""));
        }
    }
}

/// Every problem with `doc`; empty when it may be imported.
pub fn validate(doc: &ExchangeDoc) -> Vec<Problem> {
    let mut c = Check::default();
    if doc.format != FORMAT {
        c.fail(
            "$.format",
            format!("expected {FORMAT:?}, found {:?}", doc.format),
        );
    }
    if !READS.contains(&doc.version) {
        let v = doc.version;
        c.fail(
            "$.version",
            format!("unsupported version {v}; this build reads 1 and 2"),
        );
    }
    c.text(
        "$.organisation.name",
        &doc.organisation.name,
        true,
        MAX_TITLE_CHARS,
    );
    let users = check_users(&mut c, doc);
    let units = check_units(&mut c, doc);
    let questions = check_rounds(&mut c, &doc.rounds);
    let applications: HashSet<Uuid> = doc.applications.iter().map(|a| a.id).collect();
    let known = Known {
        users: &users,
        units: &units,
        questions: &questions,
        applications: &applications,
    };
    let mut seen = HashSet::new();
    for (i, a) in doc.applications.iter().enumerate() {
        let path = format!("$.applications[{i}]");
        c.unique(&mut seen, &format!("{path}.id"), a.id);
        check_application(&mut c, &path, a, &known);
    }
    check_decisions(&mut c, doc, &applications);
    check_adoptions(&mut c, doc, &known);
    check_history(&mut c, doc);
    check_stories(&mut c, doc, &known);
    c.0
}

/// The ids (and e-mails) a record may refer to.
struct Known<'a> {
    users: &'a HashSet<String>,
    units: &'a HashSet<Uuid>,
    /// Category id → the ids of its questions.
    questions: &'a HashMap<Uuid, HashSet<Uuid>>,
    applications: &'a HashSet<Uuid>,
}

fn check_users(c: &mut Check, doc: &ExchangeDoc) -> HashSet<String> {
    let mut emails = HashSet::new();
    for (i, p) in doc.users.iter().enumerate() {
        match Email::parse(&p.email) {
            Ok(e) if !emails.insert(e.as_str().to_string()) => {
                c.fail(&format!("$.users[{i}].email"), "listed more than once")
            }
            Ok(_) => {}
            Err(_) => c.fail(&format!("$.users[{i}].email"), "not a valid e-mail address"),
        }
        c.text(
            &format!("$.users[{i}].name"),
            &p.name,
            true,
            MAX_TITLE_CHARS,
        );
    }
    emails
}

fn check_units(c: &mut Check, doc: &ExchangeDoc) -> HashSet<Uuid> {
    let mut ids = HashSet::new();
    for (i, u) in doc.units.iter().enumerate() {
        c.unique(&mut ids, &format!("$.units[{i}].id"), u.id);
    }
    let parents: HashMap<Uuid, Option<Uuid>> = doc.units.iter().map(|u| (u.id, u.parent)).collect();
    for (i, u) in doc.units.iter().enumerate() {
        let path = format!("$.units[{i}]");
        c.text(&format!("{path}.name"), &u.name, true, MAX_UNIT_NAME_CHARS);
        let kind_ok = UnitKind::parse(&u.kind).is_some();
        c.known(&format!("{path}.kind"), kind_ok, "unit kind", &u.kind);
        c.refers(&format!("{path}.parent"), u.parent, &ids, "unit");
        c.refers(&format!("{path}.merged_into"), u.merged_into, &ids, "unit");
        if in_cycle(u.id, &parents) {
            c.fail(&format!("{path}.parent"), "the unit is its own ancestor");
        }
    }
    ids
}

fn in_cycle(start: Uuid, parents: &HashMap<Uuid, Option<Uuid>>) -> bool {
    let mut at = parents.get(&start).copied().flatten();
    for _ in 0..=parents.len() {
        match at {
            Some(id) if id == start => return true,
            Some(id) => at = parents.get(&id).copied().flatten(),
            None => return false,
        }
    }
    false
}

/// Checks rounds with their categories; returns each category's question ids.
fn check_rounds(c: &mut Check, rounds: &[Round]) -> HashMap<Uuid, HashSet<Uuid>> {
    let round_ids: HashSet<Uuid> = rounds.iter().map(|r| r.id).collect();
    let (mut seen, mut categories) = (HashSet::new(), HashMap::new());
    let mut children = HashSet::new();
    for (i, r) in rounds.iter().enumerate() {
        let path = format!("$.rounds[{i}]");
        c.unique(&mut seen, &format!("{path}.id"), r.id);
        if !(1900..=9999).contains(&r.year) {
            c.fail(
                &format!("{path}.year"),
                format!("year {} out of range", r.year),
            );
        }
        c.text(&format!("{path}.title"), &r.title, true, MAX_TITLE_CHARS);
        c.text(
            &format!("{path}.description"),
            &r.description,
            false,
            MAX_TEXT_CHARS,
        );
        let state_ok = RoundState::parse(&r.state).is_some();
        c.known(&format!("{path}.state"), state_ok, "round state", &r.state);
        let vis_ok = Visibility::parse(&r.visibility).is_some();
        c.known(
            &format!("{path}.visibility"),
            vis_ok,
            "visibility",
            &r.visibility,
        );
        c.refers(
            &format!("{path}.copied_from"),
            r.copied_from,
            &round_ids,
            "round",
        );
        for (j, cat) in r.categories.iter().enumerate() {
            let path = format!("{path}.categories[{j}]");
            c.unique(&mut seen, &format!("{path}.id"), cat.id);
            check_category(c, &path, cat, &mut children);
            categories.insert(cat.id, cat.questions.iter().map(|q| q.id).collect());
        }
    }
    categories
}

fn check_category(c: &mut Check, path: &str, cat: &Category, seen: &mut HashSet<Uuid>) {
    let kind_ok = CategoryKind::parse(&cat.kind).is_some();
    c.known(&format!("{path}.kind"), kind_ok, "category kind", &cat.kind);
    c.text(&format!("{path}.name"), &cat.name, true, MAX_TITLE_CHARS);
    c.text(
        &format!("{path}.description"),
        &cat.description,
        false,
        MAX_TEXT_CHARS,
    );
    if cat.prize_sum_kr.is_some_and(|kr| kr < 0) {
        c.fail(&format!("{path}.prize_sum_kr"), "must not be negative");
    }
    c.text(
        &format!("{path}.not_awarded_reason"),
        &cat.not_awarded_reason,
        false,
        MAX_REASON_CHARS,
    );
    if cat.applications_received.is_some_and(|n| n < 0) {
        c.fail(
            &format!("{path}.applications_received"),
            "must not be negative",
        );
    }
    if cat.extended_deadline.is_some_and(|e| e < cat.deadline) {
        c.fail(
            &format!("{path}.extended_deadline"),
            "earlier than the deadline",
        );
    }
    for (k, k_) in cat.criteria.iter().enumerate() {
        let path = format!("{path}.criteria[{k}]");
        c.unique(seen, &format!("{path}.id"), k_.id);
        c.text(&format!("{path}.text"), &k_.text, true, MAX_TEXT_CHARS);
        let scale = Scale::from_parts(&k_.shape, k_.scale_min, k_.scale_max);
        if scale.is_none_or(|s| s.bounds() != (k_.scale_min, k_.scale_max)) {
            c.fail(
                &format!("{path}.shape"),
                "not a valid scale (yes_no 0–1, or range min < max)",
            );
        }
        if !(1..=MAX_WEIGHT).contains(&k_.weight) {
            c.fail(
                &format!("{path}.weight"),
                format!("must be 1 to {MAX_WEIGHT}"),
            );
        }
    }
    for (k, q) in cat.questions.iter().enumerate() {
        let path = format!("{path}.questions[{k}]");
        c.unique(seen, &format!("{path}.id"), q.id);
        c.text(&format!("{path}.text"), &q.text, true, MAX_TEXT_CHARS);
    }
}

mod applications;
mod history;

use applications::{check_adoptions, check_application, check_decisions};
use history::{check_history, check_stories};

#[cfg(test)]
mod tests;

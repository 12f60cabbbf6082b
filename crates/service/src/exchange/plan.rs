//! What an import will insert: each record of the document is either new (its id is not in
//! the database), already present (same id, same content: skipped), or a conflict (same
//! id, other content) — a problem at the record's path that stops the whole import.

use super::ImportReport;
use prisverdig_domain::exchange::{
    Adoption, Application, Category, Criterion, Decision, ExchangeDoc, Problem, Question, Round,
    Story, Unit,
};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Default)]
pub(super) struct Plan<'a> {
    pub units: Vec<&'a Unit>,
    pub rounds: Vec<&'a Round>,
    /// (round id, category)
    pub categories: Vec<(Uuid, &'a Category)>,
    /// (category id, criterion)
    pub criteria: Vec<(Uuid, &'a Criterion)>,
    pub questions: Vec<(Uuid, &'a Question)>,
    pub applications: Vec<&'a Application>,
    pub decisions: Vec<&'a Decision>,
    pub adoptions: Vec<&'a Adoption>,
    pub stories: Vec<&'a Story>,
    unchanged: usize,
    problems: Vec<Problem>,
}

/// Records of one kind already in the database, by id, with the id of their parent.
type Existing<T> = HashMap<Uuid, (Option<Uuid>, T)>;

fn by_id<T: Clone>(items: impl IntoIterator<Item = (Uuid, Option<Uuid>, T)>) -> Existing<T> {
    items
        .into_iter()
        .map(|(id, parent, t)| (id, (parent, t)))
        .collect()
}

/// A round or category without its children, which are compared on their own.
fn bare_round(r: &Round) -> Round {
    Round {
        categories: Vec::new(),
        ..r.clone()
    }
}

fn bare_category(c: &Category) -> Category {
    Category {
        criteria: Vec::new(),
        questions: Vec::new(),
        ..c.clone()
    }
}

impl<'a> Plan<'a> {
    /// Sorts every record of `doc` against `db` (the database exported); every conflict
    /// is returned as a problem.
    pub fn new(doc: &'a ExchangeDoc, db: &ExchangeDoc) -> Result<Plan<'a>, Vec<Problem>> {
        let mut plan = Plan::default();
        let units = by_id(db.units.iter().map(|u| (u.id, None, u.clone())));
        for (i, u) in doc.units.iter().enumerate() {
            if plan.is_new(&format!("$.units[{i}]"), u.id, None, u, &units) {
                plan.units.push(u);
            }
        }
        plan.rounds_and_children(doc, db);
        let apps = by_id(db.applications.iter().map(|a| (a.id, None, a.clone())));
        for (i, a) in doc.applications.iter().enumerate() {
            if plan.is_new(&format!("$.applications[{i}]"), a.id, None, a, &apps) {
                plan.applications.push(a);
            }
        }
        plan.decisions(doc, db);
        let adoptions = by_id(db.adoptions.iter().map(|a| (a.id, None, a.clone())));
        for (i, a) in doc.adoptions.iter().enumerate() {
            if plan.is_new(&format!("$.adoptions[{i}]"), a.id, None, a, &adoptions) {
                plan.adoptions.push(a);
            }
        }
        let stories = by_id(db.stories.iter().map(|s| (s.id, None, s.clone())));
        for (i, s) in doc.stories.iter().enumerate() {
            if plan.is_new(&format!("$.stories[{i}]"), s.id, None, s, &stories) {
                plan.stories.push(s);
            }
        }
        if plan.problems.is_empty() {
            Ok(plan)
        } else {
            Err(plan.problems)
        }
    }

    /// Whether the record is missing from the database; records the conflict if it is
    /// there with other content or under another parent.
    fn is_new<T: PartialEq>(
        &mut self,
        path: &str,
        id: Uuid,
        parent: Option<Uuid>,
        record: &T,
        existing: &Existing<T>,
    ) -> bool {
        match existing.get(&id) {
            None => true,
            Some((p, old)) if *p == parent && old == record => {
                self.unchanged += 1;
                false
            }
            Some(_) => {
                self.problems.push(Problem {
                    path: path.to_string(),
                    message: format!(
                        "conflict: a record with id {id} is already in the database with other content"
                    ),
                });
                false
            }
        }
    }

    fn rounds_and_children(&mut self, doc: &'a ExchangeDoc, db: &ExchangeDoc) {
        let rounds = by_id(db.rounds.iter().map(|r| (r.id, None, bare_round(r))));
        let cats = db
            .rounds
            .iter()
            .flat_map(|r| r.categories.iter().map(move |c| (r.id, c)));
        let categories = by_id(cats.clone().map(|(r, c)| (c.id, Some(r), bare_category(c))));
        let criteria = by_id(cats.clone().flat_map(|(_, c)| {
            c.criteria
                .iter()
                .map(move |k| (k.id, Some(c.id), k.clone()))
        }));
        let questions = by_id(cats.flat_map(|(_, c)| {
            c.questions
                .iter()
                .map(move |q| (q.id, Some(c.id), q.clone()))
        }));
        // One round per year (the store's unique index): a new round may not take a year
        // that a round in the database or an earlier new round of the document has.
        let mut years: HashMap<i64, Uuid> = db.rounds.iter().map(|r| (r.year, r.id)).collect();
        for (i, r) in doc.rounds.iter().enumerate() {
            let path = format!("$.rounds[{i}]");
            if self.is_new(&path, r.id, None, &bare_round(r), &rounds) {
                match years.get(&r.year) {
                    Some(other) => self.problems.push(Problem {
                        path: format!("{path}.year"),
                        message: format!("conflict: round {other} already has the year {}", r.year),
                    }),
                    None => {
                        years.insert(r.year, r.id);
                        self.rounds.push(r);
                    }
                }
            }
            for (j, c) in r.categories.iter().enumerate() {
                let path = format!("{path}.categories[{j}]");
                if self.is_new(&path, c.id, Some(r.id), &bare_category(c), &categories) {
                    self.categories.push((r.id, c));
                }
                for (k, x) in c.criteria.iter().enumerate() {
                    if self.is_new(
                        &format!("{path}.criteria[{k}]"),
                        x.id,
                        Some(c.id),
                        x,
                        &criteria,
                    ) {
                        self.criteria.push((c.id, x));
                    }
                }
                for (k, q) in c.questions.iter().enumerate() {
                    if self.is_new(
                        &format!("{path}.questions[{k}]"),
                        q.id,
                        Some(c.id),
                        q,
                        &questions,
                    ) {
                        self.questions.push((c.id, q));
                    }
                }
            }
        }
    }

    /// An application has at most one decision: a new decision for an application that
    /// already has one (under another id) is a conflict too.
    fn decisions(&mut self, doc: &'a ExchangeDoc, db: &ExchangeDoc) {
        let decisions = by_id(db.decisions.iter().map(|d| (d.id, None, d.clone())));
        let decided: HashMap<Uuid, Uuid> =
            db.decisions.iter().map(|d| (d.application, d.id)).collect();
        for (i, d) in doc.decisions.iter().enumerate() {
            let path = format!("$.decisions[{i}]");
            if !self.is_new(&path, d.id, None, d, &decisions) {
                continue;
            }
            match decided.get(&d.application) {
                Some(other) => self.problems.push(Problem {
                    path: format!("{path}.application"),
                    message: format!("conflict: the application already has decision {other}"),
                }),
                None => self.decisions.push(d),
            }
        }
    }

    /// The rows the import writes (each new record once).
    pub fn rows(&self) -> u64 {
        (self.units.len()
            + self.rounds.len()
            + self.categories.len()
            + self.criteria.len()
            + self.questions.len()
            + self.applications.len()
            + self.decisions.len()
            + self.adoptions.len()
            + self.stories.len()) as u64
    }

    pub fn report(&self) -> ImportReport {
        ImportReport {
            added: vec![
                ("units", self.units.len()),
                ("rounds", self.rounds.len()),
                ("categories", self.categories.len()),
                ("criteria", self.criteria.len()),
                ("questions", self.questions.len()),
                ("applications", self.applications.len()),
                ("decisions", self.decisions.len()),
                ("adoptions", self.adoptions.len()),
                ("stories", self.stories.len()),
            ],
            unchanged: self.unchanged,
        }
    }
}

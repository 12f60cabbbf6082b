//! Reading an exchange document from text. Times are checked before the document is typed,
//! so that a time serde would refuse (a date without a time of day, a time without an
//! offset) is a problem at its JSON path rather than one message for the whole file.

use super::{ExchangeDoc, Problem};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Why a text is no exchange document that may be checked further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON of the document's shape: serde's message, with line and column.
    NotADocument(String),
    /// The shape is right but values cannot be read: every problem, at its JSON path.
    Problems(Vec<Problem>),
}

/// The time fields of each kind of record; `true` where null is allowed.
const ROUND: &[(&str, bool)] = &[("ceremony_at", true), ("created_at", false)];
const CATEGORY: &[(&str, bool)] = &[("deadline", false), ("extended_deadline", true)];
const APPLICATION: &[(&str, bool)] = &[
    ("created_at", false),
    ("updated_at", false),
    ("submitted_at", true),
    ("withdrawn_at", true),
];
const DECISION: &[(&str, bool)] = &[("publish_at", true), ("published_at", true)];
const ADOPTION: &[(&str, bool)] = &[("created_at", false)];
const STORY: &[(&str, bool)] = &[
    ("published_at", true),
    ("created_at", false),
    ("updated_at", true),
];

pub fn parse(text: &str) -> Result<ExchangeDoc, ParseError> {
    let not_a_document = |e: serde_json::Error| ParseError::NotADocument(e.to_string());
    let value: Value = serde_json::from_str(text).map_err(not_a_document)?;
    let problems = check_times(&value);
    if !problems.is_empty() {
        return Err(ParseError::Problems(problems));
    }
    serde_json::from_str(text).map_err(not_a_document)
}

fn check_times(doc: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    time_at(&mut problems, "$", doc, "exported_at", false);
    for (i, round) in records(doc, "rounds") {
        let path = format!("$.rounds[{i}]");
        times_of(&mut problems, &path, round, ROUND);
        for (j, category) in records(round, "categories") {
            times_of(
                &mut problems,
                &format!("{path}.categories[{j}]"),
                category,
                CATEGORY,
            );
        }
    }
    for (list, fields) in [
        ("applications", APPLICATION),
        ("decisions", DECISION),
        ("adoptions", ADOPTION),
        ("stories", STORY),
    ] {
        for (i, record) in records(doc, list) {
            times_of(&mut problems, &format!("$.{list}[{i}]"), record, fields);
        }
    }
    problems
}

fn records<'a>(value: &'a Value, list: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    value
        .get(list)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn times_of(problems: &mut Vec<Problem>, path: &str, record: &Value, fields: &[(&str, bool)]) {
    for (field, nullable) in fields {
        time_at(problems, path, record, field, *nullable);
    }
}

/// A missing field is left to serde, which names it.
fn time_at(problems: &mut Vec<Problem>, path: &str, record: &Value, field: &str, nullable: bool) {
    let Some(value) = record.get(field) else {
        return;
    };
    let ok = match value {
        Value::Null => nullable,
        Value::String(s) => OffsetDateTime::parse(s, &Rfc3339).is_ok(),
        _ => false,
    };
    if !ok {
        let or_null = if nullable { " or null" } else { "" };
        problems.push(Problem {
            path: format!("{path}.{field}"),
            message: format!(
                "expected an RFC 3339 time with a time of day and an offset, such as \
                 \"2019-11-01T22:59:00Z\"{or_null}; found {value}"
            ),
        });
    }
}

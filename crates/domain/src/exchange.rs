//! The exchange document: a versioned JSON form of units, rounds (with categories, criteria
//! and questions), applications, decisions, adoptions and stories, for `prisverdig export` and
//! `import`. Enumerations are kept as text here so that [`validate`] can report a bad value
//! at its JSON path instead of failing the whole parse. docs/exchange-format.md is the spec.

mod parse;
mod validate;

pub use parse::{ParseError, parse};
pub use validate::{Problem, validate};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// The value of `format`: what kind of file this is.
pub const FORMAT: &str = "prisverdig-exchange";
/// The version this build writes.
pub const VERSION: u32 = 2;
/// The versions this build reads. Version 1 lacks the fields version 2 added (the history
/// fields of a category and an application, and `stories`); it reads as version 2 with them
/// empty.
pub const READS: [u32; 2] = [1, 2];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeDoc {
    pub format: String,
    pub version: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub exported_at: OffsetDateTime,
    pub organisation: Organisation,
    pub units: Vec<Unit>,
    /// People named as owners, team members or adopters: e-mail and name only.
    pub users: Vec<Person>,
    pub rounds: Vec<Round>,
    pub applications: Vec<Application>,
    pub decisions: Vec<Decision>,
    pub adoptions: Vec<Adoption>,
    /// «Tanketanken» (version 2).
    #[serde(default)]
    pub stories: Vec<Story>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub accent_colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: Uuid,
    pub parent: Option<Uuid>,
    pub name: String,
    /// sector | area | unit
    pub kind: String,
    pub position: i64,
    pub archived: bool,
    #[serde(default)]
    pub merged_into: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: Uuid,
    pub year: i64,
    pub title: String,
    pub description: String,
    pub ceremony_name: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub ceremony_at: Option<OffsetDateTime>,
    pub ceremony_place: String,
    /// draft | open | closed | judging | nominated | awarded | archived
    pub state: String,
    /// on_submit | after_deadline
    pub visibility: String,
    #[serde(default)]
    pub copied_from: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: Uuid,
    /// innovation | steal | mistake | custom
    pub kind: String,
    pub name: String,
    pub description: String,
    /// The prize money; `null` when nobody knows it any more (version 2).
    pub prize_sum_kr: Option<i64>,
    #[serde(with = "time::serde::rfc3339")]
    pub deadline: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub extended_deadline: Option<OffsetDateTime>,
    pub blind: bool,
    pub peoples_choice: bool,
    pub position: i64,
    pub criteria: Vec<Criterion>,
    pub questions: Vec<Question>,
    /// Why the prize was not awarded, as the jury put it; empty when it was, or when no
    /// reason is known (version 2).
    #[serde(default)]
    pub not_awarded_reason: String,
    /// How many applications came in, when that is known and not all of them are in the
    /// document; `null` when the document's applications are all there were (version 2).
    #[serde(default)]
    pub applications_received: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: Uuid,
    pub position: i64,
    pub text: String,
    pub help: String,
    /// yes_no (scale 0–1) | range (scale_min < scale_max)
    pub shape: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub weight: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Uuid,
    pub position: i64,
    pub text: String,
    pub help: String,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub id: Uuid,
    pub category: Uuid,
    pub unit: Uuid,
    /// The owner's e-mail; must be listed in `users`.
    pub owner: String,
    /// Team members' e-mails (they need not have an account).
    pub team: Vec<String>,
    /// draft | submitted | withdrawn
    pub state: String,
    pub title: String,
    pub summary: String,
    /// The form's answers (`application_form::Answers`).
    pub answers: serde_json::Value,
    /// The unit's path of names when the application was submitted.
    pub unit_snapshot: Vec<String>,
    /// original | adapted | adopted, or null when not chosen yet.
    pub idea_origin: Option<String>,
    pub origin_note: String,
    #[serde(default)]
    pub source_application: Option<Uuid>,
    pub continues: Vec<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub withdrawn_at: Option<OffsetDateTime>,
    /// Further units of the organisation behind the application, besides `unit`, in order
    /// (version 2).
    #[serde(default)]
    pub other_units: Vec<Uuid>,
    /// Partners outside the organisation by name: a school, a company, a university
    /// (version 2).
    #[serde(default)]
    pub outside_partners: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: Uuid,
    pub application: Uuid,
    /// An [`Outcome`](crate::outcome::Outcome) code: nominee | winner | honourable_mention.
    pub kind: String,
    pub justification: String,
    pub feedback: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub publish_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    pub id: Uuid,
    pub source_application: Uuid,
    #[serde(default)]
    pub adopting_unit: Option<Uuid>,
    #[serde(default)]
    pub adopting_application: Option<Uuid>,
    pub note: String,
    /// E-mail of who recorded it; must be listed in `users`.
    #[serde(default)]
    pub created_by: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A story of «Tanketanken» (version 2). Its images are not in the format, as an
/// application's attachments are not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub id: Uuid,
    pub title: String,
    pub lead: String,
    /// Markdown.
    pub body: String,
    /// The author's e-mail; must be listed in `users`.
    pub author: String,
    /// Public from this time; `null` for a draft.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The applications it is about, in the editor's order.
    pub applications: Vec<Uuid>,
}

/// UTC at whole seconds: what both databases store.
fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.replace_nanosecond(0).unwrap_or(t)
}

fn whole_seconds_opt(t: &mut Option<OffsetDateTime>) {
    *t = t.map(whole_seconds);
}

impl ExchangeDoc {
    /// Brings the document to the form a database gives back: times in UTC at whole
    /// seconds, e-mail addresses trimmed and in lower case, lists in a fixed order. Import
    /// compares and stores the normalised document, and export writes it.
    pub fn normalise(&mut self) {
        self.exported_at = whole_seconds(self.exported_at);
        for p in &mut self.users {
            p.email = normal_email(&p.email);
        }
        for r in &mut self.rounds {
            r.created_at = whole_seconds(r.created_at);
            whole_seconds_opt(&mut r.ceremony_at);
            for c in &mut r.categories {
                c.deadline = whole_seconds(c.deadline);
                whole_seconds_opt(&mut c.extended_deadline);
            }
        }
        for a in &mut self.applications {
            a.owner = normal_email(&a.owner);
            a.team.iter_mut().for_each(|e| *e = normal_email(e));
            a.team.sort();
            a.continues.sort();
            a.created_at = whole_seconds(a.created_at);
            a.updated_at = whole_seconds(a.updated_at);
            whole_seconds_opt(&mut a.submitted_at);
            whole_seconds_opt(&mut a.withdrawn_at);
        }
        for d in &mut self.decisions {
            whole_seconds_opt(&mut d.publish_at);
            whole_seconds_opt(&mut d.published_at);
        }
        for a in &mut self.adoptions {
            a.created_by = a.created_by.as_deref().map(normal_email);
            a.created_at = whole_seconds(a.created_at);
        }
        for s in &mut self.stories {
            s.author = normal_email(&s.author);
            s.created_at = whole_seconds(s.created_at);
            whole_seconds_opt(&mut s.published_at);
            whole_seconds_opt(&mut s.updated_at);
        }
    }
}

fn normal_email(e: &str) -> String {
    e.trim().to_lowercase()
}

//! The demo organisation: a fictional municipality with units, users for every role, the
//! round «Innovasjonsprisene 2020» with the three default prizes and about 40 applications,
//! the year before it over and awarded (`demo/history.rs`), and next year's open call.
//! The people and texts live in `demo/demo.json`; the prize setup comes from the domain's
//! defaults, so the demo shows exactly what a new installation starts with.

use crate::users::generate_password;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::application::{ApplicationState, IdeaOrigin};
use prisverdig_domain::application_form::{Answers, ExternalSource, MistakeStory};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::email::Email;
use prisverdig_domain::jury::JuryRole;
use prisverdig_domain::local_time::parse_oslo;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_domain::sign_in::requires_second_factor;
use prisverdig_store::applications::{self, NewApplication};
use prisverdig_store::categories::{self, NewCategory};
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::rounds::{self, NewRound};
use prisverdig_store::users::{self, NewUser};
use prisverdig_store::{Tx, audit, second_factor, stories};
use prisverdig_store::{criteria, jury};
use serde::Deserialize;
use std::collections::HashMap;
use time::macros::datetime;
use uuid::Uuid;

mod history;
mod mail;
pub mod scale;

const DEMO_JSON: &str = include_str!("demo/demo.json");

#[derive(Deserialize)]
struct DemoData {
    organisation: DemoOrganisation,
    units: Vec<DemoUnit>,
    users: Vec<DemoUser>,
    jury: Vec<DemoJuror>,
    applications: Vec<DemoApplication>,
    #[serde(default)]
    stories: Vec<DemoStory>,
    /// Leaders standing behind applications of their units («forankret i linjen»).
    #[serde(default)]
    endorsements: Vec<DemoEndorsement>,
}

#[derive(Deserialize)]
struct DemoEndorsement {
    leader: String,
    application: String,
    note: String,
}

/// A published story for «Tanketanken», about applications named by their titles.
#[derive(Deserialize)]
struct DemoStory {
    author: String,
    /// Oslo date and time of publication.
    published_date: String,
    published_time: String,
    title: String,
    lead: String,
    body: String,
    about: Vec<String>,
}

#[derive(Deserialize)]
struct DemoOrganisation {
    name: String,
}

#[derive(Deserialize)]
struct DemoUnit {
    name: String,
    kind: String,
    #[serde(default)]
    children: Vec<DemoUnit>,
}

#[derive(Deserialize)]
struct DemoUser {
    email: String,
    name: String,
    roles: Vec<Role>,
    #[serde(default)]
    unit: Option<String>,
}

#[derive(Deserialize)]
struct DemoJuror {
    email: String,
    role: JuryRole,
}

#[derive(Deserialize)]
struct DemoApplication {
    category: CategoryKind,
    unit: String,
    owner: String,
    #[serde(default)]
    team: Vec<String>,
    state: ApplicationState,
    title: String,
    summary: String,
    what_we_did: String,
    three_years_ago: String,
    effect: String,
    partners: String,
    idea_origin: IdeaOrigin,
    origin_from: String,
    criteria_answers: Vec<String>,
    #[serde(default)]
    steal_source_title: String,
    #[serde(default)]
    steal_source_external: String,
    #[serde(default)]
    mistake: Option<MistakeStory>,
}

/// What the demo printed once: who can sign in, with which password, and the TOTP secret
/// the accounts that need a second factor (administrator, jurors) share.
pub struct DemoCredentials {
    pub admin_email: String,
    pub password: String,
    pub totp_secret: String,
    /// The administrator's `otpauth://` URI, for an authenticator app.
    pub totp_uri: String,
    pub other_accounts: Vec<(String, Vec<Role>)>,
}

fn demo_data() -> Result<DemoData> {
    serde_json::from_str(DEMO_JSON).map_err(|e| ServiceError::internal("reading demo.json", e))
}

/// Unit name → (id, names from the root down).
type UnitIndex = HashMap<String, (Uuid, Vec<String>)>;

impl Services {
    /// Whether the database holds no organisation yet (the demo only fills an empty one).
    #[tracing::instrument(skip_all)]
    pub async fn is_empty(&self) -> Result<bool> {
        Ok(organisation::first(&self.db).await?.is_none())
    }

    /// Fills an empty database with the demo organisation. All demo accounts share one
    /// fresh random password, returned once to be printed.
    #[tracing::instrument(skip_all)]
    pub async fn seed_demo(&self) -> Result<DemoCredentials> {
        if !self.is_empty().await? {
            return Err(ServiceError::broken(
                "the database already holds an organisation",
            ));
        }
        let data = demo_data()?;
        let password = generate_password();
        let hash = crate::auth::hash_password(&password)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let org = organisation::insert(&mut tx, now, &data.organisation.name).await?;
        let mut unit_index = UnitIndex::new();
        insert_units(&mut tx, org, None, &[], &data.units, &mut unit_index).await?;
        let user_ids = insert_users(&mut tx, &data.users, &hash, &unit_index, now).await?;
        let totp_secret = Services::new_totp_secret();
        enrol_second_factors(&mut tx, &data.users, &user_ids, &totp_secret, now).await?;
        let categories = insert_round(&mut tx, org, now).await?;
        insert_open_round(&mut tx, org, now).await?;
        insert_jury(&mut tx, &data.jury, &user_ids, &categories).await?;
        let chair = data
            .jury
            .iter()
            .find(|j| j.role == JuryRole::Chair)
            .ok_or_else(|| ServiceError::broken("demo.json names no jury chair"))?;
        let chair = lookup(&user_ids, &chair.email)?;
        history::insert_history(&mut tx, org, &unit_index, &user_ids, chair).await?;
        let names: HashMap<&str, &str> = data
            .users
            .iter()
            .map(|u| (u.email.as_str(), u.name.as_str()))
            .collect();
        let people = People {
            ids: &user_ids,
            names: &names,
        };
        let by_title = insert_applications(
            &mut tx,
            &data.applications,
            &unit_index,
            &people,
            &categories,
        )
        .await?;
        insert_stories(&mut tx, &data.stories, &user_ids, &by_title, now).await?;
        for e in &data.endorsements {
            let (application, _) = by_title.get(&e.application).copied().ok_or_else(|| {
                ServiceError::broken(format!("demo endorsement of unknown {}", e.application))
            })?;
            let leader = lookup(&user_ids, &e.leader)?;
            prisverdig_store::endorsements::put(&mut tx, now, application, leader, &e.note).await?;
        }
        let entry = audit::AuditEntry {
            actor: None,
            action: "demo.seed",
            entity: "organisation",
            entity_id: Some(org),
            detail: serde_json::json!({ "applications": data.applications.len() }),
        };
        audit::record(&mut tx, now, entry).await?;
        self.commit_public(tx).await?;
        self.demo_reviews(&user_ids).await?;
        let steal = lookup_kind(&categories, CategoryKind::Steal)?;
        let stolen: Vec<Uuid> = data
            .applications
            .iter()
            .filter(|a| a.category == CategoryKind::Steal && a.state == ApplicationState::Submitted)
            .filter_map(|a| by_title.get(&a.title).map(|(id, _)| *id))
            .collect();
        self.demo_votes(&data.users, &user_ids, steal, &stolen)
            .await?;
        self.demo_discussion(&user_ids).await?;
        let mistake = lookup_kind(&categories, CategoryKind::Mistake)?;
        let admin = credentials(&data.users, String::new()).admin_email;
        self.demo_blind(&admin, &user_ids, mistake).await?;
        self.demo_follow_up().await?;
        let mut credentials = credentials(&data.users, password);
        credentials.totp_uri = self
            .totp_enrolment(
                &data.organisation.name,
                &credentials.admin_email,
                Some(&totp_secret),
            )?
            .uri;
        credentials.totp_secret = totp_secret;
        Ok(credentials)
    }
}

impl Services {
    /// The jury at work in the judging round's first prize, through the jury's own use
    /// cases: the deputy and a juror have submitted reviews, another juror has drafts.
    async fn demo_reviews(&self, users: &HashMap<String, Uuid>) -> Result<()> {
        use crate::jury::reviews::{ReviewInput, ReviewIntent};
        use prisverdig_domain::jury::review::Entry;
        let work = [
            ("jury2@fjordvik.example", 4, ReviewIntent::Submit),
            ("jury4@fjordvik.example", 5, ReviewIntent::Submit),
            ("jury3@fjordvik.example", 2, ReviewIntent::Save),
        ];
        for (n, (email, count, intent)) in work.into_iter().enumerate() {
            let juror = users::find(&self.db, lookup(users, email)?)
                .await?
                .ok_or_else(|| ServiceError::broken("demo juror"))?;
            let Some(seat) = self.jury_seats(&juror).await?.into_iter().next() else {
                continue;
            };
            let free = seat
                .applications
                .iter()
                .filter(|(_, p)| *p != prisverdig_domain::jury::Progress::Conflicted);
            for (i, (app, _)) in free.take(count).enumerate() {
                let page = self.review_page(&juror, app.id).await?;
                let entries: Vec<(Uuid, Entry)> = page
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let (min, max) = c.scale.bounds();
                        let value = min + ((i + k + n * 2) as i64 % (max - min + 1));
                        let entry = Entry {
                            value: value.to_string(),
                            comment: String::new(),
                        };
                        (c.id, entry)
                    })
                    .collect();
                let input = ReviewInput {
                    version: None,
                    entries: &entries,
                    overall: "Godt forankret i tjenesten; effekten er godt beskrevet.",
                    intent,
                };
                self.save_review(&juror, app.id, input)
                    .await?
                    .map_err(|_| ServiceError::broken("demo review off its scale"))?;
            }
        }
        Ok(())
    }
}

impl Services {
    /// «Folkets favoritt» in the judging round's «Stjæl med stil»: voting is open (the
    /// deadline has passed, no results yet) and the demo's people have voted through the
    /// use case, most for the first entry.
    async fn demo_votes(
        &self,
        people: &[DemoUser],
        users: &HashMap<String, Uuid>,
        category: Uuid,
        entries: &[Uuid],
    ) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        categories::switch_on(&mut tx, category, categories::Switch::PeoplesChoice).await?;
        self.commit_public(tx).await?;
        // Seeded on a clock before the round's deadline (as some tests do), nobody votes yet.
        let open = self.peoples_choice(None, entries[0]).await?;
        if !open.is_some_and(|b| b.open) {
            return Ok(());
        }
        for (i, person) in people.iter().enumerate() {
            let voter = users::find(&self.db, lookup(users, &person.email)?)
                .await?
                .ok_or_else(|| ServiceError::broken("demo voter"))?;
            self.vote(&voter, entries[(i % 3).min(entries.len() - 1)])
                .await?;
        }
        Ok(())
    }

    /// «Beste feil» is assessed blind, and the administrator has saved the suggested redacted
    /// copy of each of its applications that names its team or unit.
    async fn demo_blind(
        &self,
        admin_email: &str,
        users: &HashMap<String, Uuid>,
        category: Uuid,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        categories::switch_on(&mut tx, category, categories::Switch::Blind).await?;
        tx.commit().await?;
        let admin = users::find(&self.db, lookup(users, admin_email)?)
            .await?
            .ok_or_else(|| ServiceError::broken("demo administrator"))?;
        for app in jury::applications(&self.db, category, None).await? {
            let page = self.redaction_page(&admin, app.id).await?;
            let typed: Vec<(String, String)> = page
                .fields
                .iter()
                .filter(|(_, written, shown)| written != shown)
                .map(|(field, _, shown)| (field.key(), shown.clone()))
                .collect();
            if !typed.is_empty() {
                self.save_redaction(&admin, app.id, None, &typed)
                    .await?
                    .map_err(|_| ServiceError::broken("demo redaction"))?;
            }
        }
        Ok(())
    }

    /// A short exchange in the jury's discussion, through its own use case, on the first
    /// application that the deputy and two jurors all take part in.
    async fn demo_discussion(&self, users: &HashMap<String, Uuid>) -> Result<()> {
        let posts = [
            (
                "jury2@fjordvik.example",
                "Effekten er godt beskrevet. Har noen sett tall for hvor mye tid som er spart?",
            ),
            (
                "jury4@fjordvik.example",
                "Ikke i søknaden. Jeg leser det som et anslag og gir litt lavere på effekt.",
            ),
            (
                "jury3@fjordvik.example",
                "Enig. Overføringsverdien er stor, så den bør være med videre uansett.",
            ),
        ];
        let mut authors = Vec::new();
        for (email, _) in posts {
            let user = users::find(&self.db, lookup(users, email)?)
                .await?
                .ok_or_else(|| ServiceError::broken("demo juror"))?;
            authors.push(user);
        }
        let Some(seat) = self.jury_seats(&authors[0]).await?.into_iter().next() else {
            return Ok(());
        };
        for (app, _) in &seat.applications {
            let mut everyone = true;
            for author in &authors {
                everyone &= self.jury_discussion(author, app.id, None).await.is_ok();
            }
            if everyone {
                for (author, (_, text)) in authors.iter().zip(posts) {
                    self.post_to_jury_discussion(author, app.id, text).await?;
                }
                break;
            }
        }
        Ok(())
    }
}

/// The demo's administrator and jurors get the demo's TOTP secret, printed with the password,
/// so that they sign in through the real second-factor step.
async fn enrol_second_factors(
    tx: &mut Tx,
    list: &[DemoUser],
    ids: &HashMap<String, Uuid>,
    secret: &str,
    now: time::OffsetDateTime,
) -> Result<()> {
    for u in list.iter().filter(|u| requires_second_factor(&u.roles)) {
        let email = Email::parse(&u.email)?;
        if let Some(id) = ids.get(email.as_str()) {
            second_factor::enrol(tx, now, *id, secret, None, &[]).await?;
        }
    }
    Ok(())
}

fn credentials(users: &[DemoUser], password: String) -> DemoCredentials {
    let admin_email = users
        .iter()
        .find(|u| u.roles.contains(&Role::Administrator))
        .map(|u| u.email.clone())
        .unwrap_or_default();
    let other_accounts = users
        .iter()
        .filter(|u| u.email != admin_email && u.roles.iter().any(|r| *r != Role::Applicant))
        .map(|u| (u.email.clone(), u.roles.clone()))
        .collect();
    DemoCredentials {
        admin_email,
        password,
        totp_secret: String::new(),
        totp_uri: String::new(),
        other_accounts,
    }
}

fn insert_units<'a>(
    tx: &'a mut Tx,
    org: Uuid,
    parent: Option<Uuid>,
    path: &'a [String],
    units: &'a [DemoUnit],
    index: &'a mut UnitIndex,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<()>> + Send + 'a>> {
    Box::pin(async move {
        for (position, unit) in units.iter().enumerate() {
            let new = NewUnit {
                organisation_id: org,
                parent_id: parent,
                name: &unit.name,
                kind: &unit.kind,
                position: position as i64,
            };
            let id = organisation::insert_unit(tx, new).await?;
            let mut here = path.to_vec();
            here.push(unit.name.clone());
            index.insert(unit.name.clone(), (id, here.clone()));
            insert_units(tx, org, Some(id), &here, &unit.children, index).await?;
        }
        Ok(())
    })
}

async fn insert_users(
    tx: &mut Tx,
    list: &[DemoUser],
    hash: &str,
    units: &UnitIndex,
    now: time::OffsetDateTime,
) -> Result<HashMap<String, Uuid>> {
    let mut ids = HashMap::new();
    for u in list {
        let email = Email::parse(&u.email)?;
        let unit_id = u
            .unit
            .as_ref()
            .and_then(|n| units.get(n))
            .map(|(id, _)| *id);
        let new = NewUser {
            email: &email,
            name: &u.name,
            password_hash: Some(hash),
            unit_id,
            roles: &u.roles,
        };
        ids.insert(
            email.as_str().to_string(),
            users::insert(tx, now, new).await?,
        );
    }
    Ok(ids)
}

/// «Innovasjonsprisene 2020»: applications closed at 23:59 on 1 November 2019 (Beste feil extended
/// to 15 November, as happened), ceremony at Bærumskonferansen on 20 January 2020.
async fn insert_round(
    tx: &mut Tx,
    org: Uuid,
    now: time::OffsetDateTime,
) -> Result<HashMap<CategoryKind, Uuid>> {
    let round = NewRound {
        organisation_id: org,
        year: 2020,
        title: "Innovasjonsprisene 2020",
        description: "Alle som søker blir sett. Løp og søk!",
        ceremony_name: "Bærumskonferansen",
        ceremony_at: Some(datetime!(2020-01-20 13:00 UTC)),
        ceremony_place: "Fjordvik kulturhus",
        state: RoundState::Judging,
        visibility: Visibility::OnSubmit,
    };
    let round_id = rounds::insert(tx, now, round).await?;
    let extension = datetime!(2019-11-15 22:59 UTC);
    default_categories(
        tx,
        round_id,
        datetime!(2019-11-01 22:59 UTC),
        Some(extension),
        &DEFAULT_KINDS,
    )
    .await
}

/// Next year's round, open now with a deadline a month away, so that the demo can be
/// applied to at once («løp og søk!»).
async fn insert_open_round(tx: &mut Tx, org: Uuid, now: time::OffsetDateTime) -> Result<()> {
    let deadline = crate::clock::oslo_end_of_day((now + time::Duration::days(30)).date());
    // One round per year: seeded before 2020, next year would be the 2020 round's.
    let year = (i64::from(now.year()) + 1).max(2021);
    let title = format!("Innovasjonsprisene {year}");
    let round = NewRound {
        organisation_id: org,
        year,
        title: &title,
        description: "Alle som søker blir sett. Løp og søk!",
        ceremony_name: "Fjordvikkonferansen",
        ceremony_at: Some(crate::clock::oslo(
            (deadline + time::Duration::days(75)).date(),
            time::macros::time!(12:00),
        )),
        ceremony_place: "Fjordvik kulturhus",
        state: RoundState::Open,
        visibility: Visibility::OnSubmit,
    };
    let round_id = rounds::insert(tx, now, round).await?;
    default_categories(tx, round_id, deadline, None, &DEFAULT_KINDS).await?;
    Ok(())
}

/// Every default prize.
const DEFAULT_KINDS: [CategoryKind; 3] = [
    CategoryKind::Innovation,
    CategoryKind::Steal,
    CategoryKind::Mistake,
];

/// The default prizes of `kinds` with their criteria; `mistake_extension` moves Beste
/// feil's deadline. Returns the categories' ids by kind.
async fn default_categories(
    tx: &mut Tx,
    round_id: Uuid,
    deadline: time::OffsetDateTime,
    mistake_extension: Option<time::OffsetDateTime>,
    kinds: &[CategoryKind],
) -> Result<HashMap<CategoryKind, Uuid>> {
    let mut ids = HashMap::new();
    let chosen = CATEGORIES.iter().filter(|def| kinds.contains(&def.kind));
    for (position, def) in chosen.enumerate() {
        let new = NewCategory {
            round_id,
            kind: def.kind,
            name: def.name,
            description: def.description,
            prize_sum_kr: def.prize_sum_kr,
            deadline,
            extended_deadline: mistake_extension.filter(|_| def.kind == CategoryKind::Mistake),
            position: position as i64,
        };
        let id = categories::insert(tx, new).await?;
        for (i, c) in def.criteria.iter().enumerate() {
            criteria::insert(tx, id, i as i64, c.text, c.scale).await?;
        }
        ids.insert(def.kind, id);
    }
    Ok(ids)
}

async fn insert_jury(
    tx: &mut Tx,
    jury: &[DemoJuror],
    users: &HashMap<String, Uuid>,
    categories: &HashMap<CategoryKind, Uuid>,
) -> Result<()> {
    for juror in jury {
        let id = lookup(users, &juror.email)?;
        for category in categories.values() {
            jury::add_member(tx, *category, id, juror.role).await?;
        }
    }
    Ok(())
}

fn lookup(map: &HashMap<String, Uuid>, key: &str) -> Result<Uuid> {
    map.get(key)
        .copied()
        .ok_or_else(|| ServiceError::broken(format!("demo.json names unknown {key:?}")))
}

/// «Organisation – Title» from the demo file as a structured outside source.
fn external_source(text: &str) -> Option<ExternalSource> {
    let (organisation, title) = text.split_once(" – ").unwrap_or((text, text));
    (!text.is_empty()).then(|| ExternalSource {
        organisation: organisation.trim().to_string(),
        title: title.trim().to_string(),
        link: String::new(),
    })
}

fn answers(a: &DemoApplication, contact: &str) -> Result<serde_json::Value> {
    let answers = Answers {
        what_we_did: a.what_we_did.clone(),
        three_years_ago: a.three_years_ago.clone(),
        effect: a.effect.clone(),
        partners: a.partners.clone(),
        contact: contact.to_string(),
        origin_from: a.origin_from.clone(),
        criteria: a.criteria_answers.clone(),
        questions: Default::default(),
        external_source: external_source(&a.steal_source_external),
        mistake: a.mistake.clone(),
    };
    serde_json::to_value(answers).map_err(|e| ServiceError::internal("encoding demo answers", e))
}

/// Demo users by e-mail: their ids, and their names for the contact field.
struct People<'a> {
    ids: &'a HashMap<String, Uuid>,
    names: &'a HashMap<&'a str, &'a str>,
}

async fn insert_applications(
    tx: &mut Tx,
    list: &[DemoApplication],
    units: &UnitIndex,
    people: &People<'_>,
    categories: &HashMap<CategoryKind, Uuid>,
) -> Result<HashMap<String, (Uuid, Uuid)>> {
    let users = people.ids;
    let submitted_at = datetime!(2019-10-20 10:00 UTC);
    let mut by_title = HashMap::new();
    for (i, a) in list.iter().enumerate() {
        let (unit_id, snapshot) = units.get(&a.unit).ok_or_else(|| {
            ServiceError::broken(format!("demo.json names unknown unit {:?}", a.unit))
        })?;
        let at = submitted_at + time::Duration::hours(i as i64 * 7);
        let submitted = a.state != ApplicationState::Draft;
        let answers = answers(
            a,
            people
                .names
                .get(a.owner.as_str())
                .copied()
                .unwrap_or_default(),
        )?;
        let new = NewApplication {
            category_id: lookup_kind(categories, a.category)?,
            unit_id: *unit_id,
            owner_id: lookup(users, &a.owner)?,
            state: a.state,
            title: &a.title,
            summary: &a.summary,
            answers: &answers,
            unit_snapshot: snapshot,
            idea_origin: Some(a.idea_origin),
            origin_note: &a.origin_from,
            submitted_at: submitted.then_some(at),
            withdrawn_at: (a.state == ApplicationState::Withdrawn)
                .then_some(at + time::Duration::days(2)),
        };
        let id = applications::insert(tx, at, new).await?;
        for member in &a.team {
            applications::add_team_member(tx, at, id, member, Some(lookup(users, member)?)).await?;
        }
        by_title.insert(a.title.clone(), (id, *unit_id));
    }
    for a in list.iter().filter(|a| !a.steal_source_title.is_empty()) {
        let (source, _) = by_title[&a.steal_source_title];
        let (adopter, unit) = by_title[&a.title];
        applications::set_source_application(tx, adopter, source).await?;
        applications::add_adoption(tx, submitted_at, source, adopter, unit).await?;
    }
    Ok(by_title)
}

/// The demo's stories, published at their set times, linked to applications by title.
async fn insert_stories(
    tx: &mut Tx,
    list: &[DemoStory],
    users: &HashMap<String, Uuid>,
    by_title: &HashMap<String, (Uuid, Uuid)>,
    now: time::OffsetDateTime,
) -> Result<()> {
    for s in list {
        let at = parse_oslo(&s.published_date, &s.published_time).ok_or_else(|| {
            ServiceError::broken(format!("demo.json: bad publication time for {:?}", s.title))
        })?;
        let content = stories::StoryContent {
            title: &s.title,
            lead: &s.lead,
            body: &s.body,
        };
        let id = stories::insert(tx, at.min(now), lookup(users, &s.author)?, content).await?;
        let links = s
            .about
            .iter()
            .map(|t| by_title.get(t).map(|(id, _)| *id))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                ServiceError::broken(format!(
                    "demo.json: {:?} names an unknown application",
                    s.title
                ))
            })?;
        stories::set_links(tx, id, &links).await?;
        stories::set_published(tx, at.min(now), id, 1, Some(at)).await?;
    }
    Ok(())
}

fn lookup_kind(map: &HashMap<CategoryKind, Uuid>, kind: CategoryKind) -> Result<Uuid> {
    map.get(&kind)
        .copied()
        .ok_or_else(|| ServiceError::broken(format!("no category of kind {kind:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_consistent() {
        let data = demo_data().unwrap();
        assert!((35..=45).contains(&data.applications.len()));
        let emails: Vec<_> = data.users.iter().map(|u| u.email.as_str()).collect();
        for a in &data.applications {
            assert!(emails.contains(&a.owner.as_str()), "{}", a.owner);
            assert!(a.summary.chars().count() <= 300, "{}", a.title);
            let criteria = CATEGORIES
                .iter()
                .find(|c| c.kind == a.category)
                .unwrap()
                .criteria
                .len();
            assert_eq!(a.criteria_answers.len(), criteria, "{}", a.title);
        }
        for role in Role::ALL {
            assert!(
                data.users.iter().any(|u| u.roles.contains(&role)),
                "no demo user is {role:?}"
            );
        }
        for role in [JuryRole::Chair, JuryRole::Deputy] {
            assert_eq!(data.jury.iter().filter(|j| j.role == role).count(), 1);
        }
        assert!((2..=3).contains(&data.stories.len()));
        for s in &data.stories {
            assert!(emails.contains(&s.author.as_str()), "{}", s.author);
            let text = prisverdig_domain::story::StoryText {
                title: s.title.clone(),
                lead: s.lead.clone(),
                body: s.body.clone(),
                links: Vec::new(),
            };
            assert!(text.problems().is_empty(), "{}", s.title);
            for about in &s.about {
                let a = data.applications.iter().find(|a| &a.title == about);
                assert!(
                    a.is_some_and(|a| a.state == ApplicationState::Submitted),
                    "{about}"
                );
            }
        }
    }
}

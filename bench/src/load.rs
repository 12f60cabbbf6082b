//! The people of the load benchmarks (mixed-load, scale): a world of applicants and jurors
//! set up in the database before the server starts, each person's actions over HTTP with
//! pauses, and the check afterwards that every acknowledged write is in the database as
//! last acknowledged.

use crate::{client, sign_in};
use anyhow::{Context, bail};
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::jury::JuryRole;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_service::files::LocalFileStore;
use prisverdig_service::users::AddUser;
use prisverdig_service::{Services, SystemClock};
use prisverdig_store::applications::{self, NewApplication};
use prisverdig_store::categories::{self, NewCategory};
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::rounds::{self, NewRound};
use prisverdig_store::{Db, criteria, second_factor};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const PASSWORD: &str = "load test password";
pub const WORDS: [&str; 6] = [
    "hjemmetjenesten",
    "skole",
    "innbyggere",
    "digital",
    "renhold",
    "barn",
];

pub struct World {
    pub open_category: Uuid,
    pub unit: Uuid,
    /// Submitted, public applications (also what jurors review).
    pub public: Vec<Uuid>,
    pub applicants: usize,
    /// (email, TOTP secret)
    pub jurors: Vec<(String, String)>,
    pub scores: Vec<(Uuid, i64)>,
    /// Writers only save (the scale benchmark); otherwise they browse between saves too.
    pub saves_only: bool,
}

/// A round open for applications and a category being judged, `applicants` applicants and
/// `jurors` jurors (with their second factor) on it, and 60 public applications to review.
/// Joins the database's organisation when it has one (a seeded database).
pub async fn setup(
    db: Db,
    data: &Path,
    applicants: usize,
    jurors_n: usize,
) -> anyhow::Result<World> {
    db.migrate().await?;
    let services = Services::new(
        db,
        Arc::new(SystemClock),
        Arc::new(LocalFileStore::new(data)),
    );
    let now = services.clock.now();
    let mut tx = services.db().begin().await?;
    let org = match organisation::first(services.db()).await? {
        Some(org) => org.id,
        None => organisation::insert(&mut tx, now, "Fjordvik kommune").await?,
    };
    let unit = NewUnit {
        organisation_id: org,
        parent_id: None,
        name: "Helse",
        kind: "sector",
        position: 0,
    };
    let unit = organisation::insert_unit(&mut tx, unit).await?;
    let round = NewRound {
        organisation_id: org,
        year: i64::from(now.year()),
        title: "Lasttesten",
        description: "",
        ceremony_name: "",
        ceremony_at: None,
        ceremony_place: "",
        state: RoundState::Open,
        visibility: Visibility::OnSubmit,
    };
    let round = rounds::insert(&mut tx, now, round).await?;
    let def = CATEGORIES
        .iter()
        .find(|c| c.kind == CategoryKind::Innovation)
        .context("defaults")?;
    let mut ids = Vec::new();
    for (position, deadline) in [
        (0, now + time::Duration::days(30)),
        (1, now - time::Duration::days(1)),
    ] {
        let new = NewCategory {
            round_id: round,
            kind: if position == 0 {
                def.kind
            } else {
                CategoryKind::Custom
            },
            name: if position == 0 {
                def.name
            } else {
                "Juryens pris"
            },
            description: "",
            prize_sum_kr: def.prize_sum_kr,
            deadline,
            extended_deadline: None,
            position,
        };
        let id = categories::insert(&mut tx, new).await?;
        for (i, c) in def.criteria.iter().enumerate() {
            criteria::insert(&mut tx, id, i as i64, c.text, c.scale).await?;
        }
        ids.push(id);
    }
    tx.commit().await?;
    let add = |email: String, roles: &'static [Role]| {
        let services = services.clone();
        async move {
            services
                .add_user(AddUser {
                    email: &email,
                    name: &email,
                    roles,
                    password: PASSWORD,
                })
                .await?;
            let e = prisverdig_domain::email::Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("email"))?;
            let (user, _) = prisverdig_store::users::find_for_sign_in(services.db(), &e)
                .await?
                .context("user")?;
            anyhow::Ok(user)
        }
    };
    for i in 0..applicants {
        add(format!("soker{i}@last.example"), &[Role::Applicant]).await?;
    }
    let admin = add("admin@last.example".into(), &[Role::Administrator]).await?;
    let owner = add("eier@last.example".into(), &[Role::Applicant]).await?;
    let mut jurors = Vec::new();
    for j in 0..jurors_n {
        let email = format!("jury{j}@last.example");
        let user = add(email.clone(), &[Role::Juror, Role::JuryChair]).await?;
        let secret = Services::new_totp_secret();
        let mut tx = services.db().begin().await?;
        second_factor::enrol(&mut tx, now, user.id, &secret, None, &[]).await?;
        tx.commit().await?;
        let role = if j == 0 {
            JuryRole::Chair
        } else {
            JuryRole::Member
        };
        services.add_juror(&admin, ids[1], user.id, role).await?;
        jurors.push((email, secret));
    }
    let mut public = Vec::new();
    let mut tx = services.db().begin().await?;
    for i in 0..60 {
        let title = format!("{} nummer {i}", WORDS[i % WORDS.len()]);
        let new = NewApplication {
            category_id: ids[1],
            unit_id: unit,
            owner_id: owner.id,
            state: ApplicationState::Submitted,
            title: &title,
            summary: "Et tiltak for innbyggerne i hjemmetjenesten.",
            answers: &serde_json::json!({}),
            unit_snapshot: &["Helse".to_string()],
            idea_origin: None,
            origin_note: "",
            submitted_at: Some(now - time::Duration::days(2)),
            withdrawn_at: None,
        };
        public.push(applications::insert(&mut tx, now, new).await?);
    }
    tx.commit().await?;
    let scores = criteria::of_category(services.db(), ids[1])
        .await?
        .into_iter()
        .map(|c| (c.id, c.scale.bounds().1))
        .collect();
    services.db().close().await;
    Ok(World {
        open_category: ids[0],
        unit,
        public,
        applicants,
        jurors,
        scores,
        saves_only: false,
    })
}

/// The server binary: `PRISVERDIG_BIN`, or `prisverdig` beside the running benchmark.
pub fn server_bin() -> anyhow::Result<PathBuf> {
    if let Ok(bin) = std::env::var("PRISVERDIG_BIN") {
        return Ok(bin.into());
    }
    let here = std::env::current_exe()?;
    let bin = here.with_file_name("prisverdig");
    if bin.exists() {
        Ok(bin)
    } else {
        bail!(
            "no server binary at {}; build it: cargo build -p prisverdig (or set PRISVERDIG_BIN)",
            bin.display()
        )
    }
}

/// Starts `prisverdig serve` on a free loopback port; returns the child and its base URL.
pub fn start(bin: &Path, url: &str, data: &Path) -> anyhow::Result<(Child, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(bin)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(data)
        .args(["--database-url", url])
        .env("PRISVERDIG_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    Ok((child, format!("http://127.0.0.1:{port}")))
}

/// Waits (up to a minute) until `/healthz` answers.
pub async fn wait_up(base: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(res) = client.get(format!("{base}/healthz")).send().await
            && res.status() == 200
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("{base} did not answer")
}

pub enum Person {
    Visitor,
    Applicant {
        token: String,
        id: Uuid,
        version: String,
    },
    Juror {
        token: String,
        app: Uuid,
        version: String,
        email: String,
    },
}

#[derive(Default)]
pub struct Tally {
    /// action → latencies
    pub samples: BTreeMap<&'static str, Vec<Duration>>,
    pub server_errors: usize,
    pub other_failures: usize,
    /// (application, the juror's e-mail for a review, the last acknowledged text)
    pub last: Vec<(Uuid, Option<String>, String)>,
}

/// One person's minute: actions with pauses, until `until`.
pub async fn live(
    base: String,
    client: reqwest::Client,
    mut person: Person,
    n: usize,
    world: Arc<World>,
    think: Duration,
    until: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let mut last_text: Option<String> = None;
    let mut step = 0usize;
    while Instant::now() < until {
        let jitter = ((n * 7919 + step * 104_729) % 1000) as f64 / 1000.0;
        tokio::time::sleep(think.mul_f64(0.5 + jitter)).await;
        step += 1;
        let pick = if world.saves_only {
            (n + step) % 6
        } else {
            (n + step) % 10
        };
        let app = world.public[(n * 13 + step) % world.public.len()];
        let (action, request) = match (&mut person, pick) {
            (Person::Applicant { token, id, version }, 0..=5) => {
                let text = format!("Utkast {n} steg {step}");
                last_text = Some(text.clone());
                let form = [
                    ("title", text.as_str()),
                    ("summary", "Et utkast."),
                    ("version", version.as_str()),
                    ("intent", "save"),
                    ("_csrf", token.as_str()),
                ];
                (
                    "save draft",
                    client
                        .post(format!("{base}/applications/{id}/save"))
                        .header("x-autosave", "1")
                        .form(&form),
                )
            }
            (
                Person::Juror {
                    token,
                    app,
                    version,
                    ..
                },
                0..=5,
            ) => {
                let text = format!("Vurdering {n} steg {step}");
                last_text = Some(text.clone());
                let mut form = vec![
                    ("_csrf".to_string(), token.clone()),
                    ("version".to_string(), version.clone()),
                ];
                for (c, v) in &world.scores {
                    form.push((format!("score-{c}"), v.to_string()));
                }
                form.push(("comment".into(), text));
                (
                    "save review",
                    client
                        .post(format!("{base}/jury/applications/{app}/review"))
                        .header("x-autosave", "1")
                        .form(&form),
                )
            }
            (_, 0..=3) => (
                "catalogue",
                client.get(format!("{base}/catalogue?page={}", 1 + step % 3)),
            ),
            (_, 4..=6) => (
                "search",
                client.get(format!(
                    "{base}/catalogue?q={}",
                    WORDS[(n + step) % WORDS.len()]
                )),
            ),
            (_, 7) => (
                "filtered catalogue",
                client.get(format!("{base}/catalogue?status=submitted&year=2026")),
            ),
            _ => (
                "innovation",
                client.get(format!("{base}/applications/{app}")),
            ),
        };
        let started = Instant::now();
        let res = request.send().await;
        let took = started.elapsed();
        let Ok(res) = res else {
            tally.other_failures += 1;
            continue;
        };
        let status = res.status();
        let body = res.text().await.unwrap_or_default();
        tally.samples.entry(action).or_default().push(took);
        if status.is_server_error() {
            tally.server_errors += 1;
            eprintln!("{action}: {status}");
            continue;
        }
        match (&mut person, action) {
            (
                Person::Applicant { version, .. } | Person::Juror { version, .. },
                "save draft" | "save review",
            ) => {
                let answer: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                match answer["version"].as_i64() {
                    Some(v) if status == 200 => {
                        *version = v.to_string();
                        let key = match &person {
                            Person::Applicant { id, .. } => (*id, None),
                            Person::Juror { app, email, .. } => (*app, Some(email.clone())),
                            Person::Visitor => continue,
                        };
                        tally.last.retain(|(k, _, _)| *k != key.0);
                        tally
                            .last
                            .push((key.0, key.1, last_text.clone().unwrap_or_default()));
                    }
                    _ => {
                        tally.other_failures += 1;
                        eprintln!("{action}: {status} {body}");
                    }
                }
            }
            _ if status != 200 => {
                tally.other_failures += 1;
                eprintln!("{action}: {status}");
            }
            _ => {}
        }
    }
    tally
}

/// Everyone signs in (jurors with their second factor) and applicants start their draft;
/// not timed. Person `n` talks to `bases[n % bases.len()]`; those after the applicants and
/// jurors browse without signing in.
pub async fn sign_in_people(
    bases: &[String],
    world: &World,
    users: usize,
) -> anyhow::Result<Vec<(String, reqwest::Client, Person)>> {
    let mut people = Vec::new();
    for n in 0..users {
        let base = bases[n % bases.len()].clone();
        let client = client()?;
        let person = if n < world.applicants {
            let token = sign_in(
                &base,
                &client,
                &format!("soker{n}@last.example"),
                PASSWORD,
                None,
            )
            .await?;
            let (c, u) = (world.open_category.to_string(), world.unit.to_string());
            let res = client
                .post(format!("{base}/apply"))
                .form(&[
                    ("category", c.as_str()),
                    ("unit", u.as_str()),
                    ("_csrf", &token),
                ])
                .send()
                .await?;
            let location = res
                .headers()
                .get("location")
                .context("apply")?
                .to_str()?
                .to_string();
            let id = Uuid::parse_str(
                location
                    .trim_start_matches("/applications/")
                    .trim_end_matches("/edit"),
            )?;
            Person::Applicant {
                token,
                id,
                version: "1".into(),
            }
        } else if n < world.applicants + world.jurors.len() {
            let (email, secret) = world.jurors[n - world.applicants].clone();
            let token = sign_in(&base, &client, &email, PASSWORD, Some(&secret)).await?;
            let app = world.public[(n - world.applicants) % world.public.len()];
            Person::Juror {
                token,
                app,
                version: String::new(),
                email,
            }
        } else {
            Person::Visitor
        };
        people.push((base, client, person));
    }
    Ok(people)
}

/// Runs everyone until `until` and adds up their tallies.
pub async fn run_people(
    people: Vec<(String, reqwest::Client, Person)>,
    world: Arc<World>,
    think: Duration,
    until: Instant,
) -> anyhow::Result<Tally> {
    let tasks: Vec<_> = people
        .into_iter()
        .enumerate()
        .map(|(n, (base, client, person))| {
            tokio::spawn(live(base, client, person, n, world.clone(), think, until))
        })
        .collect();
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await?;
        for (k, v) in t.samples {
            all.samples.entry(k).or_default().extend(v);
        }
        all.server_errors += t.server_errors;
        all.other_failures += t.other_failures;
        all.last.extend(t.last);
    }
    Ok(all)
}

/// How many acknowledged writes are not in the database at `url` as last acknowledged
/// (each printed); run after the servers stopped.
pub async fn lost_writes(
    url: &str,
    last: &[(Uuid, Option<String>, String)],
) -> anyhow::Result<usize> {
    let db = Db::connect(url, 1).await?;
    let mut lost = 0;
    for (id, juror, text) in last {
        let stored: Option<String> = match juror {
            None => applications::find(&db, *id).await?.map(|r| r.title),
            Some(email) => prisverdig_store::on_pool!(&db, |pool| {
                sqlx::query_scalar(
                "SELECT r.comment FROM review r JOIN users u ON u.id = r.juror_id WHERE r.application_id = $1 AND u.email = $2"
            ).bind(id).bind(email).fetch_optional(pool).await
            })?,
        };
        if stored.as_deref() != Some(text.as_str()) {
            lost += 1;
            eprintln!("lost: {id} holds {stored:?}, acknowledged {text:?}");
        }
    }
    db.close().await;
    Ok(lost)
}

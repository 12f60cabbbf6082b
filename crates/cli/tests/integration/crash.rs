//! Issue 16, crash safety: applicants save drafts and submit, jurors save reviews, over
//! HTTP against the real `prisverdig serve`, which is killed with SIGKILL again and again
//! and restarted. Afterwards every write the server answered with success is there and
//! intact: each draft holds the text of its last acknowledged save or of the one that was
//! in flight at the kill (never an older one, never a mix), every acknowledged submission
//! is submitted, and every review holds its last acknowledged comment or the one in flight.
//!
//! `PRISVERDIG_CRASH_KILLS` sets the number of kills per backend (2 in the normal suite;
//! `.ci/run` runs it again with 20). The counts are printed.

use crate::harness::{PG_ENV, new_client, postgres_url, skip_postgres};
use prisverdig_bench::{client, hidden, sign_in};
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
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

const BIN: &str = env!("CARGO_BIN_EXE_prisverdig");
pub(crate) const PASSWORD: &str = "crash test password";
const APPLICANTS: usize = 4;
const JURORS: usize = 2;

fn kills() -> usize {
    std::env::var("PRISVERDIG_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

/// An organisation with an open category and applicants `soker{i}@fjordvik.example`
/// (password [`PASSWORD`]), a category past its deadline and its jurors; made by [`setup`].
pub(crate) struct World {
    pub(crate) category: Uuid,
    pub(crate) unit: Uuid,
    /// Submitted applications in a category past its deadline, for the jurors.
    judged: Vec<Uuid>,
    /// (email, TOTP secret)
    jurors: Vec<(String, String)>,
    /// The judged category's criteria, each with a value on its scale.
    scores: Vec<(Uuid, i64)>,
}

pub(crate) async fn setup(db: Db, data_dir: &Path) -> World {
    db.migrate().await.unwrap();
    let files = Arc::new(LocalFileStore::new(data_dir));
    let services = Services::new(db, Arc::new(SystemClock), files);
    let now = services.clock.now();
    let mut tx = services.db().begin().await.unwrap();
    let org = organisation::insert(&mut tx, now, "Fjordvik kommune")
        .await
        .unwrap();
    let unit = NewUnit {
        organisation_id: org,
        parent_id: None,
        name: "Eiendom",
        kind: "sector",
        position: 0,
    };
    let unit = organisation::insert_unit(&mut tx, unit).await.unwrap();
    let round = NewRound {
        organisation_id: org,
        year: i64::from(now.year()),
        title: "Krasjprøven",
        description: "",
        ceremony_name: "",
        ceremony_at: None,
        ceremony_place: "",
        state: RoundState::Open,
        visibility: Visibility::OnSubmit,
    };
    let round = rounds::insert(&mut tx, now, round).await.unwrap();
    let def = CATEGORIES
        .iter()
        .find(|c| c.kind == CategoryKind::Innovation)
        .unwrap();
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
        let id = categories::insert(&mut tx, new).await.unwrap();
        for (i, c) in def.criteria.iter().enumerate() {
            criteria::insert(&mut tx, id, i as i64, c.text, c.scale)
                .await
                .unwrap();
        }
        ids.push(id);
    }
    tx.commit().await.unwrap();
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
                .await
                .unwrap();
            let e = prisverdig_domain::email::Email::parse(&email).unwrap();
            prisverdig_store::users::find_for_sign_in(services.db(), &e)
                .await
                .unwrap()
                .unwrap()
                .0
        }
    };
    for i in 0..APPLICANTS {
        add(format!("soker{i}@fjordvik.example"), &[Role::Applicant]).await;
    }
    let admin = add("admin@fjordvik.example".into(), &[Role::Administrator]).await;
    let owner = add("eier@fjordvik.example".into(), &[Role::Applicant]).await;
    let mut jurors = Vec::new();
    for j in 0..JURORS {
        let email = format!("jury{j}@fjordvik.example");
        let user = add(email.clone(), &[Role::Juror, Role::JuryChair]).await;
        let secret = Services::new_totp_secret();
        let mut tx = services.db().begin().await.unwrap();
        second_factor::enrol(&mut tx, now, user.id, &secret, None, &[])
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let role = if j == 0 {
            JuryRole::Chair
        } else {
            JuryRole::Member
        };
        services
            .add_juror(&admin, ids[1], user.id, role)
            .await
            .unwrap();
        jurors.push((email, secret));
    }
    let mut judged = Vec::new();
    let mut tx = services.db().begin().await.unwrap();
    for i in 0..2 {
        let title = format!("Søknad til juryen {i}");
        let new = NewApplication {
            category_id: ids[1],
            unit_id: unit,
            owner_id: owner.id,
            state: ApplicationState::Submitted,
            title: &title,
            summary: "Kort om ideen.",
            answers: &serde_json::json!({}),
            unit_snapshot: &["Eiendom".to_string()],
            idea_origin: None,
            origin_note: "",
            submitted_at: Some(now - time::Duration::days(2)),
            withdrawn_at: None,
        };
        judged.push(applications::insert(&mut tx, now, new).await.unwrap());
    }
    tx.commit().await.unwrap();
    let scores = criteria::of_category(services.db(), ids[1])
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.scale.bounds().1))
        .collect();
    services.db().close().await;
    World {
        category: ids[0],
        unit,
        judged,
        jurors,
        scores,
    }
}

/// What one writer sent and what the server acknowledged.
#[derive(Default)]
struct Ledger {
    /// The number of the last write answered with success.
    acknowledged: Option<usize>,
    /// The number of the last write sent (acknowledged or not).
    attempted: Option<usize>,
    submitted: bool,
    acks: usize,
    failures: usize,
}

fn server(bin_args: &[String]) -> Child {
    Command::new(BIN)
        .args(bin_args)
        .env("PRISVERDIG_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_up(base: &str) {
    for _ in 0..300 {
        if let Ok(res) = new_client().get(format!("{base}/healthz")).send().await
            && res.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come back");
}

/// An applicant: starts an application, then saves its draft again and again (submitting
/// at the 5th acknowledged save), until told to stop. Re-reads the version after a failure.
/// Signs the applicant in; before any kill.
async fn start_applicant(base: &str, i: usize) -> (reqwest::Client, String) {
    let client = client().unwrap();
    let email = format!("soker{i}@fjordvik.example");
    let token = sign_in(base, &client, &email, PASSWORD, None)
        .await
        .unwrap();
    (client, token)
}

/// Starts an application; retried until the server answers (a start whose answer was lost
/// at a kill leaves an empty draft, which is no acknowledged write).
async fn start_application(
    base: &str,
    client: &reqwest::Client,
    token: &str,
    world: &World,
) -> Uuid {
    let (c, u) = (world.category.to_string(), world.unit.to_string());
    loop {
        let form = [
            ("category", c.as_str()),
            ("unit", u.as_str()),
            ("_csrf", token),
        ];
        if let Ok(res) = client
            .post(format!("{base}/apply"))
            .form(&form)
            .send()
            .await
            && let Some(location) = res.headers().get("location").and_then(|l| l.to_str().ok())
            && let Ok(id) = Uuid::parse_str(
                location
                    .trim_start_matches("/applications/")
                    .trim_end_matches("/edit"),
            )
        {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The number of draft saves before each submission.
const DRAFTS: usize = 4;

/// An applicant writing one application after another: DRAFTS autosaved drafts, then the
/// submission, until told to stop. Re-reads the version after a failure. Returns every
/// application with what was sent and acknowledged.
async fn applicant(
    base: String,
    i: usize,
    (client, token): (reqwest::Client, String),
    world: Arc<World>,
    stop: Arc<AtomicBool>,
) -> Vec<(Uuid, Ledger)> {
    let mut done = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        let id = start_application(&base, &client, &token, &world).await;
        let mut ledger = Ledger::default();
        let mut version: Option<String> = Some("1".into());
        let mut n = 0usize;
        while !stop.load(Ordering::SeqCst) && !ledger.submitted {
            let Some(v) = version.clone() else {
                // After a failure: the version the server holds now.
                match client
                    .get(format!("{base}/applications/{id}/edit"))
                    .send()
                    .await
                {
                    Ok(res) if res.status() == 200 => {
                        version = hidden(&res.text().await.unwrap_or_default(), "version")
                    }
                    // Submitted after all (its answer was lost): the receipt.
                    Ok(res) if res.status() == 303 => break,
                    _ => tokio::time::sleep(Duration::from_millis(50)).await,
                }
                continue;
            };
            let submit = ledger.acks >= DRAFTS;
            let mut form: Vec<(String, String)> = vec![
                ("title".into(), format!("Søknad {i} lagring {n}")),
                ("summary".into(), format!("Sammendrag {i} {n}")),
                ("what_we_did".into(), "Vi gjorde noe nytt.".into()),
                ("three_years_ago".into(), "Det var tungvint.".into()),
                ("effect".into(), "Innbyggerne merker det.".into()),
                ("contact".into(), "Søker".into()),
                ("idea_origin".into(), "original".into()),
                ("version".into(), v),
                (
                    "intent".into(),
                    if submit { "submit" } else { "save" }.into(),
                ),
                ("_csrf".into(), token.clone()),
            ];
            form.extend((0..6).map(|k| (format!("criterion_{k}"), "Ja.".to_string())));
            ledger.attempted = Some(n);
            let mut req = client
                .post(format!("{base}/applications/{id}/save"))
                .form(&form);
            if !submit {
                req = req.header("x-autosave", "1");
            }
            let answer = match req.send().await {
                Ok(res) => {
                    let status = res.status();
                    let body = res.text().await.unwrap_or_default();
                    if submit && status == 303 {
                        Some(None)
                    } else if let (false, 200, Ok(a)) = (
                        submit,
                        status.as_u16(),
                        serde_json::from_str::<serde_json::Value>(&body),
                    ) && a["status"] == "saved"
                    {
                        Some(a["version"].as_i64().map(|v| v.to_string()))
                    } else {
                        None
                    }
                }
                Err(_) => None,
            };
            match answer {
                Some(next) => {
                    ledger.acknowledged = Some(n);
                    ledger.acks += 1;
                    ledger.submitted = submit;
                    version = next;
                }
                None => {
                    ledger.failures += 1;
                    version = None;
                }
            }
            n += 1;
        }
        done.push((id, ledger));
    }
    done
}

/// Signs the juror in; before any kill.
async fn start_juror(base: &str, j: usize, world: &World) -> (reqwest::Client, String, Uuid) {
    let client = client().unwrap();
    let (email, secret) = world.jurors[j].clone();
    let token = sign_in(base, &client, &email, PASSWORD, Some(&secret))
        .await
        .unwrap();
    (client, token, world.judged[j % world.judged.len()])
}

/// A juror autosaving the review of one application until told to stop.
async fn juror(
    base: String,
    j: usize,
    (client, token, app): (reqwest::Client, String, Uuid),
    scores: Vec<(Uuid, i64)>,
    stop: Arc<AtomicBool>,
    ledger: Arc<Mutex<Ledger>>,
) {
    let mut version: Option<String> = Some(String::new());
    let mut n = 0usize;
    while !stop.load(Ordering::SeqCst) {
        let Some(v) = version.clone() else {
            match client
                .get(format!("{base}/jury/applications/{app}"))
                .send()
                .await
            {
                Ok(res) if res.status() == 200 => {
                    version = Some(
                        hidden(&res.text().await.unwrap_or_default(), "version")
                            .unwrap_or_default(),
                    )
                }
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
            continue;
        };
        let mut form = vec![
            ("_csrf".to_string(), token.clone()),
            ("version".to_string(), v),
        ];
        for (c, value) in &scores {
            form.push((format!("score-{c}"), value.to_string()));
        }
        form.push(("comment".into(), format!("Jurymedlem {j} lagring {n}")));
        ledger.lock().unwrap().attempted = Some(n);
        let res = client
            .post(format!("{base}/jury/applications/{app}/review"))
            .header("x-autosave", "1")
            .form(&form)
            .send()
            .await;
        let answer = match res {
            Ok(res) => {
                let status = res.status();
                let body = res.text().await.unwrap_or_default();
                let version = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|a| a["version"].as_i64());
                if status != 200 && std::env::var("CRASH_DEBUG").is_ok() {
                    eprintln!(
                        "review {n} of {app}: {status} {}",
                        &body[..body.len().min(600)]
                    );
                }
                version.filter(|_| status == 200)
            }
            Err(_) => None,
        };
        let mut l = ledger.lock().unwrap();
        match answer {
            Some(next) => {
                l.acknowledged = Some(n);
                l.acks += 1;
                version = Some(next.to_string());
            }
            None => {
                l.failures += 1;
                version = None;
            }
        }
        n += 1;
    }
}

/// The number in «… lagring N».
fn number(text: &str) -> Option<usize> {
    text.rsplit("lagring ").next()?.trim().parse().ok()
}

async fn crash_and_check(db: Db, url: String, data: PathBuf, backend: &str) {
    let world = Arc::new(setup(db, &data).await);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let args: Vec<String> = vec![
        "serve".into(),
        "--bind".into(),
        format!("127.0.0.1:{port}"),
        "--data-dir".into(),
        data.display().to_string(),
        "--database-url".into(),
        url.clone(),
    ];
    let mut child = server(&args);
    wait_up(&base).await;
    let stop = Arc::new(AtomicBool::new(false));
    let reviews: Vec<_> = (0..JURORS)
        .map(|_| Arc::new(Mutex::new(Ledger::default())))
        .collect();
    // Everyone signs in (one at a time: the password hash is slow on purpose) before the
    // first kill; their sessions live in the database.
    let mut tasks = Vec::new();
    for i in 0..APPLICANTS {
        let ready = start_applicant(&base, i).await;
        let writer = applicant(base.clone(), i, ready, world.clone(), stop.clone());
        tasks.push(tokio::spawn(writer));
    }
    let mut jurors = Vec::new();
    for (j, ledger) in reviews.iter().enumerate() {
        let ready = start_juror(&base, j, &world).await;
        let scores = world.scores.clone();
        let writer = juror(base.clone(), j, ready, scores, stop.clone(), ledger.clone());
        jurors.push(tokio::spawn(writer));
    }
    let kills = kills();
    for k in 0..kills {
        // A different moment each time: 300–900 ms of writing.
        tokio::time::sleep(Duration::from_millis(300 + (k as u64 * 211) % 600)).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        child = server(&args);
        wait_up(&base).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::SeqCst);
    let mut written = Vec::new();
    for (i, task) in tasks.into_iter().enumerate() {
        written.extend(task.await.unwrap().into_iter().map(|(id, l)| (i, id, l)));
    }
    for task in jurors {
        task.await.unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // What the database holds, read after the last kill and a restart.
    let mut child = server(&args);
    wait_up(&base).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let db = Db::connect(&url, 1).await.unwrap();
    let (mut acks, mut failures, mut submissions) = (0, 0, 0);
    for (i, id, l) in &written {
        let Some(acked) = l.acknowledged else {
            // Nothing of it was acknowledged (stopped, or every try hit a kill).
            failures += l.failures;
            continue;
        };
        let row = applications::find(&db, *id)
            .await
            .unwrap()
            .expect("the application is there");
        let stored = number(&row.title).unwrap_or_else(|| panic!("intact title: {:?}", row.title));
        assert_eq!(
            row.summary,
            format!("Sammendrag {i} {stored}"),
            "the save is whole, not a mix"
        );
        assert!(
            stored >= acked && Some(stored) <= l.attempted,
            "{id}: stored {stored}, acknowledged {acked}, attempted {:?}",
            l.attempted
        );
        if l.submitted {
            assert_eq!(
                row.state,
                ApplicationState::Submitted,
                "an acknowledged submission stays submitted"
            );
            submissions += 1;
        }
        acks += l.acks;
        failures += l.failures;
    }
    let (mut review_acks, mut review_failures) = (0, 0);
    for (j, ledger) in reviews.iter().enumerate() {
        let l = std::mem::take(&mut *ledger.lock().unwrap());
        let app = world.judged[j % world.judged.len()];
        let comment: String = prisverdig_store::on_pool!(&db, |pool| sqlx::query_scalar(
            "SELECT r.comment FROM review r JOIN users u ON u.id = r.juror_id WHERE r.application_id = $1 AND u.email = $2"
        )
        .bind(app)
        .bind(&world.jurors[j].0)
        .fetch_one(pool)
        .await)
        .unwrap();
        let stored = number(&comment).unwrap_or_else(|| panic!("intact comment: {comment:?}"));
        let acked = l.acknowledged.expect("some review saves were acknowledged");
        assert!(
            stored >= acked && Some(stored) <= l.attempted,
            "review {j}: stored {stored}, acknowledged {acked}"
        );
        review_acks += l.acks;
        review_failures += l.failures;
    }
    db.close().await;
    eprintln!(
        "crash safety on {backend}: {kills} SIGKILLs; {acks} acknowledged draft saves and submissions ({submissions} submissions, {} applications) and {review_acks} acknowledged review saves, all present; {} writes failed or went unanswered at a kill; 0 lost",
        written.len(),
        failures + review_failures
    );
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("prisverdig-crash-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("prisverdig.db").display());
    let db = Db::connect(&url, 2).await.unwrap();
    crash_and_check(db, url, dir, "SQLite").await;
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_on_postgresql() {
    let Some(admin_url) = postgres_url() else {
        return skip_postgres();
    };
    let (server, _) = admin_url
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("{PG_ENV} ends with /DATABASE"));
    let name = format!("pv_crash_{}", Uuid::now_v7().simple());
    let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    let url = format!("{server}/{name}");
    let dir = std::env::temp_dir().join(format!("prisverdig-crash-pg-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&url, 2).await.unwrap();
    crash_and_check(db, url, dir, "PostgreSQL").await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&admin)
    .await;
}

//! Issue 12's figures: the chair's overview of 300 applications × 12 jurors × 6 criteria
//! (every review submitted), and 12 jurors autosaving reviews at once. Over HTTP, as the
//! jurors' browsers do (signed in with their second factor). Afterwards every review must
//! hold its last saved values and a version counting every save.
//!
//! `BENCH_DATABASE_URL=postgres://…/empty_db` runs it on PostgreSQL; without it, SQLite.

use anyhow::{Context, bail};
use prisverdig_bench::{client, hidden, percentiles, sign_in, start_server_on};
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::jury::{JuryRole, ReviewState};
use prisverdig_domain::role::Role;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_service::Services;
use prisverdig_service::users::AddUser;
use prisverdig_store::applications::{self, NewApplication};
use prisverdig_store::categories::{self, NewCategory};
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::reviews::{self, ReviewContent, ScoreRow};
use prisverdig_store::rounds::{self, NewRound};
use prisverdig_store::{criteria, second_factor};
use std::time::{Duration, Instant};
use uuid::Uuid;

const APPLICATIONS: usize = 300;
const JURORS: usize = 12;
const OVERVIEW_RUNS: usize = 200;
/// Per juror: this many applications of the second category, autosaved this many times each.
const SAVE_APPLICATIONS: usize = 4;
const SAVES: usize = 10;
/// The mean pause between one juror's saves: `static/autosave.js` saves 2 s after typing
/// stops. `THINK_MS=0` sends the next save as soon as the answer is in (the server
/// saturated, not 12 people writing).
fn think() -> Duration {
    let ms = std::env::var("THINK_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    Duration::from_millis(ms)
}
const PASSWORD: &str = "benchmark password";

struct World {
    overview: Uuid,
    saving: Uuid,
    jurors: Vec<(Uuid, String, String)>,
    saving_apps: Vec<Uuid>,
    criteria: Vec<(Uuid, i64, i64)>,
}

async fn category(services: &Services, round: Uuid, position: i64) -> anyhow::Result<Uuid> {
    let now = services.clock.now();
    let def = CATEGORIES
        .iter()
        .find(|c| c.kind == CategoryKind::Innovation)
        .context("defaults")?;
    let mut tx = services.db().begin().await?;
    let new = NewCategory {
        round_id: round,
        kind: if position == 0 {
            def.kind
        } else {
            CategoryKind::Custom
        },
        name: def.name,
        description: "",
        prize_sum_kr: def.prize_sum_kr,
        deadline: now - time::Duration::days(1),
        extended_deadline: None,
        position,
    };
    let id = categories::insert(&mut tx, new).await?;
    for (i, c) in def.criteria.iter().enumerate() {
        criteria::insert(&mut tx, id, i as i64, c.text, c.scale).await?;
    }
    tx.commit().await?;
    Ok(id)
}

async fn setup(services: &Services) -> anyhow::Result<World> {
    let now = services.clock.now();
    let mut tx = services.db().begin().await?;
    let org = organisation::insert(&mut tx, now, "Fjordvik kommune").await?;
    let mut units = Vec::new();
    for i in 0..30 {
        let name = format!("Enhet {i}");
        let unit = NewUnit {
            organisation_id: org,
            parent_id: None,
            name: &name,
            kind: "unit",
            position: i,
        };
        units.push((organisation::insert_unit(&mut tx, unit).await?, name));
    }
    let round = NewRound {
        organisation_id: org,
        year: i64::from(now.year()),
        title: "Benchmark",
        description: "",
        ceremony_name: "",
        ceremony_at: None,
        ceremony_place: "",
        state: RoundState::Judging,
        visibility: Visibility::AfterDeadline,
    };
    let round = rounds::insert(&mut tx, now, round).await?;
    tx.commit().await?;
    let overview = category(services, round, 0).await?;
    let saving = category(services, round, 1).await?;
    let add = |email: String, roles: &'static [Role]| {
        let services = services.clone();
        async move {
            let input = AddUser {
                email: &email,
                name: &email,
                roles,
                password: PASSWORD,
            };
            services.add_user(input).await?;
            anyhow::Ok(email)
        }
    };
    let owner_email = add("soker@fjordvik.example".into(), &[Role::Applicant]).await?;
    let admin_email = add("admin@fjordvik.example".into(), &[Role::Administrator]).await?;
    let find = |email: String| {
        let services = services.clone();
        async move {
            let e = prisverdig_domain::email::Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("email"))?;
            let (user, _) = prisverdig_store::users::find_for_sign_in(services.db(), &e)
                .await?
                .context("user")?;
            anyhow::Ok(user)
        }
    };
    let owner = find(owner_email).await?;
    let admin = find(admin_email).await?;
    let mut jurors = Vec::new();
    for j in 0..JURORS {
        let roles: &'static [Role] = if j == 0 {
            &[Role::Juror, Role::JuryChair]
        } else {
            &[Role::Juror]
        };
        let email = add(format!("jurymedlem{j}@fjordvik.example"), roles).await?;
        let user = find(email.clone()).await?;
        let secret = Services::new_totp_secret();
        let mut tx = services.db().begin().await?;
        second_factor::enrol(&mut tx, now, user.id, &secret, None, &[]).await?;
        tx.commit().await?;
        let role = if j == 0 {
            JuryRole::Chair
        } else if j == 1 {
            JuryRole::Deputy
        } else {
            JuryRole::Member
        };
        for c in [overview, saving] {
            services.add_juror(&admin, c, user.id, role).await?;
        }
        jurors.push((user.id, email, secret));
    }
    let answers = serde_json::json!({});
    let mut ids = Vec::new();
    let mut saving_apps = Vec::new();
    let mut tx = services.db().begin().await?;
    for i in 0..APPLICATIONS + SAVE_APPLICATIONS {
        let (unit, name) = &units[i % units.len()];
        let title = format!("Søknad {i}");
        let snapshot = vec![name.clone()];
        let new = NewApplication {
            category_id: if i < APPLICATIONS { overview } else { saving },
            unit_id: *unit,
            owner_id: owner.id,
            state: ApplicationState::Submitted,
            title: &title,
            summary: "Kort om ideen.",
            answers: &answers,
            unit_snapshot: &snapshot,
            idea_origin: None,
            origin_note: "",
            submitted_at: Some(now - time::Duration::days(2)),
            withdrawn_at: None,
        };
        let id = applications::insert(&mut tx, now, new).await?;
        if i < APPLICATIONS {
            ids.push(id)
        } else {
            saving_apps.push(id)
        }
    }
    tx.commit().await?;
    let rows = criteria::of_category(services.db(), overview).await?;
    let weights: Vec<prisverdig_domain::scoring::Criterion> = rows
        .iter()
        .map(|c| prisverdig_domain::scoring::Criterion {
            id: c.id,
            scale: c.scale,
            weight: c.weight,
        })
        .collect();
    // Every juror has submitted a review of every application: 3 600 reviews, 21 600 scores.
    for (j, (juror, _, _)) in jurors.iter().enumerate() {
        let mut tx = services.db().begin().await?;
        for (i, app) in ids.iter().enumerate() {
            let scores: Vec<ScoreRow> = rows
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let (min, max) = c.scale.bounds();
                    let value = min + ((i * 7 + j * 3 + k) as i64 % (max - min + 1));
                    ScoreRow {
                        criterion_id: c.id,
                        value: Some(value),
                        comment: String::new(),
                    }
                })
                .collect();
            let values: std::collections::HashMap<Uuid, i64> = scores
                .iter()
                .filter_map(|s| Some((s.criterion_id, s.value?)))
                .collect();
            let fraction = prisverdig_domain::scoring::review_fraction(&weights, &values);
            let content = ReviewContent {
                comment: "Godt beskrevet.",
                scores: &scores,
                fraction,
            };
            let (id, v) = reviews::save(&mut tx, now, *app, *juror, None, content).await?;
            reviews::set_state(&mut tx, now, id, v, ReviewState::Submitted).await?;
        }
        tx.commit().await?;
    }
    let criteria = criteria::of_category(services.db(), saving)
        .await?
        .into_iter()
        .map(|c| {
            let (min, max) = c.scale.bounds();
            (c.id, min, max)
        })
        .collect();
    Ok(World {
        overview,
        saving,
        jurors,
        saving_apps,
        criteria,
    })
}

/// Signs in with the password and the second factor's code; returns the client and a
/// CSRF token.
async fn juror_sign_in(
    base: &str,
    email: &str,
    secret: &str,
) -> anyhow::Result<(reqwest::Client, String)> {
    let client = client()?;
    let token = sign_in(base, &client, email, PASSWORD, Some(secret)).await?;
    Ok((client, token))
}

/// One juror autosaving reviews; returns the latencies and the last values sent per
/// application.
async fn juror(
    base: String,
    j: usize,
    client: reqwest::Client,
    token: String,
    apps: Vec<Uuid>,
    criteria: Vec<(Uuid, i64, i64)>,
) -> anyhow::Result<(Vec<Duration>, Vec<(Uuid, i64)>)> {
    let mut latencies = Vec::new();
    let mut last = Vec::new();
    for app in apps {
        let mut version = String::new();
        for n in 0..SAVES {
            if think() > Duration::ZERO {
                // Spread ±50 % so that the jurors do not save in step.
                let jitter = (j * 7919 + n * 104_729 + app.as_u128() as usize % 997) % 1000;
                tokio::time::sleep(think().mul_f64(0.5 + jitter as f64 / 1000.0)).await;
            }
            let mut form = vec![
                ("_csrf".to_string(), token.clone()),
                ("version".to_string(), version.clone()),
            ];
            for (k, (id, min, max)) in criteria.iter().enumerate() {
                let value = min + ((n + j + k) as i64 % (max - min + 1));
                form.push((format!("score-{id}"), value.to_string()));
            }
            form.push(("comment".into(), format!("Utkast {n} fra jurymedlem {j}")));
            let started = Instant::now();
            let res = client
                .post(format!("{base}/jury/applications/{app}/review"))
                .header("x-autosave", "1")
                .form(&form)
                .send()
                .await?;
            let status = res.status();
            let answer: serde_json::Value = res.json().await?;
            latencies.push(started.elapsed());
            if status != 200 {
                bail!("save {n} of {app} by juror {j}: {status} {answer}");
            }
            version = answer["version"].as_i64().context("version")?.to_string();
        }
        last.push((app, version.parse()?));
    }
    Ok((latencies, last))
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("prisverdig-jury-load-{}", std::process::id()));
    let url = std::env::var("BENCH_DATABASE_URL").ok();
    let backend = if url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let (base, services) = start_server_on(&dir, url)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let started = Instant::now();
        let world = setup(&services).await?;
        println!("# jury-load on {backend}: set up {APPLICATIONS} × {JURORS} × {} in {:.1} s", world.criteria.len(), started.elapsed().as_secs_f64());
        let (_, chair_email, chair_secret) = &world.jurors[0];
        let (chair, _) = juror_sign_in(&base, chair_email, chair_secret).await?;
        let path = format!("{base}/jury/categories/{}", world.overview);
        let mut samples = Vec::new();
        for run in 0..OVERVIEW_RUNS + 10 {
            let sort = ["received", "calibrated", "raw", "spread"][run % 4];
            let started = Instant::now();
            let res = chair.get(format!("{path}?sort={sort}")).send().await?;
            let status = res.status();
            let body = res.text().await?;
            let took = started.elapsed();
            if status != 200 || body.matches("<th scope=\"row\">").count() != APPLICATIONS {
                bail!("overview: {status}, {} rows", body.matches("<th scope=\"row\">").count());
            }
            if run >= 10 {
                samples.push(took);
            }
        }
        let overview = percentiles(samples);
        println!("overview ({APPLICATIONS} applications × {JURORS} jurors × 6 criteria): {overview}");
        // Every juror signs in (the chair is signed in already: a second code in the same
        // half minute would be a replay), then all autosave together.
        let chair_token = {
            let page = chair.get(format!("{base}/jury")).send().await?.text().await?;
            hidden(&page, "_csrf").context("csrf")?
        };
        let mut clients = vec![(chair, chair_token)];
        for (_, email, secret) in world.jurors.iter().skip(1) {
            clients.push(juror_sign_in(&base, email, secret).await?);
        }
        let started = Instant::now();
        let mut tasks = Vec::new();
        for (j, (client, token)) in clients.into_iter().enumerate() {
            tasks.push(tokio::spawn(juror(base.clone(), j, client, token, world.saving_apps.clone(), world.criteria.clone())));
        }
        let mut all = Vec::new();
        let mut errors = 0;
        let mut expected = Vec::new();
        for (j, t) in tasks.into_iter().enumerate() {
            match t.await? {
                Ok((latencies, last)) => {
                    all.extend(latencies);
                    expected.extend(last.into_iter().map(|(a, v)| (world.jurors[j].0, a, v)));
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("juror {j}: {e:#}");
                }
            }
        }
        let wall = started.elapsed();
        let saves = percentiles(all);
        println!("review autosaves ({JURORS} jurors at once, {SAVE_APPLICATIONS} reviews × {SAVES} saves each, THINK_MS={}): {saves}, {errors} errors, {:.0} saves/s", think().as_millis(), saves.count as f64 / wall.as_secs_f64());
        // Every saved version is there: the stored version counts every save.
        let stored = reviews::of_category(services.db(), world.saving).await?;
        let mut lost = 0;
        for (juror, app, version) in &expected {
            let r = stored.iter().find(|r| r.juror_id == *juror && r.application_id == *app);
            if r.is_none_or(|r| r.version != *version || r.version != SAVES as i64 || r.scores.len() != world.criteria.len()) {
                lost += 1;
            }
        }
        println!("reviews checked afterwards: {} of {}, {lost} lost or short", expected.len() - lost, JURORS * SAVE_APPLICATIONS);
        if errors > 0 || lost > 0 {
            bail!("{errors} errors, {lost} lost");
        }
        anyhow::Ok(())
    })?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

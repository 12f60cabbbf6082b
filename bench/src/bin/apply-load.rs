//! Issue 3's figure: 50 concurrent applicants saving drafts and submitting on SQLite.
//! Each applicant signs in, starts an application, autosaves it SAVES times (the
//! autosave path, whose JSON answer hands back the next version) and submits it. Afterwards every application
//! must hold its last saved text and a version that counts every save.

use anyhow::{Context, bail};
use prisverdig_bench::{client, percentiles, sign_in, start_server};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::defaults::CATEGORIES;
use prisverdig_domain::role::Role;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_service::Services;
use prisverdig_service::users::AddUser;
use prisverdig_store::categories::{self, NewCategory};
use prisverdig_store::criteria;
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::rounds::{self, NewRound};
use std::time::{Duration, Instant};
use uuid::Uuid;

const APPLICANTS: usize = 50;
const SAVES: usize = 20;
const PASSWORD: &str = "benchmark password";

async fn setup(services: &Services) -> anyhow::Result<(Uuid, Uuid, usize)> {
    let now = services.clock.now();
    let mut tx = services.db().begin().await?;
    let org = organisation::insert(&mut tx, now, "Fjordvik kommune").await?;
    let new_unit = NewUnit {
        organisation_id: org,
        parent_id: None,
        name: "Eiendom",
        kind: "sector",
        position: 0,
    };
    let unit = organisation::insert_unit(&mut tx, new_unit).await?;
    let round = NewRound {
        organisation_id: org,
        year: i64::from(now.year()) + 1,
        title: "Benchmark",
        description: "",
        ceremony_name: "",
        ceremony_at: None,
        ceremony_place: "",
        state: RoundState::Open,
        visibility: Visibility::OnSubmit,
    };
    let round_id = rounds::insert(&mut tx, now, round).await?;
    let def = CATEGORIES
        .iter()
        .find(|c| c.kind == CategoryKind::Innovation)
        .context("defaults")?;
    let category = NewCategory {
        round_id,
        kind: def.kind,
        name: def.name,
        description: "",
        prize_sum_kr: def.prize_sum_kr,
        deadline: now + time::Duration::days(30),
        extended_deadline: None,
        position: 0,
    };
    let category_id = categories::insert(&mut tx, category).await?;
    for (i, c) in def.criteria.iter().enumerate() {
        criteria::insert(&mut tx, category_id, i as i64, c.text, c.scale).await?;
    }
    tx.commit().await?;
    for i in 0..APPLICANTS {
        let email = format!("applicant{i}@fjordvik.example");
        services
            .add_user(AddUser {
                email: &email,
                name: "Søker",
                roles: &[Role::Applicant],
                password: PASSWORD,
            })
            .await?;
    }
    Ok((category_id, unit, def.criteria.len()))
}

/// One applicant's whole session; returns the latencies of its saves and submit.
async fn applicant(
    base: String,
    i: usize,
    category: Uuid,
    unit: Uuid,
    criteria: usize,
    think: Duration,
) -> anyhow::Result<(Uuid, Vec<Duration>)> {
    let client = client()?;
    let email = format!("applicant{i}@fjordvik.example");
    let token = sign_in(&base, &client, &email, PASSWORD, None).await?;
    let (c, u) = (category.to_string(), unit.to_string());
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
        .context("no redirect")?
        .to_str()?
        .to_string();
    let id = Uuid::parse_str(
        location
            .trim_start_matches("/applications/")
            .trim_end_matches("/edit"),
    )?;
    let mut version = "1".to_string();
    let mut latencies = Vec::with_capacity(SAVES + 1);
    for n in 0..SAVES {
        if think > Duration::ZERO {
            // Applicants type between saves; spread them so they do not march in step.
            let jitter = (i * 7919 + n * 104_729) % 1000;
            tokio::time::sleep(think.mul_f64(0.5 + jitter as f64 / 1000.0)).await;
        }
        let title = format!("Søknad {i} utkast {n}");
        let started = Instant::now();
        let res = client
            .post(format!("{base}/applications/{id}/save"))
            .header("x-autosave", "1")
            .form(&[
                ("title", title.as_str()),
                ("summary", "Et utkast."),
                ("version", &version),
                ("intent", "save"),
                ("_csrf", &token),
            ])
            .send()
            .await?;
        let status = res.status();
        let body = res.text().await?;
        latencies.push(started.elapsed());
        let answer: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        if status != 200 || answer["status"] != "saved" {
            bail!("save {n} of {id}: {status} {body}");
        }
        version = answer["version"]
            .as_i64()
            .context("next version")?
            .to_string();
    }
    let mut form: Vec<(String, String)> = [
        ("title", format!("Søknad {i} ferdig")),
        ("summary", "Ferdig sammendrag.".into()),
        ("what_we_did", "Vi gjorde noe nytt.".into()),
        ("three_years_ago", "Det var tungvint.".into()),
        ("effect", "Innbyggerne merker det.".into()),
        ("contact", "Søker".into()),
        ("idea_origin", "original".into()),
        ("version", version),
        ("intent", "submit".into()),
        ("_csrf", token),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    form.extend((0..criteria).map(|k| (format!("criterion_{k}"), "Ja.".to_string())));
    let started = Instant::now();
    let res = client
        .post(format!("{base}/applications/{id}/save"))
        .form(&form)
        .send()
        .await?;
    latencies.push(started.elapsed());
    if res.status() != 303 {
        bail!("submit {id}: {}", res.status());
    }
    Ok((id, latencies))
}

/// Every saved version is there: the last text, and a version that counts every write.
async fn verify(services: &Services, ids: &[(usize, Uuid)]) -> anyhow::Result<()> {
    for (i, id) in ids {
        let row = prisverdig_store::applications::find(services.db(), *id)
            .await?
            .context("missing")?;
        let expected_version = 1 + SAVES as i64 + 2; // start, saves, submit (content + state)
        if row.title != format!("Søknad {i} ferdig")
            || row.state != prisverdig_domain::application::ApplicationState::Submitted
            || row.version != expected_version
        {
            bail!(
                "{id}: title {:?}, state {:?}, version {} (expected {expected_version})",
                row.title,
                row.state,
                row.version
            );
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("prisverdig-bench-{}", Uuid::now_v7()));
    let (base, services) = start_server(&dir)?;
    let (category, unit, criteria) = setup(&services).await?;
    // THINK_MS: mean pause between one applicant's saves (0 = saturate the server).
    let think_ms: u64 = std::env::var("THINK_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let think = Duration::from_millis(think_ms);
    let started = Instant::now();
    let tasks: Vec<_> = (0..APPLICANTS)
        .map(|i| tokio::spawn(applicant(base.clone(), i, category, unit, criteria, think)))
        .collect();
    let (mut all, mut ids, mut errors) = (Vec::new(), Vec::new(), 0);
    for (i, task) in tasks.into_iter().enumerate() {
        match task.await? {
            Ok((id, latencies)) => {
                ids.push((i, id));
                all.extend(latencies);
            }
            Err(e) => {
                errors += 1;
                eprintln!("applicant {i}: {e:#}");
            }
        }
    }
    let elapsed = started.elapsed();
    verify(&services, &ids).await?;
    let stats = percentiles(all);
    println!(
        "apply-load on SQLite: {APPLICANTS} applicants × ({SAVES} autosaves + 1 submit), think time {think_ms} ms"
    );
    println!("  {stats}");
    println!(
        "  errors: {errors}; wall time {:.2} s; {:.0} writes/s",
        elapsed.as_secs_f64(),
        stats.count as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  verified: {} applications hold their last text and version {}",
        ids.len(),
        1 + SAVES + 2
    );
    let _ = std::fs::remove_dir_all(dir);
    if errors > 0 {
        bail!("{errors} applicants failed");
    }
    Ok(())
}

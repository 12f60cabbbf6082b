//! Issue 4's figures, first part: the catalogue with many applications on SQLite.
//! Seeds N submitted applications (N=100000 by default), then measures the first
//! catalogue page's throughput and latency, search latency, and the process's resident
//! memory. The nginx comparison and page caching are not built yet (see RESULTS.md).

use anyhow::Context;
use prisverdig_bench::{percentiles, start_server};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_service::Services;
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::rounds::{self, NewCategory, NewRound};
use std::time::{Duration, Instant};
use uuid::Uuid;

const WORDS: [&str; 24] = [
    "renhold",
    "skole",
    "barnehage",
    "innbygger",
    "sykehjem",
    "bibliotek",
    "digital",
    "frivillig",
    "nabo",
    "kjøkken",
    "transport",
    "velferd",
    "teknologi",
    "sensor",
    "elev",
    "bruker",
    "tjeneste",
    "kultur",
    "idrett",
    "helse",
    "omsorg",
    "vann",
    "vei",
    "energi",
];

fn text(i: usize, n: usize) -> String {
    (0..n)
        .map(|k| WORDS[(i * 7 + k * 13) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

async fn seed(services: &Services, n: usize) -> anyhow::Result<()> {
    let now = services.clock.now();
    let mut tx = services.db.begin().await?;
    let org = organisation::insert(&mut tx, now, "Fjordvik kommune").await?;
    let unit = organisation::insert_unit(
        &mut tx,
        NewUnit {
            organisation_id: org,
            parent_id: None,
            name: "Eiendom",
            kind: "sector",
            position: 0,
        },
    )
    .await?;
    let round = NewRound {
        organisation_id: org,
        year: 2020,
        title: "Innovasjonsprisene 2020",
        description: "",
        ceremony_name: "",
        ceremony_at: None,
        ceremony_place: "",
        state: RoundState::Archived,
        visibility: Visibility::OnSubmit,
    };
    let round_id = rounds::insert(&mut tx, now, round).await?;
    let category = NewCategory {
        round_id,
        kind: CategoryKind::Innovation,
        name: "Innovasjonsprisen",
        description: "",
        prize_sum_kr: 50_000,
        deadline: now,
        extended_deadline: None,
        position: 0,
    };
    let category_id = rounds::insert_category(&mut tx, category).await?;
    let owner = prisverdig_store::users::insert(
        &mut tx,
        now,
        prisverdig_store::users::NewUser {
            email: &prisverdig_domain::email::Email::parse("seed@fjordvik.example")?,
            name: "Seed",
            password_hash: None,
            unit_id: None,
            roles: &[],
        },
    )
    .await?;
    let snapshot = vec!["Eiendom".to_string()];
    for i in 0..n {
        let answers = serde_json::json!({ "what_we_did": text(i, 40), "effect": text(i + 3, 20) });
        let new = prisverdig_store::applications::NewApplication {
            category_id,
            unit_id: unit,
            owner_id: owner,
            state: prisverdig_domain::application::ApplicationState::Submitted,
            title: &format!("{} {i}", text(i, 3)),
            summary: &text(i + 1, 25),
            answers: &answers,
            unit_snapshot: &snapshot,
            idea_origin: Some(prisverdig_domain::application::IdeaOrigin::Original),
            origin_note: "",
            submitted_at: Some(now - time::Duration::seconds(i as i64)),
            withdrawn_at: None,
        };
        prisverdig_store::applications::insert(&mut tx, now, new).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn timed(
    client: &reqwest::Client,
    url: &str,
    count: usize,
) -> anyhow::Result<(Vec<Duration>, Duration)> {
    let started = Instant::now();
    let mut samples = Vec::with_capacity(count);
    for _ in 0..count {
        let t = Instant::now();
        let res = client.get(url).send().await?;
        anyhow::ensure!(res.status() == 200, "{url}: {}", res.status());
        res.bytes().await?;
        samples.push(t.elapsed());
    }
    Ok((samples, started.elapsed()))
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("prisverdig-catalogue-{}", Uuid::now_v7()));
    let (base, services) = start_server(&dir)?;
    let t = Instant::now();
    seed(&services, n).await.context("seed")?;
    println!(
        "seeded {n} applications in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    services.search_index().await.context("index")?;
    println!(
        "built the search index in {:.1} s (lexicon included)",
        t.elapsed().as_secs_f64()
    );
    let client = reqwest::Client::new();
    timed(&client, &format!("{base}/catalogue"), 20).await?;
    let (page, wall) = timed(&client, &format!("{base}/catalogue"), 300).await?;
    println!(
        "first catalogue page, sequential: {} ; {:.0} req/s",
        percentiles(page),
        300.0 / wall.as_secs_f64()
    );
    let mut search = Vec::new();
    for (i, word) in WORDS.iter().cycle().take(240).enumerate() {
        let q = if i % 3 == 0 {
            word[..4].to_string()
        } else {
            format!("{word} {}", WORDS[(i * 5) % WORDS.len()])
        };
        let (s, _) = timed(&client, &format!("{base}/api/v1/applications?q={q}"), 1).await?;
        search.extend(s);
    }
    println!("search (API, first page of hits): {}", percentiles(search));
    println!(
        "resident memory (server and load generator in one process): {:.0} MiB",
        rss_mib()
    );
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

//! Issue 4's figures: the catalogue with many applications on SQLite.
//!
//! Seeds N submitted applications (N=100000 by default) into a fresh database, starts the
//! release binary (`prisverdig serve`) on it as its own process, then measures side by side
//! with one load generator (wrk): the first catalogue page from our server and the same page,
//! saved as a static file, from nginx. Then search latency through the API (every query
//! distinct, so none comes from the page cache) and the server process's resident memory.
//!
//! Needs `nginx` and `wrk` (Debian packages) and a release build:
//!   cargo build --release --workspace && cargo run --release -p prisverdig-bench --bin catalogue-load

use anyhow::Context;
use prisverdig_bench::percentiles;
use prisverdig_bench::processes::{Running, start_nginx};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::{RoundState, Visibility};
use prisverdig_service::{Services, SystemClock};
use prisverdig_store::Db;
use prisverdig_store::categories::{self, NewCategory};
use prisverdig_store::organisation::{self, NewUnit};
use prisverdig_store::rounds::{self, NewRound};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
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
    let mut tx = services.db().begin().await?;
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
    let category_id = categories::insert(&mut tx, category).await?;
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

async fn timed(client: &reqwest::Client, url: &str) -> anyhow::Result<Duration> {
    let t = Instant::now();
    let res = client.get(url).send().await?;
    anyhow::ensure!(res.status() == 200, "{url}: {}", res.status());
    res.bytes().await?;
    Ok(t.elapsed())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn binary() -> PathBuf {
    std::env::var_os("PRISVERDIG_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/prisverdig"),
        PathBuf::from,
    )
}

async fn wait_for(client: &reqwest::Client, url: &str, within: Duration) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if let Ok(res) = client.get(url).send().await
            && res.status() == 200
        {
            return Ok(());
        }
        anyhow::ensure!(
            started.elapsed() < within,
            "{url} did not answer within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// VmRSS and VmHWM (peak) of a process, in MiB.
fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or(0.0, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Requests per second that wrk reaches against `url`.
fn wrk(url: &str, seconds: u32) -> anyhow::Result<f64> {
    let out = Command::new("wrk")
        .args(["-t2", "-c32", &format!("-d{seconds}s"), url])
        .output()
        .context("wrk (apt-get install wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout);
    anyhow::ensure!(!text.contains("Non-2xx"), "{url} answered errors:\n{text}");
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .with_context(|| format!("no throughput in wrk's output:\n{text}"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let seconds: u32 = std::env::var("SECONDS_EACH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let dir = std::env::temp_dir().join(format!("prisverdig-catalogue-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let database_url = format!("sqlite://{}", dir.join("bench.db").display());
    {
        let db = Db::connect(&database_url, 2).await?;
        db.migrate().await?;
        let files = Arc::new(prisverdig_service::files::LocalFileStore::new(&dir));
        let services = Services::new(db.clone(), Arc::new(SystemClock), files);
        let t = Instant::now();
        seed(&services, n).await.context("seed")?;
        println!(
            "seeded {n} applications in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        db.close().await;
    }
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let server = Running(
        Command::new(binary())
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                &database_url,
            ])
            .arg("--data-dir")
            .arg(&dir)
            .env("PRISVERDIG_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| {
                format!("start {} (cargo build --release first)", binary().display())
            })?,
    );
    let pid = server.0.id();
    let client = reqwest::Client::new();
    wait_for(&client, &format!("{base}/healthz"), Duration::from_secs(60)).await?;
    let t = Instant::now();
    wait_for(
        &client,
        &format!("{base}/api/v1/applications?q=skole"),
        Duration::from_secs(600),
    )
    .await?;
    println!(
        "search index ready after {:.1} s (lexicon included)",
        t.elapsed().as_secs_f64()
    );

    // The page as an anonymous visitor gets it, saved for nginx to serve.
    let page_url = format!("{base}/catalogue");
    let cold = timed(&client, &page_url).await?;
    let page = client.get(&page_url).send().await?.bytes().await?;
    println!(
        "first catalogue page: {} bytes; rendered (cache empty) in {:.1} ms",
        page.len(),
        cold.as_secs_f64() * 1000.0
    );
    let (nginx, nginx_base) = start_nginx(&dir, &page)?;
    let nginx_url = format!("{nginx_base}/catalogue");
    wait_for(&client, &nginx_url, Duration::from_secs(10)).await?;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for round in 1..=3 {
        let a = wrk(&nginx_url, seconds)?;
        let b = wrk(&page_url, seconds)?;
        println!(
            "round {round}: nginx {a:.0} req/s, prisverdig {b:.0} req/s, ratio {:.2}",
            b / a
        );
        theirs.push(a);
        ours.push(b);
    }
    drop(nginx);
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (a, b) = (median(&mut theirs), median(&mut ours));
    println!(
        "first catalogue page (wrk -t2 -c32, {seconds} s, median of 3): nginx {a:.0} req/s, prisverdig {b:.0} req/s = {:.0} % of nginx",
        b / a * 100.0
    );

    // Search: every query distinct (words, pairs, a prefix, pages), so each is computed.
    let mut search = Vec::new();
    let mut i = 0usize;
    'outer: for page in 1..=3 {
        for (w, word) in WORDS.iter().enumerate() {
            for other in WORDS.iter().skip(w + 1).step_by(3) {
                let q = match i % 3 {
                    0 => word.chars().take(4).collect(),
                    1 => format!("{word} {other}"),
                    _ => format!("{other} {}", word.chars().take(5).collect::<String>()),
                };
                let url = format!("{base}/api/v1/applications?q={q}&page={page}&n={i}");
                search.push(timed(&client, &url).await?);
                i += 1;
                if i >= 300 {
                    break 'outer;
                }
            }
        }
    }
    println!(
        "search (API, {i} distinct queries, sequential): {}",
        percentiles(search)
    );
    let (rss, peak) = memory_mib(pid);
    println!("server process resident memory: {rss:.0} MiB now, {peak:.0} MiB at its peak");
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

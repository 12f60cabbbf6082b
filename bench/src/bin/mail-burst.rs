//! Issue 13's figures: a burst of 5 000 invitations sent at the SMTP server's pace without
//! slowing page responses.
//!
//! One run, on SQLite (or PostgreSQL with `BENCH_DATABASE_URL=postgres://…/empty_db`):
//! 1. the SMTP sink's own pace: 5 000 messages sent to it straight from lettre (no database);
//! 2. page latency with no mail going out (a search through the API, every query distinct so
//!    none comes from the page cache, from 8 clients);
//! 3. 5 000 invitations queued in the outbox, then sent by the product's sender on the
//!    server's own runtime while the same page load runs: the burst's rate, its ratio to the
//!    sink's pace, and the page's p50/p99 beside the quiet ones.
//!
//!   cargo run --release -p prisverdig-bench --bin mail-burst

use lettre::{AsyncTransport, Message};
use prisverdig_bench::smtp_sink::SmtpSink;
use prisverdig_bench::{percentiles, start_server_with_runtime};
use prisverdig_domain::mail::MailKind;
use prisverdig_service::mail::{Language, Letter, Sender, Transport, render::render};
use prisverdig_store::outbox::{self, Outgoing};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const MESSAGES: usize = 5_000;
const CLIENTS: usize = 8;

fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("prisverdig-mail-burst-{}", std::process::id()));
    let url = std::env::var("BENCH_DATABASE_URL").ok();
    let (base, services, server) = start_server_with_runtime(&dir, url)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        services.seed_demo().await?;
        let sink = SmtpSink::start().await;
        let raw = sink_pace(&sink).await?;
        println!("SMTP sink alone: {MESSAGES} messages in {:.2} s = {:.0} messages/s", raw.as_secs_f64(), MESSAGES as f64 / raw.as_secs_f64());
        let quiet = page_load(&base, None).await?;
        println!("page, no mail going out: {quiet}");
        queue_invitations(&services).await?;
        let before = sink.received().len();
        let done = Arc::new(AtomicBool::new(false));
        let sender = services.clone();
        let transport = Transport::smtp(&sink.url()).map_err(anyhow::Error::msg)?;
        let flag = done.clone();
        let started = Instant::now();
        let burst = server.spawn(async move {
            let mut sent = 0;
            while sent < MESSAGES {
                sent += sender.send_due_mail(&transport).await?.sent;
            }
            flag.store(true, Ordering::SeqCst);
            anyhow::Ok(started.elapsed())
        });
        let busy = page_load(&base, Some(done.clone())).await?;
        let took = burst.await??;
        let arrived = sink.received().len() - before;
        println!(
            "burst: {arrived} of {MESSAGES} arrived in {:.2} s = {:.0} messages/s ({:.0} % of the sink's pace)",
            took.as_secs_f64(),
            arrived as f64 / took.as_secs_f64(),
            100.0 * raw.as_secs_f64() / took.as_secs_f64()
        );
        println!("page, during the burst: {busy}");
        anyhow::Ok(())
    })?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// The sink's pace with nothing in front of it: lettre straight to it, one connection.
async fn sink_pace(sink: &SmtpSink) -> anyhow::Result<Duration> {
    let smtp = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(sink.addr.port())
        .build();
    let started = Instant::now();
    for i in 0..MESSAGES {
        let m = Message::builder()
            .from("p@localhost".parse()?)
            .to("leder@fjordvik.example".parse()?)
            .subject(format!("Melding {i}"))
            .body(String::from("Hei"))?;
        smtp.send(m).await?;
    }
    Ok(started.elapsed())
}

/// The call for applications, rendered once, queued 5 000 times to different addresses.
async fn queue_invitations(services: &prisverdig_service::Services) -> anyhow::Result<()> {
    let from = Sender {
        organisation: "Fjordvik kommune".into(),
        public_url: "http://127.0.0.1".into(),
    };
    let deadline = time::macros::datetime!(2027-11-01 22:59 UTC);
    let letter: Letter = prisverdig_service::mail::letters::call_for_applications(
        Language::Nb,
        &from,
        "Innovasjonsprisene 2027",
        &[("Innovasjonsprisen".into(), deadline)],
    );
    let r = render(
        Language::Nb,
        &from,
        &letter,
        Some("http://127.0.0.1/unsubscribe/x"),
    );
    let now = services.clock.now();
    let mut tx = services.db().begin().await?;
    for i in 0..MESSAGES {
        let to = format!("leder{i}@fjordvik.example");
        let msg = Outgoing {
            kind: MailKind::CallForApplications,
            language: "nb",
            recipient: &to,
            user_id: None,
            subject: &r.subject,
            text: &r.text,
            html: Some(&r.html),
            dedupe_key: None,
            unsubscribe_url: None,
        };
        outbox::queue(&mut tx, now, &msg).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Distinct searches from `CLIENTS` clients: for 10 s, or until `until` is set (at least 2 s).
async fn page_load(
    base: &str,
    until: Option<Arc<AtomicBool>>,
) -> anyhow::Result<prisverdig_bench::Percentiles> {
    const WORDS: [&str; 8] = [
        "renhold",
        "skole",
        "digital",
        "sykehjem",
        "barnehage",
        "nabo",
        "sensor",
        "bibliotek",
    ];
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (base, until) = (base.to_string(), until.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut samples = Vec::new();
            let mut i = c;
            loop {
                let elapsed = started.elapsed();
                let over = match &until {
                    Some(flag) => flag.load(Ordering::SeqCst) && elapsed > Duration::from_secs(2),
                    None => elapsed > Duration::from_secs(10),
                };
                if over || elapsed > Duration::from_secs(300) {
                    break;
                }
                let url = format!(
                    "{base}/api/v1/applications?q={}&page={}&n={i}",
                    WORDS[i % WORDS.len()],
                    1 + i % 3
                );
                let t = Instant::now();
                let res = client.get(&url).send().await?;
                anyhow::ensure!(res.status().is_success(), "{url}: {}", res.status());
                res.bytes().await?;
                samples.push(t.elapsed());
                i += CLIENTS;
            }
            anyhow::Ok(samples)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    Ok(percentiles(all))
}

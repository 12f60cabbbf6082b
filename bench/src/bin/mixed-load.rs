//! Issue 16, load held: USERS (default 200) simulated people at once for SECONDS (default
//! 60) against the real `prisverdig serve`: visitors browsing the catalogue and innovations
//! and searching, applicants autosaving drafts, jurors autosaving reviews, each pausing
//! THINK_MS (default 1000, ±50 %) between actions. On SQLite one server process; with
//! `BENCH_DATABASE_URL=postgres://…/empty_db` two processes on the one database, each person
//! talking to one of them (as behind a load balancer). Afterwards every acknowledged write
//! must be in the database as last acknowledged. Reports p50/p99 per action, server errors
//! (any 5xx) and lost writes, and fails when either is not zero.
//!
//! The server binary is `PRISVERDIG_BIN`, or `prisverdig` beside this benchmark's own
//! binary (build it first: `cargo build [--release] -p prisverdig`).

use anyhow::bail;
use prisverdig_bench::load::{
    lost_writes, run_people, server_bin, setup, sign_in_people, start, wait_up,
};
use prisverdig_bench::percentiles;
use prisverdig_store::Db;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let users = env_num("USERS", 200) as usize;
    let seconds = env_num("SECONDS", 60);
    let think = Duration::from_millis(env_num("THINK_MS", 1000));
    let url = std::env::var("BENCH_DATABASE_URL").ok();
    let bin = server_bin()?;
    let data = std::env::temp_dir().join(format!("prisverdig-mixed-load-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&data)?;
    let postgres = url.is_some();
    let url = url.unwrap_or_else(|| format!("sqlite://{}", data.join("prisverdig.db").display()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let started = Instant::now();
        // A quarter browse without signing in; of the rest, one in eight is a juror.
        let signed_in = users - users / 4;
        let jurors = (signed_in / 8).max(1);
        let world = Arc::new(setup(Db::connect(&url, 2).await?, &data, signed_in - jurors, jurors).await?);
        let mut servers = vec![start(&bin, &url, &data)?];
        if postgres {
            let second = data.join("second");
            std::fs::create_dir_all(&second)?;
            servers.push(start(&bin, &url, &second)?);
        }
        for (_, base) in &servers {
            wait_up(base).await?;
        }
        let bases: Vec<String> = servers.iter().map(|(_, b)| b.clone()).collect();
        println!("# mixed-load on {}: {users} people, {seconds} s, think {} ms, {} server process(es); set up in {:.1} s",
            if postgres { "PostgreSQL" } else { "SQLite" }, think.as_millis(), bases.len(), started.elapsed().as_secs_f64());
        let people = sign_in_people(&bases, &world, users).await?;
        let until = Instant::now() + Duration::from_secs(seconds);
        let load_started = Instant::now();
        let all = run_people(people, world.clone(), think, until).await?;
        let wall = load_started.elapsed().as_secs_f64();
        for (mut child, _) in servers {
            child.kill()?;
            child.wait()?;
        }
        let lost = lost_writes(&url, &all.last).await?;
        let total: usize = all.samples.values().map(Vec::len).sum();
        for (action, samples) in all.samples {
            println!("  {action:>18}: {}", percentiles(samples));
        }
        println!("  {total} requests in {wall:.1} s ({:.0}/s); server errors {}, other failures {}, writes checked {}, lost {lost}",
            total as f64 / wall, all.server_errors, all.other_failures, all.last.len());
        let _ = std::fs::remove_dir_all(&data);
        if all.server_errors > 0 || lost > 0 {
            bail!("{} server errors, {lost} lost writes", all.server_errors);
        }
        anyhow::Ok(())
    })
}

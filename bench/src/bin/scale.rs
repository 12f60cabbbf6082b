//! Issue 16's one run (`bench/scale.sh` builds and calls it): for each size in SIZES
//! (default 10000,100000) a fresh SQLite data directory is seeded with `prisverdig seed
//! --applications N`, the release server is started as its own process, and one load
//! generator (wrk, with `bench/wrk/paths.lua`) measures from outside: the catalogue's first
//! page, the same page rendered afresh (no page cache), a filtered page, a search (every
//! query distinct), an innovation's page (random among the seeded ones). Then WRITERS
//! (default 50) people save drafts and reviews at once for WRITE_SECONDS, every acknowledged
//! write checked afterwards. Start-up (pages, first search) and the server's peak resident
//! memory are read too. Beside it, with the same load: nginx serving the catalogue page as a
//! static file, and the peer (pretalx, started by `bench/peer/pretalx.sh`) at TALK_URL and
//! LIST_URL. Writes the figures as a Markdown section (OUT, default
//! bench/results/scale.md) and a chart (SVG, default bench/results/scale.svg).

use anyhow::{Context, bail};
use prisverdig_bench::load::{self, lost_writes, run_people, setup, sign_in_people, wait_up};
use prisverdig_bench::percentiles;
use prisverdig_bench::processes::{Running, start_nginx};
use prisverdig_store::Db;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What wrk measured of one target.
#[derive(Debug, Clone, Copy, Default)]
struct Rate {
    rps: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    errors: u64,
}

impl Rate {
    fn cells(&self) -> String {
        format!(
            "{:.0} | {:.2} | {:.2} | {:.2} | {}",
            self.rps, self.p50_ms, self.p95_ms, self.p99_ms, self.errors
        )
    }
}

/// The repository's root (bench/..).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// wrk against `base` + the paths (one per line in a file), `-t2 -c32`, for `seconds`.
fn wrk(base: &str, paths: &[String], fresh: bool, seconds: u64) -> anyhow::Result<Rate> {
    wrk_with(base, paths, fresh, seconds, 32)
}

/// The same with `connections` at once (one: the latency a single visitor sees).
fn wrk_with(
    base: &str,
    paths: &[String],
    fresh: bool,
    seconds: u64,
    connections: u32,
) -> anyhow::Result<Rate> {
    let threads = connections.min(2);
    let list = std::env::temp_dir().join(format!("prisverdig-wrk-{}.txt", Uuid::now_v7()));
    std::fs::write(&list, paths.join("\n"))?;
    let out = Command::new("wrk")
        .args([
            &format!("-t{threads}"),
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            "--timeout",
            "30s",
            "-H",
            "Accept: text/html",
            "-s",
        ])
        .arg(root().join("bench/wrk/paths.lua"))
        .arg(base)
        .env("WRK_PATHS", &list)
        .env("WRK_FRESH", if fresh { "1" } else { "0" })
        .output()
        .context("wrk (apt-get install wrk)")?;
    let _ = std::fs::remove_file(&list);
    let text = String::from_utf8_lossy(&out.stdout);
    let json = text
        .lines()
        .find_map(|l| l.strip_prefix("WRK "))
        .with_context(|| format!("no result line in wrk's output:\n{text}"))?;
    let v: serde_json::Value = serde_json::from_str(json)?;
    let num = |k: &str| v[k].as_f64().unwrap_or(0.0);
    Ok(Rate {
        rps: num("requests") / (num("duration_us") / 1e6),
        p50_ms: num("p50_us") / 1000.0,
        p95_ms: num("p95_us") / 1000.0,
        p99_ms: num("p99_us") / 1000.0,
        errors: (num("errors") + num("status_errors")) as u64,
    })
}

/// A field of a process's `/proc/PID/status` in MiB (VmHWM: its peak resident memory).
fn status_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn peak_mib(pid: u32) -> f64 {
    status_mib(pid, "VmHWM:")
}

/// The kernel keeps no peak of a process's anonymous memory (its own, apart from the files
/// it maps, such as the search index, which the kernel may drop and read again): sampled
/// every 100 ms until dropped, the highest seen.
struct AnonPeak {
    peak_kib: Arc<std::sync::atomic::AtomicU64>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl AnonPeak {
    #[expect(
        clippy::disallowed_methods,
        reason = "a plain sampling thread beside the benchmark, not async code"
    )]
    fn watch(pid: u32) -> AnonPeak {
        use std::sync::atomic::Ordering;
        let peak_kib = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, s) = (peak_kib.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let kib = (status_mib(pid, "RssAnon:") * 1024.0) as u64;
                p.fetch_max(kib, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        AnonPeak { peak_kib, stop }
    }

    fn mib(&self) -> f64 {
        self.peak_kib.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0
    }
}

impl Drop for AnonPeak {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Polls `url` until it answers 200; the time it took.
async fn first_ok(client: &reqwest::Client, url: &str, within: Duration) -> anyhow::Result<f64> {
    let started = Instant::now();
    loop {
        if let Ok(res) = client.get(url).send().await
            && res.status() == 200
        {
            return Ok(started.elapsed().as_secs_f64());
        }
        if started.elapsed() > within {
            bail!("{url} did not answer within {within:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One size's figures.
struct Size {
    n: usize,
    seed_s: f64,
    pages_after_s: f64,
    search_after_s: f64,
    cold_first_ms: f64,
    page_bytes: usize,
    catalogue: Rate,
    catalogue_fresh: Rate,
    catalogue_fresh_one: Rate,
    filtered: Rate,
    search: Rate,
    search_one: Rate,
    innovation: Rate,
    innovation_all: Rate,
    nginx: Rate,
    saves: Vec<(&'static str, prisverdig_bench::Percentiles)>,
    save_errors: usize,
    writes_checked: usize,
    lost: usize,
    peak_mib: f64,
    anon_peak_mib: f64,
    file_mib: f64,
}

const SEARCH_WORDS: [&str; 16] = [
    "hjemmetjenesten",
    "barnehage",
    "skole",
    "sensorer",
    "matsvinn",
    "frivillige",
    "elsykler",
    "innbyggere",
    "bibliotek",
    "sykehjem",
    "vaktlister",
    "digitale",
    "pårørende",
    "brøyting",
    "solceller",
    "tolketjeneste",
];

async fn measure(n: usize, seconds: u64, writers: usize) -> anyhow::Result<Size> {
    let bin = load::server_bin()?;
    let dir = std::env::temp_dir().join(format!("prisverdig-scale-{n}-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}", dir.join("prisverdig.db").display());
    let started = Instant::now();
    // SEEDED_DIR: a data directory seeded before (with this N) is copied instead, so that one
    // phase can be measured again without seeding anew (the seeding time then says 0).
    let seed_s = if let Ok(seeded) = std::env::var("SEEDED_DIR") {
        let copied = Command::new("cp")
            .arg("-a")
            .arg(format!("{seeded}/."))
            .arg(&dir)
            .status()?;
        anyhow::ensure!(copied.success(), "cannot copy SEEDED_DIR {seeded}");
        0.0
    } else {
        let seeded = Command::new(&bin)
            .arg("--data-dir")
            .arg(&dir)
            .args(["seed", "--applications", &n.to_string()])
            .env("PRISVERDIG_LOG", "warn")
            .stdout(Stdio::null())
            .status()?;
        anyhow::ensure!(seeded.success(), "prisverdig seed failed");
        started.elapsed().as_secs_f64()
    };
    println!("# {n}: seeded in {seed_s:.1} s");
    let db = Db::connect(&url, 2).await?;
    let ids: Vec<Uuid> = prisverdig_store::on_pool!(&db, |pool| sqlx::query_scalar(
        "SELECT id FROM application WHERE state = 'submitted' ORDER BY id LIMIT 5000"
    )
    .fetch_all(pool)
    .await)?;
    let mut world = setup(db, &dir, writers / 2, writers - writers / 2).await?;
    world.saves_only = true;
    let world = Arc::new(world);

    // Start-up: from the process's start to the first page, and to the first search.
    let started = Instant::now();
    let (child, base) = load::start(&bin, &url, &dir)?;
    let server = Running(child);
    let pid = server.0.id();
    let anon = AnonPeak::watch(pid);
    let client = reqwest::Client::new();
    first_ok(&client, &format!("{base}/healthz"), Duration::from_secs(60)).await?;
    let pages_after_s = started.elapsed().as_secs_f64();
    first_ok(
        &client,
        &format!("{base}/catalogue?q=hjemmetjenesten"),
        Duration::from_secs(600),
    )
    .await?;
    let search_after_s = started.elapsed().as_secs_f64();
    wait_up(&base).await?;
    let t = Instant::now();
    client
        .get(format!("{base}/catalogue?first=1"))
        .send()
        .await?
        .bytes()
        .await?;
    let cold_first_ms = t.elapsed().as_secs_f64() * 1000.0;
    let page = client
        .get(format!("{base}/catalogue"))
        .send()
        .await?
        .bytes()
        .await?;
    println!(
        "# {n}: pages after {pages_after_s:.2} s, search after {search_after_s:.2} s, first page cold {cold_first_ms:.1} ms"
    );

    // PHASES (default all: pages,search,saves) leaves out what is not asked for, its rows
    // then empty; for measuring one part again.
    let phases = env_or("PHASES", "pages,search,saves");
    let phase = |p: &str| phases.split(',').any(|x| x.trim() == p);
    let measured = |on: bool, run: &dyn Fn() -> anyhow::Result<Rate>| -> anyhow::Result<Rate> {
        if on { run() } else { Ok(Rate::default()) }
    };
    let one = |p: &str| vec![p.to_string()];
    let pages_on = phase("pages");
    let catalogue = measured(pages_on, &|| wrk(&base, &one("/catalogue"), false, seconds))?;
    let catalogue_fresh = measured(pages_on, &|| wrk(&base, &one("/catalogue"), true, seconds))?;
    let filtered = measured(pages_on, &|| {
        wrk(
            &base,
            &one("/catalogue?year=2010&category=innovation"),
            false,
            seconds,
        )
    })?;
    let searches: Vec<String> = SEARCH_WORDS
        .iter()
        .flat_map(|a| {
            SEARCH_WORDS
                .iter()
                .map(move |b| format!("/catalogue?q={a}+{b}"))
        })
        .chain(SEARCH_WORDS.iter().map(|a| format!("/catalogue?q={a}")))
        .collect();
    let search_on = phase("search");
    let search = measured(search_on, &|| wrk(&base, &searches, true, seconds))?;
    let search_one = measured(search_on, &|| wrk_with(&base, &searches, true, seconds, 1))?;
    let catalogue_fresh_one = measured(pages_on, &|| {
        wrk_with(&base, &one("/catalogue"), true, seconds, 1)
    })?;
    let pages: Vec<String> = ids.iter().map(|id| format!("/applications/{id}")).collect();
    // One innovation again and again, as the peer's one talk page; then 5 000 in turn.
    let innovation = measured(pages_on, &|| wrk(&base, &pages[..1], false, seconds))?;
    let innovation_all = measured(pages_on, &|| wrk(&base, &pages, false, seconds))?;
    let nginx_rate = if pages_on {
        let (nginx, nginx_base) = start_nginx(&dir, &page)?;
        first_ok(
            &client,
            &format!("{nginx_base}/catalogue"),
            Duration::from_secs(10),
        )
        .await?;
        let rate = wrk(&nginx_base, &one("/catalogue"), false, seconds)?;
        drop(nginx);
        rate
    } else {
        Rate::default()
    };
    println!(
        "# {n}: catalogue {catalogue:?}\n#   fresh {catalogue_fresh:?}\n#   filtered {filtered:?}\n#   search {search:?}\n#   innovation {innovation:?}\n#   nginx {nginx_rate:?}"
    );

    // Writers: half save drafts, half save reviews, each pausing THINK_MS ±50 % (as people
    // with the autosave do).
    let think = Duration::from_millis(env_num("THINK_MS", 1000));
    let write_seconds = if phase("saves") {
        env_num("WRITE_SECONDS", 30)
    } else {
        0
    };
    // Without the saves, no one signs in either: each sign-in's password check (argon2,
    // 19 MiB) would count in the peak of a run that measures something else.
    let people = if write_seconds > 0 {
        sign_in_people(std::slice::from_ref(&base), &world, writers).await?
    } else {
        Vec::new()
    };
    let until = Instant::now() + Duration::from_secs(write_seconds);
    let tally = run_people(people, world.clone(), think, until).await?;
    let peak = peak_mib(pid);
    let anon_peak = anon.mib();
    let file_now = status_mib(pid, "RssFile:");
    drop(server);
    let lost = lost_writes(&url, &tally.last).await?;
    let saves: Vec<_> = tally
        .samples
        .into_iter()
        .map(|(k, v)| (k, percentiles(v)))
        .collect();
    for (k, p) in &saves {
        println!("# {n}: {k}: {p}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Size {
        n,
        seed_s,
        pages_after_s,
        search_after_s,
        cold_first_ms,
        page_bytes: page.len(),
        catalogue,
        catalogue_fresh,
        catalogue_fresh_one,
        filtered,
        search,
        search_one,
        innovation,
        innovation_all,
        nginx: nginx_rate,
        saves,
        save_errors: tally.server_errors + tally.other_failures,
        writes_checked: tally.last.len(),
        lost,
        peak_mib: peak,
        anon_peak_mib: anon_peak,
        file_mib: file_now,
    })
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores ({cpu})")
}

fn commit() -> String {
    let out = Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(root())
        .output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn today() -> String {
    let now = time::OffsetDateTime::from(std::time::SystemTime::now());
    format!(
        "{}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

/// The Markdown section for bench/RESULTS.md.
fn report(sizes: &[Size], peer: Option<(Rate, Rate)>, seconds: u64, writers: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Measured {} on {}, commit {}, release build, SQLite. One load generator, wrk \
         `-t2 -c32`, {seconds} s per target, on the same machine as the servers.\n",
        today(),
        machine(),
        commit()
    );
    let _ = writeln!(
        s,
        "| applications | what | requests/s | p50 ms | p95 ms | p99 ms | errors |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|");
    for z in sizes {
        for (what, r) in [
            ("catalogue, first page", z.catalogue),
            (
                "catalogue, first page rendered afresh (no page cache)",
                z.catalogue_fresh,
            ),
            (
                "the same, one connection (one visitor's latency)",
                z.catalogue_fresh_one,
            ),
            ("catalogue, filtered (2010, Innovasjonsprisen)", z.filtered),
            ("search, every query distinct", z.search),
            (
                "the same, one connection (one visitor's latency)",
                z.search_one,
            ),
            (
                "an innovation's page (one, as the peer's one talk page)",
                z.innovation,
            ),
            (
                "an innovation's page (5 000 in turn, mostly not cached)",
                z.innovation_all,
            ),
            ("nginx: the same catalogue page as a static file", z.nginx),
        ] {
            let _ = writeln!(s, "| {} | {what} | {} |", z.n, r.cells());
        }
    }
    if let Some((talk, list)) = peer {
        let _ = writeln!(
            s,
            "| 300 talks | pretalx: a talk's public page | {} |",
            talk.cells()
        );
        let _ = writeln!(
            s,
            "| 300 talks | pretalx: the session list | {} |",
            list.cells()
        );
    }
    let _ = writeln!(
        s,
        "\n| applications | seeding | pages answer after start | first search answers after start | first page, cold (one request) | page size | peak resident memory (VmHWM) | of it mapped files at the end (index, lexicon; RssFile) | peak anonymous memory (RssAnon, sampled) |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|");
    for z in sizes {
        let _ = writeln!(
            s,
            "| {} | {:.1} s | {:.2} s | {:.2} s | {:.1} ms | {} bytes | {:.0} MiB | {:.0} MiB | {:.0} MiB |",
            z.n,
            z.seed_s,
            z.pages_after_s,
            z.search_after_s,
            z.cold_first_ms,
            z.page_bytes,
            z.peak_mib,
            z.file_mib,
            z.anon_peak_mib
        );
    }
    let _ = writeln!(
        s,
        "\nSaves, {writers} writers at once (half drafts, half reviews, autosave pace: {} ms ±50 % between saves):\n",
        env_num("THINK_MS", 1000)
    );
    let _ = writeln!(
        s,
        "| applications | action | count | p50 ms | p95 ms | p99 ms | max ms | errors | writes checked | lost |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
    for z in sizes {
        for (k, p) in &z.saves {
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let _ = writeln!(
                s,
                "| {} | {k} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
                z.n,
                p.count,
                ms(p.p50),
                ms(p.p95),
                ms(p.p99),
                ms(p.max),
                z.save_errors,
                z.writes_checked,
                z.lost
            );
        }
    }
    let _ = writeln!(s, "\nRatios:\n");
    for z in sizes {
        let _ = writeln!(
            s,
            "- {}: catalogue first page = **{:.0} %** of nginx on the same bytes (target ≥ 50 %); search p95 **{:.2} ms** for one visitor (target < 20 ms at 100 000); the first page rendered afresh p95 **{:.2} ms** for one visitor (target < 50 ms), {:.1} ms the very first after start",
            z.n,
            z.catalogue.rps / z.nginx.rps * 100.0,
            z.search_one.p95_ms,
            z.catalogue_fresh_one.p95_ms,
            z.cold_first_ms
        );
        if let Some((talk, list)) = peer {
            let _ = writeln!(
                s,
                "- {}: innovation page = **{:.0}×** pretalx's talk page (target ≥ 100×); catalogue = {:.0}× pretalx's session list",
                z.n,
                z.innovation.rps / talk.rps,
                z.catalogue.rps / list.rps
            );
        }
    }
    s
}

/// Horizontal bars of requests per second on a logarithmic axis: ours at each size against
/// nginx and pretalx.
fn chart(sizes: &[Size], peer: Option<(Rate, Rate)>) -> String {
    let mut bars: Vec<(String, f64, &str)> = Vec::new();
    for z in sizes {
        let n = z.n;
        bars.push((
            format!("Prisverdig {n}: catalogue"),
            z.catalogue.rps,
            "#1f5f8b",
        ));
        bars.push((
            format!("Prisverdig {n}: catalogue, no cache"),
            z.catalogue_fresh.rps,
            "#1f5f8b",
        ));
        bars.push((
            format!("Prisverdig {n}: filtered"),
            z.filtered.rps,
            "#1f5f8b",
        ));
        bars.push((format!("Prisverdig {n}: search"), z.search.rps, "#1f5f8b"));
        bars.push((
            format!("Prisverdig {n}: innovation page"),
            z.innovation.rps,
            "#1f5f8b",
        ));
        bars.push((
            format!("Prisverdig {n}: 5 000 innovation pages"),
            z.innovation_all.rps,
            "#1f5f8b",
        ));
        bars.push((
            format!("nginx: catalogue page ({n})"),
            z.nginx.rps,
            "#6b6b6b",
        ));
    }
    if let Some((talk, list)) = peer {
        bars.push(("pretalx: talk page".into(), talk.rps, "#a14a00"));
        bars.push(("pretalx: session list".into(), list.rps, "#a14a00"));
    }
    let (left, width, row) = (330.0, 420.0, 22.0);
    let max = bars.iter().map(|b| b.1).fold(10.0, f64::max).log10().ceil();
    let x = |v: f64| left + (v.max(1.0).log10() / max) * width;
    let height = 60.0 + row * bars.len() as f64;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-labelledby=\"t d\" font-family=\"sans-serif\" font-size=\"12\">\n<title id=\"t\">Requests per second: Prisverdig against nginx and pretalx</title>\n<desc id=\"d\">Bars on a logarithmic scale, {date}, commit {commit}.</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
        w = left + width + 90.0,
        date = today(),
        commit = commit()
    );
    for p in 0..=max as i32 {
        let px = x(10f64.powi(p));
        let _ = writeln!(
            s,
            "<line x1=\"{px}\" y1=\"20\" x2=\"{px}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{px}\" y=\"14\" text-anchor=\"middle\">{}</text>",
            height - 30.0,
            10u64.pow(p as u32)
        );
    }
    for (i, (label, v, colour)) in bars.iter().enumerate() {
        let y = 26.0 + row * i as f64;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{label}</text><rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{}\">{v:.0}</text>",
            left - 6.0,
            y + 13.0,
            x(*v) - left,
            row - 6.0,
            x(*v) + 4.0,
            y + 13.0
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{left}\" y=\"{}\">requests per second (wrk -t2 -c32), logarithmic</text>\n</svg>",
        height - 10.0
    );
    s
}

fn main() -> anyhow::Result<()> {
    let sizes: Vec<usize> = env_or("SIZES", "10000,100000")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let seconds = env_num("SECONDS_EACH", 10);
    let writers = env_num("WRITERS", 50) as usize;
    // A partial run (PHASES) reports its left-out rows as zeros: it must not overwrite the
    // kept report of a whole run.
    if std::env::var("PHASES").is_ok() && std::env::var("OUT").is_err() {
        anyhow::bail!(
            "PHASES measures only part of the run: give OUT=… too, so that the kept report ({}) is not overwritten with empty rows",
            root().join("bench/results/scale.md").display()
        );
    }
    let out = PathBuf::from(env_or(
        "OUT",
        &root().join("bench/results/scale.md").display().to_string(),
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let peer = match (std::env::var("TALK_URL"), std::env::var("LIST_URL")) {
            (Ok(talk), Ok(list)) => {
                let split = |u: &str| -> anyhow::Result<(String, String)> {
                    let rest = u
                        .strip_prefix("http://")
                        .context("TALK_URL/LIST_URL: http://…")?;
                    let slash = rest.find('/').unwrap_or(rest.len());
                    Ok((
                        format!("http://{}", &rest[..slash]),
                        rest[slash..].to_string(),
                    ))
                };
                let (tb, tp) = split(&talk)?;
                let (lb, lp) = split(&list)?;
                // gunicorn goes on answering what wrk left queued: a pause after each run,
                // so that the next one (and ours) starts on an idle machine.
                let t = wrk(&tb, &[tp], false, seconds)?;
                tokio::time::sleep(Duration::from_secs(20)).await;
                let l = wrk(&lb, &[lp], false, seconds)?;
                tokio::time::sleep(Duration::from_secs(30)).await;
                println!("# pretalx: talk {t:?}\n#   list {l:?}");
                Some((t, l))
            }
            _ => {
                println!("# no TALK_URL/LIST_URL: the peer is left out");
                None
            }
        };
        let mut results = Vec::new();
        for n in sizes {
            results.push(measure(n, seconds, writers).await?);
        }
        let section = report(&results, peer, seconds, writers);
        println!("{section}");
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&out, &section)?;
        std::fs::write(out.with_extension("svg"), chart(&results, peer))?;
        println!(
            "written: {} and {}",
            out.display(),
            out.with_extension("svg").display()
        );
        let lost: usize = results.iter().map(|z| z.lost).sum();
        let errors: u64 = results
            .iter()
            .map(|z| {
                z.catalogue.errors
                    + z.catalogue_fresh.errors
                    + z.filtered.errors
                    + z.search.errors
                    + z.innovation.errors
                    + z.save_errors as u64
            })
            .sum();
        if lost > 0 || errors > 0 {
            bail!("{errors} errors, {lost} lost writes");
        }
        anyhow::Ok(())
    })
}

//! How much resident memory the Norwegian lexicon takes, and how long it takes to load.
//!   cargo run --release -p prisverdig-bench --bin lexicon-memory

use prisverdig_service::search::Lexicon;
use std::time::Instant;

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

fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn main() {
    let before = rss_mib();
    let t = Instant::now();
    let lexicon = Lexicon::system();
    println!(
        "{} forms loaded in {:.1} s; resident memory {before:.0} → {:.0} MiB (peak {:.0} MiB)",
        lexicon.len(),
        t.elapsed().as_secs_f64(),
        rss_mib(),
        peak_mib()
    );
}

//! Progress of long work (backup, restore, import, export, seeding): a bar with counts and
//! an estimate when standard error is a terminal (indicatif), and a plain line every few
//! seconds otherwise, so a log or CI shows that work goes on without filling up.
//!
//! Ctrl-C is heard by [`interrupted`]: long work checks it between steps and stops, leaving
//! nothing half-written (each command cleans up its own partial output).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Listens for Ctrl-C (once per process); long work then sees [`interrupted`].
pub fn listen_for_interrupt() {
    tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            INTERRUPTED.store(true, Ordering::SeqCst);
            eprintln!("prisverdig: interrupted; stopping and removing what was half-written");
        }
    });
}

/// Whether Ctrl-C was pressed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// How often a plain line is written when there is no terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

pub struct Progress {
    label: String,
    unit: &'static str,
    total: Option<u64>,
    done: u64,
    bar: Option<ProgressBar>,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    /// Work of `total` steps (`None` when not known ahead), counted in `unit`s
    /// («files», «rows», «bytes»).
    pub fn new(label: &str, total: Option<u64>, unit: &'static str) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = match total {
                Some(n) => ProgressBar::new(n),
                None => ProgressBar::new_spinner(),
            };
            let template = if total.is_some() {
                "{msg} [{bar:30}] {human_pos}/{human_len} {prefix} ({eta} left)"
            } else {
                "{msg} {spinner} {human_pos} {prefix}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(label.to_string());
            bar.set_prefix(unit);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Progress {
            label: label.to_string(),
            unit,
            total,
            done: 0,
            bar,
            started: now,
            last_line: now,
        }
    }

    pub fn inc(&mut self, n: u64) {
        self.done += n;
        match &self.bar {
            Some(bar) => bar.inc(n),
            None if self.last_line.elapsed() >= LINE_EVERY => {
                self.last_line = Instant::now();
                eprintln!("{}", self.line());
            }
            None => {}
        }
    }

    fn line(&self) -> String {
        let elapsed = self.started.elapsed().as_secs_f64();
        match self.total {
            Some(total) if self.done > 0 && total >= self.done => {
                let left = elapsed / self.done as f64 * (total - self.done) as f64;
                format!(
                    "{}: {}/{} {} (about {:.0} s left)",
                    self.label, self.done, total, self.unit, left
                )
            }
            Some(total) => format!("{}: {}/{} {}", self.label, self.done, total, self.unit),
            None => format!("{}: {} {}", self.label, self.done, self.unit),
        }
    }

    /// Ends the bar (or writes the last line), with how long it took.
    pub fn finish(self) {
        let took = self.started.elapsed().as_secs_f64();
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.total.is_none() && self.done == 0 {
            eprintln!("{}: done in {took:.1} s", self.label);
        } else {
            eprintln!(
                "{}: {} {} in {:.1} s",
                self.label, self.done, self.unit, took
            );
        }
    }
}

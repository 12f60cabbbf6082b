//! `prisverdig export FILE` and `prisverdig import FILE`: the catalogue as a versioned JSON
//! document (docs/exchange-format.md). Import prints one summary line, or every problem on
//! a line of its own and fails, having written nothing.

use crate::progress::{self, Progress};
use crate::settings::Settings;
use anyhow::Context;
use prisverdig_domain::exchange::{self, ParseError};
use prisverdig_service::exchange::{ImportError, ImportProgress};
use std::path::Path;
use std::sync::Mutex;

/// The import's progress bar (also `seed`'s, which writes through the import).
pub(crate) struct Bar(pub(crate) Mutex<Option<Progress>>, pub(crate) &'static str);

impl ImportProgress for Bar {
    fn start(&self, rows: u64) {
        if let Ok(mut bar) = self.0.lock() {
            *bar = Some(Progress::new(self.1, Some(rows), "rows"));
        }
    }

    fn row(&self) {
        if let Ok(mut bar) = self.0.lock()
            && let Some(bar) = bar.as_mut()
        {
            bar.inc(1);
        }
    }
}

pub async fn export(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    progress::listen_for_interrupt();
    let services = super::open(settings).await?;
    let reading = Progress::new("export: reading", None, "steps");
    let doc = services.export().await?;
    reading.finish();
    if progress::interrupted() {
        anyhow::bail!("interrupted; nothing was written");
    }
    let json = serde_json::to_string_pretty(&doc)?;
    // Written beside and renamed: an interrupted export leaves no half a file.
    let partial = file.with_extension("partial");
    std::fs::write(&partial, json + "\n")
        .with_context(|| format!("cannot write {}", partial.display()))?;
    if progress::interrupted() {
        let _ = std::fs::remove_file(&partial);
        anyhow::bail!("interrupted; nothing was written");
    }
    std::fs::rename(&partial, file).with_context(|| format!("cannot write {}", file.display()))?;
    println!(
        "Exported {} units, {} rounds, {} applications, {} decisions and {} adoptions to {}.",
        doc.units.len(),
        doc.rounds.len(),
        doc.applications.len(),
        doc.decisions.len(),
        doc.adoptions.len(),
        file.display()
    );
    Ok(())
}

pub async fn import(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let doc = match exchange::parse(&text) {
        Ok(doc) => doc,
        Err(ParseError::NotADocument(e)) => anyhow::bail!(
            "{}: $: not a prisverdig exchange document: {e}",
            file.display()
        ),
        Err(ParseError::Problems(problems)) => return rejected(file, &problems),
    };
    let services = super::open(settings).await?;
    // One transaction: Ctrl-C (which ends the process) leaves nothing of it written.
    let bar = Bar(Mutex::new(None), "import: writing");
    let imported = services.import_reporting(doc, &bar).await;
    if let Some(p) = bar.0.into_inner().ok().flatten() {
        p.finish();
    }
    match imported {
        Ok(report) => {
            println!("Imported {}: {report}.", file.display());
            search_index(&services).await
        }
        Err(ImportError::Rejected(problems)) => rejected(file, &problems),
        Err(ImportError::Failed(e)) => Err(e.into()),
    }
}

/// Brings the search index in the data directory up to date (built anew, with a bar, when
/// there is none), so that the server's next start finds it ready instead of building it.
pub(crate) async fn search_index(services: &prisverdig_service::Services) -> anyhow::Result<()> {
    let bar = Bar(Mutex::new(None), "search index: applications");
    let built = services.build_search_index(&bar).await;
    if let Some(p) = bar.0.into_inner().ok().flatten() {
        p.finish();
    }
    built.context("cannot build the search index")
}

/// Every problem on a line of its own, then the failure.
fn rejected(file: &Path, problems: &[exchange::Problem]) -> anyhow::Result<()> {
    for p in problems {
        eprintln!("{p}");
    }
    anyhow::bail!(
        "{} was not imported: {} problem(s); nothing was written",
        file.display(),
        problems.len()
    )
}

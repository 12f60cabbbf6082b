//! `prisverdig export FILE` and `prisverdig import FILE`: the catalogue as a versioned JSON
//! document (docs/exchange-format.md). Import prints one summary line, or every problem on
//! a line of its own and fails, having written nothing.

use crate::settings::Settings;
use anyhow::Context;
use prisverdig_domain::exchange::{self, ParseError};
use prisverdig_service::exchange::ImportError;
use std::path::Path;

pub async fn export(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let services = super::open(settings).await?;
    let doc = services.export().await?;
    let json = serde_json::to_string_pretty(&doc)?;
    std::fs::write(file, json + "\n")
        .with_context(|| format!("cannot write {}", file.display()))?;
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
    match services.import(doc).await {
        Ok(report) => {
            println!("Imported {}: {report}.", file.display());
            Ok(())
        }
        Err(ImportError::Rejected(problems)) => rejected(file, &problems),
        Err(ImportError::Failed(e)) => Err(e.into()),
    }
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

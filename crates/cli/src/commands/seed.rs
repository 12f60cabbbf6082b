//! `prisverdig seed --applications N`: the demo (when the database is empty), then N
//! generated applications in past years, written through the import in one transaction
//! with a progress bar (Ctrl-C ends the process before the commit: nothing is written), then
//! the search index, so that the server starts with it ready.

use super::exchange::Bar;
use crate::settings::Settings;
use prisverdig_service::exchange::ImportError;
use std::sync::Mutex;
use std::time::Instant;

pub async fn run(settings: &Settings, applications: usize) -> anyhow::Result<()> {
    let services = super::open(settings).await?;
    if services.is_empty().await? {
        super::print_credentials(&services.seed_demo().await?);
    }
    let started = Instant::now();
    let bar = Bar(Mutex::new(None), "seed: writing");
    let seeded = services.seed_years(applications, &bar).await;
    if let Some(p) = bar.0.into_inner().ok().flatten() {
        p.finish();
    }
    match seeded {
        Ok(report) => {
            println!(
                "Seeded {applications} applications in {:.1} s: {report}.",
                started.elapsed().as_secs_f64()
            );
            super::exchange::search_index(&services).await
        }
        Err(ImportError::Rejected(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::bail!("the generated years were refused; nothing was written")
        }
        Err(ImportError::Failed(e)) => Err(e.into()),
    }
}

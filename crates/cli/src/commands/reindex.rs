//! `prisverdig reindex`: the search index in the data directory built anew from the database,
//! with a progress bar. Needed only when the index was damaged or removed: servers keep it up
//! to date themselves, and `import` and `seed` bring it up to date before they finish.

use crate::settings::Settings;
use anyhow::Context;
use prisverdig_service::search::SearchIndex;

pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    let dir = settings.data_dir.join("search");
    if dir.exists() {
        // A running server holds the index's writer lock: then opening it fails here, and
        // nothing is removed under the server.
        let probe = dir.clone();
        tokio::task::spawn_blocking(move || SearchIndex::open_or_create(Some(&probe)))
            .await?
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot open the search index in {} ({e}); stop the server first",
                    dir.display()
                )
            })?;
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    let services = super::open(settings).await?;
    super::exchange::search_index(&services).await?;
    println!("The search index in {} is built.", dir.display());
    Ok(())
}

//! Live updates for open pages: how many prizes have their nominees and their results public.
//! A reveal at the ceremony (`ceremony.rs`) or a publication minute passing changes the
//! figures; every process reads them every second (`follow_results`), and at once after its
//! own reveal, so a page open anywhere hears of a result within a second and reloads
//! (`web/src/public/events.rs` sends it as server-sent events).

use crate::{Result, Services};
use prisverdig_store::jury;
use tokio::sync::watch;

/// (prizes with nominees public, prizes with results public).
pub type Published = (i64, i64);

#[derive(Debug)]
pub struct Live {
    published: watch::Sender<Published>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            published: watch::Sender::new((0, 0)),
        }
    }
}

impl Services {
    /// Changes whenever nominees or results become public (or, after a correction, stop
    /// being so).
    pub fn result_updates(&self) -> watch::Receiver<Published> {
        self.live.published.subscribe()
    }

    /// Reads the figures now and tells the watchers if they moved; true when they did.
    #[tracing::instrument(skip_all)]
    pub async fn check_published_results(&self) -> Result<bool> {
        let now_published = jury::published_counts(&self.db, self.clock.now()).await?;
        Ok(self.live.published.send_if_modified(|seen| {
            let moved = *seen != now_published;
            *seen = now_published;
            moved
        }))
    }

    /// Every `every`, for as long as the process runs.
    pub async fn follow_results(&self, every: std::time::Duration) {
        loop {
            if let Err(e) = self.check_published_results().await {
                tracing::warn!(error = %e, "could not read what is published");
            }
            tokio::time::sleep(every).await;
        }
    }
}

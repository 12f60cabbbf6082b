//! The intranet widget: the prizes that accept applications now (with their deadlines) and
//! the newest published outcomes, read by the same rules as the front page and the results
//! feed, so an unpublished decision never shows here either.

use crate::home::LiveCall;
use crate::{Result, Services};
use prisverdig_store::catalogue::{self, Published};
use time::OffsetDateTime;

pub struct WidgetView {
    pub now: OffsetDateTime,
    /// Every prize that accepts applications now, soonest deadline first; empty between
    /// rounds.
    pub live: Vec<LiveCall>,
    /// The newest public winners, nominees and honourable mentions, at most the limit asked.
    pub results: Vec<Published>,
}

impl Services {
    /// What the intranet's front page shows of the prizes: open calls and the newest
    /// `limit` published outcomes, all read at one `now`.
    #[tracing::instrument(skip_all)]
    pub async fn widget(&self, limit: i64) -> Result<WidgetView> {
        let now = self.clock.now();
        let live = self.live_calls(now).await?;
        let results = catalogue::published(&self.db, now, limit).await?;
        Ok(WidgetView { now, live, results })
    }
}

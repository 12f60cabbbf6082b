//! What the front page shows: every prize that accepts applications now, across all open
//! rounds, soonest deadline first; between rounds, the last round's results and what comes
//! next (a round under way, if any); and the newest stories.

use crate::archive::RoundResults;
use crate::{Result, Services};
use prisverdig_domain::category::{effective_deadline, is_accepting};
use prisverdig_domain::results::round_is_public;
use prisverdig_domain::round::RoundState;
use prisverdig_store::categories::{self, CategorySummary};
use prisverdig_store::criteria;
use prisverdig_store::rounds::{self, RoundSummary};
use prisverdig_store::stories::{self, StoryRow};
use time::OffsetDateTime;

/// A prize as the call to apply presents it, with the criteria the jury will use.
pub struct PrizeCall {
    pub category: CategorySummary,
    pub criteria: Vec<String>,
    /// Whether the category accepts applications now.
    pub accepting: bool,
}

/// A prize that accepts applications now, with the round it belongs to.
pub struct LiveCall {
    pub round: RoundSummary,
    pub prize: PrizeCall,
}

pub struct HomeView {
    pub now: OffsetDateTime,
    /// Every category of every open round that accepts applications now, soonest
    /// (effective) deadline first. An open round whose deadlines have all passed adds
    /// nothing here, so it cannot hide a live one.
    pub live: Vec<LiveCall>,
    /// Between rounds (nothing accepts applications): the newest round whose results are
    /// all out, with its prizes' outcomes. A past round is never shown as a call.
    pub results: Option<RoundResults>,
    /// Between rounds: the newest public round after those results that is not finished
    /// (its call is over, the jury is at work); `None` when the next call is not announced.
    pub coming: Option<RoundResults>,
    /// The newest public stories from «Tanketanken».
    pub stories: Vec<StoryRow>,
}

/// How many stories the front page shows.
pub const HOME_STORIES: i64 = 3;

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn home(&self) -> Result<HomeView> {
        let now = self.clock.now();
        let stories = stories::published(&self.db, now, 0, HOME_STORIES).await?.0;
        let live = self.live_calls(now).await?;
        let (results, coming) = if live.is_empty() {
            self.between_rounds(now).await?
        } else {
            (None, None)
        };
        Ok(HomeView {
            now,
            live,
            results,
            coming,
            stories,
        })
    }

    /// Every prize of every open round that accepts applications at `now`, soonest
    /// (effective) deadline first; the front page and the intranet widget show these.
    pub(crate) async fn live_calls(&self, now: OffsetDateTime) -> Result<Vec<LiveCall>> {
        let mut live = Vec::new();
        for round in rounds::open_rounds(&self.db).await? {
            for prize in self.prize_calls(&round, now).await? {
                if prize.accepting {
                    live.push(LiveCall {
                        round: round.clone(),
                        prize,
                    });
                }
            }
        }
        // Stable: equal deadlines keep the rounds' and categories' own order.
        live.sort_by_key(|l| {
            let c = &l.prize.category;
            effective_deadline(c.deadline, c.extended_deadline)
        });
        Ok(live)
    }

    /// The newest finished round, and the newest unfinished one after it.
    async fn between_rounds(
        &self,
        now: OffsetDateTime,
    ) -> Result<(Option<RoundResults>, Option<RoundResults>)> {
        let mut coming = None;
        for round in rounds::all(&self.db).await? {
            if !round_is_public(round.state) {
                continue;
            }
            let results = self.round_results(round, now).await?;
            if results.finished() {
                return Ok((Some(results), coming));
            }
            if coming.is_none() {
                coming = Some(results);
            }
        }
        Ok((None, coming))
    }

    /// The round's categories with their criteria, and whether each accepts applications.
    async fn prize_calls(
        &self,
        round: &RoundSummary,
        now: OffsetDateTime,
    ) -> Result<Vec<PrizeCall>> {
        let open = round.state == RoundState::Open;
        let mut prizes = Vec::new();
        for category in categories::summaries(&self.db, round.id).await? {
            let criteria = criteria::of_category(&self.db, category.id)
                .await?
                .into_iter()
                .map(|c| c.text)
                .collect();
            let accepting =
                open && is_accepting(now, category.deadline, category.extended_deadline);
            prizes.push(PrizeCall {
                category,
                criteria,
                accepting,
            });
        }
        Ok(prizes)
    }
}

/// The organisation's name as read under a public-data version.
pub(crate) type NameUnder = (u64, std::sync::Arc<str>);

impl Services {
    /// The organisation's name for headers and titles; the product's name before setup.
    #[tracing::instrument(skip_all)]
    pub async fn organisation_name(&self) -> Result<String> {
        let org = prisverdig_store::organisation::first(&self.db).await?;
        Ok(org.map_or_else(|| "Prisverdig".to_string(), |o| o.name))
    }

    /// The organisation's name for every page, read again only when public data changed
    /// (an import may create the organisation; another process's change is seen through the
    /// change counter), so a new name shows without a restart.
    pub async fn organisation_name_shown(&self) -> Result<std::sync::Arc<str>> {
        // The version before the read: a change after it makes the next call read again.
        let version = self.public.version();
        if let Ok(cached) = self.organisation_name.lock()
            && let Some((seen, name)) = cached.as_ref()
            && *seen == version
        {
            return Ok(name.clone());
        }
        let name: std::sync::Arc<str> = self.organisation_name().await?.into();
        if let Ok(mut cached) = self.organisation_name.lock() {
            *cached = Some((version, name.clone()));
        }
        Ok(name)
    }
}

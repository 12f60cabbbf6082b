//! What the front page shows: the current round and its categories, and the newest stories.

use crate::{Result, Services};
use prisverdig_store::category_forms;
use prisverdig_store::rounds::{self, CategorySummary, RoundSummary};
use prisverdig_store::stories::{self, StoryRow};
use time::OffsetDateTime;

/// A prize as the call to apply presents it, with the criteria the jury will use.
pub struct PrizeCall {
    pub category: CategorySummary,
    pub criteria: Vec<String>,
    /// Whether the category accepts applications now.
    pub accepting: bool,
}

pub struct HomeView {
    pub now: OffsetDateTime,
    pub round: Option<(RoundSummary, Vec<PrizeCall>)>,
    /// The newest public stories from «Tanketanken».
    pub stories: Vec<StoryRow>,
}

/// How many stories the front page shows.
pub const HOME_STORIES: i64 = 3;

impl Services {
    pub async fn home(&self) -> Result<HomeView> {
        let now = self.clock.now();
        let stories = stories::published(&self.db, now, 0, HOME_STORIES).await?.0;
        let Some(round) = rounds::current(&self.db).await? else {
            return Ok(HomeView {
                now,
                round: None,
                stories,
            });
        };
        let open = round.state == "open";
        let mut prizes = Vec::new();
        for category in rounds::categories(&self.db, round.id).await? {
            let criteria = category_forms::criteria(&self.db, category.id)
                .await?
                .into_iter()
                .map(|c| c.text)
                .collect();
            let accepting = open
                && prisverdig_domain::category::is_accepting(
                    now,
                    category.deadline,
                    category.extended_deadline,
                );
            prizes.push(PrizeCall {
                category,
                criteria,
                accepting,
            });
        }
        Ok(HomeView {
            now,
            round: Some((round, prizes)),
            stories,
        })
    }
}

impl Services {
    /// The organisation's name for headers and titles; the product's name before setup.
    pub async fn organisation_name(&self) -> Result<String> {
        let org = prisverdig_store::organisation::first(&self.db).await?;
        Ok(org.map_or_else(|| "Prisverdig".to_string(), |o| o.name))
    }
}

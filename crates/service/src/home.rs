//! What the front page shows: the current round and its categories.

use crate::{Result, Services};
use prisverdig_store::rounds::{self, CategorySummary, RoundSummary};

pub struct HomeView {
    pub round: Option<(RoundSummary, Vec<CategorySummary>)>,
}

impl Services {
    pub async fn home(&self) -> Result<HomeView> {
        let Some(round) = rounds::current(&self.db).await? else {
            return Ok(HomeView { round: None });
        };
        let categories = rounds::categories(&self.db, round.id).await?;
        Ok(HomeView {
            round: Some((round, categories)),
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

//! The admin home's «what needs attention»: rounds under way with each category's deadline,
//! counts and alert (domain `attention`), open tips and the outbox.

use super::require_admin;
use crate::{Result, Services};
use prisverdig_domain::attention::{Alert, alert};
use prisverdig_store::attention::{self, CategoryProgress};
use prisverdig_store::users::User;
use time::OffsetDateTime;

pub struct Attention {
    pub now: OffsetDateTime,
    /// Categories of rounds under way, each with its alert if it needs one.
    pub categories: Vec<(CategoryProgress, Option<Alert>)>,
    pub open_tips: i64,
    /// Messages not sent yet, and of those the ones that failed at least once.
    pub outbox: (i64, i64),
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn attention(&self, user: &User) -> Result<Attention> {
        require_admin(user)?;
        let now = self.clock.now();
        let categories = attention::rounds_under_way(&self.db)
            .await?
            .into_iter()
            .map(|c| {
                let a = alert(
                    now,
                    c.round_state,
                    c.deadline,
                    c.extended_deadline,
                    c.submitted,
                );
                (c, a)
            })
            .collect();
        Ok(Attention {
            now,
            categories,
            open_tips: attention::open_tips(&self.db).await?,
            outbox: attention::outbox_waiting(&self.db).await?,
        })
    }
}

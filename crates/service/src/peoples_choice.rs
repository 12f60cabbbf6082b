//! «Folkets favoritt»: in a category with the people's choice, every signed-in employee has
//! one vote, cast on a public application's page while voting is open
//! (`domain::peoples_choice::is_open`) and moved freely until it closes. The vote table's key
//! keeps it to one per person and category whatever the client sends. The counts are shown
//! to nobody, administrators and jury included, before the results' minute. A ballot is
//! secret: casting one writes no audit row naming the voter.

use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::peoples_choice::{counts_shown, is_open};
use prisverdig_store::users::User;
use prisverdig_store::votes;
use uuid::Uuid;

/// The application a person votes for in a category.
#[derive(Debug, Clone)]
pub struct VotedFor {
    pub id: Uuid,
    pub title: String,
}

/// What an application's page shows of the people's choice.
#[derive(Debug, Clone)]
pub struct PeoplesChoice {
    /// Votes are taken now.
    pub open: bool,
    /// Voting has not opened yet (the deadline is ahead).
    pub upcoming: bool,
    /// The viewer's vote in the application's category.
    pub mine: Option<VotedFor>,
    /// The application's votes, from the results' minute on.
    pub count: Option<i64>,
}

impl Services {
    /// The people's choice around a public application, `None` when its category has none.
    #[tracing::instrument(skip_all)]
    pub async fn peoples_choice(
        &self,
        viewer: Option<&User>,
        application: Uuid,
    ) -> Result<Option<PeoplesChoice>> {
        let Some(b) = votes::ballot(&self.db, application).await? else {
            return Ok(None);
        };
        if !b.peoples_choice {
            return Ok(None);
        }
        let now = self.clock.now();
        let mine = match viewer {
            Some(user) => votes::mine_titled(&self.db, b.category_id, user.id)
                .await?
                .map(|(id, title)| VotedFor { id, title }),
            None => None,
        };
        let count = match counts_shown(now, b.results_at) {
            true => Some(votes::count(&self.db, application).await?),
            false => None,
        };
        Ok(Some(PeoplesChoice {
            open: is_open(now, b.deadline, b.extended_deadline, b.results_at),
            upcoming: now
                < prisverdig_domain::category::effective_deadline(b.deadline, b.extended_deadline),
            mine,
            count,
        }))
    }

    /// Casts `user`'s vote in the application's category for it, or moves it there.
    /// `NotFound` unless the application is public in a people's choice category; refused at
    /// the field `peoples-choice` (the page's section) while voting is closed.
    #[tracing::instrument(skip_all)]
    pub async fn vote(&self, user: &User, application: Uuid) -> Result<()> {
        self.public_application(application).await?;
        let b = votes::ballot(&self.db, application)
            .await?
            .filter(|b| b.peoples_choice)
            .ok_or(ServiceError::NotFound)?;
        let now = self.clock.now();
        if !is_open(now, b.deadline, b.extended_deadline, b.results_at) {
            return Err(ServiceError::Invalid(vec![ValidationError::new(
                "peoples-choice",
                "error-voting-closed",
            )]));
        }
        let mut tx = self.db.begin().await?;
        votes::cast(&mut tx, now, b.category_id, user.id, application).await?;
        tx.commit().await?;
        Ok(())
    }
}

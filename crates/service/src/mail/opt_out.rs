//! Turning the optional messages (reminders, announcements, the call) off and on again by the
//! link in each of them. The link's token is the only key: no sign-in is needed.

use crate::{Result, ServiceError, Services};
use prisverdig_store::mail_recipients;

/// What the unsubscribe page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub email: String,
    pub opted_out: bool,
}

impl Services {
    /// The address a link belongs to and whether it has turned the messages off.
    pub async fn subscription(&self, token: &str) -> Result<Subscription> {
        let (email, opted_out) = mail_recipients::by_token(&self.db, token)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(Subscription { email, opted_out })
    }

    /// Turns the optional messages off (`true`) or on again (`false`).
    pub async fn set_opted_out(&self, token: &str, off: bool) -> Result<()> {
        let at = off.then(|| self.clock.now());
        if mail_recipients::set_opted_out(&self.db, token, at).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound)
        }
    }
}

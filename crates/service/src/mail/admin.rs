//! The administrators' view of the outbox: counts, one page of messages in a state, a message
//! as the `.eml` file it was (or will be) sent as, and «send again».

use crate::admin::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_store::outbox::{self, Message, State};
use prisverdig_store::users::User;
use uuid::Uuid;

/// Messages per page of the outbox.
pub const PAGE_SIZE: i64 = 50;

/// One page of the outbox.
#[derive(Debug, Clone)]
pub struct OutboxPage {
    /// Pending, sent, failed.
    pub counts: [i64; 3],
    pub messages: Vec<Message>,
    pub has_more: bool,
}

impl Services {
    /// Messages in `state`, newest first, page `page` (from 1).
    pub async fn outbox(&self, user: &User, state: State, page: i64) -> Result<OutboxPage> {
        require_admin(user)?;
        let counts = outbox::counts(&self.db).await?;
        let offset = (page.max(1) - 1).saturating_mul(PAGE_SIZE);
        let mut messages = outbox::list(&self.db, state, offset, PAGE_SIZE + 1).await?;
        let has_more = messages.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
        messages.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
        Ok(OutboxPage {
            counts,
            messages,
            has_more,
        })
    }

    /// A message as an RFC 5322 file, as the sender writes it.
    pub async fn outbox_eml(&self, user: &User, id: Uuid) -> Result<Vec<u8>> {
        require_admin(user)?;
        let message = outbox::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mail = self
            .compose(&message, &self.message_id(id))
            .map_err(|e| ServiceError::internal("composing a stored message", e))?;
        Ok(mail.formatted())
    }

    /// Puts a sent or failed message back in the queue, audited.
    pub async fn resend_mail(&self, user: &User, id: Uuid) -> Result<()> {
        require_admin(user)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !outbox::resend(&mut tx, id, now).await? {
            return Err(ServiceError::NotFound);
        }
        record(
            &mut tx,
            now,
            user,
            "mail.resend",
            ("outbox", id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

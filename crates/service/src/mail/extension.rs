//! «Fristen er forlenget»: when a category's deadline moves later, the teams with drafts in it
//! and the units' leaders hear of it (an optional message, with its unsubscribe link).

use super::{Recipient, Sender, letters};
use crate::{Result, Services};
use prisverdig_store::{Tx, mail_audience};
use time::OffsetDateTime;
use uuid::Uuid;

/// What the notice needs, read before the change's transaction.
pub struct ExtensionNotice {
    from: Sender,
    drafts: Vec<Recipient>,
}

impl Services {
    pub(crate) async fn extension_notice(&self, category: Uuid) -> Result<ExtensionNotice> {
        let drafts = mail_audience::teams(&self.db, category, "draft")
            .await?
            .into_iter()
            .map(|t| Recipient::user_or_address(t.user_id, &t.email, t.locale.as_deref()))
            .collect();
        Ok(ExtensionNotice {
            from: self.mail_sender().await?,
            drafts,
        })
    }

    /// Queues the notice to each address once per new deadline.
    pub(crate) async fn queue_extension(
        &self,
        tx: &mut Tx,
        now: OffsetDateTime,
        (id, category, deadline): (Uuid, &str, OffsetDateTime),
        notice: ExtensionNotice,
    ) -> Result<()> {
        let mut to = notice.drafts;
        for p in mail_audience::leaders(tx).await? {
            if !to.iter().any(|r| r.email.eq_ignore_ascii_case(&p.email)) {
                to.push(Recipient::user(p.id, &p.email, p.locale.as_deref()));
            }
        }
        let from = &notice.from;
        for r in &to {
            let letter = letters::deadline_extended(r.language, from, category, deadline);
            let key = format!(
                "extended/{id}/{}/{}",
                deadline.unix_timestamp(),
                r.email.to_lowercase()
            );
            self.queue_letter(tx, now, (from, r), &letter, Some(key))
                .await?;
        }
        Ok(())
    }
}

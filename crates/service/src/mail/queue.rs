//! Queueing a message: in the recipient's language, skipped when the recipient turned the
//! optional messages off, with the unsubscribe link, in the caller's transaction.

use super::{Language, Letter, Sender, render};
use crate::{Result, Services};
use prisverdig_store::Tx;
use prisverdig_store::mail_recipients;
use prisverdig_store::outbox::{self, Outgoing};
use time::OffsetDateTime;
use uuid::Uuid;

/// Who a message goes to.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub email: String,
    pub user_id: Option<Uuid>,
    pub language: Language,
}

impl Recipient {
    /// A user, in their saved language (Bokmål when none is saved).
    pub fn user(id: Uuid, email: &str, saved_language: Option<&str>) -> Recipient {
        Recipient {
            email: email.to_string(),
            user_id: Some(id),
            language: Language::from_saved(saved_language),
        }
    }

    /// A team's address: an account's, or the address a member was invited with.
    pub fn user_or_address(
        id: Option<Uuid>,
        email: &str,
        saved_language: Option<&str>,
    ) -> Recipient {
        Recipient {
            email: email.to_string(),
            user_id: id,
            language: Language::from_saved(saved_language),
        }
    }

    /// An address with no account (the call's configured list), in Bokmål.
    pub fn address(email: &str) -> Recipient {
        Recipient {
            email: email.to_string(),
            user_id: None,
            language: Language::Nb,
        }
    }
}

impl Services {
    /// Where messages say they come from: the organisation's name as it is now and this
    /// installation's address. Read before the caller's transaction.
    pub async fn mail_sender(&self) -> Result<Sender> {
        let organisation = prisverdig_store::organisation::first(&self.db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        Ok(Sender {
            organisation,
            public_url: self.mail.public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Queues `letter` (written in `to.language`) in `tx`. An optional message to an address
    /// that turned them off is not queued, nor one whose `dedupe_key` was used (`None`).
    pub(crate) async fn queue_letter(
        &self,
        tx: &mut Tx,
        now: OffsetDateTime,
        (from, to): (&Sender, &Recipient),
        letter: &Letter,
        dedupe_key: Option<String>,
    ) -> Result<Option<Uuid>> {
        let email = to.email.trim().to_lowercase();
        let unsubscribe = if letter.kind.optional() {
            if mail_recipients::opted_out(tx, &email).await? {
                return Ok(None);
            }
            let token =
                mail_recipients::token(tx, &email, &crate::invitations::new_token()).await?;
            Some(from.link(&format!("/unsubscribe/{token}")))
        } else {
            None
        };
        let rendered = render::render(to.language, from, letter, unsubscribe.as_deref());
        let out = Outgoing {
            kind: letter.kind,
            language: to.language.tag(),
            recipient: &to.email,
            user_id: to.user_id,
            subject: &rendered.subject,
            text: &rendered.text,
            html: Some(&rendered.html),
            dedupe_key,
            unsubscribe_url: unsubscribe.as_deref(),
        };
        Ok(outbox::queue(tx, now, &out).await?)
    }
}

impl Services {
    /// What a receipt needs, read before the submission's transaction: the sender and the
    /// category's name.
    pub(crate) async fn receipt_context(&self, category: Uuid) -> Result<(Sender, String)> {
        let from = self.mail_sender().await?;
        let name = prisverdig_store::categories::context(&self.db, category)
            .await?
            .map(|c| c.name)
            .unwrap_or_default();
        Ok((from, name))
    }

    /// A receipt to everyone on the team, in the submission's transaction.
    pub(crate) async fn queue_receipts(
        &self,
        tx: &mut Tx,
        now: OffsetDateTime,
        (from, category): (&Sender, &str),
        application: Uuid,
    ) -> Result<()> {
        let path = format!("/applications/{application}/receipt");
        for t in prisverdig_store::mail_audience::team(tx, application).await? {
            let to = Recipient::user_or_address(t.user_id, &t.email, t.locale.as_deref());
            let letter =
                super::letters::receipt(to.language, from, (&t.title, category), now, &path);
            self.queue_letter(tx, now, (from, &to), &letter, None)
                .await?;
        }
        Ok(())
    }
}

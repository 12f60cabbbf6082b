//! The call for applications by e-mail: an administrator sends it from the round's page to
//! every unit leader and the configured addresses, with the categories still open and their
//! deadlines. Pressing again reaches only those who did not get it (a key per round and
//! address).

use super::{Recipient, letters};
use crate::admin::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_store::users::User;
use prisverdig_store::{categories, mail_audience, rounds};
use uuid::Uuid;

impl Services {
    /// Queues the call of round `id`; returns how many messages were new.
    pub async fn send_call(&self, user: &User, id: Uuid) -> Result<usize> {
        require_admin(user)?;
        let round = rounds::get(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let now = self.clock.now();
        let open: Vec<(String, time::OffsetDateTime)> = categories::of_round(&self.db, id)
            .await?
            .into_iter()
            .map(|c| (c.name, c.extended_deadline.unwrap_or(c.deadline)))
            .filter(|(_, deadline)| *deadline > now)
            .collect();
        if open.is_empty() {
            return Err(ValidationError::new("call", "error-call-nothing-open").into());
        }
        let from = self.mail_sender().await?;
        let mut tx = self.db.begin().await?;
        let mut to: Vec<Recipient> = mail_audience::leaders(&mut tx)
            .await?
            .into_iter()
            .map(|p| Recipient::user(p.id, &p.email, p.locale.as_deref()))
            .collect();
        for address in &self.mail.call_recipients {
            if !to.iter().any(|r| r.email.eq_ignore_ascii_case(address)) {
                to.push(Recipient::address(address));
            }
        }
        let mut queued = 0;
        for r in &to {
            let letter = letters::call_for_applications(r.language, &from, &round.title, &open);
            let key = Some(format!("call/{id}/{}", r.email.to_lowercase()));
            let sent = self.queue_letter(&mut tx, now, (&from, r), &letter, key);
            queued += usize::from(sent.await?.is_some());
        }
        let detail = serde_json::json!({ "recipients": to.len(), "new": queued });
        record(&mut tx, now, user, "round.call", ("round", id), detail).await?;
        tx.commit().await?;
        Ok(queued)
    }
}

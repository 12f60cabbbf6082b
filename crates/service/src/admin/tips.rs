//! Tips about candidates: anyone signed in points the prize team to a unit's innovation;
//! the administrators hear of it by e-mail (an outbox row) and see the list.

use super::{record, require_admin};
use crate::mail::{Recipient, letters};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::setup::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use prisverdig_store::mail_audience;
use prisverdig_store::organisation;
use prisverdig_store::rounds;
use prisverdig_store::tips::{self, NewTip, TipRow};
use prisverdig_store::users::User;
use uuid::Uuid;

pub struct TipInput<'a> {
    /// A unit picked from the chart, as its id; empty when typed instead.
    pub unit: &'a str,
    pub unit_text: &'a str,
    pub innovation: &'a str,
    pub reason: &'a str,
}

fn too_long(field: &'static str, text: &str, max: usize, errors: &mut Vec<ValidationError>) {
    if text.chars().count() > max {
        errors.push(ValidationError::new(field, "error-too-long"));
    }
}

impl Services {
    /// Checks a tip: a unit (picked or typed) and the innovation are required.
    async fn check_tip(&self, input: &TipInput<'_>) -> Result<(Option<Uuid>, String)> {
        let mut errors = Vec::new();
        let unit = match input.unit.trim() {
            "" => None,
            raw => match Uuid::parse_str(raw).ok() {
                Some(id) if organisation::unit(&self.db, id).await?.is_some() => Some(id),
                _ => {
                    errors.push(ValidationError::new("unit", "error-choose-one"));
                    None
                }
            },
        };
        if unit.is_none() && input.unit_text.trim().is_empty() && errors.is_empty() {
            errors.push(ValidationError::new("unit", "error-tip-unit-required"));
        }
        too_long(
            "unit_text",
            input.unit_text.trim(),
            MAX_TITLE_CHARS,
            &mut errors,
        );
        if input.innovation.trim().is_empty() {
            errors.push(ValidationError::new("innovation", "error-required"));
        }
        too_long(
            "innovation",
            input.innovation.trim(),
            MAX_TITLE_CHARS,
            &mut errors,
        );
        too_long("reason", input.reason.trim(), MAX_TEXT_CHARS, &mut errors);
        let name = match unit {
            Some(id) => organisation::unit(&self.db, id)
                .await?
                .map(|u| u.name)
                .unwrap_or_default(),
            None => input.unit_text.trim().to_string(),
        };
        if errors.is_empty() {
            Ok((unit, name))
        } else {
            Err(ServiceError::Invalid(errors))
        }
    }

    /// Records a tip from anyone signed in, and a message to every administrator.
    #[tracing::instrument(skip_all)]
    pub async fn submit_tip(&self, user: &User, input: &TipInput<'_>) -> Result<Uuid> {
        let (unit_id, unit_name) = self.check_tip(input).await?;
        let round_id = rounds::current(&self.db).await?.map(|r| r.id);
        let (innovation, reason) = (input.innovation.trim(), input.reason.trim());
        let now = self.clock.now();
        let from = self.mail_sender().await?;
        let mut tx = self.db.begin().await?;
        let new = NewTip {
            round_id,
            unit_id,
            unit_text: input.unit_text.trim(),
            innovation,
            reason,
            tipped_by: user.id,
        };
        let id = tips::insert(&mut tx, now, new).await?;
        let tip = letters::Tip {
            tipper: &user.name,
            email: &user.email,
            unit: &unit_name,
            innovation,
            reason,
        };
        for admin in mail_audience::administrators(&mut tx).await? {
            let to = Recipient::user(admin.id, &admin.email, admin.locale.as_deref());
            let letter = letters::tip(to.language, &from, &tip);
            self.queue_letter(&mut tx, now, (&from, &to), &letter, None)
                .await?;
        }
        // «… og enheten blir invitert til å søke»: the tipped unit hears of it too.
        if let Some(unit) = unit_id {
            for person in mail_audience::unit_invitees(&mut tx, unit).await? {
                let to = Recipient::user(person.id, &person.email, person.locale.as_deref());
                let letter = letters::tip_invitation(to.language, &from, &unit_name, innovation);
                self.queue_letter(&mut tx, now, (&from, &to), &letter, None)
                    .await?;
            }
        }
        record(
            &mut tx,
            now,
            user,
            "tip.create",
            ("tip", id),
            serde_json::json!({ "unit": unit_name }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn tips(&self, user: &User) -> Result<Vec<TipRow>> {
        require_admin(user)?;
        Ok(tips::all(&self.db).await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn mark_tip_handled(&self, user: &User, id: Uuid) -> Result<()> {
        require_admin(user)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !tips::mark_handled(&mut tx, now, id).await? {
            return Err(ServiceError::NotFound);
        }
        record(
            &mut tx,
            now,
            user,
            "tip.handled",
            ("tip", id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

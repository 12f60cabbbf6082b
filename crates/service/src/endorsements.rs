//! «Forankret i linjen»: unit leaders endorse the public applications of their part of the
//! organisation; everyone sees who stands behind an application.

use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::endorsement::{MAX_NOTE_CHARS, chain, led_unit, may_endorse};
use prisverdig_store::audit::{self, AuditEntry};
use prisverdig_store::endorsements::{self, Endorsement};
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

impl Services {
    /// Whether `user` may endorse the application `id` (a leader of its unit or above).
    #[tracing::instrument(skip_all)]
    pub async fn may_endorse(&self, user: &User, id: Uuid) -> Result<bool> {
        // Most visitors lead no unit: no need to read the application and the chart.
        if led_unit(&user.roles, user.unit_id).is_none() {
            return Ok(false);
        }
        let row = prisverdig_store::applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let parents: HashMap<Uuid, Option<Uuid>> =
            prisverdig_store::organisation::active_units(&self.db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.parent_id))
                .collect();
        let units = chain(row.unit_id, |u| parents.get(&u).copied().flatten());
        Ok(may_endorse(&user.roles, user.unit_id, &units))
    }

    /// Records `user`'s endorsement of the public application `id`, or changes its note.
    #[tracing::instrument(skip_all)]
    pub async fn endorse(&self, user: &User, id: Uuid, note: &str) -> Result<()> {
        self.public_application(id).await?;
        if !self.may_endorse(user, id).await? {
            return Err(ServiceError::Forbidden);
        }
        let note = note.trim();
        if note.chars().count() > MAX_NOTE_CHARS {
            let problem = ValidationError::new("endorsement_note", "error-too-long")
                .with_limit(MAX_NOTE_CHARS);
            return Err(ServiceError::Invalid(vec![problem]));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        endorsements::put(&mut tx, now, id, user.id, note).await?;
        audit::record(&mut tx, now, entry(user, id, "application.endorse")).await?;
        self.commit_public(tx).await
    }

    /// Takes back `user`'s endorsement of `id`.
    #[tracing::instrument(skip_all)]
    pub async fn withdraw_endorsement(&self, user: &User, id: Uuid) -> Result<()> {
        self.public_application(id).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !endorsements::remove(&mut tx, id, user.id).await? {
            return Err(ServiceError::NotFound);
        }
        audit::record(
            &mut tx,
            now,
            entry(user, id, "application.endorse.withdraw"),
        )
        .await?;
        self.commit_public(tx).await
    }

    /// Who stands behind the application `id` (shown with its public page).
    #[tracing::instrument(skip_all)]
    pub async fn endorsements(&self, id: Uuid) -> Result<Vec<Endorsement>> {
        Ok(endorsements::of_application(&self.db, id).await?)
    }
}

fn entry(user: &User, id: Uuid, action: &'static str) -> AuditEntry<'static> {
    AuditEntry {
        actor: Some(user.id),
        action,
        entity: "application",
        entity_id: Some(id),
        detail: serde_json::json!({}),
    }
}

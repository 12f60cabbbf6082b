//! A person's rights over what is stored about them (issue 11, GDPR articles 15 and 17):
//! download it all as JSON, and delete the account. Deletion pseudonymises rather than
//! erases: submitted applications stay with the unit, as a municipality's case records must
//! (archive law outranks erasure there), while the name, address, sign-in means and roles go,
//! and drafts only the person could finish are deleted.

use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::role::Role;
use prisverdig_store::audit::{self, AuditEntry};
use prisverdig_store::privacy;
use prisverdig_store::users::User;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn when(at: OffsetDateTime) -> Value {
    at.format(&Rfc3339)
        .map(Value::String)
        .unwrap_or(Value::Null)
}

fn acts(rows: Vec<privacy::ActRow>) -> Value {
    rows.into_iter()
        .map(|r| json!({ "id": r.id, "text": r.text, "at": when(r.at) }))
        .collect()
}

impl Services {
    /// Everything stored about the signed-in person, as one JSON document.
    #[tracing::instrument(skip_all)]
    pub async fn my_data(&self, user: &User) -> Result<Value> {
        let about = privacy::about(&self.db, user.id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let p = about.profile;
        let applications: Value = about
            .applications
            .into_iter()
            .map(|a| {
                json!({
                    "id": a.id, "title": a.title, "summary": a.summary, "state": a.state,
                    "category": a.category, "year": a.year,
                    "role": if a.owner { "owner" } else { "team_member" },
                    "answers": a.answers.0, "created_at": when(a.created_at),
                    "updated_at": when(a.updated_at),
                    "submitted_at": a.submitted_at.map(when),
                    "withdrawn_at": a.withdrawn_at.map(when),
                })
            })
            .collect();
        let identities: Value = about
            .identities
            .into_iter()
            .map(|(issuer, subject, at)| json!({ "issuer": issuer, "subject": subject, "since": when(at) }))
            .collect();
        let audit: Value = about
            .audit
            .into_iter()
            .map(|a| json!({ "at": when(a.at), "action": a.action, "entity": a.entity, "entity_id": a.entity_id }))
            .collect();
        Ok(json!({
            "format": "prisverdig-personal-data",
            "version": 1,
            "exported_at": when(self.clock.now()),
            "organisation": self.organisation_name().await?,
            "account": {
                "id": user.id, "email": p.email, "name": p.name, "unit": p.unit_name,
                "language": p.locale, "active": p.active, "created_at": when(p.created_at),
                "roles": about.roles, "password_set": p.has_password,
                "second_factor": p.has_second_factor, "sessions": about.sessions,
            },
            "sign_in_identities": identities,
            "applications": applications,
            "endorsements": acts(about.endorsements),
            "cheers": acts(about.cheers),
            "adoptions_recorded": acts(about.adoptions),
            "tips": acts(about.tips),
            "stories": acts(about.stories),
            "audit_log": audit,
        }))
    }

    /// Deletes the signed-in person's account once they typed their own e-mail address to
    /// confirm. The last active administrator cannot leave the installation without one.
    #[tracing::instrument(skip_all)]
    pub async fn delete_my_account(&self, user: &User, confirmation: &str) -> Result<()> {
        if !confirmation.trim().eq_ignore_ascii_case(&user.email) {
            return Err(ValidationError::new("confirm", "error-delete-confirm").into());
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if user.has(Role::Administrator)
            && privacy::other_administrators(&mut tx, user.id).await? == 0
        {
            return Err(ValidationError::new("confirm", "error-delete-last-admin").into());
        }
        let erased = privacy::pseudonymise(&mut tx, user.id, &user.email).await?;
        let detail = json!({
            "drafts_deleted": erased.drafts_deleted,
            "drafts_handed_on": erased.drafts_handed_on,
        });
        let entry = AuditEntry {
            actor: Some(user.id),
            action: "user.delete",
            entity: "user",
            entity_id: Some(user.id),
            detail,
        };
        audit::record(&mut tx, now, entry).await?;
        self.commit_public(tx).await?;
        self.delete_files(erased.files).await;
        Ok(())
    }
}

/// Drafts deleted per transaction by [`Services::delete_stale_drafts`].
const STALE_DRAFTS_PER_BATCH: usize = 100;

impl Services {
    /// Deletes the drafts that can no longer be submitted and whose retention has passed
    /// (the setting `draft_retention_days` after their category's deadline), with their
    /// files; one audit row per batch. Returns how many went. Safe to run in several
    /// processes at once: a draft deleted by another is simply not found.
    #[tracing::instrument(skip_all)]
    pub async fn delete_stale_drafts(&self) -> Result<u64> {
        let Some(days) = self.draft_retention_days else {
            return Ok(0);
        };
        let now = self.clock.now();
        let cutoff = now - time::Duration::days(days);
        let ids = privacy::drafts_closed_before(&self.db, cutoff).await?;
        let mut deleted = 0;
        for batch in ids.chunks(STALE_DRAFTS_PER_BATCH) {
            let mut tx = self.db.begin().await?;
            let files = privacy::delete_drafts(&mut tx, batch).await?;
            let entry = AuditEntry {
                actor: None,
                action: "application.drafts_expired",
                entity: "application",
                entity_id: None,
                detail: json!({ "drafts": batch, "retention_days": days }),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            self.delete_files(files).await;
            deleted += batch.len() as u64;
        }
        Ok(deleted)
    }
}

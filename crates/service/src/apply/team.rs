//! The team that writes an application: the owner invites co-applicants by e-mail; they
//! can edit; the owner can remove them.

use crate::{Result, ServiceError, Services};
use prisverdig_domain::email::Email;
use prisverdig_store::applications;
use prisverdig_store::users::User;
use prisverdig_store::{StoreError, audit};
use uuid::Uuid;

/// At most this many co-applicants on one application.
pub const MAX_TEAM: usize = 20;

impl Services {
    async fn owned(&self, user: &User, id: Uuid) -> Result<applications::ApplicationRow> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if row.owner_id != user.id {
            return Err(ServiceError::Forbidden);
        }
        Ok(row)
    }

    pub async fn invite_team_member(&self, user: &User, id: Uuid, email: &str) -> Result<()> {
        self.owned(user, id).await?;
        let email = Email::parse(email)
            .map_err(|e| prisverdig_domain::ValidationError::new("team_email", e.message_id))?;
        if email.as_str() == user.email {
            return Err(
                prisverdig_domain::ValidationError::new("team_email", "error-team-self").into(),
            );
        }
        if applications::team(&self.db, id).await?.len() >= MAX_TEAM {
            return Err(
                prisverdig_domain::ValidationError::new("team_email", "error-too-many").into(),
            );
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let existing = prisverdig_store::users::id_by_email(&mut tx, email.as_str()).await?;
        applications::add_team_member(&mut tx, now, id, email.as_str(), existing)
            .await
            .map_err(|e| match e {
                StoreError::Database(db) => StoreError::unique_as(db, "team member"),
                other => other,
            })
            .map_err(|e| match e {
                StoreError::Duplicate(_) => {
                    prisverdig_domain::ValidationError::new("team_email", "error-team-already")
                        .into()
                }
                other => ServiceError::from(other),
            })?;
        let detail = serde_json::json!({ "email": email.as_str() });
        audit::record(
            &mut tx,
            now,
            audit::AuditEntry {
                actor: Some(user.id),
                action: "team.invite",
                entity: "application",
                entity_id: Some(id),
                detail,
            },
        )
        .await?;
        self.commit_public(tx).await?;
        Ok(())
    }

    pub async fn remove_team_member(&self, user: &User, id: Uuid, email: &str) -> Result<()> {
        self.owned(user, id).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !applications::remove_team_member(&mut tx, id, email).await? {
            return Err(ServiceError::NotFound);
        }
        let detail = serde_json::json!({ "email": email });
        audit::record(
            &mut tx,
            now,
            audit::AuditEntry {
                actor: Some(user.id),
                action: "team.remove",
                entity: "application",
                entity_id: Some(id),
                detail,
            },
        )
        .await?;
        self.commit_public(tx).await?;
        Ok(())
    }
}

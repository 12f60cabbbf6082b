//! The team that writes an application: the owner invites co-applicants by e-mail; they
//! can edit; the owner can remove them. An address without an account gets one (pending:
//! no password) and an invitation link; matching is by e-mail, so the person is on the team
//! from their first sign-in. Both changes stop when the application can no longer change.

use super::timing;
use crate::invitations::Inviter;
use crate::mail::{Language, Recipient, letters};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::application::rules::may_change;
use prisverdig_domain::email::Email;
use prisverdig_domain::role::Role;
use prisverdig_store::applications;
use prisverdig_store::categories;
use prisverdig_store::mail_audience;
use prisverdig_store::users::{self, NewUser, User};
use prisverdig_store::{StoreError, Tx, audit};
use time::OffsetDateTime;
use uuid::Uuid;

/// At most this many co-applicants on one application.
pub const MAX_TEAM: usize = 20;

fn team_error(message_id: &'static str) -> ServiceError {
    ValidationError::new("team_email", message_id).into()
}

impl Services {
    /// The owner's application, while it may still change (not withdrawn, before the deadline).
    async fn owned_and_open(&self, user: &User, id: Uuid) -> Result<()> {
        let row = applications::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if row.owner_id != user.id {
            return Err(ServiceError::Forbidden);
        }
        let category = categories::context(&self.db, row.category_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        may_change(row.state, timing(self.clock.now(), &category))?;
        Ok(())
    }

    /// The account for an invited address: the existing one, or a new pending applicant.
    /// Returns its id and whether it still needs an invitation link.
    async fn account_for_invitee(
        &self,
        tx: &mut Tx,
        now: OffsetDateTime,
        email: &Email,
    ) -> Result<(Uuid, bool)> {
        if let Some(found) = users::account_by_email(tx, email.as_str()).await? {
            return Ok(found);
        }
        let new = NewUser {
            email,
            name: "",
            password_hash: None,
            unit_id: None,
            roles: &[Role::Applicant],
        };
        Ok((users::insert(tx, now, new).await?, true))
    }

    #[tracing::instrument(skip_all)]
    pub async fn invite_team_member(
        &self,
        user: &User,
        id: Uuid,
        email: &str,
        language: Language,
    ) -> Result<()> {
        self.owned_and_open(user, id).await?;
        let email = Email::parse(email).map_err(|e| team_error(e.message_id))?;
        if email.as_str() == user.email {
            return Err(team_error("error-team-self"));
        }
        if applications::team(&self.db, id).await?.len() >= MAX_TEAM {
            return Err(team_error("error-too-many"));
        }
        let now = self.clock.now();
        let from = self.mail_sender().await?;
        let mut tx = self.db.begin().await?;
        let (member, pending) = self.account_for_invitee(&mut tx, now, &email).await?;
        applications::add_team_member(&mut tx, now, id, email.as_str(), Some(member))
            .await
            .map_err(|e| match e {
                StoreError::Database(db) => StoreError::unique_as(db, "team member"),
                other => other,
            })
            .map_err(|e| match e {
                StoreError::Duplicate(_) => team_error("error-team-already"),
                other => ServiceError::from(other),
            })?;
        if pending {
            let inviter = Inviter {
                name: &user.name,
                language,
            };
            self.create_invitation(&mut tx, now, (member, email.as_str()), (&from, inviter))
                .await?;
        } else {
            // An account that can sign in hears of it in its own language.
            let team = mail_audience::team(&mut tx, id).await?;
            if let Some(p) = team.iter().find(|t| t.user_id == Some(member)) {
                let to = Recipient::user(member, &p.email, p.locale.as_deref());
                let title = &p.title;
                let path = format!("/applications/{id}/edit");
                let letter = letters::team_invitation(to.language, &from, &user.name, title, &path);
                self.queue_letter(&mut tx, now, (&from, &to), &letter, None)
                    .await?;
            }
        }
        let detail = serde_json::json!({ "email": email.as_str(), "pending": pending });
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

    #[tracing::instrument(skip_all)]
    pub async fn remove_team_member(&self, user: &User, id: Uuid, email: &str) -> Result<()> {
        self.owned_and_open(user, id).await?;
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

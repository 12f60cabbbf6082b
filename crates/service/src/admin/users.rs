//! User management for administrators (issue 9): list and search accounts, add one (it gets
//! an invitation link instead of a password), change roles, deactivate and reactivate.
//! Changes are version-checked, since two administrators may edit the same account.

use super::{record, require_admin};
use crate::invitations::{Inviter, NewInvitation};
use crate::mail::Language;
use crate::users::{email_taken, validate_identity};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::account::check_own_change;
use prisverdig_domain::role::Role;
use prisverdig_store::users::{self, Account, NewUser, User};
use uuid::Uuid;

/// Users per page of the list.
pub const PAGE_SIZE: i64 = 25;
/// Longer search text is cut here.
pub const MAX_SEARCH_CHARS: usize = 200;

pub struct UserPage {
    pub accounts: Vec<Account>,
    /// How many users match the search.
    pub total: i64,
    /// 1-based, within `1..=pages`.
    pub page: i64,
    pub pages: i64,
}

/// The administrator's «add user» form.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub roles: &'a [Role],
}

/// A new account and its link, shown once to the administrator who made it.
pub struct Invited {
    pub id: Uuid,
    pub invitation: NewInvitation,
}

fn role_names(roles: &[Role]) -> Vec<&'static str> {
    roles.iter().map(|r| r.as_str()).collect()
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn user_page(&self, actor: &User, search: &str, page: i64) -> Result<UserPage> {
        require_admin(actor)?;
        let search: String = search.trim().chars().take(MAX_SEARCH_CHARS).collect();
        let total = users::count_matching(&self.db, &search).await?;
        let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let page = page.clamp(1, pages);
        let offset = (page - 1) * PAGE_SIZE;
        let accounts = users::page(&self.db, &search, offset, PAGE_SIZE).await?;
        Ok(UserPage {
            accounts,
            total,
            page,
            pages,
        })
    }

    #[tracing::instrument(skip_all)]
    pub async fn account(&self, actor: &User, id: Uuid) -> Result<Account> {
        require_admin(actor)?;
        users::account(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Adds a local account without a password and makes its invitation link.
    #[tracing::instrument(skip_all)]
    pub async fn invite_user(
        &self,
        actor: &User,
        input: NewAccount<'_>,
        language: Language,
    ) -> Result<Invited> {
        require_admin(actor)?;
        let mut errors = Vec::new();
        let email = validate_identity(input.email, input.name, input.roles, &mut errors);
        let email = match email {
            Some(email) if errors.is_empty() => email,
            _ => return Err(ServiceError::Invalid(errors)),
        };
        let now = self.clock.now();
        let from = self.mail_sender().await?;
        let mut tx = self.db.begin().await?;
        let new = NewUser {
            email: &email,
            name: input.name.trim(),
            password_hash: None,
            unit_id: None,
            roles: input.roles,
        };
        let id = users::insert(&mut tx, now, new)
            .await
            .map_err(email_taken)?;
        users::claim_team_invitations(&mut tx, id, email.as_str()).await?;
        let invitation = self
            .create_invitation(
                &mut tx,
                now,
                (id, email.as_str()),
                (
                    &from,
                    Inviter {
                        name: &actor.name,
                        language,
                    },
                ),
            )
            .await?;
        let detail =
            serde_json::json!({ "email": email.as_str(), "roles": role_names(input.roles) });
        record(&mut tx, now, actor, "user.add", ("user", id), detail).await?;
        tx.commit().await?;
        Ok(Invited { id, invitation })
    }

    /// A fresh link for an account that has not got in yet (the old one stops working).
    #[tracing::instrument(skip_all)]
    pub async fn renew_invitation(
        &self,
        actor: &User,
        id: Uuid,
        language: Language,
    ) -> Result<NewInvitation> {
        let account = self.account(actor, id).await?;
        if !account.pending || !account.active {
            return Err(ValidationError::new("invitation", "error-user-not-pending").into());
        }
        let now = self.clock.now();
        let from = self.mail_sender().await?;
        let mut tx = self.db.begin().await?;
        let invitation = self
            .create_invitation(
                &mut tx,
                now,
                (id, &account.email),
                (
                    &from,
                    Inviter {
                        name: &actor.name,
                        language,
                    },
                ),
            )
            .await?;
        let detail = serde_json::json!({ "expires_at": invitation.expires_at.unix_timestamp() });
        record(
            &mut tx,
            now,
            actor,
            "user.invitation.renew",
            ("user", id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(invitation)
    }

    /// Replaces the roles, if nobody changed the account since `version`.
    #[tracing::instrument(skip_all)]
    pub async fn set_user_roles(
        &self,
        actor: &User,
        id: Uuid,
        version: i64,
        roles: &[Role],
    ) -> Result<()> {
        let account = self.account(actor, id).await?;
        if roles.is_empty() {
            return Err(ValidationError::new("role", "error-required").into());
        }
        check_own_change(actor.id, id, roles, account.active)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        users::set_roles(&mut tx, id, version, roles).await?;
        let detail = serde_json::json!({
            "from": role_names(&account.roles),
            "to": role_names(roles),
        });
        record(&mut tx, now, actor, "user.roles", ("user", id), detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deactivates (the account loses access at once) or reactivates, if nobody changed the
    /// account since `version`.
    #[tracing::instrument(skip_all)]
    pub async fn set_user_active(
        &self,
        actor: &User,
        id: Uuid,
        version: i64,
        active: bool,
    ) -> Result<()> {
        let account = self.account(actor, id).await?;
        check_own_change(actor.id, id, &account.roles, active)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        users::set_active(&mut tx, id, version, active).await?;
        let action = if active {
            "user.reactivate"
        } else {
            "user.deactivate"
        };
        record(
            &mut tx,
            now,
            actor,
            action,
            ("user", id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts the person in a unit of the chart (or in none), if nobody changed the account
    /// since `version`. Their future applications default to it; submitted ones keep theirs.
    #[tracing::instrument(skip_all)]
    pub async fn set_user_unit(
        &self,
        actor: &User,
        id: Uuid,
        version: i64,
        unit: Option<Uuid>,
    ) -> Result<()> {
        let account = self.account(actor, id).await?;
        if let Some(u) = unit
            && !self.units().await?.iter().any(|row| row.id == u)
        {
            return Err(ValidationError::new("unit", "error-choose-one").into());
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        users::set_unit(&mut tx, id, version, unit).await?;
        let detail = serde_json::json!({ "from": account.unit_id, "to": unit });
        record(&mut tx, now, actor, "user.unit", ("user", id), detail).await?;
        tx.commit().await?;
        Ok(())
    }
}

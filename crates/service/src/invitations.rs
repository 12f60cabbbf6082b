//! Invitation links for local accounts (issue 9). An account made by an administrator or by
//! a team invitation has no password; its owner gets a link that sets one. The token is 32
//! random bytes shown once (in the link); only its SHA-256 is stored. The e-mail with the link
//! goes to the outbox in the inviter's language (a new account has none of its own yet).

use crate::auth::hash_password;
use crate::mail::{Language, Recipient, Sender, letters};
use crate::users::MAX_NAME_CHARS;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::account::{
    InvitationState, check_chosen_password, invitation_expiry, invitation_state,
};
use prisverdig_store::Tx;
use prisverdig_store::audit::{self, AuditEntry};
use prisverdig_store::invitations;
use prisverdig_store::users;
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

/// Who sends an invitation, and the language the new account's e-mail is written in (the
/// inviter's: a new account has no language of its own yet).
#[derive(Debug, Clone, Copy)]
pub struct Inviter<'a> {
    pub name: &'a str,
    pub language: Language,
}

/// A new link's path and the time it stops working.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub path: String,
    pub expires_at: OffsetDateTime,
}

/// What the invitation page shows before the password is set.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub email: String,
    pub name: String,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// 32 random bytes as hex: the secret of a link (invitation, unsubscribe, follow-up).
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

impl Services {
    /// Makes a link for `user_id` (older unused links stop working) and queues its e-mail,
    /// in the caller's transaction.
    pub(crate) async fn create_invitation(
        &self,
        tx: &mut Tx,
        now: OffsetDateTime,
        (user_id, email): (Uuid, &str),
        (from, inviter): (&Sender, Inviter<'_>),
    ) -> Result<NewInvitation> {
        let token = new_token();
        let expires_at = invitation_expiry(now, self.invitation_days);
        invitations::retire_others(tx, now, user_id).await?;
        invitations::insert(tx, now, &token_hash(&token), user_id, expires_at).await?;
        let path = format!("/invitation/{token}");
        let to = Recipient {
            email: email.to_string(),
            user_id: Some(user_id),
            language: inviter.language,
        };
        let letter =
            letters::account_invitation(to.language, from, inviter.name, &path, expires_at);
        self.queue_letter(tx, now, (from, &to), &letter, None)
            .await?;
        Ok(NewInvitation { path, expires_at })
    }

    /// The account a usable link opens. Unknown: `NotFound`; used, expired or deactivated: `Gone`.
    async fn usable(&self, token: &str) -> Result<users::Account> {
        let hash = token_hash(token);
        let invitation = invitations::find(&self.db, &hash)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let state = invitation_state(self.clock.now(), invitation.expires_at, invitation.used_at);
        if state != InvitationState::Usable {
            return Err(ServiceError::Gone);
        }
        match users::account(&self.db, invitation.user_id).await? {
            Some(account) if account.active => Ok(account),
            Some(_) => Err(ServiceError::Gone),
            None => Err(ServiceError::NotFound),
        }
    }

    #[tracing::instrument(skip_all)]
    pub async fn invitation(&self, token: &str) -> Result<InvitationView> {
        let account = self.usable(token).await?;
        Ok(InvitationView {
            email: account.email,
            name: account.name,
        })
    }

    /// Sets the name and password through a usable link, once; returns where the sign-in
    /// goes on: signed in, or (administrators and jurors) to enrolling a second factor.
    #[tracing::instrument(skip_all)]
    pub async fn accept_invitation(
        &self,
        token: &str,
        name: &str,
        password: &str,
        confirmation: &str,
    ) -> Result<crate::auth::SignInStep> {
        let account = self.usable(token).await?;
        let name = name.trim();
        let mut errors = Vec::new();
        if name.is_empty() {
            errors.push(ValidationError::new("name", "error-required"));
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.push(ValidationError::new("name", "error-too-long"));
        }
        errors.extend(check_chosen_password(password, confirmation));
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let hash = hash_password(password)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !invitations::mark_used(&mut tx, now, &token_hash(token)).await? {
            return Err(ServiceError::Gone);
        }
        users::set_password(&mut tx, account.id, &hash, name).await?;
        users::claim_team_invitations(&mut tx, account.id, &account.email).await?;
        invitations::retire_others(&mut tx, now, account.id).await?;
        let entry = AuditEntry {
            actor: Some(account.id),
            action: "user.invitation.accept",
            entity: "user",
            entity_id: Some(account.id),
            detail: serde_json::json!({}),
        };
        audit::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        let user = users::find(&self.db, account.id)
            .await?
            .ok_or_else(|| ServiceError::broken("account gone after accepting"))?;
        if prisverdig_domain::sign_in::requires_second_factor(&user.roles) {
            return Ok(crate::auth::SignInStep::Enrol(user.id));
        }
        Ok(crate::auth::SignInStep::Done(user))
    }
}

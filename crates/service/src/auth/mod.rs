//! Local sign-in with e-mail and password (argon2id), bounded by [`limits`], followed by a
//! second factor ([`second_factor`]) for those who have one or whose roles require one.
//! Local sign-in can be switched off; administrators keep it as a way in (break-glass).

pub mod limits;
pub mod second_factor;

use crate::{Result, ServiceError, Services};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use limits::Keys;
use prisverdig_domain::email::Email;
use prisverdig_domain::password::check_password_length;
use prisverdig_domain::role::Role;
use prisverdig_domain::sign_in::requires_second_factor;
use prisverdig_store::users::{self, User};
use std::net::IpAddr;
use std::sync::LazyLock;
use uuid::Uuid;

/// Hash checked when the address is unknown, so that both answers take as long.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("not-a-real-password").unwrap_or_default());

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::internal("hashing a password", e.to_string()))
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Where a right password leads.
#[derive(Debug)]
pub enum SignInStep {
    /// Signed in.
    Done(User),
    /// The user (this id) has a second factor: ask for a code before signing in.
    Code(Uuid),
    /// The user's roles require a second factor they do not have: enrol first.
    Enrol(Uuid),
}

impl Services {
    /// Checks e-mail and password from `address`. Unknown address and wrong password give the
    /// same error, and both count toward the limits; beyond them, or when this process is
    /// already checking as many passwords as it may, the attempt is refused unchecked.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        address: Option<IpAddr>,
    ) -> Result<SignInStep> {
        let email = Email::parse(email).map_err(|_| ServiceError::BadCredentials)?;
        check_password_length(password).map_err(|_| ServiceError::BadCredentials)?;
        let keys = Keys::new(email.as_str(), address);
        let permit = self.sign_in.permit()?;
        self.check_limits(&keys).await?;
        let found = users::find_for_sign_in(&self.db, &email).await?;
        let password = password.to_string();
        let (user, hash) = match found {
            Some((user, Some(hash))) => (Some(user), hash),
            _ => (None, DUMMY_HASH.clone()),
        };
        let ok = tokio::task::spawn_blocking(move || verify(&password, &hash))
            .await
            .map_err(|e| ServiceError::internal("checking a password", e))?;
        drop(permit);
        let user = match user {
            Some(user) if ok => user,
            _ => {
                self.record_failure(&keys).await?;
                return Err(ServiceError::BadCredentials);
            }
        };
        if !self.local_sign_in && !user.has(Role::Administrator) {
            return Err(ServiceError::LocalSignInOff);
        }
        if self.has_second_factor(user.id).await? {
            Ok(SignInStep::Code(user.id))
        } else if requires_second_factor(&user.roles) {
            Ok(SignInStep::Enrol(user.id))
        } else {
            self.clear_failures(&keys).await?;
            Ok(SignInStep::Done(user))
        }
    }

    /// Saves the language a user chose, so it follows them to other devices.
    #[tracing::instrument(skip_all)]
    pub async fn set_locale(&self, user: &User, tag: &str) -> Result<()> {
        Ok(users::set_locale(&self.db, user.id, tag).await?)
    }

    /// Ends every session of `user`, this one included («sign out everywhere»).
    #[tracing::instrument(skip_all)]
    pub async fn sign_out_everywhere(&self, user: &crate::model::User) -> Result<u64> {
        let ended = prisverdig_store::sessions::delete_for_user(&self.db, user.id).await?;
        let mut tx = self.db.begin().await?;
        prisverdig_store::audit::record(
            &mut tx,
            self.clock.now(),
            prisverdig_store::audit::AuditEntry {
                actor: Some(user.id),
                action: "user.sign_out_everywhere",
                entity: "user",
                entity_id: Some(user.id),
                detail: serde_json::json!({ "sessions": ended }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(ended)
    }

    #[tracing::instrument(skip_all)]
    pub async fn user(&self, id: uuid::Uuid) -> Result<Option<User>> {
        Ok(users::find(&self.db, id).await?)
    }

    /// Switches local sign-in off for everyone but administrators (the setting).
    pub fn with_local_sign_in(mut self, on: bool) -> Self {
        self.local_sign_in = on;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let hash = hash_password("riktig hest batteri stift").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("riktig hest batteri stift", &hash));
        assert!(!verify("feil passord", &hash));
        assert!(!verify("x", "not a hash"));
    }
}

//! Local sign-in with e-mail and password (argon2id), with a per-address attempt limit.

use crate::{Result, ServiceError, Services};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use prisverdig_domain::email::Email;
use prisverdig_domain::password::check_password_length;
use prisverdig_store::users::{self, User};
use std::num::NonZeroU32;
use std::sync::LazyLock;

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

/// At most 10 sign-in attempts a minute per e-mail address, across all callers.
pub(crate) struct SignInLimiter(DefaultKeyedRateLimiter<String>);

impl SignInLimiter {
    pub(crate) fn new() -> Self {
        let per_minute = NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN);
        Self(RateLimiter::keyed(Quota::per_minute(per_minute)))
    }
}

impl Services {
    /// Checks e-mail and password. Unknown address and wrong password give the same error.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<User> {
        let email = Email::parse(email).map_err(|_| ServiceError::BadCredentials)?;
        check_password_length(password).map_err(|_| ServiceError::BadCredentials)?;
        if self
            .sign_in_limiter
            .0
            .check_key(&email.as_str().to_string())
            .is_err()
        {
            return Err(ServiceError::RateLimited);
        }
        let found = users::find_for_sign_in(&self.db, &email).await?;
        let password = password.to_string();
        let (user, hash) = match found {
            Some((user, Some(hash))) => (Some(user), hash),
            _ => (None, DUMMY_HASH.clone()),
        };
        let ok = tokio::task::spawn_blocking(move || verify(&password, &hash))
            .await
            .map_err(|e| ServiceError::internal("checking a password", e))?;
        match user {
            Some(user) if ok => Ok(user),
            _ => Err(ServiceError::BadCredentials),
        }
    }

    /// Saves the language a user chose, so it follows them to other devices.
    #[tracing::instrument(skip_all)]
    pub async fn set_locale(&self, user: &User, tag: &str) -> Result<()> {
        Ok(users::set_locale(&self.db, user.id, tag).await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn user(&self, id: uuid::Uuid) -> Result<Option<User>> {
        Ok(users::find(&self.db, id).await?)
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

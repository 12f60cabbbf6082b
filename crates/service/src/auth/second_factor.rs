//! The second factor: a TOTP authenticator (RFC 6238: SHA-1, six digits, 30-second steps,
//! one step of skew, each step accepted once) and ten one-time recovery codes, kept only as
//! their SHA-256. A wrong code counts toward the sign-in limits like a wrong password.

use super::limits::Keys;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::sign_in::{
    RECOVERY_CODES, TOTP_STEP_SECONDS, acceptable_steps, normalise_code, totp_step,
};
use prisverdig_store::audit::{self, AuditEntry};
use prisverdig_store::second_factor as store;
use prisverdig_store::users::{self, User};
use rand::Rng;
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use totp_rs::{Builder, Secret, Totp};
use uuid::Uuid;

/// What an authenticator app needs: the secret as text and as an `otpauth://` URI.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// Base32, as typed into an app by hand.
    pub secret: String,
    pub uri: String,
}

/// Whether a user has a second factor, and how many recovery codes are left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecondFactorStatus {
    pub enrolled: bool,
    pub recovery_codes_left: i64,
}

/// Letters and digits that cannot be mistaken for each other when copied from paper.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn authenticator(secret: &str, issuer: &str, account: &str) -> Result<Totp> {
    let bytes =
        Secret::try_from_base32(secret).map_err(|_| ServiceError::broken("a bad TOTP secret"))?;
    Builder::new()
        .with_secret(bytes)
        .with_skew(0)
        .with_account_name(account.replace(':', " "))
        .with_issuer(Some(issuer.replace(':', " ")))
        .build()
        .map_err(|e| ServiceError::internal("building a TOTP authenticator", e.to_string()))
}

/// The step among `steps` that `code` is the code of, if any.
fn matching_step(totp: &Totp, code: &str, steps: &[i64]) -> Option<i64> {
    steps.iter().copied().find(|step| {
        u64::try_from(step * TOTP_STEP_SECONDS).is_ok_and(|at| totp.check(code, at).is_some())
    })
}

/// A new recovery code, shown as two groups of five: `abcde-23456`.
fn recovery_code() -> String {
    let mut rng = rand::thread_rng();
    let chars: String = (0..10)
        .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

fn code_hash(code: &str) -> String {
    hex::encode(Sha256::digest(normalise_code(code).as_bytes()))
}

/// A TOTP code is six digits; anything else typed in the field is tried as a recovery code.
fn looks_like_totp(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

fn wrong_code() -> ServiceError {
    ServiceError::Invalid(vec![ValidationError::new("code", "error-code-wrong")])
}

impl Services {
    fn now_step(&self) -> i64 {
        totp_step(self.clock.now().unix_timestamp())
    }

    pub(crate) async fn has_second_factor(&self, user_id: Uuid) -> Result<bool> {
        Ok(store::totp(&self.db, user_id).await?.is_some())
    }

    /// A new secret for `account` (its e-mail) at `issuer` (the organisation), or the one
    /// already shown (`secret`, kept by the caller until it is confirmed).
    /// A new random TOTP secret (base32, 160 bits).
    pub fn new_totp_secret() -> String {
        Secret::generate().to_base32()
    }

    pub fn totp_enrolment(
        &self,
        issuer: &str,
        account: &str,
        secret: Option<&str>,
    ) -> Result<Enrolment> {
        let secret = secret.map_or_else(Services::new_totp_secret, str::to_string);
        let uri = authenticator(&secret, issuer, account)?
            .to_url()
            .map_err(|e| ServiceError::internal("writing the otpauth URI", e.to_string()))?;
        Ok(Enrolment { secret, uri })
    }

    /// Takes `secret` as the user's authenticator once `code` shows the app has it, and
    /// returns ten new recovery codes (shown once; only their hashes are kept).
    #[tracing::instrument(skip_all)]
    pub async fn enrol_second_factor(
        &self,
        user_id: Uuid,
        secret: &str,
        code: &str,
    ) -> Result<Vec<String>> {
        let user = users::find(&self.db, user_id)
            .await?
            .ok_or(ServiceError::Forbidden)?;
        if self.has_second_factor(user.id).await? {
            return Err(ServiceError::Conflict);
        }
        let totp = authenticator(secret, "-", &user.email)?;
        let steps = acceptable_steps(self.now_step(), None);
        let step = matching_step(&totp, &normalise_code(code), &steps).ok_or_else(wrong_code)?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        let hashes: Vec<String> = codes.iter().map(|c| code_hash(c)).collect();
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        store::enrol(&mut tx, now, user.id, secret, Some(step), &hashes).await?;
        self.audit_second_factor(&mut tx, &user, "user.second_factor.enrol")
            .await?;
        tx.commit().await?;
        Ok(codes)
    }

    /// Ten new recovery codes for an enrolled user; the old ones stop working.
    #[tracing::instrument(skip_all)]
    pub async fn renew_recovery_codes(&self, user: &User) -> Result<Vec<String>> {
        if !self.has_second_factor(user.id).await? {
            return Err(ServiceError::Forbidden);
        }
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        let hashes: Vec<String> = codes.iter().map(|c| code_hash(c)).collect();
        let mut tx = self.db.begin().await?;
        store::replace_recovery_codes(&mut tx, self.clock.now(), user.id, &hashes).await?;
        self.audit_second_factor(&mut tx, user, "user.recovery_codes.renew")
            .await?;
        tx.commit().await?;
        Ok(codes)
    }

    async fn audit_second_factor(
        &self,
        tx: &mut prisverdig_store::Tx,
        user: &User,
        action: &str,
    ) -> Result<()> {
        let entry = AuditEntry {
            actor: Some(user.id),
            action,
            entity: "user",
            entity_id: Some(user.id),
            detail: serde_json::json!({}),
        };
        Ok(audit::record(tx, self.clock.now(), entry).await?)
    }

    /// Finishes a sign-in whose password was right with a TOTP code or a recovery code from
    /// `address`. A wrong, reused or unknown code counts as a failed sign-in.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in_with_code(
        &self,
        user_id: Uuid,
        code: &str,
        address: Option<IpAddr>,
    ) -> Result<User> {
        let user = users::find(&self.db, user_id)
            .await?
            .ok_or(ServiceError::Forbidden)?;
        let keys = Keys::new(&user.email, address);
        self.check_limits(&keys).await?;
        let code = normalise_code(code);
        let accepted = if looks_like_totp(&code) {
            self.use_totp_code(user.id, &user.email, &code).await?
        } else {
            store::use_recovery_code(&self.db, self.clock.now(), user.id, &code_hash(&code)).await?
        };
        if !accepted {
            self.record_failure(&keys).await?;
            return Err(wrong_code());
        }
        self.clear_failures(&keys).await?;
        Ok(user)
    }

    /// Whether `code` is the user's code for a step not used yet; takes the step if so.
    async fn use_totp_code(&self, user_id: Uuid, email: &str, code: &str) -> Result<bool> {
        let Some((secret, last_used)) = store::totp(&self.db, user_id).await? else {
            return Ok(false);
        };
        let totp = authenticator(&secret, "-", email)?;
        let steps = acceptable_steps(self.now_step(), last_used);
        match matching_step(&totp, code, &steps) {
            // Taken in the database, so a second process cannot accept it as well.
            Some(step) => Ok(store::use_step(&self.db, user_id, step).await?),
            None => Ok(false),
        }
    }

    /// Whether the user has a second factor, and how many recovery codes are left.
    #[tracing::instrument(skip_all)]
    pub async fn second_factor_status(&self, user: &User) -> Result<SecondFactorStatus> {
        Ok(SecondFactorStatus {
            enrolled: self.has_second_factor(user.id).await?,
            recovery_codes_left: store::recovery_codes_left(&self.db, user.id).await?,
        })
    }

    /// Break-glass from the command line: removes the second factor of the account with
    /// `email`, whose next sign-in then enrols again. False when there is no such account.
    #[tracing::instrument(skip_all)]
    pub async fn remove_second_factor(&self, email: &str) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let Some(id) = users::id_by_email(&mut tx, &email.trim().to_lowercase()).await? else {
            return Ok(false);
        };
        store::remove(&mut tx, id).await?;
        let entry = AuditEntry {
            actor: None,
            action: "user.second_factor.remove",
            entity: "user",
            entity_id: Some(id),
            detail: serde_json::json!({ "by": "command line" }),
        };
        audit::record(&mut tx, self.clock.now(), entry).await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_two_groups_of_five_and_hash_as_typed_loosely() {
        let code = recovery_code();
        assert_eq!(code.len(), 11);
        assert_eq!(code.as_bytes()[5], b'-');
        assert_ne!(recovery_code(), code, "random");
        assert_eq!(
            code_hash(&code),
            code_hash(&code.to_uppercase().replace('-', " "))
        );
    }

    #[test]
    fn a_code_matches_only_its_own_steps() {
        let secret = Secret::generate().to_base32();
        let totp = authenticator(&secret, "Fjordvik", "kari@fjordvik.example").unwrap();
        let code = totp.generate(100 * 30 + 7).to_string();
        assert_eq!(matching_step(&totp, &code, &[99, 100, 101]), Some(100));
        assert_eq!(matching_step(&totp, &code, &[101, 102]), None);
        assert!(looks_like_totp(&code));
        assert!(!looks_like_totp("abcde23456"));
    }

    #[test]
    fn the_uri_names_the_issuer_account_and_secret() {
        let secret = Secret::generate().to_base32();
        let totp = authenticator(&secret, "Fjordvik: kommune", "kari@fjordvik.example").unwrap();
        let uri = totp.to_url().unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        assert!(uri.contains("issuer=Fjordvik"), "{uri}");
    }
}

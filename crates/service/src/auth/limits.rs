//! Bounds on sign-in: failures counted per account and per client address in the database
//! (shared by every process, pruned hourly), and at most a few password checks at a time in
//! this process. An attempt beyond either bound is refused at once, never queued.

use crate::{Result, ServiceError, Services};
use prisverdig_domain::sign_in::{SignInLimits, address_subject};
use prisverdig_store::sign_in_limits;
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Password checks one process runs at once by default: one per core, at most 4. A check is
/// argon2id, about 19 MiB of memory kept busy by one core for a moment; more at once than
/// there are cores finish no sooner and hold more memory.
pub fn default_password_checks() -> usize {
    std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(1, 4)
}

/// The limits, and the permits for password checks in this process.
pub(crate) struct SignInGuard {
    pub(crate) limits: SignInLimits,
    checks: Arc<Semaphore>,
}

impl SignInGuard {
    pub(crate) fn new(limits: SignInLimits, checks: usize) -> Self {
        Self {
            limits,
            checks: Arc::new(Semaphore::new(checks)),
        }
    }

    /// A permit for one password check, or [`ServiceError::Busy`] when all are taken.
    pub(crate) fn permit(&self) -> Result<OwnedSemaphorePermit> {
        self.checks
            .clone()
            .try_acquire_owned()
            .map_err(|_| ServiceError::Busy)
    }
}

/// The two counters an attempt is checked against, as the hashes stored.
pub(crate) struct Keys {
    pub(crate) account: String,
    address: String,
}

fn hashed(scope: &str, subject: &str) -> String {
    let digest = Sha256::digest(format!("{scope}:{subject}").as_bytes());
    format!("{scope}:{}", hex::encode(digest))
}

impl Keys {
    /// An attempt for the account `email` from `address` (unknown: one shared counter).
    pub(crate) fn new(email: &str, address: Option<IpAddr>) -> Keys {
        let from = address.map_or_else(|| "unknown".to_string(), address_subject);
        Keys {
            account: hashed("account", &email.to_lowercase()),
            address: hashed("address", &from),
        }
    }
}

impl Services {
    fn window_start(&self) -> time::OffsetDateTime {
        self.clock.now() - self.sign_in.limits.window
    }

    /// [`ServiceError::RateLimited`] when the account or the address has failed too often.
    pub(crate) async fn check_limits(&self, keys: &Keys) -> Result<()> {
        let since = self.window_start();
        let [account, address] =
            sign_in_limits::failures(&self.db, [&keys.account, &keys.address], since).await?;
        if self.sign_in.limits.refuses(account, address) {
            return Err(ServiceError::RateLimited);
        }
        Ok(())
    }

    /// Counts a failure against both the account and the address.
    pub(crate) async fn record_failure(&self, keys: &Keys) -> Result<()> {
        let (now, since) = (self.clock.now(), self.window_start());
        sign_in_limits::record_failure(&self.db, &keys.account, now, since).await?;
        sign_in_limits::record_failure(&self.db, &keys.address, now, since).await?;
        Ok(())
    }

    /// A signed-in account starts again from zero (its address does not).
    pub(crate) async fn clear_failures(&self, keys: &Keys) -> Result<()> {
        Ok(sign_in_limits::clear(&self.db, &keys.account).await?)
    }

    /// Deletes counters whose window has passed (the hourly job); returns how many.
    #[tracing::instrument(skip_all)]
    pub async fn prune_sign_in_limits(&self) -> Result<u64> {
        Ok(sign_in_limits::prune(&self.db, self.window_start()).await?)
    }

    /// Replaces the limits (settings, tests).
    pub fn with_sign_in_limits(mut self, limits: SignInLimits, password_checks: usize) -> Self {
        self.sign_in = Arc::new(SignInGuard::new(limits, password_checks));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_run_out_and_come_back() {
        let guard = SignInGuard::new(SignInLimits::default(), 2);
        let first = guard.permit().unwrap();
        let _second = guard.permit().unwrap();
        assert!(matches!(guard.permit(), Err(ServiceError::Busy)));
        drop(first);
        assert!(guard.permit().is_ok(), "a finished check frees its permit");
    }

    #[test]
    fn keys_hide_what_they_count_and_keep_accounts_and_addresses_apart() {
        let a = Keys::new("Kari@Fjordvik.example", Some("192.0.2.1".parse().unwrap()));
        let b = Keys::new("kari@fjordvik.example", Some("192.0.2.2".parse().unwrap()));
        assert_eq!(
            a.account, b.account,
            "the account is the address in any case"
        );
        assert_ne!(a.address, b.address);
        assert!(!a.account.contains("kari") && !a.address.contains("192.0.2"));
        assert!(a.account.starts_with("account:") && a.address.starts_with("address:"));
        let unknown = Keys::new("kari@fjordvik.example", None);
        assert_ne!(unknown.address, a.address);
    }
}

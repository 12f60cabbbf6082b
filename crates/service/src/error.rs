//! Errors of the use cases, and the one place that says what a storage error means to a
//! caller. The policy (which error is which status and message, what is logged) is
//! `docs/adr/0010-error-policy.md`; validation errors carry Fluent message ids.

use prisverdig_domain::ValidationError;
use prisverdig_store::StoreError;

/// A source error kept for the log (never shown to the visitor).
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The input breaks a rule; each error names its field and message.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<ValidationError>),
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many attempts; try again later")]
    RateLimited,
    /// As many sign-ins as this process checks at once are under way; try again shortly.
    #[error("busy; try again shortly")]
    Busy,
    /// Local sign-in is switched off, and the account is not an administrator's.
    #[error("local sign-in is switched off")]
    LocalSignInOff,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Someone else changed it first (a version check failed, or a concurrent insert won).
    #[error("someone else saved first")]
    Conflict,
    /// A link that worked once: used, expired, or its account deactivated.
    #[error("no longer valid")]
    Gone,
    /// The database failed; the cause chain goes to the log.
    #[error("storage failed")]
    Store(#[source] StoreError),
    /// Something else on our side failed: `context` says what we were doing.
    #[error("{context}")]
    Internal {
        context: String,
        #[source]
        source: Option<Cause>,
    },
}

impl ServiceError {
    /// We failed while doing `context`, because of `source`.
    pub fn internal(context: impl Into<String>, source: impl Into<Cause>) -> ServiceError {
        ServiceError::Internal {
            context: context.into(),
            source: Some(source.into()),
        }
    }

    /// A broken invariant with no underlying error (bad bundled data, a state that cannot be).
    pub fn broken(context: impl Into<String>) -> ServiceError {
        ServiceError::Internal {
            context: context.into(),
            source: None,
        }
    }
}

impl From<StoreError> for ServiceError {
    /// A failed version check is a conflict wherever it happens; a unique constraint that a
    /// use case did not turn into a field message first lost a race, which is a conflict too.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::VersionConflict { .. } | StoreError::Duplicate(_) => ServiceError::Conflict,
            other => ServiceError::Store(other),
        }
    }
}

impl From<ValidationError> for ServiceError {
    fn from(e: ValidationError) -> Self {
        ServiceError::Invalid(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_version_check_is_a_conflict_and_a_database_error_is_not() {
        let stale = StoreError::VersionConflict {
            entity: "application",
            expected: 3,
        };
        assert!(matches!(ServiceError::from(stale), ServiceError::Conflict));
        assert!(matches!(
            ServiceError::from(StoreError::Duplicate("round year")),
            ServiceError::Conflict
        ));
        let broken = StoreError::Open("disk gone".into());
        assert!(matches!(ServiceError::from(broken), ServiceError::Store(_)));
    }

    #[test]
    fn an_internal_error_keeps_its_cause_for_the_log() {
        let io = std::io::Error::other("no space left");
        let e = ServiceError::internal("writing the upload", io);
        assert_eq!(e.to_string(), "writing the upload");
        let cause = std::error::Error::source(&e).map(|c| c.to_string());
        assert_eq!(cause.as_deref(), Some("no space left"));
    }
}

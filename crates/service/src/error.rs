//! Errors of the use cases. Validation errors carry Fluent message ids for the web layer.

use prisverdig_domain::ValidationError;
use prisverdig_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<ValidationError>),
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many attempts; try again later")]
    RateLimited,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("someone else saved first")]
    Conflict,
    /// A link that worked once: used, expired, or its account deactivated.
    #[error("no longer valid")]
    Gone,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl From<ValidationError> for ServiceError {
    fn from(e: ValidationError) -> Self {
        ServiceError::Invalid(vec![e])
    }
}

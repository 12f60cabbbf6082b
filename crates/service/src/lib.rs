//! Use cases: each checks access (domain policy), validates (domain) and writes in one
//! transaction (store) with its audit row. The CLI, the pages and the API all call these.

pub mod admin;
pub mod apply;
pub mod auth;
pub mod catalogue;
pub mod clock;
pub mod demo;
mod error;
pub mod exchange;
pub mod files;
pub mod home;
pub mod markdown;
pub mod users;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::ServiceError;
pub use prisverdig_store::Db;

use std::sync::Arc;

pub type Result<T> = std::result::Result<T, ServiceError>;

/// Everything a use case needs: the database, the clock and the sign-in limiter.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// Where uploaded files are kept.
    pub files: Arc<dyn files::FileStore>,
    pub(crate) sign_in_limiter: Arc<auth::SignInLimiter>,
}

impl Services {
    pub fn new(db: Db, clock: Arc<dyn Clock>, files: Arc<dyn files::FileStore>) -> Self {
        Self {
            db,
            clock,
            files,
            sign_in_limiter: Arc::new(auth::SignInLimiter::new()),
        }
    }
}

//! Use cases: each checks access (domain policy), validates (domain) and writes in one
//! transaction (store) with its audit row. The CLI, the pages and the API all call these.

pub mod admin;
pub mod apply;
pub mod archive;
pub mod auth;
pub mod catalogue;
pub mod catalogue_search;
pub mod ceremony;
pub mod clock;
pub mod demo;
pub mod endorsements;
mod error;
pub mod exchange;
pub mod family;
pub mod files;
pub mod home;
pub mod invitations;
pub mod jobs;
pub mod jury;
pub mod live;
pub mod mail;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod operations;
pub mod peoples_choice;
pub mod privacy;
pub mod public_changes;
pub mod search;
pub mod sso;
pub mod statistics;
pub mod stories;
pub mod users;
pub mod widget;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::ServiceError;
pub use prisverdig_store::Db;

use std::sync::Arc;

pub type Result<T> = std::result::Result<T, ServiceError>;

/// Everything a use case needs: the database, the clock and the sign-in limits.
#[derive(Clone)]
pub struct Services {
    /// Only use cases reach the database; see [`Services::db`] for the exceptions.
    pub(crate) db: Db,
    pub clock: Arc<dyn Clock>,
    /// Where uploaded files are kept.
    pub files: Arc<dyn files::FileStore>,
    /// This process's search index over the catalogue.
    pub search: Arc<catalogue_search::CatalogueSearch>,
    /// Failures allowed per account and address, and password checks at once.
    pub(crate) sign_in: Arc<auth::limits::SignInGuard>,
    /// Local sign-in is on for everyone (false: for administrators only, as break-glass).
    pub local_sign_in: bool,
    /// The version cached public pages are checked against.
    pub(crate) public: Arc<public_changes::PublicChanges>,
    /// The catalogue's filter choices, kept until public data changes.
    pub(crate) facets: Arc<std::sync::Mutex<Option<public_changes::Facets>>>,
    /// Invitation links stop working this many days after they are made.
    pub invitation_days: i64,
    /// The single sign-on providers (none unless configured).
    pub(crate) sso: Arc<sso::Sso>,
    /// Unsubmitted drafts go this many days after their deadline; `None` keeps them.
    pub draft_retention_days: Option<i64>,
    /// The organisation's name under the public-data version it was read at.
    pub(crate) organisation_name: Arc<std::sync::Mutex<Option<home::NameUnder>>>,
    /// How e-mail is sent, and what scheduled messages need (reminder days, the call's list).
    pub(crate) mail: Arc<mail::MailSettings>,
    /// What open pages are told at once: nominees and results becoming public.
    pub(crate) live: Arc<live::Live>,
}

impl Services {
    /// With the search index in memory; see [`Services::with_search_dir`].
    pub fn new(db: Db, clock: Arc<dyn Clock>, files: Arc<dyn files::FileStore>) -> Self {
        Self {
            db,
            clock,
            files,
            search: Arc::new(catalogue_search::CatalogueSearch::new(None)),
            sign_in: Arc::new(auth::limits::SignInGuard::new(
                Default::default(),
                auth::limits::default_password_checks(),
            )),
            local_sign_in: true,
            public: Arc::default(),
            facets: Arc::default(),
            invitation_days: prisverdig_domain::account::DEFAULT_INVITATION_DAYS,
            sso: Arc::new(sso::Sso::none()),
            draft_retention_days: Some(
                prisverdig_domain::application::DEFAULT_DRAFT_RETENTION_DAYS,
            ),
            organisation_name: Arc::default(),
            mail: Arc::default(),
            live: Arc::default(),
        }
    }

    /// With these e-mail settings (the defaults send from `prisverdig@localhost`).
    pub fn with_mail(mut self, settings: mail::MailSettings) -> Self {
        self.mail = Arc::new(settings);
        self
    }
}

impl Services {
    /// The database handle, for the command line's wiring (its log line, shutdown) and for
    /// tests and benchmarks that arrange data directly. The web layer never calls it: it has
    /// no dependency on the store, and `crates/web/tests/areas.rs` refuses `.db()` in web.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Keeps the search index in `dir` (rebuilt from the database when missing).
    pub fn with_search_dir(mut self, dir: std::path::PathBuf) -> Self {
        self.search = Arc::new(catalogue_search::CatalogueSearch::new(Some(dir)));
        self
    }

    /// Invitation links last `days` days (at least one).
    pub fn with_invitation_days(mut self, days: i64) -> Self {
        self.invitation_days = days.max(1);
        self
    }

    /// Drafts are deleted `days` days after their deadline; 0 keeps them for ever.
    pub fn with_draft_retention_days(mut self, days: i64) -> Self {
        self.draft_retention_days = (days > 0).then_some(days);
        self
    }
}

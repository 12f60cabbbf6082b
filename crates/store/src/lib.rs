//! The only place with SQL. One SQL text serves SQLite and PostgreSQL (`$1` placeholders);
//! [`on_pool!`] and [`on_tx!`] expand a body once per backend, so the same code is
//! type-checked against both drivers. One module per aggregate; each returns domain types.

#[macro_use]
mod visibility;

pub mod applications;
pub mod assignments;
pub mod attachments;
pub mod attention;
pub mod audit;
pub mod backup;
pub mod catalogue;
pub mod catalogue_query;
pub mod categories;
pub mod conflicts;
pub mod criteria;
mod db;
pub mod decisions;
mod decode;
pub mod endorsements;
mod error;
pub mod exchange;
pub mod follow_ups;
pub mod identities;
pub mod invitations;
pub mod jobs;
pub mod jury;
pub mod jury_posts;
mod like;
pub mod listed;
pub mod mail_audience;
pub mod mail_recipients;
pub mod organisation;
pub mod outbox;
pub mod privacy;
pub mod public_change;
pub mod questions;
pub mod redactions;
pub mod reviews;
pub mod round_archive;
pub mod rounds;
pub mod schema;
pub mod second_factor;
pub mod sessions;
pub mod sign_in_limits;
mod sqlite_writes;
pub mod statistics;
pub mod stories;
pub mod tips;
pub mod unit_merges;
pub mod users;
pub mod votes;

pub use db::{Backend, Db, Tx, utc};
pub use error::StoreError;
pub use sqlite_writes::lock_waits;

pub type Result<T> = std::result::Result<T, StoreError>;

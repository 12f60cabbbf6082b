//! What operations and the web's plumbing need of the database, without a handle to it:
//! health, pool figures and the session store.

use crate::{Result, Services};
use prisverdig_store::sessions::DbSessionStore;

/// The session key under which the signed-in user's id is kept (the store reads it to know
/// whose a session is).
pub use prisverdig_store::sessions::USER_KEY as SESSION_USER_KEY;

impl Services {
    /// `Ok` when the database answers a trivial query.
    #[tracing::instrument(skip_all)]
    pub async fn ping(&self) -> Result<()> {
        Ok(self.db.ping().await?)
    }

    /// (connections open, of which idle) in the pool.
    pub fn pool_stats(&self) -> (u32, usize) {
        self.db.pool_stats()
    }

    /// (waits for SQLite's write lock in this process, of them given up): see
    /// `prisverdig_store::lock_waits`.
    pub fn write_lock_waits(&self) -> (u64, u64) {
        prisverdig_store::lock_waits()
    }

    /// Sign-in sessions kept in the database.
    pub fn session_store(&self) -> DbSessionStore {
        DbSessionStore::new(self.db.clone())
    }

    /// Every unit with its names from the root down, in tree order (for unit pickers).
    #[tracing::instrument(skip_all)]
    pub async fn units_with_paths(&self) -> Result<Vec<(uuid::Uuid, Vec<String>)>> {
        crate::apply::units_with_paths(&self.db).await
    }
}

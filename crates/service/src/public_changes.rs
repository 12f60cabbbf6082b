//! When public data changes: the version that cached public pages are checked against.
//!
//! Every use case that changes what anonymous visitors can see commits through
//! [`Services::commit_public`], which raises a counter in the same transaction (for other
//! processes, which poll it) and this process's version after the commit (so a page read
//! before the change can never be stored under the new version). Changes by the clock
//! alone — a deadline passing — are covered by [`Services::public_valid_until`].

use crate::{Result, Services};
use prisverdig_store::{Tx, public_change};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use time::OffsetDateTime;

/// The catalogue's filter choices, as computed under a public-data version.
pub(crate) struct Facets {
    pub version: u64,
    pub valid_until: Option<OffsetDateTime>,
    pub facets: prisverdig_store::catalogue_query::Facets,
}

#[derive(Debug, Default)]
pub struct PublicChanges {
    version: AtomicU64,
    /// The database counter as this process last saw it.
    seen: AtomicI64,
}

impl PublicChanges {
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    pub(crate) fn bump(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// Records the database counter; a difference from the last one seen means another
    /// process changed public data.
    fn observe(&self, seq: i64) -> bool {
        let before = self.seen.swap(seq, Ordering::AcqRel);
        if before != seq {
            self.bump();
        }
        before != seq
    }
}

impl Services {
    /// This process's public-data version: a cached page is current while this is unchanged.
    pub fn public_version(&self) -> u64 {
        self.public.version()
    }

    /// Commits a transaction that changed public data, raising the change counter with it.
    pub(crate) async fn commit_public(&self, mut tx: Tx) -> Result<()> {
        public_change::bump(&mut tx).await?;
        tx.commit().await?;
        self.public.bump();
        Ok(())
    }

    /// Until when a page rendered now stays current if nobody writes: the next deadline
    /// or scheduled publication (None: no such instant ahead).
    #[tracing::instrument(skip_all)]
    pub async fn public_valid_until(&self) -> Result<Option<OffsetDateTime>> {
        Ok(public_change::next_by_clock(&self.db, self.clock.now()).await?)
    }

    /// Looks at the database counter once; true when another process changed public data.
    #[tracing::instrument(skip_all)]
    pub async fn check_public_changes(&self) -> Result<bool> {
        Ok(self.public.observe(public_change::current(&self.db).await?))
    }

    /// Catches up with other processes' changes: every `every`, compares the counter.
    #[tracing::instrument(skip_all)]
    pub async fn follow_public_changes(&self, every: std::time::Duration) {
        loop {
            if let Err(e) = self.check_public_changes().await {
                tracing::warn!(error = %e, "could not read the public change counter");
            }
            tokio::time::sleep(every).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_counter_value_raises_the_version_once() {
        let changes = PublicChanges::default();
        assert!(!changes.observe(0));
        assert_eq!(changes.version(), 0);
        assert!(changes.observe(3));
        assert_eq!(changes.version(), 1);
        assert!(!changes.observe(3));
        assert_eq!(changes.version(), 1);
    }
}

//! When public data changes: the version that cached public pages are checked against.
//!
//! Every use case that changes what anonymous visitors can see commits through
//! [`Services::commit_public`], which raises a counter in the same transaction (for other
//! processes, which poll it) and this process's version after the commit (so a page read
//! before the change can never be stored under the new version). Changes by the clock
//! alone — a deadline passing — are covered by [`Services::public_valid_until`].
//!
//! A cheer is the most frequent public change and shows in few places: the cheered
//! application's own page (and its API item) and the catalogue's cards. It makes only pages
//! of [`PublicScope::All`] and that application's pages stale; the front page, every other
//! innovation, the stories, rounds and feeds stay stored. Another process's cheer is seen
//! only as the database counter moving, and makes every page stale, as any change does.

use crate::{Result, Services};
use prisverdig_store::{Tx, public_change};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use time::OffsetDateTime;
use uuid::Uuid;

/// The catalogue's filter choices, as computed under a public-data version.
pub(crate) struct Facets {
    pub version: u64,
    pub valid_until: Option<OffsetDateTime>,
    pub facets: prisverdig_store::catalogue_query::Facets,
}

/// What of public data a cached page shows, and so which changes leave it stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicScope {
    /// Anything, cheer counts included (the catalogue's cards, the API's list): any change.
    All,
    /// Everything but cheer counts: any change except a cheer in this process.
    AllButCheers,
    /// One application's page: any change but a cheer of another application.
    Application(Uuid),
}

#[derive(Debug, Default)]
struct Scoped {
    /// Raised by every change but a cheer.
    structure: u64,
    /// Numbers this process's cheers.
    cheers: u64,
    /// The number of each application's last cheer since the last other change.
    cheered: HashMap<Uuid, u64>,
}

#[derive(Debug, Default)]
pub struct PublicChanges {
    version: AtomicU64,
    /// Read and changed together under one lock, so that a page never reads a mix.
    scoped: Mutex<Scoped>,
    /// The database counter as this process last saw it.
    seen: AtomicI64,
}

impl PublicChanges {
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// The version a page of `scope` is current under: the same pair while nothing it
    /// shows changed.
    pub fn version_of(&self, scope: PublicScope) -> (u64, u64) {
        if scope == PublicScope::All {
            return (self.version(), 0);
        }
        let scoped = self.scoped.lock().unwrap_or_else(|e| e.into_inner());
        match scope {
            PublicScope::Application(id) => (
                scoped.structure,
                scoped.cheered.get(&id).copied().unwrap_or(0),
            ),
            _ => (scoped.structure, 0),
        }
    }

    pub(crate) fn bump(&self) {
        // Under the lock: a page reading the pair sees the map emptied and the structure
        // raised together, never one without the other.
        let mut scoped = self.scoped.lock().unwrap_or_else(|e| e.into_inner());
        scoped.structure += 1;
        scoped.cheered.clear();
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// A cheer of `id` committed in this process.
    fn cheered(&self, id: Uuid) {
        let mut scoped = self.scoped.lock().unwrap_or_else(|e| e.into_inner());
        scoped.cheers += 1;
        let n = scoped.cheers;
        scoped.cheered.insert(id, n);
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

    /// The version a cached page of `scope` is current under (read before rendering it).
    pub fn public_version_of(&self, scope: PublicScope) -> (u64, u64) {
        self.public.version_of(scope)
    }

    /// Commits a transaction that changed public data, raising the change counter with it.
    pub(crate) async fn commit_public(&self, mut tx: Tx) -> Result<()> {
        public_change::bump(&mut tx).await?;
        tx.commit().await?;
        self.public.bump();
        Ok(())
    }

    /// Commits a transaction that cheered `id` (or took a cheer back): other processes see
    /// the counter move as for any change; this one makes stale only what shows the count.
    pub(crate) async fn commit_cheer(&self, mut tx: Tx, id: Uuid) -> Result<()> {
        let seq = public_change::bump_returning(&mut tx).await?;
        tx.commit().await?;
        // Our own step of the counter is not another process's change: when nobody else
        // moved it since we last looked, the poll need not make every page stale for it.
        let _ =
            self.public
                .seen
                .compare_exchange(seq - 1, seq, Ordering::AcqRel, Ordering::Acquire);
        self.public.cheered(id);
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
    fn a_cheer_leaves_other_applications_and_pages_without_counts_current() {
        let changes = PublicChanges::default();
        let (x, y) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let all = changes.version_of(PublicScope::All);
        let rest = changes.version_of(PublicScope::AllButCheers);
        let (px, py) = (
            changes.version_of(PublicScope::Application(x)),
            changes.version_of(PublicScope::Application(y)),
        );
        changes.cheered(x);
        assert_ne!(changes.version_of(PublicScope::All), all);
        assert_ne!(changes.version_of(PublicScope::Application(x)), px);
        assert_eq!(changes.version_of(PublicScope::Application(y)), py);
        assert_eq!(changes.version_of(PublicScope::AllButCheers), rest);
        // A second cheer of x after a page of x was read makes that page stale too.
        let px = changes.version_of(PublicScope::Application(x));
        changes.cheered(x);
        assert_ne!(changes.version_of(PublicScope::Application(x)), px);
        // Any other change makes every page stale, and a cheer after it does not bring an
        // older pair back.
        let scopes = [
            PublicScope::All,
            PublicScope::AllButCheers,
            PublicScope::Application(x),
            PublicScope::Application(y),
        ];
        let before: Vec<_> = scopes.iter().map(|s| changes.version_of(*s)).collect();
        let px = changes.version_of(PublicScope::Application(x));
        changes.bump();
        for (scope, before) in scopes.iter().zip(before) {
            assert_ne!(changes.version_of(*scope), before, "{scope:?}");
        }
        let after = changes.version_of(PublicScope::Application(x));
        changes.cheered(x);
        assert_ne!(changes.version_of(PublicScope::Application(x)), after);
        assert_ne!(changes.version_of(PublicScope::Application(x)), px);
    }

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

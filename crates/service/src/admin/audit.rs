//! The audit log as administrators read it (issue 11): filtered, a page at a time, and the
//! same filter as a download. Every change the product makes writes its row in the change's
//! own transaction (`admin::record` and the use cases' `audit::record` calls); this module
//! only reads.

use super::require_admin;
use crate::{Result, Services};
use prisverdig_store::audit::{self, AuditFilter, AuditRow};
use prisverdig_store::users::User;

/// Entries per page.
pub const PAGE_SIZE: i64 = 50;
/// A download holds at most this many entries, the newest; the page says when more matched.
pub const MAX_EXPORT_ROWS: i64 = 50_000;
/// Longer text in the actor filter is cut here.
pub const MAX_ACTOR_CHARS: usize = 200;
/// No action code is longer; a longer one in the filter is cut here (and matches nothing).
pub const MAX_ACTION_CHARS: usize = 100;

pub struct AuditPage {
    pub entries: Vec<AuditRow>,
    /// How many entries match.
    pub total: i64,
    /// 1-based, within `1..=pages`.
    pub page: i64,
    pub pages: i64,
    /// Every action in the log, for the filter's choices.
    pub actions: Vec<String>,
}

pub struct AuditExport {
    pub entries: Vec<AuditRow>,
    /// More entries matched than [`MAX_EXPORT_ROWS`].
    pub truncated: bool,
}

/// The filter as the server accepts it: blank parts dropped, text cut to its limit.
fn bounded(mut filter: AuditFilter) -> AuditFilter {
    filter.action = filter
        .action
        .map(|a| a.trim().chars().take(MAX_ACTION_CHARS).collect::<String>())
        .filter(|a| !a.is_empty());
    filter.actor = filter
        .actor
        .map(|a| a.trim().chars().take(MAX_ACTOR_CHARS).collect::<String>())
        .filter(|a| !a.is_empty());
    filter
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn audit_page(
        &self,
        actor: &User,
        filter: AuditFilter,
        page: i64,
    ) -> Result<AuditPage> {
        require_admin(actor)?;
        let filter = bounded(filter);
        let total = audit::count(&self.db, &filter).await?;
        let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let page = page.clamp(1, pages);
        let entries = audit::page(&self.db, &filter, (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
        Ok(AuditPage {
            entries,
            total,
            page,
            pages,
            actions: audit::actions(&self.db).await?,
        })
    }

    /// The matching entries for a download, newest first, at most [`MAX_EXPORT_ROWS`].
    #[tracing::instrument(skip_all)]
    pub async fn audit_export(&self, actor: &User, filter: AuditFilter) -> Result<AuditExport> {
        require_admin(actor)?;
        let filter = bounded(filter);
        let entries = audit::page(&self.db, &filter, 0, MAX_EXPORT_ROWS + 1).await?;
        let truncated = entries.len() as i64 > MAX_EXPORT_ROWS;
        let mut entries = entries;
        entries.truncate(MAX_EXPORT_ROWS as usize);
        Ok(AuditExport { entries, truncated })
    }
}

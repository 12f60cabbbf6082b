//! Keeps the search index (derived data) in step with the database: built on first use
//! (and whenever the analysis changed), updated after each change of a submitted
//! application, and caught up with changes made by other processes by polling.

use crate::exchange::ImportProgress;
use crate::search::{SearchDoc, SearchIndex, SearchQuery, SearchResults};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::application_form::Answers;
use prisverdig_domain::public_answers::{Asked, public_answers, searchable_text};
use prisverdig_store::catalogue::{self, Indexable};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::{OnceCell, Semaphore};
use uuid::Uuid;

/// The index of one process; `dir` is `None` for an index held in memory.
pub struct CatalogueSearch {
    dir: Option<PathBuf>,
    index: OnceCell<Arc<SearchIndex>>,
    /// Searches running at once. A search keeps a core busy from start to end, so more of
    /// them than cores only adds threads, each with its working memory (blocks of stored
    /// text, postings, snippets): 32 at once on 2 cores raised resident memory by 40 MiB and
    /// answered no sooner. The rest wait their turn in order.
    running: Arc<Semaphore>,
}

impl CatalogueSearch {
    pub fn new(dir: Option<PathBuf>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            dir,
            index: OnceCell::new(),
            running: Arc::new(Semaphore::new(cores)),
        }
    }
}

fn failed(e: impl std::error::Error + Send + Sync + 'static) -> ServiceError {
    ServiceError::internal("search index", e)
}

/// What each category asks besides the fixed form: its number of criteria and its own
/// questions in their order.
type AskedBy = HashMap<Uuid, (usize, Vec<Uuid>)>;

/// The document for the index: the answers are the public ones (`domain::public_answers`,
/// what the page and the API show), nothing else.
fn doc(row: Indexable, asked: &AskedBy) -> SearchDoc {
    let answers: Answers = serde_json::from_value(row.answers.0).unwrap_or_default();
    let (criteria, questions) = asked
        .get(&row.category_id)
        .map_or((0, &[][..]), |(n, q)| (*n, q.as_slice()));
    let shown = public_answers(
        &answers,
        &row.origin_note,
        Asked {
            criteria,
            questions,
        },
    );
    // The partners outside the organisation are on the page beside the answers.
    let mut body = searchable_text(&shown);
    for partner in &row.outside_partners.0 {
        body.push_str("\n\n");
        body.push_str(partner);
    }
    SearchDoc {
        id: row.id,
        body,
        title: row.title,
        summary: row.summary,
        unit: row.unit_snapshot.0,
        sector: row.sector,
        category_kind: row.category_kind.as_str().to_string(),
        category_name: row.category_name,
        year: u64::try_from(row.year).unwrap_or_default(),
        submitted_at: row.submitted_at.unwrap_or(OffsetDateTime::UNIX_EPOCH),
        // Never, while its round is a draft (the far future stands for that).
        visible_from: row
            .visible_from
            .unwrap_or(OffsetDateTime::UNIX_EPOCH + time::Duration::days(365 * 8000)),
        justification: row.justification.unwrap_or_default(),
        justified_from: row.justified_from,
    }
}

impl Services {
    /// The index, opened (and rebuilt from the database when new) on first use.
    #[tracing::instrument(skip_all)]
    pub async fn search_index(&self) -> Result<Arc<SearchIndex>> {
        self.open_search_index(&crate::exchange::Quiet).await
    }

    /// `prisverdig reindex`, `seed` and `import`: opens the index (built anew when new,
    /// caught up with the database when kept), telling `progress` of each application a
    /// rebuild writes, so that the server's next start finds it ready.
    pub async fn build_search_index(&self, progress: &dyn ImportProgress) -> Result<()> {
        self.open_search_index(progress).await.map(drop)
    }

    async fn open_search_index(&self, progress: &dyn ImportProgress) -> Result<Arc<SearchIndex>> {
        let index = self
            .search
            .index
            .get_or_try_init(|| async {
                let dir = self.search.dir.clone();
                let index = tokio::task::spawn_blocking(move || {
                    SearchIndex::open_or_create(dir.as_deref())
                })
                .await
                .map_err(failed)?
                .map_err(failed)?;
                let index = Arc::new(index);
                if index.is_fresh() {
                    self.rebuild(&index, progress).await?;
                } else {
                    // A kept index catches up with what was written while it was closed.
                    self.catch_up_with(&index).await?;
                }
                Ok::<_, ServiceError>(index)
            })
            .await?;
        Ok(index.clone())
    }

    async fn rebuild(&self, index: &Arc<SearchIndex>, progress: &dyn ImportProgress) -> Result<()> {
        // Read before the rows: whatever is written meanwhile has a later change.
        let seq = catalogue::search_change(&self.db).await?;
        index.hold_merges().map_err(failed)?;
        let filled = self.fill(index, progress, seq).await;
        if filled.is_err() {
            // Ended halfway: the index is not merged at the end, so the policy must merge
            // its segments from now on, as for any other index.
            if let Err(e) = index.release_merges() {
                tracing::warn!(error = %e, "could not let the search index merge again");
            }
        }
        filled?;
        let index = index.clone();
        tokio::task::spawn_blocking(move || {
            // One segment, faster searches; should the merge fail, the index works as it is.
            if let Err(e) = index.merge_all() {
                tracing::warn!(error = %e, "could not merge the rebuilt search index");
            }
        })
        .await
        .map_err(failed)?;
        crate::memory::release_free_memory();
        // Search results shown from now on differ: cached pages with them are out of date.
        self.public.bump();
        Ok(())
    }

    /// Writes every indexable application into the index, and commits it as caught up with
    /// change `seq`.
    async fn fill(
        &self,
        index: &Arc<SearchIndex>,
        progress: &dyn ImportProgress,
        seq: i64,
    ) -> Result<()> {
        const BATCH: i64 = 1000;
        progress.start(u64::try_from(catalogue::indexable_count(&self.db).await?).unwrap_or(0));
        let mut after = None;
        loop {
            let rows = catalogue::indexable_batch(&self.db, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = Some(last.id);
            let asked = self.asked_by(&rows).await?;
            let docs: Vec<SearchDoc> = rows.into_iter().map(|r| doc(r, &asked)).collect();
            let written = docs.len();
            let index = index.clone();
            tokio::task::spawn_blocking(move || {
                // The index is fresh and each application comes once: nothing to replace.
                for doc in docs {
                    index.add_new(&doc)?;
                }
                Ok::<_, crate::search::SearchError>(())
            })
            .await
            .map_err(failed)?
            .map_err(failed)?;
            (0..written).for_each(|_| progress.row());
        }
        let index = index.clone();
        tokio::task::spawn_blocking(move || index.commit_caught_up(seq))
            .await
            .map_err(failed)?
            .map_err(failed)
    }

    /// What the categories of `rows` ask, read once each.
    async fn asked_by(&self, rows: &[Indexable]) -> Result<AskedBy> {
        let mut asked = AskedBy::new();
        for row in rows {
            if asked.contains_key(&row.category_id) {
                continue;
            }
            let criteria = prisverdig_store::criteria::of_category(&self.db, row.category_id)
                .await?
                .len();
            let questions = prisverdig_store::questions::of_category(&self.db, row.category_id)
                .await?
                .into_iter()
                .map(|q| q.id)
                .collect();
            asked.insert(row.category_id, (criteria, questions));
        }
        Ok(asked)
    }

    /// Brings the index up to date for these applications (a no-op before first use).
    #[tracing::instrument(skip_all)]
    pub async fn reindex(&self, ids: &[Uuid]) -> Result<()> {
        let Some(index) = self.search.index.get().cloned() else {
            return Ok(());
        };
        self.reindex_into(index, ids, 0).await
    }

    /// Reindexes `ids` and records that the index has caught up to change `seq` (0: keeps
    /// what it had).
    async fn reindex_into(&self, index: Arc<SearchIndex>, ids: &[Uuid], seq: i64) -> Result<()> {
        let mut rows = Vec::new();
        for id in ids {
            let row = catalogue::indexable(&self.db, *id).await?;
            // A draft that was never in the index changes nothing there.
            if row.is_some() || index.contains(*id) {
                rows.push((*id, row));
            }
        }
        let found: Vec<Indexable> = rows.iter().filter_map(|(_, r)| r.clone()).collect();
        let asked = self.asked_by(&found).await?;
        let docs: Vec<(Uuid, Option<SearchDoc>)> = rows
            .into_iter()
            .map(|(id, row)| (id, row.map(|r| doc(r, &asked))))
            .collect();
        if docs.is_empty() && seq <= index.caught_up() {
            return Ok(());
        }
        tokio::task::spawn_blocking(move || {
            for (id, doc) in docs {
                match doc {
                    Some(doc) => index.upsert(&doc)?,
                    None => index.delete(id)?,
                }
            }
            index.commit_caught_up(seq)
        })
        .await
        .map_err(failed)?
        .map_err(failed)?;
        // Search results shown from now on differ: cached pages with them are out of date.
        self.public.bump();
        Ok(())
    }

    /// Reindexes a round's applications in the background, after a change to the round or a
    /// category that the index holds (deadline, visibility, names).
    pub(crate) fn reindex_round_soon(&self, round: Uuid) {
        let services = self.clone();
        tokio::spawn(async move {
            let ids = match catalogue::submitted_in_round(&services.db, round).await {
                Ok(ids) => ids,
                Err(e) => {
                    tracing::warn!(error = %e, %round, "could not list the round's applications");
                    return;
                }
            };
            if let Err(e) = services.reindex(&ids).await {
                tracing::warn!(error = %e, %round, "search index update failed");
            }
        });
    }

    /// Reindexes in the background so a change's response does not wait for the index.
    pub(crate) fn reindex_soon(&self, id: Uuid) {
        let services = self.clone();
        tokio::spawn(async move {
            if let Err(e) = services.reindex(&[id]).await {
                tracing::warn!(error = %e, %id, "search index update failed; the poller retries");
            }
        });
    }

    /// Catches up with changes made by other processes: every `every`, reindexes the
    /// applications written since the change the index has caught up to, then gives the
    /// index's resident pages back.
    #[tracing::instrument(skip_all)]
    pub async fn follow_changes(&self, every: std::time::Duration) {
        loop {
            tokio::time::sleep(every).await;
            if let Err(e) = self.catch_up().await {
                tracing::warn!(error = %e, "search catch-up failed; retrying");
            }
            // Searches give the index's pages back as they go; this covers the quiet after
            // them (issue 16: resident memory). Not `malloc_trim`: it holds the allocator's
            // lock while it walks the heap, stalling every request that allocates meanwhile.
            if let Some(index) = self.search.index.get() {
                index.trim_when_due();
            }
        }
    }

    /// Reindexes every application written since the index last caught up, whoever wrote
    /// it and whatever times it carries (an import keeps historical ones). A no-op before
    /// the index is first used: opening it catches up.
    #[tracing::instrument(skip_all)]
    pub async fn catch_up(&self) -> Result<()> {
        match self.search.index.get().cloned() {
            Some(index) => self.catch_up_with(&index).await,
            None => Ok(()),
        }
    }

    async fn catch_up_with(&self, index: &Arc<SearchIndex>) -> Result<()> {
        const BATCH: i64 = 1000;
        loop {
            let changes = catalogue::changed_after(&self.db, index.caught_up(), BATCH).await?;
            let Some(&(_, last)) = changes.last() else {
                return Ok(());
            };
            let ids: Vec<Uuid> = changes.iter().map(|(id, _)| *id).collect();
            self.reindex_into(index.clone(), &ids, last).await?;
        }
    }

    #[tracing::instrument(skip_all)]
    pub async fn search(&self, query: SearchQuery) -> Result<SearchResults> {
        let index = self.search_index().await?;
        // Held by the search itself, so a visitor who leaves does not free its turn early.
        let turn = self
            .search
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(failed)?;
        tokio::task::spawn_blocking(move || {
            let found = index.search(&query);
            drop(turn);
            found
        })
        .await
        .map_err(failed)?
        .map_err(failed)
    }
}

/// Words shorter than this say little about what an idea is.
const MIN_SIMILAR_WORD: usize = 4;

impl Services {
    /// «Stjel før du bygger»: the visible innovations most like `text` (a draft's title and
    /// summary). Each significant word is searched on its own (with Norwegian inflections) and
    /// the scores added, so an application sharing several words ranks first.
    #[tracing::instrument(skip_all)]
    pub async fn similar(
        &self,
        exclude: uuid::Uuid,
        text: &str,
        limit: usize,
    ) -> Result<Vec<prisverdig_store::catalogue_query::Card>> {
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= MIN_SIMILAR_WORD)
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words.dedup();
        words.truncate(12);
        let mut scores: std::collections::HashMap<uuid::Uuid, f32> =
            std::collections::HashMap::new();
        for word in words {
            let query = SearchQuery {
                text: format!("{word} "),
                page: 1,
                per_page: 20,
                ..SearchQuery::default()
            };
            for hit in self.search(query).await?.hits {
                *scores.entry(hit.id).or_default() += hit.score;
            }
        }
        scores.remove(&exclude);
        let mut ranked: Vec<(uuid::Uuid, f32)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let ids: Vec<uuid::Uuid> = ranked.iter().map(|(id, _)| *id).collect();
        let filter = prisverdig_store::catalogue_query::Filter {
            ids: Some(ids.clone()),
            limit: 100,
            ..Default::default()
        };
        let (mut cards, _) =
            prisverdig_store::catalogue_query::page(&self.db, self.clock.now(), &filter).await?;
        cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
        cards.truncate(limit);
        Ok(cards)
    }
}

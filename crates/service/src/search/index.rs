//! The tantivy index: its schema, where it lives, writing documents and running searches.

use super::analyzer::{Analyzer, NorwegianTokenizer};
use super::directory::TrimmedDirectory;
use super::{Lexicon, Result, SearchDoc, SearchError, SearchQuery, SearchResults, Sort};
use super::{query, snippet};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::{Advice, MmapDirectory};
use tantivy::merge_policy::{LogMergePolicy, NoMergePolicy};
use tantivy::query::Query;
use tantivy::schema::{
    FAST, Facet, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy};
use tantivy::{TantivyDocument, Term};
use uuid::Uuid;

/// Bumped whenever the schema or the analysis changes, so an old index is rebuilt.
const SCHEMA_VERSION: u32 = 5;
const TOKENIZER: &str = "norwegian";
const FINGERPRINT_FILE: &str = "analysis.txt";
/// tantivy's smallest budget for one indexing thread; more only speeds up a full rebuild.
const WRITER_MEMORY: usize = 15_000_000;
/// How often at most the mapped index's resident pages are given back (`directory.rs`): often
/// enough that busy searching leaves no more resident than a fifth of a second's (32 visitors
/// searching at 100 000 applications touched 50 of the index's 85 MiB in a second), seldom
/// enough that a search mostly finds its pages still mapped.
const TRIM_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

/// How often the mapped pages are given back while all segments are merged into one.
const TRIM_WHILE_MERGING: std::time::Duration = std::time::Duration::from_millis(100);

pub(super) struct Fields {
    pub id: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub unit: Field,
    pub unit_path: Field,
    pub sector: Field,
    pub category_kind: Field,
    pub category_name: Field,
    pub year: Field,
    pub submitted_at: Field,
    pub visible_from: Field,
    pub justification: Field,
    pub justified_from: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let stored_text = text.clone().set_stored();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", stored_text.clone()),
        summary: builder.add_text_field("summary", stored_text.clone()),
        body: builder.add_text_field("body", stored_text.clone()),
        unit: builder.add_text_field("unit", text.clone()),
        unit_path: builder.add_facet_field("unit_path", INDEXED),
        sector: builder.add_text_field("sector", STRING),
        category_kind: builder.add_text_field("category_kind", STRING),
        category_name: builder.add_text_field("category_name", text),
        year: builder.add_u64_field("year", INDEXED | FAST),
        submitted_at: builder.add_date_field("submitted_at", INDEXED | FAST),
        visible_from: builder.add_date_field("visible_from", INDEXED | FAST),
        justification: builder.add_text_field("justification", stored_text),
        justified_from: builder.add_date_field("justified_from", INDEXED | STORED),
    };
    (builder.build(), fields)
}

/// The catalogue's search index, in memory or in a directory of its own.
pub struct SearchIndex {
    pub(super) fields: Fields,
    pub(super) analyzer: Analyzer,
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    fresh: bool,
    /// The database's search change counter up to which every application is in; kept as
    /// the payload of each tantivy commit, so it survives a restart with the index.
    caught_up: AtomicI64,
    /// The index's files on disk (none in memory), and when their pages were last given back.
    directory: Option<TrimmedDirectory>,
    trimmed: Mutex<std::time::Instant>,
}

impl SearchIndex {
    /// Opens the index in `dir` (in memory when `None`) with the system's lexicon. An index
    /// built with another schema or lexicon is discarded and started afresh: see `is_fresh`.
    /// The first call in a process reads the dictionaries (seconds): call it at start-up or
    /// from `spawn_blocking`, not on an async worker.
    pub fn open_or_create(dir: Option<&Path>) -> Result<SearchIndex> {
        // The built lexicon is kept beside the index (in `<dir>.lexicon/`, which outlives
        // an index discarded for a new schema), so a restart reads it instead of building it.
        let lexicon = match dir {
            Some(dir) => Lexicon::system_cached(&dir.with_extension("lexicon")),
            None => Lexicon::system(),
        };
        Self::open_with_lexicon(dir, lexicon)
    }

    pub fn open_with_lexicon(dir: Option<&Path>, lexicon: Arc<Lexicon>) -> Result<SearchIndex> {
        let (schema, fields) = schema();
        let fingerprint = format!("{SCHEMA_VERSION}:{}", lexicon.fingerprint());
        let (index, fresh, directory) = match dir {
            None => (Index::create_in_ram(schema), true, None),
            Some(dir) => {
                let directory = mapped(dir)?;
                let (index, fresh) = open_dir(dir, &directory, schema, &fingerprint)?;
                (index, fresh, Some(directory))
            }
        };
        let analyzer = Analyzer::new(lexicon);
        let tokenizer = NorwegianTokenizer {
            analyzer: analyzer.clone(),
        };
        index
            .tokenizers()
            .register(TOKENIZER, TextAnalyzer::from(tokenizer));
        let caught_up = index
            .load_metas()?
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            fields,
            analyzer,
            writer: Mutex::new(writer),
            reader,
            fresh,
            caught_up: AtomicI64::new(caught_up),
            directory,
            trimmed: Mutex::new(std::time::Instant::now()),
        })
    }

    /// Gives the mapped index's and lexicon's resident pages back when [`TRIM_EVERY`] has
    /// passed since the last time; returns the index's bytes whose pages were given back (0
    /// when not yet due).
    pub fn trim_when_due(&self) -> usize {
        let Some(directory) = &self.directory else {
            return 0;
        };
        let Ok(mut last) = self.trimmed.try_lock() else {
            return 0;
        };
        if last.elapsed() < TRIM_EVERY {
            return 0;
        }
        *last = std::time::Instant::now();
        self.analyzer.lexicon().give_back_pages();
        directory.trim()
    }

    /// True when the index was just created (or discarded), so the caller must fill it.
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// Adds or replaces a document; seen by searches after the next `commit`.
    pub fn upsert(&self, doc: &SearchDoc) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(self.id_term(doc.id));
        writer.add_document(self.document(doc))?;
        Ok(())
    }

    /// Adds a document the index cannot hold yet (a rebuild of a fresh index), without the
    /// deletion of an older one that [`SearchIndex::upsert`] queues: tantivy keeps each
    /// queued deletion (a term query's weight, about 1 KiB) until the commit, and a rebuild
    /// at 100 000 applications grew the heap by 110 MiB with them (issue 16).
    pub fn add_new(&self, doc: &SearchDoc) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.add_document(self.document(doc))?;
        Ok(())
    }

    pub(super) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Whether the index (as last committed) holds this application.
    pub fn contains(&self, id: Uuid) -> bool {
        self.reader
            .searcher()
            .doc_freq(&self.id_term(id))
            .is_ok_and(|n| n > 0)
    }

    /// Removes a document (if present); seen by searches after the next `commit`.
    pub fn delete(&self, id: Uuid) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(self.id_term(id));
        Ok(())
    }

    /// Makes every change so far durable and visible to searches.
    pub fn commit(&self) -> Result<()> {
        self.commit_caught_up(0)
    }

    /// Merges every segment into one. A rebuild leaves one segment per 15 MB of indexing
    /// memory (15 at 100 000 applications), and a search builds its scorers and walks its
    /// posting lists in each segment apart (issue 16: search p95 at 100 000). The commit's
    /// record of what the index holds is kept by the merge.
    ///
    /// Merges are held from [`SearchIndex::hold_merges`] (a rebuild) until then, so that no
    /// merge of the policy's is under way; the policy merges again afterwards.
    pub fn merge_all(&self) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        let segments = writer.index().searchable_segment_ids()?;
        let merged = if segments.len() > 1 {
            // The merge reads every segment through the mapped files: their pages are given
            // back as it goes, or the whole index would be resident at its end (a server's
            // peak rose from 110 to 210 MiB at 100 000 applications).
            std::thread::scope(|scope| {
                let (merging, done) = std::sync::mpsc::channel::<()>();
                if let Some(directory) = &self.directory {
                    scope.spawn(move || {
                        while done
                            .recv_timeout(TRIM_WHILE_MERGING)
                            .is_err_and(|e| e == std::sync::mpsc::RecvTimeoutError::Timeout)
                        {
                            directory.trim();
                        }
                    });
                }
                let merged = writer.merge(&segments).wait().map(|_| ());
                drop(merging);
                merged
            })
        } else {
            Ok(())
        };
        writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        drop(writer);
        merged?;
        self.reader.reload()?;
        Ok(())
    }

    /// Leaves new segments unmerged until [`SearchIndex::merge_all`] (or
    /// [`SearchIndex::release_merges`]): a rebuild merges once, at its end, instead of again
    /// and again along the way.
    pub fn hold_merges(&self) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        Ok(())
    }

    /// Lets the merge policy merge again, without merging now: for a rebuild that ended
    /// halfway, whose index must not stay unmerged for the rest of the process.
    pub fn release_merges(&self) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        Ok(())
    }

    #[cfg(test)]
    pub(super) fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    #[cfg(test)]
    pub(super) fn merges_held(&self) -> bool {
        let writer = self.writer.lock().expect("writer");
        format!("{:?}", writer.get_merge_policy()).contains("NoMergePolicy")
    }

    /// The search change counter up to which the index holds every application.
    pub fn caught_up(&self) -> i64 {
        self.caught_up.load(Ordering::SeqCst)
    }

    /// Commits, recording that every application written up to change `seq` is in (the
    /// record never goes back: a smaller `seq` keeps the one there is).
    pub fn commit_caught_up(&self, seq: i64) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        let seq = seq.max(self.caught_up());
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&seq.to_string());
        prepared.commit()?;
        self.caught_up.store(seq, Ordering::SeqCst);
        drop(writer);
        self.reader.reload()?;
        self.trim_when_due();
        Ok(())
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let mut parsed = query::Parsed::new(&self.analyzer, &q.text);
        query::settle(self, &mut parsed);
        let tantivy_query = query::build(self, &parsed, &q.filters);
        let searcher = self.reader.searcher();
        let per_page = q.per_page.clamp(1, 100);
        // A page beyond the last is the last: the collector never seeks (and allocates)
        // past the hits there are. Counting first costs a pass only when paging on.
        let mut page = q.page.max(1);
        if page > 1 {
            let total = searcher.search(&tantivy_query, &Count)?;
            page = page.min(total.div_ceil(per_page).max(1));
        }
        let top = TopDocs::with_limit(per_page).and_offset((page - 1) * per_page);
        let (total, found) = match q.sort {
            Sort::Relevance => searcher.search(&tantivy_query, &(Count, top.order_by_score()))?,
            Sort::Newest => ordered::<DateTime>(&searcher, &tantivy_query, top, "submitted_at")?,
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
            let Ok(id) = Uuid::parse_str(text(self.fields.id)) else {
                continue;
            };
            // The justification only from its publication, and only for a public search.
            let justified = doc
                .get_first(self.fields.justified_from)
                .and_then(|v| v.as_datetime())
                .zip(q.filters.visible_at)
                .is_some_and(|(from, at)| from.into_timestamp_secs() <= at.unix_timestamp());
            let mut texts = vec![text(self.fields.summary), text(self.fields.body)];
            if justified {
                texts.push(text(self.fields.justification));
            }
            let snippet_html = snippet::highlight(&self.analyzer, &parsed, &texts);
            hits.push(super::Hit {
                id,
                score,
                snippet_html,
            });
        }
        self.trim_when_due();
        Ok(SearchResults { total, hits, page })
    }

    fn id_term(&self, id: Uuid) -> Term {
        Term::from_field_text(self.fields.id, &id.to_string())
    }

    fn document(&self, doc: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut document = TantivyDocument::default();
        document.add_text(f.id, doc.id.to_string());
        document.add_text(f.title, &doc.title);
        // As the card and the page show them: the summary and the justification as written,
        // the answers as the text their Markdown shows (a snippet is cut from these).
        document.add_text(f.summary, &doc.summary);
        document.add_text(
            f.body,
            crate::markdown::render_inline_plain(&doc.body, usize::MAX),
        );
        if let Some(from) = doc.justified_from {
            document.add_text(f.justification, &doc.justification);
            let from = DateTime::from_timestamp_secs(from.unix_timestamp());
            document.add_date(f.justified_from, from);
        }
        document.add_text(f.unit, format!("{} {}", doc.unit.join(" "), doc.sector));
        document.add_facet(f.unit_path, Facet::from_path(&doc.unit));
        document.add_text(f.sector, &doc.sector);
        document.add_text(f.category_kind, &doc.category_kind);
        document.add_text(f.category_name, &doc.category_name);
        document.add_u64(f.year, doc.year);
        let seconds = doc.submitted_at.unix_timestamp();
        document.add_date(f.submitted_at, DateTime::from_timestamp_secs(seconds));
        let visible = doc.visible_from.unix_timestamp();
        document.add_date(f.visible_from, DateTime::from_timestamp_secs(visible));
        document
    }
}

type Found = (usize, Vec<(f32, DocAddress)>);

/// Sorted by a fast field, highest first; the score of such a hit is not meaningful (0).
fn ordered<T>(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    top: TopDocs,
    field: &str,
) -> tantivy::Result<Found>
where
    T: tantivy::fastfield::FastValue,
    tantivy::collector::sort_key::ComparatorEnum:
        tantivy::collector::sort_key::Comparator<Option<T>>,
{
    let (total, found) = searcher.search(
        query,
        &(Count, top.order_by_fast_field::<T>(field, Order::Desc)),
    )?;
    Ok((
        total,
        found
            .into_iter()
            .map(|(_, address)| (0.0, address))
            .collect(),
    ))
}

fn open_dir(
    dir: &Path,
    directory: &TrimmedDirectory,
    schema: Schema,
    fingerprint: &str,
) -> Result<(Index, bool)> {
    let marker = dir.join(FINGERPRINT_FILE);
    let same = std::fs::read_to_string(&marker).is_ok_and(|stored| stored == fingerprint);
    if same && let Ok(index) = Index::open(directory.clone()) {
        return Ok((index, false));
    }
    if dir.exists() {
        // Only ever discard what is recognisably an index, never a directory given by mistake.
        let is_index = marker.exists() || dir.join("meta.json").exists();
        if !is_index && std::fs::read_dir(dir)?.next().is_some() {
            return Err(SearchError::NotAnIndex(dir.to_path_buf()));
        }
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let index = Index::create(directory.clone(), schema, tantivy::IndexSettings::default())?;
    std::fs::write(marker, fingerprint)?;
    Ok((index, true))
}

/// The index's files, mapped with random access advised: a search reads a posting list or
/// one block of stored text here and there, and the kernel's read-ahead around each (up to
/// 128 KiB) would make the process's resident share of the index several times what it
/// reads (84 MiB of 86 at 100 000 applications after a minute of searching).
fn mapped(dir: &Path) -> Result<TrimmedDirectory> {
    std::fs::create_dir_all(dir)?;
    Ok(TrimmedDirectory::new(MmapDirectory::open_with_madvice(
        dir,
        Advice::Random,
    )?))
}

//! Full-text search of the catalogue in Norwegian (Bokmål and Nynorsk) over tantivy.
//! The index is derived data: whoever owns it feeds it `SearchDoc`s and may rebuild it at any
//! time. `analyzer` and `lemmas` hold the language, `index` the tantivy side (its files in
//! `directory`, which gives their resident pages back), `query` turns a `SearchQuery` into a
//! tantivy query and `snippet` highlights what matched.

mod affixes;
pub mod analyzer;
pub mod compound;
mod directory;
mod index;
pub mod lemmas;
mod lexicon_cache;
mod nynorsk;
mod query;
mod snippet;
mod stopwords;
#[cfg(test)]
mod tests;

pub use index::SearchIndex;
pub use lemmas::Lexicon;

/// An entry point for the fuzz target `search_query` (`fuzz/`): the parser of what is typed
/// into the search box, with a small lexicon. Not an interface for anything else.
#[doc(hidden)]
pub mod fuzzing {
    use super::analyzer::Analyzer;
    use super::lemmas::Lexicon;
    use super::query::Parsed;
    use std::sync::{Arc, LazyLock};

    static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| {
        Analyzer::new(Arc::new(Lexicon::from_pairs([
            ("hjemmetjenesten", "hjemmetjeneste"),
            ("tjenester", "tjeneste"),
            ("heimetenesta", "heimeteneste"),
            ("innbyggerne", "innbygger"),
        ])))
    });

    /// The number of words the query became.
    pub fn parse_query(text: &str) -> usize {
        Parsed::new(&ANALYZER, text).words.len()
    }
}

use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Directory(#[from] std::io::Error),
    #[error("search index: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("{0} is not empty and holds no search index")]
    NotAnIndex(std::path::PathBuf),
    #[error("search index writer lock poisoned")]
    Poisoned,
}

pub type Result<T> = std::result::Result<T, SearchError>;

/// What the index knows of one application: what the application itself says and when it
/// becomes public, and the jury's justification with its publication minute (a search as of
/// an instant reads it only from that minute: `query.rs`). Counts of cheers and thefts and
/// the outcomes themselves depend on other rows' visibility, so they are read (and sorted
/// and filtered) in SQL, where the one visibility rule applies, never kept here to go stale
/// or leak.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    /// The public answers, Markdown allowed (`domain::public_answers::searchable_text`):
    /// what the page shows, nothing more.
    pub body: String,
    /// The unit path from the top of the organisation, as snapshotted with the application.
    pub unit: Vec<String>,
    pub sector: String,
    pub category_kind: String,
    pub category_name: String,
    pub year: u64,
    pub submitted_at: OffsetDateTime,
    /// From when everyone may see it: submission, or the deadline in rounds that show
    /// applications only after it.
    pub visible_from: OffsetDateTime,
    /// The jury's justification of its decision, as written; searched and shown only from
    /// `justified_from`, its publication minute (never when `None`).
    pub justification: String,
    pub justified_from: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

/// Exact-match filters; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilters {
    pub year: Option<u64>,
    pub category_kind: Option<String>,
    pub sector: Option<String>,
    /// A unit path; matches the unit and every unit under it.
    pub unit: Option<Vec<String>>,
    /// Only applications visible to everyone at this instant.
    pub visible_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// What the user typed; the last word, unless the dictionaries know it, is also read as
    /// the start of a word.
    pub text: String,
    pub filters: SearchFilters,
    pub sort: Sort,
    /// From 1.
    pub page: usize,
    pub per_page: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            filters: SearchFilters::default(),
            sort: Sort::Relevance,
            page: 1,
            per_page: 20,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: Uuid,
    pub score: f32,
    /// HTML: the text escaped, matched words in `<mark>`.
    pub snippet_html: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The page these hits are: the one asked for, or the last page when it lay beyond.
    pub page: usize,
}

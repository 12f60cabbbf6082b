//! From what the user typed and the chosen filters to one tantivy query: every word must match
//! (in any of its forms, a compound in another form by its key, as the start of a word while
//! typing, or with typos when long and unknown), and every filter must hold.

use super::SearchFilters;
use super::analyzer::Analyzer;
use super::index::SearchIndex;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use time::OffsetDateTime;

/// Typos forgiven in a word of this many characters or more: one from `ONE_TYPO_CHARS`, two
/// from `TWO_TYPOS_CHARS`. Shorter words must be exact: one letter off «fet» is «fat», «fem»,
/// «fe», «fett», a different word each time.
pub(super) const ONE_TYPO_CHARS: usize = 5;
pub(super) const TWO_TYPOS_CHARS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QueryWord {
    pub normal: String,
    /// The word's terms searched for (`Analysis::searched`: lemmas and a compound's keys,
    /// «hjemme+tjeneste» finding «heimetenesta» for «hjemmetjenesten»).
    pub terms: Vec<String>,
    /// The word being typed, unless the dictionaries know it: also matches words it is the
    /// start of.
    pub prefix: bool,
    /// Typos forgiven: decided by length, and 0 once the word is known to the index
    /// (`settle`), so a highlight never marks what the search did not look for.
    pub distance: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parsed {
    pub words: Vec<QueryWord>,
}

/// The typos a word of `chars` characters may have.
pub(super) fn typo_distance(chars: usize) -> u8 {
    match chars {
        n if n >= TWO_TYPOS_CHARS => 2,
        n if n >= ONE_TYPO_CHARS => 1,
        _ => 0,
    }
}

impl Parsed {
    pub fn new(analyzer: &Analyzer, text: &str) -> Self {
        let still_typing = text.chars().last().is_some_and(char::is_alphanumeric);
        let words = analyzer.content_words(text);
        let last = words.len().saturating_sub(1);
        let words = words
            .into_iter()
            .enumerate()
            .map(|(i, word)| {
                let analysis = analyzer.analyse(&word.normal);
                QueryWord {
                    terms: analysis.searched,
                    // A word the dictionaries know is taken as finished: its lemmas find
                    // its forms, and the parts of compounds the compounds it begins
                    // (matching every word it starts would read those postings again,
                    // and more: issue 16).
                    prefix: still_typing && i == last && !analysis.known,
                    distance: typo_distance(word.normal.chars().count()),
                    normal: word.normal,
                }
            })
            .collect();
        Parsed { words }
    }
}

/// Takes the typos back from words the index knows: matching every near spelling of a word
/// that exists costs much and finds little.
pub(super) fn settle(index: &SearchIndex, parsed: &mut Parsed) {
    let searched = searched(index);
    for word in &mut parsed.words {
        let known = if word.prefix {
            starts_some_word(index, &word.normal, &searched)
        } else {
            known(index, word, &searched)
        };
        if known {
            word.distance = 0;
        }
    }
}

fn searched(index: &SearchIndex) -> Vec<(Field, f32)> {
    let f = &index.fields;
    vec![
        (f.title, 3.0),
        (f.summary, 2.0),
        (f.body, 1.0),
        (f.unit, 1.0),
        (f.category_name, 1.0),
    ]
}

pub(super) fn build(index: &SearchIndex, parsed: &Parsed, filters: &SearchFilters) -> BooleanQuery {
    let f = &index.fields;
    let searched = searched(index);
    let justification = filters
        .visible_at
        .map(|at| (f.justification, f.justified_from, at));
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = parsed
        .words
        .iter()
        .map(|word| (Occur::Must, word_query(word, &searched, justification)))
        .collect();
    if clauses.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    let text = |field: Field, value: &Option<String>| {
        value.as_ref().map(|v| Term::from_field_text(field, v))
    };
    let filter_terms = [
        filters.year.map(|year| Term::from_field_u64(f.year, year)),
        text(f.category_kind, &filters.category_kind),
        text(f.sector, &filters.sector),
        filters
            .unit
            .as_ref()
            .map(|path| Term::from_facet(f.unit_path, &Facet::from_path(path))),
    ];
    for term in filter_terms.into_iter().flatten() {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if let Some(at) = filters.visible_at {
        clauses.push((Occur::MustNot, not_yet(f.visible_from, at)));
    }
    BooleanQuery::new(clauses)
}

/// Whether some form of the word occurs in some searched field.
fn known(index: &SearchIndex, word: &QueryWord, fields: &[(Field, f32)]) -> bool {
    let searcher = index.searcher();
    word.terms.iter().any(|term| {
        fields.iter().any(|&(field, _)| {
            searcher
                .doc_freq(&Term::from_field_text(field, term))
                .is_ok_and(|n| n > 0)
        })
    })
}

/// Whether some word in some searched field starts with `prefix`.
fn starts_some_word(index: &SearchIndex, prefix: &str, fields: &[(Field, f32)]) -> bool {
    let searcher = index.searcher();
    searcher.segment_readers().iter().any(|segment| {
        fields.iter().any(|&(field, _)| {
            let Ok(inverted) = segment.inverted_index(field) else {
                return false;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                return false;
            };
            stream.advance() && stream.key().starts_with(prefix.as_bytes())
        })
    })
}

/// Any of the word's forms in any searched field, weighted by field; near misses count less.
/// A compound query word matches another form of the compound by its keys (`analyzer.rs`).
/// The jury's justification counts only where it is public at the instant searched for.
fn word_query(
    word: &QueryWord,
    fields: &[(Field, f32)],
    justification: Option<(Field, Field, OffsetDateTime)>,
) -> Box<dyn Query> {
    // One union of every field's terms, not a union of per-field unions: the scores add up
    // the same, and each document passes through one union instead of two (issue 16: a
    // search at 100 000 applications spent most of its time merging posting lists).
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = fields
        .iter()
        .flat_map(|&(field, boost)| in_field_clauses(word, field, boost))
        .collect();
    if let Some((field, from, at)) = justification {
        let both: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, in_field(word, field, 1.0)),
            (Occur::MustNot, not_yet(from, at)),
        ];
        alternatives.push((Occur::Should, Box::new(BooleanQuery::new(both))));
    }
    Box::new(BooleanQuery::new(alternatives))
}

/// What becomes public only after `at`, by the date in `field`: a filter excludes it rather
/// than require the rest, since nearly everything searched is public already, and a range
/// over the past would read every document's date for each search (a quarter of a search's
/// time at 100 000 applications: issue 16).
fn not_yet(field: Field, at: OffsetDateTime) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Excluded(Term::from_field_date(field, date(at))),
        Bound::Unbounded,
    ))
}

fn date(at: OffsetDateTime) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(at.unix_timestamp())
}

/// The word in one field: any of its terms, or (when allowed) a near spelling or a word it
/// starts.
fn in_field(word: &QueryWord, field: Field, boost: f32) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(in_field_clauses(word, field, boost)))
}

/// [`in_field`]'s alternatives, each a clause that may match.
fn in_field_clauses(word: &QueryWord, field: Field, boost: f32) -> Vec<(Occur, Box<dyn Query>)> {
    let mut alternatives = exact(field, &word.terms, boost);
    let surface = Term::from_field_text(field, &word.normal);
    let near: Option<Box<dyn Query>> = match (word.prefix, word.distance) {
        (true, distance) => Some(Box::new(FuzzyTermQuery::new_prefix(
            surface, distance, true,
        ))),
        (false, 0) => None,
        (false, distance) => Some(Box::new(FuzzyTermQuery::new(surface, distance, true))),
    };
    if let Some(near) = near {
        alternatives.push((Occur::Should, Box::new(BoostQuery::new(near, boost * 0.5))));
    }
    alternatives
}

fn exact(field: Field, terms: &[String], boost: f32) -> Vec<(Occur, Box<dyn Query>)> {
    terms
        .iter()
        .map(|term| {
            let term = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), boost)) as Box<dyn Query>,
            )
        })
        .collect()
}

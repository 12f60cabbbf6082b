//! From what the user typed and the chosen filters to one tantivy query: every word must match
//! (in any of its forms, as the start of a word while typing, or with one typo when long),
//! and every filter must hold.

use super::SearchFilters;
use super::analyzer::Analyzer;
use super::index::SearchIndex;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};

/// Words this long or longer may have one typo.
pub(super) const FUZZY_MIN_CHARS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QueryWord {
    pub normal: String,
    pub terms: Vec<String>,
    /// The word being typed: also matches words it is the start of.
    pub prefix: bool,
    pub fuzzy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parsed {
    pub words: Vec<QueryWord>,
}

impl Parsed {
    pub fn new(analyzer: &Analyzer, text: &str) -> Self {
        let still_typing = text.chars().last().is_some_and(char::is_alphanumeric);
        let words = analyzer.content_words(text);
        let last = words.len().saturating_sub(1);
        let words = words
            .into_iter()
            .enumerate()
            .map(|(i, word)| QueryWord {
                terms: analyzer.terms(&word.normal),
                prefix: still_typing && i == last,
                fuzzy: word.normal.chars().count() >= FUZZY_MIN_CHARS,
                normal: word.normal,
            })
            .collect();
        Parsed { words }
    }
}

pub(super) fn build(index: &SearchIndex, parsed: &Parsed, filters: &SearchFilters) -> BooleanQuery {
    let f = &index.fields;
    let searched = [
        (f.title, 3.0),
        (f.summary, 2.0),
        (f.body, 1.0),
        (f.unit, 1.0),
        (f.category_name, 1.0),
    ];
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = parsed
        .words
        .iter()
        .map(|word| {
            // A typo is forgiven only where the word itself is not in the index: matching
            // every near spelling of a word that exists costs much and finds little.
            let known = if word.prefix {
                starts_some_word(index, &word.normal, &searched)
            } else {
                known(index, word, &searched)
            };
            (Occur::Must, word_query(word, &searched, known))
        })
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
        let at = tantivy::DateTime::from_timestamp_secs(at.unix_timestamp());
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_date(f.visible_from, at)),
            )),
        ));
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

/// Any of the word's forms in any searched field, weighted by field; near misses count less
/// (and are left out for a `known` word).
fn word_query(word: &QueryWord, fields: &[(Field, f32)], known: bool) -> Box<dyn Query> {
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &(field, boost) in fields {
        for term in &word.terms {
            let term = Term::from_field_text(field, term);
            let exact = TermQuery::new(term, IndexRecordOption::WithFreqs);
            alternatives.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(exact), boost)),
            ));
        }
        let surface = Term::from_field_text(field, &word.normal);
        let distance = u8::from(word.fuzzy && !known);
        let near: Option<Box<dyn Query>> = match (word.prefix, word.fuzzy) {
            (true, _) => Some(Box::new(FuzzyTermQuery::new_prefix(
                surface, distance, true,
            ))),
            (false, true) if !known => Some(Box::new(FuzzyTermQuery::new(surface, 1, true))),
            (false, _) => None,
        };
        if let Some(near) = near {
            alternatives.push((Occur::Should, Box::new(BoostQuery::new(near, boost * 0.5))));
        }
    }
    Box::new(BooleanQuery::new(alternatives))
}

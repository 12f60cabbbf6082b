//! Tests of the search module against the system's Norwegian dictionaries (`hunspell-no`).

mod analysis;
mod compounds;
mod features;
mod inflections;
mod language;

use super::analyzer::Analyzer;
use super::{Lexicon, SearchDoc, SearchIndex, SearchQuery};
use std::sync::Arc;
use time::macros::datetime;
use uuid::Uuid;

fn lexicon() -> Arc<Lexicon> {
    let lexicon = Lexicon::system();
    assert!(
        !lexicon.is_empty(),
        "these tests need Debian's Norwegian dictionaries: apt-get install hunspell-no"
    );
    lexicon
}

fn analyzer() -> Analyzer {
    Analyzer::new(lexicon())
}

fn index() -> SearchIndex {
    SearchIndex::open_with_lexicon(None, lexicon()).unwrap()
}

fn doc(n: u128, title: &str, summary: &str, body: &str) -> SearchDoc {
    SearchDoc {
        id: Uuid::from_u128(n),
        title: title.to_string(),
        summary: summary.to_string(),
        body: body.to_string(),
        unit: vec!["Kommunen".into(), "Oppvekst".into()],
        sector: "Oppvekst".into(),
        category_kind: "innovation".into(),
        category_name: "Årets innovasjon".into(),
        year: 2025,
        submitted_at: datetime!(2025-03-01 12:00 UTC),
        visible_from: datetime!(2025-03-01 12:00 UTC),
        justification: String::new(),
        justified_from: None,
    }
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_string(),
        per_page: 100,
        ..SearchQuery::default()
    }
}

/// The ids found for `text`, in order.
fn ids(index: &SearchIndex, text: &str) -> Vec<u128> {
    let results = index.search(&query(text)).unwrap();
    results.hits.iter().map(|hit| hit.id.as_u128()).collect()
}

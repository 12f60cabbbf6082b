//! Issue 14's search defects, each found first as a failing test: Nynorsk against Bokmål,
//! ASCII spellings of names, typos in short words, false highlights, snippets as written and
//! the jury's justification.

use super::{analyzer, doc, ids, index, query};
use crate::search::nynorsk;
use crate::search::{SearchFilters, SearchQuery};
use time::macros::datetime;

#[test]
fn the_nynorsk_list_is_sorted_and_every_word_is_in_the_dictionaries() {
    let pairs = nynorsk::pairs();
    let mut sorted = pairs.to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, pairs);
    let a = analyzer();
    let unknown: Vec<&str> = pairs
        .iter()
        .flat_map(|(nn, nb)| [*nn, *nb])
        .filter(|word| a.lexicon().entry(word).is_none())
        .collect();
    assert!(unknown.is_empty(), "not dictionary entries: {unknown:?}");
}

#[test]
fn nynorsk_forms_find_bokmal_text_and_back() {
    let index = index();
    let docs = [
        (1, "Tjenestene ble bedre for innbyggerne."),
        (2, "Skolene fikk nye nettbrett."),
        (3, "Barna lekte i hjemmetjenesten."),
        (4, "Heimetenesta og sjukeheimen samarbeider."),
    ];
    for (n, text) in docs {
        index.upsert(&doc(n, "Forslag", "", text)).unwrap();
    }
    index.commit().unwrap();
    let found = |text: &str| {
        let mut found = ids(&index, text);
        found.sort_unstable();
        found
    };
    assert_eq!(
        found("tenestene "),
        [1, 3, 4],
        "and the compounds ending in it"
    );
    assert_eq!(found("skulane "), [2]);
    assert_eq!(found("borna "), [3]);
    assert_eq!(found("innbyggjarane "), [1]);
    assert_eq!(
        found("hjemmetjeneste "),
        [3, 4],
        "a Bokmål compound finds the Nynorsk one by its parts"
    );
    assert_eq!(found("sykehjemmet "), [4]);
}

#[test]
fn names_without_norwegian_letters_find_the_name() {
    let index = index();
    index
        .upsert(&doc(1, "Bjørnegård skole", "Elevene på Bjørnegård.", ""))
        .unwrap();
    index.upsert(&doc(2, "Far og sønn", "", "")).unwrap();
    index.commit().unwrap();
    assert_eq!(ids(&index, "Bjornegard "), [1]);
    assert_eq!(ids(&index, "bjoernegaard "), [1]);
    assert_eq!(ids(&index, "Bjørnegård "), [1]);
    assert!(
        ids(&index, "fàr ").is_empty() || ids(&index, "far ") == [2],
        "a dictionary word keeps its letters"
    );
    assert!(ids(&index, "får ").is_empty(), "«får» is not «far»");
}

#[test]
fn short_words_are_never_read_as_typos() {
    let index = index();
    index.upsert(&doc(1, "Fast rutine", "", "")).unwrap();
    index.upsert(&doc(2, "Far og mor", "", "")).unwrap();
    index.upsert(&doc(3, "Velferdsteknologi", "", "")).unwrap();
    index.commit().unwrap();
    assert!(
        ids(&index, "fet ").is_empty(),
        "«fet» found {:?}",
        ids(&index, "fet ")
    );
    assert!(ids(&index, "fest ").is_empty());
    assert_eq!(
        ids(&index, "velferdstekonlogi "),
        [3],
        "two typos in a long word"
    );
    assert!(
        ids(&index, "rutime ").len() == 1,
        "one typo from five letters"
    );
}

#[test]
fn only_what_matched_is_highlighted() {
    let index = index();
    index
        .upsert(&doc(1, "Eiendom", "Eiendom flyttet veien.", ""))
        .unwrap();
    index.commit().unwrap();
    let hits = index.search(&query("veien")).unwrap().hits;
    assert_eq!(hits.len(), 1);
    let snippet = &hits[0].snippet_html;
    assert!(snippet.contains("<mark>veien</mark>"), "{snippet}");
    assert!(!snippet.contains("<mark>Eiendom</mark>"), "{snippet}");
}

#[test]
fn a_compound_is_highlighted_for_its_part() {
    let index = index();
    index
        .upsert(&doc(1, "Mat", "Ny meny i personalkantinen.", ""))
        .unwrap();
    index.commit().unwrap();
    let snippet = &index.search(&query("kantiner ")).unwrap().hits[0].snippet_html;
    assert!(
        snippet.contains("<mark>personalkantinen</mark>"),
        "{snippet}"
    );
}

#[test]
fn snippets_show_the_text_as_the_card_and_the_page_show_it() {
    let index = index();
    index
        .upsert(&doc(
            1,
            "Tekst",
            "Skriften er <b>ikke fet</b> her.",
            "Svaret er **uthevet** og <i>ikke kursiv</i>.",
        ))
        .unwrap();
    index.commit().unwrap();
    let snippet = &index.search(&query("skriften ")).unwrap().hits[0].snippet_html;
    assert_eq!(
        snippet,
        "<mark>Skriften</mark> er &lt;b&gt;ikke fet&lt;/b&gt; her."
    );
    let snippet = &index.search(&query("svaret ")).unwrap().hits[0].snippet_html;
    assert_eq!(
        snippet,
        "<mark>Svaret</mark> er uthevet og &lt;i&gt;ikke kursiv&lt;/i&gt;."
    );
}

#[test]
fn a_justification_is_searchable_from_its_publication_and_never_before() {
    let index = index();
    let mut justified = doc(1, "Ny rutine", "Om renhold.", "");
    justified.justification = "Juryen roser det tverrfaglige samarbeidet.".into();
    justified.justified_from = Some(datetime!(2025-06-01 12:00 UTC));
    let mut unpublished = doc(2, "Annen rutine", "Om renhold.", "");
    unpublished.justification = "Juryen roser det tverrfaglige arbeidet.".into();
    index.upsert(&justified).unwrap();
    index.upsert(&unpublished).unwrap();
    index.commit().unwrap();
    let at = |when| SearchQuery {
        text: "tverrfaglige ".into(),
        filters: SearchFilters {
            visible_at: Some(when),
            ..SearchFilters::default()
        },
        ..SearchQuery::default()
    };
    let before = index.search(&at(datetime!(2025-06-01 11:59 UTC))).unwrap();
    assert_eq!(before.total, 0, "not before the publication minute");
    let after = index.search(&at(datetime!(2025-06-01 12:00 UTC))).unwrap();
    let found: Vec<u128> = after.hits.iter().map(|h| h.id.as_u128()).collect();
    assert_eq!(found, [1], "the unpublished justification is never found");
    assert!(
        after.hits[0]
            .snippet_html
            .contains("<mark>tverrfaglige</mark> samarbeidet"),
        "{}",
        after.hits[0].snippet_html
    );
    assert!(
        ids(&index, "tverrfaglige ").is_empty(),
        "only as of an instant"
    );
}

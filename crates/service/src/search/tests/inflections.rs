//! Real inflection pairs from the domain, Bokmål and Nynorsk: a document with one form is found
//! by a query for the other, both ways.

use super::{analyzer, doc, ids, index};
use std::collections::HashSet;

/// (form, form, written standard)
pub(super) const PAIRS: &[(&str, &str, &str)] = &[
    ("innbygger", "innbyggerne", "nb"),
    ("innbygger", "innbyggere", "nb"),
    ("skole", "skolene", "nb"),
    ("skole", "skolen", "nb"),
    ("barnehage", "barnehagen", "nb"),
    ("barnehage", "barnehagene", "nb"),
    ("bruker", "brukerne", "nb"),
    ("bruker", "brukeren", "nb"),
    ("tjeneste", "tjenestene", "nb"),
    ("tjeneste", "tjenesten", "nb"),
    ("renhold", "renholdet", "nb"),
    ("sykehjem", "sykehjemmet", "nb"),
    ("sykehjem", "sykehjemmene", "nb"),
    ("ansatt", "ansatte", "nb"),
    ("løsning", "løsningen", "nb"),
    ("løsning", "løsninger", "nb"),
    ("idé", "ideen", "nb"),
    ("ide", "ideer", "nb"),
    ("frivillig", "frivillige", "nb"),
    ("nabo", "naboen", "nb"),
    ("nabo", "naboene", "nb"),
    ("kommune", "kommunen", "nb"),
    ("kommune", "kommuner", "nb"),
    ("elev", "elevene", "nb"),
    ("pasient", "pasientene", "nb"),
    ("leder", "lederne", "nb"),
    ("avdeling", "avdelingen", "nb"),
    ("prosjekt", "prosjektet", "nb"),
    ("tiltak", "tiltakene", "nb"),
    ("bibliotek", "biblioteket", "nb"),
    ("rutine", "rutinene", "nb"),
    ("beboer", "beboerne", "nb"),
    ("søknad", "søknaden", "nb"),
    ("vedtak", "vedtaket", "nb"),
    ("samarbeid", "samarbeidet", "nb"),
    ("erfaring", "erfaringer", "nb"),
    ("verktøy", "verktøyet", "nb"),
    ("barn", "barna", "nb"),
    ("lærer", "lærerne", "nb"),
    ("bruke", "brukte", "nb"),
    ("redusere", "reduserte", "nb"),
    ("digital", "digitale", "nb"),
    ("enkel", "enkle", "nb"),
    ("elev", "elevane", "nn"),
    ("elev", "elevar", "nn"),
    ("kommune", "kommunane", "nn"),
    ("løysing", "løysinga", "nn"),
    ("løysing", "løysingar", "nn"),
    ("idé", "ideane", "nn"),
    ("nabo", "naboane", "nn"),
    ("tilsett", "tilsette", "nn"),
    ("skule", "skulen", "nn"),
    ("skule", "skulane", "nn"),
    ("barnehage", "barnehagane", "nn"),
    ("innbyggjar", "innbyggjarane", "nn"),
    ("brukar", "brukarane", "nn"),
    ("teneste", "tenestene", "nn"),
    ("tilbod", "tilboda", "nn"),
    ("sjukeheim", "sjukeheimen", "nn"),
    ("pasient", "pasientane", "nn"),
    ("avdeling", "avdelinga", "nn"),
    ("tiltak", "tiltaka", "nn"),
    ("erfaring", "erfaringane", "nn"),
    ("prosjekt", "prosjekta", "nn"),
    ("lærar", "lærarane", "nn"),
    ("leiar", "leiarane", "nn"),
    ("bygd", "bygda", "nn"),
];

fn shares_a_term(a: &str, b: &str) -> bool {
    let analyzer = analyzer();
    let terms = |w: &str| -> HashSet<String> {
        analyzer
            .terms(&analyzer.normalise(&crate::search::analyzer::fold(w)))
            .into_iter()
            .collect()
    };
    !terms(a).is_disjoint(&terms(b))
}

#[test]
fn there_are_at_least_fifty_pairs_in_both_standards() {
    assert!(PAIRS.len() >= 50);
    assert!(PAIRS.iter().filter(|(_, _, s)| *s == "nn").count() >= 20);
}

#[test]
fn each_form_analyses_to_a_term_the_other_has() {
    let failing: Vec<_> = PAIRS
        .iter()
        .filter(|(a, b, _)| !shares_a_term(a, b))
        .collect();
    assert!(failing.is_empty(), "no shared term: {failing:?}");
}

#[test]
fn a_document_with_one_form_is_found_by_the_other_both_ways() {
    let index = index();
    let words: Vec<&str> = PAIRS.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
    for (n, word) in words.iter().enumerate() {
        let mut doc = doc(
            n as u128,
            "Forslag",
            "",
            &format!("Om {word} i året som gikk."),
        );
        doc.unit = vec!["Enhet".into()];
        doc.category_name = "Pris".into();
        index.upsert(&doc).unwrap();
    }
    index.commit().unwrap();
    let mut failing = Vec::new();
    for (i, (a, b, _)) in PAIRS.iter().enumerate() {
        let (doc_a, doc_b) = ((2 * i) as u128, (2 * i + 1) as u128);
        // A space after the word: the query is finished, so no prefix matching helps.
        if !ids(&index, &format!("{b} ")).contains(&doc_a) {
            failing.push(format!("{b} → {a}"));
        }
        if !ids(&index, &format!("{a} ")).contains(&doc_b) {
            failing.push(format!("{a} → {b}"));
        }
    }
    assert!(failing.is_empty(), "not found: {failing:?}");
}

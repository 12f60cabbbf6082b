use super::analyzer;
use crate::search::Lexicon;
use crate::search::analyzer::{STOP_WORDS, fold, is_stop_word};

#[test]
fn stop_words_are_sorted_for_lookup() {
    let mut sorted = STOP_WORDS.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, STOP_WORDS);
    assert!(is_stop_word("og") && is_stop_word("ikkje") && is_stop_word("på"));
    assert!(!is_stop_word("skole"));
}

#[test]
fn folding_lowercases_and_keeps_norwegian_letters() {
    assert_eq!(fold("BÆRUM Øst Åsane"), "bærum øst åsane");
    assert_eq!(fold("Idé café Müller Malmö"), "ide cafe muller malmø");
}

#[test]
fn ascii_spellings_become_norwegian_letters_only_for_known_words() {
    let a = analyzer();
    assert_eq!(a.normalise("baerum"), "bærum");
    assert_eq!(a.normalise("paa"), "på");
    assert_eq!(a.normalise("loesning"), "løsning");
    assert_eq!(a.normalise("aapen"), "åpen");
    assert_eq!(a.normalise("toeyaas"), "toeyaas", "unknown: kept");
    assert_eq!(
        a.normalise("naboen"),
        "naboen",
        "an inflection of a known word"
    );
    assert_eq!(a.normalise("poeng"), "poeng", "a word already");
}

#[test]
fn words_keep_their_offsets_and_drop_nothing_but_separators() {
    let a = analyzer();
    let words = a.words("Skolen, i Bærum-området!");
    let normals: Vec<&str> = words.iter().map(|w| w.normal.as_str()).collect();
    assert_eq!(normals, ["skolen", "i", "bærum", "området"]);
    assert_eq!(
        &"Skolen, i Bærum-området!"[words[2].offset_from..words[2].offset_to],
        "Bærum"
    );
    let content: Vec<String> = a
        .content_words("skolen og barnehagen")
        .into_iter()
        .map(|w| w.normal)
        .collect();
    assert_eq!(content, ["skolen", "barnehagen"]);
}

#[test]
fn lexicon_from_pairs_maps_forms_to_lemmas() {
    let lexicon = Lexicon::from_pairs([("husene", "hus"), ("huset", "hus")]);
    assert_eq!(lexicon.lemmas("husene"), Some(vec!["hus"]));
    assert_eq!(lexicon.lemmas("hus"), Some(vec!["hus"]));
    assert_eq!(lexicon.lemmas("bil"), None);
    assert!(lexicon.knows("huset"));
}

#[test]
fn system_lexicon_links_inflections_across_entries() {
    let a = analyzer();
    let lexicon = a.lexicon();
    assert!(lexicon.len() > 500_000, "{} forms", lexicon.len());
    assert!(
        lexicon
            .lemmas("innbyggerne")
            .unwrap()
            .contains(&"innbygger")
    );
    assert!(lexicon.lemmas("elevane").unwrap().contains(&"elev"));
    assert!(a.terms("løysinga").contains(&"løysing".to_string()));
}

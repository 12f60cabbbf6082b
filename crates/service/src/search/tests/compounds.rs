//! Compounds from municipal language, Bokmål and Nynorsk: a document with the compound is
//! found by a query for one of its parts, in any of that part's forms (issue 14).

use super::{analyzer, doc, ids, index};
use crate::search::compound::split;

/// (compound as written in a document, a query for a part, written standard)
const COMPOUNDS: &[(&str, &str, &str)] = &[
    ("personalkantinen", "kantine", "nb"),
    ("personalkantinen", "kantinen", "nb"),
    ("personalkantinen", "kantiner", "nb"),
    ("Fornebupiloten", "piloten", "nb"),
    ("Elbil", "biler", "nb"),
    ("barnehageplass", "plasser", "nb"),
    ("barnehageplass", "barnehagen", "nb"),
    ("hjemmetjenesten", "tjenester", "nb"),
    ("helsestasjonen", "stasjon", "nb"),
    ("sykehjemsplass", "sykehjemmet", "nb"),
    ("skolebiblioteket", "bibliotek", "nb"),
    ("brukermedvirkning", "medvirkning", "nb"),
    ("hverdagsrehabilitering", "rehabilitering", "nb"),
    ("velferdsteknologien", "teknologi", "nb"),
    ("trygghetsalarmen", "alarmer", "nb"),
    ("barnevernstjenesten", "barnevernet", "nb"),
    ("ungdomsskolen", "skoler", "nb"),
    ("skolefritidsordningen", "ordning", "nb"),
    ("renholdsavdelingen", "avdelinger", "nb"),
    ("byggesaken", "saker", "nb"),
    ("matavfallet", "avfall", "nb"),
    ("omsorgsboligene", "bolig", "nb"),
    ("kommuneplanen", "planer", "nb"),
    ("innbyggerdialogen", "dialog", "nb"),
    ("pasientsikkerheten", "sikkerhet", "nb"),
    ("eldresenteret", "sentre", "nb"),
    ("vannledningen", "ledninger", "nb"),
    ("vintervedlikeholdet", "vedlikehold", "nb"),
    ("gatelysene", "lys", "nb"),
    ("kulturhuset", "hus", "nb"),
    ("frivilligsentralen", "sentral", "nb"),
    ("foreldremøtet", "møter", "nb"),
    ("skoleskyssen", "skyss", "nb"),
    ("arbeidsmiljøet", "miljø", "nb"),
    ("hjemmebesøket", "besøk", "nb"),
    ("søknadsfristen", "frister", "nb"),
    ("kantinedriften", "drift", "nb"),
    ("turnusplanen", "turnus", "nb"),
    ("heimetenesta", "tenester", "nn"),
    ("heimetenesta", "tjenesten", "nn"),
    ("skulebiblioteket", "bibliotek", "nn"),
    ("skulebiblioteket", "skulen", "nn"),
    ("barnehageplassen", "plassar", "nn"),
    ("sjukeheimsplassen", "sjukeheimen", "nn"),
    ("helsestasjonane", "stasjonen", "nn"),
    ("kvardagsrehabiliteringa", "rehabilitering", "nn"),
    ("brukarmedverknaden", "medverknad", "nn"),
    ("ungdomsskulen", "skular", "nn"),
    ("omsorgsbustadene", "bustad", "nn"),
    ("kommuneplanen", "planane", "nn"),
    ("tenestestaden", "stader", "nn"),
    ("skuleskyssen", "skyss", "nn"),
    ("foreldremøta", "møte", "nn"),
    ("innbyggjardialogen", "dialogen", "nn"),
    ("barnevernstenesta", "tenesta", "nn"),
    ("kulturskulen", "skule", "nn"),
    ("eldresenteret", "senter", "nn"),
    ("skulefritidsordninga", "ordninga", "nn"),
    ("sjukeheimskjøkkenet", "kjøkken", "nn"),
    ("heimehjelpa", "hjelp", "nn"),
];

#[test]
fn there_are_at_least_forty_compounds_in_both_standards() {
    let distinct = |standard: &str| {
        let mut words: Vec<&str> = COMPOUNDS
            .iter()
            .filter(|(_, _, s)| *s == standard)
            .map(|(word, _, _)| *word)
            .collect();
        words.sort_unstable();
        words.dedup();
        words.len()
    };
    assert!(distinct("nb") + distinct("nn") >= 40);
    assert!(distinct("nn") >= 15);
}

#[test]
fn a_document_with_a_compound_is_found_by_a_query_for_a_part() {
    let index = index();
    for (n, (word, _, _)) in COMPOUNDS.iter().enumerate() {
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
    let failing: Vec<String> = COMPOUNDS
        .iter()
        .enumerate()
        .filter(|(n, (_, part, _))| !ids(&index, &format!("{part} ")).contains(&(*n as u128)))
        .map(|(_, (word, part, _))| format!("{part} → {word}"))
        .collect();
    assert!(failing.is_empty(), "not found: {failing:?}");
}

#[test]
fn compounds_split_into_dictionary_words() {
    let a = analyzer();
    let parts = |word: &str| {
        let compound = split(a.lexicon(), word).unwrap_or_else(|| panic!("{word}: no split"));
        let mut parts = compound.modifiers;
        parts.push(compound.head);
        parts
    };
    assert_eq!(parts("personalkantinen"), ["personal", "kantinen"]);
    assert_eq!(
        parts("sykehjemsplass"),
        ["sykehjem", "syk", "hjem", "plass"],
        "linking s, and a long modifier beside its own parts"
    );
    assert_eq!(parts("barnehagene"), ["barn", "hagene"], "linking e");
    assert_eq!(
        parts("skolefritidsordningen"),
        ["skolefritid", "skole", "fritid", "ordningen"],
        "a part that is a compound itself"
    );
    assert_eq!(parts("elbil"), ["el", "bil"]);
    assert_eq!(
        parts("fornebupiloten"),
        ["fornebu", "piloten"],
        "a name in front"
    );
}

#[test]
fn words_that_are_no_compounds_stay_whole() {
    let a = analyzer();
    let lexicon = a.lexicon();
    // Derivational prefixes, stop words and inflection endings are not parts.
    for word in [
        "forslag",
        "kantine",
        "kantinen",
        "skolene",
        "tjeneste",
        "kommune",
        "innbygger",
        "samarbeid",
        "undervisning",
        "oversikt",
        "avdeling",
        "personal",
        "løsning",
        "rutinene",
        "prosjektet",
        "erfaring",
        "vedtak",
    ] {
        assert_eq!(split(lexicon, word), None, "{word}");
    }
}

#[test]
fn a_compound_in_either_standard_and_any_form_shares_one_key() {
    let a = analyzer();
    let key = "hjemme+tjeneste".to_string();
    for word in [
        "hjemmetjeneste",
        "hjemmetjenesten",
        "hjemmetjenestene",
        "heimetenesta",
        "heimetenester",
    ] {
        assert!(a.analyse(word).terms.contains(&key), "{word}");
    }
    let keys = |word: &str| -> Vec<String> {
        a.analyse(word)
            .terms
            .into_iter()
            .filter(|t| t.contains('+'))
            .collect()
    };
    assert_eq!(keys("sjukeheimsplassen"), keys("sykehjemsplass"));
    assert!(!keys("sykehjemsplass").is_empty());
    assert!(keys("kantine").is_empty(), "no compound, no key");
    assert_ne!(
        keys("barnehage"),
        keys("hagebarn"),
        "the parts' order counts"
    );
}

#[test]
fn a_compound_query_finds_the_compound_not_its_parts_far_apart() {
    let index = index();
    index
        .upsert(&doc(1, "Forslag", "", "Heimetenesta fekk nye bilar."))
        .unwrap();
    index
        .upsert(&doc(
            2,
            "Forslag",
            "",
            "Tjenesten ble bedre, og de ansatte jobbet hjemme.",
        ))
        .unwrap();
    index.commit().unwrap();
    assert_eq!(ids(&index, "hjemmetjenesten "), [1]);
    assert_eq!(ids(&index, "hjemmetjenestene "), [1]);
    let found = index.search(&super::query("hjemmetjenesten ")).unwrap();
    let snippet = &found.hits[0].snippet_html;
    assert!(snippet.contains("<mark>Heimetenesta</mark>"), "{snippet}");
    assert!(!snippet.contains("<mark>bilar"), "{snippet}");
}

#[test]
fn a_document_compound_is_also_indexed_under_the_compounds_it_ends_in() {
    let a = analyzer();
    let indexed = a.terms("vintervedlikeholdet");
    let query = a.analyse("vedlikehold").terms;
    assert!(
        query.iter().any(|t| t.contains('+') && indexed.contains(t)),
        "{query:?} / {indexed:?}"
    );
    assert!(
        !a.analyse("vintervedlikeholdet")
            .terms
            .contains(&"ved+likehold".to_string()),
        "a query's own keys are its whole word's only"
    );
}

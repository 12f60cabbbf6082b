//! Nynorsk words of the domain and their Bokmål counterparts (our own list): a Nynorsk lemma
//! is also indexed and searched as the Bokmål one, so «tenestene» finds «tjenestene» and
//! «heimetenesta» finds «hjemmetjenesten». The dictionaries are two separate word lists
//! with nothing that pairs their entries, hence a list: only pairs that differ, only lemmas
//! (the lexicon brings the inflections), every word an entry of its dictionary, sorted by the
//! Nynorsk word (a test checks both).

#[rustfmt::skip]
const NN_NB: &[(&str, &str)] = &[
    ("arbeidar", "arbeider"), ("avgjerd", "avgjørelse"), ("bebuar", "beboer"), ("born", "barn"),
    ("brukar", "bruker"), ("bustad", "bolig"), ("dagleg", "daglig"), ("eigedom", "eiendom"),
    ("eining", "enhet"), ("framlegg", "forslag"), ("føresett", "foresatt"), ("gard", "gård"),
    ("grunnskule", "grunnskole"), ("gut", "gutt"), ("heim", "hjem"), ("heime", "hjemme"),
    ("innbyggjar", "innbygger"), ("innvandrar", "innvandrer"), ("kvardag", "hverdag"),
    ("kyrkje", "kirke"), ("leiar", "leder"), ("leiing", "ledelse"), ("lærar", "lærer"),
    ("løn", "lønn"), ("løysing", "løsning"), ("medverknad", "medvirkning"), ("morgon", "morgen"),
    ("oppgåve", "oppgave"), ("reinhald", "renhold"), ("rettleiar", "veileder"),
    ("rettleiing", "veiledning"), ("sjuk", "syk"), ("sjukeheim", "sykehjem"),
    ("sjukehus", "sykehus"), ("sjukepleiar", "sykepleier"), ("sjukepleie", "sykepleie"),
    ("skule", "skole"), ("stad", "sted"), ("søkjar", "søker"), ("teneste", "tjeneste"),
    ("tilbod", "tilbud"), ("tilsett", "ansatt"), ("tryggleik", "trygghet"),
    ("ungdomsskule", "ungdomsskole"), ("vatn", "vann"), ("vedlikehald", "vedlikehold"),
    ("veke", "uke"), ("verknad", "virkning"), ("verksemd", "virksomhet"),
    ("vidaregåande", "videregående"),
];

/// The Bokmål counterpart of a Nynorsk lemma, when the list has one.
pub(super) fn bokmal(lemma: &str) -> Option<&'static str> {
    NN_NB
        .binary_search_by(|(nn, _)| (*nn).cmp(lemma))
        .ok()
        .map(|i| NN_NB[i].1)
}

#[cfg(test)]
pub(super) fn pairs() -> &'static [(&'static str, &'static str)] {
    NN_NB
}

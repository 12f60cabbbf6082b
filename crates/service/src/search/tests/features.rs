use super::{doc, ids, index, query};
use crate::search::{SearchFilters, SearchIndex, SearchQuery, Sort};
use time::Duration;
use uuid::Uuid;

fn catalogue() -> SearchIndex {
    let index = index();
    let docs = [
        doc(
            1,
            "Digital innbyggerdialog",
            "Innbyggerne i Bærum svarer på SMS.",
            "Vi spurte innbyggere om tjenestene.",
        ),
        doc(
            2,
            "Ny rutine for renhold",
            "Renholdet på skolene ble bedre.",
            "Renholdere og elever samarbeidet.",
        ),
        doc(
            3,
            "Frivillige på sykehjemmet",
            "Frivillig innsats på sykehjem.",
            "Pårørende og naboer hjelper til.",
        ),
        doc(
            4,
            "Løysinga for skulane",
            "Elevane i Åsane fekk nye nettbrett.",
            "Vi tilsette ein ny lærar.",
        ),
        doc(
            5,
            "Trygg i <script>",
            "Vi skrev `<script>alert(1)</script>` i skjemaet, & «a < b».\n\n<script>alert(2)</script>",
            "",
        ),
    ];
    for d in &docs {
        index.upsert(d).unwrap();
    }
    index.commit().unwrap();
    index
}

#[test]
fn norwegian_letters_and_their_ascii_spellings_find_the_same() {
    let index = catalogue();
    assert_eq!(ids(&index, "Bærum "), [1]);
    assert_eq!(ids(&index, "Baerum "), [1]);
    assert_eq!(ids(&index, "BAERUM "), [1]);
    assert_eq!(ids(&index, "Aasane "), [4]);
    assert_eq!(ids(&index, "loeysinga "), [4]);
    assert_eq!(ids(&index, "paaroerende "), [3]);
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let index = catalogue();
    assert_eq!(ids(&index, "innbyg"), [1]);
    assert_eq!(ids(&index, "sykehj"), [3]);
    assert!(
        ids(&index, "innbyg ").is_empty(),
        "a finished word is not a prefix"
    );
    assert!(
        ids(&index, "renhold").contains(&2),
        "a known word finds its forms and compounds"
    );
    assert!(
        ids(&index, "sko").is_empty(),
        "a word the dictionaries know is taken as finished: «sko» does not find «skolene»"
    );
    assert_eq!(
        ids(&index, "skol"),
        [2, 4],
        "an unknown one is the start of words"
    );
}

#[test]
fn one_typo_is_forgiven_in_longer_words() {
    let index = catalogue();
    assert_eq!(ids(&index, "innbygere "), [1]);
    assert_eq!(ids(&index, "renhlod "), [2], "swapped letters");
    assert_eq!(ids(&index, "innbyggree "), [1], "swapped letters");
    assert!(ids(&index, "ilev ").is_empty(), "short words must be exact");
}

#[test]
fn a_word_that_exists_is_not_read_as_a_typo_of_another() {
    let index = index();
    index.upsert(&doc(1, "Ny traktor", "", "")).unwrap();
    index.upsert(&doc(2, "Ny trakter", "", "")).unwrap();
    index.commit().unwrap();
    assert_eq!(ids(&index, "traktor "), [1]);
    assert_eq!(ids(&index, "trakter "), [2]);
    let mut both = ids(&index, "traktpr ");
    both.sort_unstable();
    assert_eq!(both, [1, 2], "an unknown spelling is one typo from each");
}

#[test]
fn every_word_must_match_and_stop_words_are_ignored() {
    let index = catalogue();
    assert_eq!(ids(&index, "frivillige sykehjem "), [3]);
    assert!(ids(&index, "frivillige skulane ").is_empty());
    assert_eq!(ids(&index, "og på renholdet i skolene "), [2]);
    assert_eq!(
        ids(&index, "og på ").len(),
        5,
        "only stop words: everything"
    );
}

#[test]
fn snippet_marks_the_matched_form_and_escapes_the_rest() {
    let index = catalogue();
    let results = index.search(&query("innbygger ")).unwrap();
    let snippet = &results.hits[0].snippet_html;
    assert!(
        snippet.contains("<mark>Innbyggerne</mark> i Bærum"),
        "{snippet}"
    );
    let results = index.search(&query("skjemaet")).unwrap();
    let snippet = &results.hits[0].snippet_html;
    assert!(
        snippet.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{snippet}"
    );
    assert!(snippet.contains("<mark>skjemaet</mark>"), "{snippet}");
    assert!(snippet.contains("&amp; «a &lt; b»"), "{snippet}");
    // The card shows the summary as written: so does the snippet, escaped.
    assert!(
        snippet.contains("&lt;script&gt;alert(2)&lt;/script&gt;") && !snippet.contains("<script>"),
        "{snippet}"
    );
}

#[test]
fn a_long_text_is_cut_around_the_match() {
    let index = index();
    let filler = "Dette er fyllord om ingenting. ".repeat(30);
    index
        .upsert(&doc(
            1,
            "Lang",
            "",
            &format!("{filler}Her kommer velferdsteknologi. {filler}"),
        ))
        .unwrap();
    index.commit().unwrap();
    let snippet = &index.search(&query("velferdsteknologi")).unwrap().hits[0].snippet_html;
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(snippet.contains("<mark>velferdsteknologi</mark>"));
    assert!(snippet.chars().count() < 260, "{snippet}");
}

fn filtered(filters: SearchFilters) -> SearchQuery {
    SearchQuery {
        filters,
        per_page: 100,
        ..SearchQuery::default()
    }
}

fn varied() -> SearchIndex {
    let index = index();
    for n in 0..12u128 {
        let mut d = doc(n, "Bedre skole", "Elevene lærer mer.", "");
        d.year = 2020 + (n % 3) as u64;
        d.sector = if n % 2 == 0 { "Oppvekst" } else { "Helse" }.into();
        d.category_kind = if n % 4 == 0 { "mistake" } else { "innovation" }.into();
        d.unit = vec![
            "Kommunen".into(),
            if n < 6 { "Skole" } else { "Helse" }.into(),
            format!("Enhet {n}"),
        ];
        d.submitted_at += Duration::days(n as i64);
        d.visible_from = d.submitted_at;
        index.upsert(&d).unwrap();
    }
    index.commit().unwrap();
    index
}

#[test]
fn filters_combine_with_each_other_and_the_query() {
    let index = varied();
    let count = |f: SearchFilters| index.search(&filtered(f)).unwrap().total;
    // Visible from their submission, one a day from 1 March: by the 4th, four of them.
    let fourth = time::macros::datetime!(2025-03-04 12:00 UTC);
    assert_eq!(
        count(SearchFilters {
            visible_at: Some(fourth),
            ..Default::default()
        }),
        4
    );
    assert_eq!(
        count(SearchFilters {
            visible_at: Some(fourth - Duration::seconds(1)),
            year: Some(2020),
            ..Default::default()
        }),
        1,
        "ids 0 and 3 are from 2020; 3 is not visible yet"
    );
    assert_eq!(count(SearchFilters::default()), 12);
    assert_eq!(
        count(SearchFilters {
            year: Some(2021),
            ..Default::default()
        }),
        4
    );
    assert_eq!(
        count(SearchFilters {
            sector: Some("Helse".into()),
            ..Default::default()
        }),
        6
    );
    assert_eq!(
        count(SearchFilters {
            category_kind: Some("mistake".into()),
            ..Default::default()
        }),
        3
    );
    let unit = Some(vec!["Kommunen".to_string(), "Skole".to_string()]);
    assert_eq!(
        count(SearchFilters {
            unit: unit.clone(),
            ..Default::default()
        }),
        6,
        "a unit and those under it"
    );
    let both = SearchFilters {
        unit,
        year: Some(2020),
        ..Default::default()
    };
    assert_eq!(count(both.clone()), 2);
    let mut q = filtered(both);
    q.text = "skolen".into();
    assert_eq!(index.search(&q).unwrap().total, 2);
    q.text = "sykehjem".into();
    assert_eq!(index.search(&q).unwrap().total, 0);
}

#[test]
fn sorting_and_pages() {
    let index = varied();
    let order = |sort| -> Vec<u128> {
        let q = SearchQuery {
            sort,
            text: "skole".into(),
            per_page: 3,
            page: 1,
            ..SearchQuery::default()
        };
        index
            .search(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id.as_u128())
            .collect()
    };
    assert_eq!(order(Sort::Newest), [11, 10, 9]);
    let page3 = SearchQuery {
        sort: Sort::Newest,
        per_page: 5,
        page: 3,
        ..SearchQuery::default()
    };
    let results = index.search(&page3).unwrap();
    assert_eq!(results.total, 12);
    let page: Vec<u128> = results.hits.iter().map(|h| h.id.as_u128()).collect();
    assert_eq!(page, [1, 0]);
    assert_eq!(results.page, 3);
    // A page far beyond the last is the last page (and never a seek to that offset).
    let beyond = SearchQuery {
        page: 999_999_999,
        ..page3
    };
    let results = index.search(&beyond).unwrap();
    assert_eq!((results.total, results.page), (12, 3));
    let page: Vec<u128> = results.hits.iter().map(|h| h.id.as_u128()).collect();
    assert_eq!(page, [1, 0]);
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let index = catalogue();
    let mut changed = doc(2, "Ny rutine for vinduspuss", "", "");
    changed.title = "Vinduspuss".into();
    index.upsert(&changed).unwrap();
    index.delete(Uuid::from_u128(3)).unwrap();
    index.commit().unwrap();
    assert!(ids(&index, "renhold ").is_empty());
    assert_eq!(ids(&index, "vinduspuss "), [2]);
    assert!(ids(&index, "frivillige ").is_empty());
    assert_eq!(index.search(&SearchQuery::default()).unwrap().total, 4);
}

#[test]
fn an_index_on_disk_survives_reopening_and_refuses_a_foreign_directory() {
    let dir = std::env::temp_dir().join(format!("prisverdig-search-{}", Uuid::new_v4()));
    let lexicon = super::lexicon();
    {
        let index = SearchIndex::open_with_lexicon(Some(&dir), lexicon.clone()).unwrap();
        assert!(index.is_fresh());
        index.upsert(&doc(1, "Hjemmetjenesten", "", "")).unwrap();
        index.commit().unwrap();
    }
    let index = SearchIndex::open_with_lexicon(Some(&dir), lexicon.clone()).unwrap();
    assert!(!index.is_fresh());
    assert_eq!(ids(&index, "hjemmetjeneste "), [1]);
    drop(index);
    let foreign = dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    assert!(SearchIndex::open_with_lexicon(Some(&foreign), lexicon).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A rebuild's segments merged into one find the same, and the record of what the index
/// holds survives the merge and a reopening.
#[test]
fn merges_held_for_a_rebuild_are_released_when_it_ends_halfway() {
    let index = SearchIndex::open_with_lexicon(None, super::lexicon()).unwrap();
    assert!(!index.merges_held());
    index.hold_merges().unwrap();
    assert!(index.merges_held());
    index.release_merges().unwrap();
    assert!(!index.merges_held());
}

#[test]
fn merged_segments_find_the_same_and_keep_the_caught_up_record() {
    let dir = std::env::temp_dir().join(format!("prisverdig-search-{}", Uuid::new_v4()));
    let lexicon = super::lexicon();
    let words = [
        "hjemmetjenesten",
        "barnehagen",
        "kantina",
        "skolen",
        "biblioteket",
    ];
    let (before, totals) = {
        let index = SearchIndex::open_with_lexicon(Some(&dir), lexicon.clone()).unwrap();
        index.hold_merges().unwrap();
        assert!(index.merges_held());
        for n in 0..40u128 {
            let word = words[n as usize % words.len()];
            index
                .upsert(&doc(n + 1, &format!("{word} {n}"), "Et forsøk", word))
                .unwrap();
            if n % 8 == 7 {
                index.commit_caught_up(i64::try_from(n).unwrap()).unwrap();
            }
        }
        assert_eq!(index.segments(), 5);
        let before: Vec<Vec<u128>> = words.iter().map(|w| ids(&index, w)).collect();
        index.merge_all().unwrap();
        assert!(
            !index.merges_held(),
            "the policy merges again after the merge"
        );
        assert_eq!(index.segments(), 1);
        assert_eq!(index.caught_up(), 39);
        let after: Vec<Vec<u128>> = words.iter().map(|w| ids(&index, w)).collect();
        assert_eq!(after, before);
        assert!(after.iter().all(|found| found.len() == 8));
        (before, index.search(&SearchQuery::default()).unwrap().total)
    };
    let index = SearchIndex::open_with_lexicon(Some(&dir), lexicon).unwrap();
    assert_eq!(index.segments(), 1);
    assert_eq!(index.caught_up(), 39);
    assert_eq!(index.search(&SearchQuery::default()).unwrap().total, totals);
    let again: Vec<Vec<u128>> = words.iter().map(|w| ids(&index, w)).collect();
    assert_eq!(again, before);
    drop(index);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_thousand_generated_documents_are_searchable() {
    let index = index();
    let words = [
        "skole",
        "barnehage",
        "sykehjem",
        "renhold",
        "innbygger",
        "nabo",
        "bibliotek",
        "elev",
    ];
    for n in 0..1_000u128 {
        let w = words[n as usize % words.len()];
        let d = doc(
            n,
            &format!("Forslag {n} om {w}"),
            &format!("Bedre {w} for alle"),
            "Tekst om tjenester.",
        );
        index.upsert(&d).unwrap();
    }
    index.commit().unwrap();
    let results = index
        .search(&SearchQuery {
            text: "skolene".into(),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(results.total, 125);
    assert_eq!(results.hits.len(), 20);
}

#[test]
fn documents_added_new_are_found_and_replaced_later_like_any_other() {
    let index = index();
    for n in 1..=3u128 {
        index
            .add_new(&doc(n, &format!("Kantine {n}"), "Mat", "Mindre matsvinn."))
            .unwrap();
    }
    index.commit().unwrap();
    let mut found = ids(&index, "kantine ");
    found.sort_unstable();
    assert_eq!(found, [1, 2, 3]);
    index
        .upsert(&doc(2, "Bibliotek", "Bøker", "Utlån."))
        .unwrap();
    index.commit().unwrap();
    let mut found = ids(&index, "kantine ");
    found.sort_unstable();
    assert_eq!(found, [1, 3]);
    assert_eq!(ids(&index, "bibliotek "), [2]);
    assert_eq!(index.search(&query("")).unwrap().total, 3);
}

//! The lemma lexicon: every inflected form of the Bokmål and Nynorsk hunspell dictionaries
//! (Debian's `hunspell-no`) mapped to the entries it comes from, so that «innbyggerne» and
//! «innbygger», «elevane» and «elev» share a term in the index.
//!
//! The dictionaries are GPL-2 and are therefore read from the system at run time, never bundled
//! (ADR 0008). Without them the lexicon is empty and the Snowball stemmer works alone.

use super::affixes::{compound_flag, prefixes, suffix_rules};
use super::analyzer::fold;
use super::lexicon_cache::{self, Stored};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Where Debian installs the dictionaries.
pub const SYSTEM_HUNSPELL_DIR: &str = "/usr/share/hunspell";
const DICTIONARIES: [&str; 2] = ["nb_NO", "nn_NO"];
const MAX_WORD_CHARS: usize = 20;
const MIN_PARENT_CHARS: usize = 3;
/// Common words of the domain that the dictionaries lack, with their inflections (our own list).
const DOMAIN_WORDS: &[(&str, &[&str])] = &[
    (
        "beboer",
        &["beboeren", "beboere", "beboerne", "beboers", "beboernes"],
    ),
    (
        "nabo",
        &[
            "naboen", "naboer", "naboene", "naboar", "naboane", "naboens",
        ],
    ),
    ("poeng", &["poenget", "poenga", "poengene", "poenger"]),
];

/// A form's value in the transducer: bit 0, it is a dictionary entry itself (not only an
/// inflection of one); bit 1, that entry carries a dictionary's compound flag
/// (`COMPOUNDFLAG`: a word that may stand in a compound); bit 2, it has several lemmas. From
/// bit 3 (32 bits), its one lemma's number, or where the run of its lemmas' numbers starts in
/// `lists`; from bit 35, how many there are.
const ENTRY: u64 = 1;
const COMPOUNDS: u64 = 2;
const SEVERAL: u64 = 4;
const NUMBER_SHIFT: u32 = 3;
const COUNT_SHIFT: u32 = 35;

/// The value of a form with `flags` and the lemma numbers `lemmas` (sorted), adding a run to
/// `lists` when there are several.
fn value(flags: u64, lemmas: &[u32], lists: &mut Vec<u32>) -> u64 {
    match lemmas {
        [one] => flags | u64::from(*one) << NUMBER_SHIFT,
        several => {
            let start = lists.len() as u64;
            lists.extend_from_slice(several);
            flags | SEVERAL | start << NUMBER_SHIFT | (several.len() as u64) << COUNT_SHIFT
        }
    }
}

/// Form → lemmas, stored compactly: the forms in a finite state transducer whose value for
/// each is its flags and lemmas, and the lemmas in one sorted string table; built in memory or
/// mapped from the kept file (`lexicon_cache.rs`). Issue 16 measured the 1.4 million forms of
/// both dictionaries at 36 MiB as a string table with index arrays, most of it resident after
/// a few searches; now the transducer takes 5.9 MiB, the 457 000 lemmas 6.8 MiB and the runs
/// of several lemmas 2.6 MiB.
pub struct Lexicon {
    /// The transducer, the lemma table and runs of lemma numbers, the dictionaries'
    /// derivational prefixes («for», «sam», «u»…: never a part of a compound on their own,
    /// `compound.rs`), and the fingerprint.
    parts: lexicon_cache::Parts,
}

/// Entry `i` of a string table: from its start to the next entry's.
fn entry_in<'a>(text: &'a [u8], starts: &[u32], i: usize) -> Option<&'a [u8]> {
    let start = *starts.get(i)? as usize;
    let end = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
    text.get(start..end)
}

/// Where `word` is in a sorted string table (UTF-8's byte order is its characters' order).
fn position_in(text: &[u8], starts: &[u32], word: &str) -> Option<usize> {
    let word = word.as_bytes();
    let (mut low, mut high) = (0, starts.len());
    while low < high {
        let mid = (low + high) / 2;
        match entry_in(text, starts, mid)?.cmp(word) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// What the fingerprint counts: forms, their bytes, lemmas listed for forms that are not only
/// their own, entries with the compound flag, and prefixes. These are what the string table of
/// forms counted before the transducer, so that an index built then is kept.
fn fingerprint(
    forms: usize,
    bytes: usize,
    listed: usize,
    compounds: usize,
    prefixes: usize,
) -> String {
    format!("{forms}:{bytes}:{listed}:{compounds}:{prefixes}")
}

/// The transducer of no forms.
fn no_forms() -> tantivy_fst::Map<Stored<u8>> {
    let bytes = tantivy_fst::MapBuilder::memory()
        .into_inner()
        .expect("an empty transducer is written to memory");
    lexicon_cache::transducer(Stored::Owned(bytes)).expect("an empty transducer reads back")
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::empty()
    }
}

impl Lexicon {
    pub fn empty() -> Self {
        Lexicon::new(lexicon_cache::Parts {
            forms: no_forms(),
            lemma_text: Stored::default(),
            lemma_starts: Stored::default(),
            lists: Stored::default(),
            prefixes: Vec::new(),
            fingerprint: fingerprint(0, 0, 0, 0, 0),
        })
    }

    /// The system's dictionaries, read once per process; empty when they are not installed.
    pub fn system() -> Arc<Lexicon> {
        static SYSTEM: OnceLock<Arc<Lexicon>> = OnceLock::new();
        SYSTEM
            .get_or_init(|| {
                let lexicon = Lexicon::from_hunspell_dir(Path::new(SYSTEM_HUNSPELL_DIR))
                    .unwrap_or_else(|error| {
                        tracing::warn!(%error, "no Norwegian hunspell dictionaries; search falls back to the stemmer");
                        Lexicon::empty()
                    });
                // The build's temporary strings are three times the lexicon's size.
                crate::memory::release_free_memory();
                Arc::new(lexicon)
            })
            .clone()
    }

    /// The system's dictionaries as [`Lexicon::system`], kept built in `cache_dir`
    /// (`lexicon_cache.rs`): read from there when the dictionaries are the same as when it
    /// was built, else built and written there for the next start. Once per process.
    pub fn system_cached(cache_dir: &Path) -> Arc<Lexicon> {
        static CACHED: OnceLock<Arc<Lexicon>> = OnceLock::new();
        CACHED
            .get_or_init(|| {
                let dictionaries = Path::new(SYSTEM_HUNSPELL_DIR);
                let domain = format!("{DOMAIN_WORDS:?}");
                let Some(digest) =
                    lexicon_cache::inputs_digest(dictionaries, &DICTIONARIES, &domain)
                else {
                    return Lexicon::system();
                };
                let file = lexicon_cache::path(cache_dir, &digest);
                if let Some(lexicon) = lexicon_cache::read(&file).and_then(Lexicon::from_parts) {
                    return Arc::new(lexicon);
                }
                let lexicon = Lexicon::system();
                match lexicon_cache::write(&file, &lexicon) {
                    Ok(()) => lexicon_cache::remove_others(cache_dir, &file),
                    Err(error) => tracing::warn!(%error, "the built lexicon could not be kept; it is built again at the next start"),
                }
                lexicon
            })
            .clone()
    }

    /// The stored arrays (`lexicon_cache.rs`).
    pub(super) fn parts(&self) -> &lexicon_cache::Parts {
        &self.parts
    }

    /// A lexicon from stored parts, if they hold together (else `None`: build it again).
    /// The transducer and the rest were checked against the file's digest when read.
    pub(super) fn from_parts(p: lexicon_cache::Parts) -> Option<Lexicon> {
        let text = std::str::from_utf8(&p.lemma_text).ok()?;
        let starts = &*p.lemma_starts;
        let whole = starts.windows(2).all(|w| w[0] <= w[1])
            && starts.iter().all(|&s| text.is_char_boundary(s as usize))
            && p.lists.iter().all(|&n| (n as usize) < starts.len());
        let lexicon = whole.then(|| Lexicon::new(p))?;
        // Every page was read to check it; give them back until look-ups touch them again.
        lexicon.parts.lemma_text.settle();
        Some(lexicon)
    }

    fn new(parts: lexicon_cache::Parts) -> Lexicon {
        Lexicon { parts }
    }

    /// Reads `nb_NO` and `nn_NO` (`.dic` + `.aff`, ISO-8859-1) from `dir`.
    pub fn from_hunspell_dir(dir: &Path) -> std::io::Result<Self> {
        let mut builder = Builder::default();
        for name in DICTIONARIES {
            let aff = latin1(&std::fs::read(dir.join(format!("{name}.aff")))?);
            let dic = latin1(&std::fs::read(dir.join(format!("{name}.dic")))?);
            builder.add_dictionary(&aff, &dic);
        }
        for (lemma, forms) in DOMAIN_WORDS {
            builder.add_forms(lemma, forms.iter().copied());
        }
        Ok(builder.build())
    }

    /// Builds a lexicon from explicit (form, lemma) pairs; for tests and small word lists.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut builder = Builder::default();
        for (form, lemma) in pairs {
            builder.add_forms(lemma, [form]);
        }
        builder.build()
    }

    /// Number of distinct forms.
    pub fn len(&self) -> usize {
        self.parts.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.forms.is_empty()
    }

    /// Changes whenever the analysis of some word may change; stored beside the index.
    /// Gives the kept file's resident pages back to the system (they stay in its file cache;
    /// look-ups map what they touch again): called now and then with the index's
    /// (`index.rs`), so that a day of searches does not leave the whole file resident. A
    /// lexicon built in memory keeps its arrays.
    pub fn give_back_pages(&self) {
        self.parts.lemma_text.settle();
    }

    pub fn fingerprint(&self) -> String {
        self.parts.fingerprint.clone()
    }

    pub fn knows(&self, form: &str) -> bool {
        self.parts.forms.contains_key(form)
    }

    /// Whether `form` is a dictionary entry (a lemma) and whether that entry carries the
    /// compound flag; `None` for a form that is no entry.
    pub fn entry(&self, form: &str) -> Option<bool> {
        let value = self.parts.forms.get(form)?;
        (value & ENTRY != 0).then_some(value & COMPOUNDS != 0)
    }

    /// Whether `word` is one of the dictionaries' derivational prefixes.
    pub fn is_prefix(&self, word: &str) -> bool {
        self.parts.prefixes.iter().any(|p| p == word)
    }

    /// The lemmas of a known form (the form itself when it is a lemma only), else `None`.
    pub fn lemmas(&self, form: &str) -> Option<Vec<&str>> {
        let value = self.parts.forms.get(form)?;
        let number = (value >> NUMBER_SHIFT) as u32 as usize;
        if value & SEVERAL == 0 {
            return Some(vec![self.lemma(number)?]);
        }
        let count = (value >> COUNT_SHIFT) as usize;
        self.parts
            .lists
            .get(number..number.checked_add(count)?)?
            .iter()
            .map(|&n| self.lemma(n as usize))
            .collect()
    }

    /// Lemma number `n` (checked to be UTF-8 and cut at characters when the lexicon was made).
    fn lemma(&self, n: usize) -> Option<&str> {
        let bytes = entry_in(&self.parts.lemma_text, &self.parts.lemma_starts, n)?;
        std::str::from_utf8(bytes).ok()
    }
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

#[derive(Default)]
struct Builder {
    stems: HashMap<String, u32>,
    /// Stems that carry a dictionary's compound flag.
    compounding: std::collections::HashSet<u32>,
    prefixes: Vec<String>,
    /// (form, id of the stem it was generated from), the stem itself included.
    pairs: Vec<(String, u32)>,
}

impl Builder {
    fn stem_id(&mut self, stem: &str) -> u32 {
        let next = self.stems.len() as u32;
        *self.stems.entry(stem.to_string()).or_insert(next)
    }

    fn add_forms<'a>(&mut self, lemma: &str, forms: impl IntoIterator<Item = &'a str>) {
        let id = self.stem_id(&fold(lemma));
        self.pairs.push((fold(lemma), id));
        for form in forms {
            self.pairs.push((fold(form), id));
        }
    }

    fn add_dictionary(&mut self, aff: &str, dic: &str) {
        let rules = suffix_rules(aff);
        let compound = compound_flag(aff);
        for prefix in prefixes(aff) {
            if !self.prefixes.contains(&prefix) {
                self.prefixes.push(prefix);
            }
        }
        for line in dic.lines().skip(1) {
            let (word, flags) = line.split_once('/').unwrap_or((line, ""));
            let word = fold(word.trim());
            if word.chars().count() > MAX_WORD_CHARS || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let id = self.stem_id(&word);
            if compound.is_some_and(|flag| flags.contains(flag)) {
                self.compounding.insert(id);
            }
            for flag in flags.trim().chars() {
                for rule in rules.get(&flag).into_iter().flatten() {
                    if let Some(form) = rule.apply(&word) {
                        self.pairs.push((form, id));
                    }
                }
            }
            self.pairs.push((word, id));
        }
    }

    fn build(mut self) -> Lexicon {
        let mut parents: HashMap<u32, Vec<u32>> = HashMap::new();
        for (form, id) in &self.pairs {
            // A form that is itself a dictionary entry («innbyggere» from «innbygger») links
            // that entry's own forms («innbyggerne») to the generating stem: one hop only, as
            // chains through short words would join unrelated families.
            if let Some(&child) = self.stems.get(form).filter(|&&child| child != *id) {
                parents.entry(child).or_default().push(*id);
            }
        }
        let mut stem_names = vec![String::new(); self.stems.len()];
        for (name, id) in self.stems.drain() {
            stem_names[id as usize] = name;
        }
        // Very short stems («å», «ta») generate forms that are words of their own («år», «tar»).
        for ids in parents.values_mut() {
            ids.retain(|&parent| stem_names[parent as usize].chars().count() >= MIN_PARENT_CHARS);
        }
        // The lemma table: every stem (each is a form too), sorted; a stem's number there.
        let mut by_name: Vec<u32> = (0..stem_names.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| stem_names[a as usize].cmp(&stem_names[b as usize]));
        let mut number = vec![0u32; stem_names.len()];
        let (mut lemma_text, mut lemma_starts) = (Vec::<u8>::new(), Vec::<u32>::new());
        for (n, &id) in by_name.iter().enumerate() {
            number[id as usize] = n as u32;
            lemma_starts.push(lemma_text.len() as u32);
            lemma_text.extend_from_slice(stem_names[id as usize].as_bytes());
        }
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut forms = tantivy_fst::MapBuilder::memory();
        let mut lists = Vec::new();
        let (mut count, mut bytes, mut listed, mut compounds) = (0, 0, 0, 0);
        let mut pairs = std::mem::take(&mut self.pairs).into_iter().peekable();
        while let Some((form, id)) = pairs.next() {
            let mut ids = vec![id];
            while let Some((_, id)) = pairs.next_if(|(next, _)| *next == form) {
                ids.push(id);
            }
            let direct = ids.clone();
            for id in direct {
                ids.extend(parents.get(&id).into_iter().flatten());
            }
            let mut lemmas: Vec<u32> = ids.iter().map(|&id| number[id as usize]).collect();
            lemmas.sort_unstable();
            lemmas.dedup();
            let own = position_in(&lemma_text, &lemma_starts, &form);
            let flags = own.map_or(0, |n| {
                let compounding = self.compounding.contains(&by_name[n]);
                ENTRY | if compounding { COMPOUNDS } else { 0 }
            });
            count += 1;
            bytes += form.len();
            compounds += usize::from(flags & COMPOUNDS != 0);
            if !(lemmas.len() == 1 && own == Some(lemmas[0] as usize)) {
                listed += lemmas.len();
            }
            forms
                .insert(&form, value(flags, &lemmas, &mut lists))
                .expect("forms are inserted sorted and once");
        }
        let forms = forms
            .into_inner()
            .expect("the transducer is written to memory");
        let prefixes = std::mem::take(&mut self.prefixes);
        let fingerprint = fingerprint(count, bytes, listed, compounds, prefixes.len());
        Lexicon::new(lexicon_cache::Parts {
            forms: lexicon_cache::transducer(Stored::Owned(forms))
                .expect("a transducer just written reads back"),
            lemma_text: Stored::Owned(lemma_text),
            lemma_starts: Stored::Owned(lemma_starts),
            lists: Stored::Owned(lists),
            prefixes,
            fingerprint,
        })
    }
}

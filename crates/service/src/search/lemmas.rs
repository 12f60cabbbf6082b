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

/// A form is a dictionary entry itself (not only an inflection of one).
const ENTRY: u8 = 1;
/// The entry carries a dictionary's compound flag (`COMPOUNDFLAG`): a word that may stand in
/// a compound.
const COMPOUNDS: u8 = 2;

/// Form → lemmas, stored compactly: one sorted string table and index arrays, built in
/// memory or mapped from the kept file (`lexicon_cache.rs`).
#[derive(Default)]
pub struct Lexicon {
    /// The forms, folded, one after another in sorted order (UTF-8, checked once); start of
    /// each; the lemmas of form `i` are `lemma_ids[lemma_starts[i]..lemma_starts[i + 1]]`
    /// (indices into the forms; an empty range means the form is its own only lemma); the
    /// `ENTRY` and `COMPOUNDS` bits of each; and the dictionaries' derivational prefixes
    /// («for», «sam», «u»…: never a part of a compound on their own, `compound.rs`).
    parts: lexicon_cache::Parts,
    /// Counted once, so that asking for it touches no mapped page.
    fingerprint: String,
}

/// Form `i` of a string table: from its start to the next form's.
fn form_in<'a>(text: &'a [u8], starts: &[u32], i: usize) -> &'a [u8] {
    let end = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
    &text[starts[i] as usize..end]
}

/// Where `form` is in a string table (UTF-8's byte order is its characters' order).
fn position_in(text: &[u8], starts: &[u32], form: &str) -> Option<usize> {
    let form = form.as_bytes();
    let mut low = 0;
    let mut high = starts.len();
    while low < high {
        let mid = (low + high) / 2;
        match form_in(text, starts, mid).cmp(form) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

impl Lexicon {
    pub fn empty() -> Self {
        Self::default()
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

    /// A lexicon from stored arrays, if they hold together (else `None`: build it again).
    pub(super) fn from_parts(p: lexicon_cache::Parts) -> Option<Lexicon> {
        let text = std::str::from_utf8(&p.text).ok()?;
        let starts = &*p.starts;
        let forms = starts.len();
        let whole = p.lemma_starts.len() == forms + 1
            && p.flags.len() == forms
            && starts.windows(2).all(|w| w[0] <= w[1])
            && starts.iter().all(|&s| text.is_char_boundary(s as usize))
            && p.lemma_starts.windows(2).all(|w| w[0] <= w[1])
            && p.lemma_starts
                .last()
                .is_some_and(|&l| l as usize == p.lemma_ids.len())
            && p.lemma_ids.iter().all(|&id| (id as usize) < forms);
        let lexicon = whole.then(|| Lexicon::new(p))?;
        // Every page was read to check it; give them back until look-ups touch them again.
        lexicon.parts.text.settle();
        Some(lexicon)
    }

    fn new(parts: lexicon_cache::Parts) -> Lexicon {
        let compounds = parts.flags.iter().filter(|&&f| f & COMPOUNDS != 0).count();
        let fingerprint = format!(
            "{}:{}:{}:{compounds}:{}",
            parts.starts.len(),
            parts.text.len(),
            parts.lemma_ids.len(),
            parts.prefixes.len()
        );
        Lexicon { parts, fingerprint }
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
        self.parts.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.starts.is_empty()
    }

    /// Changes whenever the analysis of some word may change; stored beside the index.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    pub fn knows(&self, form: &str) -> bool {
        self.position(form).is_some()
    }

    /// Whether `form` is a dictionary entry (a lemma) and whether that entry carries the
    /// compound flag; `None` for a form that is no entry.
    pub fn entry(&self, form: &str) -> Option<bool> {
        let flags = self.parts.flags[self.position(form)?];
        (flags & ENTRY != 0).then_some(flags & COMPOUNDS != 0)
    }

    /// Whether `word` is one of the dictionaries' derivational prefixes.
    pub fn is_prefix(&self, word: &str) -> bool {
        self.parts.prefixes.iter().any(|p| p == word)
    }

    /// The lemmas of a known form (the form itself when it is a lemma only), else `None`.
    pub fn lemmas(&self, form: &str) -> Option<Vec<&str>> {
        let i = self.position(form)?;
        let (from, to) = (
            self.parts.lemma_starts[i] as usize,
            self.parts.lemma_starts[i + 1] as usize,
        );
        if from == to {
            return Some(vec![self.form(i)]);
        }
        Some(
            self.parts.lemma_ids[from..to]
                .iter()
                .map(|&id| self.form(id as usize))
                .collect(),
        )
    }

    fn form(&self, i: usize) -> &str {
        // Checked to be UTF-8 and cut at characters when the lexicon was made.
        std::str::from_utf8(form_in(&self.parts.text, &self.parts.starts, i)).unwrap_or_default()
    }

    fn position(&self, form: &str) -> Option<usize> {
        position_in(&self.parts.text, &self.parts.starts, form)
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
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut grouped: Vec<(String, Vec<u32>)> = Vec::new();
        for (form, id) in self.pairs.drain(..) {
            match grouped.last_mut() {
                Some((last, ids)) if *last == form => ids.push(id),
                _ => grouped.push((form, vec![id])),
            }
        }
        let (mut text, mut starts) = (Vec::<u8>::new(), Vec::<u32>::new());
        for (form, _) in &grouped {
            starts.push(text.len() as u32);
            text.extend_from_slice(form.as_bytes());
        }
        let mut flags = vec![0; grouped.len()];
        for (id, name) in stem_names.iter().enumerate() {
            if let Some(i) = position_in(&text, &starts, name) {
                let compounds = self.compounding.contains(&(id as u32));
                flags[i] = ENTRY | if compounds { COMPOUNDS } else { 0 };
            }
        }
        let (mut lemma_starts, mut lemma_ids) = (Vec::<u32>::new(), Vec::<u32>::new());
        for (form, mut ids) in grouped {
            lemma_starts.push(lemma_ids.len() as u32);
            let direct = ids.clone();
            for id in direct {
                ids.extend(parents.get(&id).into_iter().flatten());
            }
            let mut lemma_positions: Vec<u32> = ids
                .iter()
                .filter_map(|&id| position_in(&text, &starts, &stem_names[id as usize]))
                .map(|p| p as u32)
                .collect();
            lemma_positions.sort_unstable();
            lemma_positions.dedup();
            if lemma_positions.len() == 1
                && form_in(&text, &starts, lemma_positions[0] as usize) == form.as_bytes()
            {
                continue;
            }
            lemma_ids.extend(lemma_positions);
        }
        lemma_starts.push(lemma_ids.len() as u32);
        Lexicon::new(lexicon_cache::Parts {
            text: Stored::Owned(text),
            starts: Stored::Owned(starts),
            lemma_starts: Stored::Owned(lemma_starts),
            lemma_ids: Stored::Owned(lemma_ids),
            flags: Stored::Owned(flags),
            prefixes: std::mem::take(&mut self.prefixes),
        })
    }
}

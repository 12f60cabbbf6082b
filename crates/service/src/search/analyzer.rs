//! Norwegian text analysis, the same for documents and queries: words are lowercased, accents
//! folded (æ, ø and å kept), ASCII spellings («aa», «ae», «oe») turned into å, æ, ø when that
//! gives a known word, stop words dropped, and each word indexed as itself, its lemmas (with
//! Bokmål keys of Nynorsk ones), its Snowball stem, the parts of a compound with their lemmas,
//! and, for a name, its ASCII spellings, all at one position.

use super::compound::{self, Compound};
use super::lemmas::Lexicon;
use super::nynorsk;
pub use super::stopwords::{STOP_WORDS, is_stop_word};
use frostem::{Algorithm, Stemmer};
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// One word of a text: where it is and how it reads once normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub offset_from: usize,
    pub offset_to: usize,
    /// Lowercased, folded and with ASCII spellings of æ, ø, å resolved.
    pub normal: String,
}

/// Lowercases and folds accents, keeping æ, ø and å (ä and ö become æ and ø).
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' => 'a',
            'ä' => 'æ',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' => 'o',
            'ö' => 'ø',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// Shorter lemmas join only the word that is that lemma (see `push_lemmas`).
const MIN_LEMMA_CHARS: usize = 3;

/// How many words' analyses are kept. Text follows Zipf's law: a few thousand words make
/// most of any text, so a modest cache answers most words of the documents being indexed
/// and of the snippets being highlighted without the lexicon's binary searches and the
/// compound splitting (which were half of a search's time).
const CACHED_WORDS: usize = 32_768;

/// Joins a compound's parts in its keys (`Analyzer::compound_keys`); never part of a word.
pub const COMPOUND_KEY_JOINER: &str = "+";
/// A compound's keys at most: one for each reading of its head.
const MAX_COMPOUND_KEYS: usize = 3;

#[derive(Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
    stemmer: Stemmer,
    /// Folded word → its normal form.
    normal: Arc<quick_cache::sync::Cache<String, Arc<str>>>,
    /// Normal form → its terms.
    terms: Arc<quick_cache::sync::Cache<String, Arc<[String]>>>,
}

impl Analyzer {
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        Self {
            lexicon,
            stemmer: Stemmer::new(Algorithm::Norwegian),
            normal: Arc::new(quick_cache::sync::Cache::new(CACHED_WORDS)),
            terms: Arc::new(quick_cache::sync::Cache::new(CACHED_WORDS)),
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every word of `text` with its byte offsets, stop words included.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(from)) => {
                    words.push(Word {
                        offset_from: from,
                        offset_to: i,
                        normal: self.normal_of(fold(&text[from..i])),
                    });
                    start = None;
                }
                _ => {}
            }
        }
        words
    }

    /// The words that count for search: stop words left out.
    pub fn content_words(&self, text: &str) -> Vec<Word> {
        let mut words = self.words(text);
        words.retain(|word| !is_stop_word(&word.normal));
        words
    }

    /// [`Analyzer::normalise`], remembered.
    fn normal_of(&self, folded: String) -> String {
        if let Some(normal) = self.normal.get(&folded) {
            return normal.to_string();
        }
        let normal = self.normalise(&folded);
        self.normal.insert(folded, Arc::from(normal.as_str()));
        normal
    }

    /// Reads «aa», «ae» and «oe» as å, æ and ø when (and only when) that makes a known word
    /// and the word is neither known nor an inflection of one («naboen» stays).
    pub fn normalise(&self, folded: &str) -> String {
        let explained =
            || self.lexicon.knows(folded) || self.lexicon.knows(&self.stemmer.stem(folded));
        if !folded.is_ascii() || explained() {
            return folded.to_string();
        }
        let spots: Vec<usize> = (0..folded.len().saturating_sub(1))
            .filter(|&i| matches!(&folded[i..i + 2], "aa" | "ae" | "oe"))
            .take(4)
            .collect();
        // Try replacing every subset of the spots, most replacements first.
        let mut masks: Vec<u32> = (1..(1u32 << spots.len())).collect();
        masks.sort_by_key(|mask| std::cmp::Reverse(mask.count_ones()));
        for mask in masks {
            let candidate = replace_spots(folded, &spots, mask);
            if self.lexicon.knows(&candidate) {
                return candidate;
            }
        }
        folded.to_string()
    }

    /// The terms a normalised word is indexed under, all at its position: itself, its
    /// lemmas, its stem, the parts of a compound and their lemmas, Bokmål keys of Nynorsk
    /// lemmas and ASCII spellings of a name, without repeats.
    pub fn terms(&self, normal: &str) -> Vec<String> {
        self.shared_terms(normal).to_vec()
    }

    /// [`Analyzer::terms`] as remembered, without copying them (a snippet looks up every
    /// word of each hit's text).
    pub fn shared_terms(&self, normal: &str) -> Arc<[String]> {
        if let Some(terms) = self.terms.get(normal) {
            return terms;
        }
        let analysis = self.analyse(normal);
        let mut terms = analysis.terms;
        terms.extend(analysis.parts.into_iter().flatten());
        dedup(&mut terms);
        let terms: Arc<[String]> = Arc::from(terms);
        self.terms.insert(normal.to_string(), terms.clone());
        terms
    }

    /// A word's own terms and, for a compound, each part's terms apart. A query word
    /// matches a document word by a term of its own (`query.rs`); a document word is also
    /// indexed under its parts' terms, so that a query for a part finds the compound. A
    /// compound's own terms include its keys (`compound_keys`), by which it finds the same
    /// compound in other forms and the other standard.
    pub fn analyse(&self, normal: &str) -> Analysis {
        let lemmas = self.lexicon.lemmas(normal);
        let mut terms = vec![normal.to_string()];
        match &lemmas {
            Some(lemmas) => self.push_lemmas(&mut terms, lemmas),
            // A name the dictionaries lack may be written without æ, ø and å.
            None => terms.extend(ascii_spellings(normal)),
        }
        let mut searched = match &lemmas {
            Some(_) if terms.len() > 1 => terms[1..].to_vec(),
            _ => Vec::new(),
        };
        terms.push(self.stemmer.stem(normal).into_owned());
        let parts = match compound::split(&self.lexicon, normal) {
            Some(compound) => {
                let keys = self.compound_keys(&compound);
                // The compounds it ends in are among its parts: «vintervedlikeholdet»
                // (vinter + ved + likehold) is found by «vedlikehold» (ved + likehold).
                let endings: Vec<String> = keys
                    .iter()
                    .flat_map(|key| {
                        key.match_indices(COMPOUND_KEY_JOINER)
                            .map(|(at, joiner)| &key[at + joiner.len()..])
                    })
                    .filter(|ending| ending.contains(COMPOUND_KEY_JOINER))
                    .map(str::to_string)
                    .collect();
                if !searched.is_empty() {
                    searched.extend(keys.iter().cloned());
                }
                terms.extend(keys);
                let mut parts = self.part_terms(compound);
                if !endings.is_empty() {
                    parts.push(endings);
                }
                parts
            }
            None => Vec::new(),
        };
        dedup(&mut terms);
        if searched.is_empty() {
            searched = terms.clone();
        }
        dedup(&mut searched);
        Analysis {
            terms,
            searched,
            parts,
            known: lemmas.is_some(),
        }
    }

    /// A compound's keys: its parts as the entries they stand for, Nynorsk ones as their
    /// Bokmål counterparts, joined by `+`, one key for each reading of its head
    /// («hjemme+tjeneste» for «heimetenesta», «hjemmetjenesten» and «hjemmetjenestene»
    /// alike). A query compound matches a document compound that has one of its keys: the
    /// same word in another form or standard, as one term with a short posting list,
    /// instead of every part anywhere in the text (issue 16: the parts of a compound are
    /// common words, and intersecting their postings was a third of a search's time).
    fn compound_keys(&self, compound: &Compound) -> Vec<String> {
        let entry = |word: &str| nynorsk::bokmal(word).unwrap_or(word).to_string();
        let modifiers: Vec<String> = compound.modifiers.iter().map(|m| entry(m)).collect();
        let mut heads: Vec<String> = self
            .lexicon
            .lemmas(&compound.head)
            .unwrap_or_default()
            .into_iter()
            .filter(|lemma| !is_stop_word(lemma) && lemma.chars().count() >= MIN_LEMMA_CHARS)
            .map(entry)
            .collect();
        if heads.is_empty() {
            heads.push(compound.head.clone());
        }
        dedup(&mut heads);
        heads.truncate(MAX_COMPOUND_KEYS);
        heads
            .into_iter()
            .map(|head| {
                let mut key = modifiers.join(COMPOUND_KEY_JOINER);
                key.push_str(COMPOUND_KEY_JOINER);
                key.push_str(&head);
                key
            })
            .collect()
    }

    fn part_terms(&self, compound: Compound) -> Vec<Vec<String>> {
        let mut parts: Vec<Vec<String>> = compound
            .modifiers
            .iter()
            .chain([&compound.head])
            .map(|part| vec![part.clone()])
            .collect();
        // The head may be inflected («kantinen»); a modifier is an entry already.
        if let Some(head) = parts.last_mut() {
            let lemmas = self.lexicon.lemmas(&compound.head).unwrap_or_default();
            self.push_lemmas(head, &lemmas);
        }
        for terms in &mut parts {
            if let Some(bokmal) = nynorsk::bokmal(&terms[0]) {
                terms.push(bokmal.to_string());
            }
            dedup(terms);
        }
        parts
    }

    /// Lemmas that are not stop words, each with its Bokmål key when it is Nynorsk. A lemma
    /// shorter than `MIN_LEMMA_CHARS` counts only for itself: the dictionaries derive «fet»,
    /// «fast» and «far» all from «fe», which would make each find the others.
    fn push_lemmas(&self, terms: &mut Vec<String>, lemmas: &[&str]) {
        for lemma in lemmas {
            let short = lemma.chars().count() < MIN_LEMMA_CHARS && terms[0] != *lemma;
            if is_stop_word(lemma) || short {
                continue;
            }
            terms.push(lemma.to_string());
            if let Some(bokmal) = nynorsk::bokmal(lemma) {
                terms.push(bokmal.to_string());
            }
        }
    }
}

/// How a word is indexed and searched (`Analyzer::analyse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The word's own terms: itself, its lemmas, its stem, a compound's keys…
    pub terms: Vec<String>,
    /// The terms a query for the word looks for: of a word the dictionaries know, its
    /// lemmas and a compound's keys, which every form of it is indexed under (its form and
    /// stem as well would only add the same documents' postings again: issue 16); else
    /// all of `terms`.
    pub searched: Vec<String>,
    /// Whether the dictionaries know the word.
    pub known: bool,
    /// Each part's terms when the word is a compound, else empty.
    pub parts: Vec<Vec<String>>,
}

fn dedup(terms: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    terms.retain(|term| seen.insert(term.clone()));
}

/// «bjørnegård» as «bjornegard» and «bjoernegaard»: how names are written without the
/// Norwegian letters. Nothing for a word that has none.
fn ascii_spellings(normal: &str) -> Vec<String> {
    if normal.is_ascii() {
        return Vec::new();
    }
    let spell = |ø: &str, å: &str| {
        let mut out = String::with_capacity(normal.len() + 4);
        for c in normal.chars() {
            match c {
                'æ' => out.push_str("ae"),
                'ø' => out.push_str(ø),
                'å' => out.push_str(å),
                c => out.push(c),
            }
        }
        out
    };
    vec![spell("o", "a"), spell("oe", "aa")]
}

fn replace_spots(word: &str, spots: &[usize], mask: u32) -> String {
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        match spots.iter().position(|&spot| spot == i) {
            Some(n) if mask & (1 << n) != 0 => {
                out.push(match &word[i..i + 2] {
                    "aa" => 'å',
                    "ae" => 'æ',
                    _ => 'ø',
                });
                i += 2;
            }
            _ => {
                out.push_str(&word[i..i + 1]);
                i += 1;
            }
        }
    }
    out
}

/// The analyzer as a tantivy tokenizer.
#[derive(Clone)]
pub struct NorwegianTokenizer {
    pub analyzer: Analyzer,
}

impl Tokenizer for NorwegianTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let mut tokens = Vec::new();
        for (position, word) in self.analyzer.content_words(text).into_iter().enumerate() {
            for term in self.analyzer.terms(&word.normal) {
                tokens.push(Token {
                    offset_from: word.offset_from,
                    offset_to: word.offset_to,
                    position,
                    text: term,
                    position_length: 1,
                });
            }
        }
        Tokens {
            tokens,
            next: 0,
            empty: Token::default(),
        }
    }
}

pub struct Tokens {
    tokens: Vec<Token>,
    next: usize,
    empty: Token,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        self.tokens
            .get(self.next.wrapping_sub(1))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.tokens.get_mut(self.next.wrapping_sub(1)) {
            Some(token) => token,
            None => &mut self.empty,
        }
    }
}

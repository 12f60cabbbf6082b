//! Norwegian text analysis, the same for documents and queries: words are lowercased, accents
//! folded (æ, ø and å kept), ASCII spellings («aa», «ae», «oe») turned into å, æ, ø when that
//! gives a known word, stop words dropped, and each word indexed as itself, its lemmas and its
//! Snowball stem, all at one position.

use super::lemmas::Lexicon;
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

#[derive(Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
    stemmer: Stemmer,
}

impl Analyzer {
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        Self {
            lexicon,
            stemmer: Stemmer::new(Algorithm::Norwegian),
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
                        normal: self.normalise(&fold(&text[from..i])),
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

    /// The terms a normalised word is indexed and searched under: itself, its lemmas and its
    /// stem, without repeats.
    pub fn terms(&self, normal: &str) -> Vec<String> {
        let mut terms = vec![normal.to_string()];
        for lemma in self.lexicon.lemmas(normal).unwrap_or_default() {
            if !is_stop_word(lemma) {
                terms.push(lemma.to_string());
            }
        }
        terms.push(self.stemmer.stem(normal).into_owned());
        let mut seen = std::collections::HashSet::new();
        terms.retain(|term| seen.insert(term.clone()));
        terms
    }
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

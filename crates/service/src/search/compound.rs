//! Norwegian compounds split into the dictionary words they are made of, so that
//! «personalkantinen» is found by «kantine» and «Fornebupiloten» by «piloten» (ADR 0015).
//!
//! A word is split as written: modifiers, then a head that may be inflected and is
//! lemmatised by the caller («personalkantinen» → personal + «kantinen» → kantine). A
//! modifier is a dictionary entry, possibly followed by a linking «s» or «e»
//! («sykehjem-s-plass», «barn-e-hage»), at least `MIN_PART_CHARS` long (or in
//! `SHORT_MODIFIERS`: «el-bil»), and neither a stop word nor one of the dictionaries'
//! derivational prefixes («for», «sam», «inn»: «forslag» stays whole). The head is a known
//! form whose entry carries the dictionaries' compound flag (`COMPOUNDFLAG`, the words
//! hunspell itself builds compounds of: «bil», «plass», «kantine»), or a long one
//! (`LONG_HEAD_CHARS`: «rehabilitering» lacks the flag). That keeps inflection endings and
//! chance words from being read as heads: «skolene» is not «sko» + «lene», «tjeneste» not
//! «tjen» + «este». Of all splits, the one with the fewest parts wins, then the one whose
//! shortest part is longest («kultur» + «skulen», not «kultur» + s + «kulen»), then the one
//! with more flagged parts; a long head may split again. An unknown word that does not split into known
//! words may still end in a flagged head: a name in front of it («Fornebu» + «piloten»).

use super::lemmas::Lexicon;
use super::stopwords::is_stop_word;

/// The shortest part: «bil», «hus», «rom».
const MIN_PART_CHARS: usize = 3;
/// Modifiers shorter than `MIN_PART_CHARS` that compound freely (our own list): «elbil».
const SHORT_MODIFIERS: &[&str] = &["el"];
/// A part this long may be split again.
const LONG_PART_CHARS: usize = 8;
/// A head without the compound flag must be at least this long.
const LONG_HEAD_CHARS: usize = 6;
/// A name in front of a known head: the head at least this long…
const MIN_NAME_HEAD_CHARS: usize = 4;
/// …and the name too.
const MIN_NAME_CHARS: usize = 3;
const MAX_PARTS: usize = 4;
/// Longer words are not split (the work grows with the length).
const MAX_COMPOUND_CHARS: usize = 40;
/// Letters that join a modifier to what follows.
const LINKS: [char; 2] = ['s', 'e'];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compound {
    /// The parts before the head, as dictionary entries («sykehjem» for «sykehjems-»), or as
    /// written for a name the dictionaries do not know.
    pub modifiers: Vec<String>,
    /// The last part: a dictionary entry for a known word, else as written («kantinen»).
    pub head: String,
}

/// How good a split is: lower is better (parts, then the shortest part's length, longest
/// first, then the parts without the compound flag).
type Rank = (usize, usize, usize);

/// The parts of `word` (lowercased and folded), or `None` when it is no compound.
pub fn split(lexicon: &Lexicon, word: &str) -> Option<Compound> {
    let chars = word.chars().count();
    if !(2 * MIN_PART_CHARS - 1..=MAX_COMPOUND_CHARS).contains(&chars) {
        return None;
    }
    let found = best(lexicon, word).or_else(|| {
        lexicon
            .lemmas(word)
            .is_none()
            .then(|| after_name(lexicon, word))
            .flatten()
    })?;
    // A long part may be a compound itself: «skole» + «fritidsordningen», «skolefritid» +
    // «ordningen». A long head gives way to its parts; a long modifier stays beside its own.
    let long = |part: &str| part.chars().count() >= LONG_PART_CHARS;
    let mut modifiers = Vec::new();
    for modifier in found.modifiers {
        let inner = split(lexicon, &modifier).filter(|_| long(&modifier));
        modifiers.push(modifier);
        if let Some(inner) = inner {
            modifiers.extend(inner.modifiers);
            modifiers.push(inner.head);
        }
    }
    match split(lexicon, &found.head).filter(|_| long(&found.head)) {
        Some(inner) => {
            modifiers.extend(inner.modifiers);
            Some(Compound {
                modifiers,
                head: inner.head,
            })
        }
        None => Some(Compound {
            modifiers,
            head: found.head,
        }),
    }
}

/// The best split of `word` into modifiers and a head.
fn best(lexicon: &Lexicon, word: &str) -> Option<Compound> {
    let mut found: Option<(Rank, Compound)> = None;
    for (at, _) in word.char_indices().skip(1) {
        let (front, head) = word.split_at(at);
        let Some(head_flag) = head_flag(lexicon, head) else {
            continue;
        };
        if !inflects_as_head(lexicon, word, front, head) {
            continue;
        }
        let Some((parts, flagged)) = modifiers(lexicon, front, MAX_PARTS - 1) else {
            continue;
        };
        let flagged = flagged + usize::from(head_flag);
        let shortest = parts
            .iter()
            .map(|part| part.chars().count())
            .chain([head.chars().count()])
            .min()
            .unwrap_or_default();
        let rank = (parts.len() + 1, usize::MAX - shortest, MAX_PARTS - flagged);
        if found.as_ref().is_none_or(|(best, _)| rank < *best) {
            let compound = Compound {
                modifiers: parts,
                head: head.to_string(),
            };
            found = Some((rank, compound));
        }
    }
    found.map(|(_, compound)| compound)
}

/// An inflected form is split only where its ending belongs to the head: «barnehagene» is
/// «barne» + «hagene» because «barnehage» is its lemma; «skolene» is not «sko» + «lene»
/// because «skolene» is not what «sko» + «lene» inflects to.
fn inflects_as_head(lexicon: &Lexicon, word: &str, front: &str, head: &str) -> bool {
    let Some(lemmas) = lexicon.lemmas(word) else {
        return true;
    };
    if lexicon.entry(word).is_some() {
        return true;
    }
    let head_lemmas = lexicon.lemmas(head).unwrap_or_default();
    // The head's lemma must be a head itself: «lene» is also a form of «ler», but «skoler»
    // is not «sko» + «ler».
    head_lemmas
        .iter()
        .filter(|h| lexicon.entry(h) == Some(true) || h.chars().count() >= LONG_HEAD_CHARS)
        .any(|h| lemmas.iter().any(|l| l.strip_prefix(front) == Some(h)))
}

/// `Some(whether its entry carries the compound flag)` when `head` may end a compound.
fn head_flag(lexicon: &Lexicon, head: &str) -> Option<bool> {
    let chars = head.chars().count();
    if chars < MIN_PART_CHARS || is_stop_word(head) || lexicon.is_prefix(head) {
        return None;
    }
    let flagged = lexicon.entry(head) == Some(true)
        || lexicon.lemmas(head)?.iter().any(|lemma| {
            lemma.chars().count() >= MIN_PART_CHARS && lexicon.entry(lemma) == Some(true)
        });
    (flagged || chars >= LONG_HEAD_CHARS).then_some(flagged)
}

/// `front` as the fewest modifiers (at most `room`), with how many carry the compound flag.
fn modifiers(lexicon: &Lexicon, front: &str, room: usize) -> Option<(Vec<String>, usize)> {
    if room == 0 {
        return None;
    }
    if let Some((entry, flag)) = modifier(lexicon, front) {
        return Some((vec![entry], usize::from(flag)));
    }
    let mut found: Option<(Vec<String>, usize)> = None;
    for (at, _) in front.char_indices().skip(1) {
        let (rest, last) = front.split_at(at);
        let Some((entry, flag)) = modifier(lexicon, last) else {
            continue;
        };
        let Some((mut parts, flagged)) = modifiers(lexicon, rest, room - 1) else {
            continue;
        };
        parts.push(entry);
        let flagged = flagged + usize::from(flag);
        let better = found.as_ref().is_none_or(|(best, best_flagged)| {
            (parts.len(), usize::MAX - flagged) < (best.len(), usize::MAX - best_flagged)
        });
        if better {
            found = Some((parts, flagged));
        }
    }
    found
}

/// The entry a modifier stands for (without its linking letter) and whether it carries the
/// compound flag.
fn modifier(lexicon: &Lexicon, piece: &str) -> Option<(String, bool)> {
    let usable = |entry: &str| {
        let long = entry.chars().count() >= MIN_PART_CHARS || SHORT_MODIFIERS.contains(&entry);
        long && !is_stop_word(entry) && !lexicon.is_prefix(entry)
    };
    let whole = lexicon
        .entry(piece)
        .filter(|_| usable(piece))
        .map(|flag| (piece.to_string(), flag));
    // «barne-» is an entry of its own, but «barn» + «e» is the word that compounds.
    let linked = piece.strip_suffix(LINKS).and_then(|base| {
        let flag = lexicon.entry(base).filter(|_| usable(base))?;
        Some((base.to_string(), flag))
    });
    match (whole, linked) {
        (Some((_, false)), Some(linked)) if linked.1 => Some(linked),
        (whole, linked) => whole.or(linked),
    }
}

/// An unknown word as a name followed by the longest known head that may compound.
fn after_name(lexicon: &Lexicon, word: &str) -> Option<Compound> {
    word.char_indices()
        .map(|(at, _)| word.split_at(at))
        .filter(|(name, head)| {
            name.chars().count() >= MIN_NAME_CHARS && head.chars().count() >= MIN_NAME_HEAD_CHARS
        })
        .find(|(_, head)| head_flag(lexicon, head) == Some(true))
        .map(|(name, head)| Compound {
            modifiers: vec![name.to_string()],
            head: head.to_string(),
        })
}

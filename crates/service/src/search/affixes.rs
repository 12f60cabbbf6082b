//! Hunspell suffix rules (`SFX` lines of an `.aff` file): enough of the format to expand the
//! Norwegian dictionaries' entries into their inflected forms.

use super::analyzer::fold;
use std::collections::HashMap;

/// Suffix classes that derive new words (-ing, -lig, -else, -het, -skap, -itet, -bar): those are
/// words of their own, not inflections, so they are not folded into their base.
const DERIVATIONAL_FLAGS: &str = "tuvwxyYZ";

/// One `SFX` line: remove `strip`, append `add`, when the word ends as `condition` says.
pub(super) struct SuffixRule {
    strip: String,
    add: String,
    condition: Vec<CharClass>,
}

enum CharClass {
    Any,
    One(char),
    In(Vec<char>),
    NotIn(Vec<char>),
}

impl CharClass {
    fn parse(condition: &str) -> Vec<CharClass> {
        let mut classes = Vec::new();
        let mut chars = condition.chars();
        while let Some(c) = chars.next() {
            classes.push(match c {
                '.' => CharClass::Any,
                '[' => {
                    let set: String = chars.by_ref().take_while(|&c| c != ']').collect();
                    match set.strip_prefix('^') {
                        Some(rest) => CharClass::NotIn(rest.chars().collect()),
                        None => CharClass::In(set.chars().collect()),
                    }
                }
                c => CharClass::One(c),
            });
        }
        classes
    }

    fn matches(&self, c: char) -> bool {
        match self {
            CharClass::Any => true,
            CharClass::One(one) => *one == c,
            CharClass::In(set) => set.contains(&c),
            CharClass::NotIn(set) => !set.contains(&c),
        }
    }
}

impl SuffixRule {
    pub(super) fn apply(&self, word: &str) -> Option<String> {
        let stem = word.strip_suffix(self.strip.as_str())?;
        let mut tail = word.chars().rev();
        let fits = self
            .condition
            .iter()
            .rev()
            .all(|class| tail.next().is_some_and(|c| class.matches(c)));
        fits.then(|| format!("{stem}{}", self.add))
    }
}

pub(super) fn suffix_rules(aff: &str) -> HashMap<char, Vec<SuffixRule>> {
    let mut rules: HashMap<char, Vec<SuffixRule>> = HashMap::new();
    for line in aff.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [kind, flag, strip, add, condition, ..] = parts[..] else {
            continue;
        };
        let Some(flag) = flag.chars().next().filter(|_| kind == "SFX") else {
            continue;
        };
        if DERIVATIONAL_FLAGS.contains(flag) {
            continue;
        }
        let add = add.split('/').next().unwrap_or_default();
        let zero = |s: &str| if s == "0" { String::new() } else { fold(s) };
        rules.entry(flag).or_default().push(SuffixRule {
            strip: zero(strip),
            add: zero(add),
            condition: CharClass::parse(&fold(condition)),
        });
    }
    rules
}

/// The flag that marks an entry as a possible part of a compound (`COMPOUNDFLAG z`).
pub(super) fn compound_flag(aff: &str) -> Option<char> {
    aff.lines().find_map(|line| {
        let rest = line.strip_prefix("COMPOUNDFLAG")?;
        rest.split_whitespace().next()?.chars().next()
    })
}

/// The strings the `PFX` rules put in front of a word («for», «sam», «u»…): derivational
/// prefixes, not words that compound.
pub(super) fn prefixes(aff: &str) -> Vec<String> {
    let mut found: Vec<String> = aff
        .lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts[..] {
                ["PFX", _, _, add, _, ..] if add != "0" => Some(fold(add)),
                _ => None,
            }
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

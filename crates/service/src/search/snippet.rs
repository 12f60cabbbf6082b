//! A short piece of a hit's text around the first words that matched, HTML-escaped, with the
//! matched words in `<mark>`. Words are compared after the same analysis as in the index, so
//! «innbyggerne» is marked for a search for «innbygger».

use super::analyzer::{Analyzer, Word};
use super::query::Parsed;
use std::collections::HashSet;

/// About this many characters of text in a snippet.
const SNIPPET_CHARS: usize = 200;
/// Characters of context kept before the first match.
const LEAD_CHARS: usize = 60;

/// The snippet from the first of `texts` that has a match, else the start of the first
/// non-empty one.
pub(super) fn highlight(analyzer: &Analyzer, parsed: &Parsed, texts: &[&str]) -> String {
    let terms: HashSet<&str> = parsed
        .words
        .iter()
        .flat_map(|word| word.terms.iter().map(String::as_str))
        .collect();
    for text in texts {
        let marked: Vec<Word> = analyzer
            .content_words(text)
            .into_iter()
            .filter(|word| matches(analyzer, parsed, &terms, &word.normal))
            .collect();
        if let Some(first) = marked.first() {
            let start = window_start(text, first.offset_from);
            return render(text, start, &marked);
        }
    }
    let text = texts
        .iter()
        .find(|t| !t.trim().is_empty())
        .copied()
        .unwrap_or("");
    render(text, 0, &[])
}

fn matches(analyzer: &Analyzer, parsed: &Parsed, terms: &HashSet<&str>, normal: &str) -> bool {
    if analyzer
        .terms(normal)
        .iter()
        .any(|t| terms.contains(t.as_str()))
    {
        return true;
    }
    parsed.words.iter().any(|word| {
        let query: Vec<char> = word.normal.chars().collect();
        let found: Vec<char> = normal.chars().collect();
        let distance = usize::from(word.fuzzy);
        if word.prefix {
            let lengths = query.len().saturating_sub(distance)..=query.len() + distance;
            lengths
                .filter(|&n| n <= found.len())
                .any(|n| within_one(&query, &found[..n], distance))
        } else {
            word.fuzzy && within_one(&query, &found, 1)
        }
    })
}

/// Whether `a` becomes `b` with at most `max` (0 or 1) insertion, deletion, substitution or
/// swap of neighbours.
fn within_one(a: &[char], b: &[char], max: usize) -> bool {
    if a == b {
        return true;
    }
    if max == 0 {
        return false;
    }
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[common..], &b[common..]);
    let swapped =
        ra.len() >= 2 && rb.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..];
    swapped || ra.get(1..) == rb.get(1..) || ra.get(1..) == Some(rb) || Some(ra) == rb.get(1..)
}

/// A word boundary about `LEAD_CHARS` before the first match.
fn window_start(text: &str, first: usize) -> usize {
    let lead: usize = text[..first]
        .chars()
        .rev()
        .take(LEAD_CHARS)
        .map(char::len_utf8)
        .sum();
    if lead == first {
        return 0;
    }
    let from = first - lead;
    text[from..first]
        .find(' ')
        .map_or(first, |space| from + space + 1)
}

fn render(text: &str, start: usize, marked: &[Word]) -> String {
    let budget: usize = text[start..]
        .chars()
        .take(SNIPPET_CHARS)
        .map(char::len_utf8)
        .sum();
    let mut end = start + budget;
    if end < text.len() {
        end = text[start..end]
            .rfind(' ')
            .map_or(end, |space| start + space);
    }
    let mut html = String::with_capacity(budget * 2);
    if start > 0 {
        html.push('…');
    }
    let mut at = start;
    for word in marked
        .iter()
        .filter(|w| w.offset_from >= start && w.offset_to <= end)
    {
        escape_into(&mut html, &text[at..word.offset_from]);
        html.push_str("<mark>");
        escape_into(&mut html, &text[word.offset_from..word.offset_to]);
        html.push_str("</mark>");
        at = word.offset_to;
    }
    escape_into(&mut html, &text[at..end]);
    if end < text.len() {
        html.push('…');
    }
    html
}

fn escape_into(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
}

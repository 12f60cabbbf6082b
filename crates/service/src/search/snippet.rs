//! A short piece of a hit's text around the first words that matched, HTML-escaped, with the
//! matched words in `<mark>`. Words are compared after the same analysis as in the index, so
//! «innbyggerne» is marked for a search for «innbygger» and «personalkantinen» for «kantine»;
//! a near spelling is marked only within the typos the search allowed. The text is the one
//! the card or the page shows (`index.rs`), so the snippet reads as written there.

use super::analyzer::{Analyzer, Word};
use super::query::{Parsed, QueryWord};
use std::sync::Arc;

/// A text's words, each with its terms as the analyzer remembers them.
type Analysed = Vec<(Word, Arc<[String]>)>;

/// About this many characters of text in a snippet.
const SNIPPET_CHARS: usize = 200;
/// Characters of context kept before the first match.
const LEAD_CHARS: usize = 60;

/// The snippet from the first of `texts` that has a match, else the start of the first
/// non-empty one.
pub(super) fn highlight(analyzer: &Analyzer, parsed: &Parsed, texts: &[&str]) -> String {
    let words: Vec<Analysed> = texts
        .iter()
        .map(|text| {
            let words = analyzer.content_words(text);
            words
                .into_iter()
                .map(|word| {
                    let terms = analyzer.shared_terms(&word.normal);
                    (word, terms)
                })
                .collect()
        })
        .collect();
    // What the search matched, as the index matched it: a word's own terms (a compound's
    // keys among them), and its near spellings within the distance the query used.
    let marks = |terms: &[String]| {
        parsed
            .words
            .iter()
            .any(|query| matches_itself(query, terms))
    };
    for (text, words) in texts.iter().zip(&words) {
        let marked: Vec<Word> = words
            .iter()
            .filter(|(_, terms)| marks(terms))
            .map(|(word, _)| word.clone())
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

/// Whether a document word with these terms matches the query word by a term of its own, a
/// near spelling or (while typing) as a word the query starts.
fn matches_itself(query: &QueryWord, terms: &[String]) -> bool {
    if terms.iter().any(|t| query.terms.contains(t)) {
        return true;
    }
    let distance = usize::from(query.distance);
    if distance == 0 {
        // No typos: only a word the query starts can match (what `edits` finds with none).
        return query.prefix && terms.iter().any(|t| t.starts_with(&query.normal));
    }
    let wanted: Vec<char> = query.normal.chars().collect();
    terms.iter().any(|term| {
        let length = term.chars().count();
        // More typos than allowed, whatever the letters, when the lengths differ so much.
        if !query.prefix && length.abs_diff(wanted.len()) > distance
            || query.prefix && length + distance < wanted.len()
        {
            return false;
        }
        let found: Vec<char> = term.chars().collect();
        if query.prefix {
            let shortest = wanted.len().saturating_sub(distance);
            (shortest..=wanted.len() + distance)
                .filter(|&n| n <= found.len())
                .any(|n| edits(&wanted, &found[..n]) <= distance)
        } else {
            distance > 0 && edits(&wanted, &found) <= distance
        }
    })
}

/// Insertions, deletions, substitutions and swaps of neighbours that make `a` into `b`
/// (optimal string alignment, as tantivy's fuzzy queries count).
fn edits(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
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

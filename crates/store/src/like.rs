//! Text search with `LIKE`: the pattern for «contains», the same on both backends.

/// `%text%` for `LIKE … ESCAPE '\'`, lower-cased, with the pattern characters escaped.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

//! A structural check of rendered HTML: every tag allow-listed, every attribute expected,
//! every link to an allowed scheme. Stricter than searching the output for bad strings.
//! The Markdown tests and the fuzz target `markdown` (`fuzz/`) both judge `render` with it,
//! so the two cannot disagree about what is safe.

use super::{LINK_REL, TAGS};

const ALLOWED_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// One tag of rendered output: its lower-case name (with a leading `/` when closing) and its
/// attributes with their (still entity-encoded) values.
struct HtmlTag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Every tag in `html`. The sanitiser escapes `<` in text, so each `<` starts a tag.
fn tags(html: &str) -> Vec<HtmlTag> {
    html.split('<').skip(1).map(parse_tag).collect()
}

fn parse_tag(piece: &str) -> HtmlTag {
    let body = piece.split('>').next().unwrap_or("");
    let name_len = body.find([' ', '/', '>']).filter(|&i| i > 0);
    let (name, mut rest) = body.split_at(name_len.unwrap_or(body.len()));
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '/']);
        let Some((attr, after)) = rest.split_once("=\"") else {
            assert!(rest.trim().is_empty(), "unquoted attribute in <{body}>");
            break;
        };
        let (value, after) = after.split_once('"').expect("closed attribute value");
        attributes.push((attr.to_ascii_lowercase(), value.to_string()));
        rest = after;
    }
    HtmlTag {
        name: name.to_ascii_lowercase(),
        attributes,
    }
}

/// The output of `render` can do nothing but show text and follow http(s)/mailto links.
/// Panics, naming `input`, when it could.
pub fn assert_inert(input: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for forbidden in [
        "<script", "<iframe", "<svg", "<img", "<style", "<object", "<embed",
    ] {
        assert!(
            !lower.contains(forbidden),
            "{forbidden} from {input:?}: {html}"
        );
    }
    for tag in tags(html) {
        let name = tag.name.trim_start_matches('/');
        assert!(TAGS.contains(&name), "tag <{name}> from {input:?}: {html}");
        for (attr, value) in &tag.attributes {
            assert!(!attr.starts_with("on"), "{attr}= from {input:?}: {html}");
            match (name, attr.as_str()) {
                ("a", "href") => assert_safe_href(input, value, html),
                ("a", "rel") => assert_eq!(value, LINK_REL),
                _ => panic!("attribute {attr} on <{name}> from {input:?}: {html}"),
            }
        }
    }
}

/// The address a browser follows starts with an allowed scheme: judged as the browser reads
/// it, with character references decoded, leading spaces and control characters stripped and
/// tabs and line breaks removed. What follows the scheme is that scheme's business
/// (`mailto:javascript:x` writes an e-mail), so it is not searched for bad words.
fn assert_safe_href(input: &str, href: &str, html: &str) {
    let followed: String = decode_references(href)
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    assert!(
        ALLOWED_SCHEMES.iter().any(|s| followed.starts_with(s)),
        "href {href:?} from {input:?}: {html}"
    );
}

/// `value` with its character references decoded: the named ones the serialiser writes and
/// every numeric one. Another named reference stays as written, so it can only make an
/// address fail the check, never pass it.
fn decode_references(value: &str) -> String {
    let mut decoded = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let reference = rest
            .find(';')
            .map(|end| &rest[1..end])
            .and_then(|name| Some((name, decode_reference(name)?)));
        match reference {
            Some((name, c)) => {
                decoded.push(c);
                rest = &rest[name.len() + 2..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

fn decode_reference(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "quot" => return Some('"'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "nbsp" => return Some('\u{a0}'),
        _ => name.strip_prefix('#')?,
    };
    let number = match code.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => code.parse().ok()?,
    };
    char::from_u32(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caught(html: &str) -> bool {
        std::panic::catch_unwind(|| assert_inert("", html)).is_err()
    }

    fn link(href: &str) -> String {
        format!("<p><a href=\"{href}\" rel=\"noopener noreferrer nofollow\">a</a></p>")
    }

    #[test]
    fn the_checker_catches_unsafe_output() {
        assert!(caught("<p onclick=\"x\">a</p>"));
        assert!(caught(&link("javascript:alert(1)")));
        assert!(caught(&link(" JavaScript:alert(1)")));
        assert!(caught(&link("&#106;avascript:alert(1)")));
        assert!(caught(&link("&#x6A;avascript:alert(1)")));
        assert!(caught(&link("java&#x09;script:alert(1)")));
        assert!(caught(&link("data:text/html,x")));
        assert!(caught("<img src=\"x\">"));
        assert!(caught("<div>a</div>"));
        assert!(!caught(&link("https://x.no")));
        assert!(!caught(&link("&#104;ttps://x.no?a=1&amp;b=2")));
    }

    /// The fuzz target's first finding (CI, December 2026): an address of an allowed scheme
    /// that mentions `javascript:` further on was taken for a script address. It is not one.
    #[test]
    fn an_allowed_scheme_mentioning_javascript_later_is_safe() {
        assert!(!caught(&link("mailto:javascript:x")));
        assert!(!caught(&link("http://a/javascript:")));
    }
}

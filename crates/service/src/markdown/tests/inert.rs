//! A structural check of rendered HTML: every tag allow-listed, every attribute expected,
//! every link to an allowed scheme. Stricter than searching the output for bad strings.

use super::super::{LINK_REL, TAGS};

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
pub(super) fn assert_inert(input: &str, html: &str) {
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

fn assert_safe_href(input: &str, href: &str, html: &str) {
    let lower = href.to_ascii_lowercase();
    for scheme in ["javascript:", "data:", "vbscript:"] {
        assert!(
            !lower.contains(scheme),
            "{scheme} href from {input:?}: {html}"
        );
    }
    assert!(
        ALLOWED_SCHEMES.iter().any(|s| lower.starts_with(s)),
        "href {href:?} from {input:?}: {html}"
    );
}

#[test]
fn the_checker_catches_unsafe_output() {
    let caught = |html: &str| std::panic::catch_unwind(|| assert_inert("", html)).is_err();
    assert!(caught("<p onclick=\"x\">a</p>"));
    assert!(caught("<a href=\"javascript:alert(1)\">a</a>"));
    assert!(caught("<img src=\"x\">"));
    assert!(caught("<div>a</div>"));
    assert!(!caught(
        "<p><a href=\"https://x.no\" rel=\"noopener noreferrer nofollow\">a</a></p>"
    ));
}

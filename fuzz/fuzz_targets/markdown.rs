//! Markdown rendering and sanitising: any text renders without a panic, and no tag that
//! comes out is a script, a frame or an object, or carries an event handler or a
//! `javascript:` address. (Raw HTML in the text stays text: escaped, its `<` is `&lt;`, so
//! every `<` in the output begins a real tag.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use prisverdig_service::markdown::{render, render_inline_plain};

fuzz_target!(|text: &str| {
    let html = render(text);
    for tag in html.split('<').skip(1) {
        let tag = tag
            .split('>')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or_default();
        assert!(
            !["script", "iframe", "object", "embed", "style", "svg"].contains(&name),
            "a {name} tag in {html}"
        );
        assert!(!tag.contains("javascript:"), "a script address in {html}");
        for attribute in tag.split_whitespace().skip(1) {
            assert!(
                !(attribute.starts_with("on") && attribute.contains('=')),
                "an event handler in {html}"
            );
        }
    }
    let plain = render_inline_plain(text, 200);
    assert!(plain.chars().count() <= 201, "{plain}");
});

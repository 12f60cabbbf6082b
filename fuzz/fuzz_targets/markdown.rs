//! Markdown rendering and sanitising: any text renders without a panic, and what comes out
//! passes the Markdown tests' structural check (`markdown::inert`): every tag allow-listed,
//! no event handler or other attribute, every link's address of an allowed scheme as a
//! browser reads it. The plain form keeps to its length.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prisverdig_service::markdown::{inert::assert_inert, render, render_inline_plain};

fuzz_target!(|text: &str| {
    assert_inert(text, &render(text));
    let plain = render_inline_plain(text, 200);
    assert!(plain.chars().count() <= 200, "{plain}");
});

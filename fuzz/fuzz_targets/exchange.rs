//! The import format: any text is read or refused with problems, never a panic; whatever
//! reads is checked the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prisverdig_domain::exchange::{parse, validate};

fuzz_target!(|text: &str| {
    if let Ok(doc) = parse(text) {
        let _ = validate(&doc);
    }
});

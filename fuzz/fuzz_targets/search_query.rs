//! The search query parser: anything typed into the search box becomes words (with their
//! forms and a compound's parts) without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = prisverdig_service::search::fuzzing::parse_query(text);
});

//! Extractors: the visitor's language, the signed-in user, the page shell.

pub mod client;
pub mod locale;
pub mod user;

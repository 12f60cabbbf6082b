//! The web layer (axum): one folder per area, one file per page or action. A handler
//! extracts → calls a service → renders or redirects (303). No SQL here.

mod admin;
mod api;
mod apply;
mod auth;
pub mod brand;
mod error;
mod extract;
mod format;
pub mod i18n;
mod layout;
mod middleware;
mod ops;
mod public;
mod router;
mod static_files;
mod stories;

pub use error::WebError;
pub use router::{AppState, WebSettings, router};

//! Cross-cutting request handling: CSRF, error pages, security headers, metrics, the
//! cache of public pages.

pub mod csrf;
pub mod errors;
pub mod headers;
pub mod metrics;
pub mod page_cache;

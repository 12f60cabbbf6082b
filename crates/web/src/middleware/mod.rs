//! Cross-cutting request handling: request ids and tracing, CSRF, error pages, security
//! headers, metrics, the cache of public pages.

pub mod csrf;
pub mod errors;
pub mod headers;
pub mod metrics;
pub mod page_cache;
pub mod request_trace;

//! Cross-cutting request handling: CSRF, error pages, security headers, metrics.

pub mod csrf;
pub mod errors;
pub mod headers;
pub mod metrics;

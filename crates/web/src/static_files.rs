//! Static assets compiled into the binary (one file to install); nothing is fetched at run
//! time. The vendored files come from `scripts/vendor-frontend.sh`.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;

use crate::error::WebError;
use std::sync::LazyLock;

const FILES: [(&str, &str, &[u8]); 11] = [
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
    (
        "autosave.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/autosave.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "widget.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/widget.css"),
    ),
    (
        "vendor/theme.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/vendor/theme.css"),
    ),
    (
        "vendor/designsystemet.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/vendor/designsystemet.css"),
    ),
    (
        "live.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/live.js"),
    ),
    (
        "ceremony.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/ceremony.js"),
    ),
    (
        "ceremony.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/ceremony.css"),
    ),
    (
        "vendor/htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/vendor/htmx.min.js"),
    ),
];

/// A fingerprint of all assets, appended to their URLs (`?v=…`) so a new release is never
/// served stale CSS from a browser's cache.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in FILES.iter().flat_map(|(_, _, bytes)| bytes.iter()) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
});

/// `/favicon.ico`, which browsers and tools ask for whatever the page links: the SVG icon.
pub async fn favicon() -> Result<impl IntoResponse, WebError> {
    serve(Path("favicon.svg".to_string())).await
}

pub async fn serve(Path(path): Path<String>) -> Result<impl IntoResponse, WebError> {
    let (_, content_type, bytes) = FILES
        .iter()
        .find(|(name, _, _)| *name == path)
        .ok_or(WebError::NotFound)?;
    Ok((
        [
            (CONTENT_TYPE, *content_type),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        *bytes,
    ))
}

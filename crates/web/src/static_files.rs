//! Static assets compiled into the binary (one file to install); nothing is fetched at run
//! time. The vendored files come from `scripts/vendor-frontend.sh`.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;

use crate::error::WebError;

const FILES: [(&str, &str, &[u8]); 4] = [
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
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
        "vendor/htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/vendor/htmx.min.js"),
    ),
];

pub async fn serve(Path(path): Path<String>) -> Result<impl IntoResponse, WebError> {
    let (_, content_type, bytes) = FILES
        .iter()
        .find(|(name, _, _)| *name == path)
        .ok_or(WebError::NotFound)?;
    Ok((
        [
            (CONTENT_TYPE, *content_type),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        *bytes,
    ))
}

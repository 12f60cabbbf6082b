//! `/brand.css` and `/brand/logo`: the organisation's accent colour and logo, from the
//! settings read at start-up.

use crate::error::WebError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;

pub async fn stylesheet(State(state): State<AppState>) -> impl IntoResponse {
    let css = state.settings.brand.css();
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=300"),
        ],
        css,
    )
}

pub async fn logo(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let (content_type, bytes) = state
        .settings
        .brand
        .logo
        .clone()
        .ok_or(WebError::NotFound)?;
    Ok((
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "public, max-age=300"),
        ],
        bytes,
    ))
}

//! How a handler answers besides rendering a page: the redirect after a change, a form
//! again as 422, and the header a script sends to be answered in JSON instead.

use axum::response::{IntoResponse, Redirect, Response};

/// The header autosave sends; its answers are JSON, never a redirect.
pub const AUTOSAVE_HEADER: &str = "x-autosave";

/// Post/Redirect/Get: after a successful change, the page that shows it.
pub(crate) fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// The page again with its messages, as 422.
pub(crate) fn unprocessable(page: impl IntoResponse) -> Response {
    (axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

//! Renders every error response (ours, axum's rejections, a caught panic) as a translated
//! page with the visitor's language; never a stack trace. Under `/api/` every error is the
//! API's JSON shape instead: its handlers write their own, and an answer axum gave itself (an
//! unknown path, a method the path does not take) gets the same `{"error": code}` here.

use crate::error::{ErrorPage, WebError};
use crate::extract::locale::locale_of;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorTemplate {
    shell: Shell,
    title_key: &'static str,
    text_key: &'static str,
}

fn keys(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        403 => ("error-403-title", "error-403-text"),
        404 => ("error-404-title", "error-404-text"),
        405 => ("error-405-title", "error-405-text"),
        409 => ("error-409-title", "error-409-text"),
        410 => ("error-410-title", "error-410-text"),
        413 => ("error-413-title", "error-413-text"),
        429 => ("error-429-title", "error-429-text"),
        400..=499 => ("error-400-title", "error-400-text"),
        _ => ("error-500-title", "error-500-text"),
    }
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A script's own answer (autosave): JSON it reads and shows, not a page.
fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let locale = locale_of(request.headers());
    let is_api = request.uri().path().starts_with("/api/");
    let is_script = request
        .headers()
        .contains_key(crate::respond::AUTOSAVE_HEADER);
    let response = next.run(request).await;
    let status = response.status();
    let marked = response.extensions().get::<ErrorPage>().is_some();
    let wants_page = status.is_client_error() || status.is_server_error();
    let script_answer = is_script && is_json(&response) && !marked;
    if is_api {
        return if wants_page && !is_json(&response) {
            api_error(response)
        } else {
            response
        };
    }
    if !wants_page || (is_html(&response) && !marked) || script_answer {
        return response;
    }
    if status.is_server_error() && !marked {
        tracing::error!(%status, "request failed without a handled error (panic or rejection)");
    }
    let (title_key, text_key) = keys(status);
    let shell = Shell::minimal(locale, state.organisation_name().await);
    let mut page = ErrorTemplate {
        shell,
        title_key,
        text_key,
    }
    .into_response();
    *page.status_mut() = status;
    page
}

/// The API's stable code for an error status (`ApiErrorBody::error`).
pub fn api_error_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::CONFLICT => "conflict",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        s if s.is_client_error() => "bad_request",
        _ => "internal",
    }
}

/// The JSON error body in place of an empty or plain-text one, keeping the status and headers
/// (a 405's `Allow` among them).
fn api_error(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    let body = serde_json::json!({ "error": api_error_code(parts.status) }).to_string();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts.headers.insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, axum::body::Body::from(body))
}

pub async fn not_found() -> WebError {
    WebError::NotFound
}

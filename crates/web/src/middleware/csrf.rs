//! CSRF protection for every state-changing request: a random token in a cookie that each
//! form repeats in its `_csrf` field (or the `X-CSRF-Token` header); a cross-site `Origin`
//! is refused outright. Safe methods only receive the cookie.
//!
//! Two kinds of request are not checked, because no handler could act on them: a method no
//! route takes (TRACE, PUT, PATCH…: the router answers 405) and anything under `/api/`, the
//! read-only JSON API, where every route is GET (`route_table.rs` checks that), so a POST or
//! DELETE there gets its 405 and not a 403 for a token an API client never has.

use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, HOST, ORIGIN, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;

/// The token of this request, for forms to embed.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Largest form body the check will read (uploads use multipart and the header instead).
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
pub const FIELD: &str = "_csrf";

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-prisverdig_csrf"
    } else {
        "prisverdig_csrf"
    }
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// Lower-case hex, without an allocation per byte (every first visit makes a token).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && v.len() == 64)
        .map(|(_, v)| v.to_string())
}

/// Constant-time comparison, so the check leaks nothing through timing.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cross_origin(headers: &HeaderMap) -> bool {
    let (Some(origin), Some(host)) = (headers.get(ORIGIN), headers.get(HOST)) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or("");
    let host = host.to_str().unwrap_or("");
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin == "null" || origin_host != host
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

fn refuse() -> Response {
    (StatusCode::FORBIDDEN, crate::error::ErrorPage::marker()).into_response()
}

pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let name = cookie_name(state.settings.secure_cookies);
    let existing = cookie_value(request.headers(), name);
    let safe = !matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) || request.uri().path().starts_with("/api/");
    let mut request = if safe {
        request
    } else {
        match verify(request, existing.as_deref()).await {
            Ok(request) => request,
            Err(response) => return response,
        }
    };
    let token = existing.clone().unwrap_or_else(new_token);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let secure = if state.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// Checks the token of an unsafe request and hands the request back, body intact.
async fn verify(request: Request, expected: Option<&str>) -> Result<Request, Response> {
    let Some(expected) = expected else {
        return Err(refuse());
    };
    if cross_origin(request.headers()) {
        return Err(refuse());
    }
    let header = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok());
    if header.is_some_and(|h| same(h, expected)) {
        return Ok(request);
    }
    if is_multipart(request.headers()) {
        // Uploads are not read twice: their form carries the token in the action's query.
        let in_query = request.uri().query().is_some_and(|q| {
            form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == FIELD && same(&v, expected))
        });
        return if in_query { Ok(request) } else { Err(refuse()) };
    }
    if !is_form(request.headers()) {
        return Err(refuse());
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let found = form_urlencoded::parse(&bytes).any(|(k, v)| k == FIELD && same(&v, expected));
    if !found {
        return Err(refuse());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_well_formed_token_cookies() {
        let mut headers = HeaderMap::new();
        let token = new_token();
        let cookie = format!("a=b; prisverdig_csrf={token}; c=d");
        headers.insert(COOKIE, HeaderValue::from_str(&cookie).unwrap());
        assert_eq!(cookie_value(&headers, "prisverdig_csrf"), Some(token));
        headers.insert(COOKIE, HeaderValue::from_static("prisverdig_csrf=short"));
        assert_eq!(cookie_value(&headers, "prisverdig_csrf"), None);
    }

    #[test]
    fn detects_cross_origin_posts() {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(!cross_origin(&headers));
        headers.insert(ORIGIN, HeaderValue::from_static("http://127.0.0.1:8080"));
        assert!(!cross_origin(&headers));
        headers.insert(ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(cross_origin(&headers));
        headers.insert(ORIGIN, HeaderValue::from_static("null"));
        assert!(cross_origin(&headers));
    }

    #[test]
    fn compares_tokens_exactly() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}

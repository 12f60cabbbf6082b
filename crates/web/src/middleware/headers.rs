//! Security headers on every response: a CSP without inline script, no sniffing, no framing;
//! and HSTS when the installation is reached over https (its public URL says so).
//!
//! One page may be framed: the intranet widget (`/widget`), by this installation and the
//! configured `widget_origins` only. Its fragment (`/widget.html`) may be read across origins
//! by those same origins (CORS). Both are decided here, on the way out, so a page served from
//! the page cache gets them exactly as a fresh one does.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_SECURITY_POLICY, ORIGIN, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, VARY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;

/// Every directive but `frame-ancestors`, which depends on the page.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                      object-src 'none'; base-uri 'none'; form-action 'self'";
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The one page that may be framed, and the fragment other origins may read.
pub const WIDGET_PAGE: &str = "/widget";
pub const WIDGET_FRAGMENT: &str = "/widget.html";

/// A year; browsers then refuse plain http for this host. Subdomains are left alone: they
/// belong to the organisation's other services.
const HSTS: &str = "max-age=31536000";

pub async fn security(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let (framable, fragment) = (path == WIDGET_PAGE, path == WIDGET_FRAGMENT);
    let origin = request.headers().get(ORIGIN).cloned();
    let mut response = next.run(request).await;
    let widget = &state.settings.widget;
    let headers = response.headers_mut();
    if framable {
        let policy = format!("{POLICY}; frame-ancestors {}", widget.frame_ancestors());
        match HeaderValue::from_str(&policy) {
            Ok(policy) => {
                headers.insert(CONTENT_SECURITY_POLICY, policy);
                headers.remove(X_FRAME_OPTIONS);
            }
            // Origins are checked at start-up; should one still not fit a header, no framing.
            Err(_) => {
                headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
                headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            }
        }
    } else {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if fragment {
        // The answer differs by the asking origin: shared caches must keep them apart.
        headers.append(VARY, HeaderValue::from_static("Origin"));
        if let Some(origin) = origin.filter(|o| o.to_str().is_ok_and(|o| widget.allows(o))) {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if state.settings.secure_cookies {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

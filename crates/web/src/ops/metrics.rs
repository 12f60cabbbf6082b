//! `/metrics` in Prometheus text format: requests by route and status, latency, DB pool.
//! On the public address it answers only a request with the configured bearer token (none
//! configured: nobody, 404); [`metrics_router`] serves it without a token on a second address
//! that only the monitoring network reaches.

use crate::error::WebError;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

const LATENCY_BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// Installs the process-wide recorder once (several in-process servers in tests share it).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Suffix("duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .ok()?
                .install_recorder()
                .ok()
        })
        .as_ref()
}

/// Equal, in time that does not depend on where the two first differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn bearer(headers: &HeaderMap) -> Option<&[u8]> {
    let value = headers.get(AUTHORIZATION)?.as_bytes();
    value.strip_prefix(b"Bearer ")
}

/// On the public address: the token, or nothing.
pub async fn render(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.settings.metrics_token.as_deref() else {
        return WebError::NotFound.into_response();
    };
    if !bearer(&headers).is_some_and(|given| same(given, token.as_bytes())) {
        return (StatusCode::UNAUTHORIZED, [(WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    open(State(state)).await.into_response()
}

async fn open(State(state): State<AppState>) -> impl IntoResponse {
    let (size, idle) = state.services.pool_stats();
    metrics::gauge!("db_pool_connections").set(f64::from(size));
    metrics::gauge!("db_pool_idle_connections").set(idle as f64);
    let (waits, given_up) = state.services.write_lock_waits();
    metrics::counter!("db_write_lock_waits_total").absolute(waits);
    metrics::counter!("db_write_lock_timeouts_total").absolute(given_up);
    let body = handle().map(|h| h.render()).unwrap_or_default();
    ([(CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}

/// Only `/metrics`, without a token: for the `metrics_bind` address.
pub fn metrics_router(state: AppState) -> Router {
    handle();
    Router::new().route("/metrics", get(open)).with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_must_match_exactly() {
        assert!(same(b"s3cret-token-123", b"s3cret-token-123"));
        assert!(!same(b"s3cret-token-123", b"s3cret-token-124"));
        assert!(!same(b"s3cret", b"s3cret-token-123"));
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, "Bearer abc".parse().unwrap());
        assert_eq!(bearer(&headers), Some(&b"abc"[..]));
        headers.insert(AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer(&headers), None);
    }
}

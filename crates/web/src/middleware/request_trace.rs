//! A span per request, so that every log line inside carries the request: its method, its
//! route template (`/applications/{id}`, never the concrete path, which can hold an
//! invitation token) and its request id (`x-request-id`, the caller's or a fresh UUID, sent
//! back on the response). Query strings and bodies are never logged. A finished request
//! logs one line with its status and latency; a 500's cause is logged where it is handled
//! (`error.rs`, `errors::render`), so the trace does not log failures again.

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::Request;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{
    DefaultOnBodyChunk, DefaultOnEos, DefaultOnRequest, DefaultOnResponse, TraceLayer,
};
use tracing::{Level, Span};

/// The header that carries the request id, both ways.
pub const REQUEST_ID: &str = "x-request-id";

type MakeSpan = fn(&Request<Body>) -> Span;

/// The span a request's logs are recorded in.
fn span(request: &Request<Body>) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!("request", method = %request.method(), route, request_id = id)
}

/// Opens the request's span and logs its end; inside `set_id` so the id is known.
pub fn trace() -> TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    MakeSpan,
    DefaultOnRequest,
    DefaultOnResponse,
    DefaultOnBodyChunk,
    DefaultOnEos,
    (),
> {
    TraceLayer::new_for_http()
        .make_span_with(span as MakeSpan)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
        .on_failure(())
}

/// Gives a request without an `x-request-id` a fresh UUID; one that has it keeps it.
pub fn set_id() -> SetRequestIdLayer<MakeRequestUuid> {
    SetRequestIdLayer::x_request_id(MakeRequestUuid)
}

/// Sends the request's id back on its response.
pub fn propagate_id() -> PropagateRequestIdLayer {
    PropagateRequestIdLayer::x_request_id()
}

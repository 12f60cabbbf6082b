//! Endpoints for operators: health and metrics.

mod health;
mod metrics;

pub use metrics::metrics_router;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

/// Also installs the metrics recorder, before any request is counted.
pub fn routes() -> Router<AppState> {
    metrics::handle();
    Router::new()
        .route("/healthz", get(health::check))
        .route("/metrics", get(metrics::render))
}

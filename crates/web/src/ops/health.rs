//! `/healthz`: 200 only when the database answers.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.services.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

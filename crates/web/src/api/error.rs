//! API errors as JSON with a status, never an HTML page or a stack trace.

use crate::error::WebError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// A stable code: `not_found`, `conflict`, `bad_request`, `internal`.
    pub error: &'static str,
}

pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let error = match status {
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::CONFLICT => "conflict",
            s if s.is_client_error() => "bad_request",
            _ => {
                let chain = crate::error::cause_chain(&self.0);
                tracing::error!(%status, error = %chain, "API request failed");
                "internal"
            }
        };
        (status, Json(ApiErrorBody { error })).into_response()
    }
}

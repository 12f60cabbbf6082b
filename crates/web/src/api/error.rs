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

pub enum ApiError {
    /// A path or query the API cannot read (axum's own rejection would answer plain text).
    BadRequest,
    Web(WebError),
}

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError::Web(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let ApiError::Web(web) = self else {
            let body = ApiErrorBody {
                error: "bad_request",
            };
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        };
        let status = web.status();
        let error = match status {
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::CONFLICT => "conflict",
            s if s.is_client_error() => "bad_request",
            _ => {
                let chain = crate::error::cause_chain(&web);
                tracing::error!(%status, error = %chain, "API request failed");
                "internal"
            }
        };
        (status, Json(ApiErrorBody { error })).into_response()
    }
}

//! API errors as JSON with a status, never an HTML page or a stack trace. Every error the
//! API gives has this shape, axum's own answers included (`middleware::errors` writes it for
//! a 404 or 405 that no handler wrote).

use crate::error::WebError;
use crate::middleware::errors::api_error_code;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// A stable code: `bad_request`, `not_found`, `method_not_allowed`, `conflict`,
    /// `internal`.
    pub error: &'static str,
    /// The query or path parameter that could not be read, when one was at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// What was wrong with it and what is accepted, in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<&'static str>,
}

pub enum ApiError {
    /// A parameter the API cannot read (axum's own rejection would answer plain text).
    BadRequest {
        field: &'static str,
        message: &'static str,
    },
    Web(WebError),
}

impl ApiError {
    pub fn bad(field: &'static str, message: &'static str) -> ApiError {
        ApiError::BadRequest { field, message }
    }
}

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError::Web(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let web = match self {
            ApiError::BadRequest { field, message } => {
                let body = ApiErrorBody {
                    error: "bad_request",
                    field: Some(field),
                    message: Some(message),
                };
                return (StatusCode::BAD_REQUEST, Json(body)).into_response();
            }
            ApiError::Web(web) => web,
        };
        let status = web.status();
        if status.is_server_error() {
            let chain = crate::error::cause_chain(&web);
            tracing::error!(%status, error = %chain, "API request failed");
        }
        let body = ApiErrorBody {
            error: api_error_code(status),
            field: None,
            message: None,
        };
        (status, Json(body)).into_response()
    }
}

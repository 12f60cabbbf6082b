//! The one place that maps errors to a status and a translated page, logging the cause.
//! Handlers return [`WebError`]; the response carries an [`ErrorPage`] marker that
//! `middleware::errors` turns into a page in the visitor's language.

use axum::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prisverdig_service::ServiceError;

/// Marks a response whose body the error middleware should render.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage;

impl ErrorPage {
    pub fn marker() -> Extension<ErrorPage> {
        Extension(ErrorPage)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("session: {0}")]
    Session(#[from] tower_sessions::session::Error),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    /// A printable's PDF could not be made (`pdf.rs`).
    #[error("pdf: {0}")]
    Pdf(String),
}

impl WebError {
    /// The status of every error, spelled out: a new error variant must be placed here
    /// (`docs/adr/0010-error-policy.md`).
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Forbidden => StatusCode::FORBIDDEN,
            WebError::Service(e) => service_status(e),
            WebError::Session(_) | WebError::Template(_) | WebError::Pdf(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

/// What each use-case error means over HTTP.
pub fn service_status(e: &ServiceError) -> StatusCode {
    match e {
        ServiceError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ServiceError::BadCredentials => StatusCode::UNAUTHORIZED,
        ServiceError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ServiceError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        ServiceError::LocalSignInOff => StatusCode::FORBIDDEN,
        ServiceError::Forbidden => StatusCode::FORBIDDEN,
        ServiceError::NotFound => StatusCode::NOT_FOUND,
        ServiceError::Conflict => StatusCode::CONFLICT,
        ServiceError::Gone => StatusCode::GONE,
        ServiceError::Store(_) | ServiceError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The error and every cause under it, joined by `: ` (what the log shows).
pub fn cause_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut chain = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            // Logged here once, with its whole cause chain; the page shows none of it.
            tracing::error!(%status, error = %cause_chain(&self), "request failed");
        }
        (status, ErrorPage::marker()).into_response()
    }
}

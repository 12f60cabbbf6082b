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
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound | WebError::Service(ServiceError::NotFound) => StatusCode::NOT_FOUND,
            WebError::Forbidden | WebError::Service(ServiceError::Forbidden) => {
                StatusCode::FORBIDDEN
            }
            WebError::Service(ServiceError::RateLimited) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Service(ServiceError::Gone) => StatusCode::GONE,
            WebError::Service(ServiceError::Conflict) => StatusCode::CONFLICT,
            WebError::Service(ServiceError::BadCredentials) => StatusCode::UNAUTHORIZED,
            WebError::Service(ServiceError::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            let mut chain = self.to_string();
            let mut source = std::error::Error::source(&self);
            while let Some(cause) = source {
                chain.push_str(": ");
                chain.push_str(&cause.to_string());
                source = cause.source();
            }
            tracing::error!(%status, error = %chain, "request failed");
        }
        (status, ErrorPage::marker()).into_response()
    }
}

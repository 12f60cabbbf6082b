//! The read-only JSON API under `/api/v1/`, documented by the OpenAPI document at
//! `/api/openapi.json`. It shows exactly what the public pages show: the same use cases,
//! the same visibility rules.

mod applications;
mod error;

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Prisverdig API",
        description = "Read-only access to the public catalogue of applications."
    ),
    paths(applications::list, applications::one),
    components(schemas(
        applications::ApplicationItem,
        applications::ApplicationList,
        applications::ApplicationDetail,
        applications::Answer,
        applications::OutcomeView,
        error::ApiErrorBody
    ))
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/applications", get(applications::list))
        .route("/api/v1/applications/{id}", get(applications::one))
        .route("/api/openapi.json", get(openapi))
}

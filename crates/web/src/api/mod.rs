//! The read-only JSON API under `/api/v1/`, documented by the OpenAPI document at
//! `/api/openapi.json`. It shows exactly what the public pages show: the same use cases,
//! the same visibility rules. Every route is GET; any other method answers 405 with the
//! JSON error shape, as does every error (`scripts/api-contract/run.sh` checks the document
//! against the running API with schemathesis).

mod applications;
mod error;
mod stories;

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Prisverdig API",
        description = "Read-only access to the public catalogue of applications and the \
            stories about them. Every error answers with `ApiErrorBody`."
    ),
    paths(applications::list, applications::one, stories::list, stories::one),
    components(schemas(
        applications::ApplicationItem,
        applications::ApplicationList,
        applications::ApplicationDetail,
        applications::Answer,
        applications::OutcomeView,
        applications::KindParam,
        applications::StatusParam,
        stories::StoryItem,
        stories::StoryList,
        stories::StoryDetail,
        stories::StoryImageView,
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
        .route("/api/v1/stories", get(stories::list))
        .route("/api/v1/stories/{id}", get(stories::one))
        .route("/api/openapi.json", get(openapi))
}

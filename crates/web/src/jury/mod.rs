//! The jury's pages: the juror's list, the review page (scores, the others' reviews after
//! one's own, the jurors' discussion, declaring a conflict), the chair's overview with the
//! lock and the publication, and the decision and feedback on each application. Every page
//! asks the jury's use cases, which decide who sees what (`prisverdig_service::jury::Panel`).

mod decision;
mod discussion;
mod export;
mod overview;
mod review;
mod seats;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/jury", get(seats::show))
        .route("/jury/applications/{id}", get(review::show))
        .route("/jury/applications/{id}/review", post(review::save))
        .route("/jury/applications/{id}/conflict", post(review::declare))
        .route(
            "/jury/applications/{id}/discussion",
            get(discussion::fragment).post(discussion::post),
        )
        .route(
            "/jury/applications/{id}/decision",
            get(decision::show).post(decision::decide),
        )
        .route("/jury/applications/{id}/feedback", post(decision::feedback))
        .route("/jury/categories/{id}", get(overview::show))
        .route("/jury/categories/{id}/export.csv", get(export::csv))
        .route("/jury/categories/{id}/export.xlsx", get(export::xlsx))
        .route("/jury/categories/{id}/lock", post(overview::lock))
        .route(
            "/jury/categories/{id}/publication",
            post(overview::publication),
        )
}

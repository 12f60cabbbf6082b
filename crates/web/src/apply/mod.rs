//! The applicant's pages: choose a category, write and submit, the team, «Mine søknader».

mod attachments;
mod continues;
mod edit;
mod fields;
pub(crate) mod form;
mod kept;
mod mine;
mod receipt;
mod save;
mod sources;
mod start;
mod team;
mod withdraw;

use crate::state::AppState;
use crate::uploads;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/apply", get(start::form).post(start::submit))
        .route("/applications/{id}/edit", get(edit::show))
        .route("/applications/{id}/save", post(save::save))
        .route("/applications/{id}/withdraw", post(withdraw::submit))
        .route("/applications/{id}/receipt", get(receipt::show))
        .route("/applications/{id}/conflict", post(receipt::point_out))
        .route("/applications/{id}/team", post(team::invite))
        .route("/applications/{id}/team/remove", post(team::remove))
        .route("/my-applications", get(mine::show))
        .route("/applications/{id}/sources", get(sources::search))
        .route("/applications/{id}/continues", get(continues::search))
        .route(
            "/applications/{id}/attachments",
            post(attachments::upload).layer(uploads::body_limit()),
        )
        .route(
            "/applications/{id}/attachments/{attachment}/remove",
            post(attachments::remove),
        )
        .route("/files/{id}", get(attachments::file))
        .route("/files/{id}/thumbnail", get(attachments::thumbnail))
}

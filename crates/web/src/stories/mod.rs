//! «Tanketanken», the innovation blog: stories for everyone (`/stories`, a story's page),
//! and the editors' pages to write, link, illustrate, publish and unpublish them.

mod edit;
mod images;
mod links;
mod list;
mod publish;
mod show;

use crate::state::AppState;
use crate::uploads;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stories", get(list::show))
        .route("/stories/new", get(edit::new).post(edit::create))
        .route("/stories/drafts", get(list::drafts))
        .route("/stories/link-candidates", get(links::search))
        .route("/stories/{id}", get(show::show))
        .route("/stories/{id}/edit", get(edit::show).post(edit::save))
        .route("/stories/{id}/publish", post(publish::publish))
        .route("/stories/{id}/unpublish", post(publish::unpublish))
        .route(
            "/stories/{id}/images",
            post(images::upload).layer(uploads::body_limit()),
        )
        .route("/stories/{id}/images/{image}/remove", post(images::remove))
        .route("/story-images/{id}", get(images::file))
        .route("/story-images/{id}/thumbnail", get(images::thumbnail))
}

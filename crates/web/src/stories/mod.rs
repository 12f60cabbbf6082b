//! «Tanketanken», the innovation blog: stories for everyone (`/stories`, a story's page),
//! and the editors' pages to write, link, illustrate, publish and unpublish them.

mod edit;
mod images;
mod links;
mod list;
mod publish;
mod show;

use crate::format::date_time;
use crate::i18n::Locale;
use crate::router::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use prisverdig_store::stories::StoryRow;
use uuid::Uuid;

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
            post(images::upload).layer(DefaultBodyLimit::max(images::MAX_UPLOAD_BODY)),
        )
        .route("/stories/{id}/images/{image}/remove", post(images::remove))
        .route("/story-images/{id}", get(images::file))
        .route("/story-images/{id}/thumbnail", get(images::thumbnail))
}

/// A story in a list: the front page, `/stories`, an application's page.
pub struct StoryTeaser {
    pub id: Uuid,
    pub title: String,
    pub lead: String,
    pub author: String,
    /// When it was published, in the visitor's language.
    pub published: String,
}

impl StoryTeaser {
    pub fn of(locale: Locale, s: StoryRow) -> StoryTeaser {
        StoryTeaser {
            published: s
                .published_at
                .map(|at| date_time(locale, at))
                .unwrap_or_default(),
            id: s.id,
            title: s.title,
            lead: s.lead,
            author: s.author_name,
        }
    }

    pub fn all(locale: Locale, stories: Vec<StoryRow>) -> Vec<StoryTeaser> {
        stories.into_iter().map(|s| Self::of(locale, s)).collect()
    }
}

//! A story's page: the text, its images, and cards of the linked applications that are
//! public (the others are left out entirely).

use crate::error::WebError;
use crate::format::{badge_key, date_time};
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use prisverdig_domain::outcome::Outcome;
use prisverdig_service::markdown::render;
use prisverdig_service::model::Card;
use prisverdig_service::model::StoryImage;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "stories/show.html")]
pub struct StoryPage {
    shell: Shell,
    id: Uuid,
    title: String,
    lead: String,
    /// Sanitised HTML.
    body: String,
    author: String,
    published: String,
    images: Vec<StoryImage>,
    cards: Vec<Card>,
    /// The visitor may edit stories.
    editable: bool,
}

impl StoryPage {
    pub fn badge_key(&self, badge: &Outcome) -> &'static str {
        badge_key(*badge)
    }
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<StoryPage, WebError> {
    let p = state.services.public_story(id).await?;
    let s = p.story;
    Ok(StoryPage {
        id,
        body: render(&s.body),
        published: s
            .published_at
            .map(|at| date_time(shell.locale, at))
            .unwrap_or_default(),
        title: s.title,
        lead: s.lead,
        author: s.author_name,
        images: p.images,
        cards: p.applications,
        editable: shell.writes_stories(),
        shell,
    })
}

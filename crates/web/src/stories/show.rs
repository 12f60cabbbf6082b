//! A story's page: the text, its images, and cards of the linked applications that are
//! public (the others are left out entirely). Before its publication time the same address
//! shows those who may edit the story a preview (banner, `no-store`, `noindex`); everyone
//! else gets 404.

use crate::error::WebError;
use crate::format::{badge_key, date_time};
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Response};
use prisverdig_domain::outcome::Outcome;
use prisverdig_domain::story::StoryStatus;
use prisverdig_service::markdown::render;
use prisverdig_service::model::Card;
use prisverdig_service::model::StoryImage;
use uuid::Uuid;

/// What the preview's banner says: not published yet, or when it will be.
pub struct Preview {
    /// The banner's text, translated.
    pub banner: String,
}

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
    /// The visitor may edit this story.
    editable: bool,
    /// Set while the story is not public: only its editors see this page.
    preview: Option<Preview>,
}

impl StoryPage {
    pub fn badge_key(&self, badge: &Outcome) -> &'static str {
        badge_key(*badge)
    }
}

fn preview(shell: &Shell, status: StoryStatus, published: &str) -> Option<Preview> {
    let banner = match status {
        StoryStatus::Published => return None,
        StoryStatus::Draft => shell.t("stories-preview-draft"),
        StoryStatus::Scheduled => shell.locale.t_args(
            "stories-preview-scheduled",
            &[("at", published.to_string().into())],
        ),
    };
    Some(Preview { banner })
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let p = state.services.story_page(shell.user.as_ref(), id).await?;
    let s = p.story;
    let published = s
        .published_at
        .map(|at| date_time(shell.locale, at))
        .unwrap_or_default();
    let page = StoryPage {
        id,
        body: render(&s.body),
        preview: preview(&shell, p.status, &published),
        published,
        title: s.title,
        lead: s.lead,
        author: s.author_name,
        images: p.images,
        cards: p.applications,
        editable: p.editable,
        shell,
    };
    if page.preview.is_some() {
        // Never kept by a browser's or a proxy's cache, nor by our own page cache.
        return Ok(([(CACHE_CONTROL, "no-store")], page).into_response());
    }
    Ok(page.into_response())
}

//! `/stories`: published stories, newest first, paged; `/stories/drafts`: the stories the
//! signed-in writer may edit (an editor's own; every story, with its author, for an
//! administrator) with where each stands.

use crate::error::WebError;
use crate::extract::user::StoryWriter;
use crate::format::date_time;
use crate::layout::Shell;
use crate::state::AppState;
use crate::story_teaser::StoryTeaser;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use prisverdig_domain::story::edits_every_story;
use prisverdig_service::stories::STORIES_PER_PAGE;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/list.html")]
pub struct StoriesPage {
    shell: Shell,
    stories: Vec<StoryTeaser>,
    page: i64,
    pages: i64,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Query(query): Query<PageQuery>,
) -> Result<StoriesPage, WebError> {
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let found = state
        .services
        .public_stories(page, STORIES_PER_PAGE)
        .await?;
    let pages = (found.total + STORIES_PER_PAGE - 1) / STORIES_PER_PAGE;
    if page > 1 && page > pages {
        return Err(WebError::NotFound);
    }
    Ok(StoriesPage {
        stories: StoryTeaser::all(shell.locale, found.stories),
        page,
        pages,
        shell,
    })
}

/// A story in the editors' list.
pub struct EditorRow {
    pub id: Uuid,
    pub title: String,
    /// Translation key of where it stands.
    pub status_key: &'static str,
    /// When it is (or will be) published.
    pub when: String,
    pub author: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/drafts.html")]
pub struct DraftsPage {
    shell: Shell,
    rows: Vec<EditorRow>,
    /// The list holds other people's stories too (an administrator's): name the author.
    show_author: bool,
}

pub async fn drafts(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
) -> Result<DraftsPage, WebError> {
    let rows = state
        .services
        .stories_for_editors(&user)
        .await?
        .into_iter()
        .map(|(s, status)| EditorRow {
            status_key: super::edit::status_key(status),
            when: s
                .published_at
                .map(|at| date_time(shell.locale, at))
                .unwrap_or_default(),
            id: s.id,
            title: s.title,
            author: crate::labels::person_name(shell.locale, s.author_name),
        })
        .collect();
    let show_author = edits_every_story(&user.roles);
    Ok(DraftsPage {
        shell,
        rows,
        show_author,
    })
}

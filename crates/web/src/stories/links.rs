//! Search as you type for the applications a story is about (htmx): matching applications
//! as checkboxes for the picker, those already ticked among the candidates kept first.
//! Without JavaScript the picker lists the newest.

use crate::error::WebError;
use crate::extract::user::StoryWriter;
use crate::forms::{posted, posted_ids, posted_pairs};
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use prisverdig_domain::story::MAX_LINKS;
use prisverdig_service::model::Pickable;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "stories/link_options.html")]
pub struct LinkOptions {
    shell: Shell,
    chosen: Vec<Pickable>,
    candidates: Vec<Pickable>,
}

pub async fn search(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    RawQuery(query): RawQuery,
) -> Result<LinkOptions, WebError> {
    let pairs = posted_pairs(query.unwrap_or_default().as_bytes());
    let text: String = posted(&pairs, "link_q").chars().take(200).collect();
    let ticked: Vec<Uuid> = posted_ids(&pairs, "application")
        .take(MAX_LINKS * 2)
        .collect();
    let chosen = state.services.story_links_named(&user, &ticked).await?;
    let candidates = state
        .services
        .story_link_candidates(&user, &text)
        .await?
        .into_iter()
        .filter(|p| !ticked.contains(&p.id))
        .collect();
    Ok(LinkOptions {
        shell,
        chosen,
        candidates,
    })
}

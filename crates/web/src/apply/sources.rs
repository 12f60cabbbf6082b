//! Search as you type for the source of a stolen idea (htmx): the matching applications
//! as `<option>`s for the picker. Without JavaScript the picker lists them all.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use prisverdig_service::model::Pickable;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct SourceQuery {
    #[serde(default)]
    source_q: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "apply/source_options.html")]
pub struct SourceOptions {
    shell: Shell,
    sources: Vec<Pickable>,
}

pub async fn search(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<SourceQuery>,
) -> Result<SourceOptions, WebError> {
    let text: String = query.source_q.chars().take(200).collect();
    let sources = state.services.source_candidates(&user, id, &text).await?;
    Ok(SourceOptions { shell, sources })
}

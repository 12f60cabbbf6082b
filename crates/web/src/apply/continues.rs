//! «Continues an earlier application»: a search over the catalogue (htmx) instead of a
//! list of every application. The chosen ones stay checked above the matches; without
//! JavaScript the form offers the chosen ones and the newest few.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::forms::{posted, posted_ids, posted_pairs};
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, RawQuery, State};
use prisverdig_service::model::Pickable;
use uuid::Uuid;

/// How many candidates are offered besides the chosen ones.
pub const SHOWN: usize = 10;

#[derive(Template, WebTemplate)]
#[template(path = "apply/continues_options.html")]
pub struct ContinuesOptions {
    shell: Shell,
    options: Vec<(Pickable, bool)>,
}

/// The chosen applications (checked), then up to [`SHOWN`] of `found` not chosen.
pub fn options(all: &[Pickable], chosen: &[Uuid], found: &[Pickable]) -> Vec<(Pickable, bool)> {
    let offered = if found.is_empty() { all } else { found };
    let mut out: Vec<(Pickable, bool)> = all
        .iter()
        .filter(|p| chosen.contains(&p.id))
        .map(|p| (p.clone(), true))
        .collect();
    out.extend(
        offered
            .iter()
            .filter(|p| !chosen.contains(&p.id))
            .take(SHOWN)
            .map(|p| (p.clone(), false)),
    );
    out
}

pub async fn search(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    RawQuery(query): RawQuery,
) -> Result<ContinuesOptions, WebError> {
    let pairs = posted_pairs(query.unwrap_or_default().as_bytes());
    let text: String = posted(&pairs, "continues_q").chars().take(200).collect();
    let chosen: Vec<Uuid> = posted_ids(&pairs, "continues").collect();
    let all = state.services.source_candidates(&user, id, "").await?;
    let found = match text.trim().is_empty() {
        true => Vec::new(),
        false => state.services.source_candidates(&user, id, &text).await?,
    };
    let mut options = options(&all, &chosen, &found);
    if !text.trim().is_empty() && found.is_empty() {
        options.retain(|(_, chosen)| *chosen);
    }
    Ok(ContinuesOptions { shell, options })
}

//! Every round, newest first.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::labels::round_state;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use prisverdig_service::model::RoundRow;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "admin/rounds.html")]
pub struct RoundsPage {
    shell: Shell,
    rounds: Vec<(RoundRow, &'static str)>,
    /// Arrived here from deleting a draft round.
    deleted: bool,
}

#[derive(Deserialize, Default)]
pub struct RoundsQuery {
    #[serde(default)]
    deleted: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Query(query): Query<RoundsQuery>,
) -> Result<RoundsPage, WebError> {
    let rounds = state.services.rounds(&user).await?;
    let rounds = rounds
        .into_iter()
        .map(|r| {
            let key = round_state(r.state);
            (r, key)
        })
        .collect();
    Ok(RoundsPage {
        shell,
        rounds,
        deleted: query.deleted.is_some(),
    })
}

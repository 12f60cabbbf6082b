//! The tips about candidates, for the administrators, who mark each one handled.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::date_time;
use crate::layout::Shell;
use crate::respond::see_other;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_service::model::TipRow;
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "admin/tips.html")]
pub struct TipsPage {
    shell: Shell,
    /// Each tip with when it came.
    tips: Vec<(TipRow, String)>,
}

pub async fn list(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
) -> Result<TipsPage, WebError> {
    let tips = state.services.tips(&user).await?;
    let tips = tips
        .into_iter()
        .map(|t| {
            let at = date_time(shell.locale, t.created_at);
            (t, at)
        })
        .collect();
    Ok(TipsPage { shell, tips })
}

pub async fn handled(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    state.services.mark_tip_handled(&user, id).await?;
    Ok(see_other("/admin/tips"))
}

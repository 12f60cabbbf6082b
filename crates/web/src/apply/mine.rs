//! «Mine søknader»: the applications the user owns or helps write, with their state.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use prisverdig_domain::application::ApplicationState;
use uuid::Uuid;

pub struct Row {
    pub id: Uuid,
    pub title: String,
    pub state: ApplicationState,
    pub category: String,
    pub round: String,
    pub updated: String,
    pub is_owner: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "apply/mine.html")]
pub struct MinePage {
    shell: Shell,
    rows: Vec<Row>,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
) -> Result<MinePage, WebError> {
    let rows = state
        .services
        .my_applications(&user)
        .await?
        .into_iter()
        .map(|a| Row {
            updated: date_time(shell.locale, a.updated_at),
            title: if a.title.is_empty() {
                shell.t("apply-untitled")
            } else {
                a.title
            },
            id: a.id,
            state: a.state,
            category: a.category_name,
            round: a.round_title,
            is_owner: a.is_owner,
        })
        .collect();
    Ok(MinePage { shell, rows })
}

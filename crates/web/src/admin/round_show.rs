//! One round: its settings, its categories, the buttons for its next states, and copying
//! it to next year.

use super::labels::{category_kind, round_action, round_state};
use super::{form_errors, see_other, unprocessable};
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::{date_time, kroner};
use crate::layout::{FormErrors, Shell};
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_store::rounds::RoundRow;
use prisverdig_store::users::User;
use serde::Deserialize;
use uuid::Uuid;

pub struct CategoryLine {
    pub id: Uuid,
    pub name: String,
    pub kind: &'static str,
    pub prize: String,
    pub deadline: String,
    pub extended: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/round_show.html")]
pub struct RoundPage {
    shell: Shell,
    round: RoundRow,
    state: &'static str,
    ceremony: Option<String>,
    /// (state code, button text key).
    next: Vec<(&'static str, &'static str)>,
    categories: Vec<CategoryLine>,
    errors: FormErrors,
}

async fn page(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    errors: FormErrors,
) -> Result<RoundPage, WebError> {
    let view = state.services.round_view(user, id).await?;
    let locale = shell.locale;
    let categories = view
        .categories
        .into_iter()
        .map(|c| CategoryLine {
            id: c.id,
            kind: category_kind(&c.kind),
            prize: kroner(locale, c.prize_sum_kr),
            deadline: date_time(locale, c.deadline),
            extended: c.extended_deadline.map(|e| date_time(locale, e)),
            name: c.name,
        })
        .collect();
    Ok(RoundPage {
        ceremony: view.round.ceremony_at.map(|at| date_time(locale, at)),
        state: round_state(view.state),
        next: view
            .next_states
            .iter()
            .map(|s| (s.as_str(), round_action(*s)))
            .collect(),
        round: view.round,
        categories,
        shell,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<RoundPage, WebError> {
    page(&state, shell, &user, id, FormErrors::default()).await
}

#[derive(Deserialize)]
pub struct TransitionForm {
    #[serde(default)]
    to: String,
}

pub async fn transition(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<TransitionForm>,
) -> Result<Response, WebError> {
    match state.services.transition_round(&user, id, &form.to).await {
        Ok(_) => Ok(see_other(&format!("/admin/rounds/{id}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            Ok(unprocessable(page(&state, shell, &user, id, errors).await?))
        }
    }
}

pub async fn copy(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let new_id = state.services.copy_round(&user, id).await?;
    Ok(see_other(&format!("/admin/rounds/{new_id}")))
}

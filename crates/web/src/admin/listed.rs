//! Removing and reordering criteria and questions (while they may still change).

use super::categories::refused;
use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::forms::form_errors;
use crate::layout::Shell;
use crate::respond::see_other;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use prisverdig_service::ServiceError;
use prisverdig_service::admin::categories::Direction;
use prisverdig_service::model::Listed;
use serde::Deserialize;
use uuid::Uuid;

fn listed(segment: &str) -> Result<Listed, WebError> {
    match segment {
        "criteria" => Ok(Listed::Criterion),
        "questions" => Ok(Listed::Question),
        _ => Err(WebError::NotFound),
    }
}

async fn answer(
    state: &AppState,
    shell: Shell,
    user: &prisverdig_service::model::User,
    category: Uuid,
    outcome: Result<(), ServiceError>,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(see_other(&format!("/admin/categories/{category}"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            refused(state, shell, user, category, errors).await
        }
    }
}

pub async fn remove(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, list, id)): Path<(Uuid, String, Uuid)>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .remove_listed(&user, category, listed(&list)?, id)
        .await;
    answer(&state, shell, &user, category, outcome).await
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    direction: String,
}

pub async fn move_item(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Path((category, list, id)): Path<(Uuid, String, Uuid)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, WebError> {
    let direction = if form.direction == "up" {
        Direction::Up
    } else {
        Direction::Down
    };
    let outcome = state
        .services
        .move_listed(&user, category, listed(&list)?, id, direction)
        .await;
    answer(&state, shell, &user, category, outcome).await
}

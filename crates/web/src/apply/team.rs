//! Inviting and removing co-applicants. A bad address re-renders the form at the field.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::layout::{FormErrors, Shell};
use crate::router::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct TeamForm {
    #[serde(default)]
    email: String,
}

pub async fn invite(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<TeamForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .invite_team_member(&user, id, &form.email)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/applications/{id}/edit#team-heading")).into_response())
        }
        Err(ServiceError::Invalid(problems)) => {
            let mut errors = FormErrors::default();
            for p in &problems {
                errors.add_problem(shell.locale, p);
            }
            let page = super::edit::with_errors(&state, shell, &user, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<TeamForm>,
) -> Result<Redirect, WebError> {
    state
        .services
        .remove_team_member(&user, id, &form.email)
        .await?;
    Ok(Redirect::to(&format!(
        "/applications/{id}/edit#team-heading"
    )))
}

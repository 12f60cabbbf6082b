//! Inviting and removing co-applicants. A bad address, or a change after the deadline or
//! after withdrawal, re-renders the edit page with the message (422). An address without an
//! account gets an invitation e-mail in the inviter's language.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use prisverdig_service::model::User;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct TeamForm {
    #[serde(default)]
    email: String,
}

/// Back to the team on the edit page, or the page with the refusal.
async fn answer(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    outcome: Result<(), ServiceError>,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => {
            Ok(Redirect::to(&format!("/applications/{id}/edit#team-heading")).into_response())
        }
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let page = super::edit::with_errors(state, shell, user, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn invite(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<TeamForm>,
) -> Result<Response, WebError> {
    let language = shell.locale.mail_language();
    let outcome = state
        .services
        .invite_team_member(&user, id, &form.email, language)
        .await;
    answer(&state, shell, &user, id, outcome).await
}

pub async fn remove(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<TeamForm>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .remove_team_member(&user, id, &form.email)
        .await;
    answer(&state, shell, &user, id, outcome).await
}

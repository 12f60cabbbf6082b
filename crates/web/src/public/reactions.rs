//! Reactions on an innovation's page: «Heia!», «Vi stjal denne» and a leader's endorsement
//! («forankret i linjen»).

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use serde::Deserialize;
use uuid::Uuid;

pub async fn cheer(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Result<Redirect, WebError> {
    state.services.toggle_cheer(&user, id).await?;
    Ok(Redirect::to(&format!("/applications/{id}#cheer")))
}

#[derive(Deserialize)]
pub struct AdoptForm {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    note: String,
}

pub async fn adopt(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<AdoptForm>,
) -> Result<Response, WebError> {
    let unit = Uuid::parse_str(&form.unit).unwrap_or_default();
    match state
        .services
        .record_adoption(&user, id, unit, &form.note)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/applications/{id}#adopted-by")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let mut errors = FormErrors::default();
            problems
                .iter()
                .for_each(|p| errors.add_problem(shell.locale, p));
            let page = super::application::page(&state, shell, id, errors, form.note).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub struct EndorseForm {
    #[serde(default)]
    note: String,
}

pub async fn endorse(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<EndorseForm>,
) -> Result<Response, WebError> {
    match state.services.endorse(&user, id, &form.note).await {
        Ok(()) => Ok(Redirect::to(&format!("/applications/{id}#endorsed")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let mut errors = FormErrors::default();
            problems
                .iter()
                .for_each(|p| errors.add_problem(shell.locale, p));
            let mut page =
                super::application::page(&state, shell, id, errors, String::new()).await?;
            page.endorsement_note = form.note;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// «Folkets favoritt»: casts the visitor's vote for this application, or moves it here.
pub async fn vote(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    match state.services.vote(&user, id).await {
        Ok(()) => Ok(Redirect::to(&format!("/applications/{id}#peoples-choice")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let page = super::application::page(&state, shell, id, errors, String::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn withdraw_endorsement(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Result<Redirect, WebError> {
    state.services.withdraw_endorsement(&user, id).await?;
    Ok(Redirect::to(&format!("/applications/{id}#endorsed")))
}

//! Invitation links (issue 9): `GET /invitation/{token}` asks the invited person for their
//! name and a password; `POST` sets them, uses up the link and signs the person in with a
//! fresh session id. An unknown link answers 404, a used or expired one 410, each with a page
//! that says so.

use crate::error::WebError;
use crate::extract::user::start_session;
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::sign_in::Assurance;
use prisverdig_service::ServiceError;
use prisverdig_service::auth::SignInStep;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Template, WebTemplate)]
#[template(path = "auth/invitation.html")]
pub struct InvitationPage {
    shell: Shell,
    token: String,
    email: String,
    name: String,
    errors: FormErrors,
}

/// A link that does not work (any more).
#[derive(Template, WebTemplate)]
#[template(path = "auth/invitation_gone.html")]
pub struct InvitationGone {
    shell: Shell,
    title_key: &'static str,
    text_key: &'static str,
}

/// The page for a link that does not work, or the error for anything else.
fn not_usable(shell: Shell, err: ServiceError) -> Result<Response, WebError> {
    let (status, title_key, text_key) = match err {
        ServiceError::NotFound => (
            StatusCode::NOT_FOUND,
            "invitation-unknown-title",
            "invitation-unknown-text",
        ),
        ServiceError::Gone => (
            StatusCode::GONE,
            "invitation-gone-title",
            "invitation-gone-text",
        ),
        other => return Err(other.into()),
    };
    let page = InvitationGone {
        shell,
        title_key,
        text_key,
    };
    Ok((status, page).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    shell: Shell,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    match state.services.invitation(&token).await {
        Ok(view) => Ok(InvitationPage {
            shell,
            token,
            email: view.email,
            name: view.name,
            errors: FormErrors::default(),
        }
        .into_response()),
        Err(e) => not_usable(shell, e),
    }
}

#[derive(Deserialize)]
pub struct InvitationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

pub async fn submit(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    Path(token): Path<String>,
    Form(form): Form<InvitationForm>,
) -> Result<Response, WebError> {
    let services = &state.services;
    let outcome = services
        .accept_invitation(
            &token,
            &form.name,
            &form.password,
            &form.password_confirmation,
        )
        .await;
    match outcome {
        Ok(SignInStep::Enrol(user) | SignInStep::Code(user)) => {
            // An administrator or juror sets up the second factor before being signed in.
            let pending =
                super::second_factor::Pending::new(user, "/".into(), services.clock.now());
            super::second_factor::ask_to_enrol(&session, pending).await
        }
        Ok(SignInStep::Done(user)) => {
            start_session(&session, user.id, Assurance::Password).await?;
            Ok(Redirect::to("/").into_response())
        }
        Err(ServiceError::Invalid(problems)) => {
            let view = match services.invitation(&token).await {
                Ok(view) => view,
                Err(e) => return not_usable(shell, e),
            };
            let page = InvitationPage {
                errors: FormErrors::of(shell.locale, &problems),
                shell,
                token,
                email: view.email,
                name: form.name,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => not_usable(shell, e),
    }
}

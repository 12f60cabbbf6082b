//! `GET`/`POST /sign-in/sso/complete`: after a verified sign-in whose provider left out the
//! name, e-mail address or unit, the person fills in those (only those); the account is
//! made when they send the form. Without such an identity in the session the page sends
//! the visitor to the sign-in page.

use super::sso::{PROFILE_KEY, arrive, refused};
use crate::error::WebError;
use crate::forms::{UnitOption, form_errors, unit_options};
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::sso::{PendingProfile, ProfileInput, SsoError};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Template, WebTemplate)]
#[template(path = "auth/sso_profile.html")]
pub struct ProfilePage {
    shell: Shell,
    ask_name: bool,
    ask_email: bool,
    ask_unit: bool,
    form: ProfileForm,
    units: Vec<UnitOption>,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    unit: String,
}

async fn page(
    state: &AppState,
    shell: Shell,
    pending: &PendingProfile,
    form: ProfileForm,
    errors: FormErrors,
) -> Result<ProfilePage, WebError> {
    let units = if pending.needs_unit() {
        unit_options(&state.services.units().await?, Some(&form.unit))
    } else {
        Vec::new()
    };
    Ok(ProfilePage {
        shell,
        ask_name: pending.needs_name(),
        ask_email: pending.needs_email(),
        ask_unit: pending.needs_unit(),
        form,
        units,
        errors,
    })
}

pub async fn form(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
) -> Result<Response, WebError> {
    let Some(pending) = session.get::<PendingProfile>(PROFILE_KEY).await? else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let view = page(
        &state,
        shell,
        &pending,
        ProfileForm::default(),
        FormErrors::default(),
    );
    Ok(view.await?.into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    Form(form): Form<ProfileForm>,
) -> Result<Response, WebError> {
    let Some(pending) = session.get::<PendingProfile>(PROFILE_KEY).await? else {
        return refused(shell, SsoError::Expired);
    };
    let input = ProfileInput {
        name: form.name.clone(),
        email: form.email.clone(),
        unit: form.unit.clone(),
    };
    match state.services.sso_complete(&pending, input).await {
        Ok(finished) => arrive(&session, finished).await,
        Err(SsoError::Service(e)) => {
            let errors = form_errors(shell.locale, e)?;
            let view = page(&state, shell, &pending, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => {
            session.remove::<PendingProfile>(PROFILE_KEY).await?;
            refused(shell, e)
        }
    }
}

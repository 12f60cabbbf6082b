//! The sign-in page and its form, with a button per single sign-on provider above it. A right
//! password signs in with a fresh session id, or, where a second factor is needed, leaves a
//! pending sign-in for the code or enrolment page. With local sign-in switched off the form is
//! shown only on request, for administrators.

use super::second_factor::{self, Pending};
use crate::error::WebError;
use crate::extract::client::ClientAddress;
use crate::extract::user::start_session;
use crate::layout::{FormErrors, Shell, safe_return_path};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::sign_in::Assurance;
use prisverdig_service::ServiceError;
use prisverdig_service::auth::SignInStep;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Template, WebTemplate)]
#[template(path = "auth/sign_in.html")]
pub struct SignInPage {
    shell: Shell,
    providers: Vec<super::sso::SsoButtonView>,
    email: String,
    next: String,
    errors: FormErrors,
    /// Local sign-in is switched off (administrators only).
    local_off: bool,
    /// The e-mail and password form is shown.
    show_form: bool,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
    /// An administrator asks for the password form while local sign-in is off.
    #[serde(default)]
    administrator: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    shell: Shell,
    Query(query): Query<NextQuery>,
) -> SignInPage {
    let next = safe_return_path(&query.next).to_string();
    let local_off = !state.services.local_sign_in;
    SignInPage {
        providers: super::sso::buttons(&state, shell.locale),
        shell,
        email: String::new(),
        next,
        errors: FormErrors::default(),
        local_off,
        show_form: !local_off || query.administrator.is_some(),
    }
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    let next = safe_return_path(&form.next).to_string();
    let mut errors = FormErrors::default();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if form.email.trim().is_empty() {
        errors.add(shell.locale, "email", "error-required");
    }
    if form.password.is_empty() {
        errors.add(shell.locale, "password", "error-required");
    }
    if errors.is_empty() {
        let services = &state.services;
        match services.sign_in(&form.email, &form.password, address).await {
            Ok(SignInStep::Done(user)) => {
                start_session(&session, user.id, Assurance::Password).await?;
                return Ok(Redirect::to(&next).into_response());
            }
            Ok(SignInStep::Code(user)) => {
                let pending = Pending::new(user, next, services.clock.now());
                return second_factor::ask_for_code(&session, pending).await;
            }
            Ok(SignInStep::Enrol(user)) => {
                let pending = Pending::new(user, next, services.clock.now());
                return second_factor::ask_to_enrol(&session, pending).await;
            }
            Err(ServiceError::BadCredentials) => {
                errors.add(shell.locale, "password", "error-bad-credentials")
            }
            Err(ServiceError::RateLimited) => {
                status = StatusCode::TOO_MANY_REQUESTS;
                errors.add(shell.locale, "email", "error-rate-limited");
            }
            Err(ServiceError::Busy) => {
                status = StatusCode::SERVICE_UNAVAILABLE;
                errors.add(shell.locale, "email", "error-sign-in-busy");
            }
            Err(ServiceError::LocalSignInOff) => {
                status = StatusCode::FORBIDDEN;
                errors.add(shell.locale, "email", "error-local-sign-in-off");
            }
            Err(other) => return Err(other.into()),
        }
    }
    let page = SignInPage {
        providers: super::sso::buttons(&state, shell.locale),
        shell,
        email: form.email,
        next,
        errors,
        local_off: !state.services.local_sign_in,
        show_form: true,
    };
    if status == StatusCode::SERVICE_UNAVAILABLE {
        return Ok((status, [(header::RETRY_AFTER, "2")], page).into_response());
    }
    Ok((status, page).into_response())
}

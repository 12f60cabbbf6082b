//! The sign-in page and its form, with a button per single sign-on provider above it. A
//! successful sign-in gets a fresh session id.

use crate::error::WebError;
use crate::extract::user::start_session;
use crate::layout::{FormErrors, Shell, safe_return_path};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
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
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn form(
    State(state): State<AppState>,
    shell: Shell,
    Query(query): Query<NextQuery>,
) -> SignInPage {
    let next = safe_return_path(&query.next).to_string();
    SignInPage {
        providers: super::sso::buttons(&state, shell.locale),
        shell,
        email: String::new(),
        next,
        errors: FormErrors::default(),
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
        match state.services.sign_in(&form.email, &form.password).await {
            Ok(user) => {
                start_session(&session, user.id).await?;
                return Ok(Redirect::to(&next).into_response());
            }
            Err(ServiceError::BadCredentials) => {
                errors.add(shell.locale, "password", "error-bad-credentials")
            }
            Err(ServiceError::RateLimited) => {
                status = StatusCode::TOO_MANY_REQUESTS;
                errors.add(shell.locale, "email", "error-rate-limited");
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
    };
    Ok((status, page).into_response())
}

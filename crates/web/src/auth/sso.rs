//! Single sign-on through an OpenID Connect provider: the sign-in page's buttons post to
//! `/sign-in/sso/{provider}`, which keeps the flow in the session and sends the browser to
//! the provider; the provider sends it back to `/sign-in/sso/{provider}/callback`. Each
//! refusal has a page of its own; the exact reason goes to the log only.

use crate::error::WebError;
use crate::extract::user::start_session;
use crate::i18n::Locale;
use crate::layout::{Shell, safe_return_path};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_domain::sign_in::Assurance;
use prisverdig_service::sso::{Callback, Finished, Flow, SsoError};
use serde::Deserialize;
use tower_sessions::Session;

/// The flow under way, until its callback takes it out.
const FLOW_KEY: &str = "sso_flow";
/// A verified identity whose owner fills in what the provider left out.
pub(super) const PROFILE_KEY: &str = "sso_profile";

/// A provider's button on the sign-in page.
pub struct SsoButtonView {
    pub name: String,
    pub text: String,
}

pub(super) fn buttons(state: &AppState, locale: Locale) -> Vec<SsoButtonView> {
    state
        .services
        .sso_buttons()
        .into_iter()
        .map(|b| SsoButtonView {
            text: locale.t_args("sso-sign-in-with", &[("provider", b.label.into())]),
            name: b.name,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/sso_refused.html")]
pub struct SsoRefused {
    shell: Shell,
    title_key: &'static str,
    text_key: &'static str,
}

/// The page for a sign-in that did not happen, or the error page for anything else.
pub(super) fn refused(shell: Shell, err: SsoError) -> Result<Response, WebError> {
    if let SsoError::Service(e) = err {
        return Err(e.into());
    }
    let (status, title_key, text_key) = match &err {
        SsoError::Unavailable(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "sso-unavailable-title",
            "sso-unavailable-text",
        ),
        SsoError::Expired => (
            StatusCode::BAD_REQUEST,
            "sso-expired-title",
            "sso-expired-text",
        ),
        SsoError::Cancelled(_) => (
            StatusCode::BAD_REQUEST,
            "sso-cancelled-title",
            "sso-cancelled-text",
        ),
        SsoError::Refused(_) => (
            StatusCode::BAD_REQUEST,
            "sso-refused-title",
            "sso-refused-text",
        ),
        SsoError::AccountExists => (
            StatusCode::CONFLICT,
            "sso-account-exists-title",
            "sso-account-exists-text",
        ),
        SsoError::Inactive => (
            StatusCode::FORBIDDEN,
            "sso-inactive-title",
            "sso-inactive-text",
        ),
        SsoError::UnknownProvider | SsoError::Service(_) => return Err(WebError::NotFound),
    };
    tracing::warn!(reason = %err, "single sign-on refused");
    let page = SsoRefused {
        shell,
        title_key,
        text_key,
    };
    Ok((status, page).into_response())
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    next: String,
}

/// `POST /sign-in/sso/{provider}`: to the provider, with a fresh flow in the session.
pub async fn start(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    Path(provider): Path<String>,
    Form(form): Form<StartForm>,
) -> Result<Response, WebError> {
    let next = safe_return_path(&form.next);
    match state.services.sso_start(&provider, next).await {
        Ok((url, flow)) => {
            session.insert(FLOW_KEY, flow).await?;
            Ok(Redirect::to(&url).into_response())
        }
        Err(e) => refused(shell, e),
    }
}

/// `GET /sign-in/sso/{provider}/callback`: the flow is taken out of the session before
/// anything is checked, so a replayed callback finds none.
pub async fn callback(
    State(state): State<AppState>,
    shell: Shell,
    session: Session,
    Path(provider): Path<String>,
    Query(back): Query<Callback>,
) -> Result<Response, WebError> {
    let flow: Option<Flow> = session.remove(FLOW_KEY).await?;
    match state.services.sso_finish(&provider, flow, back).await {
        Ok(finished) => arrive(&session, finished).await,
        Err(e) => refused(shell, e),
    }
}

/// Signs the user in with a fresh session id, or asks for what the provider left out.
pub(super) async fn arrive(session: &Session, finished: Finished) -> Result<Response, WebError> {
    match finished {
        Finished::SignedIn { user, next } => {
            session.remove::<serde_json::Value>(PROFILE_KEY).await?;
            start_session(session, user.id, Assurance::Provider).await?;
            Ok(Redirect::to(safe_return_path(&next)).into_response())
        }
        Finished::Profile(profile) => {
            session.insert(PROFILE_KEY, profile).await?;
            Ok(Redirect::to("/sign-in/sso/complete").into_response())
        }
    }
}

//! The person's own data (issue 11): `/account/data.json` downloads everything stored about
//! them, `/account/delete` deletes the account after they type their e-mail address.

use crate::error::WebError;
use crate::extract::user::{SignedIn, signed_in_recently};
use crate::forms::{form_errors, posted, posted_pairs};
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub async fn download(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Result<Response, WebError> {
    let data = state.services.my_data(&user).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|e| {
        prisverdig_service::ServiceError::internal("writing personal data as JSON", e)
    })?;
    Ok((
        [
            (CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"prisverdig-my-data.json\"",
            ),
            (CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/delete_account.html")]
pub struct DeletePage {
    shell: Shell,
    /// Signed in long ago: the page asks to sign in again instead of showing the form.
    stale: bool,
    email: String,
    typed: String,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/account_deleted.html")]
pub struct DeletedPage {
    shell: Shell,
}

pub async fn confirm(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    session: Session,
) -> Result<DeletePage, WebError> {
    Ok(DeletePage {
        stale: !signed_in_recently(&session, &state.settings.sessions).await?,
        shell,
        email: user.email,
        typed: String::new(),
        errors: FormErrors::default(),
    })
}

pub async fn delete(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    session: Session,
    body: Bytes,
) -> Result<Response, WebError> {
    // An account is deleted only by someone who signed in moments ago: a session left open
    // on a shared computer, or a stolen one, cannot do it.
    if !signed_in_recently(&session, &state.settings.sessions).await? {
        let page = DeletePage {
            stale: true,
            email: user.email,
            typed: String::new(),
            errors: FormErrors::default(),
            shell,
        };
        return Ok((StatusCode::FORBIDDEN, page).into_response());
    }
    let pairs = posted_pairs(&body);
    let typed = posted(&pairs, "confirm");
    match state.services.delete_my_account(&user, typed).await {
        Ok(()) => {
            session.flush().await?;
            Ok(DeletedPage { shell }.into_response())
        }
        Err(e) => {
            let mut errors = form_errors(shell.locale, e)?;
            errors.label("confirm", &shell.t("delete-account-confirm"));
            let page = DeletePage {
                stale: false,
                email: user.email,
                typed: typed.to_string(),
                errors,
                shell,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

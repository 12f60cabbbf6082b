//! The person's own data (issue 11): `/account/data.json` downloads everything stored about
//! them, `/account/delete` deletes the account after they type their e-mail address.

use crate::error::WebError;
use crate::extract::user::SignedIn;
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
    email: String,
    typed: String,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/account_deleted.html")]
pub struct DeletedPage {
    shell: Shell,
}

pub async fn confirm(shell: Shell, SignedIn(user): SignedIn) -> DeletePage {
    DeletePage {
        shell,
        email: user.email,
        typed: String::new(),
        errors: FormErrors::default(),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    session: Session,
    body: Bytes,
) -> Result<Response, WebError> {
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
                email: user.email,
                typed: typed.to_string(),
                errors,
                shell,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

//! Withdrawing an application («trekk søknaden»).

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

#[derive(Deserialize)]
pub struct WithdrawForm {
    #[serde(default = "no_version")]
    version: i64,
}

fn no_version() -> i64 {
    -1
}

/// A refusal (deadline passed, already withdrawn, changed by someone else) is shown on
/// the application's page with its reason.
pub async fn submit(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let status = match state
        .services
        .withdraw_application(&user, id, form.version)
        .await
    {
        Ok(()) => return Ok(Redirect::to("/my-applications").into_response()),
        Err(ServiceError::Invalid(problems)) => {
            problems
                .iter()
                .for_each(|p| errors.add_problem(shell.locale, p));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(ServiceError::Conflict) => {
            errors.add(shell.locale, "conflict", "error-save-conflict");
            StatusCode::CONFLICT
        }
        Err(other) => return Err(other.into()),
    };
    let page = super::edit::with_errors(&state, shell, &user, id, errors).await?;
    Ok((status, page).into_response())
}

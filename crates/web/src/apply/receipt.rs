//! The receipt after submitting: what was received, when, and what happens next.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use uuid::Uuid;

#[derive(Template, WebTemplate)]
#[template(path = "apply/receipt.html")]
pub struct ReceiptPage {
    shell: Shell,
    id: Uuid,
    title: String,
    category: String,
    submitted: String,
    deadline: String,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
) -> Result<ReceiptPage, WebError> {
    let e = state.services.editable(&user, id).await?;
    let submitted_at = e.application.submitted_at.ok_or(WebError::NotFound)?;
    Ok(ReceiptPage {
        id,
        title: e.application.title,
        category: e.category.name,
        submitted: date_time(shell.locale, submitted_at),
        deadline: date_time(
            shell.locale,
            e.category.extended_deadline.unwrap_or(e.category.deadline),
        ),
        shell,
    })
}

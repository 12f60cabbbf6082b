//! An application's images and files: upload, remove, and serve them (nothing before the
//! application is public), through the shared path in `uploads`.

use crate::error::WebError;
use crate::extract::user::{MaybeUser, SignedIn};
use crate::layout::Shell;
use crate::state::AppState;
use crate::uploads::{self, file_response};
use axum::extract::{Multipart, Path, State};
use axum::response::{Redirect, Response};
use uuid::Uuid;

pub async fn upload(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (locale, done) = (
        shell.locale,
        format!("/applications/{id}/edit#attachments-heading"),
    );
    uploads::accept(
        multipart,
        locale,
        &done,
        async |upload| state.services.add_attachment(&user, id, upload).await,
        async |errors| super::edit::with_errors(&state, shell, &user, id, errors).await,
    )
    .await
}

pub async fn remove(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, attachment)): Path<(Uuid, Uuid)>,
) -> Result<Redirect, WebError> {
    state
        .services
        .remove_attachment(&user, id, attachment)
        .await?;
    Ok(Redirect::to(&format!(
        "/applications/{id}/edit#attachments-heading"
    )))
}

async fn serve(
    state: &AppState,
    viewer: Option<&prisverdig_service::model::User>,
    id: Uuid,
    thumb: bool,
) -> Result<Response, WebError> {
    let (a, bytes) = state.services.attachment_file(viewer, id, thumb).await?;
    Ok(file_response(&a.content_type, &a.file_name, bytes, thumb))
}

pub async fn file(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    serve(&state, user.as_ref(), id, false).await
}

pub async fn thumbnail(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    serve(&state, user.as_ref(), id, true).await
}

//! A story's images: upload (with required alt text), remove, and serve (everyone once the
//! story is public, editors always), through the same checks as applications' files.

use super::edit::{context, page};
use super::publish::PublishForm;
use crate::apply::attachments::{file_response, read_upload};
use crate::error::WebError;
use crate::extract::user::{MaybeUser, StoryWriter};
use crate::layout::{FormErrors, Shell};
use crate::router::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use prisverdig_service::files::Upload;
use uuid::Uuid;

pub use crate::apply::attachments::MAX_UPLOAD_BODY;

pub async fn upload(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let parts = match read_upload(multipart).await {
        Ok(parts) => parts,
        Err(refused) => return Ok(refused),
    };
    let upload = Upload {
        file_name: &parts.file_name,
        bytes: parts.bytes,
        alt_text: &parts.alt_text,
    };
    match state.services.add_story_image(&user, id, upload).await {
        Ok(_) => Ok(Redirect::to(&format!("/stories/{id}/edit#images-heading")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let (ctx, text) = context(&state, &shell, &user, Some(id)).await?;
            let page = page(
                shell,
                ctx,
                &text.unwrap_or_default(),
                errors,
                PublishForm::default(),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    StoryWriter(user): StoryWriter,
    Path((id, image)): Path<(Uuid, Uuid)>,
) -> Result<Redirect, WebError> {
    state.services.remove_story_image(&user, id, image).await?;
    Ok(Redirect::to(&format!("/stories/{id}/edit#images-heading")))
}

async fn serve(
    state: &AppState,
    viewer: Option<&prisverdig_store::users::User>,
    id: Uuid,
    thumb: bool,
) -> Result<Response, WebError> {
    let (i, bytes) = state.services.story_image_file(viewer, id, thumb).await?;
    Ok(file_response(&i.content_type, &i.file_name, bytes, thumb))
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

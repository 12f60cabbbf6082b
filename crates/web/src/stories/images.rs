//! A story's images: upload (with required alt text), remove, and serve (everyone once the
//! story is public, editors always), through the same path as applications' files (`uploads`).

use super::edit::{context, page};
use super::publish::PublishForm;
use crate::error::WebError;
use crate::extract::user::{MaybeUser, StoryWriter};
use crate::layout::Shell;
use crate::state::AppState;
use crate::uploads::{self, file_response};
use axum::extract::{Multipart, Path, State};
use axum::response::{Redirect, Response};
use uuid::Uuid;

pub async fn upload(
    State(state): State<AppState>,
    shell: Shell,
    StoryWriter(user): StoryWriter,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (locale, done) = (shell.locale, format!("/stories/{id}/edit#images-heading"));
    uploads::accept(
        multipart,
        locale,
        &done,
        async |upload| state.services.add_story_image(&user, id, upload).await,
        async |errors| {
            let (ctx, text) = context(&state, &shell, &user, Some(id)).await?;
            let text = text.unwrap_or_default();
            Ok(page(shell, ctx, &text, errors, PublishForm::default()))
        },
    )
    .await
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
    viewer: Option<&prisverdig_service::model::User>,
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

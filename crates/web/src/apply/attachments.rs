//! Uploading and removing images and files, and serving them safely: the detected type,
//! `nosniff`, documents as downloads, and nothing before the application is public.

use crate::error::WebError;
use crate::extract::user::{MaybeUser, SignedIn};
use crate::layout::{FormErrors, Shell};
use crate::router::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use prisverdig_service::apply::Upload;
use uuid::Uuid;

/// The most of a file that is kept in memory: the largest accepted file plus one byte, so
/// that the service refuses anything larger at the file field with the limit named.
const KEPT_FILE_BYTES: usize = 10 * 1024 * 1024 + 1;

/// The multipart body's limit. Up to it, a file that is too large is read and dropped, so
/// the form comes back with the message at the file field (a browser shows no page at all
/// when the server stops reading mid-upload); only beyond it does a bare 413 answer.
pub const MAX_UPLOAD_BODY: usize = 64 * 1024 * 1024;

pub(crate) struct Parts {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub alt_text: String,
}

/// Reads an upload form, or the error page for a malformed or oversized one.
pub(crate) async fn read_upload(multipart: Multipart) -> Result<Parts, Response> {
    read(multipart)
        .await
        .map_err(|status| (status, crate::error::ErrorPage::marker()).into_response())
}

/// Reads an upload form: the file and its alt text.
async fn read(mut multipart: Multipart) -> Result<Parts, StatusCode> {
    let mut parts = Parts {
        file_name: String::new(),
        bytes: Vec::new(),
        alt_text: String::new(),
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?
    {
        match field.name() {
            Some("file") => {
                parts.file_name = field.file_name().unwrap_or_default().to_string();
                let mut field = field;
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE)?
                {
                    let room = KEPT_FILE_BYTES.saturating_sub(parts.bytes.len());
                    parts
                        .bytes
                        .extend_from_slice(&chunk[..room.min(chunk.len())]);
                }
            }
            Some("alt_text") => {
                parts.alt_text = field.text().await.map_err(|_| StatusCode::BAD_REQUEST)?
            }
            _ => {}
        }
    }
    Ok(parts)
}

pub async fn upload(
    State(state): State<AppState>,
    shell: Shell,
    SignedIn(user): SignedIn,
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
    match state.services.add_attachment(&user, id, upload).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/applications/{id}/edit#attachments-heading")).into_response(),
        ),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(shell.locale, &problems);
            let page = super::edit::with_errors(&state, shell, &user, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
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
    viewer: Option<&prisverdig_store::users::User>,
    id: Uuid,
    thumb: bool,
) -> Result<Response, WebError> {
    let (a, bytes) = state.services.attachment_file(viewer, id, thumb).await?;
    Ok(file_response(&a.content_type, &a.file_name, bytes, thumb))
}

/// A stored file as a response: its detected type (a thumbnail is always JPEG), images
/// inline and everything else as a download, never cached by shared caches.
pub(crate) fn file_response(
    content_type: &str,
    file_name: &str,
    bytes: Vec<u8>,
    thumb: bool,
) -> Response {
    let content_type = if thumb {
        "image/jpeg".to_string()
    } else {
        content_type.to_string()
    };
    let is_image = content_type.starts_with("image/");
    let encoded: String = form_urlencoded::byte_serialize(file_name.as_bytes()).collect();
    let disposition = if is_image {
        format!("inline; filename*=UTF-8''{encoded}")
    } else {
        format!("attachment; filename*=UTF-8''{encoded}")
    };
    (
        [
            (CONTENT_TYPE, content_type),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "private, max-age=300".to_string()),
        ],
        bytes,
    )
        .into_response()
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

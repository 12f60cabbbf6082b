//! Upload forms and stored files, the same for every area: reading a multipart form within
//! its limits, handing the file to the area's own use case, the answer after it, and serving
//! a file safely (the detected type, documents as downloads, never in shared caches).

use crate::error::WebError;
use crate::i18n::Locale;
use crate::layout::FormErrors;
use axum::extract::{DefaultBodyLimit, Multipart};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::ServiceError;
use prisverdig_service::files::Upload;

/// The most of a file that is kept in memory: the largest accepted file plus one byte, so
/// that the service refuses anything larger at the file field with the limit named.
const KEPT_FILE_BYTES: usize = 10 * 1024 * 1024 + 1;

/// The multipart body's limit. Up to it, a file that is too large is read and dropped, so
/// the form comes back with the message at the file field (a browser shows no page at all
/// when the server stops reading mid-upload); only beyond it does a bare 413 answer.
pub const MAX_UPLOAD_BODY: usize = 64 * 1024 * 1024;

struct Parts {
    file_name: String,
    bytes: Vec<u8>,
    alt_text: String,
}

/// Reads an upload form, or the error page for a malformed or oversized one.
async fn read_upload(multipart: Multipart) -> Result<Parts, Response> {
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

/// The limit an upload route sets on its body, in place of axum's default.
pub(crate) fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_UPLOAD_BODY)
}

/// An upload form from start to end: the file goes to the area's `store` (its use case);
/// then a redirect to `done`, or the area's form `again` with the messages, as 422. A
/// malformed or oversized body gets the error page and reaches no use case.
pub(crate) async fn accept<T, P: IntoResponse>(
    multipart: Multipart,
    locale: Locale,
    done: &str,
    store: impl AsyncFnOnce(Upload<'_>) -> Result<T, ServiceError>,
    again: impl AsyncFnOnce(FormErrors) -> Result<P, WebError>,
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
    match store(upload).await {
        Ok(_) => Ok(Redirect::to(done).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::of(locale, &problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, again(errors).await?).into_response())
        }
        Err(other) => Err(other.into()),
    }
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

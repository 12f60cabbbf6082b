//! Deciding what an upload is from its bytes (never from its name or the client's header),
//! and refusing everything but a few image and document types.

use super::{FileKind, Inspected, UploadLimits, refused};
use image::{ImageFormat, ImageReader, Limits};
use prisverdig_domain::ValidationError;
use std::io::Cursor;

pub(super) const ERROR_TYPE: &str = "error-file-type";
pub(super) const ERROR_EMPTY: &str = "error-file-empty";
pub(super) const ERROR_TOO_LARGE: &str = "error-file-too-large";
pub(super) const ERROR_IMAGE: &str = "error-image-invalid";

/// The accepted types: content type as `infer` names it, kind, extension. A plain ZIP, and
/// anything else `infer` recognises or not (HTML, SVG, executables, text), is refused.
const ACCEPTED: [(&str, FileKind, &str); 9] = [
    ("image/jpeg", FileKind::Image, "jpg"),
    ("image/png", FileKind::Image, "png"),
    ("image/webp", FileKind::Image, "webp"),
    ("image/gif", FileKind::Image, "gif"),
    ("application/pdf", FileKind::Document, "pdf"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind::Document,
        "docx",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind::Document,
        "xlsx",
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileKind::Document,
        "pptx",
    ),
    (
        "application/vnd.oasis.opendocument.text",
        FileKind::Document,
        "odt",
    ),
];

/// The image formats we decode; the `image` crate is built with exactly these.
const IMAGE_FORMATS: [ImageFormat; 4] = [
    ImageFormat::Jpeg,
    ImageFormat::Png,
    ImageFormat::WebP,
    ImageFormat::Gif,
];

/// Checks an upload: not empty, not too large, an accepted type by its bytes, and for images
/// a picture that decodes and is not too large in pixels.
pub fn inspect(bytes: &[u8], limits: &UploadLimits) -> Result<Inspected, ValidationError> {
    if bytes.is_empty() {
        return Err(refused(ERROR_EMPTY));
    }
    if bytes.len() > limits.max_bytes {
        return Err(refused(ERROR_TOO_LARGE).with_limit(limits.max_bytes / (1024 * 1024)));
    }
    let detected = infer::get(bytes).ok_or(refused(ERROR_TYPE))?;
    let &(content_type, kind, extension) = ACCEPTED
        .iter()
        .find(|(mime, ..)| *mime == detected.mime_type())
        .ok_or(refused(ERROR_TYPE))?;
    let (width, height) = match kind {
        FileKind::Image => {
            let (w, h) = check_image(bytes, limits.max_image_pixels)?;
            (Some(w), Some(h))
        }
        FileKind::Document => (None, None),
    };
    Ok(Inspected {
        content_type,
        kind,
        extension,
        width,
        height,
    })
}

/// Reads the dimensions from the header first, so a small file that declares a huge picture
/// is refused before anything is allocated; only then decodes the whole picture.
fn check_image(bytes: &[u8], max_pixels: u64) -> Result<(u32, u32), ValidationError> {
    let (width, height) = image_reader(bytes, max_pixels)?
        .into_dimensions()
        .map_err(|_| refused(ERROR_IMAGE))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels == 0 || pixels > max_pixels {
        return Err(refused(ERROR_IMAGE));
    }
    image_reader(bytes, max_pixels)?
        .decode()
        .map_err(|_| refused(ERROR_IMAGE))?;
    Ok((width, height))
}

/// A reader for one of the accepted image formats (by the bytes), with allocation limits that
/// fit `max_pixels` of RGBA with 16 bits a channel.
pub(super) fn image_reader(
    bytes: &[u8],
    max_pixels: u64,
) -> Result<ImageReader<Cursor<&[u8]>>, ValidationError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| refused(ERROR_IMAGE))?;
    match reader.format() {
        Some(format) if IMAGE_FORMATS.contains(&format) => {}
        _ => return Err(refused(ERROR_IMAGE)),
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(8).max(64 * 1024 * 1024));
    reader.limits(limits);
    Ok(reader)
}

#[cfg(test)]
mod tests;

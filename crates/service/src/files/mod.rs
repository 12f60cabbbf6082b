//! Uploaded images and attachments: what a file really is (decided from its bytes), image
//! thumbnails, safe display names, and where the bytes are kept.
//!
//! Serving (done by the web layer): an image is stored as [`cleaned`] made it (written anew,
//! without metadata), a document as uploaded. Every file is served
//! with its detected content type (never the client's) and `X-Content-Type-Options: nosniff`;
//! documents also with `Content-Disposition: attachment`. Pages show the re-encoded
//! [`thumbnail`] of an image, not the original. The display name from [`safe_file_name`] is only ever shown or put
//! in the `filename*` of that header, never used as a path: paths come from generated keys.

mod clean;
mod inspect;
mod name;
mod store;
mod thumbnail;

#[cfg(test)]
mod fixtures;

pub use clean::cleaned;
pub use inspect::inspect;
pub use name::safe_file_name;
pub use store::{FileStore, LocalFileStore, S3FileStore, S3Settings, key_of, relative_path};
pub use thumbnail::{THUMBNAIL_MAX_SIDE, thumbnail, thumbnail_of};

use prisverdig_domain::ValidationError;

/// The form field all upload problems belong to.
pub const FIELD: &str = "attachment";

/// A file as received, with the alt text given for it (applications' attachments and
/// stories' images alike).
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: Vec<u8>,
    pub alt_text: &'a str,
}

/// An upload refused: one problem at one field.
pub(crate) fn invalid(field: &'static str, id: &'static str) -> crate::ServiceError {
    crate::ServiceError::Invalid(vec![ValidationError::new(field, id)])
}

/// How big an upload may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    /// Largest accepted file, in bytes.
    pub max_bytes: usize,
    /// Largest accepted image, in pixels (width × height), checked before decoding.
    pub max_image_pixels: u64,
}

impl Default for UploadLimits {
    /// 10 MiB and 40 megapixels: a phone photo fits, a decompression bomb does not.
    fn default() -> Self {
        Self {
            max_bytes: 10 * 1024 * 1024,
            max_image_pixels: 40_000_000,
        }
    }
}

/// What an accepted file is used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Shown inline (as a thumbnail); needs alt text.
    Image,
    /// Offered for download only.
    Document,
}

/// What an accepted upload really is, decided from its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    pub content_type: &'static str,
    pub kind: FileKind,
    /// The extension that belongs to `content_type` (without the dot).
    pub extension: &'static str,
    /// Images only.
    pub width: Option<u32>,
    /// Images only.
    pub height: Option<u32>,
}

fn refused(message_id: &'static str) -> ValidationError {
    ValidationError::new(FIELD, message_id)
}

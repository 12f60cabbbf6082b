//! Images and files on an application: checked by their bytes, size-limited, images need
//! alt text and get a thumbnail. The team adds and removes them until the deadline; the
//! files are served to everyone only once the application itself is public.

use crate::files::{self, FileKind, UploadLimits, inspect, invalid, safe_file_name, thumbnail_of};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::application::rules::may_change;
use prisverdig_store::attachments::{self, Attachment, NewAttachment};
use prisverdig_store::audit;
use prisverdig_store::users::User;
use uuid::Uuid;

/// At most this many images and files on one application.
pub const MAX_ATTACHMENTS: usize = 10;
pub const MAX_ALT_CHARS: usize = 300;

pub use crate::files::Upload;

/// Checks an upload by its bytes (off the async threads); an image is written anew without
/// its metadata ([`files::cleaned`]) and gets a thumbnail. Returns what is to be stored.
pub(crate) async fn checked_upload(
    bytes: Vec<u8>,
) -> Result<(files::Inspected, Vec<u8>, Option<Vec<u8>>)> {
    Ok(tokio::task::spawn_blocking(move || {
        let inspected = inspect(&bytes, &UploadLimits::default())?;
        match inspected.kind {
            FileKind::Image => {
                let (stored, picture) = files::cleaned(&bytes, inspected.content_type)?;
                let thumb = thumbnail_of(picture)?;
                Ok::<_, ValidationError>((inspected, stored, Some(thumb)))
            }
            FileKind::Document => Ok((inspected, bytes, None)),
        }
    })
    .await
    .map_err(|e| ServiceError::internal("inspecting an upload", e))??)
}

fn io(e: std::io::Error) -> ServiceError {
    ServiceError::internal("file store", e)
}

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn add_attachment(&self, user: &User, id: Uuid, upload: Upload<'_>) -> Result<Uuid> {
        let (row, category) = self.for_team(user, id).await?;
        let now = self.clock.now();
        may_change(row.state, super::timing(now, &category))?;
        if attachments::for_application(&self.db, id).await?.len() >= MAX_ATTACHMENTS {
            return Err(invalid(files::FIELD, "error-too-many"));
        }
        let alt = upload.alt_text.trim();
        if alt.chars().count() > MAX_ALT_CHARS {
            return Err(invalid("alt_text", "error-too-long"));
        }
        let (inspected, bytes, thumb) = checked_upload(upload.bytes).await?;
        if inspected.kind == FileKind::Image && alt.is_empty() {
            return Err(invalid("alt_text", "error-alt-required"));
        }
        let attachment_id = Uuid::now_v7();
        let key = attachment_id.to_string();
        let thumb_key = thumb.as_ref().map(|_| Uuid::now_v7().to_string());
        let name = safe_file_name(upload.file_name);
        let size_bytes = bytes.len() as i64;
        let mut stored = vec![(key.clone(), bytes)];
        if let (Some(k), Some(t)) = (&thumb_key, thumb) {
            stored.push((k.clone(), t));
        }
        let new = NewAttachment {
            id: attachment_id,
            application_id: id,
            file_name: &name,
            content_type: inspected.content_type,
            size_bytes,
            alt_text: alt,
            storage_key: &key,
            thumbnail_key: thumb_key.as_deref(),
        };
        let rows = async {
            let mut tx = self.db.begin().await?;
            attachments::insert(&mut tx, now, new).await?;
            let detail =
                serde_json::json!({ "attachment": attachment_id, "type": inspected.content_type });
            audit::record(
                &mut tx,
                now,
                audit::AuditEntry {
                    actor: Some(user.id),
                    action: "attachment.add",
                    entity: "application",
                    entity_id: Some(id),
                    detail,
                },
            )
            .await?;
            self.commit_public(tx).await
        };
        self.stored_with(stored, rows).await?;
        Ok(attachment_id)
    }

    /// Stores `files`, then writes their rows with `rows`; when either fails, the files
    /// stored are removed again, so a failed upload leaves nothing behind.
    pub(crate) async fn stored_with<T>(
        &self,
        files: Vec<(String, Vec<u8>)>,
        rows: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        let keys: Vec<String> = files.iter().map(|(k, _)| k.clone()).collect();
        let mut outcome = Ok(());
        for (key, bytes) in files {
            outcome = self.put_file(&key, bytes).await;
            if outcome.is_err() {
                break;
            }
        }
        let outcome = match outcome {
            Ok(()) => rows.await,
            Err(e) => Err(e),
        };
        if outcome.is_err() {
            self.delete_files(keys).await;
        }
        outcome
    }

    pub(crate) async fn put_file(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        self.files.put(key, bytes).await.map_err(io)
    }

    #[tracing::instrument(skip_all)]
    pub async fn remove_attachment(
        &self,
        user: &User,
        id: Uuid,
        attachment_id: Uuid,
    ) -> Result<()> {
        let (row, category) = self.for_team(user, id).await?;
        let now = self.clock.now();
        may_change(row.state, super::timing(now, &category))?;
        let found = attachments::find(&self.db, attachment_id)
            .await?
            .filter(|a| a.application_id == id);
        let found = found.ok_or(ServiceError::NotFound)?;
        let mut tx = self.db.begin().await?;
        if !attachments::delete(&mut tx, attachment_id, id).await? {
            return Err(ServiceError::NotFound);
        }
        let detail = serde_json::json!({ "attachment": attachment_id });
        audit::record(
            &mut tx,
            now,
            audit::AuditEntry {
                actor: Some(user.id),
                action: "attachment.remove",
                entity: "application",
                entity_id: Some(id),
                detail,
            },
        )
        .await?;
        self.commit_public(tx).await?;
        // The bytes go after the row: a crash in between leaves an orphan file, never a
        // row without its file.
        let keys = std::iter::once(found.storage_key)
            .chain(found.thumbnail_key)
            .collect();
        self.delete_files(keys).await;
        Ok(())
    }

    /// Deletes stored files, best effort (after their rows are gone): a file left behind is
    /// an orphan nobody can reach, and is logged.
    pub(crate) async fn delete_files(&self, keys: Vec<String>) {
        for key in keys {
            if let Err(e) = self.files.delete(&key).await {
                tracing::warn!(key = %key, error = %e, "a deleted file could not be removed");
            }
        }
    }

    #[tracing::instrument(skip_all)]
    pub async fn attachments(&self, id: Uuid) -> Result<Vec<Attachment>> {
        Ok(attachments::for_application(&self.db, id).await?)
    }

    /// A file (or its thumbnail) for `viewer`: the team always, everyone else once the
    /// application is public.
    #[tracing::instrument(skip_all)]
    pub async fn attachment_file(
        &self,
        viewer: Option<&User>,
        attachment_id: Uuid,
        thumb: bool,
    ) -> Result<(Attachment, Vec<u8>)> {
        let a = attachments::find(&self.db, attachment_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let on_team = match viewer {
            Some(u) => {
                prisverdig_store::applications::is_on_team(
                    &self.db,
                    a.application_id,
                    u.id,
                    &u.email,
                )
                .await?
            }
            None => false,
        };
        if !on_team {
            self.public_application(a.application_id).await?;
        }
        let key = if thumb {
            a.thumbnail_key.clone().ok_or(ServiceError::NotFound)?
        } else {
            a.storage_key.clone()
        };
        Ok((a, self.get_file(key).await?))
    }

    pub(crate) async fn get_file(&self, key: String) -> Result<Vec<u8>> {
        self.files.get(&key).await.map_err(io)
    }
}

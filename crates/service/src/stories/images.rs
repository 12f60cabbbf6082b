//! A story's images: the same checks as applications' uploads (by their bytes, size-capped,
//! re-encoded thumbnail), images only, each with alt text. Added and removed by those who
//! may edit the story; served to everyone once the story is public, to them always.

use super::record;
use crate::apply::checked_upload;
use crate::files::{self, FileKind, invalid};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::story::{MAX_ALT_CHARS, MAX_IMAGES, StoryStatus, may_edit};
use prisverdig_store::stories::{self, NewStoryImage, StoryImage};
use prisverdig_store::users::User;
use uuid::Uuid;

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn add_story_image(
        &self,
        user: &User,
        id: Uuid,
        upload: files::Upload<'_>,
    ) -> Result<Uuid> {
        self.story_to_edit(user, id).await?;
        if stories::images(&self.db, id).await?.len() >= MAX_IMAGES {
            return Err(invalid(files::FIELD, "error-too-many"));
        }
        let alt = upload.alt_text.trim();
        if alt.is_empty() {
            return Err(invalid("alt_text", "error-alt-required"));
        }
        if alt.chars().count() > MAX_ALT_CHARS {
            return Err(invalid("alt_text", "error-too-long"));
        }
        let (inspected, bytes, thumb) = checked_upload(upload.bytes).await?;
        let thumb = match (inspected.kind, thumb) {
            (FileKind::Image, Some(thumb)) => thumb,
            _ => return Err(invalid(files::FIELD, "error-story-image-type")),
        };
        let image_id = Uuid::now_v7();
        let (key, thumb_key) = (image_id.to_string(), Uuid::now_v7().to_string());
        let size = bytes.len() as i64;
        let stored = vec![(key.clone(), bytes), (thumb_key.clone(), thumb)];
        let name = files::safe_file_name(upload.file_name);
        let new = NewStoryImage {
            id: image_id,
            story_id: id,
            file_name: &name,
            content_type: inspected.content_type,
            size_bytes: size,
            alt_text: alt,
            storage_key: &key,
            thumbnail_key: &thumb_key,
        };
        let now = self.clock.now();
        let rows = async {
            let mut tx = self.db.begin().await?;
            stories::insert_image(&mut tx, now, new).await?;
            stories::touch(&mut tx, now, id).await?;
            let detail = serde_json::json!({ "image": image_id, "type": inspected.content_type });
            record(&mut tx, now, user, "story.image.add", id, detail).await?;
            self.commit_public(tx).await
        };
        self.stored_with(stored, rows).await?;
        Ok(image_id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn remove_story_image(&self, user: &User, id: Uuid, image: Uuid) -> Result<()> {
        self.story_to_edit(user, id).await?;
        let found = stories::find_image(&self.db, image)
            .await?
            .filter(|i| i.story_id == id)
            .ok_or(ServiceError::NotFound)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !stories::delete_image(&mut tx, image, id).await? {
            return Err(ServiceError::NotFound);
        }
        stories::touch(&mut tx, now, id).await?;
        let detail = serde_json::json!({ "image": image });
        record(&mut tx, now, user, "story.image.remove", id, detail).await?;
        self.commit_public(tx).await?;
        self.delete_files(vec![found.storage_key, found.thumbnail_key])
            .await;
        Ok(())
    }

    /// An image (or its thumbnail) for `viewer`: those who may edit the story always,
    /// everyone else once the story is public.
    #[tracing::instrument(skip_all)]
    pub async fn story_image_file(
        &self,
        viewer: Option<&User>,
        image: Uuid,
        thumb: bool,
    ) -> Result<(StoryImage, Vec<u8>)> {
        let i = stories::find_image(&self.db, image)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let story = self.story(i.story_id).await?;
        let public =
            StoryStatus::at(story.published_at, self.clock.now()) == StoryStatus::Published;
        if !public && !viewer.is_some_and(|u| may_edit(&u.roles, u.id, story.author_id)) {
            return Err(ServiceError::NotFound);
        }
        let key = if thumb {
            i.thumbnail_key.clone()
        } else {
            i.storage_key.clone()
        };
        Ok((i, self.get_file(key).await?))
    }
}

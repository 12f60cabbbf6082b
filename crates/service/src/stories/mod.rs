//! Stories for «Tanketanken»: editors (and administrators) write them, link them to the
//! applications they are about, publish them now or at a set time, and unpublish them.
//! A story is opened, changed, published and previewed only by those `story::may_edit`
//! allows (its author, administrators); to any other editor a story that is not public does
//! not exist (`NotFound`, title and all). Everyone sees a story from its publication time,
//! with cards of the linked applications that are themselves public. Every change commits
//! through `commit_public`: the cached public pages (front page, story pages, application
//! pages, the feed) depend on stories.

mod images;

use crate::{Result, ServiceError, Services};
use prisverdig_domain::story::{StoryStatus, StoryText, may_edit, may_write};
use prisverdig_domain::{ValidationError, story};
use prisverdig_store::applications::{self, Pickable};
use prisverdig_store::catalogue_query::{self, Card, Filter};
use prisverdig_store::stories::{self, StoryContent, StoryImage, StoryRow};
use prisverdig_store::users::User;
use prisverdig_store::{Tx, audit};
use time::OffsetDateTime;
use uuid::Uuid;

/// Stories per page of `/stories`.
pub const STORIES_PER_PAGE: i64 = 10;
/// How many candidates the link picker offers at most.
const MAX_CANDIDATES: usize = 50;

/// A story with what its editor needs: its links as the picker shows them, its images.
pub struct EditableStory {
    pub story: StoryRow,
    pub status: StoryStatus,
    pub links: Vec<Pickable>,
    pub images: Vec<StoryImage>,
}

/// A story as everyone sees it, or as its editor previews it before it is public.
pub struct PublicStory {
    pub story: StoryRow,
    /// `Published` for everyone; `Draft` or `Scheduled` only in an editor's preview.
    pub status: StoryStatus,
    /// The viewer may edit the story (`story::may_edit`).
    pub editable: bool,
    pub images: Vec<StoryImage>,
    /// Linked applications that are public now (never the others, not even their titles).
    pub applications: Vec<Card>,
}

pub struct StoriesPage {
    pub stories: Vec<StoryRow>,
    pub total: i64,
}

fn content(text: &StoryText) -> StoryContent<'_> {
    StoryContent {
        title: &text.title,
        lead: &text.lead,
        body: &text.body,
    }
}

fn writer(user: &User) -> Result<()> {
    if may_write(&user.roles) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

async fn record(
    tx: &mut Tx,
    now: OffsetDateTime,
    user: &User,
    action: &'static str,
    id: Uuid,
    detail: serde_json::Value,
) -> Result<()> {
    let entry = audit::AuditEntry {
        actor: Some(user.id),
        action,
        entity: "story",
        entity_id: Some(id),
        detail,
    };
    Ok(audit::record(tx, now, entry).await?)
}

impl Services {
    /// A story by id, or `NotFound`.
    pub(crate) async fn story(&self, id: Uuid) -> Result<StoryRow> {
        stories::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// A story `user` may edit (`story::may_edit`). Anyone without the role is `Forbidden`;
    /// an editor asking for another's story gets `NotFound`, as for one that does not exist,
    /// so its existence (and title) stays hidden.
    pub(crate) async fn story_to_edit(&self, user: &User, id: Uuid) -> Result<StoryRow> {
        writer(user)?;
        let story = self.story(id).await?;
        if may_edit(&user.roles, user.id, story.author_id) {
            Ok(story)
        } else {
            Err(ServiceError::NotFound)
        }
    }

    /// Checks the text and its links: every problem at its field, links only to submitted
    /// applications.
    async fn checked_text(&self, text: StoryText) -> Result<StoryText> {
        let text = text.normalised();
        let mut problems = text.problems();
        if problems.iter().all(|p| p.field != "links") {
            let found = stories::submitted_among(&self.db, &text.links).await?;
            if found.len() != text.links.len() {
                problems.push(ValidationError::new("links", "error-story-unknown-link"));
            }
        }
        if problems.is_empty() {
            Ok(text)
        } else {
            Err(ServiceError::Invalid(problems))
        }
    }

    #[tracing::instrument(skip_all)]
    pub async fn create_story(&self, user: &User, text: StoryText) -> Result<Uuid> {
        writer(user)?;
        let text = self.checked_text(text).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let id = stories::insert(&mut tx, now, user.id, content(&text)).await?;
        stories::set_links(&mut tx, id, &text.links).await?;
        let detail = serde_json::json!({ "links": text.links });
        record(&mut tx, now, user, "story.create", id, detail).await?;
        self.commit_public(tx).await?;
        Ok(id)
    }

    /// Saves the text and links if nobody saved since `version`; returns the new version.
    #[tracing::instrument(skip_all)]
    pub async fn update_story(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        text: StoryText,
    ) -> Result<i64> {
        self.story_to_edit(user, id).await?;
        let text = self.checked_text(text).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let new_version = stories::update(&mut tx, now, id, version, content(&text)).await?;
        stories::set_links(&mut tx, id, &text.links).await?;
        let detail = serde_json::json!({ "version": new_version, "links": text.links });
        record(&mut tx, now, user, "story.update", id, detail).await?;
        self.commit_public(tx).await?;
        Ok(new_version)
    }

    /// Publishes now (`at` is `None` or already past) or from a time ahead.
    #[tracing::instrument(skip_all)]
    pub async fn publish_story(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        at: Option<OffsetDateTime>,
    ) -> Result<()> {
        let now = self.clock.now();
        let at = at.filter(|t| *t > now).unwrap_or(now);
        self.set_publication(user, id, version, Some(at), "story.publish")
            .await
    }

    /// Takes a story (published or scheduled) back to a draft.
    #[tracing::instrument(skip_all)]
    pub async fn unpublish_story(&self, user: &User, id: Uuid, version: i64) -> Result<()> {
        self.set_publication(user, id, version, None, "story.unpublish")
            .await
    }

    async fn set_publication(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        at: Option<OffsetDateTime>,
        action: &'static str,
    ) -> Result<()> {
        self.story_to_edit(user, id).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        stories::set_published(&mut tx, now, id, version, at).await?;
        record(
            &mut tx,
            now,
            user,
            action,
            id,
            serde_json::json!({ "at": at }),
        )
        .await?;
        self.commit_public(tx).await?;
        Ok(())
    }

    /// The stories `user` may edit with where each stands, for the editors' list: an
    /// editor's own, every story for an administrator.
    #[tracing::instrument(skip_all)]
    pub async fn stories_for_editors(&self, user: &User) -> Result<Vec<(StoryRow, StoryStatus)>> {
        writer(user)?;
        let now = self.clock.now();
        Ok(stories::all(&self.db)
            .await?
            .into_iter()
            .filter(|s| may_edit(&user.roles, user.id, s.author_id))
            .map(|s| {
                let status = StoryStatus::at(s.published_at, now);
                (s, status)
            })
            .collect())
    }

    #[tracing::instrument(skip_all)]
    pub async fn editable_story(&self, user: &User, id: Uuid) -> Result<EditableStory> {
        let story = self.story_to_edit(user, id).await?;
        let links = self
            .story_links_named(user, &stories::links(&self.db, id).await?)
            .await?;
        Ok(EditableStory {
            status: StoryStatus::at(story.published_at, self.clock.now()),
            images: stories::images(&self.db, id).await?,
            links,
            story,
        })
    }

    /// Those of `ids` a story can be about, as the picker shows them, in the order given.
    #[tracing::instrument(skip_all)]
    pub async fn story_links_named(&self, user: &User, ids: &[Uuid]) -> Result<Vec<Pickable>> {
        writer(user)?;
        let all = applications::submitted_titles(&self.db).await?;
        Ok(ids
            .iter()
            .filter_map(|id| all.iter().find(|p| p.id == *id).cloned())
            .collect())
    }

    /// Applications a story can be about, for the picker: matching `text` (best first),
    /// or the newest when there is no text.
    #[tracing::instrument(skip_all)]
    pub async fn story_link_candidates(&self, user: &User, text: &str) -> Result<Vec<Pickable>> {
        writer(user)?;
        let all = applications::submitted_titles(&self.db).await?;
        if text.trim().is_empty() {
            return Ok(all.into_iter().take(MAX_CANDIDATES).collect());
        }
        let query = crate::search::SearchQuery {
            text: text.to_string(),
            page: 1,
            per_page: MAX_CANDIDATES,
            ..Default::default()
        };
        let hits: Vec<Uuid> = self
            .search(query)
            .await?
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        let mut found: Vec<Pickable> = all.into_iter().filter(|p| hits.contains(&p.id)).collect();
        found.sort_by_key(|p| hits.iter().position(|h| *h == p.id));
        Ok(found)
    }

    /// Public stories, newest first (`page` counts from 1).
    #[tracing::instrument(skip_all)]
    pub async fn public_stories(&self, page: i64, per_page: i64) -> Result<StoriesPage> {
        let offset = (page.max(1) - 1).saturating_mul(per_page);
        let (stories, total) =
            stories::published(&self.db, self.clock.now(), offset, per_page).await?;
        Ok(StoriesPage { stories, total })
    }

    /// A story's page for `viewer`: everyone from its publication time; before it, a
    /// preview for those who may edit it (`story::may_edit`), `NotFound` for everyone else.
    #[tracing::instrument(skip_all)]
    pub async fn story_page(&self, viewer: Option<&User>, id: Uuid) -> Result<PublicStory> {
        let now = self.clock.now();
        let story = self.story(id).await?;
        let status = StoryStatus::at(story.published_at, now);
        let editable = viewer.is_some_and(|u| may_edit(&u.roles, u.id, story.author_id));
        if status != StoryStatus::Published && !editable {
            return Err(ServiceError::NotFound);
        }
        Ok(PublicStory {
            status,
            editable,
            images: stories::images(&self.db, id).await?,
            applications: self
                .public_cards(&stories::links(&self.db, id).await?)
                .await?,
            story,
        })
    }

    /// Cards of those of `ids` that are public now, in the order of `ids`.
    async fn public_cards(&self, ids: &[Uuid]) -> Result<Vec<Card>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let filter = Filter {
            ids: Some(ids.to_vec()),
            limit: story::MAX_LINKS as i64,
            ..Filter::default()
        };
        let mut cards = catalogue_query::page(&self.db, self.clock.now(), &filter)
            .await?
            .0;
        cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
        Ok(cards)
    }

    /// «Omtalt i Tanketanken»: public stories about an application.
    #[tracing::instrument(skip_all)]
    pub async fn stories_about(&self, application: Uuid) -> Result<Vec<StoryRow>> {
        Ok(stories::published_about(&self.db, self.clock.now(), application).await?)
    }
}

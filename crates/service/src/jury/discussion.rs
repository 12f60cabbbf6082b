//! The jury's private discussion of one application: reading it (whole, or the posts after
//! the last one a page has, for polling) and posting to it.
//!
//! Only a juror who may review the application takes part
//! (`domain::jury::discussion::takes_part`, asked of the [`Panel`]). Everyone else gets
//! «not found», the answer for an application one may not see: a conflicted juror, whatever
//! other role they hold, and an administrator who is not on the jury (the thread is the
//! jurors' deliberation; the audit log records that a post was written, never its text).

use super::Panel;
use crate::admin::record;
use crate::{Result, ServiceError, Services};
use prisverdig_domain::jury::discussion::{check_post, takes_part};
use prisverdig_store::jury_posts::{self, PostRow};
use prisverdig_store::users::User;
use uuid::Uuid;

/// «Not found» unless `user` takes part in the discussion of `application`.
fn taking_part(
    panel: &Panel,
    now: time::OffsetDateTime,
    application: Uuid,
    user: &User,
) -> Result<()> {
    if takes_part(panel.access(now, application, user.id)) {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

impl Services {
    /// The posts on an application, oldest first: all of them, or those written after the
    /// post `after` (what a page that polls has not shown yet).
    #[tracing::instrument(skip_all)]
    pub async fn jury_discussion(
        &self,
        user: &User,
        application: Uuid,
        after: Option<Uuid>,
    ) -> Result<Vec<PostRow>> {
        let panel = self.panel_of(application).await?;
        taking_part(&panel, self.clock.now(), application, user)?;
        Ok(match after {
            Some(after) => jury_posts::since(&self.db, application, after).await?,
            None => jury_posts::of_application(&self.db, application).await?,
        })
    }

    /// The discussion for the review page when `user` takes part in it; `None` otherwise.
    pub(crate) async fn discussion_on_page(
        &self,
        panel: &Panel,
        application: Uuid,
        user: &User,
    ) -> Result<Option<Vec<PostRow>>> {
        if taking_part(panel, self.clock.now(), application, user).is_err() {
            return Ok(None);
        }
        Ok(Some(
            jury_posts::of_application(&self.db, application).await?,
        ))
    }

    /// Posts to the discussion of an application, with its audit row in the same
    /// transaction. Access is asked before the text is read: someone outside the
    /// discussion learns nothing from a refusal. Returns the post's id.
    #[tracing::instrument(skip_all)]
    pub async fn post_to_jury_discussion(
        &self,
        user: &User,
        application: Uuid,
        body: &str,
    ) -> Result<Uuid> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        taking_part(&panel, now, application, user)?;
        let body = check_post(body)?;
        let mut tx = self.db.begin().await?;
        let id = jury_posts::insert(&mut tx, now, application, user.id, &body).await?;
        let detail = serde_json::json!({
            "application": application,
            "characters": body.chars().count(),
        });
        record(
            &mut tx,
            now,
            user,
            "jury.post_added",
            ("jury_post", id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

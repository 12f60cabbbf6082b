//! Conflicts of interest: a juror declares one (it binds at once, while it waits), an
//! applicant points one out at submission (it binds once confirmed), and an administrator
//! confirms or dismisses each with a written reason. The automatic ones are found by the
//! rules in [`super::Panel`] and need nobody's decision.

use crate::admin::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::jury::Access;
use prisverdig_domain::jury::conflict::{Grounds, Source, Status, check_decision, check_reason};
use prisverdig_store::StoreError;
use prisverdig_store::applications;
use prisverdig_store::conflicts::{self, ConflictRow, NewConflict};
use prisverdig_store::jury::Member;
use prisverdig_store::users::User;
use uuid::Uuid;

impl Services {
    /// A juror declares themself conflicted on an application they may see.
    #[tracing::instrument(skip_all)]
    pub async fn declare_conflict(
        &self,
        user: &User,
        application: Uuid,
        grounds: Grounds,
        reason: &str,
    ) -> Result<()> {
        let now = self.clock.now();
        let panel = self.panel_of(application).await?;
        if panel.access(now, application, user.id) == Access::None {
            return Err(ServiceError::NotFound);
        }
        let reason = check_reason(reason)?;
        self.raise(
            user,
            application,
            user.id,
            grounds,
            Source::Declared,
            &reason,
        )
        .await
    }

    /// The jury of an application's category, for its team to point out a conflict.
    #[tracing::instrument(skip_all)]
    pub async fn jury_for_team(&self, user: &User, application: Uuid) -> Result<Vec<Member>> {
        if !applications::is_on_team(&self.db, application, user.id, &user.email).await? {
            return Err(ServiceError::Forbidden);
        }
        Ok(self.panel_of(application).await?.members)
    }

    /// Someone on the team points out that a juror is conflicted on their application.
    #[tracing::instrument(skip_all)]
    pub async fn point_out_conflict(
        &self,
        user: &User,
        application: Uuid,
        juror: Uuid,
        grounds: Grounds,
        reason: &str,
    ) -> Result<()> {
        if !applications::is_on_team(&self.db, application, user.id, &user.email).await? {
            return Err(ServiceError::Forbidden);
        }
        let panel = self.panel_of(application).await?;
        panel.application(application)?;
        if panel.role_of(juror).is_none() {
            return Err(ValidationError::new("juror", "error-choose-one").into());
        }
        let reason = check_reason(reason)?;
        self.raise(
            user,
            application,
            juror,
            grounds,
            Source::PointedOut,
            &reason,
        )
        .await
    }

    async fn raise(
        &self,
        by: &User,
        application: Uuid,
        juror: Uuid,
        grounds: Grounds,
        source: Source,
        reason: &str,
    ) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let new = NewConflict {
            application_id: application,
            user_id: juror,
            grounds,
            source,
            reason,
            raised_by: by.id,
        };
        let id = match conflicts::insert(&mut tx, now, new).await {
            Err(StoreError::Duplicate(_)) => {
                return Err(ValidationError::new("conflict", "error-conflict-exists").into());
            }
            other => other?,
        };
        let detail = serde_json::json!({
            "application": application, "juror": juror,
            "grounds": grounds.as_str(), "source": source.as_str(),
        });
        record(
            &mut tx,
            now,
            by,
            "conflict.raised",
            ("conflict", id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every declared and pointed-out conflict, pending first.
    #[tracing::instrument(skip_all)]
    pub async fn conflicts(&self, user: &User) -> Result<Vec<ConflictRow>> {
        require_admin(user)?;
        Ok(conflicts::all(&self.db).await?)
    }

    /// An administrator confirms or dismisses a pending conflict, with a reason.
    #[tracing::instrument(skip_all)]
    pub async fn decide_conflict(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        confirm: bool,
        reason: &str,
    ) -> Result<()> {
        require_admin(user)?;
        let now = self.clock.now();
        let conflict = conflicts::find(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if conflict.version != version {
            return Err(ServiceError::Conflict);
        }
        let reason = check_decision(conflict.source, conflict.status, reason)?;
        let status = if confirm {
            Status::Confirmed
        } else {
            Status::Dismissed
        };
        let mut tx = self.db.begin().await?;
        conflicts::decide(&mut tx, now, id, version, status, user.id, &reason).await?;
        let detail = serde_json::json!({
            "application": conflict.application_id, "juror": conflict.user_id,
            "status": status.as_str(), "reason": reason,
        });
        record(
            &mut tx,
            now,
            user,
            "conflict.decided",
            ("conflict", id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

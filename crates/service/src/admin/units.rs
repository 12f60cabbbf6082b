//! The organisation chart: create, rename, move and merge units (a merge is recorded with
//! what it moved; seeing and undoing one is in `unit_merges.rs`).

use super::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::unit::{UnitKind, can_move, check_name};
use prisverdig_store::organisation::{self, NewUnit, UnitRow};
use prisverdig_store::users::User;
use std::collections::HashMap;
use uuid::Uuid;

impl Services {
    /// Every active unit, for the chart and for pickers (anyone signed in may pick a unit).
    #[tracing::instrument(skip_all)]
    pub async fn units(&self) -> Result<Vec<UnitRow>> {
        Ok(organisation::active_units(&self.db).await?)
    }

    /// Every unit in the chart with its parent.
    pub(crate) async fn parents(&self) -> Result<HashMap<Uuid, Option<Uuid>>> {
        let units = self.units().await?;
        Ok(units.into_iter().map(|u| (u.id, u.parent_id)).collect())
    }

    async fn existing_unit(&self, id: Uuid) -> Result<UnitRow> {
        organisation::unit(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    #[tracing::instrument(skip_all)]
    pub async fn create_unit(
        &self,
        user: &User,
        name: &str,
        kind: &str,
        parent: Option<Uuid>,
    ) -> Result<Uuid> {
        require_admin(user)?;
        let mut errors = Vec::new();
        let name = check_name(name).map_err(|e| errors.push(e)).ok();
        let kind = UnitKind::parse(kind);
        if kind.is_none() {
            errors.push(ValidationError::new("kind", "error-choose-one"));
        }
        if let Some(p) = parent
            && organisation::unit(&self.db, p).await?.is_none()
        {
            errors.push(ValidationError::new("parent", "error-choose-one"));
        }
        let (Some(name), Some(kind), true) = (name, kind, errors.is_empty()) else {
            return Err(ServiceError::Invalid(errors));
        };
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let org = self.organisation_for_setup(&mut tx).await?;
        let position = organisation::next_position(&mut tx, parent).await?;
        let new = NewUnit {
            organisation_id: org,
            parent_id: parent,
            name: &name,
            kind: kind.as_str(),
            position,
        };
        let id = organisation::insert_unit(&mut tx, new).await?;
        let detail = serde_json::json!({ "name": name, "kind": kind.as_str(), "parent": parent });
        record(&mut tx, now, user, "unit.create", ("unit", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    /// Renames a unit, if nobody changed it since `version` was read.
    pub async fn rename_unit(&self, user: &User, id: Uuid, version: i64, name: &str) -> Result<()> {
        require_admin(user)?;
        let unit = self.existing_unit(id).await?;
        let name = check_name(name)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        organisation::rename_unit(&mut tx, id, version, &name).await?;
        let detail = serde_json::json!({ "from": unit.name, "to": name });
        record(&mut tx, now, user, "unit.rename", ("unit", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(())
    }

    /// Moves a unit under `parent` (or to the top), if nobody changed it since `version`
    /// was read; refuses to put it under itself.
    #[tracing::instrument(skip_all)]
    pub async fn move_unit(
        &self,
        user: &User,
        id: Uuid,
        version: i64,
        parent: Option<Uuid>,
    ) -> Result<()> {
        require_admin(user)?;
        let unit = self.existing_unit(id).await?;
        let parents = self.parents().await?;
        if parent.is_some_and(|p| !parents.contains_key(&p)) {
            return Err(ValidationError::new("parent", "error-choose-one").into());
        }
        if !can_move(id, parent, &parents) {
            return Err(ValidationError::new("parent", "error-unit-cycle").into());
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let position = organisation::next_position(&mut tx, parent).await?;
        organisation::move_unit(&mut tx, id, version, parent, position).await?;
        let detail = serde_json::json!({ "from": unit.parent_id, "to": parent });
        record(&mut tx, now, user, "unit.move", ("unit", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(())
    }

    /// Merges unit `from` into `into`: people, applications and child units move over and
    /// `from` is archived, if nobody changed `from` since `version` was read. What moved is
    /// recorded with the merge, so `unmerge_unit` can move it back. Refuses merging a unit
    /// into itself or into one of its own units.
    #[tracing::instrument(skip_all)]
    pub async fn merge_unit(
        &self,
        user: &User,
        from: Uuid,
        version: i64,
        into: Uuid,
    ) -> Result<()> {
        require_admin(user)?;
        let source = self.existing_unit(from).await?;
        let target = organisation::unit(&self.db, into)
            .await?
            .ok_or(ValidationError::new("into", "error-choose-one"))?;
        if !can_move(from, Some(into), &self.parents().await?) {
            return Err(ValidationError::new("into", "error-merge-into-own-unit").into());
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let merge = organisation::merge_units(&mut tx, now, user.id, (from, version), into).await?;
        let detail = serde_json::json!({
            "from": source.name, "into": into, "into_name": target.name, "merge": merge
        });
        record(&mut tx, now, user, "unit.merge", ("unit", from), detail).await?;
        self.commit_public(tx).await?;
        Ok(())
    }
}

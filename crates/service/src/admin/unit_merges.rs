//! Archived and merged units for the administrators: where each went, when and by whom
//! (from the merge's record, or for a merge made before records were kept, from the audit
//! log), and undoing a merge: the unit back in the chart with what the merge moved that
//! still points at the target (`domain::unit_merge::check_undo` decides whether it can be).

use super::{record, require_admin};
use crate::{Result, ServiceError, Services};
use prisverdig_domain::ValidationError;
use prisverdig_domain::unit_merge::{MovedKind, check_undo};
use prisverdig_store::audit::{self, AuditFilter};
use prisverdig_store::organisation::{self, ArchivedUnitRow};
use prisverdig_store::unit_merges::{self, UnitMerge};
use prisverdig_store::users::User;
use time::OffsetDateTime;
use uuid::Uuid;

/// An archived unit and what is known of its merge.
pub struct ArchivedUnit {
    pub unit: ArchivedUnitRow,
    /// When and by whom it was merged; `None` when nothing records it (archived on import).
    pub merge: Option<MergeFacts>,
}

impl ArchivedUnit {
    /// The merge can be undone from the unit's page (the unit was merged, not only archived).
    pub fn undoable(&self) -> bool {
        self.unit.merged_into.is_some()
    }
}

/// When a unit was merged, by whom, and what the merge moved.
pub struct MergeFacts {
    pub at: OffsetDateTime,
    /// The administrator's name as it is now, when known.
    pub by: Option<String>,
    /// What the merge moved (people, applications, child units); `None` for a merge made
    /// before merges were recorded: undoing it restores the unit, and nothing moves back.
    pub moved: Option<[usize; 3]>,
}

fn facts(merge: &UnitMerge) -> MergeFacts {
    let count = |kind| merge.moved(kind).len();
    MergeFacts {
        at: merge.merged_at,
        by: merge.merged_by_name.clone(),
        moved: Some([
            count(MovedKind::Person),
            count(MovedKind::Application),
            count(MovedKind::ChildUnit),
        ]),
    }
}

impl Services {
    /// The merge of `unit` into `into` as recorded, if it was and still stands.
    async fn recorded_merge(&self, unit: Uuid, into: Uuid) -> Result<Option<UnitMerge>> {
        Ok(unit_merges::standing(&self.db, unit)
            .await?
            .filter(|m| m.into_unit_id == into))
    }

    /// What is known of an archived unit's merge: its record, or the audit log's entry.
    async fn merge_facts(&self, unit: &ArchivedUnitRow) -> Result<Option<MergeFacts>> {
        let Some((into, _, _)) = unit.merged_into else {
            return Ok(None);
        };
        if let Some(merge) = self.recorded_merge(unit.id, into).await? {
            return Ok(Some(facts(&merge)));
        }
        let filter = AuditFilter {
            action: Some("unit.merge".into()),
            entity_id: Some(unit.id),
            ..AuditFilter::default()
        };
        let logged = audit::page(&self.db, &filter, 0, 1).await?;
        Ok(logged.into_iter().next().map(|entry| MergeFacts {
            at: entry.at,
            by: entry.actor_name,
            moved: None,
        }))
    }

    /// Every archived unit (merged or archived on import), by name.
    #[tracing::instrument(skip_all)]
    pub async fn archived_units(&self, user: &User) -> Result<Vec<ArchivedUnit>> {
        require_admin(user)?;
        let mut out = Vec::new();
        for unit in organisation::archived_units(&self.db).await? {
            let merge = self.merge_facts(&unit).await?;
            out.push(ArchivedUnit { unit, merge });
        }
        Ok(out)
    }

    /// One archived unit, or `NotFound` (an active unit's page is the chart's own).
    #[tracing::instrument(skip_all)]
    pub async fn archived_unit(&self, user: &User, id: Uuid) -> Result<ArchivedUnit> {
        require_admin(user)?;
        let unit = organisation::archived_unit(&self.db, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let merge = self.merge_facts(&unit).await?;
        Ok(ArchivedUnit { unit, merge })
    }

    /// Undoes the merge of unit `id`, if nobody changed it since `version` was read: the unit
    /// is back in the chart where it was, and the people, applications and child units the
    /// merge moved that still belong to the target move back (a merge from before records
    /// were kept restores the unit only). Refused at the form when the target has been
    /// merged or archived since, or when the chart changed so that it would close a loop; a
    /// unit already back (someone undid it first) is a conflict.
    #[tracing::instrument(skip_all)]
    pub async fn unmerge_unit(&self, user: &User, id: Uuid, version: i64) -> Result<()> {
        require_admin(user)?;
        let Some(unit) = organisation::archived_unit(&self.db, id).await? else {
            return match organisation::unit(&self.db, id).await? {
                Some(_) => Err(ServiceError::Conflict),
                None => Err(ServiceError::NotFound),
            };
        };
        let Some((into, into_name, target_active)) = unit.merged_into.clone() else {
            return Err(ValidationError::new("unmerge", "error-unit-not-merged").into());
        };
        let merge = self.recorded_merge(id, into).await?;
        let parents = self.parents().await?;
        let children_back: Vec<Uuid> = merge
            .as_ref()
            .map(|m| m.moved(MovedKind::ChildUnit))
            .unwrap_or_default()
            .into_iter()
            .filter(|child| parents.get(child) == Some(&Some(into)))
            .collect();
        check_undo(id, unit.parent_id, target_active, &children_back, &parents)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let merge_id = merge.as_ref().map(|m| m.id);
        let back = unit_merges::undo(&mut tx, now, user.id, (id, version), into, merge_id).await?;
        let detail = serde_json::json!({
            "unit": unit.name, "into": into, "into_name": into_name, "merge": merge_id,
            "people": back.people, "applications": back.applications, "units": back.units,
        });
        record(&mut tx, now, user, "unit.unmerge", ("unit", id), detail).await?;
        self.commit_public(tx).await?;
        Ok(())
    }
}

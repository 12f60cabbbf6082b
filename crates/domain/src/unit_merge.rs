//! Merging units, kept so that a merge can be seen and undone: what a merge moved (by kind,
//! as stored with the merge) and whether undoing it is possible now (`check_undo`).

use crate::ValidationError;
use crate::unit::can_move;
use std::collections::HashMap;
use uuid::Uuid;

/// What a merge moved from the merged unit to the one it was merged into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MovedKind {
    /// A person whose unit it was.
    Person,
    /// An application made in the unit's name (its unit names as submitted stay as they were).
    Application,
    /// A unit directly below it in the chart.
    ChildUnit,
}

impl MovedKind {
    pub const ALL: [MovedKind; 3] = [
        MovedKind::Person,
        MovedKind::Application,
        MovedKind::ChildUnit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MovedKind::Person => "user",
            MovedKind::Application => "application",
            MovedKind::ChildUnit => "unit",
        }
    }

    pub fn parse(input: &str) -> Option<MovedKind> {
        MovedKind::ALL.into_iter().find(|k| k.as_str() == input)
    }
}

/// Can the merge of `unit` (whose parent was and is `parent`) be undone now? `target_active`:
/// the unit it was merged into is still in the chart (not merged or archived since);
/// `children_back`: the child units the undo moves back under `unit`; `parents`: each unit in
/// the chart now with its parent. Refused at the undo form's field when the target is gone,
/// or when putting `unit` back under `parent` with those children would close a loop (the
/// chart was reorganised since).
pub fn check_undo(
    unit: Uuid,
    parent: Option<Uuid>,
    target_active: bool,
    children_back: &[Uuid],
    parents: &HashMap<Uuid, Option<Uuid>>,
) -> Result<(), ValidationError> {
    if !target_active {
        return Err(ValidationError::new("unmerge", "error-unmerge-target-gone"));
    }
    let mut after = parents.clone();
    after.insert(unit, parent);
    for child in children_back {
        after.insert(*child, Some(unit));
    }
    // Every changed link ends at `unit`, so a loop, if any, runs through it.
    if can_move(unit, parent, &after) {
        Ok(())
    } else {
        Err(ValidationError::new("unmerge", "error-unmerge-cycle"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (Uuid, Uuid, Uuid, Uuid) {
        (
            Uuid::from_u128(1),
            Uuid::from_u128(2),
            Uuid::from_u128(3),
            Uuid::from_u128(4),
        )
    }

    #[test]
    fn every_kind_is_stored_and_read_back() {
        for kind in MovedKind::ALL {
            assert_eq!(MovedKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MovedKind::parse("person"), None);
    }

    #[test]
    fn a_merge_into_a_unit_still_in_the_chart_can_be_undone() {
        // sector ← target ← child (moved there by the merge); the unit sat under sector.
        let (sector, target, unit, child) = ids();
        let parents = HashMap::from([
            (sector, None),
            (target, Some(sector)),
            (child, Some(target)),
        ]);
        assert_eq!(
            check_undo(unit, Some(sector), true, &[child], &parents),
            Ok(())
        );
        assert_eq!(check_undo(unit, None, true, &[], &parents), Ok(()));
    }

    #[test]
    fn a_target_merged_or_archived_since_refuses_the_undo() {
        let (sector, _, unit, _) = ids();
        let parents = HashMap::from([(sector, None)]);
        let refused = check_undo(unit, Some(sector), false, &[], &parents).unwrap_err();
        assert_eq!(
            (refused.field, refused.message_id),
            ("unmerge", "error-unmerge-target-gone")
        );
    }

    #[test]
    fn an_undo_that_would_put_the_unit_below_its_own_child_is_refused() {
        // Since the merge, the unit's old parent was moved below the child the undo brings back.
        let (parent, target, unit, child) = ids();
        let parents = HashMap::from([(target, None), (child, Some(target)), (parent, Some(child))]);
        let refused = check_undo(unit, Some(parent), true, &[child], &parents).unwrap_err();
        assert_eq!(refused.message_id, "error-unmerge-cycle");
        assert_eq!(
            check_undo(unit, Some(parent), true, &[], &parents),
            Ok(()),
            "without the child, no loop"
        );
    }
}

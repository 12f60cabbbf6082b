//! «Forankret i linjen»: a unit leader stands behind an application from their own part of the
//! organisation — their unit or any unit under it. Shown on the application's public page.

use crate::role::Role;
use uuid::Uuid;

/// The longest note a leader may add to an endorsement.
pub const MAX_NOTE_CHARS: usize = 500;

/// Whether someone with `roles`, placed in `leader_unit`, may endorse an application of the
/// unit whose chain from itself up to the root is `application_units` (its own id first).
pub fn may_endorse(roles: &[Role], leader_unit: Option<Uuid>, application_units: &[Uuid]) -> bool {
    led_unit(roles, leader_unit).is_some_and(|u| application_units.contains(&u))
}

/// The unit someone with `roles`, placed in `unit`, leads: none unless they are a leader.
pub fn led_unit(roles: &[Role], unit: Option<Uuid>) -> Option<Uuid> {
    unit.filter(|_| roles.contains(&Role::Leader))
}

/// A unit's chain from itself up to the root, given each unit's parent; stops at a cycle.
pub fn chain(unit: Uuid, parent_of: impl Fn(Uuid) -> Option<Uuid>) -> Vec<Uuid> {
    let mut chain = vec![unit];
    let mut at = unit;
    while let Some(parent) = parent_of(at) {
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
        at = parent;
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_leader_endorses_their_own_unit_and_the_units_under_it_only() {
        let (sector, school, other) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let parents: HashMap<Uuid, Uuid> = [(school, sector)].into();
        let school_chain = chain(school, |u| parents.get(&u).copied());
        assert_eq!(school_chain, [school, sector]);
        let leader = [Role::Applicant, Role::Leader];
        assert!(may_endorse(&leader, Some(school), &school_chain));
        assert!(
            may_endorse(&leader, Some(sector), &school_chain),
            "the sector's leader too"
        );
        assert!(
            !may_endorse(&leader, Some(other), &school_chain),
            "not another unit's"
        );
        assert!(
            !may_endorse(&leader, Some(school), &[sector]),
            "not the unit above"
        );
        assert!(
            !may_endorse(&leader, None, &school_chain),
            "a leader without a unit"
        );
        assert!(
            !may_endorse(&[Role::Applicant], Some(school), &school_chain),
            "not without the role"
        );
        assert_eq!(led_unit(&leader, Some(school)), Some(school));
        assert_eq!(led_unit(&[Role::Applicant], Some(school)), None);
    }

    #[test]
    fn a_cycle_in_the_chart_ends_the_chain() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let parents: HashMap<Uuid, Uuid> = [(a, b), (b, a)].into();
        assert_eq!(chain(a, |u| parents.get(&u).copied()), [a, b]);
    }
}

//! The organisation chart: units in a tree of any depth.

use crate::ValidationError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// Longest unit name accepted, in characters.
pub const MAX_UNIT_NAME_CHARS: usize = 200;

/// What a unit is in the chart: a sector or director area at the top, sub-areas, and the
/// units (tjenestesteder) that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Sector,
    Area,
    Unit,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Sector, UnitKind::Area, UnitKind::Unit];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Sector => "sector",
            UnitKind::Area => "area",
            UnitKind::Unit => "unit",
        }
    }

    pub fn parse(input: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.as_str() == input)
    }

    /// The kind an imported unit gets: the top level is a sector, the last name on a line
    /// a unit, anything between an area.
    pub fn for_level(level: usize, last: bool) -> UnitKind {
        match (level, last) {
            (0, _) => UnitKind::Sector,
            (_, true) => UnitKind::Unit,
            _ => UnitKind::Area,
        }
    }
}

/// A unit's name, trimmed: required and at most [`MAX_UNIT_NAME_CHARS`].
pub fn check_name(name: &str) -> Result<String, ValidationError> {
    let name = name.trim();
    if name.is_empty() {
        Err(ValidationError::new("name", "error-required"))
    } else if name.chars().count() > MAX_UNIT_NAME_CHARS {
        Err(ValidationError::new("name", "error-too-long"))
    } else {
        Ok(name.to_string())
    }
}

/// Can `unit` be moved under `new_parent` without making a cycle? `parents` maps each unit
/// to its current parent.
pub fn can_move(
    unit: Uuid,
    new_parent: Option<Uuid>,
    parents: &HashMap<Uuid, Option<Uuid>>,
) -> bool {
    let mut cursor = new_parent;
    let mut steps = 0;
    while let Some(p) = cursor {
        if p == unit || steps > parents.len() {
            return false;
        }
        cursor = parents.get(&p).copied().flatten();
        steps += 1;
    }
    true
}

/// The units in tree order (each parent before its children, siblings in the given
/// order) with their depth. A unit whose parent is not listed counts as a root.
pub fn tree_order(units: &[(Uuid, Option<Uuid>)]) -> Vec<(usize, usize)> {
    let known: std::collections::HashSet<Uuid> = units.iter().map(|(id, _)| *id).collect();
    let mut children: HashMap<Option<Uuid>, Vec<usize>> = HashMap::new();
    for (i, (_, parent)) in units.iter().enumerate() {
        let parent = parent.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(i);
    }
    let mut out = Vec::with_capacity(units.len());
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|i| (*i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        if out.len() > units.len() {
            break;
        }
        out.push((i, depth));
        if let Some(kids) = children.get(&Some(units[i].0)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    out
}

/// `unit` and every unit above it, nearest first (a cycle or an unknown parent ends it).
pub fn chain(unit: Uuid, parents: &HashMap<Uuid, Option<Uuid>>) -> Vec<Uuid> {
    let mut out = vec![unit];
    let mut at = unit;
    while let Some(Some(parent)) = parents.get(&at) {
        if out.contains(parent) {
            break;
        }
        out.push(*parent);
        at = *parent;
    }
    out
}

/// The names from the root down to `unit`, e.g. «Eiendom › Renhold».
pub fn path_names(unit: Uuid, units: &HashMap<Uuid, (Option<Uuid>, String)>) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor = Some(unit);
    while let Some(id) = cursor {
        let Some((parent, name)) = units.get(&id) else {
            break;
        };
        names.push(name.clone());
        if names.len() > units.len() {
            break;
        }
        cursor = *parent;
    }
    names.reverse();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_runs_from_the_unit_to_the_root_and_stops_at_a_cycle() {
        let (root, mid, leaf) = ids();
        let parents = HashMap::from([(root, None), (mid, Some(root)), (leaf, Some(mid))]);
        assert_eq!(chain(leaf, &parents), vec![leaf, mid, root]);
        assert_eq!(chain(root, &parents), vec![root]);
        let unknown = Uuid::now_v7();
        assert_eq!(chain(unknown, &parents), vec![unknown]);
        let looped = HashMap::from([(mid, Some(leaf)), (leaf, Some(mid))]);
        assert_eq!(chain(leaf, &looped), vec![leaf, mid]);
    }

    fn ids() -> (Uuid, Uuid, Uuid) {
        (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7())
    }

    #[test]
    fn refuses_moving_a_unit_under_its_own_descendant() {
        let (a, b, c) = ids();
        let parents = HashMap::from([(a, None), (b, Some(a)), (c, Some(b))]);
        assert!(!can_move(a, Some(c), &parents));
        assert!(!can_move(a, Some(a), &parents));
        assert!(can_move(c, Some(a), &parents));
        assert!(can_move(c, None, &parents));
    }

    #[test]
    fn tree_order_puts_parents_before_children() {
        let (a, b, c) = ids();
        let d = Uuid::now_v7();
        let units = [(c, Some(a)), (a, None), (d, None), (b, Some(c))];
        assert_eq!(tree_order(&units), [(1, 0), (0, 1), (3, 2), (2, 0)]);
    }

    #[test]
    fn kinds_follow_the_level() {
        assert_eq!(UnitKind::for_level(0, true), UnitKind::Sector);
        assert_eq!(UnitKind::for_level(1, false), UnitKind::Area);
        assert_eq!(UnitKind::for_level(2, true), UnitKind::Unit);
        assert_eq!(UnitKind::parse("area"), Some(UnitKind::Area));
        assert_eq!(check_name("  Renhold "), Ok("Renhold".to_string()));
        assert!(check_name(" ").is_err());
    }

    #[test]
    fn path_goes_from_root_to_leaf() {
        let (a, b, c) = ids();
        let units = HashMap::from([
            (a, (None, "Helse og omsorg".to_string())),
            (b, (Some(a), "Hjemmetjenester".to_string())),
            (c, (Some(b), "Hjemmetjenesten Vest".to_string())),
        ]);
        assert_eq!(
            path_names(c, &units),
            ["Helse og omsorg", "Hjemmetjenester", "Hjemmetjenesten Vest"]
        );
    }

    #[test]
    fn a_name_may_hold_exactly_its_limit() {
        let longest = "å".repeat(MAX_UNIT_NAME_CHARS);
        assert_eq!(check_name(&longest), Ok(longest.clone()));
        let err = check_name(&format!("{longest}x")).unwrap_err();
        assert_eq!(err.message_id, "error-too-long");
    }

    #[test]
    fn a_chain_ending_at_an_unlisted_parent_is_walked_to_its_end() {
        // b's parent x is not in the map: the walk visits one more unit than it holds.
        let (u, b, x) = ids();
        let parents = HashMap::from([(b, Some(x))]);
        assert!(can_move(u, Some(b), &parents));
    }

    #[test]
    fn a_cycle_already_in_the_data_refuses_the_move_instead_of_looping() {
        let (a, b, c) = ids();
        let parents = HashMap::from([(a, Some(b)), (b, Some(a)), (c, None)]);
        assert!(!can_move(c, Some(a), &parents));
    }
}

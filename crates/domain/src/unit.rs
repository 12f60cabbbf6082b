//! The organisation chart: units in a tree of any depth.

use std::collections::HashMap;
use uuid::Uuid;

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
}

//! Balanced assignment: each application gets `per_application` reviewers among the jurors
//! who have no binding conflict on it, with the jurors' loads as even as the conflicts allow.
//!
//! Deterministic: the same input gives the same split. Applications with the fewest eligible
//! jurors are placed first (they have the least room), then in the order given; each takes
//! the eligible jurors with the lowest load so far, ties going to the juror listed first.

use std::collections::HashSet;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// (application, juror) pairs, by application in the order given, then juror order.
    pub pairs: Vec<(Uuid, Uuid)>,
    /// Applications that got fewer reviewers than asked for, with how many they lack.
    pub short: Vec<(Uuid, usize)>,
}

impl Split {
    /// How many applications each juror reviews, in the order the jurors were given.
    pub fn loads(&self, jurors: &[Uuid]) -> Vec<(Uuid, usize)> {
        jurors
            .iter()
            .map(|j| (*j, self.pairs.iter().filter(|(_, p)| p == j).count()))
            .collect()
    }
}

/// `conflicted` holds the (application, juror) pairs with a binding conflict.
pub fn balanced(
    applications: &[Uuid],
    jurors: &[Uuid],
    conflicted: &HashSet<(Uuid, Uuid)>,
    per_application: usize,
) -> Split {
    let eligible = |a: Uuid| -> Vec<usize> {
        (0..jurors.len())
            .filter(|&j| !conflicted.contains(&(a, jurors[j])))
            .collect()
    };
    let mut order: Vec<usize> = (0..applications.len()).collect();
    order.sort_by_key(|&i| (eligible(applications[i]).len(), i));
    let mut load = vec![0usize; jurors.len()];
    let mut chosen: Vec<Vec<usize>> = vec![Vec::new(); applications.len()];
    for i in order {
        let mut candidates = eligible(applications[i]);
        candidates.sort_by_key(|&j| (load[j], j));
        for &j in candidates.iter().take(per_application) {
            load[j] += 1;
            chosen[i].push(j);
        }
        chosen[i].sort_unstable();
    }
    let mut pairs = Vec::new();
    let mut short = Vec::new();
    for (i, picked) in chosen.iter().enumerate() {
        pairs.extend(picked.iter().map(|&j| (applications[i], jurors[j])));
        if picked.len() < per_application {
            short.push((applications[i], per_application - picked.len()));
        }
    }
    Split { pairs, short }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(from: u128, n: u128) -> Vec<Uuid> {
        (from..from + n).map(Uuid::from_u128).collect()
    }

    fn spread(split: &Split, jurors: &[Uuid]) -> usize {
        let loads: Vec<usize> = split.loads(jurors).into_iter().map(|(_, n)| n).collect();
        loads.iter().max().unwrap() - loads.iter().min().unwrap()
    }

    #[test]
    fn loads_differ_by_at_most_one_without_conflicts() {
        for (apps, jurors, n) in [(10, 4, 2), (7, 3, 1), (13, 5, 3), (1, 4, 2)] {
            let a = ids(100, apps);
            let j = ids(1, jurors);
            let split = balanced(&a, &j, &HashSet::new(), n);
            assert_eq!(split.pairs.len(), apps as usize * n);
            assert!(split.short.is_empty());
            assert!(spread(&split, &j) <= 1, "{apps} × {jurors} × {n}");
            for app in &a {
                let mine: HashSet<_> = split.pairs.iter().filter(|(x, _)| x == app).collect();
                assert_eq!(mine.len(), n, "each application gets distinct reviewers");
            }
        }
    }

    #[test]
    fn no_conflicted_juror_is_assigned_and_loads_stay_even() {
        let a = ids(100, 9);
        let j = ids(1, 4);
        let conflicted: HashSet<_> = [(a[0], j[0]), (a[1], j[0]), (a[2], j[1]), (a[3], j[0])]
            .into_iter()
            .collect();
        let split = balanced(&a, &j, &conflicted, 2);
        assert!(split.pairs.iter().all(|p| !conflicted.contains(p)));
        assert_eq!(split.pairs.len(), 18);
        assert!(spread(&split, &j) <= 1);
    }

    #[test]
    fn too_few_free_jurors_leaves_the_application_short() {
        let a = ids(100, 2);
        let j = ids(1, 3);
        let conflicted: HashSet<_> = [(a[0], j[0]), (a[0], j[1])].into_iter().collect();
        let split = balanced(&a, &j, &conflicted, 2);
        assert_eq!(split.short, vec![(a[0], 1)]);
        assert!(split.pairs.contains(&(a[0], j[2])));
        assert_eq!(split.pairs.len(), 3);
    }

    #[test]
    fn the_same_input_gives_the_same_split() {
        let a = ids(100, 6);
        let j = ids(1, 4);
        let c: HashSet<_> = [(a[2], j[3])].into_iter().collect();
        assert_eq!(balanced(&a, &j, &c, 2), balanced(&a, &j, &c, 2));
        // the first application goes to the first jurors
        let split = balanced(&a, &j, &HashSet::new(), 2);
        assert_eq!(&split.pairs[..2], &[(a[0], j[0]), (a[0], j[1])]);
    }
}

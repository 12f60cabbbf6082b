//! Balanced assignment: each application gets `per_application` reviewers among the jurors
//! who have no binding conflict on it, with the jurors' loads as even as the conflicts allow.
//!
//! Deterministic: the same input gives the same split. Applications with the fewest eligible
//! jurors are placed first (they have the least room), then in the order given; each takes
//! the eligible jurors with the lowest load so far, ties going to the juror listed first.
//! [`balanced_keeping`] first keeps pairs where a juror has already started (a review
//! exists), so re-running the split after a new juror or a new application moves no work
//! that is under way. An application with fewer eligible jurors than asked for gets all of
//! them and is listed in [`Split::short`]: the administrator sees it before saving.

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
    balanced_keeping(
        applications,
        jurors,
        conflicted,
        per_application,
        &HashSet::new(),
    )
}

/// As [`balanced`], keeping the pairs in `kept` first (at most `per_application` of them
/// per application, in juror order; never a conflicted one), then filling up.
pub fn balanced_keeping(
    applications: &[Uuid],
    jurors: &[Uuid],
    conflicted: &HashSet<(Uuid, Uuid)>,
    per_application: usize,
    kept: &HashSet<(Uuid, Uuid)>,
) -> Split {
    let eligible = |a: Uuid| -> Vec<usize> {
        (0..jurors.len())
            .filter(|&j| !conflicted.contains(&(a, jurors[j])))
            .collect()
    };
    let mut load = vec![0usize; jurors.len()];
    let mut chosen: Vec<Vec<usize>> = applications
        .iter()
        .map(|&a| {
            let mine: Vec<usize> = eligible(a)
                .into_iter()
                .filter(|&j| kept.contains(&(a, jurors[j])))
                .take(per_application)
                .collect();
            mine.iter().for_each(|&j| load[j] += 1);
            mine
        })
        .collect();
    let mut order: Vec<usize> = (0..applications.len()).collect();
    order.sort_by_key(|&i| (eligible(applications[i]).len(), i));
    for i in order {
        let mut candidates: Vec<usize> = eligible(applications[i])
            .into_iter()
            .filter(|j| !chosen[i].contains(j))
            .collect();
        candidates.sort_by_key(|&j| (load[j], j));
        let wanted = per_application.saturating_sub(chosen[i].len());
        for &j in candidates.iter().take(wanted) {
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
    fn a_juror_conflicted_on_everything_gets_nothing_and_the_rest_stay_even() {
        let a = ids(100, 6);
        let j = ids(1, 4);
        let conflicted: HashSet<_> = a.iter().map(|x| (*x, j[3])).collect();
        let split = balanced(&a, &j, &conflicted, 2);
        assert!(split.short.is_empty());
        let loads = split.loads(&j);
        assert_eq!(loads[3].1, 0);
        assert_eq!(
            loads[..3].iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            [4, 4, 4]
        );
    }

    #[test]
    fn fewer_jurors_than_asked_for_gives_each_application_all_of_them() {
        let a = ids(100, 3);
        let j = ids(1, 2);
        let split = balanced(&a, &j, &HashSet::new(), 3);
        assert_eq!(split.pairs.len(), 6);
        assert_eq!(split.short, a.iter().map(|x| (*x, 1)).collect::<Vec<_>>());
        // no juror at all: everything is short, nothing is assigned
        let split = balanced(&a, &[], &HashSet::new(), 2);
        assert!(split.pairs.is_empty());
        assert_eq!(split.short.len(), 3);
    }

    #[test]
    fn every_application_gets_as_many_free_jurors_as_it_can() {
        // A small deterministic generator: many conflict patterns, never a conflicted pair,
        // never the same juror twice, each application min(n, free) reviewers.
        let mut seed = 0x2545_f491_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..200 {
            let (apps, jurors, n) = (1 + next() % 9, 1 + next() % 6, 1 + next() % 4);
            let a = ids(100, u128::from(apps));
            let j = ids(1, u128::from(jurors));
            let conflicted: HashSet<_> = a
                .iter()
                .flat_map(|x| j.iter().map(move |y| (*x, *y)))
                .filter(|_| next() % 5 == 0)
                .collect();
            let split = balanced(&a, &j, &conflicted, n as usize);
            assert!(
                split.pairs.iter().all(|p| !conflicted.contains(p)),
                "{round}"
            );
            for app in &a {
                let free = j
                    .iter()
                    .filter(|y| !conflicted.contains(&(*app, **y)))
                    .count();
                let got: HashSet<_> = split.pairs.iter().filter(|(x, _)| x == app).collect();
                assert_eq!(got.len(), free.min(n as usize), "{round}");
                let lack = split
                    .short
                    .iter()
                    .find(|(x, _)| x == app)
                    .map_or(0, |s| s.1);
                assert_eq!(lack, n as usize - got.len(), "{round}");
            }
        }
    }

    #[test]
    fn work_under_way_is_kept_when_the_split_is_run_again() {
        let a = ids(100, 4);
        let j = ids(1, 3);
        // j[2] has started on a[0] and a[1]; a[1]'s start is now a conflict.
        let kept: HashSet<_> = [(a[0], j[2]), (a[1], j[2])].into_iter().collect();
        let conflicted: HashSet<_> = [(a[1], j[2])].into_iter().collect();
        let split = balanced_keeping(&a, &j, &conflicted, 1, &kept);
        assert!(split.pairs.contains(&(a[0], j[2])));
        assert!(!split.pairs.contains(&(a[1], j[2])));
        assert_eq!(split.pairs.len(), 4);
        // kept pairs beyond the number asked for are not all kept
        let kept: HashSet<_> = j.iter().map(|y| (a[0], *y)).collect();
        let split = balanced_keeping(&a, &j, &HashSet::new(), 2, &kept);
        let on_first: Vec<_> = split.pairs.iter().filter(|(x, _)| *x == a[0]).collect();
        assert_eq!(on_first, [&(a[0], j[0]), &(a[0], j[1])]);
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

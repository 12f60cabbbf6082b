//! The jury's arithmetic: weighted totals, calibration per juror, rank shifts and the
//! disagreement flag. `docs/scoring.md` explains every rule with a worked example that the
//! tests below reproduce.
//!
//! Everything is computed on a 0..1 scale first (each criterion normalised to 0..1, then
//! weighted), and only shown on the category's scale at the end ([`CategoryScale::show`]).

use crate::category::Scale;
use std::collections::HashMap;
use uuid::Uuid;

/// A juror needs at least this many scored applications in a category before their
/// scores are calibrated; with fewer, their raw scores are used and flagged.
pub const MIN_TO_CALIBRATE: usize = 3;

/// Jurors disagree strongly on an application when the standard deviation of their
/// totals (on the 0..1 scale) is above this.
pub const DISAGREEMENT_SD: f64 = 0.25;

/// A criterion as scoring sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Criterion {
    pub id: Uuid,
    pub scale: Scale,
    /// A weight of 0 leaves the criterion out of every total.
    pub weight: i64,
}

/// A value on a criterion's scale as a fraction of it: min → 0, max → 1.
pub fn normalise(scale: Scale, value: i64) -> f64 {
    let (min, max) = scale.bounds();
    let clamped = value.clamp(min, max);
    (clamped - min) as f64 / (max - min) as f64
}

/// One review's weighted total on the 0..1 scale. A criterion left empty (absent from
/// `values`) is left out and the weights of the others renormalised; `None` when nothing
/// with a weight above 0 was scored.
pub fn review_fraction(criteria: &[Criterion], values: &HashMap<Uuid, i64>) -> Option<f64> {
    let mut weighted = 0.0;
    let mut weights = 0.0;
    for c in criteria.iter().filter(|c| c.weight > 0) {
        if let Some(v) = values.get(&c.id) {
            weighted += c.weight as f64 * normalise(c.scale, *v);
            weights += c.weight as f64;
        }
    }
    (weights > 0.0).then(|| weighted / weights)
}

/// The category's scale for showing totals: 0 to the sum over its criteria of weight ×
/// (max − min), so a review with full marks everywhere shows that sum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CategoryScale {
    pub full: f64,
}

impl CategoryScale {
    pub fn of(criteria: &[Criterion]) -> CategoryScale {
        let full = criteria
            .iter()
            .filter(|c| c.weight > 0)
            .map(|c| {
                let (min, max) = c.scale.bounds();
                (c.weight * (max - min)) as f64
            })
            .sum();
        CategoryScale { full }
    }

    /// A 0..1 total on this scale.
    pub fn show(self, fraction: f64) -> f64 {
        fraction * self.full
    }
}

/// Mean and population standard deviation; `None` for an empty list.
pub fn mean_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    Some((mean, var.sqrt()))
}

/// One juror's total for one application (0..1), from a submitted review that counts
/// (not conflicted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub application: Uuid,
    pub juror: Uuid,
    pub fraction: f64,
}

/// What the overview shows for one application.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationTotal {
    pub application: Uuid,
    /// How many reviews count.
    pub reviews: usize,
    /// Mean of the jurors' raw totals, 0..1; `None` without reviews.
    pub raw: Option<f64>,
    /// Mean of the jurors' calibrated totals, 0..1.
    pub calibrated: Option<f64>,
    /// 1 = highest; applications without reviews have no rank.
    pub raw_rank: Option<usize>,
    pub calibrated_rank: Option<usize>,
    /// Standard deviation of the jurors' raw totals on the 0..1 scale.
    pub spread: Option<f64>,
    pub disagreement: bool,
    /// At least one review of it comes from a juror with too few scores to calibrate.
    pub uncalibrated_juror: bool,
}

impl ApplicationTotal {
    /// Places moved up from the raw ranking to the calibrated one (negative: down).
    pub fn rank_shift(&self) -> Option<i64> {
        Some(self.raw_rank? as i64 - self.calibrated_rank? as i64)
    }
}

/// What calibration did with one juror.
#[derive(Debug, Clone, PartialEq)]
pub struct JurorCalibration {
    pub juror: Uuid,
    pub scored: usize,
    /// Fewer than [`MIN_TO_CALIBRATE`]: their raw scores are used.
    pub too_few: bool,
    pub mean: f64,
    pub sd: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// In the order of the `applications` given.
    pub applications: Vec<ApplicationTotal>,
    /// In the order jurors first appear in the scores.
    pub jurors: Vec<JurorCalibration>,
}

/// Calibrates one juror's total: standardised against the juror's own mean and sd (a sd of
/// 0 gives z = 0), then put back on the category's mean and sd of all counted review
/// totals, clamped to 0..1. A juror with too few scores keeps the raw total.
fn calibrate(fraction: f64, juror: &JurorCalibration, category: (f64, f64)) -> f64 {
    if juror.too_few {
        return fraction;
    }
    let z = if juror.sd > 0.0 {
        (fraction - juror.mean) / juror.sd
    } else {
        0.0
    };
    (category.0 + z * category.1).clamp(0.0, 1.0)
}

/// Competition ranking, highest first: equal totals share a rank.
fn ranks(values: &[Option<f64>]) -> Vec<Option<usize>> {
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                1 + values
                    .iter()
                    .filter(|o| o.is_some_and(|o| o > v + 1e-12))
                    .count()
            })
        })
        .collect()
}

/// Every application's raw and calibrated totals, ranks, spread and flags, from the
/// reviews that count (submitted, not conflicted).
pub fn totals(applications: &[Uuid], scores: &[Scored]) -> Totals {
    let mut jurors: Vec<JurorCalibration> = Vec::new();
    for s in scores {
        if !jurors.iter().any(|j| j.juror == s.juror) {
            let own: Vec<f64> = scores
                .iter()
                .filter(|o| o.juror == s.juror)
                .map(|o| o.fraction)
                .collect();
            let (mean, sd) = mean_sd(&own).unwrap_or((0.0, 0.0));
            jurors.push(JurorCalibration {
                juror: s.juror,
                scored: own.len(),
                too_few: own.len() < MIN_TO_CALIBRATE,
                mean,
                sd,
            });
        }
    }
    let all: Vec<f64> = scores.iter().map(|s| s.fraction).collect();
    let category = mean_sd(&all).unwrap_or((0.0, 0.0));
    let juror_of = |id: Uuid| jurors.iter().find(|j| j.juror == id);

    let mut rows: Vec<ApplicationTotal> = applications
        .iter()
        .map(|&application| {
            let own: Vec<&Scored> = scores
                .iter()
                .filter(|s| s.application == application)
                .collect();
            let raw_values: Vec<f64> = own.iter().map(|s| s.fraction).collect();
            let calibrated_values: Vec<f64> = own
                .iter()
                .filter_map(|s| Some(calibrate(s.fraction, juror_of(s.juror)?, category)))
                .collect();
            let raw = mean_sd(&raw_values);
            let spread = raw.map(|(_, sd)| sd);
            ApplicationTotal {
                application,
                reviews: own.len(),
                raw: raw.map(|(m, _)| m),
                calibrated: mean_sd(&calibrated_values).map(|(m, _)| m),
                raw_rank: None,
                calibrated_rank: None,
                spread,
                disagreement: own.len() >= 2 && spread.is_some_and(|s| s > DISAGREEMENT_SD),
                uncalibrated_juror: own
                    .iter()
                    .any(|s| juror_of(s.juror).is_some_and(|j| j.too_few)),
            }
        })
        .collect();
    let raw_ranks = ranks(&rows.iter().map(|r| r.raw).collect::<Vec<_>>());
    let calibrated_ranks = ranks(&rows.iter().map(|r| r.calibrated).collect::<Vec<_>>());
    for ((row, raw), calibrated) in rows.iter_mut().zip(raw_ranks).zip(calibrated_ranks) {
        row.raw_rank = raw;
        row.calibrated_rank = calibrated;
    }
    Totals {
        applications: rows,
        jurors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// The worked example of docs/scoring.md: «in use?» yes/no weight 1, «spreading» 1–6
    /// weight 2, «collaboration» 1–6 weight 1.
    fn example() -> Vec<Criterion> {
        vec![
            Criterion {
                id: id(1),
                scale: Scale::YesNo,
                weight: 1,
            },
            Criterion {
                id: id(2),
                scale: Scale::Range { min: 1, max: 6 },
                weight: 2,
            },
            Criterion {
                id: id(3),
                scale: Scale::Range { min: 1, max: 6 },
                weight: 1,
            },
        ]
    }

    fn values(pairs: &[(u128, i64)]) -> HashMap<Uuid, i64> {
        pairs.iter().map(|&(c, v)| (id(c), v)).collect()
    }

    #[test]
    fn each_criterion_is_normalised_before_weighting() {
        assert!(close(normalise(Scale::YesNo, 1), 1.0));
        assert!(close(normalise(Scale::YesNo, 0), 0.0));
        let r = Scale::Range { min: 1, max: 6 };
        assert!(close(normalise(r, 1), 0.0));
        assert!(close(normalise(r, 4), 0.6));
        assert!(close(normalise(r, 6), 1.0));
    }

    #[test]
    fn a_yes_no_next_to_a_range_weighs_as_documented() {
        // yes (1.0 × 1) + 4 of 1–6 (0.6 × 2) + 6 of 1–6 (1.0 × 1) = 3.2 over weights 4 = 0.8
        let f = review_fraction(&example(), &values(&[(1, 1), (2, 4), (3, 6)])).unwrap();
        assert!(close(f, 0.8), "{f}");
        // full = 1×1 + 2×5 + 1×5 = 16, so 0.8 shows as 12.8
        let scale = CategoryScale::of(&example());
        assert!(close(scale.full, 16.0));
        assert!(close(scale.show(f), 12.8));
        // a «no» weighs the same as the lowest value of a range
        let g = review_fraction(&example(), &values(&[(1, 0), (2, 4), (3, 6)])).unwrap();
        assert!(close(g, 0.55), "{g}");
    }

    #[test]
    fn an_empty_criterion_is_left_out_and_the_rest_renormalised() {
        // «spreading» left empty: yes (1.0 × 1) + 6 (1.0 × 1) over weights 2 = 1.0
        let f = review_fraction(&example(), &values(&[(1, 1), (3, 6)])).unwrap();
        assert!(close(f, 1.0));
        // only «spreading» given, at 4: 0.6 × 2 over weights 2
        let g = review_fraction(&example(), &values(&[(2, 4)])).unwrap();
        assert!(close(g, 0.6));
        assert_eq!(review_fraction(&example(), &values(&[])), None);
        // a score for a criterion the category does not have is ignored
        assert_eq!(review_fraction(&example(), &values(&[(9, 6)])), None);
    }

    #[test]
    fn a_zero_weight_counts_for_nothing() {
        let mut c = example();
        c[1].weight = 0;
        let f = review_fraction(&c, &values(&[(1, 0), (2, 6), (3, 6)])).unwrap();
        assert!(close(f, 0.5));
        assert!(close(CategoryScale::of(&c).full, 6.0));
        assert_eq!(review_fraction(&c, &values(&[(2, 6)])), None);
    }

    #[test]
    fn mean_and_population_sd() {
        let (m, sd) = mean_sd(&[0.2, 0.4, 0.6]).unwrap();
        assert!(close(m, 0.4));
        assert!(close(sd, (0.08f64 / 3.0).sqrt()));
        assert_eq!(mean_sd(&[]), None);
    }

    fn scored(application: u128, juror: u128, fraction: f64) -> Scored {
        Scored {
            application: id(application),
            juror: id(juror),
            fraction,
        }
    }

    /// docs/scoring.md, «Calibration»: a strict juror (J1) and a generous one (J2) score the
    /// same three applications in the same order; J3 scores only one.
    fn calibration_case() -> Vec<Scored> {
        vec![
            scored(101, 1, 0.2),
            scored(102, 1, 0.4),
            scored(103, 1, 0.6),
            scored(101, 2, 0.6),
            scored(102, 2, 0.8),
            scored(103, 2, 1.0),
            scored(104, 3, 0.9),
        ]
    }

    #[test]
    fn raw_totals_spread_and_ranks() {
        let apps = [id(101), id(102), id(103), id(104), id(105)];
        let t = totals(&apps, &calibration_case());
        let a = &t.applications;
        assert!(close(a[0].raw.unwrap(), 0.4));
        assert!(close(a[1].raw.unwrap(), 0.6));
        assert!(close(a[2].raw.unwrap(), 0.8));
        assert!(close(a[3].raw.unwrap(), 0.9));
        assert_eq!(a[4].raw, None);
        assert_eq!(a[4].reviews, 0);
        assert!(close(a[0].spread.unwrap(), 0.2));
        assert!(close(a[3].spread.unwrap(), 0.0));
        let raw: Vec<_> = a.iter().map(|r| r.raw_rank).collect();
        assert_eq!(raw, vec![Some(4), Some(3), Some(2), Some(1), None]);
    }

    #[test]
    fn calibration_standardises_each_juror_and_puts_them_back_on_the_category() {
        let apps = [id(101), id(102), id(103), id(104)];
        let t = totals(&apps, &calibration_case());
        // J1 and J2 each: mean 0.4 / 0.8, sd sqrt(0.08/3) → z = −1.2247, 0, +1.2247
        let j1 = &t.jurors[0];
        assert!(!j1.too_few && close(j1.mean, 0.4));
        let j3 = t.jurors.iter().find(|j| j.juror == id(3)).unwrap();
        assert!(j3.too_few && j3.scored == 1);
        // category: the 7 review totals, mean 4.5/7, sd as computed here
        let all = [0.2, 0.4, 0.6, 0.6, 0.8, 1.0, 0.9];
        let (cm, csd) = mean_sd(&all).unwrap();
        assert!(close(cm, 4.5 / 7.0));
        let z = 0.2 / (0.08f64 / 3.0).sqrt();
        let a = &t.applications;
        // both jurors agree after calibration, so each application's calibrated total is
        // the category mean plus its z times the category sd
        assert!(close(a[0].calibrated.unwrap(), cm - z * csd));
        assert!(close(a[1].calibrated.unwrap(), cm));
        assert!(close(a[2].calibrated.unwrap(), cm + z * csd));
        // J3 has too few: raw 0.9 kept, and the application is flagged
        assert!(close(a[3].calibrated.unwrap(), 0.9));
        assert!(a[3].uncalibrated_juror && !a[0].uncalibrated_juror);
        // 103 calibrated: 0.6429 + 1.2247 × 0.2611 = 0.9626 > 0.9, so it passes 104
        assert!(a[2].calibrated.unwrap() > 0.9);
        assert_eq!(a[2].raw_rank, Some(2));
        assert_eq!(a[2].calibrated_rank, Some(1));
        assert_eq!(a[2].rank_shift(), Some(1));
        assert_eq!(a[3].rank_shift(), Some(-1));
        assert_eq!(a[0].rank_shift(), Some(0));
    }

    #[test]
    fn a_juror_who_gives_everyone_the_same_gets_z_zero() {
        let scores = vec![
            scored(1, 1, 0.5),
            scored(2, 1, 0.5),
            scored(3, 1, 0.5),
            scored(1, 2, 0.0),
            scored(2, 2, 0.5),
            scored(3, 2, 1.0),
        ];
        let t = totals(&[id(1), id(2), id(3)], &scores);
        assert!(close(t.jurors[0].sd, 0.0));
        // category mean 0.5; J1 contributes 0.5 everywhere
        let (cm, csd) = mean_sd(&[0.5, 0.5, 0.5, 0.0, 0.5, 1.0]).unwrap();
        let z2 = -1.0 / (1.0f64 / 6.0).sqrt() * 0.5;
        let expected_first = (cm + (cm + z2 * csd)) / 2.0;
        assert!(close(t.applications[0].calibrated.unwrap(), expected_first));
        assert!(close(t.applications[1].calibrated.unwrap(), 0.5));
    }

    #[test]
    fn strong_disagreement_is_flagged_above_the_threshold() {
        let scores = vec![
            scored(1, 1, 0.1),
            scored(1, 2, 0.9), // sd 0.4
            scored(2, 1, 0.5),
            scored(2, 2, 0.9), // sd 0.2
            scored(3, 1, 0.9), // one review: never a disagreement
        ];
        let t = totals(&[id(1), id(2), id(3)], &scores);
        assert!(t.applications[0].disagreement);
        assert!(!t.applications[1].disagreement);
        assert!(!t.applications[2].disagreement);
        assert!(close(t.applications[1].spread.unwrap(), 0.2));
    }

    #[test]
    fn equal_totals_share_a_rank() {
        let r = ranks(&[Some(0.5), Some(0.7), Some(0.5), None]);
        assert_eq!(r, vec![Some(2), Some(1), Some(2), None]);
    }

    #[test]
    fn calibrated_totals_stay_on_the_scale() {
        let scores = vec![
            scored(1, 1, 0.0),
            scored(2, 1, 0.0),
            scored(3, 1, 0.0),
            scored(4, 1, 1.0),
        ];
        let t = totals(&[id(1), id(2), id(3), id(4)], &scores);
        for a in &t.applications {
            let c = a.calibrated.unwrap();
            assert!((0.0..=1.0).contains(&c), "{c}");
        }
    }
}

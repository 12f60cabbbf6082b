//! The rules of the statistics of the innovation culture (issue 15): the year range a reader
//! asks for, checked at its fields; where a reorganised unit's applications are counted (the
//! unit it was merged into, through every later merge); and the share of units that applied.

use crate::ValidationError;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Whose figures: the public's (only what the catalogue shows) or the strategy unit's
/// (every submitted application, and follow-ups not answered yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Internal,
}

/// The earliest and latest year the range accepts.
pub const FIRST_YEAR: i64 = 1900;
pub const LAST_YEAR: i64 = 2999;

/// The years asked for, as typed: either end may be left open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Reads one end of the range: empty is open, otherwise a whole year within the limits.
fn year(field: &'static str, text: &str) -> Result<Option<i64>, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => Ok(Some(y)),
        _ => Err(ValidationError::new(field, "statistics-error-year")),
    }
}

impl YearRange {
    /// The range as typed in the fields `from` and `to`: each a year or empty, and `from`
    /// not after `to` (reported at `to`).
    pub fn parse(from: &str, to: &str) -> Result<YearRange, Vec<ValidationError>> {
        let (from, to) = (year("from", from), year("to", to));
        match (from, to) {
            (Ok(Some(f)), Ok(Some(t))) if f > t => {
                Err(vec![ValidationError::new("to", "statistics-error-order")])
            }
            (Ok(from), Ok(to)) => Ok(YearRange { from, to }),
            (from, to) => Err([from.err(), to.err()].into_iter().flatten().collect()),
        }
    }

    /// The closed range of years to count: an open start is the first of `years` (the
    /// rounds' years), an open end the last of them or `this_year`, whichever is later
    /// (adoptions and follow-ups come after a round's year). `None` without rounds.
    pub fn within(self, years: &[i64], this_year: i64) -> Option<(i64, i64)> {
        let first = self.from.or_else(|| years.iter().copied().min())?;
        let last = match self.to {
            Some(to) => to,
            None => years.iter().copied().max()?.max(this_year),
        };
        Some((first, last.max(first)))
    }
}

/// The unit an application of `unit` counts for today: the unit itself, or where it was
/// merged, following later merges (`merged_into` maps a merged unit to its target). A loop,
/// which the chart's rules never make, stops at the unit where it closes.
pub fn counted_unit(unit: Uuid, merged_into: &HashMap<Uuid, Uuid>) -> Uuid {
    let mut at = unit;
    let mut seen = HashSet::from([unit]);
    while let Some(next) = merged_into.get(&at) {
        if !seen.insert(*next) {
            break;
        }
        at = *next;
    }
    at
}

/// `part` of `whole` in whole per cent, rounded half up; `None` of nothing.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    Some((200 * part + whole) / (2 * whole))
}

/// How many of the `units` counted (today's units that apply) stand behind at least one of
/// `applied` (the units named on applications, merged ones included), and the share.
pub fn units_applied(
    applied: impl IntoIterator<Item = Uuid>,
    units: &HashSet<Uuid>,
    merged_into: &HashMap<Uuid, Uuid>,
) -> (i64, Option<i64>) {
    let reached: HashSet<Uuid> = applied
        .into_iter()
        .map(|u| counted_unit(u, merged_into))
        .filter(|u| units.contains(u))
        .collect();
    let n = reached.len() as i64;
    (n, percent(n, units.len() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_range_is_read_from_two_optional_years() {
        assert_eq!(YearRange::parse("", ""), Ok(YearRange::default()));
        assert_eq!(
            YearRange::parse(" 2019 ", "2022"),
            Ok(YearRange {
                from: Some(2019),
                to: Some(2022)
            })
        );
        assert_eq!(
            YearRange::parse("2020", ""),
            Ok(YearRange {
                from: Some(2020),
                to: None
            })
        );
        assert_eq!(
            YearRange::parse("2020", "2020").map(|r| r.within(&[], 2026)),
            Ok(Some((2020, 2020)))
        );
    }

    #[test]
    fn a_range_that_cannot_be_read_is_refused_at_its_fields() {
        let problem = |field, id| ValidationError::new(field, id);
        assert_eq!(
            YearRange::parse("tjue", "1899"),
            Err(vec![
                problem("from", "statistics-error-year"),
                problem("to", "statistics-error-year")
            ])
        );
        assert_eq!(
            YearRange::parse("2019.5", "3000"),
            Err(vec![
                problem("from", "statistics-error-year"),
                problem("to", "statistics-error-year")
            ])
        );
        assert_eq!(
            YearRange::parse("2022", "2019"),
            Err(vec![problem("to", "statistics-error-order")])
        );
        assert!(YearRange::parse("1900", "2999").is_ok());
    }

    #[test]
    fn open_ends_take_the_first_round_and_the_last_round_or_this_year() {
        let years = [2021, 2019, 2022];
        assert_eq!(
            YearRange::default().within(&years, 2020),
            Some((2019, 2022))
        );
        assert_eq!(
            YearRange::default().within(&years, 2024),
            Some((2019, 2024))
        );
        let from = YearRange {
            from: Some(2020),
            to: None,
        };
        assert_eq!(from.within(&years, 2018), Some((2020, 2022)));
        let to = YearRange {
            from: None,
            to: Some(2020),
        };
        assert_eq!(to.within(&years, 2024), Some((2019, 2020)));
        assert_eq!(YearRange::default().within(&[], 2024), None);
        // A range past every figure is still a range (with nothing in it).
        let late = YearRange {
            from: Some(2030),
            to: None,
        };
        assert_eq!(late.within(&years, 2024), Some((2030, 2030)));
    }

    #[test]
    fn a_merged_unit_counts_where_it_went_through_every_later_merge() {
        let merged = HashMap::from([(id(1), id(2)), (id(2), id(3))]);
        assert_eq!(counted_unit(id(1), &merged), id(3));
        assert_eq!(counted_unit(id(2), &merged), id(3));
        assert_eq!(counted_unit(id(4), &merged), id(4));
        let looped = HashMap::from([(id(1), id(2)), (id(2), id(1))]);
        assert_eq!(counted_unit(id(1), &looped), id(2));
    }

    #[test]
    fn per_cent_rounds_half_up_and_nothing_has_no_share() {
        assert_eq!(percent(1, 2), Some(50));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 5), Some(0));
        assert_eq!(percent(5, 5), Some(100));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn the_share_counts_each_of_todays_units_once() {
        let units = HashSet::from([id(2), id(3), id(5), id(6)]);
        let merged = HashMap::from([(id(1), id(2))]);
        // 1 was merged into 2: one unit, not two; 9 is archived (not counted); 5 applied twice.
        let (n, share) = units_applied([id(1), id(2), id(5), id(5), id(9)], &units, &merged);
        assert_eq!((n, share), (2, Some(50)));
        assert_eq!(units_applied([], &units, &merged), (0, Some(0)));
        assert_eq!(units_applied([id(1)], &HashSet::new(), &merged), (0, None));
    }
}

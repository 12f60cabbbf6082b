//! Prize categories, their criteria and their deadlines.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryKind {
    /// Innovasjonsprisen.
    Innovation,
    /// Stjæl med stil.
    Steal,
    /// Beste feil.
    Mistake,
    Custom,
}

impl CategoryKind {
    pub const ALL: [CategoryKind; 4] = [
        CategoryKind::Innovation,
        CategoryKind::Steal,
        CategoryKind::Mistake,
        CategoryKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CategoryKind::Innovation => "innovation",
            CategoryKind::Steal => "steal",
            CategoryKind::Mistake => "mistake",
            CategoryKind::Custom => "custom",
        }
    }

    pub fn parse(input: &str) -> Option<CategoryKind> {
        CategoryKind::ALL.into_iter().find(|k| k.as_str() == input)
    }
}

/// The deadline in force: the extension when there is one, else the original.
pub fn effective_deadline(
    deadline: OffsetDateTime,
    extended: Option<OffsetDateTime>,
) -> OffsetDateTime {
    extended.map_or(deadline, |e| e.max(deadline))
}

/// Applications may be changed up to and including the minute before the deadline; at
/// the deadline itself the category is closed.
pub fn is_accepting(
    now: OffsetDateTime,
    deadline: OffsetDateTime,
    extended: Option<OffsetDateTime>,
) -> bool {
    now < effective_deadline(deadline, extended)
}

/// How a criterion is scored by the jury.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Scale {
    /// «Er innovasjonen tatt i bruk …?»: 0 = no, 1 = yes.
    YesNo,
    /// «I hvilken grad …»: whole numbers from `min` to `max`.
    Range { min: i64, max: i64 },
}

impl Scale {
    pub fn bounds(self) -> (i64, i64) {
        match self {
            Scale::YesNo => (0, 1),
            Scale::Range { min, max } => (min, max),
        }
    }

    pub fn accepts(self, value: i64) -> bool {
        let (min, max) = self.bounds();
        (min..=max).contains(&value)
    }

    /// Builds a scale from stored columns; `None` for an inconsistent pair.
    pub fn from_parts(shape: &str, min: i64, max: i64) -> Option<Scale> {
        match shape {
            "yes_no" => Some(Scale::YesNo),
            "range" if min < max => Some(Scale::Range { min, max }),
            _ => None,
        }
    }

    pub fn shape(self) -> &'static str {
        match self {
            Scale::YesNo => "yes_no",
            Scale::Range { .. } => "range",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn extension_moves_the_deadline_but_never_earlier() {
        let d = datetime!(2019-11-01 23:00 UTC);
        let e = datetime!(2019-11-15 23:00 UTC);
        assert_eq!(effective_deadline(d, Some(e)), e);
        assert_eq!(effective_deadline(e, Some(d)), e);
        assert_eq!(effective_deadline(d, None), d);
    }

    #[test]
    fn closes_at_the_minute() {
        let d = datetime!(2019-11-01 23:00 UTC);
        assert!(is_accepting(datetime!(2019-11-01 22:59:59 UTC), d, None));
        assert!(!is_accepting(d, d, None));
        assert!(is_accepting(d, d, Some(datetime!(2019-11-08 23:00 UTC))));
    }

    #[test]
    fn scales_check_their_bounds() {
        assert!(Scale::YesNo.accepts(1) && !Scale::YesNo.accepts(2));
        let s = Scale::from_parts("range", 1, 6).unwrap();
        assert!(s.accepts(1) && s.accepts(6) && !s.accepts(0) && !s.accepts(7));
        assert_eq!(Scale::from_parts("range", 6, 1), None);
        assert_eq!(Scale::from_parts("stars", 1, 5), None);
    }

    #[test]
    fn a_range_needs_two_values_and_its_shape_reads_back() {
        assert_eq!(Scale::from_parts("range", 3, 3), None);
        for s in [Scale::YesNo, Scale::Range { min: 0, max: 10 }] {
            let (min, max) = s.bounds();
            assert_eq!(Scale::from_parts(s.shape(), min, max), Some(s));
        }
    }
}

//! The jury of a category: its members' roles, the state of a review, what a juror may see
//! and do. Conflicts of interest are in [`conflict`], the split of work in [`assignment`],
//! who takes part in the jurors' discussion in [`discussion`], the arithmetic in
//! [`crate::scoring`].

pub mod assignment;
pub mod conflict;
pub mod discussion;
pub mod redaction;
pub mod review;

use crate::ValidationError;
use crate::application::ApplicationState;
use crate::category::effective_deadline;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A member's place in a category's jury.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JuryRole {
    Chair,
    Deputy,
    Member,
}

impl JuryRole {
    pub const ALL: [JuryRole; 3] = [JuryRole::Chair, JuryRole::Deputy, JuryRole::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            JuryRole::Chair => "chair",
            JuryRole::Deputy => "deputy",
            JuryRole::Member => "member",
        }
    }

    pub fn parse(input: &str) -> Option<JuryRole> {
        JuryRole::ALL.into_iter().find(|r| r.as_str() == input)
    }
}

/// How a category's applications are split among its jurors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum AssignmentMode {
    /// Every juror reviews every submitted application (the default).
    All,
    /// A fixed number of reviewers per application, balanced across the jurors; only the
    /// stored (application, juror) pairs review.
    PerApplication { reviewers: u32 },
}

/// The most reviewers per application an administrator may ask for.
pub const MAX_REVIEWERS: u32 = 50;

impl AssignmentMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentMode::All => "all",
            AssignmentMode::PerApplication { .. } => "fixed",
        }
    }

    /// From the category's `reviewers_per_application` column: NULL is «all»; `None` for a
    /// number no administrator could have saved (below one, or too large).
    pub fn from_column(reviewers: Option<i64>) -> Option<AssignmentMode> {
        match reviewers {
            None => Some(AssignmentMode::All),
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_REVIEWERS).contains(n))
                .map(|reviewers| AssignmentMode::PerApplication { reviewers }),
        }
    }

    /// What the column stores.
    pub fn column(self) -> Option<i64> {
        match self {
            AssignmentMode::All => None,
            AssignmentMode::PerApplication { reviewers } => Some(i64::from(reviewers)),
        }
    }

    /// The administrator's choice: `mode` is `all` or `fixed`, `reviewers` the number typed,
    /// checked against the number of jurors on the jury. Problems are at `reviewers` (or at
    /// `mode` for an unknown choice).
    pub fn choose(
        mode: &str,
        reviewers: &str,
        jurors: usize,
    ) -> Result<AssignmentMode, ValidationError> {
        match mode {
            "all" => Ok(AssignmentMode::All),
            "fixed" => {
                let n: u32 = reviewers
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_REVIEWERS).contains(n))
                    .ok_or(ValidationError::new(
                        "reviewers",
                        "error-assignment-reviewers",
                    ))?;
                if n as usize > jurors {
                    return Err(ValidationError::new(
                        "reviewers",
                        "error-assignment-more-than-jurors",
                    )
                    .with_limit(jurors));
                }
                Ok(AssignmentMode::PerApplication { reviewers: n })
            }
            _ => Err(ValidationError::new("mode", "error-choose-one")),
        }
    }

    /// Whether a juror on the jury reviews an application: always in «all», otherwise only
    /// with a stored assignment. (A binding conflict is decided apart, by [`access`].)
    pub fn assigns(self, stored: bool) -> bool {
        self == AssignmentMode::All || stored
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    Draft,
    Submitted,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Draft => "draft",
            ReviewState::Submitted => "submitted",
        }
    }

    pub fn parse(input: &str) -> Option<ReviewState> {
        [ReviewState::Draft, ReviewState::Submitted]
            .into_iter()
            .find(|s| s.as_str() == input)
    }
}

/// A juror's progress on one application, as the chair's overview shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    Draft,
    Submitted,
    /// A binding conflict: not counted as missing.
    Conflicted,
    /// Not this juror's to review (another juror is assigned): not counted as missing.
    Unassigned,
}

impl Progress {
    pub const ALL: [Progress; 5] = [
        Progress::NotStarted,
        Progress::Draft,
        Progress::Submitted,
        Progress::Conflicted,
        Progress::Unassigned,
    ];

    /// A conflict beats everything; an unassigned juror's review (one written before the
    /// assignment changed) shows as unassigned, since it is not counted.
    pub fn of(review: Option<ReviewState>, conflicted: bool, assigned: bool) -> Progress {
        match (conflicted, assigned, review) {
            (true, _, _) => Progress::Conflicted,
            (false, false, _) => Progress::Unassigned,
            (false, true, None) => Progress::NotStarted,
            (false, true, Some(ReviewState::Draft)) => Progress::Draft,
            (false, true, Some(ReviewState::Submitted)) => Progress::Submitted,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Progress::NotStarted => "not_started",
            Progress::Draft => "draft",
            Progress::Submitted => "submitted",
            Progress::Conflicted => "conflicted",
            Progress::Unassigned => "unassigned",
        }
    }

    /// Still owed: a review that is not submitted and not excused by a conflict or by not
    /// being assigned.
    pub fn is_missing(self) -> bool {
        matches!(self, Progress::NotStarted | Progress::Draft)
    }
}

/// Jurors see a category's applications only from its (extended) deadline on.
pub fn is_open_to_jury(
    now: OffsetDateTime,
    deadline: OffsetDateTime,
    extended: Option<OffsetDateTime>,
) -> bool {
    now >= effective_deadline(deadline, extended)
}

/// The facts one juror's access to one application depends on.
#[derive(Debug, Clone, Copy)]
pub struct Seat {
    pub now: OffsetDateTime,
    pub deadline: OffsetDateTime,
    pub extended: Option<OffsetDateTime>,
    pub state: ApplicationState,
    /// The juror is assigned to it (always, in the «all» mode).
    pub assigned: bool,
    /// A binding conflict ([`conflict::Status::binds`]).
    pub conflicted: bool,
}

/// What a jury member may do with an application. Every juror page asks this one question;
/// `crates/store/src/visibility.rs` is its SQL form for lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Not on this juror's list at all (not assigned, before the deadline, not submitted).
    None,
    /// Listed as conflicted, without its content, its scores or its comments.
    Conflicted,
    /// May read the application and score it.
    Review,
}

pub fn access(seat: Seat) -> Access {
    if seat.state != ApplicationState::Submitted
        || !seat.assigned
        || !is_open_to_jury(seat.now, seat.deadline, seat.extended)
    {
        Access::None
    } else if seat.conflicted {
        Access::Conflicted
    } else {
        Access::Review
    }
}

/// Whether a juror sees the other jurors' scores and comments on an application: only once
/// their own review is submitted, and never when conflicted.
pub fn sees_others(access: Access, own: Option<ReviewState>) -> bool {
    access == Access::Review && own == Some(ReviewState::Submitted)
}

/// Whether a review may be changed: a draft always, a submitted one after reopening; never
/// once the chair has locked the category's scores.
pub fn may_change_review(locked: bool) -> bool {
    !locked
}

/// Who leads the jury's work on one application: the chair, or the deputy when the chair is
/// conflicted on it (and the deputy is not). `None` when neither may.
pub fn acting_chair(
    chair: Option<Uuid>,
    deputy: Option<Uuid>,
    conflicted: impl Fn(Uuid) -> bool,
) -> Option<Uuid> {
    match chair {
        Some(c) if !conflicted(c) => Some(c),
        _ => deputy.filter(|d| !conflicted(*d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn seat(now: OffsetDateTime) -> Seat {
        Seat {
            now,
            deadline: datetime!(2019-11-01 23:00 UTC),
            extended: None,
            state: ApplicationState::Submitted,
            assigned: true,
            conflicted: false,
        }
    }

    #[test]
    fn jurors_see_nothing_before_the_extended_deadline() {
        let before = datetime!(2019-11-01 22:59 UTC);
        let at = datetime!(2019-11-01 23:00 UTC);
        assert_eq!(access(seat(before)), Access::None);
        assert_eq!(access(seat(at)), Access::Review);
        let extended = Seat {
            extended: Some(datetime!(2019-11-15 23:00 UTC)),
            ..seat(at)
        };
        assert_eq!(access(extended), Access::None);
    }

    #[test]
    fn withdrawn_unassigned_and_conflicted() {
        let at = datetime!(2019-11-02 10:00 UTC);
        for state in [ApplicationState::Draft, ApplicationState::Withdrawn] {
            assert_eq!(access(Seat { state, ..seat(at) }), Access::None);
        }
        let unassigned = Seat {
            assigned: false,
            ..seat(at)
        };
        assert_eq!(access(unassigned), Access::None);
        let conflicted = Seat {
            conflicted: true,
            ..seat(at)
        };
        assert_eq!(access(conflicted), Access::Conflicted);
        // withdrawn beats conflicted: it drops out of the list
        let both = Seat {
            conflicted: true,
            state: ApplicationState::Withdrawn,
            ..seat(at)
        };
        assert_eq!(access(both), Access::None);
    }

    #[test]
    fn others_scores_only_after_ones_own_is_submitted() {
        assert!(!sees_others(Access::Review, None));
        assert!(!sees_others(Access::Review, Some(ReviewState::Draft)));
        assert!(sees_others(Access::Review, Some(ReviewState::Submitted)));
        assert!(!sees_others(
            Access::Conflicted,
            Some(ReviewState::Submitted)
        ));
        assert!(!sees_others(Access::None, Some(ReviewState::Submitted)));
    }

    #[test]
    fn the_deputy_acts_where_the_chair_is_conflicted() {
        let (c, d) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(acting_chair(Some(c), Some(d), |_| false), Some(c));
        assert_eq!(acting_chair(Some(c), Some(d), |u| u == c), Some(d));
        assert_eq!(acting_chair(Some(c), Some(d), |_| true), None);
        assert_eq!(acting_chair(None, Some(d), |_| false), Some(d));
        assert_eq!(acting_chair(Some(c), None, |u| u == c), None);
    }

    #[test]
    fn progress_counts_a_conflict_as_not_missing() {
        assert_eq!(Progress::of(None, false, true), Progress::NotStarted);
        assert_eq!(
            Progress::of(Some(ReviewState::Submitted), true, true),
            Progress::Conflicted
        );
        assert!(Progress::of(Some(ReviewState::Draft), false, true).is_missing());
        assert!(!Progress::Conflicted.is_missing());
        assert!(!Progress::Submitted.is_missing());
    }

    #[test]
    fn an_unassigned_cell_is_neither_missing_nor_not_started() {
        assert_eq!(Progress::of(None, false, false), Progress::Unassigned);
        assert_eq!(
            Progress::of(Some(ReviewState::Submitted), false, false),
            Progress::Unassigned
        );
        assert_eq!(Progress::of(None, true, false), Progress::Conflicted);
        assert!(!Progress::Unassigned.is_missing());
        assert!(Progress::NotStarted.is_missing());
    }

    #[test]
    fn only_the_all_mode_or_a_stored_pair_assigns() {
        assert!(AssignmentMode::All.assigns(false));
        let fixed = AssignmentMode::PerApplication { reviewers: 2 };
        assert!(!fixed.assigns(false));
        assert!(fixed.assigns(true));
    }

    #[test]
    fn the_administrator_chooses_a_number_the_jury_can_fill() {
        assert_eq!(
            AssignmentMode::choose("all", "x", 0),
            Ok(AssignmentMode::All)
        );
        assert_eq!(
            AssignmentMode::choose("fixed", " 2 ", 4),
            Ok(AssignmentMode::PerApplication { reviewers: 2 })
        );
        assert_eq!(
            AssignmentMode::choose("fixed", "4", 4),
            Ok(AssignmentMode::PerApplication { reviewers: 4 })
        );
        for bad in ["", "0", "-1", "to", "1.5", "51"] {
            let e = AssignmentMode::choose("fixed", bad, 60).unwrap_err();
            assert_eq!(
                (e.field, e.message_id),
                ("reviewers", "error-assignment-reviewers"),
                "{bad}"
            );
        }
        let e = AssignmentMode::choose("fixed", "5", 4).unwrap_err();
        assert_eq!(e.message_id, "error-assignment-more-than-jurors");
        assert_eq!(e.limit, Some(4));
        assert_eq!(
            AssignmentMode::choose("some", "2", 4).unwrap_err().field,
            "mode"
        );
    }

    #[test]
    fn codes_read_back() {
        for r in JuryRole::ALL {
            assert_eq!(JuryRole::parse(r.as_str()), Some(r));
        }
        for s in [ReviewState::Draft, ReviewState::Submitted] {
            assert_eq!(ReviewState::parse(s.as_str()), Some(s));
        }
        assert_eq!(AssignmentMode::from_column(None), Some(AssignmentMode::All));
        let three = AssignmentMode::PerApplication { reviewers: 3 };
        assert_eq!(AssignmentMode::from_column(Some(3)), Some(three));
        assert_eq!(AssignmentMode::from_column(three.column()), Some(three));
        assert_eq!(AssignmentMode::All.column(), None);
        assert_eq!(AssignmentMode::from_column(Some(0)), None);
        assert_eq!(AssignmentMode::from_column(Some(51)), None);
        assert_eq!(AssignmentMode::from_column(Some(-2)), None);
        assert!(may_change_review(false) && !may_change_review(true));
    }
}

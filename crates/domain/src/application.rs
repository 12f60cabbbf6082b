//! An application («søknad») and where its idea came from.

use serde::{Deserialize, Serialize};

/// Longest summary («kort sammendrag») accepted, in characters.
pub const MAX_SUMMARY_CHARS: usize = 300;

/// Unsubmitted drafts are deleted this many days after their category's (extended) deadline,
/// when they can no longer be submitted (issue 11); the setting `draft_retention_days`.
pub const DEFAULT_DRAFT_RETENTION_DAYS: i64 = 180;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    Draft,
    Submitted,
    Withdrawn,
}

impl ApplicationState {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(input: &str) -> Option<ApplicationState> {
        [Self::Draft, Self::Submitted, Self::Withdrawn]
            .into_iter()
            .find(|s| s.as_str() == input)
    }
}

/// Where the idea came from, as public-sector innovation barometers classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdeaOrigin {
    /// First of its kind.
    Original,
    /// Inspired by others and adapted.
    Adapted,
    /// Adopted largely as it was.
    Adopted,
}

impl IdeaOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            IdeaOrigin::Original => "original",
            IdeaOrigin::Adapted => "adapted",
            IdeaOrigin::Adopted => "adopted",
        }
    }

    pub fn parse(input: &str) -> Option<IdeaOrigin> {
        [Self::Original, Self::Adapted, Self::Adopted]
            .into_iter()
            .find(|o| o.as_str() == input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips() {
        for s in ["draft", "submitted", "withdrawn"] {
            assert_eq!(ApplicationState::parse(s).unwrap().as_str(), s);
        }
        for o in ["original", "adapted", "adopted"] {
            assert_eq!(IdeaOrigin::parse(o).unwrap().as_str(), o);
        }
        assert!(ApplicationState::parse("won").is_none());
    }
}

/// Rules for changing an application and for showing it to everyone.
pub mod rules {
    use super::ApplicationState;
    use crate::ValidationError;
    use crate::category::{effective_deadline, is_accepting};
    use crate::round::{RoundState, Visibility};
    use time::OffsetDateTime;

    /// The time facts one decision needs.
    #[derive(Debug, Clone, Copy)]
    pub struct Timing {
        pub now: OffsetDateTime,
        pub round_state: RoundState,
        pub deadline: OffsetDateTime,
        pub extended: Option<OffsetDateTime>,
    }

    /// Whether the team may still change (save, submit, withdraw) the application. The
    /// round must be open and the category's (extended) deadline not yet reached.
    pub fn may_change(state: ApplicationState, t: Timing) -> Result<(), ValidationError> {
        if state == ApplicationState::Withdrawn {
            return Err(ValidationError::new(
                "application",
                "error-application-withdrawn",
            ));
        }
        if t.round_state != RoundState::Open || !is_accepting(t.now, t.deadline, t.extended) {
            return Err(ValidationError::new("application", "error-deadline-passed"));
        }
        Ok(())
    }

    /// Submitted applications are public from submission, or from the deadline when the
    /// round says so; drafts and withdrawn applications never are.
    pub fn is_public(state: ApplicationState, visibility: Visibility, t: Timing) -> bool {
        state == ApplicationState::Submitted
            && t.round_state != RoundState::Draft
            && (visibility == Visibility::OnSubmit
                || t.now >= effective_deadline(t.deadline, t.extended))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use time::macros::datetime;

        fn at(now: OffsetDateTime, extended: Option<OffsetDateTime>) -> Timing {
            Timing {
                now,
                round_state: RoundState::Open,
                deadline: datetime!(2019-11-01 22:59 UTC),
                extended,
            }
        }

        #[test]
        fn changes_stop_at_the_minute_of_the_deadline_or_its_extension() {
            let s = ApplicationState::Submitted;
            assert!(may_change(s, at(datetime!(2019-11-01 22:58:59 UTC), None)).is_ok());
            let err = may_change(s, at(datetime!(2019-11-01 22:59 UTC), None)).unwrap_err();
            assert_eq!(err.message_id, "error-deadline-passed");
            let ext = Some(datetime!(2019-11-15 22:59 UTC));
            assert!(may_change(s, at(datetime!(2019-11-10 12:00 UTC), ext)).is_ok());
            assert!(may_change(s, at(datetime!(2019-11-15 22:59 UTC), ext)).is_err());
        }

        #[test]
        fn withdrawn_or_closed_rounds_refuse_changes() {
            let t = at(datetime!(2019-10-01 12:00 UTC), None);
            assert!(may_change(ApplicationState::Withdrawn, t).is_err());
            let closed = Timing {
                round_state: RoundState::Closed,
                ..t
            };
            assert!(may_change(ApplicationState::Draft, closed).is_err());
        }

        #[test]
        fn visibility_follows_state_and_round_setting() {
            let before = at(datetime!(2019-10-01 12:00 UTC), None);
            let after = at(datetime!(2019-11-02 12:00 UTC), None);
            assert!(is_public(
                ApplicationState::Submitted,
                Visibility::OnSubmit,
                before
            ));
            assert!(!is_public(
                ApplicationState::Submitted,
                Visibility::AfterDeadline,
                before
            ));
            assert!(is_public(
                ApplicationState::Submitted,
                Visibility::AfterDeadline,
                after
            ));
            for hidden in [ApplicationState::Draft, ApplicationState::Withdrawn] {
                assert!(!is_public(hidden, Visibility::OnSubmit, after));
            }
        }
    }
}

//! What an administrator should look at now, from a category's state and numbers: the
//! admin home lists these first. Pure rules; every one takes `now`.

use crate::category::effective_deadline;
use crate::round::RoundState;
use time::{Duration, OffsetDateTime};

/// How close a deadline is before an empty category is worth a warning.
pub const EMPTY_WARNING: Duration = Duration::days(7);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert {
    /// A draft round whose category deadline has already passed: fix it before opening.
    DraftDeadlinePassed,
    /// Open, the deadline is near, and nobody has applied (extend it, encourage people).
    NobodyYet,
    /// Open, the deadline has passed, and nobody applied: extend it or leave it unawarded.
    NobodyAtDeadline,
    /// Open, the deadline has passed with applications in: time to close for judging.
    ReadyToClose,
}

impl Alert {
    /// The Fluent message id of the alert.
    pub fn message_id(self) -> &'static str {
        match self {
            Alert::DraftDeadlinePassed => "admin-alert-draft-deadline-passed",
            Alert::NobodyYet => "admin-alert-nobody-yet",
            Alert::NobodyAtDeadline => "admin-alert-nobody-at-deadline",
            Alert::ReadyToClose => "admin-alert-ready-to-close",
        }
    }
}

/// The alert for one category, if any.
pub fn alert(
    now: OffsetDateTime,
    round: RoundState,
    deadline: OffsetDateTime,
    extended: Option<OffsetDateTime>,
    submitted: i64,
) -> Option<Alert> {
    let due = effective_deadline(deadline, extended);
    match round {
        RoundState::Draft if due <= now => Some(Alert::DraftDeadlinePassed),
        RoundState::Open if due <= now && submitted == 0 => Some(Alert::NobodyAtDeadline),
        RoundState::Open if due <= now => Some(Alert::ReadyToClose),
        RoundState::Open if submitted == 0 && due - now <= EMPTY_WARNING => Some(Alert::NobodyYet),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DUE: OffsetDateTime = datetime!(2019-11-01 22:59 UTC);

    #[test]
    fn an_empty_category_is_flagged_a_week_before_its_deadline_and_at_it() {
        let week = DUE - EMPTY_WARNING;
        let before = week - Duration::minutes(1);
        assert_eq!(alert(before, RoundState::Open, DUE, None, 0), None);
        assert_eq!(
            alert(week, RoundState::Open, DUE, None, 0),
            Some(Alert::NobodyYet)
        );
        assert_eq!(alert(week, RoundState::Open, DUE, None, 1), None);
        assert_eq!(
            alert(DUE, RoundState::Open, DUE, None, 0),
            Some(Alert::NobodyAtDeadline)
        );
        assert_eq!(
            alert(DUE, RoundState::Open, DUE, None, 3),
            Some(Alert::ReadyToClose)
        );
    }

    #[test]
    fn an_extension_counts_and_later_states_need_nothing_here() {
        let extended = Some(DUE + Duration::days(30));
        assert_eq!(alert(DUE, RoundState::Open, DUE, extended, 0), None);
        assert_eq!(alert(DUE, RoundState::Judging, DUE, None, 0), None);
        assert_eq!(alert(DUE, RoundState::Closed, DUE, None, 0), None);
    }

    #[test]
    fn a_draft_with_a_past_deadline_is_flagged_before_it_opens() {
        let day_before = DUE - Duration::days(1);
        assert_eq!(alert(day_before, RoundState::Draft, DUE, None, 0), None);
        assert_eq!(
            alert(DUE, RoundState::Draft, DUE, None, 0),
            Some(Alert::DraftDeadlinePassed)
        );
    }

    #[test]
    fn each_alert_names_its_own_admin_message() {
        let all = [
            Alert::DraftDeadlinePassed,
            Alert::NobodyYet,
            Alert::NobodyAtDeadline,
            Alert::ReadyToClose,
        ];
        let ids: std::collections::HashSet<_> = all.iter().map(|a| a.message_id()).collect();
        assert_eq!(ids.len(), all.len(), "{ids:?}");
        assert!(
            ids.iter().all(|id| id.starts_with("admin-alert-")),
            "{ids:?}"
        );
    }
}

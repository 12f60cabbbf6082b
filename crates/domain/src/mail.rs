//! E-mail rules: which messages there are, which of them a person may turn off, and when a
//! message that could not be delivered is tried again or given up.

use time::{Duration, OffsetDateTime};

/// Every message Prisverdig sends. The code is stored with the outbox row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailKind {
    /// The call: units' leaders (and a configured list) are invited to apply.
    CallForApplications,
    /// Receipt when an application is submitted.
    Receipt,
    /// A local account's link to set a password (new user or team member).
    AccountInvitation,
    /// An existing user was added to a team.
    TeamInvitation,
    /// A team's draft is not submitted and the deadline is near.
    DeadlineReminder,
    /// A category's deadline was moved later.
    DeadlineExtended,
    /// The nominees of a category were published.
    NomineesAnnounced,
    /// The results of a category were published.
    ResultsPublished,
    /// The jury's feedback to an application can be read.
    FeedbackReady,
    /// A person got a seat in a category's jury.
    JurorAssigned,
    /// A juror has reviews not yet submitted.
    JuryReminder,
    /// Someone tipped the organisers about a candidate (to administrators).
    Tip,
    /// A tipped unit is invited to apply.
    TipInvitation,
    /// «Ble det varig?»: a team is asked a year after the ceremony whether the idea lasted.
    FollowUp,
}

impl MailKind {
    pub const ALL: [MailKind; 14] = [
        MailKind::CallForApplications,
        MailKind::Receipt,
        MailKind::AccountInvitation,
        MailKind::TeamInvitation,
        MailKind::DeadlineReminder,
        MailKind::DeadlineExtended,
        MailKind::NomineesAnnounced,
        MailKind::ResultsPublished,
        MailKind::FeedbackReady,
        MailKind::JurorAssigned,
        MailKind::JuryReminder,
        MailKind::Tip,
        MailKind::TipInvitation,
        MailKind::FollowUp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailKind::CallForApplications => "call",
            MailKind::Receipt => "receipt",
            MailKind::AccountInvitation => "account-invitation",
            MailKind::TeamInvitation => "team-invitation",
            MailKind::DeadlineReminder => "deadline-reminder",
            MailKind::DeadlineExtended => "deadline-extended",
            MailKind::NomineesAnnounced => "nominees",
            MailKind::ResultsPublished => "results",
            MailKind::FeedbackReady => "feedback",
            MailKind::JurorAssigned => "juror-assigned",
            MailKind::JuryReminder => "jury-reminder",
            MailKind::Tip => "tip",
            MailKind::TipInvitation => "tip-invitation",
            MailKind::FollowUp => "follow-up",
        }
    }

    pub fn parse(code: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a person may turn this message off (an unsubscribe link goes with it).
    /// Receipts, account links, the jury's own messages and tips to administrators are part
    /// of the service asked for; announcements and reminders are not.
    pub fn optional(self) -> bool {
        matches!(
            self,
            MailKind::CallForApplications
                | MailKind::DeadlineReminder
                | MailKind::DeadlineExtended
                | MailKind::NomineesAnnounced
                | MailKind::ResultsPublished
                | MailKind::TipInvitation
                | MailKind::FollowUp
        )
    }
}

/// How the sender tries again: after 1, 2, 4 … minutes, at most an hour apart, and gives up
/// once the message is older than `give_up_after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub give_up_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            give_up_after: Duration::hours(48),
        }
    }
}

/// What happens to a message whose attempt number `attempts` (1 for the first) failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryAt(OffsetDateTime),
    GiveUp,
}

impl RetryPolicy {
    pub fn after_failure(
        self,
        created_at: OffsetDateTime,
        attempts: i64,
        now: OffsetDateTime,
    ) -> AfterFailure {
        let next = now + backoff(attempts);
        if next - created_at > self.give_up_after {
            AfterFailure::GiveUp
        } else {
            AfterFailure::RetryAt(next)
        }
    }
}

/// The wait after the `attempts`-th failure: doubling from one minute, at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = attempts.clamp(1, 7) - 1;
    Duration::minutes(1 << exponent).min(Duration::hours(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn every_kind_round_trips_through_its_code() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(MailKind::parse("spam"), None);
    }

    #[test]
    fn the_wait_doubles_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(|n| backoff(n).whole_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn a_message_is_given_up_when_its_next_try_would_be_too_late() {
        let policy = RetryPolicy {
            give_up_after: Duration::hours(2),
        };
        let created = datetime!(2026-01-01 10:00 UTC);
        assert_eq!(
            policy.after_failure(created, 1, created),
            AfterFailure::RetryAt(datetime!(2026-01-01 10:01 UTC))
        );
        let late = datetime!(2026-01-01 11:30 UTC);
        assert_eq!(policy.after_failure(created, 8, late), AfterFailure::GiveUp);
    }

    #[test]
    fn receipts_cannot_be_turned_off_but_reminders_can() {
        assert!(!MailKind::Receipt.optional());
        assert!(!MailKind::AccountInvitation.optional());
        assert!(MailKind::DeadlineReminder.optional());
    }
}

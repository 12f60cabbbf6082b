//! What the public is told about a prize and a round once the call is over: whether the
//! results are out, and what is true to say of a prize that has no winner to show. The round
//! archive, the front page between rounds and the catalogue's empty views all ask this one
//! place, so a prize nobody applied for says the same everywhere, and an unpublished decision
//! is never given away by the wording (a prize is «not awarded» only once its results are out).

use crate::category::is_accepting;
use crate::round::RoundState;
use time::OffsetDateTime;

/// Whether a round is shown to the public at all: every state but a draft.
pub fn round_is_public(state: RoundState) -> bool {
    state != RoundState::Draft
}

/// Whether a category's results are public at `now`: from the minute the jury set for them,
/// or, for a category without that minute (history brought in by import, or older rounds),
/// once its round has been awarded.
pub fn results_public(
    results_at: Option<OffsetDateTime>,
    round_state: RoundState,
    now: OffsetDateTime,
) -> bool {
    match results_at {
        Some(at) => at <= now,
        None => matches!(round_state, RoundState::Awarded | RoundState::Archived),
    }
}

/// The facts about one prize that decide what may be said of it.
#[derive(Debug, Clone, Copy)]
pub struct PrizeFacts {
    pub now: OffsetDateTime,
    pub round_state: RoundState,
    pub deadline: OffsetDateTime,
    pub extended: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
    /// Submitted applications (withdrawn ones and drafts do not count).
    pub submitted: i64,
    /// A winner whose decision is public at `now`.
    pub public_winner: bool,
}

/// Where a prize stands, as the public may be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The call is open: applications are accepted.
    Accepting,
    /// The deadline has passed without a single application; the results are not out.
    NoneReceived,
    /// The deadline has passed and the jury is at work (nominees may be public).
    Judging,
    /// A winner is public.
    Awarded,
    /// The results are out and there is no winner.
    NotAwarded(NotAwarded),
}

/// Why a prize was not awarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAwarded {
    /// Nobody applied.
    NoApplications,
    /// Applications came in, and the jury named no winner.
    NoWinner,
}

impl Standing {
    /// The prize's result is final: awarded, or not awarded.
    pub fn is_final(self) -> bool {
        matches!(self, Standing::Awarded | Standing::NotAwarded(_))
    }
}

/// What may be said of a prize at `f.now`.
pub fn standing(f: PrizeFacts) -> Standing {
    if f.public_winner {
        return Standing::Awarded;
    }
    let out = results_public(f.results_at, f.round_state, f.now);
    if out {
        return Standing::NotAwarded(if f.submitted == 0 {
            NotAwarded::NoApplications
        } else {
            NotAwarded::NoWinner
        });
    }
    if f.round_state == RoundState::Open && is_accepting(f.now, f.deadline, f.extended) {
        return Standing::Accepting;
    }
    if f.submitted == 0 {
        Standing::NoneReceived
    } else {
        Standing::Judging
    }
}

/// Whether the number of submitted applications may be told: once the call is over, when
/// every one of them is public whatever the round's visibility setting (before, a round
/// that shows applications only after the deadline would give away what is hidden).
pub fn submitted_count_public(
    now: OffsetDateTime,
    round_state: RoundState,
    deadline: OffsetDateTime,
    extended: Option<OffsetDateTime>,
) -> bool {
    round_is_public(round_state) && !is_accepting(now, deadline, extended)
}

/// A round's results are out: it has prizes and every one of them has a final result, or
/// it has none and has been awarded (a year brought in without its prizes).
pub fn round_finished(round_state: RoundState, prizes: &[Standing]) -> bool {
    if prizes.is_empty() {
        return matches!(round_state, RoundState::Awarded | RoundState::Archived);
    }
    prizes.iter().all(|s| s.is_final())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DEADLINE: OffsetDateTime = datetime!(2019-11-01 22:59 UTC);

    fn facts(now: OffsetDateTime, state: RoundState) -> PrizeFacts {
        PrizeFacts {
            now,
            round_state: state,
            deadline: DEADLINE,
            extended: None,
            results_at: None,
            submitted: 3,
            public_winner: false,
        }
    }

    #[test]
    fn only_draft_rounds_are_hidden() {
        for state in RoundState::ALL {
            assert_eq!(
                round_is_public(state),
                state != RoundState::Draft,
                "{state:?}"
            );
        }
    }

    #[test]
    fn results_are_public_from_their_minute_or_once_the_round_is_awarded() {
        let at = datetime!(2020-01-20 13:00 UTC);
        let judging = RoundState::Judging;
        assert!(!results_public(
            Some(at),
            judging,
            at - time::Duration::minutes(1)
        ));
        assert!(results_public(Some(at), judging, at));
        assert!(!results_public(None, judging, at));
        assert!(!results_public(None, RoundState::Nominated, at));
        assert!(results_public(None, RoundState::Awarded, at));
        assert!(results_public(None, RoundState::Archived, at));
        // A minute still ahead holds even in an awarded round: the ceremony has not come.
        assert!(!results_public(
            Some(at),
            RoundState::Awarded,
            at - time::Duration::minutes(1)
        ));
    }

    #[test]
    fn a_public_winner_means_awarded_whatever_else() {
        let mut f = facts(datetime!(2020-02-01 12:00 UTC), RoundState::Judging);
        f.public_winner = true;
        assert_eq!(standing(f), Standing::Awarded);
    }

    #[test]
    fn a_prize_nobody_applied_for_is_not_awarded_only_once_the_results_are_out() {
        let mut f = facts(datetime!(2019-12-01 12:00 UTC), RoundState::Judging);
        f.submitted = 0;
        assert_eq!(standing(f), Standing::NoneReceived);
        f.round_state = RoundState::Awarded;
        assert_eq!(
            standing(f),
            Standing::NotAwarded(NotAwarded::NoApplications)
        );
    }

    #[test]
    fn applications_without_a_public_winner_are_judged_until_the_results_are_out() {
        let mut f = facts(datetime!(2019-12-01 12:00 UTC), RoundState::Judging);
        assert_eq!(standing(f), Standing::Judging);
        f.results_at = Some(datetime!(2019-12-01 12:00 UTC));
        assert_eq!(standing(f), Standing::NotAwarded(NotAwarded::NoWinner));
        assert!(standing(f).is_final());
    }

    #[test]
    fn an_open_call_accepts_until_its_extended_deadline() {
        let mut f = facts(datetime!(2019-11-05 12:00 UTC), RoundState::Open);
        assert_eq!(standing(f), Standing::Judging, "the deadline has passed");
        f.extended = Some(datetime!(2019-11-15 22:59 UTC));
        assert_eq!(standing(f), Standing::Accepting);
        f.round_state = RoundState::Closed;
        assert_eq!(
            standing(f),
            Standing::Judging,
            "a closed round accepts nothing"
        );
    }

    #[test]
    fn the_number_submitted_is_told_only_after_the_deadline() {
        let before = datetime!(2019-11-01 22:58 UTC);
        assert!(!submitted_count_public(
            before,
            RoundState::Open,
            DEADLINE,
            None
        ));
        assert!(submitted_count_public(
            DEADLINE,
            RoundState::Open,
            DEADLINE,
            None
        ));
        assert!(!submitted_count_public(
            DEADLINE,
            RoundState::Draft,
            DEADLINE,
            None
        ));
        let extended = Some(datetime!(2019-11-15 22:59 UTC));
        assert!(!submitted_count_public(
            DEADLINE,
            RoundState::Open,
            DEADLINE,
            extended
        ));
    }

    #[test]
    fn a_round_is_finished_when_every_prize_has_a_final_result() {
        let done = [
            Standing::Awarded,
            Standing::NotAwarded(NotAwarded::NoApplications),
        ];
        assert!(round_finished(RoundState::Judging, &done));
        assert!(!round_finished(
            RoundState::Awarded,
            &[Standing::Awarded, Standing::Judging]
        ));
        assert!(round_finished(RoundState::Archived, &[]));
        assert!(!round_finished(RoundState::Closed, &[]));
    }
}

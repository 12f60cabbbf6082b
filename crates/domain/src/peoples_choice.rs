//! «Folkets favoritt»: in a category with the people's choice, every signed-in employee has
//! one vote. Voting opens when the category's (extended) deadline has passed, so every entry
//! is in, and closes when the results are published; until it closes a vote may move to
//! another application, and the counts are shown only from the results' minute.

use crate::category::effective_deadline;
use time::OffsetDateTime;

/// Whether votes are taken at `now`.
pub fn is_open(
    now: OffsetDateTime,
    deadline: OffsetDateTime,
    extended: Option<OffsetDateTime>,
    results_at: Option<OffsetDateTime>,
) -> bool {
    now >= effective_deadline(deadline, extended) && results_at.is_none_or(|at| now < at)
}

/// Whether the counts may be shown at `now`: from the results' minute.
pub fn counts_shown(now: OffsetDateTime, results_at: Option<OffsetDateTime>) -> bool {
    results_at.is_some_and(|at| at <= now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn voting_runs_from_the_extended_deadline_to_the_results() {
        let deadline = datetime!(2019-11-01 23:00 UTC);
        let extended = Some(datetime!(2019-11-15 23:00 UTC));
        let results = Some(datetime!(2020-01-20 12:00 UTC));
        assert!(!is_open(
            datetime!(2019-11-01 22:59 UTC),
            deadline,
            None,
            results
        ));
        assert!(is_open(deadline, deadline, None, results));
        assert!(!is_open(
            datetime!(2019-11-02 10:00 UTC),
            deadline,
            extended,
            results
        ));
        assert!(is_open(
            datetime!(2019-11-15 23:00 UTC),
            deadline,
            extended,
            results
        ));
        assert!(is_open(
            datetime!(2020-01-20 11:59 UTC),
            deadline,
            None,
            results
        ));
        assert!(!is_open(
            datetime!(2020-01-20 12:00 UTC),
            deadline,
            None,
            results
        ));
        assert!(
            is_open(datetime!(2030-01-01 0:00 UTC), deadline, None, None),
            "no results yet: open"
        );
        assert!(!counts_shown(datetime!(2020-01-20 11:59 UTC), results));
        assert!(counts_shown(datetime!(2020-01-20 12:00 UTC), results));
        assert!(!counts_shown(datetime!(2030-01-01 0:00 UTC), None));
    }
}

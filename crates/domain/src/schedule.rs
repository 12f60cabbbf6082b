//! Scheduled work: which jobs the stored schedules (deadlines, publication minutes, ceremonies)
//! call for, and at which minute. A job is named by a key of kind, subject and minute, so that
//! it is made once however many processes look, and a moved deadline makes a new job while the
//! old one is found stale when its minute comes ([`JobSpec::key`] no longer among the specs).

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// A category's (extended) deadline passed: applications are closed.
    CloseCategory,
    /// Remind teams with unsubmitted drafts, `days` before the deadline.
    DeadlineReminder { days: i64 },
    /// A category's nominees became public: tell the nominated teams.
    AnnounceNominees,
    /// A category's results became public: tell every team; feedback can be read.
    AnnounceResults,
    /// Remind jurors with unsubmitted reviews, `days` before the first publication minute.
    JuryReminder { days: i64 },
    /// «Ble det varig?»: ask the round's nominated and winning teams, a while after the ceremony.
    FollowUp,
    /// Daily clean-up: drafts past their retention, old sign-in counters.
    Retention,
}

impl JobKind {
    /// The stored code, without parameters.
    pub fn code(self) -> &'static str {
        match self {
            JobKind::CloseCategory => "close-category",
            JobKind::DeadlineReminder { .. } => "deadline-reminder",
            JobKind::AnnounceNominees => "announce-nominees",
            JobKind::AnnounceResults => "announce-results",
            JobKind::JuryReminder { .. } => "jury-reminder",
            JobKind::FollowUp => "follow-up",
            JobKind::Retention => "retention",
        }
    }

    /// The stored code with its parameter, e.g. `deadline-reminder/14`.
    pub fn stored(self) -> String {
        match self {
            JobKind::DeadlineReminder { days } | JobKind::JuryReminder { days } => {
                format!("{}/{days}", self.code())
            }
            _ => self.code().to_string(),
        }
    }

    /// Reads [`JobKind::stored`] back; an unknown code is `None`.
    pub fn parse(stored: &str) -> Option<JobKind> {
        let (code, days) = match stored.split_once('/') {
            Some((code, days)) => (code, Some(days.parse::<i64>().ok()?)),
            None => (stored, None),
        };
        Some(match (code, days) {
            ("close-category", None) => JobKind::CloseCategory,
            ("deadline-reminder", Some(days)) => JobKind::DeadlineReminder { days },
            ("announce-nominees", None) => JobKind::AnnounceNominees,
            ("announce-results", None) => JobKind::AnnounceResults,
            ("jury-reminder", Some(days)) => JobKind::JuryReminder { days },
            ("follow-up", None) => JobKind::FollowUp,
            ("retention", None) => JobKind::Retention,
            _ => return None,
        })
    }
}

/// One run of a job: what, about which row, at which minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSpec {
    pub kind: JobKind,
    pub subject: Option<Uuid>,
    pub due_at: OffsetDateTime,
}

impl JobSpec {
    /// Unique per run: the same spec computed by two processes has the same key.
    pub fn key(&self) -> String {
        let subject = self.subject.map(|s| s.to_string()).unwrap_or_default();
        format!(
            "{}:{subject}:{}",
            self.kind.stored(),
            self.due_at.unix_timestamp()
        )
    }
}

/// A category's minutes, as stored.
#[derive(Debug, Clone)]
pub struct CategoryMinutes {
    pub id: Uuid,
    /// The extended deadline if there is one, else the deadline.
    pub deadline: OffsetDateTime,
    pub nominees_at: Option<OffsetDateTime>,
    pub results_at: Option<OffsetDateTime>,
}

/// The installation's settings for reminders and the follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleSettings {
    /// Days before a deadline on which teams with drafts are reminded (e.g. 14 and 3).
    pub reminder_days: Vec<i64>,
    /// Days before the first publication minute on which jurors are reminded.
    pub jury_reminder_days: Vec<i64>,
    /// How long after the ceremony the teams are asked whether the idea lasted; `None`: never.
    pub follow_up_after: Option<Duration>,
}

impl Default for ScheduleSettings {
    fn default() -> Self {
        ScheduleSettings {
            reminder_days: vec![14, 3],
            jury_reminder_days: vec![3],
            follow_up_after: Some(Duration::days(365)),
        }
    }
}

/// The jobs one category calls for.
pub fn category_jobs(c: &CategoryMinutes, settings: &ScheduleSettings) -> Vec<JobSpec> {
    let spec = |kind, due_at| JobSpec {
        kind,
        subject: Some(c.id),
        due_at,
    };
    let mut jobs = vec![spec(JobKind::CloseCategory, c.deadline)];
    for &days in &settings.reminder_days {
        let kind = JobKind::DeadlineReminder { days };
        jobs.push(spec(kind, c.deadline - Duration::days(days)));
    }
    jobs.extend(c.nominees_at.map(|at| spec(JobKind::AnnounceNominees, at)));
    jobs.extend(c.results_at.map(|at| spec(JobKind::AnnounceResults, at)));
    let first_publication = [c.nominees_at, c.results_at].into_iter().flatten().min();
    if let Some(at) = first_publication {
        for &days in &settings.jury_reminder_days {
            let kind = JobKind::JuryReminder { days };
            jobs.push(spec(kind, at - Duration::days(days)));
        }
    }
    jobs
}

/// The follow-up job of a round with a ceremony.
pub fn round_jobs(
    round: Uuid,
    ceremony_at: Option<OffsetDateTime>,
    settings: &ScheduleSettings,
) -> Vec<JobSpec> {
    match (ceremony_at, settings.follow_up_after) {
        (Some(at), Some(after)) => vec![JobSpec {
            kind: JobKind::FollowUp,
            subject: Some(round),
            due_at: at + after,
        }],
        _ => Vec::new(),
    }
}

/// The daily clean-up's next minute: 03:00 UTC after `now`.
pub fn next_retention(now: OffsetDateTime) -> JobSpec {
    let today = now.replace_time(time::macros::time!(03:00));
    let due_at = if today > now {
        today
    } else {
        today + Duration::days(1)
    };
    JobSpec {
        kind: JobKind::Retention,
        subject: None,
        due_at,
    }
}

/// How far back a spec may be and still be made: a job saved a moment after its minute (a
/// chair publishing «now») still runs; history (an imported round of 2019) never does. A job
/// made before a downtime is already stored, so it runs after the downtime whatever this says.
pub const MAKE_LATE_BY: Duration = Duration::minutes(10);

/// Whether a spec is to be stored now: its minute is ahead, or only just passed.
pub fn to_make(spec: &JobSpec, now: OffsetDateTime) -> bool {
    spec.due_at > now - MAKE_LATE_BY
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn category() -> CategoryMinutes {
        CategoryMinutes {
            id: Uuid::from_u128(7),
            deadline: datetime!(2026-11-01 22:59 UTC),
            nominees_at: Some(datetime!(2026-12-01 08:00 UTC)),
            results_at: Some(datetime!(2026-12-10 18:00 UTC)),
        }
    }

    #[test]
    fn a_category_calls_for_closing_reminders_announcements_and_jury_reminders() {
        let jobs = category_jobs(&category(), &ScheduleSettings::default());
        let at = |kind| jobs.iter().find(|j| j.kind == kind).map(|j| j.due_at);
        assert_eq!(
            at(JobKind::CloseCategory),
            Some(datetime!(2026-11-01 22:59 UTC))
        );
        assert_eq!(
            at(JobKind::DeadlineReminder { days: 14 }),
            Some(datetime!(2026-10-18 22:59 UTC))
        );
        assert_eq!(
            at(JobKind::DeadlineReminder { days: 3 }),
            Some(datetime!(2026-10-29 22:59 UTC))
        );
        assert_eq!(
            at(JobKind::JuryReminder { days: 3 }),
            Some(datetime!(2026-11-28 08:00 UTC))
        );
        assert_eq!(jobs.len(), 6);
    }

    #[test]
    fn a_moved_deadline_gives_other_keys() {
        let settings = ScheduleSettings::default();
        let before: Vec<String> = category_jobs(&category(), &settings)
            .iter()
            .map(JobSpec::key)
            .collect();
        let mut moved = category();
        moved.deadline += Duration::days(7);
        let after = category_jobs(&moved, &settings);
        let close = after
            .iter()
            .find(|j| j.kind == JobKind::CloseCategory)
            .unwrap();
        assert!(!before.contains(&close.key()));
    }

    #[test]
    fn stored_kinds_read_back() {
        for kind in [
            JobKind::CloseCategory,
            JobKind::DeadlineReminder { days: 14 },
            JobKind::AnnounceNominees,
            JobKind::AnnounceResults,
            JobKind::JuryReminder { days: 2 },
            JobKind::FollowUp,
            JobKind::Retention,
        ] {
            assert_eq!(JobKind::parse(&kind.stored()), Some(kind));
        }
        assert_eq!(JobKind::parse("deadline-reminder"), None);
        assert_eq!(JobKind::parse("retention/3"), None);
    }

    #[test]
    fn history_is_not_made_but_a_minute_just_passed_is() {
        let now = datetime!(2026-12-06 12:00 UTC);
        let spec = |due_at| JobSpec {
            kind: JobKind::AnnounceResults,
            subject: None,
            due_at,
        };
        assert!(to_make(&spec(datetime!(2026-12-06 11:55 UTC)), now));
        assert!(!to_make(&spec(datetime!(2019-12-06 11:55 UTC)), now));
        assert_eq!(next_retention(now).due_at, datetime!(2026-12-07 03:00 UTC));
    }

    #[test]
    fn a_round_without_a_ceremony_is_not_followed_up() {
        let settings = ScheduleSettings::default();
        assert!(round_jobs(Uuid::from_u128(1), None, &settings).is_empty());
        let at = datetime!(2026-12-10 18:00 UTC);
        let jobs = round_jobs(Uuid::from_u128(1), Some(at), &settings);
        assert_eq!(jobs[0].due_at, datetime!(2027-12-10 18:00 UTC));
    }
}

//! When a sign-in ends: after a stretch without activity (sliding), and at the latest a fixed
//! time after signing in (absolute), whatever the activity. Times are Unix seconds.

use time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle: Duration,
    /// Signed out this long after signing in, active or not.
    pub absolute: Duration,
    /// What cannot be undone (deleting one's account) needs a sign-in at most this old.
    pub recent: Duration,
}

/// The default for [`SessionPolicy::recent`].
pub const RECENT_SIGN_IN: Duration = Duration::minutes(15);

/// What to do with a signed-in session on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Still valid; nothing to write.
    Valid,
    /// Still valid; record the activity so the idle expiry slides forward.
    Touch,
    /// The sign-in has ended.
    Ended,
}

impl SessionPolicy {
    /// Activity is written at most this often (a write per request would cost every signed-in
    /// page a database write); the idle expiry is therefore exact to within this interval.
    pub fn touch_interval(&self) -> Duration {
        let quarter: Duration = self.idle / 4;
        quarter.min(Duration::minutes(1))
    }

    /// Whether a sign-in at `signed_in_at` is recent enough at `now` for an act that cannot be
    /// undone.
    pub fn is_recent(&self, signed_in_at: i64, now: i64) -> bool {
        Duration::seconds(now.saturating_sub(signed_in_at)) < self.recent
    }

    /// `signed_in_at` and `seen_at` as the session recorded them, `now` the current time.
    pub fn verdict(&self, signed_in_at: i64, seen_at: i64, now: i64) -> Verdict {
        let since = |t: i64| Duration::seconds(now.saturating_sub(t));
        if since(signed_in_at) >= self.absolute || since(seen_at) >= self.idle {
            Verdict::Ended
        } else if since(seen_at) >= self.touch_interval() {
            Verdict::Touch
        } else {
            Verdict::Valid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: SessionPolicy = SessionPolicy {
        idle: Duration::hours(8),
        absolute: Duration::hours(24),
        recent: RECENT_SIGN_IN,
    };
    const HOUR: i64 = 3600;

    #[test]
    fn activity_keeps_a_session_alive_until_the_absolute_limit() {
        let start = 1_000_000;
        assert_eq!(POLICY.verdict(start, start, start + 30), Verdict::Valid);
        assert_eq!(POLICY.verdict(start, start, start + 60), Verdict::Touch);
        // Seen an hour ago, signed in 23 hours ago: still valid, and touched.
        assert_eq!(
            POLICY.verdict(start, start + 22 * HOUR, start + 23 * HOUR),
            Verdict::Touch
        );
        // Active a second ago, but 24 hours since signing in.
        assert_eq!(
            POLICY.verdict(start, start + 24 * HOUR - 1, start + 24 * HOUR),
            Verdict::Ended
        );
    }

    #[test]
    fn a_session_ends_after_the_idle_time_without_activity() {
        let start = 1_000_000;
        assert_eq!(
            POLICY.verdict(start, start + HOUR, start + 9 * HOUR - 1),
            Verdict::Touch
        );
        assert_eq!(
            POLICY.verdict(start, start + HOUR, start + 9 * HOUR),
            Verdict::Ended
        );
    }

    #[test]
    fn short_idle_times_are_touched_more_often() {
        let short = SessionPolicy {
            idle: Duration::seconds(8),
            absolute: Duration::hours(1),
            recent: RECENT_SIGN_IN,
        };
        assert_eq!(short.touch_interval(), Duration::seconds(2));
        assert_eq!(POLICY.touch_interval(), Duration::minutes(1));
        assert_eq!(short.verdict(0, 0, 1), Verdict::Valid);
        assert_eq!(short.verdict(0, 0, 2), Verdict::Touch);
        // A clock that went backwards never ends a session by itself.
        assert_eq!(short.verdict(10, 10, 5), Verdict::Valid);
    }

    #[test]
    fn only_a_fresh_sign_in_is_recent() {
        let start = 1_000_000;
        assert!(POLICY.is_recent(start, start));
        assert!(POLICY.is_recent(start, start + 15 * 60 - 1));
        assert!(!POLICY.is_recent(start, start + 15 * 60));
        assert!(!POLICY.is_recent(start, start + 2 * HOUR));
    }
}

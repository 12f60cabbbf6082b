//! The one place that reads the system clock; tests inject a [`ManualClock`].

use std::sync::Mutex;
use time::OffsetDateTime;

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the single sanctioned reading of the system clock
    fn now(&self) -> OffsetDateTime {
        prisverdig_store::utc(OffsetDateTime::now_utc())
    }
}

/// A clock that stands still until a test moves it.
pub struct ManualClock(Mutex<OffsetDateTime>);

impl ManualClock {
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Mutex::new(at))
    }

    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// 23:59 in Oslo on `date`: how deadlines are announced («innen 1. november»).
pub fn oslo_end_of_day(date: time::Date) -> OffsetDateTime {
    oslo(date, time::macros::time!(23:59))
}

/// A wall-clock time in Oslo, as UTC.
pub fn oslo(date: time::Date, at: time::Time) -> OffsetDateTime {
    use time_tz::{PrimitiveDateTimeExt, timezones};
    let local = date.with_time(at);
    local
        .assume_timezone(timezones::db::europe::OSLO)
        .take_first()
        .unwrap_or_else(|| local.assume_utc())
        .to_offset(time::UtcOffset::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn end_of_day_follows_oslo_summer_and_winter_time() {
        assert_eq!(
            oslo_end_of_day(date!(2019 - 11 - 01)),
            datetime!(2019-11-01 22:59 UTC)
        );
        assert_eq!(
            oslo_end_of_day(date!(2022 - 03 - 31)),
            datetime!(2022-03-31 21:59 UTC)
        );
    }
}

//! Times as people enter and read them: a date and a time of day in Europe/Oslo. Stored
//! times are UTC; these convert both ways and move a time by whole years.

use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};
use time_tz::{OffsetDateTimeExt, PrimitiveDateTimeExt, timezones};

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");
const CLOCK: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[hour]:[minute]");

/// A date (`2019-11-01`) and a time (`23:59`) in Oslo as a UTC instant; `None` when either
/// does not parse or the time does not exist that day (the spring-forward gap).
pub fn parse_oslo(date: &str, clock: &str) -> Option<OffsetDateTime> {
    let date = Date::parse(date.trim(), DATE).ok()?;
    let clock = Time::parse(clock.trim(), CLOCK).ok()?;
    PrimitiveDateTime::new(date, clock)
        .assume_timezone(timezones::db::europe::OSLO)
        .take_first()
        .map(|t| t.to_offset(time::UtcOffset::UTC))
}

/// `clock` on `date` in Oslo as a UTC instant; in the spring-forward gap, the hour after.
pub fn oslo_at(date: Date, clock: Time) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(date, clock).assume_timezone(timezones::db::europe::OSLO);
    local
        .take_first()
        .or_else(|| {
            PrimitiveDateTime::new(date, clock)
                .saturating_add(time::Duration::HOUR)
                .assume_timezone(timezones::db::europe::OSLO)
                .take_first()
        })
        .map_or(PrimitiveDateTime::new(date, clock).assume_utc(), |t| {
            t.to_offset(time::UtcOffset::UTC)
        })
}

/// The date in Oslo at `at`.
pub fn oslo_date(at: OffsetDateTime) -> Date {
    at.to_timezone(timezones::db::europe::OSLO).date()
}

/// The Oslo date and time of day of `at`, in the form [`parse_oslo`] reads.
pub fn oslo_parts(at: OffsetDateTime) -> (String, String) {
    let local = at.to_timezone(timezones::db::europe::OSLO);
    (
        local.date().format(DATE).unwrap_or_default(),
        local.time().format(CLOCK).unwrap_or_default(),
    )
}

/// The same Oslo wall-clock time `years` later (29 February becomes 28 February).
pub fn years_later(at: OffsetDateTime, years: i32) -> OffsetDateTime {
    let local = at.to_timezone(timezones::db::europe::OSLO);
    let year = local.year() + years;
    let date = local
        .date()
        .replace_year(year)
        .or_else(|_| Date::from_calendar_date(year, local.month(), 28))
        .unwrap_or(local.date());
    PrimitiveDateTime::new(date, local.time())
        .assume_timezone(timezones::db::europe::OSLO)
        .take_first()
        .map_or(at, |t| t.to_offset(time::UtcOffset::UTC))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn reads_oslo_time_in_winter_and_summer() {
        assert_eq!(
            parse_oslo("2019-11-01", "23:59"),
            Some(datetime!(2019-11-01 22:59 UTC))
        );
        assert_eq!(
            parse_oslo("2020-06-15", "12:00"),
            Some(datetime!(2020-06-15 10:00 UTC))
        );
        assert_eq!(parse_oslo("2019-13-01", "10:00"), None);
        assert_eq!(parse_oslo("2019-11-01", "25:00"), None);
        assert_eq!(
            parse_oslo("2020-03-29", "02:30"),
            None,
            "spring-forward gap"
        );
    }

    #[test]
    fn parts_round_trip() {
        let at = datetime!(2019-11-01 22:59 UTC);
        let (d, t) = oslo_parts(at);
        assert_eq!((d.as_str(), t.as_str()), ("2019-11-01", "23:59"));
        assert_eq!(parse_oslo(&d, &t), Some(at));
    }

    #[test]
    fn a_year_later_keeps_the_wall_clock() {
        assert_eq!(
            years_later(datetime!(2019-11-01 22:59 UTC), 1),
            datetime!(2020-11-01 22:59 UTC)
        );
        // 31 March 23:59 is summer time in 2020 but winter-to-summer moves the UTC hour.
        assert_eq!(
            years_later(datetime!(2019-03-30 22:59 UTC), 1),
            datetime!(2020-03-30 21:59 UTC)
        );
        assert_eq!(
            years_later(datetime!(2020-02-29 11:00 UTC), 1),
            datetime!(2021-02-28 11:00 UTC)
        );
    }
}

//! Dates, times and sums in the visitor's language; times shown in Europe/Oslo.

use crate::i18n::Locale;
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_domain::application::ApplicationState;
use prisverdig_domain::outcome::Outcome;
use time::OffsetDateTime;
use time_tz::{OffsetDateTimeExt, timezones};

/// The time in Oslo, e.g. «1. november 2019 kl. 23:59» / «1 November 2019 at 23:59».
pub fn date_time(locale: Locale, at: OffsetDateTime) -> String {
    let local = at.to_timezone(timezones::db::europe::OSLO);
    let month = locale.t(&format!("month-{}", u8::from(local.month())));
    locale.t_args(
        "format-date-time",
        &[
            ("day", FluentValue::from(local.day().to_string())),
            ("month", FluentValue::from(month)),
            ("year", FluentValue::from(local.year().to_string())),
            (
                "time",
                FluentValue::from(format!("{:02}:{:02}", local.hour(), local.minute())),
            ),
        ],
    )
}

/// A sum in kroner with grouped thousands: «50 000 kr» / «NOK 50,000».
pub fn kroner(locale: Locale, amount: i64) -> String {
    let grouped = grouped(locale, amount);
    locale.t_args("format-kroner", &[("amount", FluentValue::from(grouped))])
}

/// A number with grouped thousands as the language writes it: «10 000» / «10,000».
pub fn grouped(locale: Locale, amount: i64) -> String {
    let separator = if locale == Locale::En { ',' } else { '\u{a0}' };
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(ch);
    }
    if amount < 0 {
        grouped.insert(0, '-');
    }
    grouped
}

/// A CSV cell that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's
/// advice against CSV injection): downloads hold text that users typed.
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn shows_oslo_time_in_winter_and_summer() {
        assert_eq!(
            date_time(Locale::Nb, datetime!(2019-11-01 22:59 UTC)),
            "1. november 2019 kl. 23:59"
        );
        assert_eq!(
            date_time(Locale::En, datetime!(2020-06-15 10:00 UTC)),
            "15 June 2020 at 12:00"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(kroner(Locale::Nb, 25_000), "25\u{a0}000 kr");
        assert_eq!(kroner(Locale::En, 1_250_000), "NOK 1,250,000");
        assert_eq!(kroner(Locale::Nn, 500), "500 kr");
    }
}

/// Time left to a deadline in words: «12 dager igjen», «5 timer igjen», «under en time igjen».
pub fn time_left(locale: Locale, left: time::Duration) -> String {
    let (key, n) = if left.whole_days() >= 2 {
        ("format-days-left", left.whole_days())
    } else if left.whole_hours() >= 1 {
        ("format-hours-left", left.whole_hours())
    } else {
        ("format-under-an-hour-left", 0)
    };
    locale.t_args(key, &[("n", FluentValue::from(n))])
}

/// When [`time_left`]'s text for this deadline next changes, seen from `now`.
pub fn time_left_changes_at(now: OffsetDateTime, deadline: OffsetDateTime) -> OffsetDateTime {
    let left = deadline - now;
    if left.whole_days() >= 2 {
        deadline - time::Duration::days(left.whole_days())
    } else if left.whole_hours() >= 1 {
        deadline - time::Duration::hours(left.whole_hours())
    } else {
        deadline
    }
}

#[cfg(test)]
mod time_left_tests {
    use super::*;

    #[test]
    fn knows_when_the_text_changes_next() {
        let deadline = OffsetDateTime::from_unix_timestamp(1_900_000_000).unwrap();
        let day = time::Duration::days(1);
        let hour = time::Duration::hours(1);
        let now = deadline - day * 3 - hour * 5;
        let at = time_left_changes_at(now, deadline);
        assert_eq!(at, deadline - day * 3);
        let before = time_left(Locale::Nb, deadline - (at - time::Duration::seconds(1)));
        let after = time_left(Locale::Nb, deadline - (at + time::Duration::seconds(1)));
        assert_ne!(before, after);
        assert_eq!(
            time_left_changes_at(deadline - hour * 5 - time::Duration::minutes(3), deadline),
            deadline - hour * 5
        );
        assert_eq!(
            time_left_changes_at(deadline - time::Duration::minutes(3), deadline),
            deadline
        );
    }

    #[test]
    fn counts_days_then_hours() {
        assert_eq!(
            time_left(Locale::Nb, time::Duration::days(12)),
            "12 dager igjen"
        );
        assert_eq!(
            time_left(Locale::En, time::Duration::hours(30)),
            "30 hours left"
        );
        assert_eq!(
            time_left(Locale::Nn, time::Duration::minutes(59)),
            "under ein time att"
        );
        assert_eq!(
            time_left(Locale::En, time::Duration::hours(1)),
            "1 hour left"
        );
    }
}

/// The translation key of an application's state.
pub fn application_state_key(state: ApplicationState) -> &'static str {
    match state {
        ApplicationState::Draft => "state-draft",
        ApplicationState::Submitted => "state-submitted",
        ApplicationState::Withdrawn => "state-withdrawn",
    }
}

/// The translation key of a published outcome's badge.
pub fn badge_key(badge: Outcome) -> &'static str {
    match badge {
        Outcome::Winner => "badge-winner",
        Outcome::Nominee => "badge-nominee",
        Outcome::HonourableMention => "badge-honourable-mention",
    }
}

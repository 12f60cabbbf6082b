//! The shipped default setup: Bærum kommune's three prizes and their published criteria
//! (DOMAIN.md). A new organisation starts from these; administrators can edit every text.
//! These are data entered into the database, written in Bokmål like the original call.

use crate::category::{CategoryKind, Scale};
use crate::local_time::{oslo_at, oslo_date};
use time::{Date, Duration, Month, OffsetDateTime, Time};

pub struct DefaultCriterion {
    pub text: &'static str,
    pub scale: Scale,
}

pub struct DefaultCategory {
    pub kind: CategoryKind,
    pub name: &'static str,
    pub description: &'static str,
    pub prize_sum_kr: i64,
    pub criteria: &'static [DefaultCriterion],
}

const DEGREE: Scale = Scale::Range { min: 1, max: 6 };

const fn yes_no(text: &'static str) -> DefaultCriterion {
    DefaultCriterion {
        text,
        scale: Scale::YesNo,
    }
}

const fn degree(text: &'static str) -> DefaultCriterion {
    DefaultCriterion {
        text,
        scale: DEGREE,
    }
}

pub const CATEGORIES: [DefaultCategory; 3] = [
    DefaultCategory {
        kind: CategoryKind::Innovation,
        name: "Innovasjonsprisen",
        description: "Årets innovasjon: en løsning som er ny for kommunen, er tatt i bruk og skaper verdi for innbyggere og brukere.",
        prize_sum_kr: 50_000,
        criteria: &[
            yes_no("Er innovasjonen tatt i bruk, og skaper den verdi for brukere og innbyggere?"),
            degree("I hvilken grad er det hentet inspirasjon fra andre, internt eller eksternt?"),
            degree(
                "I hvilken grad har løsningen spredningspotensial – kan andre ta i bruk hele eller deler av den?",
            ),
            degree(
                "I hvilken grad er det samarbeidet internt om felles utfordringer, innenfor eller på tvers av fagområder?",
            ),
            degree(
                "I hvilken grad er det samarbeidet med eksterne, som sosiale entreprenører, næringsliv, frivillige eller andre kommuner?",
            ),
            degree("I hvilken grad er brukere og innbyggere involvert i utviklingen?"),
        ],
    },
    DefaultCategory {
        kind: CategoryKind::Steal,
        name: "Stjæl med stil",
        description: "For dem som har tatt i bruk andres idé, gjort den til sin egen og gitt æren til dem de stjal fra.",
        prize_sum_kr: 25_000,
        criteria: &[
            yes_no("Er kilden til ideen navngitt og kreditert?"),
            degree("I hvilken grad er ideen tilpasset lokale behov?"),
            yes_no("Er løsningen tatt i bruk, og skaper den verdi?"),
            degree(
                "I hvilken grad deler dere tilbake det dere har endret, slik at andre kan stjele videre?",
            ),
        ],
    },
    DefaultCategory {
        kind: CategoryKind::Mistake,
        name: "Beste feil",
        description: "For dem som prøvde noe nytt, feilet, lærte – og gikk videre eller stoppet i tide.",
        prize_sum_kr: 25_000,
        criteria: &[
            yes_no("Har dere gjort en feil i forsøket på å innovere eller prøve noe nytt?"),
            degree("I hvilken grad feilet dere raskt og lærte raskt?"),
            degree(
                "I hvilken grad har dere lært av feilen og gått videre – eller stoppet prosessen («killed your darling») på grunn av det dere lærte?",
            ),
        ],
    },
];

/// The kind of the shipped prize whose name `name` is (case and surrounding spaces
/// ignored); any other name is a custom prize. A new category's type when none is chosen.
pub fn kind_for_name(name: &str) -> CategoryKind {
    let name = name.trim().to_lowercase();
    CATEGORIES
        .iter()
        .find(|c| c.name.to_lowercase() == name)
        .map_or(CategoryKind::Custom, |c| c.kind)
}

/// How long a round created too late for the usual deadline gives applicants.
pub const LATE_ROUND_APPLY_DAYS: i64 = 30;
/// How long before its ceremony a late round's deadline falls at the latest.
pub const JUDGING_DAYS_BEFORE_CEREMONY: i64 = 14;

/// The deadline the default prizes of a new round for `year` get, always ahead of `now`.
/// All times are 23:59 in Oslo.
///
/// 1. 1 November of the year before the award (the shipped call's custom), while that is
///    still ahead of `now`.
/// 2. Otherwise [`LATE_ROUND_APPLY_DAYS`] days after today, moved earlier to
///    [`JUDGING_DAYS_BEFORE_CEREMONY`] days before the ceremony (so the jury has time) and
///    to 31 December of the award year — each only while that earlier date is still ahead
///    of `now`, so the result never lies in the past.
pub fn default_deadline(
    year: i64,
    ceremony_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> OffsetDateTime {
    let end_of_day = Time::from_hms(23, 59, 0).unwrap_or(Time::MIDNIGHT);
    let on = |y: i64, month: Month, day: u8| {
        i32::try_from(y)
            .ok()
            .and_then(|y| Date::from_calendar_date(y, month, day).ok())
            .map(|d| oslo_at(d, end_of_day))
    };
    if let Some(usual) = on(year - 1, Month::November, 1)
        && usual > now
    {
        return usual;
    }
    let mut deadline = oslo_at(
        oslo_date(now).saturating_add(Duration::days(LATE_ROUND_APPLY_DAYS)),
        end_of_day,
    );
    let before_ceremony = ceremony_at.map(|c| {
        oslo_at(
            oslo_date(c).saturating_sub(Duration::days(JUDGING_DAYS_BEFORE_CEREMONY)),
            end_of_day,
        )
    });
    for cap in [before_ceremony, on(year, Month::December, 31)]
        .into_iter()
        .flatten()
    {
        if cap > now && cap < deadline {
            deadline = cap;
        }
    }
    deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_default_name_gives_its_kind() {
        assert_eq!(kind_for_name("Innovasjonsprisen"), CategoryKind::Innovation);
        assert_eq!(kind_for_name("  stjæl med STIL "), CategoryKind::Steal);
        assert_eq!(kind_for_name("Beste feil"), CategoryKind::Mistake);
        assert_eq!(kind_for_name("Årets ildsjel"), CategoryKind::Custom);
        assert_eq!(kind_for_name(""), CategoryKind::Custom);
    }

    #[test]
    fn the_usual_deadline_while_it_is_ahead() {
        assert_eq!(
            default_deadline(2020, None, datetime!(2019-10-15 10:00 UTC)),
            datetime!(2019-11-01 22:59 UTC)
        );
        assert_eq!(
            default_deadline(2021, None, datetime!(2019-12-10 10:00 UTC)),
            datetime!(2020-11-01 22:59 UTC)
        );
    }

    #[test]
    fn a_round_created_after_1_november_gets_a_month() {
        // Next year's round created in December: the dead round.
        assert_eq!(
            default_deadline(2020, None, datetime!(2019-12-10 10:00 UTC)),
            datetime!(2020-01-09 22:59 UTC)
        );
        // At 23:59 on 1 November itself the usual deadline has passed.
        assert_eq!(
            default_deadline(2020, None, datetime!(2019-11-01 22:59 UTC)),
            datetime!(2019-12-01 22:59 UTC)
        );
    }

    #[test]
    fn a_late_deadline_leaves_the_jury_two_weeks_before_the_ceremony() {
        let ceremony = Some(datetime!(2020-01-20 12:00 UTC));
        assert_eq!(
            default_deadline(2020, ceremony, datetime!(2019-12-10 10:00 UTC)),
            datetime!(2020-01-06 22:59 UTC)
        );
        // A ceremony too close for that: the month stands, the deadline stays ahead.
        let soon = Some(datetime!(2019-12-20 12:00 UTC));
        assert_eq!(
            default_deadline(2020, soon, datetime!(2019-12-10 10:00 UTC)),
            datetime!(2020-01-09 22:59 UTC)
        );
    }

    #[test]
    fn a_late_deadline_stays_within_the_award_year_and_never_in_the_past() {
        assert_eq!(
            default_deadline(2020, None, datetime!(2020-12-15 10:00 UTC)),
            datetime!(2020-12-31 22:59 UTC)
        );
        // A round for a year long gone: still a deadline ahead, never one in the past.
        let now = datetime!(2024-05-02 10:00 UTC);
        let d = default_deadline(2020, None, now);
        assert!(d > now);
        assert_eq!(d, datetime!(2024-06-01 21:59 UTC), "summer time");
    }

    #[test]
    fn defaults_match_the_published_criteria_counts() {
        let counts: Vec<_> = CATEGORIES.iter().map(|c| c.criteria.len()).collect();
        assert_eq!(counts, [6, 4, 3]);
        assert!(CATEGORIES.iter().all(|c| c.prize_sum_kr > 0));
    }

    #[test]
    fn a_cap_that_falls_on_this_very_minute_is_not_used() {
        // 23:59 on 31 December in Oslo: capping there would give a deadline of now.
        let now = datetime!(2020-12-31 22:59 UTC);
        assert_eq!(
            default_deadline(2020, None, now),
            datetime!(2021-01-30 22:59 UTC)
        );
    }
}

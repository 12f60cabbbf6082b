//! A round's prizes and results as the pages show them (the round archive and the front page
//! between rounds): texts translated and formatted, one sentence for where each prize stands.

use crate::format::{date_time, kroner};
use crate::i18n::Locale;
use prisverdig_domain::category::{CategoryKind, effective_deadline};
use prisverdig_domain::outcome::Outcome;
use prisverdig_domain::results::{NotAwarded, Standing};
use prisverdig_service::archive::{PrizeResult, RoundResults};
use uuid::Uuid;

/// One published outcome in a prize's list.
pub struct OutcomeLine {
    pub kind: Outcome,
    pub badge_key: &'static str,
    pub application_id: Uuid,
    pub title: String,
    pub justification: String,
}

impl OutcomeLine {
    pub fn is_winner(&self) -> bool {
        self.kind == Outcome::Winner
    }
}

pub struct PrizeView {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub prize: String,
    pub deadline: String,
    pub extended: bool,
    pub criteria: Vec<String>,
    pub submitted: Option<i64>,
    pub published: i64,
    /// Where the prize stands, in a sentence; empty when its outcomes say it all.
    pub standing: String,
    /// The jury's reason for naming no winner.
    pub reason: Option<String>,
    pub outcomes: Vec<OutcomeLine>,
    /// The catalogue filtered to this prize's published applications, when there are any.
    pub catalogue: Option<String>,
}

/// The sentence for a standing (`None` where the outcomes are the answer).
pub fn standing_key(standing: Standing) -> Option<&'static str> {
    match standing {
        Standing::Accepting => Some("rounds-standing-accepting"),
        Standing::NoneReceived => Some("rounds-standing-none-received"),
        Standing::Judging => Some("rounds-standing-judging"),
        Standing::Awarded => None,
        Standing::NotAwarded(NotAwarded::NoApplications) => {
            Some("rounds-not-awarded-no-applications")
        }
        Standing::NotAwarded(NotAwarded::NoWinner) => Some("rounds-not-awarded"),
    }
}

/// The catalogue's address for one year's prize (a custom prize is chosen by its name).
pub fn catalogue_link(year: i64, kind: CategoryKind, name: &str) -> String {
    let value = match kind {
        CategoryKind::Custom => format!("custom:{name}"),
        other => other.as_str().to_string(),
    };
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("year", &year.to_string())
        .append_pair("category", &value)
        .finish();
    format!("/catalogue?{query}")
}

fn outcome_line(o: &prisverdig_service::model::Published) -> OutcomeLine {
    OutcomeLine {
        kind: o.kind,
        badge_key: crate::format::badge_key(o.kind),
        application_id: o.application_id,
        title: o.title.clone(),
        justification: o.justification.clone(),
    }
}

fn prize_view(locale: Locale, year: i64, p: &PrizeResult) -> PrizeView {
    let c = &p.prize;
    PrizeView {
        id: c.id,
        name: c.name.clone(),
        description: c.description.clone(),
        prize: c
            .prize_sum_kr
            .map_or_else(|| locale.t("rounds-prize-unknown"), |kr| kroner(locale, kr)),
        deadline: date_time(locale, effective_deadline(c.deadline, c.extended_deadline)),
        extended: c.extended_deadline.is_some(),
        criteria: p.criteria.clone(),
        submitted: p.submitted,
        published: c.published,
        standing: standing_key(p.standing)
            .map(|k| locale.t(k))
            .unwrap_or_default(),
        reason: p.no_winner_reason.clone(),
        outcomes: p.outcomes.iter().map(outcome_line).collect(),
        catalogue: (c.published > 0).then(|| catalogue_link(year, c.kind, &c.name)),
    }
}

/// Every prize of the round, in its order.
pub fn prizes(locale: Locale, r: &RoundResults) -> Vec<PrizeView> {
    r.prizes
        .iter()
        .map(|p| prize_view(locale, r.round.year, p))
        .collect()
}

/// A round with its prizes, as a page shows it.
pub struct RoundBlock {
    pub year: i64,
    pub title: String,
    pub description: String,
    /// Where the round stands, in a sentence.
    pub standing: String,
    pub ceremony: Option<String>,
    pub prizes: Vec<PrizeView>,
}

impl RoundBlock {
    pub fn new(locale: Locale, r: &RoundResults) -> RoundBlock {
        RoundBlock {
            year: r.round.year,
            title: r.round.title.clone(),
            description: r.round.description.clone(),
            standing: locale.t(round_standing_key(r)),
            ceremony: ceremony(locale, r),
            prizes: prizes(locale, r),
        }
    }
}

/// The round's state in a sentence.
pub fn round_standing_key(r: &RoundResults) -> &'static str {
    if r.finished() {
        "rounds-round-finished"
    } else if r.accepting() {
        "rounds-round-accepting"
    } else {
        "rounds-round-judging"
    }
}

/// The ceremony in a line: «Bærumskonferansen, 20. januar 2020 kl. 14:00, Fjordvik
/// kulturhus»; `None` when the round names no time for it.
pub fn ceremony(locale: Locale, r: &RoundResults) -> Option<String> {
    let round = &r.round;
    let at = round.ceremony_at?;
    let parts = [
        round.ceremony_name.clone(),
        date_time(locale, at),
        round.ceremony_place.clone(),
    ];
    Some(
        parts
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

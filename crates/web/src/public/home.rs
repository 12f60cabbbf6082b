//! The front page: the call to apply («løp og søk!») — every prize that accepts
//! applications now, across all open rounds, soonest deadline first, each with its round,
//! criteria, prize sum and time left, and a clear way to start an application. Between
//! rounds: the last round's results (winners, nominees, honourable mentions, or why a prize
//! was not awarded) and what comes next (a round under way, or a sentence that the next
//! call is not announced yet). And the newest stories from «Tanketanken».

use super::round_view::RoundBlock;
use crate::error::WebError;
use crate::format::{date_time, kroner, time_left, time_left_changes_at};
use crate::layout::Shell;
use crate::middleware::page_cache::ChangesAt;
use crate::state::AppState;
use crate::story_teaser::StoryTeaser;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::State;
use prisverdig_domain::category::effective_deadline;
use prisverdig_service::home::PrizeCall;
use prisverdig_service::model::RoundSummary;
use time::OffsetDateTime;

pub struct CategoryCard {
    pub name: String,
    pub description: String,
    pub prize: String,
    pub deadline: String,
    pub extended: bool,
    pub time_left: Option<String>,
    pub criteria: Vec<String>,
    /// The round's title, when the page calls for more than one round.
    pub round_title: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/home.html")]
pub struct HomePage {
    shell: Shell,
    /// The one round that calls for applications (its title, description and ceremony);
    /// `None` when several open rounds call at once, or none does.
    round: Option<RoundSummary>,
    /// Several open rounds accept applications: the cards name their rounds.
    several_rounds: bool,
    ceremony: Option<String>,
    categories: Vec<CategoryCard>,
    /// At least one prize accepts applications now.
    accepting: bool,
    /// Between rounds: the last round whose results are out.
    results: Option<RoundBlock>,
    /// Between rounds: a round under way after it (`None`: the next call is not announced).
    coming: Option<RoundBlock>,
    /// The newest stories from «Tanketanken».
    stories: Vec<StoryTeaser>,
}

fn card(
    shell: &Shell,
    now: OffsetDateTime,
    p: PrizeCall,
    round_title: Option<String>,
) -> CategoryCard {
    let c = p.category;
    let deadline = effective_deadline(c.deadline, c.extended_deadline);
    CategoryCard {
        prize: kroner(shell.locale, c.prize_sum_kr),
        deadline: date_time(shell.locale, deadline),
        extended: c.extended_deadline.is_some(),
        time_left: p.accepting.then(|| time_left(shell.locale, deadline - now)),
        criteria: p.criteria,
        name: c.name,
        description: c.description,
        round_title,
    }
}

/// When the first «N dager igjen» of these calls changes: a cached page showing them must
/// not outlive its text (the front page and the widget).
pub(super) fn time_left_expiry(
    now: OffsetDateTime,
    live: &[prisverdig_service::home::LiveCall],
) -> Option<Extension<ChangesAt>> {
    live.iter()
        .map(|l| {
            let c = &l.prize.category;
            time_left_changes_at(now, effective_deadline(c.deadline, c.extended_deadline))
        })
        .min()
        .map(|at| Extension(ChangesAt(at)))
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
) -> Result<(Option<Extension<ChangesAt>>, HomePage), WebError> {
    let view = state.services.home().await?;
    let now = view.now;
    // «3 dager igjen» becomes «2 dager igjen»: the cached page must not outlive its text.
    // Every shown deadline counts; the cache also expires at each deadline itself
    // (`next_by_clock`), when a card leaves the page.
    let changes_at = time_left_expiry(now, &view.live);
    let results = view
        .results
        .as_ref()
        .map(|r| RoundBlock::new(shell.locale, r));
    let coming = view
        .coming
        .as_ref()
        .map(|r| RoundBlock::new(shell.locale, r));
    let (round, several_rounds, categories) = match view.live.first() {
        None => (None, false, Vec::new()),
        Some(first) => {
            let first = first.round.id;
            let several = view.live.iter().any(|l| l.round.id != first);
            let round = (!several).then(|| view.live[0].round.clone());
            let cards = view
                .live
                .into_iter()
                .map(|l| {
                    let title = several.then(|| l.round.title.clone());
                    card(&shell, now, l.prize, title)
                })
                .collect();
            (round, several, cards)
        }
    };
    let ceremony = round
        .as_ref()
        .and_then(|r| r.ceremony_at)
        .map(|at| date_time(shell.locale, at));
    let page = HomePage {
        stories: StoryTeaser::all(shell.locale, view.stories),
        accepting: !categories.is_empty(),
        shell,
        round,
        several_rounds,
        ceremony,
        categories,
        results,
        coming,
    };
    Ok((changes_at, page))
}

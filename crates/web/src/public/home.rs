//! The front page: the call to apply («løp og søk!») — the current round, each prize with
//! its criteria, prize sum and time left, and a clear way to start an application; and
//! the newest stories from «Tanketanken».

use crate::error::WebError;
use crate::format::{date_time, kroner, time_left, time_left_changes_at};
use crate::layout::Shell;
use crate::middleware::page_cache::ChangesAt;
use crate::router::AppState;
use crate::stories::StoryTeaser;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::State;
use prisverdig_domain::category::effective_deadline;
use prisverdig_service::home::PrizeCall;
use prisverdig_store::rounds::RoundSummary;
use time::OffsetDateTime;

pub struct CategoryCard {
    pub name: String,
    pub description: String,
    pub prize: String,
    pub deadline: String,
    pub extended: bool,
    pub time_left: Option<String>,
    pub criteria: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/home.html")]
pub struct HomePage {
    shell: Shell,
    round: Option<RoundSummary>,
    ceremony: Option<String>,
    categories: Vec<CategoryCard>,
    /// At least one prize accepts applications now.
    accepting: bool,
    /// The newest stories from «Tanketanken».
    stories: Vec<StoryTeaser>,
}

fn card(shell: &Shell, now: OffsetDateTime, p: PrizeCall) -> CategoryCard {
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
    }
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
) -> Result<(Option<Extension<ChangesAt>>, HomePage), WebError> {
    let view = state.services.home().await?;
    let (round, prizes) = match view.round {
        Some((round, prizes)) => (Some(round), prizes),
        None => (None, Vec::new()),
    };
    let accepting = prizes.iter().any(|p| p.accepting);
    let ceremony = round
        .as_ref()
        .and_then(|r| r.ceremony_at)
        .map(|at| date_time(shell.locale, at));
    // «3 dager igjen» becomes «2 dager igjen»: the cached page must not outlive its text.
    let changes_at = prizes
        .iter()
        .filter(|p| p.accepting)
        .map(|p| {
            let c = &p.category;
            time_left_changes_at(
                view.now,
                effective_deadline(c.deadline, c.extended_deadline),
            )
        })
        .min()
        .map(|at| Extension(ChangesAt(at)));
    let categories = prizes
        .into_iter()
        .map(|p| card(&shell, view.now, p))
        .collect();
    let page = HomePage {
        stories: StoryTeaser::all(shell.locale, view.stories),
        shell,
        round,
        ceremony,
        categories,
        accepting,
    };
    Ok((changes_at, page))
}

//! The front page: the current round and its prizes.

use crate::error::WebError;
use crate::format::{date_time, kroner};
use crate::layout::Shell;
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use prisverdig_domain::category::effective_deadline;
use prisverdig_store::rounds::{CategorySummary, RoundSummary};

pub struct CategoryCard {
    pub name: String,
    pub description: String,
    pub prize: String,
    pub deadline: String,
    pub extended: bool,
    pub criteria_count: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/home.html")]
pub struct HomePage {
    shell: Shell,
    round: Option<RoundSummary>,
    ceremony: Option<String>,
    categories: Vec<CategoryCard>,
}

fn card(shell: &Shell, c: CategorySummary) -> CategoryCard {
    CategoryCard {
        prize: kroner(shell.locale, c.prize_sum_kr),
        deadline: date_time(
            shell.locale,
            effective_deadline(c.deadline, c.extended_deadline),
        ),
        extended: c.extended_deadline.is_some(),
        criteria_count: c.criteria_count,
        name: c.name,
        description: c.description,
    }
}

pub async fn show(State(state): State<AppState>, shell: Shell) -> Result<HomePage, WebError> {
    let view = state.services.home().await?;
    let (round, categories) = match view.round {
        Some((round, categories)) => (Some(round), categories),
        None => (None, Vec::new()),
    };
    let ceremony = round
        .as_ref()
        .and_then(|r| r.ceremony_at)
        .map(|at| date_time(shell.locale, at));
    let categories = categories.into_iter().map(|c| card(&shell, c)).collect();
    Ok(HomePage {
        shell,
        round,
        ceremony,
        categories,
    })
}

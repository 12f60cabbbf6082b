//! The public round archive: `/rounds` lists every round that is not a draft (years without
//! applications too), `/rounds/{year}` shows one round's prizes in their order with criteria,
//! counts, the published winners, nominees and honourable mentions with the jury's
//! justifications, or why a prize was not awarded.

use super::round_view::{self, RoundBlock};
use crate::error::WebError;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use prisverdig_service::ServiceError;

/// A round in the list of all rounds.
pub struct RoundLine {
    pub year: i64,
    pub title: String,
    pub standing: String,
    pub prizes: usize,
    pub published: i64,
    pub winners: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/rounds.html")]
pub struct RoundsPage {
    shell: Shell,
    rounds: Vec<RoundLine>,
}

pub async fn list(State(state): State<AppState>, shell: Shell) -> Result<RoundsPage, WebError> {
    let rounds = state
        .services
        .public_rounds()
        .await?
        .iter()
        .map(|r| RoundLine {
            year: r.round.year,
            title: r.round.title.clone(),
            standing: shell.t(round_view::round_standing_key(r)),
            prizes: r.prizes.len(),
            published: r.published(),
            winners: r.winners(),
        })
        .collect();
    Ok(RoundsPage { shell, rounds })
}

#[derive(Template, WebTemplate)]
#[template(path = "public/round.html")]
pub struct RoundPage {
    shell: Shell,
    round: RoundBlock,
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(year): Path<String>,
) -> Result<RoundPage, WebError> {
    // Anything but a year is a round that does not exist.
    let year: i64 = year.parse().map_err(|_| ServiceError::NotFound)?;
    let r = state.services.public_round(year).await?;
    Ok(RoundPage {
        round: RoundBlock::new(shell.locale, &r),
        shell,
    })
}

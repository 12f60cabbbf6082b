//! The hall of fame: winners and honourable mentions by year and prize (in the order the
//! round lists its prizes), once published; each year links to its round in the archive.

use crate::error::WebError;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use prisverdig_domain::outcome::Outcome;
use prisverdig_service::model::Published;

/// One year's published outcomes, grouped by prize in the round's order.
pub struct Year {
    pub year: i64,
    pub prizes: Vec<(String, Vec<Published>)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/hall_of_fame.html")]
pub struct HallOfFamePage {
    shell: Shell,
    years: Vec<Year>,
}

impl HallOfFamePage {
    pub fn outcome_key(&self, kind: &Outcome) -> &'static str {
        crate::format::badge_key(*kind)
    }
}

fn group(published: Vec<Published>) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    let mut sorted = published;
    sorted.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then(a.category_position.cmp(&b.category_position))
            .then(a.category_name.cmp(&b.category_name))
            .then(a.category_id.cmp(&b.category_id))
            .then(a.kind.rank().cmp(&b.kind.rank()))
    });
    for p in sorted {
        if years.last().is_none_or(|y| y.year != p.year) {
            years.push(Year {
                year: p.year,
                prizes: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        match year.prizes.last_mut() {
            Some((_, list)) if list[0].category_id == p.category_id => list.push(p),
            _ => year.prizes.push((p.category_name.clone(), vec![p])),
        }
    }
    years
}

pub async fn show(State(state): State<AppState>, shell: Shell) -> Result<HallOfFamePage, WebError> {
    let published = state.services.published_results(10_000).await?;
    let honoured = published
        .into_iter()
        .filter(|p| p.kind.is_awarded())
        .collect();
    Ok(HallOfFamePage {
        shell,
        years: group(honoured),
    })
}

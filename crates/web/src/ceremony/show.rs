//! The show: every slide in the page from the start (`static/ceremony.js` shows one at a
//! time), the winners of a prize not yet revealed kept in a `<template>` until the reveal.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_service::ceremony::{ShowEntry, ShowPrize};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// The rehearsal: the whole show, publishing nothing.
    #[serde(default)]
    rehearsal: bool,
}

/// One application on a slide.
pub struct Entry {
    title: String,
    unit: String,
    summary: String,
    image: Option<Uuid>,
    image_alt: String,
    justification: String,
    /// The people behind it, as its public page names them.
    team: String,
}

fn entry(e: &ShowEntry) -> Entry {
    Entry {
        title: e.card.title.clone(),
        unit: e.card.unit_snapshot.0.join(" › "),
        summary: e.card.summary.clone(),
        image: e.card.thumbnail,
        image_alt: e.card.thumbnail_alt.clone().unwrap_or_default(),
        justification: e.justification.clone(),
        team: e.team.join(", "),
    }
}

pub enum SlideKind {
    Title,
    Nominees(usize),
    Reveal(usize),
    Mentions(usize),
    End,
}

pub struct Slide {
    id: String,
    label: String,
    kind: SlideKind,
}

pub struct Prize {
    id: Uuid,
    name: String,
    description: String,
    revealed: bool,
    ready: bool,
    nominees: Vec<Entry>,
    winners: Vec<Entry>,
    mentions: Vec<Entry>,
    no_winner_reason: String,
}

fn prize(p: &ShowPrize) -> Prize {
    Prize {
        id: p.category.id,
        name: p.category.name.clone(),
        description: p.category.description.clone(),
        revealed: p.revealed,
        ready: p.ready,
        nominees: p.nominees.iter().map(entry).collect(),
        winners: p.winners.iter().map(entry).collect(),
        mentions: p.mentions.iter().map(entry).collect(),
        no_winner_reason: p.no_winner_reason.clone(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "ceremony/show.html")]
pub struct CeremonyPage {
    shell: Shell,
    round_id: Uuid,
    title: String,
    ceremony: String,
    rehearsal: bool,
    prizes: Vec<Prize>,
    slides: Vec<Slide>,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(round): Path<Uuid>,
    Query(query): Query<ShowQuery>,
) -> Result<CeremonyPage, WebError> {
    let show = state.services.ceremony(&user, round).await?;
    let prizes: Vec<Prize> = show.prizes.iter().map(prize).collect();
    let mut kinds = vec![SlideKind::Title];
    for (i, p) in prizes.iter().enumerate() {
        kinds.push(SlideKind::Nominees(i));
        kinds.push(SlideKind::Reveal(i));
        if !p.mentions.is_empty() {
            kinds.push(SlideKind::Mentions(i));
        }
    }
    kinds.push(SlideKind::End);
    let total = kinds.len() as i64;
    let slides = kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            let n = i as i64 + 1;
            Slide {
                id: format!("slide-{n}"),
                label: shell.locale.t_args(
                    "ceremony-slide",
                    &[
                        ("n", FluentValue::from(n)),
                        ("total", FluentValue::from(total)),
                    ],
                ),
                kind,
            }
        })
        .collect();
    let ceremony = [
        show.round.ceremony_name.clone(),
        show.round.ceremony_place.clone(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    Ok(CeremonyPage {
        shell,
        round_id: round,
        title: show.round.title.clone(),
        ceremony,
        rehearsal: query.rehearsal,
        prizes,
        slides,
    })
}

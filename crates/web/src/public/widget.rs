//! The intranet widget (issue 15): the prizes that accept applications now, each with its
//! (extended) deadline and the time left, or a sentence that no call is open; the newest
//! published winners, nominees and honourable mentions; a link to the catalogue. Served as a
//! small page of its own (`/widget`, the one page that may be framed: see
//! `middleware::headers`) and as a fragment for intranets that include HTML on their server
//! (`/widget.html`). Links are absolute and open in the whole window, out of the frame.
//!
//! The language is the visitor's, as on every page, or `?lang=nb|nn|en`: a frame on another
//! site may carry no cookie of ours.

use crate::error::WebError;
use crate::format::{badge_key, date_time, time_left};
use crate::i18n::Locale;
use crate::layout::Shell;
use crate::middleware::page_cache::ChangesAt;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Query, State};
use prisverdig_domain::category::effective_deadline;
use prisverdig_service::widget::WidgetView;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Params {
    lang: Option<String>,
}

/// A prize that accepts applications now.
pub struct Call {
    pub prize: String,
    pub round: String,
    pub deadline: String,
    pub extended: bool,
    pub left: String,
}

/// A published outcome.
pub struct Outcome {
    pub href: String,
    pub title: String,
    pub outcome: String,
    pub kind: &'static str,
    pub prize: String,
    pub year: i64,
}

/// What both forms of the widget show.
pub struct Content {
    pub calls: Vec<Call>,
    pub results: Vec<Outcome>,
    /// The public address of this installation (no trailing slash).
    pub base: String,
    /// The widget's own heading level, and its sections' one below it.
    pub top: &'static str,
    pub section: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/widget.html")]
pub struct WidgetPage {
    shell: Shell,
    content: Content,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/widget_fragment.html")]
pub struct WidgetFragment {
    shell: Shell,
    content: Content,
}

impl Content {
    fn new(locale: Locale, base: &str, view: WidgetView, top: &'static str) -> Content {
        let now = view.now;
        let calls = view
            .live
            .into_iter()
            .map(|l| {
                let c = l.prize.category;
                let deadline = effective_deadline(c.deadline, c.extended_deadline);
                Call {
                    prize: c.name,
                    round: l.round.title,
                    deadline: date_time(locale, deadline),
                    extended: c.extended_deadline.is_some(),
                    left: time_left(locale, deadline - now),
                }
            })
            .collect();
        let results = view
            .results
            .into_iter()
            .map(|p| Outcome {
                href: format!("{base}/applications/{}", p.application_id),
                title: p.title,
                outcome: locale.t(badge_key(p.kind)),
                kind: p.kind.as_str(),
                prize: p.category_name,
                year: p.year,
            })
            .collect();
        let section = if top == "h1" { "h2" } else { "h3" };
        Content {
            calls,
            results,
            base: base.to_string(),
            top,
            section,
        }
    }
}

/// The widget's content in the visitor's (or the asked) language, and when its «time left»
/// next changes, for the page cache.
async fn content(
    state: &AppState,
    shell: &mut Shell,
    params: Params,
    top: &'static str,
) -> Result<(Content, Option<Extension<ChangesAt>>), WebError> {
    if let Some(locale) = params.lang.as_deref().and_then(Locale::parse) {
        shell.locale = locale;
    }
    let view = state.services.widget(state.settings.widget.results).await?;
    let now = view.now;
    let changes_at = super::home::time_left_expiry(now, &view.live);
    let base = state.settings.public_url.trim_end_matches('/');
    Ok((Content::new(shell.locale, base, view, top), changes_at))
}

/// `/widget`: the page for an iframe.
pub async fn page(
    State(state): State<AppState>,
    mut shell: Shell,
    Query(params): Query<Params>,
) -> Result<(Option<Extension<ChangesAt>>, WidgetPage), WebError> {
    let (content, changes_at) = content(&state, &mut shell, params, "h1").await?;
    Ok((changes_at, WidgetPage { shell, content }))
}

/// `/widget.html`: the same content as a fragment of HTML, to be included by another server.
pub async fn fragment(
    State(state): State<AppState>,
    mut shell: Shell,
    Query(params): Query<Params>,
) -> Result<(Option<Extension<ChangesAt>>, WidgetFragment), WebError> {
    let (content, changes_at) = content(&state, &mut shell, params, "h2").await?;
    Ok((changes_at, WidgetFragment { shell, content }))
}

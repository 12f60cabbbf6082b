//! Atom feeds: new applications, published results, and stories from «Tanketanken». Titles and summaries are the
//! applicants' own text; the feed's own words are translated (Bokmål: feeds have no
//! visitor's language to negotiate reliably).
//!
//! RFC 4287: every id and link is absolute, from the configured `public_url`, so a feed's id
//! names its installation; the organisation is the feed's author; an entry's id names its
//! kind as well as its subject, so an application's entry in the applications feed and its
//! outcome's entry in the results feed never share an id.

use crate::error::WebError;
use crate::i18n::Locale;
use crate::state::AppState;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const FEED_SIZE: i64 = 50;

fn when(at: OffsetDateTime) -> FixedDateTime {
    at.format(&Rfc3339)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}

fn link(href: String) -> Link {
    Link {
        href,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }
}

/// The installation's public address without a trailing slash, to make links absolute.
fn base(state: &AppState) -> &str {
    state.settings.public_url.trim_end_matches('/')
}

/// An application's entry: `id` names the entry (unique across the feeds), the link its page.
fn entry(id: String, page: String, title: String, summary: String, at: OffsetDateTime) -> Entry {
    Entry {
        id,
        title: Text::plain(title),
        summary: Some(Text::plain(summary)),
        updated: when(at),
        links: vec![link(page)],
        ..Entry::default()
    }
}

/// A story: its lead as the summary, the page as the link.
fn story_entry(base: &str, s: prisverdig_service::model::StoryRow) -> Entry {
    let published = s.published_at.unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let page = format!("{base}/stories/{}", s.id);
    Entry {
        id: page.clone(),
        title: Text::plain(s.title),
        summary: Some(Text::plain(s.lead)),
        updated: when(s.updated_at.unwrap_or(published).max(published)),
        published: Some(when(published)),
        authors: vec![atom_syndication::Person {
            name: s.author_name,
            ..atom_syndication::Person::default()
        }],
        links: vec![link(page)],
        ..Entry::default()
    }
}

async fn feed(state: &AppState, id: &str, title: String, entries: Vec<Entry>) -> Response {
    let fallback = state.services.clock.now();
    let address = format!("{}/feeds/{id}.atom", base(state));
    let updated = entries
        .first()
        .map_or_else(|| when(fallback), |e| e.updated);
    let feed = Feed {
        id: address.clone(),
        title: Text::plain(title),
        updated,
        entries,
        authors: vec![atom_syndication::Person {
            name: state.organisation_name().await.to_string(),
            ..atom_syndication::Person::default()
        }],
        links: vec![Link {
            href: address,
            rel: "self".into(),
            ..Link::default()
        }],
        ..Feed::default()
    };
    (
        [(CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response()
}

pub async fn applications(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let cards = state.services.newest(FEED_SIZE).await?;
    let base = base(&state);
    let entries = cards
        .into_iter()
        .map(|c| {
            let at = c.submitted_at.unwrap_or(OffsetDateTime::UNIX_EPOCH);
            let page = format!("{base}/applications/{}", c.id);
            entry(page.clone(), page, c.title, c.summary, at)
        })
        .collect();
    let title = format!(
        "{} – {}",
        state.organisation_name().await,
        Locale::Nb.t("feed-applications")
    );
    Ok(feed(&state, "applications", title, entries).await)
}

pub async fn results(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let published = state.services.published_results(FEED_SIZE).await?;
    let locale = Locale::Nb;
    let base = base(&state);
    let entries = published
        .into_iter()
        .map(|p| {
            let outcome = locale.t(crate::format::badge_key(p.kind));
            let title = format!("{outcome}: {} ({} {})", p.title, p.category_name, p.year);
            let page = format!("{base}/applications/{}", p.application_id);
            // One entry per outcome: a nomination and a later win are two events.
            let id = format!("{page}#outcome-{}", p.kind.as_str());
            entry(id, page, title, p.justification, p.published_at)
        })
        .collect();
    let title = format!(
        "{} – {}",
        state.organisation_name().await,
        locale.t("feed-results")
    );
    Ok(feed(&state, "results", title, entries).await)
}

pub async fn stories(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let page = state.services.public_stories(1, FEED_SIZE).await?;
    let base = base(&state);
    let entries = page
        .stories
        .into_iter()
        .map(|s| story_entry(base, s))
        .collect();
    let title = format!(
        "{} – {}",
        state.organisation_name().await,
        Locale::Nb.t("feed-stories")
    );
    Ok(feed(&state, "stories", title, entries).await)
}

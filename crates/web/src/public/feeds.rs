//! Atom feeds: new applications, published results, and stories from «Tanketanken». Titles and summaries are the
//! applicants' own text; the feed's own words are translated (Bokmål: feeds have no
//! visitor's language to negotiate reliably).

use crate::error::WebError;
use crate::i18n::Locale;
use crate::state::AppState;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
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

fn entry(id: uuid::Uuid, title: String, summary: String, at: OffsetDateTime) -> Entry {
    Entry {
        id: format!("urn:uuid:{id}"),
        title: Text::plain(title),
        summary: Some(Text::plain(summary)),
        updated: when(at),
        links: vec![link(format!("/applications/{id}"))],
        ..Entry::default()
    }
}

/// A story: its lead as the summary, the page as the link.
fn story_entry(s: prisverdig_service::model::StoryRow) -> Entry {
    let published = s.published_at.unwrap_or(OffsetDateTime::UNIX_EPOCH);
    Entry {
        id: format!("urn:uuid:{}", s.id),
        title: Text::plain(s.title),
        summary: Some(Text::plain(s.lead)),
        updated: when(s.updated_at.unwrap_or(published).max(published)),
        published: Some(when(published)),
        authors: vec![atom_syndication::Person {
            name: s.author_name,
            ..atom_syndication::Person::default()
        }],
        links: vec![link(format!("/stories/{}", s.id))],
        ..Entry::default()
    }
}

fn feed(
    id: &str,
    title: String,
    entries: Vec<Entry>,
    fallback: OffsetDateTime,
) -> impl IntoResponse {
    let updated = entries
        .first()
        .map_or_else(|| when(fallback), |e| e.updated);
    let feed = Feed {
        id: format!("urn:prisverdig:{id}"),
        title: Text::plain(title),
        updated,
        entries,
        links: vec![Link {
            href: format!("/feeds/{id}.atom"),
            rel: "self".into(),
            ..Link::default()
        }],
        ..Feed::default()
    };
    (
        [(CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
}

pub async fn applications(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let cards = state.services.newest(FEED_SIZE).await?;
    let entries = cards
        .into_iter()
        .map(|c| {
            let at = c.submitted_at.unwrap_or(OffsetDateTime::UNIX_EPOCH);
            entry(c.id, c.title, c.summary, at)
        })
        .collect();
    let title = format!(
        "{} – {}",
        state.organisation_name().await,
        Locale::Nb.t("feed-applications")
    );
    Ok(feed(
        "applications",
        title,
        entries,
        state.services.clock.now(),
    ))
}

pub async fn results(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let published = state.services.published_results(FEED_SIZE).await?;
    let locale = Locale::Nb;
    let entries = published
        .into_iter()
        .map(|p| {
            let outcome = locale.t(crate::format::badge_key(p.kind));
            let title = format!("{outcome}: {} ({} {})", p.title, p.category_name, p.year);
            entry(p.application_id, title, p.justification, p.published_at)
        })
        .collect();
    let title = format!(
        "{} – {}",
        state.organisation_name().await,
        locale.t("feed-results")
    );
    Ok(feed("results", title, entries, state.services.clock.now()))
}

pub async fn stories(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let page = state.services.public_stories(1, FEED_SIZE).await?;
    let entries = page.stories.into_iter().map(story_entry).collect();
    let title = format!(
        "{} – {}",
        state.organisation_name().await,
        Locale::Nb.t("feed-stories")
    );
    Ok(feed("stories", title, entries, state.services.clock.now()))
}

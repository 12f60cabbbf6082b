//! `GET /events/results`: server-sent events for open public pages. An event `results` goes
//! out whenever nominees or results become public (a reveal at the ceremony, a publication
//! minute passing; `service/src/live.rs` watches), and the page's `static/live.js` reloads,
//! so a result shows everywhere within a second. A page without JavaScript shows it on
//! reload (the page cache is emptied by the same change).

use crate::state::AppState;
use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

pub async fn results(State(state): State<AppState>) -> Response {
    // Only changes from now on: the page on screen was rendered with what is public now.
    let updates =
        WatchStream::from_changes(state.services.result_updates()).map(|(nominees, results)| {
            Ok::<_, Infallible>(
                Event::default()
                    .event("results")
                    .data(format!("{nominees} {results}")),
            )
        });
    let mut response = Sse::new(updates)
        .keep_alive(KeepAlive::default())
        .into_response();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, "no-store".parse().expect("a valid header"));
    response
}

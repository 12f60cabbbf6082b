//! Pages everyone can see, the tip form every signed-in user can reach, and the pages the
//! e-mails' own links open (unsubscribe, «ble det varig?»).

mod accessibility;
mod application;
mod catalogue;
mod events;
mod family;
mod feeds;
mod follow_up;
mod hall_of_fame;
mod home;
mod language;
mod reactions;
mod round_view;
mod rounds;
mod tips;
mod unsubscribe;
mod widget;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/language", post(language::switch))
        .route("/catalogue", get(catalogue::show))
        .route("/hall-of-fame", get(hall_of_fame::show))
        .route("/rounds", get(rounds::list))
        .route("/rounds/{year}", get(rounds::show))
        .route("/feeds/applications.atom", get(feeds::applications))
        .route("/feeds/results.atom", get(feeds::results))
        .route("/feeds/stories.atom", get(feeds::stories))
        .route("/events/results", get(events::results))
        .route("/accessibility", get(accessibility::show))
        .route("/widget", get(widget::page))
        .route("/widget.html", get(widget::fragment))
        .route("/applications/{id}", get(application::show))
        .route("/applications/{id}/family", get(family::show))
        .route("/applications/{id}/cheer", post(reactions::cheer))
        .route("/applications/{id}/vote", post(reactions::vote))
        .route("/applications/{id}/adopt", post(reactions::adopt))
        .route("/applications/{id}/endorse", post(reactions::endorse))
        .route(
            "/applications/{id}/endorse/remove",
            post(reactions::withdraw_endorsement),
        )
        .route("/tips/new", get(tips::form).post(tips::submit))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe::show).post(unsubscribe::choose),
        )
        .route(
            "/follow-up/{token}",
            get(follow_up::show).post(follow_up::answer),
        )
}

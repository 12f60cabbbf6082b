//! The jury's discussion of an application, on the review page: the posts (author, Oslo
//! time, the text as plain text, escaped), the form to post, and the fragment the page polls
//! (htmx) for the posts it has not shown yet. Without JavaScript the page shows the thread
//! as it was when it was loaded, and posting reloads it at the thread.

use super::review;
use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::date_time;
use crate::forms::form_errors;
use crate::i18n::Locale;
use crate::labels;
use crate::layout::Shell;
use crate::respond::{see_other, unprocessable};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use prisverdig_service::model::PostRow;
use serde::Deserialize;
use uuid::Uuid;

/// How often a page asks for new posts.
const POLL_EVERY: &str = "every 5s";
/// htmx stops polling on this status (the sign-in ended: the page keeps what it shows).
const STOP_POLLING: u16 = 286;

/// One post as shown.
pub struct PostView {
    pub id: Uuid,
    pub author: String,
    /// In Oslo time, in the visitor's language.
    pub when: String,
    /// For `<time datetime>`.
    pub datetime: String,
    pub body: String,
}

/// The thread: its posts and the address that polls for the ones after the last.
pub struct DiscussionView {
    pub posts: Vec<PostView>,
    pub poll: String,
    pub trigger: &'static str,
}

fn post_view(locale: Locale, p: PostRow) -> PostView {
    PostView {
        id: p.id,
        author: labels::person_name(locale, p.author_name),
        when: date_time(locale, p.created_at),
        datetime: p
            .created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        body: p.body,
    }
}

/// The posts of `application` as shown, polling after `last` (the last post the page has
/// shown, or before) when there are none now.
pub(super) fn view(
    locale: Locale,
    application: Uuid,
    posts: Vec<PostRow>,
    last: Option<Uuid>,
) -> DiscussionView {
    let last = posts.last().map(|p| p.id).or(last);
    let poll = match last {
        Some(after) => format!("/jury/applications/{application}/discussion?after={after}"),
        None => format!("/jury/applications/{application}/discussion"),
    };
    DiscussionView {
        posts: posts.into_iter().map(|p| post_view(locale, p)).collect(),
        poll,
        trigger: POLL_EVERY,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "jury/discussion_fragment.html")]
pub struct Fragment {
    discussion: DiscussionView,
}

#[derive(Deserialize)]
pub struct PollQuery {
    #[serde(default)]
    after: Option<String>,
}

/// The posts after `?after=` (all of them without it), with the element that polls next:
/// the part of the review page htmx swaps in. To anyone who does not take part in the
/// discussion the application does not exist (404).
pub async fn fragment(
    State(state): State<AppState>,
    shell: Shell,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Query(q): Query<PollQuery>,
) -> Result<Response, WebError> {
    let Some(user) = shell.user.clone() else {
        if headers.contains_key("hx-request") {
            let stop = StatusCode::from_u16(STOP_POLLING).unwrap_or(StatusCode::NO_CONTENT);
            return Ok(stop.into_response());
        }
        let next = form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &format!("/jury/applications/{id}"))
            .finish();
        return Ok(Redirect::to(&format!("/sign-in?{next}")).into_response());
    };
    let after = q
        .after
        .as_deref()
        .and_then(|a| Uuid::parse_str(a.trim()).ok());
    let posts = state.services.jury_discussion(&user, id, after).await?;
    let discussion = view(shell.locale, id, posts, after);
    Ok(Fragment { discussion }.into_response())
}

#[derive(Deserialize)]
pub struct PostForm {
    #[serde(default)]
    post: String,
}

/// Posts to the discussion: 303 back to the thread, or the review page again (422) with
/// the message at the field and the text kept.
pub async fn post(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
    Form(form): Form<PostForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .post_to_jury_discussion(&user, id, &form.post)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/jury/applications/{id}#discussion"))),
        Err(e) => {
            let errors = form_errors(shell.locale, e)?;
            let page = state.services.review_page(&user, id).await?;
            Ok(unprocessable(review::with_refused_post(
                shell, page, errors, form.post,
            )))
        }
    }
}

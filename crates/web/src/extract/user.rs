//! The signed-in user, read from the session on each request, and the one place where a
//! sign-in starts and ends: the session records when it began and when it was last used, and
//! [`SessionPolicy`] decides on each request whether it still holds (sliding idle expiry, an
//! absolute limit).

use crate::error::WebError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use prisverdig_domain::session::{SessionPolicy, Verdict};
use prisverdig_domain::sign_in::{Assurance, session_suffices};
use prisverdig_service::model::User;
use tower_sessions::Session;
use uuid::Uuid;

pub use prisverdig_service::operations::SESSION_USER_KEY as USER_KEY;
/// Unix seconds when the user signed in (the absolute limit counts from here).
const SIGNED_IN_AT: &str = "signed_in_at";
/// Unix seconds of the last recorded activity (the idle expiry counts from here).
const SEEN_AT: &str = "seen_at";
/// How the sign-in was confirmed ([`Assurance`]); the account's roles are held to it on
/// every request.
const ASSURANCE: &str = "assurance";

/// Session expiry is wall-clock time by nature (tower-sessions sets the cookie's and the
/// store's expiry from the system clock), so the policy reads the same clock.
#[allow(clippy::disallowed_methods)]
fn wall_clock() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Signs `user` in on this session: a fresh session id (no fixation), the times the
/// policy counts from, and how the sign-in was confirmed.
pub async fn start_session(
    session: &Session,
    user: Uuid,
    assurance: Assurance,
) -> Result<(), WebError> {
    session.cycle_id().await?;
    let now = wall_clock();
    session.insert(USER_KEY, user).await?;
    session.insert(ASSURANCE, assurance).await?;
    session.insert(SIGNED_IN_AT, now).await?;
    session.insert(SEEN_AT, now).await?;
    Ok(())
}

/// Whether this session signed in recently enough for an act that cannot be undone
/// ([`SessionPolicy::recent`]).
pub async fn signed_in_recently(
    session: &Session,
    policy: &SessionPolicy,
) -> Result<bool, WebError> {
    let at = session.get::<i64>(SIGNED_IN_AT).await?;
    Ok(at.is_some_and(|at| policy.is_recent(at, wall_clock())))
}

/// The signed-in user's id if the sign-in still holds; an ended sign-in is removed.
async fn current_user_id(
    session: &Session,
    policy: &SessionPolicy,
) -> Result<Option<Uuid>, WebError> {
    let Some(id) = session.get::<Uuid>(USER_KEY).await? else {
        return Ok(None);
    };
    let now = wall_clock();
    // A session from before these times were recorded starts counting now.
    let signed_in_at = match session.get::<i64>(SIGNED_IN_AT).await? {
        Some(at) => at,
        None => {
            session.insert(SIGNED_IN_AT, now).await?;
            now
        }
    };
    let seen_at = session.get::<i64>(SEEN_AT).await?.unwrap_or(0);
    match policy.verdict(signed_in_at, seen_at.max(signed_in_at), now) {
        Verdict::Valid => Ok(Some(id)),
        Verdict::Touch => {
            // Modifying the session makes the layer save it with a new idle expiry.
            session.insert(SEEN_AT, now).await?;
            Ok(Some(id))
        }
        Verdict::Ended => {
            session.flush().await?;
            Ok(None)
        }
    }
}

/// `Some(user)` when someone is signed in (and still active), and the way they signed in
/// still suffices for the roles they hold now: a session confirmed by a password alone ends
/// when the account is given a role that needs a second factor.
pub struct MaybeUser(pub Option<User>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let Some(session) = parts.extensions.get::<Session>().cloned() else {
            return Ok(MaybeUser(None));
        };
        let Some(id) = current_user_id(&session, &state.settings.sessions).await? else {
            return Ok(MaybeUser(None));
        };
        let Some(user) = state.services.user(id).await? else {
            return Ok(MaybeUser(None));
        };
        let assurance = session.get::<Assurance>(ASSURANCE).await?;
        if !session_suffices(&user.roles, assurance) {
            session.flush().await?;
            return Ok(MaybeUser(None));
        }
        Ok(MaybeUser(Some(user)))
    }
}

/// A signed-in user; anyone else is sent to the sign-in page and brought back after.
pub struct SignedIn(pub User);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        match MaybeUser::from_request_parts(parts, state).await {
            Ok(MaybeUser(Some(user))) => Ok(SignedIn(user)),
            Ok(MaybeUser(None)) if parts.headers.contains_key(crate::respond::AUTOSAVE_HEADER) => {
                // A script saving in the background cannot follow a redirect to a form: it
                // is told that the sign-in ended, and keeps the text until it can save.
                let locale = crate::extract::locale::locale_of(&parts.headers);
                let body = serde_json::json!({
                    "status": "signed-out",
                    "message": locale.t("apply-autosave-signed-out"),
                    "problems": [],
                });
                Err((axum::http::StatusCode::UNAUTHORIZED, axum::Json(body)).into_response())
            }
            Ok(MaybeUser(None)) => {
                let here = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                let query = form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", here)
                    .finish();
                Err(axum::response::Redirect::to(&format!("/sign-in?{query}")).into_response())
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

/// A signed-in user for whom `allowed` holds; anyone else signed in gets 403.
async fn signed_in_with(
    parts: &mut Parts,
    state: &AppState,
    allowed: fn(&User) -> bool,
) -> Result<User, axum::response::Response> {
    use axum::response::IntoResponse;
    let SignedIn(user) = SignedIn::from_request_parts(parts, state).await?;
    if allowed(&user) {
        Ok(user)
    } else {
        Err(WebError::Forbidden.into_response())
    }
}

/// A signed-in administrator; a signed-in user without the role gets 403.
pub struct Administrator(pub User);

impl FromRequestParts<AppState> for Administrator {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        signed_in_with(parts, state, |u| {
            u.has(prisverdig_domain::role::Role::Administrator)
        })
        .await
        .map(Administrator)
    }
}

/// A signed-in user who may write stories (an editor or an administrator); a signed-in
/// user without either role gets 403.
pub struct StoryWriter(pub User);

impl FromRequestParts<AppState> for StoryWriter {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        signed_in_with(parts, state, |u| {
            prisverdig_domain::story::may_write(&u.roles)
        })
        .await
        .map(StoryWriter)
    }
}

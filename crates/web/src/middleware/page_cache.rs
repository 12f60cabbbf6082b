//! Rendered public pages, kept in memory for anonymous visitors (ADR 0009).
//!
//! A page is stored with the public-data version it was rendered under and the next instant
//! at which public data changes by the clock alone (a deadline passing). It is served again
//! only while both still hold, so a change — a submission, a published result, a cheer —
//! makes every stored page stale at the moment it is committed; nothing stale or
//! unpublished is ever served. Signed-in visitors always get a fresh page (theirs shows
//! their name and their own buttons).
//!
//! Pages embed the visitor's CSRF token in their forms (the language switcher); a stored page
//! holds a per-process placeholder instead, replaced with each visitor's token on the way out.

use crate::extract::locale::locale_of;
use crate::extract::user::USER_KEY;
use crate::middleware::csrf::CsrfToken;
use crate::state::AppState;
use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prisverdig_service::public_changes::PublicScope;
use rand::RngCore;
use std::sync::Arc;
use time::OffsetDateTime;
use tower_sessions::Session;

/// How much rendered output the cache holds at most: about 400 catalogue pages. It was
/// 16 MiB; issue 16's resident-memory budget (150 MiB at 100 000 applications) needed the
/// other half more than the cache did, whose hits are the front and first catalogue pages.
const CAPACITY_BYTES: u64 = 8 * 1024 * 1024;
/// Pages larger than this are not stored.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// Tells tests and operators whether a response came from the cache.
pub const HEADER: &str = "x-page-cache";

/// Set on a response whose content changes by the clock at this instant (the front page's
/// «3 dager igjen»); the stored page is not served from then on.
#[derive(Debug, Clone, Copy)]
pub struct ChangesAt(pub OffsetDateTime);

/// The stored pages of this process.
pub struct PageCache {
    pages: quick_cache::sync::Cache<String, Arc<Page>, Weight>,
    /// Stands in for the visitor's CSRF token in stored pages; random per process, so no
    /// text a user writes can contain it.
    placeholder: String,
}

pub struct Page {
    version: (u64, u64),
    valid_until: Option<OffsetDateTime>,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The body cut at each placeholder.
    pieces: Vec<Bytes>,
}

#[derive(Clone)]
pub struct Weight;

impl quick_cache::Weighter<String, Arc<Page>> for Weight {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        let body: usize = page.pieces.iter().map(Bytes::len).sum();
        (key.len() + body + 256) as u64
    }
}

impl Default for PageCache {
    fn default() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let placeholder = crate::middleware::csrf::hex(&bytes);
        Self {
            pages: quick_cache::sync::Cache::with_weighter(4096, CAPACITY_BYTES, Weight),
            placeholder,
        }
    }
}

/// The public pages that anonymous visitors share: a list of exact shapes, so that a page
/// added under a public prefix (an editor's `/stories/new`) is never shared by accident.
fn is_public_path(path: &str) -> bool {
    const EXACT: [&str; 14] = [
        "/",
        "/catalogue",
        "/hall-of-fame",
        "/rounds",
        "/accessibility",
        "/stories",
        "/api/v1/applications",
        "/api/openapi.json",
        "/feeds/applications.atom",
        "/feeds/results.atom",
        "/feeds/stories.atom",
        // The intranet widget; its `?lang=` is part of the key, as every query is.
        "/widget",
        "/widget.html",
        // The public statistics; each year range (its query) is a page of its own.
        "/statistics",
    ];
    if EXACT.contains(&path) {
        return true;
    }
    let one_segment = |rest: &str| !rest.is_empty() && !rest.contains('/');
    if let Some(rest) = path.strip_prefix("/api/v1/applications/") {
        return one_segment(rest);
    }
    if let Some(rest) = path.strip_prefix("/rounds/") {
        return one_segment(rest);
    }
    // A published story, not the editor's pages beside it.
    if let Some(rest) = path.strip_prefix("/stories/") {
        const EDITOR: [&str; 3] = ["new", "drafts", "link-candidates"];
        return one_segment(rest) && !EDITOR.contains(&rest);
    }
    // The innovation's page and its family, not the applicant's own pages under it.
    path.strip_prefix("/applications/")
        .map(|rest| rest.strip_suffix("/family").unwrap_or(rest))
        .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok())
}

/// What a public page shows of public data ([`PublicScope`]): cheer counts are on the
/// catalogue's cards, in the API, and on the cheered application's own page; a page named
/// here shows none of them, so a cheer leaves it current. A page not named counts as showing
/// everything.
fn scope_of(path: &str) -> PublicScope {
    const NO_CHEER_COUNTS: [&str; 12] = [
        "/",
        "/hall-of-fame",
        "/rounds",
        "/accessibility",
        "/stories",
        "/api/openapi.json",
        "/feeds/applications.atom",
        "/feeds/results.atom",
        "/feeds/stories.atom",
        "/widget",
        "/widget.html",
        "/statistics",
    ];
    if NO_CHEER_COUNTS.contains(&path) {
        return PublicScope::AllButCheers;
    }
    if let Some(rest) = path.strip_prefix("/applications/") {
        if let Some(id) = rest.strip_suffix("/family") {
            return match uuid::Uuid::parse_str(id) {
                Ok(_) => PublicScope::AllButCheers,
                Err(_) => PublicScope::All,
            };
        }
        if let Ok(id) = uuid::Uuid::parse_str(rest) {
            return PublicScope::Application(id);
        }
    }
    if let Some(id) = path
        .strip_prefix("/api/v1/applications/")
        .and_then(|rest| uuid::Uuid::parse_str(rest).ok())
    {
        return PublicScope::Application(id);
    }
    let one_segment = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    if one_segment("/rounds/") || one_segment("/stories/") {
        return PublicScope::AllButCheers;
    }
    PublicScope::All
}

/// Whether the handlers will see a signed-in user: decided from the session the cookie
/// layer parsed (the same one the handlers read), never from the raw header text.
async fn signed_in(session: Option<Session>) -> bool {
    match session {
        None => false,
        // A session that cannot be read is treated as signed in: nothing is stored.
        Some(session) => !matches!(session.get::<uuid::Uuid>(USER_KEY).await, Ok(None)),
    }
}

fn key_of(request: &Request) -> Option<String> {
    if request.method() != Method::GET || !is_public_path(request.uri().path()) {
        return None;
    }
    let locale = locale_of(request.headers());
    // htmx asks for fragments of some pages; they are other responses than the full page.
    let fragment = request.headers().contains_key("hx-request");
    let target = request.uri().path_and_query()?.as_str();
    Some(format!("{}|{}|{target}", locale.tag(), u8::from(fragment)))
}

impl PageCache {
    fn fresh(&self, key: &str, version: (u64, u64), now: OffsetDateTime) -> Option<Arc<Page>> {
        let page = self.pages.get(key)?;
        let current = page.version == version && page.valid_until.is_none_or(|until| now < until);
        current.then_some(page)
    }

    fn respond(&self, page: &Page, token: &str, hit: bool) -> Response {
        let body = match page.pieces.as_slice() {
            [only] => Body::from(only.clone()),
            pieces => {
                let len = pieces.iter().map(Bytes::len).sum::<usize>() + token.len() * pieces.len();
                let mut joined = Vec::with_capacity(len);
                for (i, piece) in pieces.iter().enumerate() {
                    if i > 0 {
                        joined.extend_from_slice(token.as_bytes());
                    }
                    joined.extend_from_slice(piece);
                }
                Body::from(joined)
            }
        };
        let mut response = Response::new(body);
        let headers = response.headers_mut();
        for (name, value) in &page.headers {
            headers.append(name.clone(), value.clone());
        }
        let state = HeaderValue::from_static(if hit { "hit" } else { "miss" });
        headers.insert(HEADER, state);
        response
    }

    /// Cuts a rendered body at each placeholder.
    fn pieces(&self, body: &Bytes) -> Vec<Bytes> {
        let needle = self.placeholder.as_bytes();
        let mut pieces = Vec::new();
        let mut start = 0;
        for at in memchr::memmem::find_iter(body, needle) {
            pieces.push(body.slice(start..at));
            start = at + needle.len();
        }
        pieces.push(body.slice(start..));
        pieces
    }
}

fn storable(response: &Response) -> bool {
    let no_store = response
        .headers()
        .get(CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store") || v.contains("private"));
    // Only bodies of known, modest size (pages, feeds, JSON), never a large file or a stream.
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|len| len <= MAX_PAGE_BYTES as u64);
    response.status() == StatusCode::OK
        && small
        && !no_store
        && !response.headers().contains_key(SET_COOKIE)
}

pub async fn serve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    if signed_in(request.extensions().get::<Session>().cloned()).await {
        return next.run(request).await;
    }
    let cache = &state.page_cache;
    let token = request
        .extensions()
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default();
    // Read before rendering: a change committed while the page renders leaves it stale.
    let version = state
        .services
        .public_version_of(scope_of(request.uri().path()));
    let now = state.services.clock.now();
    if let Some(page) = cache.fresh(&key, version, now) {
        return cache.respond(&page, &token, true);
    }
    let valid_until = match state.services.public_valid_until().await {
        Ok(until) => until,
        Err(_) => return next.run(request).await,
    };
    request
        .extensions_mut()
        .insert(CsrfToken(cache.placeholder.clone()));
    let response = next.run(request).await;
    if !storable(&response) {
        return response;
    }
    let valid_until = match (valid_until, response.extensions().get::<ChangesAt>()) {
        (Some(a), Some(b)) => Some(a.min(b.0)),
        (a, b) => a.or(b.map(|b| b.0)),
    };
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = Page {
        version,
        valid_until,
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect(),
        pieces: cache.pieces(&bytes),
    };
    let response = cache.respond(&page, &token, false);
    cache.pages.insert(key, Arc::new(page));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_pages_are_shared() {
        let id = uuid::Uuid::new_v4();
        assert!(is_public_path("/"));
        assert!(is_public_path("/catalogue"));
        assert!(is_public_path("/widget"));
        assert!(is_public_path("/widget.html"));
        assert!(is_public_path("/statistics"));
        assert!(!is_public_path("/admin/statistics"));
        assert!(is_public_path(&format!("/applications/{id}")));
        assert!(is_public_path(&format!("/applications/{id}/family")));
        assert!(!is_public_path(&format!("/applications/{id}/edit")));
        assert!(!is_public_path("/applications/new"));
        assert!(!is_public_path("/my-applications"));
        assert!(!is_public_path("/admin/rounds"));
        assert!(!is_public_path("/sign-in"));
    }

    #[test]
    fn editor_pages_under_stories_are_never_shared() {
        assert!(is_public_path("/stories"));
        assert!(is_public_path("/stories/en-god-historie"));
        for editor in [
            "/stories/new",
            "/stories/drafts",
            "/stories/link-candidates",
            "/stories/en-god-historie/edit",
            "/stories/en-god-historie/publish",
            "/storiesX",
        ] {
            assert!(!is_public_path(editor), "{editor}");
        }
    }

    #[test]
    fn the_placeholder_is_replaced_by_each_visitors_token() {
        let cache = PageCache::default();
        let body = Bytes::from(format!(
            "<input value=\"{0}\"><input value=\"{0}\">",
            cache.placeholder
        ));
        let page = Page {
            version: (0, 0),
            valid_until: None,
            headers: Vec::new(),
            pieces: cache.pieces(&body),
        };
        assert_eq!(page.pieces.len(), 3);
        let response = cache.respond(&page, "abc", true);
        let text = futures_body(response);
        assert_eq!(text, "<input value=\"abc\"><input value=\"abc\">");
    }

    #[test]
    fn large_bodies_are_passed_through_not_stored() {
        assert!(storable(&Response::new(Body::from("<p>side</p>"))));
        let large = Response::new(Body::from(vec![0u8; MAX_PAGE_BYTES + 1]));
        assert!(!storable(&large));
        let mut private = Response::new(Body::from("<p>min side</p>"));
        private
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("private"));
        assert!(!storable(&private));
    }

    #[test]
    fn a_page_is_fresh_only_under_its_version_and_before_its_deadline() {
        let cache = PageCache::default();
        let noon = OffsetDateTime::from_unix_timestamp(1_893_499_200).unwrap();
        let page = Page {
            version: (7, 2),
            valid_until: Some(noon),
            headers: Vec::new(),
            pieces: vec![Bytes::from_static(b"x")],
        };
        cache.pages.insert("k".into(), Arc::new(page));
        let before = noon - time::Duration::seconds(1);
        assert!(cache.fresh("k", (7, 2), before).is_some());
        assert!(cache.fresh("k", (8, 2), before).is_none());
        assert!(
            cache.fresh("k", (7, 3), before).is_none(),
            "the application was cheered"
        );
        assert!(cache.fresh("k", (7, 2), noon).is_none());
    }

    #[test]
    fn only_pages_without_cheer_counts_outlive_a_cheer() {
        let id = uuid::Uuid::from_u128(5);
        for (path, scope) in [
            ("/catalogue", PublicScope::All),
            ("/api/v1/applications", PublicScope::All),
            ("/something-new", PublicScope::All),
            (
                &*format!("/applications/{id}"),
                PublicScope::Application(id),
            ),
            (
                &*format!("/api/v1/applications/{id}"),
                PublicScope::Application(id),
            ),
            (
                &*format!("/applications/{id}/family"),
                PublicScope::AllButCheers,
            ),
            ("/applications/not-an-id", PublicScope::All),
            ("/", PublicScope::AllButCheers),
            ("/rounds/2019", PublicScope::AllButCheers),
            ("/stories/abc", PublicScope::AllButCheers),
            ("/stories/abc/def", PublicScope::All),
        ] {
            assert_eq!(scope_of(path), scope, "{path}");
        }
    }

    fn futures_body(response: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt
            .block_on(to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}

//! The cache of public pages: shared by anonymous visitors, never stale, never private.

use crate::catalogue::{setup, submitted};
use crate::fixtures::{DEADLINE, PASSWORD, applicant, open_round, user_row};
use crate::harness::{TestApp, hidden_value, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::Visibility;

const HEADER: &str = "x-page-cache";

/// An anonymous visit: the page and whether it came from the cache.
async fn visit(client: &reqwest::Client, app: &TestApp, path: &str) -> (String, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let cached = res
        .headers()
        .get(HEADER)
        .map_or("none", |v| v.to_str().unwrap())
        .to_string();
    (cached, res.text().await.unwrap())
}

on_both_backends! {
    async fn a_public_page_is_served_again_until_its_data_changes(app) {
        let round = setup(app).await;
        let first = submitted(app, &round, CategoryKind::Innovation, "Sensorstyrt renhold", None).await;
        let visitor = new_client();
        let (state, page) = visit(&visitor, app, "/catalogue").await;
        assert_eq!(state, "miss");
        assert!(page.contains(&format!("/applications/{first}")));
        let (state, again) = visit(&visitor, app, "/catalogue").await;
        assert_eq!(state, "hit");
        assert_eq!(page, again, "the same page for the same visitor");

        // A submission changes the catalogue: the next visit renders it anew.
        let second = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let (state, page) = visit(&visitor, app, "/catalogue").await;
        assert_eq!(state, "miss");
        assert!(page.contains(&format!("/applications/{second}")), "the new application is listed at once");

        // So does a cheer on the innovation's page (its count is public).
        let path = format!("/applications/{first}");
        visit(&visitor, app, &path).await;
        assert_eq!(visit(&visitor, app, &path).await.0, "hit");
        let user = user_row(app, "kari@fjordvik.example").await;
        app.services.toggle_cheer(&user, first).await.unwrap();
        let (state, _) = visit(&visitor, app, &path).await;
        assert_eq!(state, "miss");

        // A withdrawal removes it from every cached view.
        let v = app.services.editable(&user, second).await.unwrap().application.version;
        app.services.withdraw_application(&user, second, v).await.unwrap();
        let (_, page) = visit(&visitor, app, "/catalogue").await;
        assert!(!page.contains(&format!("/applications/{second}")));
    }

    async fn a_cheer_makes_stale_only_the_pages_that_show_its_count(app) {
        let round = setup(app).await;
        let cheered = submitted(app, &round, CategoryKind::Innovation, "Sensorstyrt renhold", None).await;
        let other = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let visitor = new_client();
        let showing = [
            "/catalogue".to_string(),
            format!("/applications/{cheered}"),
            format!("/api/v1/applications/{cheered}"),
            "/api/v1/applications".to_string(),
        ];
        let not_showing = [
            "/".to_string(),
            format!("/applications/{other}"),
            format!("/api/v1/applications/{other}"),
            format!("/applications/{cheered}/family"),
            "/feeds/applications.atom".to_string(),
        ];
        // The server's poll has seen the counter after the submissions (as `serve` does each
        // second).
        app.services.check_public_changes().await.unwrap();
        for path in showing.iter().chain(&not_showing) {
            visit(&visitor, app, path).await;
            assert_eq!(visit(&visitor, app, path).await.0, "hit", "{path}");
        }
        let user = user_row(app, "kari@fjordvik.example").await;
        app.services.toggle_cheer(&user, cheered).await.unwrap();
        // This process polls the counter too: its own cheer is not another process's change.
        app.services.check_public_changes().await.unwrap();
        for path in &showing {
            let (state, page) = visit(&visitor, app, path).await;
            assert_eq!(state, "miss", "{path} shows the count");
            if path.starts_with("/applications/") {
                assert!(page.contains("Heiarop: <span class=\"count\">1</span>"), "{path}");
            }
        }
        let api: serde_json::Value = new_client().get(app.url(&format!("/api/v1/applications/{cheered}"))).send().await.unwrap().json().await.unwrap();
        assert_eq!(api["cheers"], 1);
        for path in &not_showing {
            assert_eq!(visit(&visitor, app, path).await.0, "hit", "{path} shows no count and stays stored");
        }
        // Any other change (here a submission) makes every stored page stale.
        submitted(app, &round, CategoryKind::Innovation, "Tredje idé", None).await;
        for path in showing.iter().chain(&not_showing) {
            assert_eq!(visit(&visitor, app, path).await.0, "miss", "{path}");
        }
        // A cheer taken back is a cheer too: the count goes down at once.
        let path = format!("/applications/{cheered}");
        visit(&visitor, app, &path).await;
        app.services.toggle_cheer(&user, cheered).await.unwrap();
        let (state, page) = visit(&visitor, app, &path).await;
        assert_eq!(state, "miss");
        assert!(page.contains("Heiarop: <span class=\"count\">0</span>"));
    }

    async fn each_visitor_gets_their_own_token_from_a_cached_page(app) {
        setup(app).await;
        let (one, two) = (new_client(), new_client());
        let (_, page_one) = visit(&one, app, "/catalogue").await;
        let (state, page_two) = visit(&two, app, "/catalogue").await;
        assert_eq!(state, "hit");
        let (a, b) = (hidden_value(&page_one, "_csrf").unwrap(), hidden_value(&page_two, "_csrf").unwrap());
        assert_ne!(a, b, "a stored page carries no visitor's token");
        // The token works: the language switcher accepts it.
        let res = two.post(app.url("/language"))
            .form(&[("lang", "en"), ("back", "/catalogue"), ("_csrf", b.as_str())])
            .send().await.unwrap();
        assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
        // A language of its own: the English page is not the Bokmål one.
        // The switcher names every language on every page, so look at the page's own text.
        let (_, english) = visit(&two, app, "/catalogue").await;
        assert!(english.contains("<h1 class=\"ds-heading\" data-size=\"lg\">All applications</h1>"), "{english}");
        let (_, bokmal) = visit(&one, app, "/catalogue").await;
        assert!(bokmal.contains("<h1 class=\"ds-heading\" data-size=\"lg\">Alle søknader</h1>"), "the first visitor still reads Bokmål");
        assert!(!bokmal.contains("All applications"));
    }

    async fn signed_in_visitors_always_get_their_own_page(app) {
        setup(app).await;
        visit(&new_client(), app, "/catalogue").await;
        app.sign_in("kari@fjordvik.example", PASSWORD).await;
        for _ in 0..2 {
            let res = app.get("/catalogue").await;
            assert!(res.headers().get(HEADER).is_none(), "never from the shared cache");
            assert!(res.text().await.unwrap().contains("Kari Nordmann"), "their name in the header");
        }
    }

    async fn a_deadline_passing_makes_cached_pages_stale(app) {
        let round = open_round(app, Visibility::AfterDeadline).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        let id = submitted(app, &round, CategoryKind::Innovation, "Sensorstyrt renhold", None).await;
        let visitor = new_client();
        visit(&visitor, app, "/catalogue").await;
        let (state, page) = visit(&visitor, app, "/catalogue").await;
        assert_eq!(state, "hit");
        assert!(!page.contains(&format!("/applications/{id}")), "hidden until the deadline");
        let (_, front) = visit(&visitor, app, "/").await;
        let invitation = "<a class=\"ds-button\" href=\"/apply\">";
        assert!(front.contains(invitation), "the front page invites applications before the deadline");
        app.clock.set(DEADLINE);
        let (state, page) = visit(&visitor, app, "/catalogue").await;
        assert_eq!(state, "miss", "nobody wrote, but the clock passed the deadline");
        assert!(page.contains(&format!("/applications/{id}")));
        let (_, front_after) = visit(&visitor, app, "/").await;
        assert!(!front_after.contains(invitation), "the front page no longer invites applications");
    }

    async fn the_front_pages_time_left_is_never_older_than_its_text(app) {
        open_round(app, Visibility::OnSubmit).await;
        let visitor = new_client();
        app.clock.set(DEADLINE - time::Duration::days(3) - time::Duration::hours(2));
        let (_, before) = visit(&visitor, app, "/").await;
        assert!(before.contains("3 dager igjen"), "{before}");
        app.clock.set(DEADLINE - time::Duration::days(3) + time::Duration::minutes(1));
        let (state, after) = visit(&visitor, app, "/").await;
        assert_eq!(state, "miss");
        assert!(after.contains("2 dager igjen"));
    }

    async fn another_processs_change_reaches_this_processs_cache(app) {
        let round = setup(app).await;
        let (_, other) = app.second_process().await;
        let visitor = new_client();
        visit(&visitor, app, "/catalogue").await;
        assert_eq!(visit(&visitor, app, "/catalogue").await.0, "hit");
        // The other process writes; this one learns of it from the shared counter.
        let user = user_row(app, "kari@fjordvik.example").await;
        app.services.check_public_changes().await.unwrap();
        other.start_application(&user, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        assert!(!app.services.check_public_changes().await.unwrap(), "a draft is not public");
        let first = submitted(app, &round, CategoryKind::Innovation, "Sensorstyrt renhold", None).await;
        app.services.check_public_changes().await.unwrap();
        let path = format!("/applications/{first}");
        visit(&visitor, app, &path).await;
        assert_eq!(visit(&visitor, app, &path).await.0, "hit");
        let before = app.services.public_version();
        other.toggle_cheer(&user, first).await.unwrap();
        assert!(app.services.check_public_changes().await.unwrap());
        assert!(app.services.public_version() > before);
        assert_eq!(visit(&visitor, app, &path).await.0, "miss");
    }

    async fn a_session_cookie_spelled_differently_still_counts_as_signed_in(app) {
        setup(app).await;
        // Signed in by hand, to read the session cookie's value.
        let res = app.sign_in("kari@fjordvik.example", PASSWORD).await;
        let cookie = res.headers().get_all("set-cookie").iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("prisverdig_session="))
            .map(|v| v.split(';').next().unwrap().to_string())
            .expect("a session cookie");
        // The cookie layer decodes percent-encoded names: this is Kari's session to the
        // handlers, so her page must never be stored for everyone.
        let plain = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        for _ in 0..2 {
            let res = plain.get(app.url("/catalogue"))
                .header("cookie", format!("prisverdig%5Fsession={cookie}"))
                .send().await.unwrap();
            assert!(res.headers().get(HEADER).is_none(), "a signed-in page bypasses the cache");
            assert!(res.text().await.unwrap().contains("Kari Nordmann"), "the handler saw her session");
        }
        let (_, page) = visit(&new_client(), app, "/catalogue").await;
        assert!(!page.contains("Kari Nordmann"), "an anonymous visitor never gets her page");
    }
}

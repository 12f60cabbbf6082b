//! The web shell: health, metrics, translated error pages, language, security headers.

use crate::harness::TestApp;
use crate::on_both_backends;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A GET sent byte for byte as written, without the client normalising the path first.
async fn raw_get(app: &TestApp, path: &str) -> (u16, String) {
    let host = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

on_both_backends! {
    async fn healthz_answers_while_the_database_does(app) {
        let ok = app.get("/healthz").await;
        assert_eq!(ok.status(), 200);
        app.services.db().close().await;
        assert_eq!(app.get("/healthz").await.status(), 503);
    }

    async fn a_database_failure_shows_a_translated_500_without_details(app) {
        app.services.db().close().await;
        let res = app.client.get(app.url("/")).header("accept-language", "en").send().await.unwrap();
        assert_eq!(res.status(), 500);
        let body = res.text().await.unwrap();
        assert!(body.contains("Something went wrong on our side"), "{body}");
        assert!(body.contains("<html lang=\"en\""));
        for leak in ["sqlx", "pool", "panicked", "src/", "closed"] {
            assert!(!body.to_lowercase().contains(leak), "500 page leaks {leak:?}");
        }
    }

    async fn metrics_count_requests_by_route_and_status(app) {
        app.get("/healthz").await;
        app.get("/no/such/page").await;
        // Closed to anyone without the token.
        assert_eq!(app.get("/metrics").await.status(), 401);
        let wrong = reqwest::Client::new().get(app.url("/metrics")).bearer_auth("metrics-token-for-tesTS").send().await.unwrap();
        assert_eq!(wrong.status(), 401);
        let text = app.metrics().await;
        assert!(text.contains("http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"), "{text}");
        assert!(text.contains("status=\"404\""), "{text}");
        assert!(text.contains("http_request_duration_seconds_bucket"), "{text}");
        assert!(text.contains("db_pool_connections"), "{text}");
    }

    async fn unknown_pages_get_a_translated_404(app) {
        let nb = app.get("/finnes-ikke").await;
        assert_eq!(nb.status(), 404);
        assert!(nb.text().await.unwrap().contains("Fant ikke siden"));
        let en = app.client.get(app.url("/nope")).header("accept-language", "en-GB,en;q=0.8").send().await.unwrap();
        let body = en.text().await.unwrap();
        assert!(body.contains("Page not found") && body.contains("lang=\"en\""));
        let nn = app.client.get(app.url("/nope")).header("accept-language", "nn-NO").send().await.unwrap();
        assert!(nn.text().await.unwrap().contains("Fann ikkje sida"));
    }

    async fn the_layout_has_landmarks_skip_link_and_one_h1(app) {
        let body = app.get("/").await.text().await.unwrap();
        assert!(body.contains("<html lang=\"nb\""));
        assert!(body.contains("href=\"#main\""));
        assert!(body.contains("<main id=\"main\""));
        assert!(body.contains("<nav") && body.contains("<header") && body.contains("<footer"));
        assert_eq!(body.matches("<h1").count(), 1);
    }

    async fn the_language_switcher_remembers_the_choice(app) {
        let res = app.post_form("/", "/language", &[("lang", "en"), ("back", "/sign-in")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/sign-in");
        let body = app.get("/sign-in").await.text().await.unwrap();
        assert!(body.contains("<html lang=\"en\"") && body.contains("E-mail address"));
        let res = app.post_form("/", "/language", &[("lang", "nn"), ("back", "https://evil.example/")]).await;
        assert_eq!(res.headers()["location"], "/", "an outside return address is ignored");
        assert!(app.get("/").await.text().await.unwrap().contains("Hopp til hovudinnhaldet"));
    }

    async fn a_signed_in_users_language_follows_them_to_another_browser(app) {
        let input = prisverdig_service::users::AddUser { email: "nina@fjordvik.example", name: "Nina", roles: &[prisverdig_domain::role::Role::Applicant], password: "korrekt hest batteri" };
        app.services.add_user(input).await.unwrap();
        app.sign_in("nina@fjordvik.example", "korrekt hest batteri").await;
        app.post_form("/", "/language", &[("lang", "nn"), ("back", "/")]).await;
        let other = crate::harness::TestApp::client_for(app, "nina@fjordvik.example").await;
        let page = other.get(app.url("/")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<html lang=\"nn\""), "the saved choice wins over the browser's language");
    }

    async fn responses_carry_security_headers_and_no_inline_script(app) {
        let res = app.get("/").await;
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let body = res.text().await.unwrap();
        assert!(!body.contains("<script>"), "inline script found");
    }

    async fn vendored_assets_are_served_from_the_binary(app) {
        let css = app.get("/static/vendor/designsystemet.css").await;
        assert_eq!(css.status(), 200);
        assert!(css.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
        assert!(css.text().await.unwrap().contains(".ds-button"));
        // reqwest (like a browser) would resolve the dots before sending; a raw request does not.
        let (status, _) = raw_get(app, "/static/app.css").await;
        assert_eq!(status, 200, "the raw client reaches the assets");
        for path in ["/static/../Cargo.toml", "/static/../../../Cargo.toml", "/static/..%2F..%2F..%2FCargo.toml", "/static/vendor/../../src/lib.rs"] {
            let (status, body) = raw_get(app, path).await;
            assert_eq!(status, 404, "{path}");
            assert!(!body.contains("[package]") && !body.contains("[workspace]") && !body.contains("pub mod"), "{path} served a file");
        }
        let icon = app.get("/favicon.ico").await;
        assert_eq!(icon.status(), 200, "browsers ask for /favicon.ico");
        assert_eq!(icon.headers()["content-type"], "image/svg+xml");
        let js = app.get("/static/app.js").await;
        assert!(js.text().await.unwrap().contains(".ds-error-summary"), "the summary takes focus");
    }

    async fn the_accessibility_statement_is_linked_from_every_page(app) {
        assert!(app.get("/").await.text().await.unwrap().contains("href=\"/accessibility\""));
        let nb = app.get("/accessibility").await;
        assert_eq!(nb.status(), 200);
        let body = nb.text().await.unwrap();
        assert!(body.contains("Tilgjengelighetserklæring") && body.contains("WCAG 2.1"));
        assert!(body.contains("uutilsynet"), "names the supervisory authority");
        assert!(body.contains("[virksomhetens e-postadresse]"), "a placeholder without contact_email");
        let en = app.client.get(app.url("/accessibility")).header("accept-language", "en").send().await.unwrap();
        assert!(en.text().await.unwrap().contains("Accessibility statement"));
    }
}

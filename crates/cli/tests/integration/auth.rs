//! Local sign-in: passwords, sessions, cookies, CSRF and the attempt limit.

use crate::harness::new_client;
use crate::on_both_backends;
use prisverdig_domain::role::Role;
use prisverdig_service::users::AddUser;

const PASSWORD: &str = "korrekt hest batteri";

async fn add_kari(app: &crate::harness::TestApp) {
    let input = AddUser {
        email: "Kari@Fjordvik.example",
        name: "Kari Nordmann",
        roles: &[Role::Applicant],
        password: PASSWORD,
    };
    app.services.add_user(input).await.unwrap();
}

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("prisverdig_session="))
        .map(str::to_string)
}

on_both_backends! {
    async fn signing_in_and_out(app) {
        add_kari(app).await;
        let res = app.sign_in("kari@fjordvik.example", PASSWORD).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/");
        let cookie = session_cookie(&res).expect("session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain http must not set Secure");
        assert!(res.headers().get("strict-transport-security").is_none(), "no HSTS over plain http");
        let home = app.get("/").await.text().await.unwrap();
        assert!(home.contains("Kari Nordmann") && home.contains("/sign-out"));

        let res = app.post_form("/", "/sign-out", &[]).await;
        assert_eq!(res.status(), 303);
        let home = app.get("/").await.text().await.unwrap();
        assert!(!home.contains("Kari Nordmann"));
    }

    async fn signing_in_rotates_the_session_id_and_signing_out_revokes_it(app) {
        add_kari(app).await;
        let first = session_cookie(&app.sign_in("kari@fjordvik.example", PASSWORD).await).unwrap();
        let second = session_cookie(&app.sign_in("kari@fjordvik.example", PASSWORD).await).unwrap();
        let (old_id, new_id) = (first.split(';').next().unwrap(), second.split(';').next().unwrap());
        assert_ne!(old_id, new_id, "a new sign-in gets a new session id");
        let other = new_client();
        let page = |id: String| {
            let other = other.clone();
            let url = app.url("/");
            async move { other.get(url).header("cookie", id).send().await.unwrap().text().await.unwrap() }
        };
        assert!(!page(old_id.to_string()).await.contains("Kari Nordmann"), "the old id is dead");
        assert!(page(new_id.to_string()).await.contains("Kari Nordmann"), "the new id works");
        app.post_form("/", "/sign-out", &[]).await;
        assert!(!page(new_id.to_string()).await.contains("Kari Nordmann"), "signed out everywhere");
    }

    async fn wrong_password_shows_a_translated_message_at_the_field(app) {
        add_kari(app).await;
        let token = app.csrf_from("/sign-in").await;
        let res = app.client.post(app.url("/sign-in"))
            .header("accept-language", "en")
            .form(&[("email", "kari@fjordvik.example"), ("password", "not the password"), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Wrong e-mail address or password."));
        assert!(body.contains("aria-describedby=\"password-error\""));
        assert!(body.contains("id=\"error-summary\""));
        assert!(body.contains("value=\"kari@fjordvik.example\""), "the typed e-mail is kept");
    }

    async fn empty_fields_are_reported_each_at_its_field(app) {
        let res = app.post_form("/sign-in", "/sign-in", &[("email", ""), ("password", "")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"email-error\"") && body.contains("id=\"password-error\""));
        assert_eq!(body.matches("Fyll ut dette feltet.").count(), 4, "summary and field, twice");
    }

    async fn unknown_address_and_wrong_password_look_the_same(app) {
        add_kari(app).await;
        let a = app.sign_in("nobody@fjordvik.example", PASSWORD).await;
        let b = app.sign_in("kari@fjordvik.example", "wrong password!!").await;
        assert_eq!(a.status(), b.status());
        assert!(a.text().await.unwrap().contains("Feil e-postadresse eller passord."));
    }

    async fn repeated_failures_are_rate_limited(app) {
        add_kari(app).await;
        let mut statuses = Vec::new();
        for _ in 0..12 {
            statuses.push(app.sign_in("kari@fjordvik.example", "guess guess guess").await.status().as_u16());
        }
        assert_eq!(statuses.iter().filter(|s| **s == 422).count(), 10, "{statuses:?}");
        assert_eq!(statuses.last(), Some(&429));
        let res = app.sign_in("kari@fjordvik.example", PASSWORD).await;
        assert_eq!(res.status(), 429, "even the right password waits");
        // The window passes: the account may try again.
        app.clock.set(app.services.clock.now() + time::Duration::minutes(16));
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
    }

    async fn the_eleventh_wrong_attempt_is_refused_even_through_two_processes(app) {
        add_kari(app).await;
        let (second, _services) = app.second_process().await;
        let other = new_client();
        for i in 0..10 {
            let res = if i % 2 == 0 {
                attempt(&app.base, &app.client, "kari@fjordvik.example", "guess guess guess", None).await
            } else {
                attempt(&second, &other, "kari@fjordvik.example", "guess guess guess", None).await
            };
            assert_eq!(res.status(), 422, "attempt {}", i + 1);
        }
        let eleventh = attempt(&second, &other, "kari@fjordvik.example", "guess guess guess", None).await;
        assert_eq!(eleventh.status(), 429, "the second process knows the first one's failures");
        let right = attempt(&app.base, &new_client(), "kari@fjordvik.example", PASSWORD, None).await;
        assert_eq!(right.status(), 429, "nor does the right password get in, in either process");
        let right = attempt(&second, &new_client(), "kari@fjordvik.example", PASSWORD, None).await;
        assert_eq!(right.status(), 429);
    }

    async fn a_success_clears_the_accounts_failures(app) {
        add_kari(app).await;
        for _ in 0..9 {
            assert_eq!(app.sign_in("kari@fjordvik.example", "guess guess guess").await.status(), 422);
        }
        assert_eq!(app.sign_in("kari@fjordvik.example", PASSWORD).await.status(), 303);
        for i in 0..10 {
            let res = app.sign_in("kari@fjordvik.example", "guess guess guess").await;
            assert_eq!(res.status(), 422, "counted from zero again: attempt {}", i + 1);
        }
        assert_eq!(app.sign_in("kari@fjordvik.example", "guess guess guess").await.status(), 429);
    }

    async fn the_limit_is_told_at_the_field_in_each_language(app) {
        add_kari(app).await;
        for _ in 0..10 {
            app.sign_in("kari@fjordvik.example", "guess guess guess").await;
        }
        for (lang, text) in [
            ("en", "Too many failed attempts. Wait a quarter of an hour and try again."),
            ("nn", "For mange mislukka forsøk. Vent eit kvarter og prøv igjen."),
            ("nb", "For mange mislykkede forsøk. Vent et kvarter og prøv igjen."),
        ] {
            let token = app.csrf_from("/sign-in").await;
            let res = app.client.post(app.url("/sign-in"))
                .header("accept-language", lang)
                .form(&[("email", "kari@fjordvik.example"), ("password", PASSWORD), ("_csrf", &token)])
                .send().await.unwrap();
            assert_eq!(res.status(), 429);
            let body = res.text().await.unwrap();
            assert!(body.contains(&format!("id=\"email-error\">{text}</p>")), "{lang}: {body}");
            assert!(body.contains("aria-describedby=\"email-error\""), "{lang}");
            assert!(body.contains("id=\"error-summary\""), "{lang}");
        }
    }

    async fn a_forwarded_address_from_an_untrusted_peer_is_ignored(app) {
        add_kari(app).await;
        // This app trusts no proxy: whatever the header says, every attempt comes from the
        // test's own address (`another_address_is_limited_separately` trusts it as a proxy).
        for i in 0..10 {
            let email = format!("nobody{i}@fjordvik.example");
            let res = attempt(&app.base, &new_client(), &email, PASSWORD, Some(&format!("198.51.100.{i}"))).await;
            assert_eq!(res.status(), 422);
        }
        let rows = limit_rows(app).await;
        assert_eq!(rows, 11, "ten accounts and one address (127.0.0.1), whatever the header said");
    }

}

on_both_backends! {
    options = crate::harness::Options {
        trusted_proxies: "127.0.0.1",
        sign_in_limits: prisverdig_domain::sign_in::SignInLimits { per_address: 5, ..Default::default() },
        ..Default::default()
    };

    async fn another_address_is_limited_separately(app) {
        add_kari(app).await;
        let a = Some("198.51.100.7");
        for i in 0..5 {
            let email = format!("nobody{i}@fjordvik.example");
            assert_eq!(attempt(&app.base, &new_client(), &email, "guess guess guess", a).await.status(), 422);
        }
        let from_a = attempt(&app.base, &new_client(), "kari@fjordvik.example", PASSWORD, a).await;
        assert_eq!(from_a.status(), 429, "the address has failed five times, on five accounts");
        let from_b = attempt(&app.base, &new_client(), "kari@fjordvik.example", PASSWORD, Some("203.0.113.9")).await;
        assert_eq!(from_b.status(), 303, "another address (and kari's account) is not limited");
        // A client behind the proxy cannot escape by writing its own header first.
        let forged = attempt(&app.base, &new_client(), "kari@fjordvik.example", PASSWORD, Some("203.0.113.9, 198.51.100.7")).await;
        assert_eq!(forged.status(), 429, "the proxy's entry is the one believed");
    }

    async fn the_limit_table_does_not_grow_without_bound(app) {
        for i in 0..6 {
            let email = format!("nobody{i}@fjordvik.example");
            let from = format!("198.51.100.{i}");
            attempt(&app.base, &new_client(), &email, "guess guess guess", Some(&from)).await;
        }
        assert_eq!(limit_rows(app).await, 12, "one row per account and per address");
        let start = app.services.clock.now();
        app.clock.set(start + time::Duration::minutes(16));
        // A failure after the window overwrites the old row instead of adding one.
        attempt(&app.base, &new_client(), "nobody0@fjordvik.example", "guess guess guess", Some("198.51.100.0")).await;
        assert_eq!(limit_rows(app).await, 12);
        let failures: Vec<i64> = prisverdig_store::on_pool!(app.services.db(), |pool| {
            sqlx::query_scalar("SELECT failures FROM sign_in_limit WHERE window_start > $1")
                .bind(start).fetch_all(pool).await
        }).unwrap();
        assert_eq!(failures, [1, 1], "the new window starts from one failure");
        assert_eq!(app.services.prune_sign_in_limits().await.unwrap(), 10, "the passed windows go");
        assert_eq!(limit_rows(app).await, 2, "only the current window is kept");
    }
}

on_both_backends! {
    options = crate::harness::Options { password_checks: 0, ..Default::default() };

    async fn a_busy_process_asks_to_try_again_shortly_and_counts_nothing(app) {
        add_kari(app).await;
        let token = app.csrf_from("/sign-in").await;
        let res = app.client.post(app.url("/sign-in"))
            .header("accept-language", "en")
            .form(&[("email", "kari@fjordvik.example"), ("password", PASSWORD), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(res.status(), 503, "no password check is queued beyond the bound");
        assert_eq!(res.headers()["retry-after"], "2");
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"email-error\">Many people are signing in right now. Try again in a few seconds.</p>"), "{body}");
        assert_eq!(limit_rows(app).await, 0, "an attempt not checked is not a failure");
    }
}

/// Posts the sign-in form to the server at `base` with `client`, from the address a proxy
/// names in `X-Forwarded-For` (when given).
async fn attempt(
    base: &str,
    client: &reqwest::Client,
    email: &str,
    password: &str,
    forwarded: Option<&str>,
) -> reqwest::Response {
    let page = client
        .get(format!("{base}/sign-in"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::harness::hidden_value(&page, "_csrf").unwrap();
    let mut request = client.post(format!("{base}/sign-in")).form(&[
        ("email", email),
        ("password", password),
        ("_csrf", &token),
    ]);
    if let Some(from) = forwarded {
        request = request.header("x-forwarded-for", from);
    }
    request.send().await.unwrap()
}

async fn limit_rows(app: &crate::harness::TestApp) -> i64 {
    prisverdig_store::sign_in_limits::count(app.services.db())
        .await
        .unwrap()
}

on_both_backends! {

    async fn state_changing_requests_need_the_csrf_token(app) {
        add_kari(app).await;
        app.get("/sign-in").await; // receives the token cookie
        let form = [("email", "kari@fjordvik.example"), ("password", PASSWORD)];
        let missing = app.client.post(app.url("/sign-in")).form(&form).send().await.unwrap();
        assert_eq!(missing.status(), 403);
        let wrong = app.client.post(app.url("/sign-in"))
            .form(&[("email", "kari@fjordvik.example"), ("password", PASSWORD), ("_csrf", &"0".repeat(64))])
            .send().await.unwrap();
        assert_eq!(wrong.status(), 403);
        assert!(wrong.text().await.unwrap().contains("Ingen tilgang"));
        let token = app.csrf_from("/sign-in").await;
        let cross = app.client.post(app.url("/sign-in"))
            .header("origin", "https://evil.example")
            .form(&[("email", "kari@fjordvik.example"), ("password", PASSWORD), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(cross.status(), 403);
        let fresh = new_client().post(app.url("/sign-out")).send().await.unwrap();
        assert_eq!(fresh.status(), 403, "no cookie, no token");
    }
}

/// The `Set-Cookie` values of a response.
fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// `name=value` of the cookie called `name`.
fn pair(cookies: &[String], name: &str) -> Option<String> {
    cookies
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap().to_string())
}

#[tokio::test]
async fn cookies_are_secure_behind_https() {
    use crate::harness::{Backend, Options, TestApp, hidden_value};
    let app = TestApp::start_with(
        Backend::Sqlite,
        Options {
            secure_cookies: true,
            ..Options::default()
        },
    )
    .await;
    add_kari(&app).await;
    // The test speaks plain HTTP, so it carries the Secure cookies itself, as a browser
    // behind a TLS-terminating proxy would.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = client.get(app.url("/sign-in")).send().await.unwrap();
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000",
        "HSTS behind https"
    );
    let cookies = set_cookies(&res);
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("__Host-prisverdig_csrf="))
        .unwrap_or_else(|| panic!("{cookies:?}"));
    assert!(csrf.contains("Secure") && csrf.contains("Path=/"), "{csrf}");
    let csrf = pair(&cookies, "__Host-prisverdig_csrf").unwrap();
    let token = hidden_value(&res.text().await.unwrap(), "_csrf").unwrap();
    let res = client
        .post(app.url("/sign-in"))
        .header("cookie", &csrf)
        .form(&[
            ("email", "kari@fjordvik.example"),
            ("password", PASSWORD),
            ("_csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "signed in");
    let cookies = set_cookies(&res);
    let session = session_cookie(&res).unwrap_or_else(|| panic!("no session cookie: {cookies:?}"));
    for flag in ["Secure", "HttpOnly", "SameSite=Lax"] {
        assert!(
            session.contains(flag),
            "the session cookie lacks {flag}: {session}"
        );
    }
    let session = pair(&cookies, "prisverdig_session").unwrap();
    let home = client
        .get(app.url("/"))
        .header("cookie", format!("{csrf}; {session}"))
        .send()
        .await
        .unwrap();
    assert!(
        home.text().await.unwrap().contains("Kari Nordmann"),
        "the Secure session is the sign-in"
    );
    app.finish().await;
}

on_both_backends! {
    async fn session_ids_are_kept_only_as_their_hash(app) {
        add_kari(app).await;
        let cookie = session_cookie(&app.sign_in("kari@fjordvik.example", PASSWORD).await).unwrap();
        let pair = cookie.split(';').next().unwrap().to_string();
        let id = pair.trim_start_matches("prisverdig_session=").to_string();
        assert!(id.len() > 10, "{pair}");
        let rows: Vec<(String, String)> = prisverdig_store::on_pool!(app.services.db(), |pool| {
            sqlx::query_as("SELECT id, data FROM session").fetch_all(pool).await
        })
        .unwrap();
        assert!(!rows.is_empty(), "the session is stored");
        for (key, data) in &rows {
            assert_ne!(key, &id, "the id itself is the key");
            assert!(!data.contains(&id), "the id is in the stored record");
        }
        // Whoever holds the cookie is still signed in; whoever holds the table's key is not.
        let page = |cookie: String| {
            let url = app.url("/");
            async move { new_client().get(url).header("cookie", cookie).send().await.unwrap().text().await.unwrap() }
        };
        assert!(page(pair.clone()).await.contains("Kari Nordmann"));
        let stolen = format!("prisverdig_session={}", rows[0].0);
        assert!(!page(stolen).await.contains("Kari Nordmann"), "the stored key signs nobody in");
    }
}

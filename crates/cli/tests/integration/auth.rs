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
    }

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

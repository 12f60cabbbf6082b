//! How long a sign-in lasts: the idle expiry slides with activity, an absolute limit ends it
//! whatever the activity, and «sign out everywhere» ends every session of the user.
//! These tests wait in real time (session expiry is wall-clock time), a few seconds each.

use crate::fixtures::applicant;
use crate::harness::{Backend, Options, TestApp, postgres_url, skip_postgres};
use crate::on_both_backends;
use prisverdig_domain::session::SessionPolicy;
use std::time::Duration;

/// Whether `client` is signed in: a page only signed-in users get.
async fn signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    let res = client
        .get(app.url("/my-applications"))
        .send()
        .await
        .unwrap();
    match res.status().as_u16() {
        200 => true,
        303 => false,
        other => panic!("unexpected status {other}"),
    }
}

async fn with_policy(
    backend: Backend,
    policy: SessionPolicy,
    body: fn(&TestApp) -> futures_body::Body,
) {
    if backend == Backend::Postgres && postgres_url().is_none() {
        skip_postgres();
        return;
    }
    let app = TestApp::start_with(
        backend,
        Options {
            sessions: Some(policy),
            ..Options::default()
        },
    )
    .await;
    applicant(&app, "kari@fjordvik.example", "Kari Nordmann").await;
    body(&app).await;
    app.finish().await;
}

mod futures_body {
    pub type Body<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>>;
}

fn activity_keeps_the_sign_in_alive_past_the_idle_time(app: &TestApp) -> futures_body::Body<'_> {
    Box::pin(async move {
        let kari = TestApp::client_for(app, "kari@fjordvik.example").await;
        // Active every 0.7 s for 5 s: longer than the 3 s idle time, never idle for it.
        for _ in 0..7 {
            assert!(signed_in(app, &kari).await, "activity keeps the sign-in");
            tokio::time::sleep(Duration::from_millis(700)).await;
        }
        // Idle for longer than the idle time: signed out.
        tokio::time::sleep(Duration::from_millis(4200)).await;
        assert!(
            !signed_in(app, &kari).await,
            "signed out after 3 s without activity"
        );
    })
}

fn the_absolute_limit_ends_an_active_sign_in(app: &TestApp) -> futures_body::Body<'_> {
    Box::pin(async move {
        let kari = TestApp::client_for(app, "kari@fjordvik.example").await;
        let start = std::time::Instant::now();
        assert!(signed_in(app, &kari).await);
        tokio::time::sleep(Duration::from_millis(1000)).await;
        assert!(signed_in(app, &kari).await, "still within the limit");
        // Times are whole seconds: 5.5 s is past the 4 s limit however the seconds fall.
        while start.elapsed() < Duration::from_millis(5500) {
            tokio::time::sleep(Duration::from_millis(700)).await;
            signed_in(app, &kari).await;
        }
        assert!(
            !signed_in(app, &kari).await,
            "active all along, but 5 s after signing in"
        );
        // The autosave is told, not redirected to a form it cannot follow.
        let res = kari
            .get(app.url("/my-applications"))
            .header("x-autosave", "1")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "signed-out", "{body}");
    })
}

const SLIDING: SessionPolicy = SessionPolicy {
    idle: time::Duration::seconds(3),
    absolute: time::Duration::hours(1),
    recent: prisverdig_domain::session::RECENT_SIGN_IN,
};
const ABSOLUTE: SessionPolicy = SessionPolicy {
    idle: time::Duration::hours(1),
    absolute: time::Duration::seconds(4),
    recent: prisverdig_domain::session::RECENT_SIGN_IN,
};

#[tokio::test]
async fn sliding_idle_expiry_sqlite() {
    with_policy(
        Backend::Sqlite,
        SLIDING,
        activity_keeps_the_sign_in_alive_past_the_idle_time,
    )
    .await;
}

#[tokio::test]
async fn sliding_idle_expiry_postgres() {
    with_policy(
        Backend::Postgres,
        SLIDING,
        activity_keeps_the_sign_in_alive_past_the_idle_time,
    )
    .await;
}

#[tokio::test]
async fn absolute_limit_sqlite() {
    with_policy(
        Backend::Sqlite,
        ABSOLUTE,
        the_absolute_limit_ends_an_active_sign_in,
    )
    .await;
}

#[tokio::test]
async fn absolute_limit_postgres() {
    with_policy(
        Backend::Postgres,
        ABSOLUTE,
        the_absolute_limit_ends_an_active_sign_in,
    )
    .await;
}

on_both_backends! {
    async fn signing_out_everywhere_ends_every_session_of_that_user_only(app) {
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        let (laptop, phone) = (
            TestApp::client_for(app, "kari@fjordvik.example").await,
            TestApp::client_for(app, "kari@fjordvik.example").await,
        );
        let ola = TestApp::client_for(app, "ola@fjordvik.example").await;
        assert!(signed_in(app, &laptop).await && signed_in(app, &phone).await);
        // The button is on the account's security page.
        let security = laptop.get(app.url("/account/security")).send().await.unwrap().text().await.unwrap();
        assert!(security.contains("action=\"/sign-out/everywhere\"") && security.contains("Logg ut på alle enheter"));
        let token = app.csrf_with(&laptop, "/account/security").await;
        let res = laptop
            .post(app.url("/sign-out/everywhere"))
            .form(&[("_csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert!(!signed_in(app, &laptop).await, "this device");
        assert!(!signed_in(app, &phone).await, "the other device too");
        assert!(signed_in(app, &ola).await, "another user's session stays");
        // Signing out everywhere is recorded.
        assert_eq!(crate::admin::audit_count(app, "user.sign_out_everywhere").await, 1);
    }
}

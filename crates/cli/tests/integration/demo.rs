//! The demo organisation fills an empty database and its printed password signs in.

use crate::on_both_backends;
use prisverdig_domain::application::ApplicationState;
use prisverdig_store::{applications, rounds, users};

on_both_backends! {
    async fn the_demo_fills_an_empty_database_once(app) {
        assert!(app.services.is_empty().await.unwrap());
        app.clock.set(time::macros::datetime!(2026-11-27 09:00 UTC));
        let credentials = app.services.seed_demo().await.unwrap();
        let db = app.services.db();
        let submitted = applications::count_by_state(db, ApplicationState::Submitted).await.unwrap();
        let drafts = applications::count_by_state(db, ApplicationState::Draft).await.unwrap();
        let withdrawn = applications::count_by_state(db, ApplicationState::Withdrawn).await.unwrap();
        assert!((35..=45).contains(&(submitted + drafts + withdrawn)));
        assert!(submitted > 0 && drafts > 0 && withdrawn > 0);
        assert_eq!(rounds::count(db).await.unwrap(), 3, "2019 awarded, 2020 in judging, and next year's open");
        assert!(users::count(db).await.unwrap() >= 10);
        assert!(app.services.seed_demo().await.is_err(), "a second seed is refused");
        let posts: i64 = prisverdig_store::on_pool!(db, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM jury_post").fetch_one(pool).await).unwrap();
        assert_eq!(posts, 3, "the jury's discussion has begun");
        let votes: i64 = prisverdig_store::on_pool!(db, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM vote").fetch_one(pool).await).unwrap();
        assert!(votes >= 10, "«Folkets favoritt» has votes: {votes}");
        let copies: i64 = prisverdig_store::on_pool!(db, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM redaction r JOIN application a ON a.id = r.application_id JOIN category c ON c.id = a.category_id WHERE c.blind = $1").bind(true).fetch_one(pool).await).unwrap();
        assert!(copies >= 1, "a blind prize with a redacted copy");

        assert!(credentials.totp_uri.starts_with("otpauth://totp/"), "{}", credentials.totp_uri);
        assert!(credentials.totp_uri.contains(&format!("secret={}", credentials.totp_secret)));
        // The administrator's authenticator app holds the printed secret.
        app.remember_authenticator(&credentials.admin_email, &credentials.totp_secret);
        let res = app.sign_in(&credentials.admin_email, &credentials.password).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.get("/admin").await.status(), 200, "signed in through the code step");
        let home = app.get("/").await.text().await.unwrap();
        assert!(home.contains("Innovasjonsprisene 2027"), "the open round is called for");
        assert!(home.contains("href=\"/apply\"") && home.contains("Løp og søk!"));
        assert!(home.contains("27. desember 2026 kl. 23:59") && home.contains("30 dager igjen"));
        for prize in ["Innovasjonsprisen", "Stjæl med stil", "Beste feil"] {
            assert!(home.contains(prize), "{prize} missing");
        }
        assert!(home.contains("Er innovasjonen tatt i bruk"), "criteria are shown");
        let past = app.get("/rounds/2019").await.text().await.unwrap();
        assert!(past.contains("Innovasjonsprisene 2019") && past.contains("Nattlig tilsyn med kamera"), "the archive shows the past round's winner");
        assert!(past.contains("Prisen ble ikke delt ut: ingen søknader kom inn."), "Stjæl med stil had no applications in 2019");
        let fame = app.get("/hall-of-fame").await.text().await.unwrap();
        assert!(fame.contains("Nattlig tilsyn med kamera") && fame.contains("Klart språk i alle vedtaksbrev"));
        let catalogue = app.get("/catalogue").await.text().await.unwrap();
        assert!(catalogue.contains(&format!("Antall søknader: {submitted}")), "every submitted application is seen");
        assert_eq!(catalogue.matches("class=\"ds-card\"").count(), 24, "one page of cards");
        let page2 = app.get("/catalogue?page=2").await.text().await.unwrap();
        assert_eq!(page2.matches("class=\"ds-card\"").count() as i64, submitted - 24);
        let beyond = app.get("/catalogue?page=999999999").await.text().await.unwrap();
        assert!(beyond.contains("Side 2 / 2"), "a page beyond the last is the last");
        assert_eq!(beyond.matches("class=\"ds-card\"").count() as i64, submitted - 24);
        let api: serde_json::Value = app.get("/api/v1/applications?page=999999999").await.json().await.unwrap();
        assert_eq!(api["page"], 2);
        assert_eq!(api["items"].as_array().unwrap().len() as i64, submitted - 24);
        let mistakes = app.get("/catalogue?category=mistake&sort=cheers").await.text().await.unwrap();
        assert!(!mistakes.contains(&format!("Antall søknader: {submitted}")), "the filter narrows the list");
        // A leader stands behind the cleaning application («forankret i linjen»).
        let href = regex::Regex::new(r#"href="(/applications/[0-9a-f-]{36})">Behovsstyrt renhold"#).unwrap();
        let both = format!("{catalogue}{page2}");
        let path = href.captures(&both).map(|c| c[1].to_string()).expect("the card links to its page");
        let page = app.get(&path).await.text().await.unwrap();
        assert!(page.contains("Forankret i linjen") && page.contains("Dette gjør vi nå i alle byggene våre."), "{page}");
    }
}

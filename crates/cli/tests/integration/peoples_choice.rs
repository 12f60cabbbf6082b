//! «Folkets favoritt» over HTTP, on both backends: voting opens at the deadline, a vote moves
//! until the results' minute and never doubles however many requests arrive at once, the
//! counts are shown from that minute only, and a category without the people's choice has
//! no ballot.

use crate::admin::admin;
use crate::catalogue::{setup, submitted};
use crate::fixtures::{DEADLINE, applicant, user_row};
use crate::harness::{TestApp, element_text, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_service::jury::decisions::Publication;
use time::Duration;
use uuid::Uuid;

async fn set_peoples_choice(app: &TestApp, category: Uuid) {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
        "UPDATE category SET peoples_choice = $1 WHERE id = $2"
    )
    .bind(true)
    .bind(category)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
}

/// The stored votes as (voter's e-mail, application), sorted.
async fn votes(app: &TestApp) -> Vec<(String, Uuid)> {
    let mut out: Vec<(String, Uuid)> = prisverdig_store::on_pool!(app.services.db(), |pool| {
        sqlx::query_as(
            "SELECT u.email, v.application_id FROM vote v JOIN users u ON u.id = v.user_id",
        )
        .fetch_all(pool)
        .await
    })
    .unwrap();
    out.sort();
    out
}

async fn vote(app: &TestApp, client: &reqwest::Client, id: Uuid) -> reqwest::Response {
    let page = format!("/applications/{id}");
    let token = app.csrf_with(client, &page).await;
    client
        .post(app.url(&format!("{page}/vote")))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap()
}

async fn page(app: &TestApp, client: &reqwest::Client, id: Uuid) -> String {
    let res = client
        .get(app.url(&format!("/applications/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

on_both_backends! {
    async fn one_vote_each_moved_until_the_results_and_counted_from_their_minute(app) {
        let round = setup(app).await;
        let category = round.category(CategoryKind::Innovation);
        set_peoples_choice(app, category).await;
        let a = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let b = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        applicant(app, "per@fjordvik.example", "Per Ansatt").await;
        let ola = TestApp::client_for(app, "ola@fjordvik.example").await;
        let per = TestApp::client_for(app, "per@fjordvik.example").await;

        // Before the deadline the ballot is announced, not open.
        let before = page(app, &ola, a).await;
        assert!(before.contains("Avstemningen åpner når søknadsfristen har gått ut."), "{before}");
        assert!(!before.contains("Stem på denne"));
        let res = vote(app, &ola, a).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert_eq!(element_text(&body, "peoples-choice-error").as_deref(), Some("Avstemningen er ikke åpen nå."));
        assert!(votes(app).await.is_empty(), "nothing stored before the deadline");

        app.clock.set(DEADLINE + Duration::minutes(1));
        assert!(page(app, &ola, a).await.contains("Stem på denne"));
        assert_eq!(vote(app, &ola, a).await.status(), 303);
        assert!(page(app, &ola, a).await.contains("Du har stemt på denne."));
        let other = page(app, &ola, b).await;
        assert!(other.contains("Flytt stemmen min hit"), "{other}");
        assert!(other.contains(&format!("href=\"/applications/{a}\">Smart renhold</a>")));
        assert_eq!(vote(app, &ola, b).await.status(), 303, "moved");
        assert_eq!(votes(app).await, vec![("ola@fjordvik.example".to_string(), b)]);

        // Many requests at once, for both: still one vote.
        let mut tasks = Vec::new();
        for i in 0..12 {
            let (app_url, per) = (app.url(""), per.clone());
            let token = app.csrf_with(&per, &format!("/applications/{a}")).await;
            let target = if i % 2 == 0 { a } else { b };
            tasks.push(tokio::spawn(async move {
                per.post(format!("{app_url}/applications/{target}/vote"))
                    .form(&[("_csrf", token.as_str())])
                    .send()
                    .await
                    .unwrap()
                    .status()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), 303);
        }
        let stored = votes(app).await;
        assert_eq!(stored.iter().filter(|(e, _)| e == "per@fjordvik.example").count(), 1, "{stored:?}");
        assert_eq!(stored.len(), 2);

        // No count anywhere before the results' minute, not even for an administrator.
        let results_at = DEADLINE + Duration::days(30);
        let chair = admin(app).await;
        let s = &app.services;
        let v = prisverdig_store::jury::state(s.db(), category).await.unwrap().unwrap().jury_version;
        s.lock_scores(&chair, category, v, true).await.unwrap();
        let publication = Publication { nominees_at: None, results_at: Some(results_at), no_winner_reason: "Juryen fant ingen vinner." };
        s.schedule_publication(&chair, category, v + 1, publication).await.unwrap();
        let admin_page = app.get(&format!("/applications/{b}")).await.text().await.unwrap();
        assert_eq!(element_text(&admin_page, "peoples-choice-heading").as_deref(), Some("Folkets favoritt"));
        app.clock.set(results_at - Duration::seconds(1));
        assert_eq!(vote(app, &ola, a).await.status(), 303, "still open just before the results");

        app.clock.set(results_at);
        let res = vote(app, &ola, b).await;
        assert_eq!(res.status(), 422, "closed at the results' minute");
        let after = votes(app).await;
        assert!(after.contains(&("ola@fjordvik.example".to_string(), a)), "Ola's last vote stands: {after:?}");
        let anonymous = new_client();
        let count_a = after.iter().filter(|(_, id)| *id == a).count();
        let shown = page(app, &anonymous, a).await;
        let heading = format!("Folkets favoritt: <span class=\"count\">{count_a} {}</span>", if count_a == 1 { "stemme" } else { "stemmer" });
        assert!(shown.contains(&heading), "{heading} in {shown}");
        assert!(shown.contains("Avstemningen er avsluttet."));
    }

    async fn a_category_without_the_peoples_choice_has_no_ballot(app) {
        let round = setup(app).await;
        let a = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let kari = user_row(app, "kari@fjordvik.example").await;
        let draft = app.services.start_application(&kari, round.category(CategoryKind::Innovation), round.unit).await.unwrap();
        app.clock.set(DEADLINE + Duration::minutes(1));
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        let ola = TestApp::client_for(app, "ola@fjordvik.example").await;
        let shown = page(app, &ola, a).await;
        assert!(!shown.contains("peoples-choice-heading"));
        assert_eq!(vote(app, &ola, a).await.status(), 404);
        assert!(votes(app).await.is_empty());
        // Nor for an application that is not public, in a category that has one.
        set_peoples_choice(app, round.category(CategoryKind::Innovation)).await;
        let token = app.csrf_with(&ola, &format!("/applications/{a}")).await;
        let res = ola.post(app.url(&format!("/applications/{draft}/vote"))).form(&[("_csrf", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        assert!(votes(app).await.is_empty());
    }
}

//! What is not public yet stays out of every list that names applications: an application in
//! an after-deadline category is hidden until that category's deadline, also where another
//! application's page lists who stole from it or continued it, and in the idea's family.

use crate::catalogue::submitted;
use crate::fixtures::{DEADLINE, applicant, open_round};
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::round::Visibility;

const HIDDEN: &str = "Hemmelig idé";
const PUBLIC: &str = "Åpen idé";

async fn anonymous_pages(app: &TestApp, id: uuid::Uuid) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for path in [
        format!("/applications/{id}"),
        format!("/applications/{id}/family"),
    ] {
        let res = crate::harness::new_client()
            .get(app.url(&path))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        pages.push((path, res.text().await.unwrap()));
    }
    pages
}

/// The `adoptions` the API's list gives `id`.
async fn adoptions_in_list(app: &TestApp, id: uuid::Uuid) -> i64 {
    let list: serde_json::Value = crate::harness::new_client()
        .get(app.url("/api/v1/applications"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.to_string());
    item.expect("listed")["adoptions"].as_i64().unwrap()
}

/// The «stolen by» count the catalogue's card for [`PUBLIC`] shows in a search sorted by
/// thefts (the sort the search index cannot do alone).
async fn searched_by_adoptions(app: &TestApp) -> i64 {
    let page = crate::harness::new_client()
        .get(app.url("/catalogue?q=%C3%85pen&sort=adopted"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let card = &page[page.find(PUBLIC).expect("the public source is found")..];
    let count = card
        .split("Stolen by: ")
        .nth(1)
        .expect("its card counts thefts");
    count.split('<').next().unwrap().trim().parse().unwrap()
}

on_both_backends! {
    async fn a_hidden_application_is_named_on_no_other_page_until_it_is_public(app) {
        let round = open_round(app, Visibility::AfterDeadline).await;
        applicant(app, "kari@fjordvik.example", "Kari Nordmann").await;
        // «Stjæl med stil» stays open a month longer than the other prizes.
        let steal = round.category(CategoryKind::Steal);
        let extended = DEADLINE + time::Duration::days(30);
        let mut tx = app.services.db().begin().await.unwrap();
        prisverdig_store::on_tx!(&mut tx, |conn| sqlx::query("UPDATE category SET extended_deadline = $1 WHERE id = $2")
            .bind(extended).bind(steal).execute(conn).await.map(|_| ())).unwrap();
        tx.commit().await.unwrap();
        app.clock.set(DEADLINE - time::Duration::days(1));
        let source = submitted(app, &round, CategoryKind::Innovation, PUBLIC, None).await;
        // The source's prize has closed: its page is public. «Stjæl med stil» still takes
        // applications, and one steals from it; that one is hidden until its own deadline.
        app.clock.set(DEADLINE + time::Duration::days(1));
        let thief = submitted(app, &round, CategoryKind::Steal, HIDDEN, Some(source)).await;
        let stored = app.services.editable(&crate::fixtures::user_row(app, "kari@fjordvik.example").await, thief).await;
        assert_eq!(stored.map(|e| e.form.source_application).ok().flatten(), Some(source), "the theft is recorded");
        let res = crate::harness::new_client().get(app.url(&format!("/applications/{thief}"))).send().await.unwrap();
        assert_eq!(res.status(), 404, "the hidden application itself");
        for (path, body) in anonymous_pages(app, source).await {
            assert!(body.contains(PUBLIC), "{path} is the source's own page");
            assert!(!body.contains(HIDDEN), "{path} names the hidden application");
            assert!(!body.contains(&thief.to_string()), "{path} links the hidden application");
        }

        assert_eq!(adoptions_in_list(app, source).await, 0, "the catalogue counts no hidden theft");
        assert_eq!(searched_by_adoptions(app).await, 0, "nor does a search sorted by thefts");

        // Nor do the pickers of someone else's draft offer it as a source or as continued.
        applicant(app, "ola@fjordvik.example", "Ola Nordmann").await;
        let ola = crate::fixtures::user_row(app, "ola@fjordvik.example").await;
        let draft = app.services.start_application(&ola, steal, round.unit).await.unwrap();
        let client = TestApp::client_for(app, "ola@fjordvik.example").await;
        for path in [format!("/applications/{draft}/edit"), format!("/applications/{draft}/sources")] {
            let res = client.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let body = res.text().await.unwrap();
            assert!(body.contains(PUBLIC), "{path} offers the public source");
            assert!(!body.contains(HIDDEN), "{path} offers the hidden application");
        }

        // At its own deadline it is public, and the lists name it.
        app.clock.set(extended);
        for (path, body) in anonymous_pages(app, source).await {
            assert!(body.contains(HIDDEN), "{path} names it once it is public: {body}");
        }
        assert_eq!(adoptions_in_list(app, source).await, 1, "and counts it");
        assert_eq!(searched_by_adoptions(app).await, 1, "and the sorted search counts it");
    }
}

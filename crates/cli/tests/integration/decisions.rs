//! The jury's decisions are secret until published: a winner not yet published shows in no
//! badge, filter, hall of fame, feed or API answer, to a visitor served from the cache too;
//! from its publication time it shows in all of them.

use crate::catalogue::{setup, submitted};
use crate::harness::{TestApp, new_client};
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use time::OffsetDateTime;
use uuid::Uuid;

/// A decision written as the jury's publishing will write it (`published_at`: public from then).
pub(crate) async fn decide(
    app: &TestApp,
    id: Uuid,
    kind: &str,
    published_at: Option<OffsetDateTime>,
) {
    decide_with(app, id, kind, published_at, "Juryen mener").await;
}

/// As [`decide`], with the jury's justification.
pub(crate) async fn decide_with(
    app: &TestApp,
    id: Uuid,
    kind: &str,
    published_at: Option<OffsetDateTime>,
    justification: &str,
) {
    prisverdig_store::on_pool!(app.services.db(), |pool| sqlx::query(
        "INSERT INTO decision (id, application_id, kind, justification, publish_at, published_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Uuid::now_v7()).bind(id).bind(kind).bind(justification).bind(published_at).bind(published_at)
        .execute(pool).await.map(|_| ())).unwrap();
}

/// What an anonymous visitor learns of the winners, by title: from the badge count on the
/// catalogue, the winner filter, the hall of fame, the results feed and the API.
async fn winners_seen(app: &TestApp, titles: &[&str]) -> Vec<(String, Vec<bool>)> {
    let visitor = new_client();
    let get = |path: &'static str| {
        let visitor = visitor.clone();
        let url = app.url(path);
        async move { visitor.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let catalogue = get("/catalogue").await;
    let badges = catalogue
        .matches("<span class=\"ds-tag\" data-color=\"success\">Vinner</span>")
        .count();
    let filtered = get("/catalogue?status=winner").await;
    let fame = get("/hall-of-fame").await;
    let feed = get("/feeds/results.atom").await;
    let api: serde_json::Value = serde_json::from_str(&get("/api/v1/applications").await).unwrap();
    let api_filtered: serde_json::Value =
        serde_json::from_str(&get("/api/v1/applications?status=winner").await).unwrap();
    let api_status = |title: &str| {
        api["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"] == title)
            .map(|i| i["status"].clone())
    };
    let listed = |doc: &serde_json::Value, title: &str| {
        doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["title"] == title)
    };
    let mut seen = vec![("badges".to_string(), vec![badges > 0; badges.max(1)])];
    for title in titles {
        seen.push((
            title.to_string(),
            vec![
                filtered.contains(title),
                fame.contains(title),
                feed.contains(title),
                api_status(title) == Some(serde_json::json!("winner")),
                listed(&api_filtered, title),
            ],
        ));
    }
    seen
}

on_both_backends! {
    async fn an_unpublished_winner_shows_nowhere_until_its_publication(app) {
        let round = setup(app).await;
        let public = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let scheduled = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let secret = submitted(app, &round, CategoryKind::Innovation, "Robotene som gikk seg vill", None).await;
        let now = app.services.clock.now();
        let later = now + time::Duration::days(1);
        decide(app, public, "winner", Some(now)).await;
        decide(app, scheduled, "winner", Some(later)).await;
        decide(app, secret, "winner", None).await;
        let titles = ["Smart renhold", "Digital postkasse", "Robotene som gikk seg vill"];
        let (yes, no) = (vec![true; 5], vec![false; 5]);
        let before = winners_seen(app, &titles).await;
        assert_eq!(before[0], ("badges".into(), vec![true]), "one badge: the published winner's");
        assert_eq!(before[1], (titles[0].into(), yes.clone()), "a published winner shows everywhere");
        assert_eq!(before[2], (titles[1].into(), no.clone()), "a scheduled one nowhere yet");
        assert_eq!(before[3], (titles[2].into(), no.clone()), "an unpublished one nowhere");
        for id in [scheduled, secret] {
            let detail = new_client().get(app.url(&format!("/applications/{id}"))).send().await.unwrap().text().await.unwrap();
            assert!(!detail.contains("data-color=\"success\">Vinner<") && !detail.contains("Juryen mener"), "its own page keeps the secret");
        }

        app.clock.set(later);
        let after = winners_seen(app, &titles).await;
        assert_eq!(after[0], ("badges".into(), vec![true, true]), "two badges from the publication time");
        assert_eq!(after[2], (titles[1].into(), yes), "the scheduled winner shows everywhere at its time");
        assert_eq!(after[3], (titles[2].into(), no), "the unpublished one still nowhere");
    }
}

/// What an anonymous visitor sees of one application's outcome: on its page (the tag and the
/// justification), on its catalogue card, in a search's results and in the API's detail.
async fn outcome_seen(
    app: &TestApp,
    id: Uuid,
    search: &str,
) -> (String, String, String, serde_json::Value) {
    let visitor = new_client();
    let get = |path: String| {
        let visitor = visitor.clone();
        let url = app.url(&path);
        async move {
            let res = visitor.get(url).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            res.text().await.unwrap()
        }
    };
    let page = get(format!("/applications/{id}")).await;
    // The card of this application alone: from its link to the end of its article.
    let card_of = |list: &str| {
        let at = list
            .find(&format!("href=\"/applications/{id}\""))
            .expect("the card is listed");
        let end = list[at..].find("</article>").map_or(list.len(), |e| at + e);
        list[at..end].to_string()
    };
    let card = card_of(&get("/catalogue".into()).await);
    let found = card_of(&get(format!("/catalogue?q={search}")).await);
    let api: serde_json::Value =
        serde_json::from_str(&get(format!("/api/v1/applications/{id}")).await).unwrap();
    (page, card, found, api["outcome"].clone())
}

on_both_backends! {
    async fn a_decision_shows_on_page_card_search_and_api_from_its_publication_minute(app) {
        let round = setup(app).await;
        let winner = submitted(app, &round, CategoryKind::Innovation, "Smart renhold", None).await;
        let lifted = submitted(app, &round, CategoryKind::Innovation, "Digital postkasse", None).await;
        let now = app.services.clock.now();
        let later = now + time::Duration::days(1);
        decide(app, winner, "winner", Some(later)).await;
        decide(app, lifted, "honourable_mention", Some(now)).await;
        let tag = "data-color=\"success\">Vinner<";

        let (page, card, found, api) = outcome_seen(app, winner, "renhold").await;
        assert!(page.contains("Smart renhold"), "the page itself is shown");
        assert!(!page.contains(tag) && !page.contains("Juryen mener"), "the page keeps the secret");
        assert!(card.contains("Smart renhold") && !card.contains(tag), "the card keeps it");
        assert!(found.contains("Smart renhold") && !found.contains(tag), "the search keeps it");
        assert_eq!(api, serde_json::Value::Null, "the API keeps it");

        // Already published: shown with its justification.
        let (page, card, _, api) = outcome_seen(app, lifted, "postkasse").await;
        assert!(page.contains("Hederlig omtale") && page.contains("Juryen mener"), "{page}");
        assert!(card.contains("Hederlig omtale"));
        assert_eq!(api["kind"], "honourable_mention");
        assert_eq!(api["justification"], "Juryen mener");

        // From the publication minute, the page cached before expires and everything shows it.
        app.clock.set(later);
        let (page, card, found, api) = outcome_seen(app, winner, "renhold").await;
        assert!(page.contains(tag) && page.contains("Juryen mener"), "the page shows it: {page}");
        assert!(card.contains(tag), "the card shows it");
        assert!(found.contains(tag), "the search shows it");
        assert_eq!(api["kind"], "winner");
        assert_eq!(api["justification"], "Juryen mener");
        assert!(api["published_at"].as_str().is_some_and(|s| s.starts_with(&later.year().to_string())), "{api}");
    }
}

//! Snapshots of the public contracts other systems read: the JSON API (a list, one
//! application, errors), the OpenAPI document, the three Atom feeds and the export document.
//! A change to any of them shows in review as a changed `.snap` file (see docs/testing.md).
//! The clock is fixed by the harness; ids are replaced by `[id-N]`, numbered in order of
//! first appearance, so one snapshot holds on SQLite and PostgreSQL and still shows which
//! id refers to which.

use crate::catalogue::{setup, submitted, submitted_with};
use crate::decisions::decide;
use crate::fixtures::{PASSWORD, user_row};
use crate::harness::TestApp;
use crate::on_both_backends;
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::role::Role;
use prisverdig_domain::story::StoryText;
use std::collections::HashMap;
use std::sync::LazyLock;

static UUID: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    )
    .unwrap()
});

/// Replaces every id in `texts` by `[id-N]`, numbering ids across all of them in order.
fn numbered(texts: &[String]) -> Vec<String> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    texts
        .iter()
        .map(|t| {
            UUID.replace_all(t, |c: &regex::Captures| {
                let next = ids.len() + 1;
                format!("[id-{}]", ids.entry(c[0].to_lowercase()).or_insert(next))
            })
            .into_owned()
        })
        .collect()
}

/// The status line and body of a GET, for a snapshot of an answer as a client sees it.
async fn answer(app: &TestApp, path: &str) -> String {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map_or(String::new(), |v| v.to_str().unwrap().to_string());
    let body = res.text().await.unwrap();
    let body = match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(json) => serde_json::to_string_pretty(&json).unwrap(),
        // One element a line, so that a review sees which one changed (text never holds `><`).
        Err(_) if kind.contains("xml") => body.replace("><", ">\n<"),
        Err(_) => body,
    };
    format!("GET {path}\n{status} {kind}\n\n{body}\n")
}

/// Two submitted applications (the second stole from the first), a draft, an adoption, a
/// published winner and a published story: every contract has something to show.
pub(crate) async fn content(app: &TestApp) -> Vec<uuid::Uuid> {
    let round = setup(app).await;
    let source = submitted_with(
        app,
        &round,
        CategoryKind::Innovation,
        "Smart renhold",
        None,
        "Sensorer i møterom.",
    )
    .await;
    let steal = submitted(
        app,
        &round,
        CategoryKind::Steal,
        "Smart renhold på skolene",
        Some(source),
    )
    .await;
    let kari = user_row(app, "kari@fjordvik.example").await;
    let draft = app
        .services
        .start_application(&kari, round.category(CategoryKind::Mistake), round.unit)
        .await
        .unwrap();
    app.services
        .record_adoption(&kari, source, round.sector, "Vi bruker færre sensorer")
        .await
        .unwrap();
    decide(app, source, "winner", Some(app.services.clock.now())).await;
    let editor = prisverdig_service::users::AddUser {
        email: "redaktor@fjordvik.example",
        name: "Rita Redaktør",
        roles: &[Role::Editor],
        password: PASSWORD,
    };
    let editor = app.services.add_user(editor).await.unwrap();
    let editor = app.services.user(editor).await.unwrap().unwrap();
    let text = StoryText {
        title: "Renhold som lytter".into(),
        lead: "Sensorene viste vei.".into(),
        body: "Det begynte med **sensorer**.".into(),
        links: vec![source],
    };
    let story = app.services.create_story(&editor, text).await.unwrap();
    app.services
        .publish_story(&editor, story, 1, None)
        .await
        .unwrap();
    vec![source, steal, draft]
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, text);
    });
}

on_both_backends! {
    async fn the_json_api_and_its_openapi_document_keep_their_shape(app) {
        let ids = content(app).await;
        let (source, draft) = (ids[0], ids[2]);
        let answers = [
            answer(app, "/api/v1/applications").await,
            answer(app, "/api/v1/applications?status=winner&category=innovation&year=2020").await,
            answer(app, &format!("/api/v1/applications/{source}")).await,
            answer(app, &format!("/api/v1/applications/{draft}")).await,
            answer(app, "/api/v1/applications/not-an-id").await,
            answer(app, "/api/v1/applications?page=first").await,
        ];
        let texts = numbered(&answers);
        for (name, text) in ["api_list", "api_list_filtered", "api_one", "api_draft_not_found", "api_bad_id", "api_bad_page"].iter().zip(&texts) {
            snapshot(name, text);
        }
        snapshot("openapi", &answer(app, "/api/openapi.json").await);
    }

    async fn the_atom_feeds_keep_their_shape(app) {
        content(app).await;
        let feeds = [
            answer(app, "/feeds/applications.atom").await,
            answer(app, "/feeds/results.atom").await,
            answer(app, "/feeds/stories.atom").await,
        ];
        let texts = numbered(&feeds);
        for (name, text) in ["feed_applications", "feed_results", "feed_stories"].iter().zip(&texts) {
            snapshot(name, text);
        }
    }

    async fn the_export_document_keeps_its_shape(app) {
        content(app).await;
        let doc = app.services.export().await.unwrap();
        // As `prisverdig export FILE` writes it.
        let json = serde_json::to_string_pretty(&doc).unwrap();
        snapshot("export", &numbered(&[json])[0]);
    }
}

/// Whether `href` is an absolute IRI (RFC 4287 §4.2.7.1 allows relative ones only under an
/// `xml:base`, which these feeds do not use).
fn absolute(href: &str) -> bool {
    href.starts_with("http://") || href.starts_with("https://")
}

on_both_backends! {
    async fn the_atom_feeds_follow_rfc_4287(app) {
        content(app).await;
        let mut seen: HashMap<String, String> = HashMap::new();
        for name in ["applications", "results", "stories"] {
            let res = app.get(&format!("/feeds/{name}.atom")).await;
            assert_eq!(res.status(), 200);
            let body = res.text().await.unwrap();
            let feed: atom_syndication::Feed = body.parse().unwrap();
            assert!(!feed.entries().is_empty(), "{name} has entries to check");
            assert_eq!(feed.id(), format!("http://prisverdig.test/feeds/{name}.atom"), "the id names this installation");
            assert!(seen.insert(feed.id().to_string(), format!("feed {name}")).is_none(), "feed ids unique");
            assert!(feed.authors().iter().any(|a| a.name() == "Fjordvik kommune"), "{name}: the organisation is the feed's author");
            assert!(!feed.title().as_str().is_empty());
            assert!(feed.links().iter().any(|l| l.rel() == "self" && l.href() == feed.id()), "{name}: a self link");
            for link in feed.links() {
                assert!(absolute(link.href()), "{name}: absolute link {}", link.href());
            }
            for entry in feed.entries() {
                assert!(!entry.id().is_empty() && !entry.title().as_str().is_empty(), "{name}: id and title");
                assert!(entry.updated().timestamp() > 0, "{name}: updated");
                assert!(!entry.links().is_empty(), "{name}: an alternate link, since entries have no content");
                for link in entry.links() {
                    assert!(absolute(link.href()), "{name}: absolute link {}", link.href());
                }
                let before = seen.insert(entry.id().to_string(), format!("{name}: {}", entry.title().as_str()));
                assert!(before.is_none(), "entry id {} in {before:?} and {name}", entry.id());
            }
        }
    }
}

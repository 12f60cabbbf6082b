//! `export` and `import`: a round trip through a fresh database gives the same document,
//! a second import changes nothing, and a bad file is rejected whole with every problem.

use crate::harness::{Backend, TestApp};
use crate::on_both_backends;
use prisverdig_domain::exchange::{Decision, ExchangeDoc};
use prisverdig_service::exchange::ImportError;
use prisverdig_store::{Db, on_pool};
use std::process::Command;

const TABLES: [&str; 14] = [
    "organisation",
    "unit",
    "users",
    "user_role",
    "round",
    "category",
    "criterion",
    "question",
    "application",
    "team_member",
    "application_link",
    "decision",
    "adoption",
    "audit_log",
];

/// Rows per table, to show what an import wrote.
async fn row_counts(db: &Db) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = on_pool!(db, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(pool)
            .await)
        .unwrap();
        counts.push((table, n));
    }
    counts
}

/// The demo's export, with a decision added through import (the demo's past round brings
/// published ones).
async fn demo_export(app: &TestApp) -> ExchangeDoc {
    app.services.seed_demo().await.unwrap();
    let mut doc = app.services.export().await.unwrap();
    // The demo's past round has its own decisions; one per application.
    let decided = |id| doc.decisions.iter().any(|d| d.application == id);
    let winner = doc
        .applications
        .iter()
        .find(|a| a.state == "submitted" && !decided(a.id))
        .unwrap()
        .id;
    doc.decisions.push(Decision {
        id: uuid::Uuid::now_v7(),
        application: winner,
        kind: "winner".into(),
        justification: "Enkel å stjele, stor effekt.".into(),
        feedback: String::new(),
        publish_at: Some(time::macros::datetime!(2020-01-20 13:00 UTC)),
        published_at: None,
    });
    let report = app.services.import(doc).await.unwrap();
    assert!(report.added.contains(&("decisions", 1)), "{report}");
    app.services.export().await.unwrap()
}

/// The document as text, without the moment of export.
fn text(doc: &ExchangeDoc) -> String {
    let mut doc = doc.clone();
    doc.exported_at = time::OffsetDateTime::UNIX_EPOCH;
    serde_json::to_string_pretty(&doc).unwrap()
}

/// Another server process on `app`'s database, its search index in `dir`.
fn process(app: &TestApp, dir: &std::path::Path) -> prisverdig_service::Services {
    let files = std::sync::Arc::new(prisverdig_service::files::LocalFileStore::new(
        &dir.join("files"),
    ));
    prisverdig_service::Services::new(app.services.db().clone(), app.clock.clone(), files)
        .with_search_dir(dir.join("search"))
}

/// Whether a search for `title` finds the application `id`.
async fn found(services: &prisverdig_service::Services, id: uuid::Uuid, title: &str) -> bool {
    let query = prisverdig_service::search::SearchQuery {
        text: title.to_string(),
        per_page: 100,
        ..Default::default()
    };
    services
        .search(query)
        .await
        .unwrap()
        .hits
        .iter()
        .any(|h| h.id == id)
}

async fn fresh(backend: Backend) -> TestApp {
    TestApp::start(backend).await
}

on_both_backends! {
    async fn export_import_into_a_fresh_database_round_trips(app) {
        let doc = demo_export(app).await;
        assert!(!doc.adoptions.is_empty() && !doc.decisions.is_empty());
        assert!(doc.applications.iter().any(|a| !a.team.is_empty()));
        let other = fresh(app.backend).await;
        let report = other.services.import(doc.clone()).await.unwrap();
        assert_eq!(report.unchanged, 0, "{report}");
        let again = other.services.export().await.unwrap();
        assert_eq!(text(&again), text(&doc));
        other.finish().await;
    }

    async fn importing_the_same_file_twice_changes_nothing(app) {
        let doc = demo_export(app).await;
        let other = fresh(app.backend).await;
        other.services.import(doc.clone()).await.unwrap();
        let before = row_counts(other.services.db()).await;
        let report = other.services.import(doc.clone()).await.unwrap();
        assert!(report.added.iter().all(|(_, n)| *n == 0), "{report}");
        assert!(report.unchanged > 0);
        assert_eq!(row_counts(other.services.db()).await, before);
        other.finish().await;
    }

    async fn a_bad_file_is_rejected_whole_with_every_problem(app) {
        let mut doc = demo_export(app).await;
        doc.rounds[0].categories[0].kind = "best".into();
        doc.applications[3].summary = "x".repeat(301);
        doc.applications[5].unit = uuid::Uuid::now_v7();
        let other = fresh(app.backend).await;
        let before = row_counts(other.services.db()).await;
        let Err(ImportError::Rejected(problems)) = other.services.import(doc).await else {
            panic!("the file should be rejected");
        };
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["$.rounds[0].categories[0].kind", "$.applications[3].summary", "$.applications[5].unit"]
        );
        assert_eq!(row_counts(other.services.db()).await, before, "nothing written");
        other.finish().await;
    }

    async fn a_new_round_for_a_year_already_held_is_a_conflict(app) {
        let mut doc = demo_export(app).await;
        let before = row_counts(app.services.db()).await;
        let mut second = doc.rounds[0].clone();
        second.id = uuid::Uuid::now_v7();
        second.categories.clear();
        let year = second.year;
        let index = doc.rounds.len();
        doc.rounds.push(second);
        let Err(ImportError::Rejected(problems)) = app.services.import(doc).await else {
            panic!("a second round for {year} should reject the file");
        };
        let last = format!("$.rounds[{index}].year");
        assert_eq!(problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), [last.as_str()]);
        assert!(problems[0].message.contains(&year.to_string()));
        assert_eq!(row_counts(app.services.db()).await, before, "nothing written");
    }

    async fn a_misspelt_answer_and_an_early_publication_reject_the_whole_file(app) {
        let mut doc = demo_export(app).await;
        // The decision not yet published (the demo's past round has published ones).
        let (d, decision) = doc.decisions.iter().enumerate().find(|(_, d)| d.published_at.is_none()).map(|(i, d)| (i, d.clone())).unwrap();
        let a = doc.applications.iter().position(|a| a.id == decision.application).unwrap();
        let category = doc.applications[a].category;
        let round = doc.rounds.iter().position(|r| r.categories.iter().any(|c| c.id == category)).unwrap();
        doc.rounds[round].state = "open".into();
        doc.decisions[d].published_at = Some(time::macros::datetime!(2019-10-01 12:00 UTC));
        doc.applications[0].answers["what_we_didd"] = "Skrivefeil".into();
        let other = fresh(app.backend).await;
        let before = row_counts(other.services.db()).await;
        let Err(ImportError::Rejected(problems)) = other.services.import(doc).await else {
            panic!("the file should be rejected");
        };
        let paths: Vec<String> = problems.iter().map(|p| p.path.clone()).collect();
        assert_eq!(
            paths,
            ["$.applications[0].answers.what_we_didd".to_string(), format!("$.decisions[{d}].published_at")]
        );
        assert_eq!(row_counts(other.services.db()).await, before, "nothing written");
        assert_eq!(other.services.organisation_name().await.unwrap(), "Prisverdig", "not even the organisation");
        other.finish().await;
    }

    async fn an_imported_application_is_found_by_its_sector(app) {
        let doc = demo_export(app).await;
        let other = fresh(app.backend).await;
        other.services.import(doc.clone()).await.unwrap();
        let listed = other.get("/catalogue").await.text().await.unwrap();
        let shown = doc
            .applications
            .iter()
            .find(|a| a.state == "submitted" && listed.contains(&format!("/applications/{}", a.id)))
            .expect("the catalogue lists an imported application");
        let sector = &shown.unit_snapshot[0];
        let path = format!("/catalogue?sector={}", sector.replace(' ', "+"));
        let res = other.get(&path).await;
        assert_eq!(res.status(), 200);
        let filtered = res.text().await.unwrap();
        assert!(
            filtered.contains(&format!("/applications/{}", shown.id)),
            "the sector filter {sector:?} finds the imported application"
        );
        assert!(
            filtered.contains(&format!("<option value=\"{sector}\" selected>")),
            "the sector is offered as a choice of the filter"
        );
        other.finish().await;
    }

    async fn imported_applications_are_found_by_search_at_once_and_after_a_restart(app) {
        let doc = demo_export(app).await;
        let other = fresh(app.backend).await;
        let dir = std::env::temp_dir().join(format!("prisverdig-index-{}", uuid::Uuid::now_v7()));
        // A server with its index on disk, opened (empty) before anything is imported.
        let first = process(&other, &dir);
        first.search_index().await.unwrap();
        first.import(doc.clone()).await.unwrap();
        let shown = doc.applications.iter().find(|a| a.state == "submitted").unwrap();
        assert!(found(&first, shown.id, &shown.title).await, "the importing process finds it");
        drop(first);
        // While that server is down, another process imports one more application.
        let mut more = doc.clone();
        let mut late = shown.clone();
        (late.id, late.title) = (uuid::Uuid::now_v7(), "Kvantekaffe i kantina".into());
        (late.source_application, late.continues) = (None, Vec::new());
        more.applications.push(late.clone());
        other.services.import(more).await.unwrap();
        // Restarted on the same database and the same index directory.
        let second = process(&other, &dir);
        assert!(found(&second, late.id, &late.title).await, "the restarted index caught up");
        assert!(found(&second, shown.id, &shown.title).await, "and kept what it had");
        drop(second);
        let _ = std::fs::remove_dir_all(&dir);
        other.finish().await;
    }

    async fn an_imported_organisation_name_shows_without_a_restart(app) {
        let doc = demo_export(app).await;
        let other = fresh(app.backend).await;
        let name = &doc.organisation.name;
        let before = other.get("/sign-in").await.text().await.unwrap();
        assert!(!before.contains(name.as_str()), "{name} is not there before the import");
        other.services.import(doc.clone()).await.unwrap();
        let after = other.get("/sign-in").await.text().await.unwrap();
        assert!(after.contains(&format!("<span class=\"site-brand__org\">{name}</span>")), "the header names {name}");
        other.finish().await;
    }

    async fn a_record_changed_since_export_is_a_conflict(app) {
        let mut doc = demo_export(app).await;
        let before = row_counts(app.services.db()).await;
        doc.units[2].name = "Omdøpt".into();
        doc.applications[0].title = "Endret tittel".into();
        let Err(ImportError::Rejected(problems)) = app.services.import(doc).await else {
            panic!("conflicts should reject the file");
        };
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.units[2]", "$.applications[0]"]);
        assert!(problems[0].message.starts_with("conflict"));
        assert_eq!(row_counts(app.services.db()).await, before);
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_prisverdig");

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("PRISVERDIG_DATABASE_URL")
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn the_cli_exports_and_imports_files() {
    let dir = std::env::temp_dir().join(format!("prisverdig-exchange-{}", uuid::Uuid::now_v7()));
    let (source, target) = (dir.join("source"), dir.join("target"));
    let file = dir.join("catalogue.json");
    let (file_s, source_s, target_s) = (
        file.to_str().unwrap(),
        source.to_str().unwrap(),
        target.to_str().unwrap(),
    );
    assert!(run(&["demo", "--data-dir", source_s]).0);
    let (ok, out, err) = run(&["export", file_s, "--data-dir", source_s]);
    assert!(ok, "{err}");
    assert!(out.contains("Exported"), "{out}");
    let (ok, out, err) = run(&["import", file_s, "--data-dir", target_s]);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("0 already present"), "{out}");
    let (ok, out, _) = run(&["import", file_s, "--data-dir", target_s]);
    assert!(ok && out.contains("added 0 users, 0 units"), "{out}");

    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["rounds"][0]["categories"][0]["kind"] = "best".into();
    doc["applications"][0]["summary"] = "x".repeat(301).into();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let (ok, _, err) = run(&["import", bad.to_str().unwrap(), "--data-dir", target_s]);
    assert!(!ok);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("$.rounds[0].categories[0].kind: unknown category kind"));
    assert!(lines[1].starts_with("$.applications[0].summary: 301 characters"));
    assert!(lines[2].starts_with("prisverdig: ") && lines[2].contains("nothing was written"));

    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["rounds"][0]["categories"][1]["deadline"] = "2019-11-01".into();
    std::fs::write(&bad, doc.to_string()).unwrap();
    let (ok, _, err) = run(&["import", bad.to_str().unwrap(), "--data-dir", target_s]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(!ok && lines.len() == 2, "{err}");
    assert!(
        lines[0].starts_with("$.rounds[0].categories[1].deadline: expected an RFC 3339 time"),
        "{err}"
    );
    assert!(lines[1].contains("nothing was written"), "{err}");

    std::fs::write(&bad, "{\"format\": 1").unwrap();
    let (ok, _, err) = run(&["import", bad.to_str().unwrap(), "--data-dir", target_s]);
    assert!(
        !ok && err.lines().count() == 1 && err.contains("not a prisverdig exchange document"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

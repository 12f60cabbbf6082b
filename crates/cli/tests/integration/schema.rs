//! Both backends must have the same tables and the same columns, so they cannot drift.

use crate::harness::{Backend, TestApp, postgres_url};
use prisverdig_store::schema::tables_and_columns;
use std::collections::{BTreeMap, BTreeSet};

/// Table → columns, read from a migration file's CREATE TABLE statements.
fn declared(sql: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut tables = BTreeMap::new();
    for block in sql.split("CREATE TABLE ").skip(1) {
        let (name, rest) = block.split_once(" (").unwrap();
        let body = &rest[..rest.find("\n);").unwrap()];
        let columns = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("PRIMARY KEY") && !l.starts_with("UNIQUE"))
            .map(|l| l.split_whitespace().next().unwrap().to_string())
            .collect();
        tables.insert(name.to_string(), columns);
    }
    tables
}

#[test]
fn migration_files_come_in_pairs_with_the_same_columns() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../store/migrations");
    let names = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect()
    };
    assert_eq!(
        names("sqlite"),
        names("postgres"),
        "same file names in both trees"
    );
    for file in names("sqlite") {
        let read = |dir: &str| std::fs::read_to_string(format!("{root}/{dir}/{file}")).unwrap();
        assert_eq!(
            declared(&read("sqlite")),
            declared(&read("postgres")),
            "{file}"
        );
    }
}

#[tokio::test]
async fn live_schemas_match_across_backends() {
    let sqlite = TestApp::start(Backend::Sqlite).await;
    let lite = tables_and_columns(sqlite.services.db()).await.unwrap();
    assert!(lite.len() >= 25, "core model present: {:?}", lite.keys());
    for table in [
        "organisation",
        "unit",
        "users",
        "round",
        "category",
        "criterion",
        "application",
        "team_member",
        "attachment",
        "review",
        "score",
        "jury_post",
        "decision",
        "adoption",
        "cheer",
        "audit_log",
        "outbox",
        "session",
        "job",
    ] {
        assert!(lite.contains_key(table), "missing table {table}");
    }
    sqlite.finish().await;
    if postgres_url().is_none() {
        crate::harness::skip_postgres();
        return;
    }
    let pg = TestApp::start(Backend::Postgres).await;
    let post = tables_and_columns(pg.services.db()).await.unwrap();
    pg.finish().await;
    assert_eq!(lite, post);
}

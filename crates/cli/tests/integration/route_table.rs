//! The committed list of GET routes (`e2e/routes.txt`), which the browser suite audits, is
//! the product's real route table: every listed route is matched by the running router under
//! exactly its pattern (read back from `/metrics`), and no `.route(` in crates/web/src is
//! left out of it.

use crate::harness::new_client;
use crate::on_both_backends;
use std::collections::BTreeSet;
use std::path::PathBuf;

const KINDS: [&str; 9] = [
    "page", "api", "asset", "feed", "file", "fragment", "ops", "flow", "export",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `(kind, pattern)` for every line of `e2e/routes.txt`.
fn listed() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("e2e/routes.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, pattern) = l.split_once(' ').unwrap_or_else(|| panic!("{l:?}"));
            assert!(KINDS.contains(&kind), "unknown kind in {l:?}");
            (kind.to_string(), pattern.trim().to_string())
        })
        .collect()
}

/// A path the pattern matches: ids for `{…}`, a real asset for `{*path}`.
fn example(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|s| match s {
            "{*path}" => "app.css".to_string(),
            "{token}" => "ab".repeat(32),
            s if s.starts_with('{') => uuid::Uuid::now_v7().to_string(),
            s => s.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every path given to `.route(` with a GET handler in the web crate's source.
fn get_routes_in_source() -> BTreeSet<String> {
    let route = regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*get\("#).unwrap();
    let mut found = BTreeSet::new();
    let mut dirs = vec![repo().join("crates/web/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.extend(route.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
    }
    found
}

/// The API's routes in the web crate's source with their method routers (`get(…)` and any
/// `.post(`… chained to it), as written in `.route(` calls.
fn api_routes_in_source() -> Vec<(String, String)> {
    let route = regex::Regex::new(r#"\.route\(\s*"(/api/[^"]*)",\s*([^\n]*)"#).unwrap();
    let text = std::fs::read_to_string(repo().join("crates/web/src/api/mod.rs")).unwrap();
    route
        .captures_iter(&text)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

#[test]
fn every_api_route_is_read_only() {
    // The CSRF check lets anything under /api/ through (an API client has no token), which
    // is safe only while no API route can change anything.
    let routes = api_routes_in_source();
    assert!(routes.len() >= 4, "{routes:?}");
    for (path, methods) in routes {
        assert!(methods.starts_with("get("), "{path}: {methods}");
        for other in ["post(", "put(", "patch(", "delete(", "any("] {
            assert!(
                !methods.contains(other),
                "{path} takes more than GET: {methods}"
            );
        }
    }
}

on_both_backends! {
    async fn the_committed_route_list_is_the_routers_own(app) {
        let routes = listed();
        let client = new_client();
        for (_, pattern) in &routes {
            client.get(app.url(&example(pattern))).send().await.unwrap();
        }
        let metrics = app.metrics().await;
        let unmatched: Vec<&str> = routes.iter().map(|(_, p)| p.as_str())
            .filter(|p| !metrics.contains(&format!("method=\"GET\",route=\"{p}\"")))
            .collect();
        assert_eq!(unmatched, Vec::<&str>::new(), "listed in e2e/routes.txt but not a route of the running product");
        let in_list: BTreeSet<String> = routes.iter().map(|(_, p)| p.clone()).collect();
        let source = get_routes_in_source();
        assert!(source.len() > 10, "the route calls were found ({})", source.len());
        let left_out: Vec<&String> = source.difference(&in_list).collect();
        assert_eq!(left_out, Vec::<&String>::new(), "GET routes missing from e2e/routes.txt");
    }
}

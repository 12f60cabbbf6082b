//! `docs/use-cases.md` maps every public method of `Services` to the file that holds it, so
//! that `state.services.x` tells a reader where `x` lives. This test fails when a method is
//! added, moved or removed without the map following.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (method, file) for every `pub fn` directly inside an `impl Services` block.
fn methods_in(relative: &str, code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut block: Option<usize> = None;
    for line in code.lines() {
        let trimmed = line.trim_start();
        if block.is_none() && trimmed.starts_with("impl Services") {
            block = Some(depth);
        }
        if block.is_some_and(|start| depth == start + 1) {
            for prefix in ["pub async fn ", "pub fn "] {
                if let Some(rest) = trimmed.strip_prefix(prefix) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    found.push((name, relative.to_string()));
                }
            }
        }
        depth += line.matches('{').count();
        depth -= line.matches('}').count().min(depth);
        if block.is_some_and(|start| depth <= start) && line.contains('}') {
            block = None;
        }
    }
    found
}

fn methods_in_code() -> BTreeSet<(String, String)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut found = BTreeSet::new();
    for path in &files {
        let relative = format!(
            "crates/service/src/{}",
            path.strip_prefix(&src).unwrap().display()
        );
        let code = std::fs::read_to_string(path).unwrap();
        found.extend(methods_in(&relative, &code));
    }
    found
}

#[test]
fn the_use_case_map_lists_every_method_of_services_in_its_file() {
    let in_code = methods_in_code();
    assert!(in_code.len() > 80, "found only {} methods", in_code.len());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("../../docs/use-cases.md")).unwrap();
    let in_map: BTreeSet<(String, String)> = map
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let file = cells.get(2)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_string(), file.to_string()))
        })
        .collect();
    let missing: Vec<_> = in_code.difference(&in_map).collect();
    let stale: Vec<_> = in_map.difference(&in_code).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/use-cases.md is out of date.\nmissing: {missing:?}\nstale: {stale:?}"
    );
}

#[test]
fn the_scanner_finds_methods_only_directly_inside_impl_services() {
    let code = "impl Other {\n    pub fn not_this(&self) {}\n}\nimpl Services {\n    pub async fn this_one(&self) -> Result<()> {\n        let f = || { pub_fn_inside() };\n    }\n    fn private(&self) {}\n    pub fn and_this(&self) {}\n}\npub fn free() {}\n";
    let names: Vec<String> = methods_in("x.rs", code)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, vec!["this_one", "and_this"]);
}

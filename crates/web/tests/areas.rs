//! The web crate's areas stay apart: an area (a folder of pages, with its `routes()`) names
//! no other area and not the router; shared modules name no area. Only `router.rs` (which
//! merges the areas' routes) and `lib.rs` name them. So no import circle runs through two
//! areas, and a helper two areas need lives in a shared module.

use std::path::{Path, PathBuf};

const AREAS: [&str; 9] = [
    "admin",
    "api",
    "apply",
    "assets",
    "auth",
    "ops",
    "public",
    "statistics",
    "stories",
];
/// The only modules that may name areas.
const WIRING: [&str; 2] = ["lib.rs", "router.rs"];

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

/// The first module of every `crate::` path in `code`, grouped imports included
/// (`use crate::{a, b::c}` names `a` and `b`). Comments are left out.
fn crate_modules(code: &str) -> Vec<String> {
    let code: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth < 0
                })
                .map_or(group.len(), |(i, _)| i);
            let (mut depth, mut item_start) = (0, true);
            for piece in group[..end].split_inclusive([',', '{', '}']) {
                if depth == 0 && item_start {
                    found.push(first_ident(piece));
                }
                depth += piece.matches('{').count() as i32 - piece.matches('}').count() as i32;
                item_start = piece.ends_with(',');
            }
        } else {
            found.push(first_ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn first_ident(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The area a source file belongs to (`None` for a shared module), by its path under `src/`.
fn area_of(relative: &Path) -> Option<&'static str> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    AREAS.into_iter().find(|a| *a == name)
}

/// What `file` (its path under `src/`) may not name but does.
fn crossings(relative: &Path, code: &str) -> Vec<String> {
    let own = area_of(relative);
    let mut wrong: Vec<String> = crate_modules(code)
        .into_iter()
        .filter(|m| m == "router" || (AREAS.contains(&m.as_str()) && Some(m.as_str()) != own))
        .map(|m| format!("crate::{m}"))
        .collect();
    if own.is_some() && code.contains("super::super") {
        wrong.push("super::super".to_string());
    }
    wrong
}

#[test]
fn no_area_names_another_area_or_the_router() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    let mut seen_areas = std::collections::BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        if WIRING.iter().any(|w| relative == Path::new(w)) {
            continue;
        }
        seen_areas.extend(area_of(relative));
        let code = std::fs::read_to_string(path).unwrap();
        for name in crossings(relative, &code) {
            problems.push(format!("{} names {name}", relative.display()));
        }
    }
    assert_eq!(seen_areas.len(), AREAS.len(), "areas found: {seen_areas:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_sees_every_way_of_naming_a_module() {
    let code = "use crate::admin::x;\nuse crate::{forms, stories::{a, b}, router::y};\n\
                let _ = crate::apply::f(); // crate::api in a comment is fine\n";
    assert_eq!(
        crate_modules(code),
        ["admin", "forms", "stories", "router", "apply"]
    );
    let found = crossings(Path::new("stories/edit.rs"), code);
    assert_eq!(found, ["crate::admin", "crate::router", "crate::apply"]);
    let shared = crossings(Path::new("forms.rs"), code);
    assert_eq!(shared.len(), 4, "a shared module names no area: {shared:?}");
    let climbing = crossings(Path::new("apply/save.rs"), "use super::super::admin;");
    assert_eq!(climbing, ["super::super"]);
}

/// Web reaches data only through use cases: no file names the store (the manifest has no
/// store dependency either) or calls `Services::db`, the handle kept for the CLI and tests.
#[test]
fn web_never_touches_the_database_handle_or_the_store() {
    let manifest =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .unwrap();
    assert!(
        !manifest.contains("prisverdig-store"),
        "web depends on the store"
    );
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let problems: Vec<String> = files
        .iter()
        .filter(|path| {
            let code = std::fs::read_to_string(path).unwrap();
            let code: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or_default())
                .collect();
            code.contains("prisverdig_store")
                || code.contains("services.db")
                || code.contains(".db()")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

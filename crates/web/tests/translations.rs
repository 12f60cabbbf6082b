//! Every translation key exists in every language, every key the code uses exists, and no
//! key lies unused.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LANGUAGES: [&str; 3] = ["nb", "nn", "en"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn keys(lang: &str) -> BTreeSet<String> {
    let dir = root().join("locales").join(lang);
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((key, _)) = line.split_once(" = ")
                && !key.starts_with([' ', '#'])
            {
                assert!(keys.insert(key.to_string()), "{lang}: {key} defined twice");
            }
        }
    }
    keys
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn read_all(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn templates() -> String {
    let mut files = Vec::new();
    files_under(&root().join("templates"), "html", &mut files);
    read_all(&files)
}

/// Sources that name no key of the pages: the e-mails' own words (a bundle of their own,
/// `crates/service/locales`, checked by the service's `mail::tests`) and stored codes that
/// look like keys (`"follow-up"`, `"jury-reminder"`).
const NOT_PAGE_TEXT: [&str; 6] = [
    "service/src/mail/letters.rs",
    "service/src/mail/language.rs",
    "service/src/mail/render.rs",
    "service/src/mail/tests.rs",
    "domain/src/mail.rs",
    "domain/src/schedule.rs",
];

/// The Rust sources of the crates that name message ids, a text per file.
fn rust_files() -> Vec<String> {
    let mut files = Vec::new();
    for krate in ["web", "service", "domain"] {
        files_under(&root().join("..").join(krate).join("src"), "rs", &mut files);
    }
    files.retain(|f| {
        !NOT_PAGE_TEXT
            .iter()
            .any(|skip| f.to_string_lossy().contains(skip))
    });
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn sources() -> String {
    templates() + &rust_files().join("\n")
}

/// Key-shaped: lowercase words joined by `-`; a prefix like `"admin-alert-"` is not a key.
fn is_key(piece: &str) -> bool {
    piece.contains('-')
        && !piece.ends_with('-')
        && piece
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Keys the code uses: `.t("key")` anywhere, and `"error-…"` message ids in Rust.
fn used_keys() -> BTreeSet<String> {
    let (html, rust_files) = (templates(), rust_files());
    let rust = rust_files.join("\n");
    let mut used = BTreeSet::new();
    for text in [&html, &rust] {
        for piece in text.split(".t(\"").skip(1) {
            let key = piece.split('"').next().unwrap_or("");
            if is_key(key) {
                used.insert(key.to_string());
            }
        }
    }
    // Any Rust string of a key family that exists (`error-…`, `apply-…`), e.g. message ids
    // and labels handed to builders.
    let families: BTreeSet<String> = keys("nb")
        .iter()
        .filter_map(|k| k.split('-').next())
        .map(str::to_string)
        .collect();
    // Class names of the style sheet (`"print-body"`) are no keys.
    let css = std::fs::read_to_string(root().join("static/app.css")).unwrap();
    let is_class = |piece: &str| {
        css.match_indices(&format!(".{piece}")).any(|(at, m)| {
            !css[at + m.len()..].starts_with(|c: char| c == '-' || c.is_ascii_alphanumeric())
        })
    };
    // File by file, and with quotes written as a character or escaped inside a string taken
    // out first (they delimit nothing), so that one of them cannot turn every later string of
    // the scan inside out.
    for file in &rust_files {
        let file = file.replace("'\"'", "").replace("\\\"", "");
        for piece in file.split('"').skip(1).step_by(2) {
            let family = piece.split('-').next().unwrap_or("");
            if is_key(piece) && families.contains(family) && !is_class(piece) {
                used.insert(piece.to_string());
            }
        }
    }
    used
}

#[test]
fn every_language_has_the_same_keys() {
    let nb = keys("nb");
    for lang in LANGUAGES {
        let other = keys(lang);
        let missing: Vec<_> = nb.difference(&other).collect();
        let extra: Vec<_> = other.difference(&nb).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn every_key_the_code_uses_exists() {
    let nb = keys("nb");
    let used = used_keys();
    assert!(
        used.len() > 20 && used.contains("error-email-invalid"),
        "the scan finds keys: {used:?}"
    );
    let missing: Vec<_> = used.into_iter().filter(|k| !nb.contains(k)).collect();
    assert!(missing.is_empty(), "used but not translated: {missing:?}");
}

#[test]
fn no_key_is_unused() {
    let text = sources();
    // Month names are looked up as `month-{n}`.
    let unused: Vec<_> = keys("nb")
        .into_iter()
        .filter(|k| !k.starts_with("month-") && !text.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "translated but never used: {unused:?}");
}

/// Every audit action the use cases write has a name on the audit page
/// (`labels::audit_action`): a code like `"round.update"` handed to the audit log in the
/// service must appear there as `"round.update" =>`.
#[test]
fn every_audit_action_has_a_name() {
    let mut files = Vec::new();
    files_under(&root().join("../service/src"), "rs", &mut files);
    let service = read_all(&files);
    let labels = std::fs::read_to_string(root().join("src/labels.rs")).unwrap();
    let entities = [
        "adoption",
        "application",
        "attachment",
        "category",
        "conflict",
        "criterion",
        "decision",
        "feedback",
        "jury",
        "review",
        "question",
        "demo",
        "exchange",
        "round",
        "story",
        "team",
        "tip",
        "unit",
        "user",
    ];
    let mut codes = BTreeSet::new();
    for entity in entities {
        let opening = format!("\"{entity}.");
        for piece in service.split(opening.as_str()).skip(1) {
            let rest = piece.split('"').next().unwrap_or("");
            if !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
            {
                codes.insert(format!("{entity}.{rest}"));
            }
        }
    }
    // `admin/categories.rs` writes `{entity}.{verb}` for criteria and questions.
    for entity in ["criterion", "question"] {
        for verb in ["add", "update", "remove"] {
            codes.insert(format!("{entity}.{verb}"));
        }
    }
    assert!(
        codes.len() > 40 && codes.contains("round.update"),
        "{codes:?}"
    );
    let unnamed: Vec<_> = codes
        .iter()
        .filter(|c| !labels.contains(&format!("\"{c}\" =>")))
        .collect();
    assert!(
        unnamed.is_empty(),
        "audit actions without a name: {unnamed:?}"
    );
}

//! Where uploaded files are kept: the data directory (`files_backend = "local"`, the
//! default) or an S3-compatible bucket (`"s3"`, for several processes on several machines),
//! with the bucket's settings. An `s3_*` setting without `files_backend = "s3"` is refused,
//! so that a half-configured process never writes uploads to its own disk unnoticed.

use super::{Raw, parse};
use prisverdig_service::files::S3Settings;
use prisverdig_service::sso::Secret;

/// The settings of this module, in the order `config/default.toml` gives them.
pub(super) const KEYS: [&str; 7] = [
    "files_backend",
    "s3_bucket",
    "s3_endpoint",
    "s3_region",
    "s3_prefix",
    "s3_access_key_id",
    "s3_secret_access_key",
];

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FilesConfig {
    /// `<data_dir>/files`.
    #[default]
    Local,
    S3(S3Settings),
}

/// A bucket name as S3 allows it: 3–63 lower-case letters, digits, dots and hyphens,
/// beginning and ending with a letter or digit.
fn bucket(value: &str) -> Option<String> {
    let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let ok = (3..=63).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && ends_ok(value.chars().next())
        && ends_ok(value.chars().last());
    ok.then(|| value.to_string())
}

/// `https://host[:port]`, or `http://` for a private network or a test server.
fn endpoint(value: &str) -> Option<Option<String>> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))?;
    let ok = !rest.is_empty() && !rest.contains(char::is_whitespace) && !rest.contains(['?', '#']);
    ok.then(|| Some(value.trim_end_matches('/').to_string()))
}

/// Path segments of letters, digits, `-`, `_` and `.` (never `.` or `..` alone) joined by
/// `/`; one leading or trailing `/` is forgiven.
fn prefix(value: &str) -> Option<String> {
    let value = value.trim_matches('/');
    if value.is_empty() {
        return Some(String::new());
    }
    let ok = value.split('/').all(|segment| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    });
    ok.then(|| value.to_string())
}

fn word(value: &str) -> Option<Option<String>> {
    let ok = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    ok.then(|| Some(value.to_string()))
}

pub(super) fn load(raw: &Raw) -> Result<FilesConfig, String> {
    let s3 = parse(
        raw,
        "files_backend",
        false,
        "\"local\" or \"s3\"",
        |v| match v {
            "local" => Some(false),
            "s3" => Some(true),
            _ => None,
        },
    )?;
    if !s3 {
        return match KEYS[1..].iter().find_map(|key| raw.get(key)) {
            Some((_, source)) => Err(format!(
                "setting {source}: the bucket's settings need files_backend = \"s3\" \
                 (PRISVERDIG_FILES_BACKEND=s3); without it uploads stay in the data directory"
            )),
            None => Ok(FilesConfig::Local),
        };
    }
    let bucket = parse(
        raw,
        "s3_bucket",
        None,
        "a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)",
        |v| bucket(v).map(Some),
    )?
    .ok_or(
        "setting `s3_bucket` (or PRISVERDIG_S3_BUCKET) is required for files_backend = \"s3\"",
    )?;
    let access_key_id = parse(raw, "s3_access_key_id", None, "an access key id", word)?;
    let secret_access_key = parse(
        raw,
        "s3_secret_access_key",
        None,
        "a secret access key without spaces",
        |v| (!v.is_empty() && !v.contains(char::is_whitespace)).then(|| Some(Secret(v.into()))),
    )?;
    if access_key_id.is_some() != secret_access_key.is_some() {
        let (given, missing) = match access_key_id {
            Some(_) => ("s3_access_key_id", "s3_secret_access_key"),
            None => ("s3_secret_access_key", "s3_access_key_id"),
        };
        return Err(format!(
            "setting `{missing}` (or PRISVERDIG_{}) is required with `{given}`",
            missing.to_uppercase()
        ));
    }
    Ok(FilesConfig::S3(S3Settings {
        bucket,
        endpoint: parse(
            raw,
            "s3_endpoint",
            None,
            "an https:// (or, on a private network, http://) address like https://s3.example.no",
            endpoint,
        )?,
        region: parse(raw, "s3_region", None, "a region like eu-north-1", word)?,
        prefix: parse(
            raw,
            "s3_prefix",
            String::new(),
            "a path like prisverdig/files (letters, digits, - _ . and /)",
            prefix,
        )?,
        access_key_id,
        secret_access_key,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths_are_checked_as_s3_reads_them() {
        assert_eq!(
            bucket("prisverdig-fjordvik").as_deref(),
            Some("prisverdig-fjordvik")
        );
        for bad in [
            "ab",
            "Prisverdig",
            "-priser",
            "priser-",
            "pris verdig",
            "pris_verdig",
        ] {
            assert_eq!(bucket(bad), None, "{bad}");
        }
        assert_eq!(
            endpoint("https://s3.example.no/"),
            Some(Some("https://s3.example.no".into()))
        );
        assert_eq!(endpoint("s3.example.no"), None);
        assert_eq!(endpoint("ftp://s3.example.no"), None);
        assert_eq!(
            prefix("/prisverdig/files/").as_deref(),
            Some("prisverdig/files")
        );
        assert_eq!(prefix("").as_deref(), Some(""));
        for bad in ["a//b", "a/../b", "a/b c", "æ"] {
            assert_eq!(prefix(bad), None, "{bad}");
        }
    }
}

//! A real S3-compatible server on loopback for the object storage tests: moto's server
//! (`scripts/s3-test-server/`, installed by its `install.sh` into `target/s3-test-server-venv`,
//! which `.ci/run` calls). Each test starts one of its own with an empty bucket. Without the
//! installed server the tests say they are skipped, except where `PRISVERDIG_REQUIRE_S3` is set
//! (CI): there they fail.

use prisverdig_service::files::S3Settings;
use prisverdig_service::sso::Secret;
use std::path::PathBuf;
use tokio::io::{AsyncBufReadExt, BufReader};

/// CI sets this: there, a test that cannot start the server fails instead of skipping.
const REQUIRE_S3_ENV: &str = "PRISVERDIG_REQUIRE_S3";
pub const BUCKET: &str = "prisverdig-test";
/// moto takes any credentials; these are what the products sign with.
const KEY_ID: &str = "test-key-id";
const SECRET: &str = "test-secret";

pub struct S3Server {
    pub endpoint: String,
    /// Killed when the test ends (its stdin closes too, which stops it on its own).
    _process: tokio::process::Child,
}

fn server_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/s3-test-server")
}

fn python() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/s3-test-server-venv/bin/python")
}

/// Starts the server with [`BUCKET`], or says why the test is skipped (`None`), unless
/// [`REQUIRE_S3_ENV`] is set: then it fails.
pub async fn start() -> Option<S3Server> {
    if !python().exists() {
        let reason = format!(
            "the S3 test server is not installed (run {}/install.sh)",
            server_dir().display()
        );
        assert!(
            std::env::var(REQUIRE_S3_ENV).map_or(true, |v| v.is_empty()),
            "{REQUIRE_S3_ENV} is set but {reason}"
        );
        eprintln!("skipped: {reason}");
        return None;
    }
    let mut child = tokio::process::Command::new(python())
        .arg(server_dir().join("server.py"))
        .arg(BUCKET)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the S3 test server starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(60), lines.next_line())
        .await
        .expect("the S3 test server starts within 60 s")
        .unwrap()
        .expect("the S3 test server prints its endpoint");
    let endpoint = first
        .strip_prefix("ENDPOINT ")
        .expect("ENDPOINT line")
        .to_string();
    Some(S3Server {
        endpoint,
        _process: child,
    })
}

impl S3Server {
    /// The store's settings for `bucket` under `prefix`.
    pub fn settings(&self, bucket: &str, prefix: &str) -> S3Settings {
        S3Settings {
            bucket: bucket.into(),
            endpoint: Some(self.endpoint.clone()),
            region: Some("us-east-1".into()),
            prefix: prefix.into(),
            access_key_id: Some(KEY_ID.into()),
            secret_access_key: Some(Secret(SECRET.into())),
        }
    }

    /// The same as environment variables of `prisverdig`.
    pub fn env(&self, prefix: &str) -> Vec<(&'static str, String)> {
        vec![
            ("PRISVERDIG_FILES_BACKEND", "s3".into()),
            ("PRISVERDIG_S3_BUCKET", BUCKET.into()),
            ("PRISVERDIG_S3_ENDPOINT", self.endpoint.clone()),
            ("PRISVERDIG_S3_REGION", "us-east-1".into()),
            ("PRISVERDIG_S3_PREFIX", prefix.into()),
            ("PRISVERDIG_S3_ACCESS_KEY_ID", KEY_ID.into()),
            ("PRISVERDIG_S3_SECRET_ACCESS_KEY", SECRET.into()),
        ]
    }
}

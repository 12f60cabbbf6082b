//! Issue 16, uploads in S3-compatible object storage, against a real S3 server on loopback
//! (moto, [`crate::s3_server`]): the store's calls, a wrong bucket stopping start-up, and two
//! `prisverdig serve` processes on one database and one bucket serving each other's uploads,
//! as two machines behind a load balancer would.

use crate::crash::{PASSWORD, World, setup};
use crate::harness::{new_client, scratch_postgres};
use crate::s3_server::{self, BUCKET, S3Server};
use crate::uploads::{PNG, attachment_ids};
use prisverdig_bench::{client, sign_in};
use prisverdig_service::files::{FileStore, S3FileStore};
use prisverdig_store::Db;
use reqwest::multipart::{Form, Part};
use std::io::ErrorKind;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use uuid::Uuid;

const BIN: &str = env!("CARGO_BIN_EXE_prisverdig");

#[tokio::test]
async fn the_s3_store_puts_gets_replaces_lists_and_deletes() {
    let Some(s3) = s3_server::start().await else {
        return;
    };
    let store = S3FileStore::new(&s3.settings(BUCKET, "fjordvik/files")).unwrap();
    let neighbour = S3FileStore::new(&s3.settings(BUCKET, "other")).unwrap();
    store.check().await.unwrap();
    let (first, second) = (Uuid::now_v7().to_string(), Uuid::now_v7().to_string());
    assert_eq!(
        store.get(&first).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    store.put(&first, b"first".to_vec()).await.unwrap();
    store.put(&first, PNG.to_vec()).await.unwrap();
    store.put(&second, vec![7; 300_000]).await.unwrap();
    neighbour.put(&first, b"elsewhere".to_vec()).await.unwrap();
    assert_eq!(store.get(&first).await.unwrap(), PNG, "replaced whole");
    assert_eq!(store.get(&second).await.unwrap(), vec![7; 300_000]);
    let mut both = vec![first.clone(), second.clone()];
    both.sort();
    assert_eq!(store.keys().await.unwrap(), both, "this prefix only");
    store.delete(&first).await.unwrap();
    store.delete(&first).await.unwrap();
    assert_eq!(
        store.get(&first).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(store.keys().await.unwrap(), [second]);
    assert_eq!(neighbour.get(&first).await.unwrap(), b"elsewhere");
    let invalid = store.put("../escape", b"x".to_vec()).await.unwrap_err();
    assert_eq!(invalid.kind(), ErrorKind::InvalidInput);
    let missing = S3FileStore::new(&s3.settings("no-such-bucket", "")).unwrap();
    let problem = missing.check().await.unwrap_err().to_string();
    assert!(problem.contains("NoSuchBucket"), "{problem}");
}

#[tokio::test]
async fn a_bucket_that_cannot_be_listed_stops_start_up_with_one_line() {
    let Some(s3) = s3_server::start().await else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("prisverdig-s3-bin-{}", Uuid::now_v7()));
    let mut env = s3.env("");
    env.retain(|(k, _)| *k != "PRISVERDIG_S3_BUCKET");
    env.push(("PRISVERDIG_S3_BUCKET", "no-such-bucket".into()));
    let out = Command::new(BIN)
        .args(["migrate", "--data-dir", dir.to_str().unwrap()])
        .envs(env)
        .env_remove("PRISVERDIG_DATABASE_URL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<_> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!out.status.success());
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("prisverdig: cannot list s3://no-such-bucket")
            && lines[0].contains("NoSuchBucket"),
        "the bucket is named, and S3's reason given: {lines:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Runs the binary on SQLite in `data` with the files under `prefix`; (success, stdout,
/// stderr).
fn run(s3: &S3Server, prefix: &str, data: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .envs(s3.env(prefix))
        .env("PRISVERDIG_LOG", "warn")
        .env_remove("PRISVERDIG_DATABASE_URL")
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

#[tokio::test]
async fn a_backup_takes_the_buckets_files_and_restores_them_into_an_empty_prefix() {
    let Some(s3) = s3_server::start().await else {
        return;
    };
    let run_id = Uuid::now_v7().simple();
    let (from, into) = (format!("from-{run_id}"), format!("into-{run_id}"));
    let scratch = std::env::temp_dir().join(format!("prisverdig-s3-backup-{run_id}"));
    let (source, target, third) = (scratch.join("a"), scratch.join("b"), scratch.join("c"));
    assert!(run(&s3, &from, &source, &["migrate"]).0);
    let original = S3FileStore::new(&s3.settings(BUCKET, &from)).unwrap();
    let mut files = Vec::new();
    for i in 0..3u8 {
        let key = Uuid::now_v7().to_string();
        let bytes: Vec<u8> = (0..5000u32)
            .map(|n| (n as u8).wrapping_mul(i + 3))
            .collect();
        original.put(&key, bytes.clone()).await.unwrap();
        files.push((key, bytes));
    }
    let archive = scratch.join("backup.tar.gz");
    let archive = archive.to_str().unwrap();
    let (ok, out, err) = run(&s3, &from, &source, &["backup", archive]);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("and 3 files from s3://{BUCKET}/{from}")),
        "{out}"
    );
    let (ok, _, err) = run(&s3, &into, &target, &["restore", archive]);
    assert!(ok, "{err}");
    let restored = S3FileStore::new(&s3.settings(BUCKET, &into)).unwrap();
    assert_eq!(
        restored.keys().await.unwrap(),
        original.keys().await.unwrap()
    );
    for (key, bytes) in &files {
        assert_eq!(&restored.get(key).await.unwrap(), bytes, "{key}");
    }
    // Never over files already there: the prefix holds the restored ones now.
    let (ok, _, err) = run(&s3, &into, &third, &["restore", archive]);
    assert!(!ok);
    assert!(
        err.contains(&format!("s3://{BUCKET}/{into} holds files already")),
        "{err}"
    );
    assert!(
        !third.join("prisverdig.db").exists(),
        "and nothing restored"
    );
    let _ = std::fs::remove_dir_all(scratch);
}

/// A `prisverdig serve` on `url` with its own data directory (its own search index) and
/// files in the bucket under `prefix`.
struct Process {
    base: String,
    data: std::path::PathBuf,
    child: Child,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

async fn serve(url: &str, s3: &S3Server, prefix: &str) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data = std::env::temp_dir().join(format!("prisverdig-s3-{}", Uuid::now_v7()));
    let child = Command::new(BIN)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(&data)
        .args(["--database-url", url])
        .envs(s3.env(prefix))
        .env("PRISVERDIG_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed and waited for when dropped, also when it never comes up.
    let process = Process {
        base: format!("http://127.0.0.1:{port}"),
        data,
        child,
    };
    for _ in 0..600 {
        if let Ok(res) = new_client()
            .get(format!("{}/healthz", process.base))
            .send()
            .await
            && res.status() == 200
        {
            return process;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("prisverdig serve with the S3 backend did not come up");
}

async fn start_application(p: &Process, client: &reqwest::Client, token: &str, w: &World) -> Uuid {
    let (c, u) = (w.category.to_string(), w.unit.to_string());
    let form = [
        ("category", c.as_str()),
        ("unit", u.as_str()),
        ("_csrf", token),
    ];
    let res = client
        .post(format!("{}/apply", p.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    let location = res.headers()["location"].to_str().unwrap();
    let id = location
        .trim_start_matches("/applications/")
        .trim_end_matches("/edit");
    Uuid::parse_str(id).unwrap()
}

/// Status, content type and body of `path` on `p`.
async fn fetch(p: &Process, client: &reqwest::Client, path: &str) -> (u16, String, Vec<u8>) {
    let res = client
        .get(format!("{}{path}", p.base))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

async fn two_processes_serve_one_upload(url: String, data: &Path) {
    let Some(s3) = s3_server::start().await else {
        return;
    };
    let world = setup(Db::connect(&url, 2).await.unwrap(), data).await;
    let prefix = format!("run-{}", Uuid::now_v7().simple());
    let a = serve(&url, &s3, &prefix).await;
    let b = serve(&url, &s3, &prefix).await;
    // One browser: the session lives in the database, so either process knows it.
    let browser = client().unwrap();
    let email = "soker0@fjordvik.example";
    let token = sign_in(&a.base, &browser, email, PASSWORD, None)
        .await
        .unwrap();
    let id = start_application(&a, &browser, &token, &world).await;
    let form = Form::new()
        .part("file", Part::bytes(PNG.to_vec()).file_name("renhold.png"))
        .text("alt_text", "Renholder med nettbrett");
    let res = browser
        .post(format!(
            "{}/applications/{id}/attachments?_csrf={token}",
            a.base
        ))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "uploaded through A");
    let (_, _, page) = fetch(&b, &browser, &format!("/applications/{id}/edit")).await;
    let files = attachment_ids(&String::from_utf8(page).unwrap());
    assert_eq!(files.len(), 1, "B lists the upload");
    let file = &files[0];
    for path in [format!("/files/{file}"), format!("/files/{file}/thumbnail")] {
        let from_a = fetch(&a, &browser, &path).await;
        let from_b = fetch(&b, &browser, &path).await;
        assert_eq!(from_a.0, 200, "{path} from A");
        assert!(from_a.1.starts_with("image/"), "{path}: {}", from_a.1);
        assert!(!from_a.2.is_empty());
        assert_eq!(from_b, from_a, "{path}: B serves A's upload byte for byte");
    }
    // In the bucket, and on neither process's disk.
    let bucket = S3FileStore::new(&s3.settings(BUCKET, &prefix)).unwrap();
    assert_eq!(
        bucket.keys().await.unwrap().len(),
        2,
        "the image and its thumbnail"
    );
    for p in [&a, &b] {
        assert!(!p.data.join("files").exists(), "no local files");
    }
    let res = browser
        .post(format!(
            "{}/applications/{id}/attachments/{file}/remove",
            b.base
        ))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "removed through B");
    for path in [format!("/files/{file}"), format!("/files/{file}/thumbnail")] {
        assert_eq!(
            fetch(&a, &browser, &path).await.0,
            404,
            "{path} gone from A"
        );
    }
    assert!(
        bucket.keys().await.unwrap().is_empty(),
        "and from the bucket"
    );
}

#[tokio::test]
async fn two_processes_on_sqlite_serve_each_others_uploads_from_one_bucket() {
    let dir = std::env::temp_dir().join(format!("prisverdig-s3-db-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("prisverdig.db").display());
    two_processes_serve_one_upload(url, &dir).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn two_processes_on_postgresql_serve_each_others_uploads_from_one_bucket() {
    let Some((url, database)) = scratch_postgres().await else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("prisverdig-s3-pg-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    two_processes_serve_one_upload(url, &dir).await;
    let _ = std::fs::remove_dir_all(dir);
    database.drop().await;
}

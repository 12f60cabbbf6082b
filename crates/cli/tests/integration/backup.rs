//! Issue 16, the backup drill: `prisverdig backup` while the server runs, `prisverdig
//! restore` into an empty data directory, and every table and file compared with the
//! original; on PostgreSQL through pg_dump and pg_restore. A restore refuses a place that
//! holds data and a damaged archive, and leaves nothing behind when it refuses.

use crate::harness::{PG_ENV, new_client, postgres_url, skip_postgres};
use prisverdig_store::Db;
use prisverdig_store::backup::digests;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_prisverdig");

fn temp_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prisverdig-{what}-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary with `args`; (success, stdout, stderr).
fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("PRISVERDIG_DATABASE_URL")
        .env("PRISVERDIG_LOG", "warn")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Uploaded files as the file store lays them out (`files/<last two>/<key>`).
fn put_files(data: &Path) -> Vec<(String, Vec<u8>)> {
    let mut put = Vec::new();
    for i in 0..5u8 {
        let key = format!("{}{:02x}", uuid::Uuid::now_v7().simple(), i);
        let dir = data.join("files").join(&key[key.len() - 2..]);
        std::fs::create_dir_all(&dir).unwrap();
        let bytes: Vec<u8> = (0..2000u32)
            .map(|n| (n as u8).wrapping_mul(i + 1))
            .collect();
        std::fs::write(dir.join(&key), &bytes).unwrap();
        put.push((format!("{}/{key}", &key[key.len() - 2..]), bytes));
    }
    // A file the store is still writing: not part of any backup.
    std::fs::write(data.join("files").join(".half.tmp"), b"half").unwrap();
    put
}

fn assert_same_files(a: &Path, b: &Path, expected: &[(String, Vec<u8>)]) {
    for (rel, bytes) in expected {
        assert_eq!(
            &std::fs::read(b.join("files").join(rel)).unwrap(),
            bytes,
            "{rel}"
        );
        assert_eq!(
            std::fs::read(a.join("files").join(rel)).unwrap(),
            std::fs::read(b.join("files").join(rel)).unwrap()
        );
    }
    assert!(!b.join("files").join(".half.tmp").exists());
}

async fn sqlite(data: &Path) -> Db {
    Db::connect(
        &format!("sqlite://{}", data.join("prisverdig.db").display()),
        1,
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_online_backup_restores_every_table_and_file() {
    let a = temp_dir("backup-a");
    let data = a.to_str().unwrap();
    assert!(run(&["demo", "--data-dir", data]).0, "the demo is seeded");
    let files = put_files(&a);
    // The server runs while the backup is taken.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(BIN)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
            data,
        ])
        .env("PRISVERDIG_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut up = false;
    for _ in 0..100 {
        if let Ok(res) = new_client().get(format!("{base}/healthz")).send().await {
            up = res.status() == 200;
            if up {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "the server answers");
    let archives = temp_dir("backup-archives");
    let online = archives.join("online.tar.gz");
    let (ok, out, err) = run(&["backup", online.to_str().unwrap(), "--data-dir", data]);
    assert!(ok, "{err}");
    assert!(out.contains("and 5 files"), "{out}");
    // Not on a terminal: progress as plain lines, the last with the count.
    assert!(err.contains("backup: files: 5 files in"), "{err}");
    assert!(!archives.join("online.partial").exists());
    // The server still answers, and a second backup to the same name is refused.
    assert_eq!(
        new_client()
            .get(format!("{base}/catalogue"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let (ok, _, err) = run(&["backup", online.to_str().unwrap(), "--data-dir", data]);
    assert!(!ok && err.contains("exists already"), "{err}");
    server.kill().unwrap();
    server.wait().unwrap();

    // Restored, the online backup checks itself against its manifest (every table's digest).
    let c = temp_dir("backup-c");
    let (ok, out, err) = run(&[
        "restore",
        online.to_str().unwrap(),
        "--data-dir",
        c.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Every table matched"), "{out}");
    assert_same_files(&a, &c, &files);
    // What an idle server does not write is the same as the original's.
    let (original, restored) = (
        digests(&sqlite(&a).await).await.unwrap(),
        digests(&sqlite(&c).await).await.unwrap(),
    );
    for table in [
        "application",
        "users",
        "round",
        "category",
        "story",
        "decision",
        "adoption",
        "unit",
    ] {
        assert_eq!(original[table], restored[table], "{table}");
    }

    // Taken with the server stopped, every table matches exactly.
    let offline = archives.join("offline.tar.gz");
    assert!(run(&["backup", offline.to_str().unwrap(), "--data-dir", data]).0);
    let d = temp_dir("backup-d");
    assert!(
        run(&[
            "restore",
            offline.to_str().unwrap(),
            "--data-dir",
            d.to_str().unwrap()
        ])
        .0
    );
    let original = digests(&sqlite(&a).await).await.unwrap();
    let restored = digests(&sqlite(&d).await).await.unwrap();
    assert!(original.len() > 40, "every table: {}", original.len());
    assert_eq!(original, restored);
    assert_same_files(&a, &d, &files);

    // Into a place that holds data: refused, nothing changed.
    let (ok, _, err) = run(&[
        "restore",
        offline.to_str().unwrap(),
        "--data-dir",
        d.to_str().unwrap(),
    ]);
    assert!(
        !ok && err.contains("restore into an empty data directory"),
        "{err}"
    );
    assert_eq!(digests(&sqlite(&d).await).await.unwrap(), original);

    // A backup of a data directory without a database: refused, and none is made there.
    let nothing = temp_dir("backup-nothing");
    let (ok, _, err) = run(&[
        "backup",
        archives.join("none.tar.gz").to_str().unwrap(),
        "--data-dir",
        nothing.to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("no database at"), "{err}");
    assert!(!nothing.join("prisverdig.db").exists());

    // A damaged or cut-off archive: refused, and the empty directory stays empty.
    let bytes = std::fs::read(&offline).unwrap();
    for (name, broken) in [
        ("cut.tar.gz", bytes[..bytes.len() / 2].to_vec()),
        ("noise.tar.gz", b"not a backup at all".to_vec()),
    ] {
        let path = archives.join(name);
        std::fs::write(&path, broken).unwrap();
        let e = temp_dir("backup-e");
        let (ok, _, err) = run(&[
            "restore",
            path.to_str().unwrap(),
            "--data-dir",
            e.to_str().unwrap(),
        ]);
        assert!(!ok, "{name}");
        assert!(err.starts_with("prisverdig: "), "{err}");
        let left: Vec<_> = std::fs::read_dir(&e).unwrap().collect();
        assert!(left.is_empty(), "{name} left {left:?}");
    }
}

#[tokio::test]
async fn a_postgresql_backup_goes_through_pg_dump_and_restores_every_table() {
    let Some(admin_url) = postgres_url() else {
        return skip_postgres();
    };
    let (server, _) = admin_url
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("{PG_ENV} ends with /DATABASE"));
    let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
    let names = [
        format!("pv_backup_{}", uuid::Uuid::now_v7().simple()),
        format!("pv_restore_{}", uuid::Uuid::now_v7().simple()),
    ];
    for name in &names {
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
    }
    let (from, to) = (
        format!("{server}/{}", names[0]),
        format!("{server}/{}", names[1]),
    );
    let a = temp_dir("pg-backup-a");
    let c = temp_dir("pg-backup-c");
    assert!(
        run(&[
            "demo",
            "--database-url",
            &from,
            "--data-dir",
            a.to_str().unwrap()
        ])
        .0
    );
    let files = put_files(&a);
    let archive = temp_dir("pg-archives").join("pg.tar.gz");
    let (ok, out, err) = run(&[
        "backup",
        archive.to_str().unwrap(),
        "--database-url",
        &from,
        "--data-dir",
        a.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("postgres"), "{out}");
    let (ok, _, err) = run(&[
        "restore",
        archive.to_str().unwrap(),
        "--database-url",
        &to,
        "--data-dir",
        c.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let original = digests(&Db::connect(&from, 1).await.unwrap())
        .await
        .unwrap();
    let restored = digests(&Db::connect(&to, 1).await.unwrap()).await.unwrap();
    assert!(original.len() > 40);
    assert_eq!(original, restored);
    assert_same_files(&a, &c, &files);
    // Into a database that holds data: refused.
    let d = temp_dir("pg-backup-d");
    let (ok, _, err) = run(&[
        "restore",
        archive.to_str().unwrap(),
        "--database-url",
        &to,
        "--data-dir",
        d.to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("holds data already"), "{err}");
    // A SQLite backup does not go into PostgreSQL.
    let sqlite_dir = temp_dir("pg-backup-sqlite");
    assert!(run(&["demo", "--data-dir", sqlite_dir.to_str().unwrap()]).0);
    let sqlite_archive = sqlite_dir.join("s.tar.gz");
    assert!(
        run(&[
            "backup",
            sqlite_archive.to_str().unwrap(),
            "--data-dir",
            sqlite_dir.to_str().unwrap()
        ])
        .0
    );
    let empty = format!("pv_empty_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {empty}")))
        .execute(&admin)
        .await
        .unwrap();
    let (ok, _, err) = run(&[
        "restore",
        sqlite_archive.to_str().unwrap(),
        "--database-url",
        &format!("{server}/{empty}"),
        "--data-dir",
        temp_dir("pg-e").to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("use `export` and `import`"), "{err}");
    for name in names.iter().chain([&empty]) {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&admin)
        .await;
    }
}

//! `prisverdig backup FILE` and `prisverdig restore FILE` (docs/backup.md).
//!
//! A backup is one gzip-compressed tar archive:
//! - `database.sqlite`: a consistent copy taken while the server runs (`VACUUM INTO`), or
//!   `database.pgdump`: `pg_dump --format=custom` of a PostgreSQL database;
//! - `files/<shard>/<key>`: every uploaded file, read through the file store, so the data
//!   directory's files and a bucket's are backed up alike;
//! - `manifest.json`, last: the format and its version, when and from which backend, the
//!   SHA-256 and size of the database copy and of every file, and (SQLite) every table's row
//!   count and digest (`store::backup::digests`).
//!
//! The archive is written as `FILE.partial` and renamed when complete, so an interrupted
//! backup (Ctrl-C, a full disk) leaves no file that looks like a backup. A restore goes only
//! into an empty data directory (or an empty PostgreSQL database): it unpacks into a
//! directory of its own inside it, checks every checksum and, for SQLite, every table's
//! digest against the manifest, and only then writes the files into the (empty) file store
//! and puts the database in place;
//! the migrations then bring an older backup up to this version. The search index is not
//! backed up: it is rebuilt from the database at start.

use super::open;
use crate::progress::{self, Progress};
use crate::settings::Settings;
use anyhow::{Context, bail};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use prisverdig_service::files::{FileStore, relative_path};
use prisverdig_store::Db;
use prisverdig_store::backup::{self, TableDigest};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

const FORMAT: &str = "prisverdig-backup";
const VERSION: u32 = 1;
const SQLITE_NAME: &str = "database.sqlite";
const PGDUMP_NAME: &str = "database.pgdump";

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    created_at: String,
    /// `sqlite` or `postgres`.
    backend: String,
    database: Entry,
    files: Vec<Entry>,
    /// Every table's rows and digest (SQLite only: the copy is read back for them).
    #[serde(default)]
    tables: Option<BTreeMap<String, TableDigest>>,
}

#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    path: String,
    size: u64,
    sha256: String,
}

/// Removes what it guards when dropped, unless kept: the partial archive, the unpacked
/// restore. An error or Ctrl-C thus leaves nothing behind.
struct Cleanup(Vec<PathBuf>);

impl Cleanup {
    fn keep(mut self) {
        self.0.clear();
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for path in &self.0 {
            let _ = if path.is_dir() {
                fs::remove_dir_all(path)
            } else {
                fs::remove_file(path)
            };
        }
    }
}

fn check_interrupt() -> anyhow::Result<()> {
    if progress::interrupted() {
        bail!("interrupted; nothing was written");
    }
    Ok(())
}

fn sha256_of(path: &Path) -> anyhow::Result<(u64, String)> {
    let mut file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, hex::encode(hash.finalize())))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The file store's key of an archive entry `files/<shard>/<key>`.
fn key_of_entry(path: &str) -> Option<&str> {
    prisverdig_service::files::key_of(path.strip_prefix("files/")?)
}

/// The SQLite database file the settings name.
fn sqlite_path(settings: &Settings) -> PathBuf {
    let url = settings.database_url();
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(&url);
    PathBuf::from(path.split('?').next().unwrap_or(path))
}

fn is_postgres(settings: &Settings) -> bool {
    settings.database_url().starts_with("postgres")
}

fn run_tool(mut command: Command, what: &str) -> anyhow::Result<()> {
    let out = command
        .output()
        .with_context(|| format!("cannot run {what} (is it installed and on PATH?)"))?;
    if !out.status.success() {
        bail!(
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

pub async fn backup(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    progress::listen_for_interrupt();
    if file.exists() {
        bail!("{} exists already; choose a new file name", file.display());
    }
    let postgres = is_postgres(settings);
    if !postgres && !sqlite_path(settings).exists() {
        bail!(
            "no database at {}; check --data-dir or --database-url",
            sqlite_path(settings).display()
        );
    }
    let partial = file.with_extension("partial");
    let work = file.with_extension("partial.d");
    let cleanup = Cleanup(vec![partial.clone(), work.clone()]);
    fs::create_dir_all(&work).with_context(|| format!("cannot write {}", work.display()))?;
    let url = settings.database_url();
    // The database first: files referenced by its rows were written before them, so every
    // one of them is among the files copied after.
    let (db_name, tables) = if postgres {
        let dump = work.join(PGDUMP_NAME);
        let mut pg_dump = Command::new("pg_dump");
        pg_dump
            .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
            .arg(&dump)
            .arg("--dbname")
            .arg(&url);
        run_tool(pg_dump, "pg_dump")?;
        (PGDUMP_NAME, None)
    } else {
        let db = Db::connect(&url, 2).await?;
        let copy = work.join(SQLITE_NAME);
        backup::sqlite_snapshot(&db, &copy).await?;
        db.close().await;
        let snapshot = Db::connect(&format!("sqlite://{}", copy.display()), 1).await?;
        let tables = backup::digests(&snapshot).await?;
        snapshot.close().await;
        // Nothing but the database file itself goes in.
        for extra in ["-wal", "-shm"] {
            let _ = fs::remove_file(work.join(format!("{SQLITE_NAME}{extra}")));
        }
        (SQLITE_NAME, Some(tables))
    };
    check_interrupt()?;
    let store = super::file_store(settings).await?;
    let keys = store
        .keys()
        .await
        .with_context(|| format!("cannot list the files in {}", store.location()))?;
    let runtime = tokio::runtime::Handle::current();
    let location = store.location();
    let db_path = work.join(db_name);
    let created_at = prisverdig_service::Clock::now(&prisverdig_service::SystemClock)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let backend = if postgres { "postgres" } else { "sqlite" };
    let partial_path = partial.clone();
    let summary = tokio::task::spawn_blocking(move || -> anyhow::Result<(usize, u64)> {
        let out = File::create(&partial_path)
            .with_context(|| format!("cannot write {}", partial_path.display()))?;
        let mut tar =
            tar::Builder::new(GzEncoder::new(BufWriter::new(out), Compression::default()));
        let (size, sha256) = sha256_of(&db_path)?;
        tar.append_path_with_name(&db_path, db_name)?;
        let database = Entry {
            path: db_name.into(),
            size,
            sha256,
        };
        let mut progress = Progress::new("backup: files", Some(keys.len() as u64), "files");
        let mut files = Vec::with_capacity(keys.len());
        for key in &keys {
            check_interrupt()?;
            // A blocking thread may wait for the store's async calls.
            let bytes = runtime
                .block_on(store.get(key))
                .with_context(|| format!("cannot read the file {key} in {}", store.location()))?;
            let archived = format!("files/{}", relative_path(key)?);
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append_data(&mut header, &archived, bytes.as_slice())?;
            files.push(Entry {
                path: archived,
                size: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
            });
            progress.inc(1);
        }
        progress.finish();
        let manifest = Manifest {
            format: FORMAT.into(),
            version: VERSION,
            created_at,
            backend: backend.into(),
            database,
            files,
            tables,
        };
        let json = serde_json::to_vec_pretty(&manifest)?;
        let mut header = tar::Header::new_gnu();
        header.set_size(json.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, "manifest.json", json.as_slice())?;
        let gz = tar.into_inner()?;
        let writer = gz.finish()?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok((manifest.files.len(), size))
    })
    .await??;
    check_interrupt()?;
    fs::rename(&partial, file).with_context(|| format!("cannot write {}", file.display()))?;
    fs::remove_dir_all(&work).ok();
    cleanup.keep();
    let archive = fs::metadata(file)?.len();
    println!(
        "Backed up the {backend} database ({} bytes) and {} files from {location} into {} ({} bytes).",
        summary.1,
        summary.0,
        file.display(),
        archive
    );
    Ok(())
}

pub async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    progress::listen_for_interrupt();
    let postgres = is_postgres(settings);
    let url = settings.database_url();
    let store = super::file_store(settings).await?;
    // Only into an empty place: nothing there is ever overwritten.
    let stored = store
        .keys()
        .await
        .with_context(|| format!("cannot list the files in {}", store.location()))?;
    if !stored.is_empty() {
        bail!(
            "{} holds files already; restore into an empty data directory (or bucket prefix)",
            store.location()
        );
    }
    let db_file = sqlite_path(settings);
    if postgres {
        let db = Db::connect(&url, 1).await?;
        let empty = prisverdig_store::schema::tables_and_columns(&db)
            .await?
            .is_empty()
            || backup::is_empty(&db).await.unwrap_or(false);
        db.close().await;
        if !empty {
            bail!("the PostgreSQL database holds data already; restore into an empty database");
        }
    } else if db_file.exists() {
        bail!(
            "{} exists already; restore into an empty data directory",
            db_file.display()
        );
    }
    fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create {}", settings.data_dir.display()))?;
    let work = settings
        .data_dir
        .join(format!(".restore-{}", uuid::Uuid::new_v4()));
    let cleanup = Cleanup(vec![work.clone()]);
    fs::create_dir_all(&work)?;
    // Unpack (paths are kept inside the directory by the tar crate) with progress by the
    // compressed bytes read.
    let archive = file.to_path_buf();
    let into = work.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let total = fs::metadata(&archive)
            .with_context(|| format!("cannot read {}", archive.display()))?
            .len();
        let reader = CountingReader {
            inner: File::open(&archive)?,
            progress: Progress::new("restore: unpacking", Some(total), "bytes"),
        };
        let mut tar = tar::Archive::new(GzDecoder::new(reader));
        for entry in tar
            .entries()
            .context("not a Prisverdig backup (no gzip tar archive)")?
        {
            check_interrupt()?;
            let mut entry = entry.context("the archive is damaged")?;
            entry.unpack_in(&into).context("the archive is damaged")?;
        }
        tar.into_inner().into_inner().progress.finish();
        Ok(())
    })
    .await??;
    let manifest: Manifest = serde_json::from_slice(
        &fs::read(work.join("manifest.json")).context("not a Prisverdig backup (no manifest)")?,
    )
    .context("the backup's manifest cannot be read")?;
    if manifest.format != FORMAT || manifest.version != VERSION {
        bail!(
            "unsupported backup format {} version {}; this build reads {FORMAT} version {VERSION}",
            manifest.format,
            manifest.version
        );
    }
    let backend = if postgres { "postgres" } else { "sqlite" };
    if manifest.backend != backend {
        bail!(
            "the backup is of a {} database, and the settings name a {backend} one; \
             use `export` and `import` to move between backends",
            manifest.backend
        );
    }
    // Every checksum before anything moves.
    let mut progress = Progress::new(
        "restore: checking",
        Some(manifest.files.len() as u64 + 1),
        "files",
    );
    for entry in std::iter::once(&manifest.database).chain(&manifest.files) {
        check_interrupt()?;
        let path = work.join(&entry.path);
        let (size, sha256) =
            sha256_of(&path).with_context(|| format!("the backup lacks {}", entry.path))?;
        if size != entry.size || sha256 != entry.sha256 {
            bail!(
                "{} in the backup is damaged (its checksum differs)",
                entry.path
            );
        }
        progress.inc(1);
    }
    progress.finish();
    let restored_db = work.join(&manifest.database.path);
    if let Some(expected) = &manifest.tables {
        let copy = Db::connect(&format!("sqlite://{}", restored_db.display()), 1).await?;
        let found = backup::digests(&copy).await?;
        copy.close().await;
        for extra in ["-wal", "-shm"] {
            let _ = fs::remove_file(work.join(format!("{}{extra}", manifest.database.path)));
        }
        if &found != expected {
            let differ: Vec<&String> = expected
                .keys()
                .chain(found.keys())
                .filter(|t| expected.get(*t) != found.get(*t))
                .collect();
            bail!("the backup's tables do not match its manifest: {differ:?}");
        }
    }
    check_interrupt()?;
    // The files first: should the database then fail to go in, they are removed again and
    // the place is as empty as it was.
    let restored = match restore_files(store.as_ref(), &work, &manifest.files).await {
        Ok(()) => restore_database(settings, postgres, &restored_db, &db_file),
        Err(e) => Err(e),
    };
    if let Err(e) = restored {
        for key in manifest.files.iter().filter_map(|f| key_of_entry(&f.path)) {
            let _ = store.delete(key).await;
        }
        return Err(e);
    }
    drop(cleanup);
    // An older backup is brought up to this version's schema.
    open(settings).await?;
    println!(
        "Restored the {backend} database of {} and {} files from {}.",
        manifest.created_at,
        manifest.files.len(),
        file.display()
    );
    if let Some(tables) = &manifest.tables {
        let rows: i64 = tables.values().map(|t| t.rows).sum();
        println!(
            "Every table matched the backup's digest ({} tables, {rows} rows).",
            tables.len()
        );
    }
    Ok(())
}

/// Puts every file of the backup into the store, with progress.
async fn restore_files(
    store: &dyn FileStore,
    work: &Path,
    entries: &[Entry],
) -> anyhow::Result<()> {
    let mut progress = Progress::new("restore: files", Some(entries.len() as u64), "files");
    for entry in entries {
        check_interrupt()?;
        let key = key_of_entry(&entry.path)
            .with_context(|| format!("{} in the backup is no uploaded file", entry.path))?;
        let bytes = fs::read(work.join(&entry.path))?;
        store
            .put(key, bytes)
            .await
            .with_context(|| format!("cannot write {} to {}", entry.path, store.location()))?;
        progress.inc(1);
    }
    progress.finish();
    Ok(())
}

/// `pg_restore` into the empty PostgreSQL database, or the SQLite file moved into place.
fn restore_database(
    settings: &Settings,
    postgres: bool,
    restored_db: &Path,
    db_file: &Path,
) -> anyhow::Result<()> {
    if postgres {
        let mut pg_restore = Command::new("pg_restore");
        pg_restore
            .args([
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
            ])
            .arg(settings.database_url())
            .arg(restored_db);
        run_tool(pg_restore, "pg_restore")
    } else {
        if let Some(parent) = db_file.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(restored_db, db_file)
            .with_context(|| format!("cannot write {}", db_file.display()))
    }
}

/// Counts the compressed bytes read, for the restore's progress.
struct CountingReader {
    inner: File,
    progress: Progress,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.inc(n as u64);
        Ok(n)
    }
}

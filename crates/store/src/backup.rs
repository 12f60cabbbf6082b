//! What a backup needs of the database: a consistent copy of SQLite taken while the server
//! writes (`VACUUM INTO`, which reads in one transaction of its own), and a digest of every
//! table's rows, so that a restore can prove it holds exactly what was backed up. On
//! PostgreSQL the copy is `pg_dump`'s (the `backup` command runs it); the digests are the
//! same idea on either backend, each comparable only with its own backend's.

use crate::{Db, Result, schema};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Writes a consistent copy of the SQLite database to `path` (which must not exist).
/// Writers go on meanwhile; the copy holds every transaction committed before it began.
pub async fn sqlite_snapshot(db: &Db, path: &Path) -> Result<()> {
    let Db::Sqlite(pool) = db else {
        return Err(crate::StoreError::Unsupported(
            "a SQLite snapshot of a PostgreSQL database",
        ));
    };
    sqlx::query("VACUUM INTO $1")
        .bind(path.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(())
}

/// One table's rows, counted and digested.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableDigest {
    pub rows: i64,
    /// SHA-256 over the rows as text, in the database's order of that text.
    pub sha256: String,
}

/// Every table's digest (migration bookkeeping included: it says which migrations ran).
/// Rows are read as a stream, one at a time, so a large table costs no memory.
pub async fn digests(db: &Db) -> Result<BTreeMap<String, TableDigest>> {
    let mut tables: Vec<(String, Vec<String>)> =
        schema::tables_and_columns(db).await?.into_iter().collect();
    tables.push((
        "_sqlx_migrations".into(),
        vec!["version".into(), "checksum".into(), "success".into()],
    ));
    let mut out = BTreeMap::new();
    for (table, columns) in tables {
        // The table and column names come from the database's own catalogue, never from
        // input.
        let sql = match db {
            // quote() writes every value (text, number, blob, NULL) as a literal.
            Db::Sqlite(_) => {
                let row: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
                format!(
                    "SELECT r FROM (SELECT {} AS r FROM \"{table}\") ORDER BY r",
                    row.join(" || char(31) || ")
                )
            }
            Db::Postgres(_) => {
                let row: Vec<String> = columns
                    .iter()
                    .map(|c| format!("quote_nullable(\"{c}\"::TEXT)"))
                    .collect();
                format!(
                    "SELECT r FROM (SELECT {} AS r FROM \"{table}\") t ORDER BY r COLLATE \"C\"",
                    row.join(" || chr(31) || ")
                )
            }
        };
        let mut hash = Sha256::new();
        let mut rows = 0i64;
        crate::on_pool!(db, |pool| {
            let query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.clone()));
            let mut stream = query.fetch(pool);
            while let Some(row) = stream.try_next().await? {
                hash.update(row.as_bytes());
                hash.update([30]);
                rows += 1;
            }
        });
        out.insert(
            table,
            TableDigest {
                rows,
                sha256: hex::encode(hash.finalize()),
            },
        );
    }
    Ok(out)
}

/// Whether the database holds no application, user or round: a restore's target must be
/// empty, so that nothing there is overwritten.
pub async fn is_empty(db: &Db) -> Result<bool> {
    let sql = "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM round) \
               + (SELECT COUNT(*) FROM application) + (SELECT COUNT(*) FROM organisation)";
    let n: i64 = crate::on_pool!(db, |pool| sqlx::query_scalar(sql).fetch_one(pool).await)?;
    Ok(n == 0)
}

//! Reads the live schema back, so a test can prove both backends have the same tables
//! and columns.

use crate::{Db, Result};
use std::collections::BTreeMap;

/// Table name → sorted column names, migration bookkeeping excluded.
pub async fn tables_and_columns(db: &Db) -> Result<BTreeMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => {
            sqlx::query_as(
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_as(
                "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await?
        }
    };
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in rows {
        map.entry(table).or_default().push(column);
    }
    map.values_mut().for_each(|cols| cols.sort());
    Ok(map)
}

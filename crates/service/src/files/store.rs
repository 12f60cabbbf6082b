//! Where the bytes of uploads are kept, behind one trait: [`LocalFileStore`] is the embedded
//! default (files beside the database), [`S3FileStore`] keeps them in an S3-compatible bucket
//! so that several processes on several machines serve each other's uploads (ADR 0020).
//! Both lay a file out as `<shard>/<key>` (the shard is the key's LAST two hex digits), so
//! the data directory's `files/` and a bucket's prefix hold the same tree.

mod local;
mod s3;

pub use local::LocalFileStore;
pub use s3::{S3FileStore, S3Settings};

use std::io;

/// Bytes by key. Keys are generated (UUIDs), never taken from user input; a key that is not
/// lower-case hexadecimal digits and hyphens is refused with `InvalidInput`.
#[async_trait::async_trait]
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key`, replacing what was there; never leaves half a file.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()>;
    /// The file's bytes; `NotFound` when there is none.
    async fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Removes the file; removing a file that is not there is not an error.
    async fn delete(&self, key: &str) -> io::Result<()>;
    /// Every stored key, sorted (for backups and for restoring only into an empty store).
    async fn keys(&self) -> io::Result<Vec<String>>;
    /// Where the files are, for messages to the operator: a directory or `s3://bucket/prefix`.
    fn location(&self) -> String;
}

/// `<shard>/<key>`: where `key` lives below the store's root, once the key is checked. A
/// UUID v7 starts with its timestamp, so its first digits would put years of uploads in one
/// directory, while its last digits are random.
pub fn relative_path(key: &str) -> io::Result<String> {
    let valid = (2..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'-'));
    if !valid {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a file key is lower-case hexadecimal digits and hyphens",
        ));
    }
    Ok(format!("{}/{key}", &key[key.len() - 2..]))
}

/// The key of a stored file at `<shard>/<key>`, or `None` for anything else found there
/// (a temporary file, a stranger's object).
pub fn key_of(relative: &str) -> Option<&str> {
    let (_, key) = relative.split_once('/')?;
    (relative_path(key).ok()? == relative).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_lives_in_the_shard_of_its_last_two_digits_and_is_found_again() {
        let key = "0190f3c2-7b1a-7cde-8f00-123456789aef";
        let path = relative_path(key).unwrap();
        assert_eq!(path, format!("ef/{key}"));
        assert_eq!(key_of(&path), Some(key));
        for stranger in [
            "ef",
            "ab/0123ef",
            "ef/.0123ef.tmp",
            "ef/0123ef/x",
            "/ef/0123ef",
        ] {
            assert_eq!(key_of(stranger), None, "{stranger}");
        }
    }
}

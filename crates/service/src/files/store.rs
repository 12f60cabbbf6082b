//! Where the bytes of uploads are kept. `LocalFileStore` is the embedded default (files beside
//! the database); an object-storage store implements the same trait for scale-out. The calls
//! block: async callers use `spawn_blocking`.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Bytes by key. Keys are generated (UUIDs), never taken from user input.
pub trait FileStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing what was there; never leaves half a file.
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Removes the file; removing a file that is not there is not an error.
    fn delete(&self, key: &str) -> io::Result<()>;
}

/// Files under `<data dir>/files/<shard>/<key>`, where the shard is the key's LAST two hex
/// digits: a UUID v7 starts with its timestamp, so its first digits would put years of
/// uploads in one directory, while its last digits are random.
#[derive(Debug, Clone)]
pub struct LocalFileStore {
    root: PathBuf,
}

impl LocalFileStore {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("files"),
        }
    }

    fn path(&self, key: &str) -> io::Result<(PathBuf, PathBuf)> {
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
        let dir = self.root.join(&key[key.len() - 2..]);
        let file = dir.join(key);
        Ok((dir, file))
    }
}

impl FileStore for LocalFileStore {
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let (dir, path) = self.path(key)?;
        fs::create_dir_all(&dir)?;
        let temp = dir.join(format!(".{key}.{}.tmp", uuid::Uuid::new_v4()));
        let written = write_synced(&temp, bytes).and_then(|()| fs::rename(&temp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written?;
        sync_dir(&dir)
    }

    fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let (_, path) = self.path(key)?;
        fs::read(path)
    }

    fn delete(&self, key: &str) -> io::Result<()> {
        let (dir, path) = self.path(key)?;
        match fs::remove_file(path) {
            Ok(()) => sync_dir(&dir),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// Writes a new file and waits until its content is on disk, so the rename that follows
/// can only ever expose a complete file.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a rename or removal in `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;

//! Files under `<data dir>/files/<shard>/<key>`: written to a temporary file, synced, then
//! renamed into place and the directory synced, so a crash or power cut leaves the old file
//! or the new one, never half of one. The file system calls block, so each runs on tokio's
//! blocking threads.

use super::{FileStore, key_of, relative_path};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
        let file = self.root.join(relative_path(key)?);
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok((dir, file))
    }

    fn put_blocking(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
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

    fn delete_blocking(&self, key: &str) -> io::Result<()> {
        let (dir, path) = self.path(key)?;
        match fs::remove_file(path) {
            Ok(()) => sync_dir(&dir),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Every `<shard>/<key>` file; temporary files (`.key.….tmp`) and anything else left out.
    fn keys_blocking(&self) -> io::Result<Vec<String>> {
        let mut keys = Vec::new();
        let shards = match fs::read_dir(&self.root) {
            Ok(shards) => shards,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(keys),
            Err(e) => return Err(e),
        };
        for shard in shards {
            let shard = shard?;
            if !shard.file_type()?.is_dir() {
                continue;
            }
            for file in fs::read_dir(shard.path())? {
                let file = file?;
                let relative = format!(
                    "{}/{}",
                    shard.file_name().to_string_lossy(),
                    file.file_name().to_string_lossy()
                );
                if file.file_type()?.is_file()
                    && let Some(key) = key_of(&relative)
                {
                    keys.push(key.to_string());
                }
            }
        }
        keys.sort();
        Ok(keys)
    }

    /// Runs `work` on a clone of this store off the async threads.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(Self) -> io::Result<T> + Send + 'static,
    ) -> io::Result<T> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || work(store))
            .await
            .map_err(io::Error::other)?
    }
}

#[async_trait::async_trait]
impl FileStore for LocalFileStore {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()> {
        let key = key.to_string();
        self.blocking(move |s| s.put_blocking(&key, &bytes)).await
    }

    async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let (_, path) = self.path(key)?;
        self.blocking(move |_| fs::read(path)).await
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        let key = key.to_string();
        self.blocking(move |s| s.delete_blocking(&key)).await
    }

    async fn keys(&self) -> io::Result<Vec<String>> {
        self.blocking(|s| s.keys_blocking()).await
    }

    fn location(&self) -> String {
        self.root.display().to_string()
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

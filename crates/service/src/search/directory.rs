//! The index's directory: tantivy's mapped files, whose resident pages the process gives back
//! now and then (issue 16: peak resident memory under 150 MiB at 100 000 applications).
//!
//! A search reads posting lists and blocks of stored text through the mapping; every page it
//! touches stays in the process's resident set until the kernel needs the memory, so a few
//! minutes of varied searches made most of the index resident (and the kernel maps up to
//! 64 KiB of cached pages around each fault, whatever the advice). [`TrimmedDirectory::trim`]
//! gives a mapping's pages back (`MADV_DONTNEED`). The index's files are written once and never
//! changed, and the mappings are read-only, so nothing is lost: the next read finds the page in
//! the system's file cache (a minor fault) or reads it again.
//!
//! The directory keeps its own handle to each mapped file until tantivy deletes the file, so a
//! mapping is never unmapped (and its addresses reused) while it might be trimmed.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

#[derive(Debug, Clone)]
pub(super) struct TrimmedDirectory {
    inner: MmapDirectory,
    /// Each mapped file's whole bytes, by its path in the index.
    mapped: Arc<Mutex<HashMap<PathBuf, OwnedBytes>>>,
}

impl TrimmedDirectory {
    pub fn new(inner: MmapDirectory) -> Self {
        TrimmedDirectory {
            inner,
            mapped: Arc::default(),
        }
    }

    /// Gives back the resident pages of every mapped file; returns the bytes mapped.
    pub fn trim(&self) -> usize {
        let Ok(mapped) = self.mapped.lock() else {
            return 0;
        };
        let page = page_size();
        let mut total = 0;
        for bytes in mapped.values() {
            let slice = bytes.as_slice();
            let start = slice.as_ptr() as usize;
            // A mapping starts at a page; anything else is not one of tantivy's mappings.
            if slice.is_empty() || page == 0 || !start.is_multiple_of(page) {
                continue;
            }
            // SAFETY: `slice` is the whole of a read-only mapping of a file that is never
            // written again, kept mapped by `bytes` for the duration of the call. Dropping
            // its pages changes no byte anyone reads: the next access maps them again from
            // the file.
            let done = unsafe {
                libc::madvise(
                    slice.as_ptr().cast_mut().cast(),
                    slice.len(),
                    libc::MADV_DONTNEED,
                )
            };
            if done == 0 {
                total += slice.len();
            }
        }
        total
    }

    #[cfg(test)]
    pub fn mapped_files(&self) -> usize {
        self.mapped.lock().map(|m| m.len()).unwrap_or(0)
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf reads a constant of the system.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size).unwrap_or(0)
}

impl Directory for TrimmedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let handle = self.inner.get_file_handle(path)?;
        if let Ok(bytes) = handle.read_bytes(0..handle.len())
            && let Ok(mut mapped) = self.mapped.lock()
        {
            mapped.insert(path.to_path_buf(), bytes);
        }
        Ok(handle)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        if let Ok(mut mapped) = self.mapped.lock() {
            mapped.remove(path);
        }
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{STORED, Schema, TEXT, Value};
    use tantivy::{Index, TantivyDocument, doc};

    /// The resident kilobytes of this process's mappings of files under `dir`.
    fn resident_kb(dir: &Path) -> u64 {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let dir = dir.to_string_lossy();
        let mut ours = false;
        let mut kb = 0;
        for line in smaps.lines() {
            if line
                .split_whitespace()
                .next()
                .is_some_and(|a| a.contains('-'))
                && line.split_whitespace().count() >= 5
            {
                ours = line.contains(dir.as_ref());
            } else if ours && let Some(rest) = line.strip_prefix("Rss:") {
                kb += rest
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .unwrap();
            }
        }
        kb
    }

    #[test]
    fn pages_are_given_back_and_read_again_the_same() {
        let dir = std::env::temp_dir().join(format!("trimmed-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let directory = TrimmedDirectory::new(MmapDirectory::open(&dir).unwrap());
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT | STORED);
        let index = Index::create(directory.clone(), schema.build(), Default::default()).unwrap();
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..20_000 {
            writer
                .add_document(doc!(text => format!("søknad nummer {n} om kantine {}", n % 7)))
                .unwrap();
        }
        writer.commit().unwrap();
        // Reloaded only when told: a reload on its own after the commit (tantivy's default
        // watches for commits) reads the new segments' headers, and that may fall between the
        // trim and the count of what is resident.
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .unwrap();
        let found = |word: &str| -> Vec<String> {
            let searcher = reader.searcher();
            let query = QueryParser::for_index(&index, vec![text])
                .parse_query(word)
                .unwrap();
            searcher
                .search(&query, &TopDocs::with_limit(5).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(_, address)| {
                    let doc: TantivyDocument = searcher.doc(address).unwrap();
                    doc.get_first(text)
                        .and_then(|v| v.as_str())
                        .unwrap()
                        .to_string()
                })
                .collect()
        };
        let before = found("12345");
        assert_eq!(before, vec!["søknad nummer 12345 om kantine 4".to_string()]);
        assert!(directory.mapped_files() > 0);
        assert!(resident_kb(&dir) > 0, "the search touched no mapped page");

        assert!(directory.trim() > 0);
        assert_eq!(resident_kb(&dir), 0);
        assert_eq!(found("12345"), before);
        assert!(resident_kb(&dir) > 0);

        // A file tantivy deletes is no longer held.
        let held = directory.mapped_files();
        let files: Vec<PathBuf> = directory.mapped.lock().unwrap().keys().cloned().collect();
        drop(reader);
        drop(writer);
        directory.delete(&files[0]).unwrap();
        assert_eq!(directory.mapped_files(), held - 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

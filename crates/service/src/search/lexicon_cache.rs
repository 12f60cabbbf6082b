//! The built lexicon kept on disk beside the search index (issue 16): expanding the hunspell
//! dictionaries takes seconds and a few hundred MiB at its peak, so a process builds it only
//! when its inputs changed. The file's name carries a digest of everything the build reads
//! (both dictionaries' `.aff` and `.dic`, the domain words, and [`BUILD_VERSION`]), so a new
//! dictionary package or a changed build makes a new file; a file that cannot be read, or
//! whose contents no longer match the digest written in it, is built again and replaced.
//!
//! The file holds the lexicon's parts one after another (`write`, `read`): the forms as a
//! finite state transducer (`tantivy-fst`) and plain arrays in the host's byte order (the
//! file is this machine's cache, never moved), each starting at a multiple of 8 bytes, so
//! that a process maps the file and uses its parts in place. Its pages are then the page
//! cache's (clean, shared, dropped under pressure), not the process's own heap, and only the
//! pages that look-ups touch are resident. The file of both dictionaries is 15.3 MiB (it was
//! 36 as a string table), so even a day of searches keeps little of it (ADR 0021).

use super::lemmas::Lexicon;
use memmap2::{Advice, Mmap, UncheckedAdvice};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy_fst::{Map, raw::Fst};

/// Raise when the lexicon's build (affix expansion, flags, domain words) or the file's layout
/// changes.
pub const BUILD_VERSION: u32 = 3;
const MAGIC: &[u8; 8] = b"PVLEXv3\n";
/// The magic, then the SHA-256 of everything after the header.
const HEADER: usize = MAGIC.len() + 32;
const ALIGN: usize = 8;

/// The digest of the build's inputs in `dictionaries` (`None` when a file is missing).
pub fn inputs_digest(dictionaries: &Path, names: &[&str], domain: &str) -> Option<String> {
    let mut hash = Sha256::new();
    hash.update(BUILD_VERSION.to_le_bytes());
    hash.update(domain.as_bytes());
    for name in names {
        for ext in ["aff", "dic"] {
            let bytes = std::fs::read(dictionaries.join(format!("{name}.{ext}"))).ok()?;
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
        }
    }
    Some(hex::encode(&hash.finalize()[..16]))
}

pub fn path(cache_dir: &Path, digest: &str) -> PathBuf {
    cache_dir.join(format!("lexicon-{digest}.bin"))
}

/// One of a lexicon's arrays: built in memory, or a range of the kept file's mapping.
pub enum Stored<T> {
    Owned(Vec<T>),
    /// Aligned for `T` and a whole number of them (checked by [`read`]).
    Mapped(Arc<Mmap>, Range<usize>),
}

impl<T> Default for Stored<T> {
    fn default() -> Self {
        Stored::Owned(Vec::new())
    }
}

impl<T: bytemuck::Pod> Deref for Stored<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Stored::Owned(values) => values,
            Stored::Mapped(map, range) => bytemuck::cast_slice(&map[range.clone()]),
        }
    }
}

impl<T> Stored<T> {
    /// Lets the kernel take a mapped lexicon's pages out of the process again (they stay in
    /// the page cache) and read no neighbours with a looked-up page, since look-ups jump:
    /// once it has been checked whole (which reads every page), and then now and then
    /// (`Lexicon::give_back_pages`).
    pub fn settle(&self) {
        if let Stored::Mapped(map, _) = self {
            // SAFETY: the mapping is read-only and backed by the file, which is never changed
            // in place: dropping its pages loses nothing, and the next read of one faults it
            // in again from the page cache or the file.
            let _ = unsafe { map.unchecked_advise(UncheckedAdvice::DontNeed) };
            let _ = map.advise(Advice::Random);
        }
    }
}

/// The parts of a lexicon, as stored (`lemmas.rs` says what they hold).
pub struct Parts {
    /// Every form, folded, with its value: its flags and its lemmas.
    pub forms: Map<Stored<u8>>,
    /// The lemmas, folded, one after another in sorted order, and where each starts.
    pub lemma_text: Stored<u8>,
    pub lemma_starts: Stored<u32>,
    /// The lemmas of the forms that have several, as runs of lemma numbers.
    pub lists: Stored<u32>,
    pub prefixes: Vec<String>,
    /// The lexicon's fingerprint, counted when it was built.
    pub fingerprint: String,
}

/// The transducer `bytes` hold (`None` when they hold none).
pub fn transducer(bytes: Stored<u8>) -> Option<Map<Stored<u8>>> {
    Fst::new(bytes).ok().map(Map::from)
}

/// A section: its count of items, the items, then zeros up to the next multiple of 8.
fn put<T: bytemuck::Pod>(out: &mut Vec<u8>, values: &[T]) {
    out.extend_from_slice(&(values.len() as u64).to_le_bytes());
    out.extend_from_slice(bytemuck::cast_slice(values));
    out.resize(out.len().next_multiple_of(ALIGN), 0);
}

/// Writes the lexicon to `path` whole (a temporary file, then renamed).
pub fn write(path: &Path, lexicon: &Lexicon) -> std::io::Result<()> {
    let p = lexicon.parts();
    let forms = p.forms.as_fst().to_vec();
    let mut out = Vec::with_capacity(HEADER + forms.len() + p.lemma_text.len() * 2 + 64);
    out.extend_from_slice(MAGIC);
    out.resize(HEADER, 0);
    put(&mut out, &forms);
    put(&mut out, &p.lemma_text);
    put(&mut out, &p.lemma_starts);
    put(&mut out, &p.lists);
    put(&mut out, p.prefixes.join("\n").as_bytes());
    put(&mut out, p.fingerprint.as_bytes());
    let digest = Sha256::digest(&out[HEADER..]);
    out[MAGIC.len()..HEADER].copy_from_slice(&digest);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension(format!("{}.tmp", uuid::Uuid::new_v4().simple()));
    let mut file = std::fs::File::create(&temp)?;
    file.write_all(&out)?;
    file.sync_all()?;
    std::fs::rename(&temp, path)
}

/// Removes lexicons built from other inputs than `keep`'s (an older dictionary package).
pub fn remove_others(cache_dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(cache_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path != keep && name.starts_with("lexicon-") {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Reads [`write`]'s sections off the mapping in turn.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Option<Range<usize>> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())?;
        let range = self.at..end;
        self.at = end;
        Some(range)
    }

    /// The next section's items (of `T`), checked to be aligned and whole.
    fn section<T: bytemuck::Pod>(&mut self) -> Option<Range<usize>> {
        let count = u64::from_le_bytes(self.bytes[self.take(8)?].try_into().ok()?);
        let len = usize::try_from(count)
            .ok()?
            .checked_mul(std::mem::size_of::<T>())?;
        let range = self.take(len)?;
        bytemuck::try_cast_slice::<u8, T>(&self.bytes[range.clone()]).ok()?;
        self.take(self.at.next_multiple_of(ALIGN) - self.at)?;
        Some(range)
    }
}

/// Maps a lexicon written by [`write`]; `None` when the file is missing, not whole, or not
/// what was written (its digest differs).
pub fn read(path: &Path) -> Option<Parts> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: a kept lexicon is only ever replaced whole (written to a temporary file, then
    // renamed over the old one) and never changed in place, so the mapped bytes do not
    // change while the lexicon uses them.
    let map = Arc::new(unsafe { Mmap::map(&file) }.ok()?);
    let mut c = Cursor { bytes: &map, at: 0 };
    let (magic, digest) = map[c.take(HEADER)?].split_at(MAGIC.len());
    if magic != MAGIC || Sha256::digest(&map[HEADER..])[..] != *digest {
        return None;
    }
    let forms = c.section::<u8>()?;
    let lemma_text = c.section::<u8>()?;
    let lemma_starts = c.section::<u32>()?;
    let lists = c.section::<u32>()?;
    let prefixes = std::str::from_utf8(&map[c.section::<u8>()?])
        .ok()?
        .split('\n')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let fingerprint = std::str::from_utf8(&map[c.section::<u8>()?])
        .ok()?
        .to_string();
    if c.at != map.len() {
        return None;
    }
    Some(Parts {
        forms: transducer(Stored::Mapped(map.clone(), forms))?,
        lemma_text: Stored::Mapped(map.clone(), lemma_text),
        lemma_starts: Stored::Mapped(map.clone(), lemma_starts),
        lists: Stored::Mapped(map.clone(), lists),
        prefixes,
        fingerprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Lexicon {
        Lexicon::from_pairs([
            ("innbyggerne", "innbygger"),
            ("innbyggere", "innbygger"),
            ("elevane", "elev"),
            ("hjemmetjenesten", "hjemmetjeneste"),
            ("bøker", "bok"),
            ("bøker", "bøke"),
        ])
    }

    #[test]
    fn a_kept_lexicon_reads_back_the_same() {
        let dir = std::env::temp_dir().join(format!("pv-lexicon-{}", uuid::Uuid::now_v7()));
        let file = path(&dir, "abc");
        let lexicon = sample();
        write(&file, &lexicon).unwrap();
        let back = Lexicon::from_parts(read(&file).unwrap()).unwrap();
        assert_eq!(back.fingerprint(), lexicon.fingerprint());
        assert_eq!(back.len(), lexicon.len());
        assert_eq!(back.lemmas("bøker"), Some(vec!["bok", "bøke"]));
        for form in [
            "innbyggerne",
            "elevane",
            "hjemmetjenesten",
            "bøker",
            "bok",
            "ukjent",
        ] {
            assert_eq!(back.lemmas(form), lexicon.lemmas(form), "{form}");
            assert_eq!(back.entry(form), lexicon.entry(form), "{form}");
        }
        std::fs::write(path(&dir, "old"), b"stale").unwrap();
        remove_others(&dir, &file);
        assert!(!path(&dir, "old").exists() && file.exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    /// The dictionaries' whole lexicon (1.4 million forms) reads back from its file with the
    /// same forms, flags and lemmas.
    #[test]
    fn the_system_lexicon_reads_back_the_same() {
        let lexicon = Lexicon::system();
        assert!(!lexicon.is_empty(), "needs Debian's hunspell-no");
        let dir = std::env::temp_dir().join(format!("pv-lexicon-{}", uuid::Uuid::now_v7()));
        let file = path(&dir, "system");
        write(&file, &lexicon).unwrap();
        let back = Lexicon::from_parts(read(&file).unwrap()).unwrap();
        assert_eq!(back.fingerprint(), lexicon.fingerprint());
        assert_eq!(back.len(), lexicon.len());
        let words = "innbyggerne innbygger elevane hjemmetjenesten bøker bok skolen sykehjemmet \
                     kommunen ideen ideane løsningene for sam år tar ukjentord";
        for form in words.split_whitespace() {
            assert_eq!(back.lemmas(form), lexicon.lemmas(form), "{form}");
            assert_eq!(back.entry(form), lexicon.entry(form), "{form}");
            assert_eq!(back.knows(form), lexicon.knows(form), "{form}");
        }
        assert_eq!(back.lemmas("innbyggerne"), Some(vec!["innbygger"]));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_damaged_file_is_built_again() {
        let dir = std::env::temp_dir().join(format!("pv-lexicon-{}", uuid::Uuid::now_v7()));
        let file = path(&dir, "abc");
        write(&file, &sample()).unwrap();
        let whole = std::fs::read(&file).unwrap();
        assert!(read(&file).is_some());
        // Cut short, one byte changed anywhere after the magic, or another layout: not read.
        std::fs::write(&file, &whole[..whole.len() - 3]).unwrap();
        assert!(read(&file).is_none());
        for at in [
            MAGIC.len() + 1,
            HEADER + 9,
            whole.len() / 2,
            whole.len() - 1,
        ] {
            let mut changed = whole.clone();
            changed[at] ^= 0x20;
            std::fs::write(&file, &changed).unwrap();
            assert!(read(&file).is_none(), "byte {at} changed");
        }
        // Parts that do not hold together (a run naming a lemma past the table): not used.
        std::fs::write(&file, &whole).unwrap();
        let mut parts = read(&file).unwrap();
        parts.lists = Stored::Owned(vec![9_999]);
        assert!(Lexicon::from_parts(parts).is_none());
        let mut older = whole.clone();
        older[..MAGIC.len()].copy_from_slice(b"PVLEXv2\n");
        std::fs::write(&file, &older).unwrap();
        assert!(read(&file).is_none());
        assert!(read(&dir.join("missing.bin")).is_none());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_digest_follows_the_dictionaries() {
        let dir = std::env::temp_dir().join(format!("pv-dict-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(
            inputs_digest(&dir, &["nb_NO"], ""),
            None,
            "no dictionary, no digest"
        );
        std::fs::write(dir.join("nb_NO.aff"), "SET ISO8859-1\n").unwrap();
        std::fs::write(dir.join("nb_NO.dic"), "1\nelev\n").unwrap();
        let one = inputs_digest(&dir, &["nb_NO"], "").unwrap();
        assert_eq!(inputs_digest(&dir, &["nb_NO"], "").unwrap(), one);
        std::fs::write(dir.join("nb_NO.dic"), "2\nelev\nskole\n").unwrap();
        assert_ne!(inputs_digest(&dir, &["nb_NO"], "").unwrap(), one);
        assert_ne!(
            inputs_digest(&dir, &["nb_NO"], "x").unwrap(),
            inputs_digest(&dir, &["nb_NO"], "").unwrap()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}

//! The built lexicon kept on disk beside the search index (issue 16): expanding the hunspell
//! dictionaries takes seconds and a few hundred MiB at its peak, so a process builds it only
//! when its inputs changed. The file's name carries a digest of everything the build reads
//! (both dictionaries' `.aff` and `.dic`, the domain words, and [`BUILD_VERSION`]), so a new
//! dictionary package or a changed build makes a new file; a file that cannot be read is
//! built again and replaced. The format is plain little-endian arrays (`write`/`read`).

use super::lemmas::Lexicon;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Raise when the lexicon's build (affix expansion, flags, domain words) changes.
pub const BUILD_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"PVLEXv1\n";

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

/// The parts of a lexicon, as stored.
pub struct Parts {
    pub text: String,
    pub starts: Vec<u32>,
    pub lemma_starts: Vec<u32>,
    pub lemma_ids: Vec<u32>,
    pub flags: Vec<u8>,
    pub prefixes: Vec<String>,
}

/// The same, borrowed from a lexicon for writing.
pub struct PartsRef<'a> {
    pub text: &'a str,
    pub starts: &'a [u32],
    pub lemma_starts: &'a [u32],
    pub lemma_ids: &'a [u32],
    pub flags: &'a [u8],
    pub prefixes: &'a [String],
}

fn put_u32s(out: &mut Vec<u8>, values: &[u32]) {
    out.extend_from_slice(&(values.len() as u64).to_le_bytes());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Writes the lexicon to `path` whole (a temporary file, then renamed).
pub fn write(path: &Path, lexicon: &Lexicon) -> std::io::Result<()> {
    let p = lexicon.parts();
    let mut out = Vec::with_capacity(p.text.len() + p.starts.len() * 12 + 64);
    out.extend_from_slice(MAGIC);
    put_bytes(&mut out, p.text.as_bytes());
    put_u32s(&mut out, p.starts);
    put_u32s(&mut out, p.lemma_starts);
    put_u32s(&mut out, p.lemma_ids);
    put_bytes(&mut out, p.flags);
    put_bytes(&mut out, p.prefixes.join("\n").as_bytes());
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

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len()?;
        let raw = self.take(n.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// Reads a lexicon written by [`write`]; `None` when the file is missing or not whole.
pub fn read(path: &Path) -> Option<Parts> {
    let mut raw = Vec::new();
    std::fs::File::open(path).ok()?.read_to_end(&mut raw).ok()?;
    let mut c = Cursor(&raw);
    if c.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let text = String::from_utf8(c.bytes()?.to_vec()).ok()?;
    let parts = Parts {
        text,
        starts: c.u32s()?,
        lemma_starts: c.u32s()?,
        lemma_ids: c.u32s()?,
        flags: c.bytes()?.to_vec(),
        prefixes: std::str::from_utf8(c.bytes()?)
            .ok()?
            .split('\n')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
    };
    c.0.is_empty().then_some(parts)
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
        for form in ["innbyggerne", "elevane", "hjemmetjenesten", "ukjent"] {
            assert_eq!(back.lemmas(form), lexicon.lemmas(form), "{form}");
            assert_eq!(back.entry(form), lexicon.entry(form), "{form}");
        }
        std::fs::write(path(&dir, "old"), b"stale").unwrap();
        remove_others(&dir, &file);
        assert!(!path(&dir, "old").exists() && file.exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_damaged_file_is_built_again() {
        let dir = std::env::temp_dir().join(format!("pv-lexicon-{}", uuid::Uuid::now_v7()));
        let file = path(&dir, "abc");
        write(&file, &sample()).unwrap();
        let whole = std::fs::read(&file).unwrap();
        // Cut short, or one index pointing past the forms: not read.
        std::fs::write(&file, &whole[..whole.len() - 3]).unwrap();
        assert!(read(&file).is_none());
        let mut parts = {
            std::fs::write(&file, &whole).unwrap();
            read(&file).unwrap()
        };
        parts.lemma_ids.push(9_999);
        if let Some(last) = parts.lemma_starts.last_mut() {
            *last += 1;
        }
        assert!(Lexicon::from_parts(parts).is_none());
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

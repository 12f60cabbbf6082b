use super::*;
use uuid::Uuid;

/// A fresh directory, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("prisverdig-files-{}", Uuid::new_v4()));
        fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn put_then_get_returns_the_bytes_from_a_sharded_path() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = Uuid::now_v7().to_string();
    store.put(&key, b"innhold").unwrap();
    assert_eq!(store.get(&key).unwrap(), b"innhold");
    let shard = dir.0.join("files").join(&key[key.len() - 2..]);
    assert_eq!(entries(&shard), vec![key.clone()]);
}

#[test]
fn put_replaces_and_leaves_no_temporary_file() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = "0123abcd-ef";
    store.put(key, b"first").unwrap();
    store.put(key, b"second, longer").unwrap();
    assert_eq!(store.get(key).unwrap(), b"second, longer");
    assert_eq!(entries(&dir.0.join("files/ef")), vec![key.to_string()]);
}

#[test]
fn a_failed_put_leaves_neither_half_a_file_nor_a_temporary_one() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = "deadbeef";
    // A directory where the file should go makes the final rename fail.
    fs::create_dir_all(dir.0.join("files/ef").join(key)).unwrap();
    assert!(store.put(key, b"bytes").is_err());
    assert_eq!(entries(&dir.0.join("files/ef")), vec![key.to_string()]);
    assert!(dir.0.join("files/ef").join(key).is_dir());
}

#[test]
fn delete_removes_and_is_idempotent() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = Uuid::new_v4().to_string();
    store.put(&key, b"x").unwrap();
    store.delete(&key).unwrap();
    assert_eq!(store.get(&key).unwrap_err().kind(), io::ErrorKind::NotFound);
    store.delete(&key).unwrap();
}

#[test]
fn keys_that_could_leave_the_directory_are_refused() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let bad = [
        "",
        "a",
        "..",
        "../../etc/passwd",
        "ab/cd",
        "ab\\cd",
        "ABCDEF",
        "abc.def",
        "ab\0cd",
        "/etc/passwd",
        "abcdefg",
        " abc",
        "æøå",
    ];
    for key in bad {
        for result in [
            store.put(key, b"x").map(|_| ()),
            store.get(key).map(|_| ()),
            store.delete(key),
        ] {
            assert_eq!(
                result.unwrap_err().kind(),
                io::ErrorKind::InvalidInput,
                "{key:?}"
            );
        }
    }
    assert_eq!(entries(&dir.0), Vec::<String>::new());
}

#[test]
fn the_store_is_usable_as_a_shared_trait_object() {
    let dir = TempDir::new();
    let store: std::sync::Arc<dyn FileStore> = std::sync::Arc::new(LocalFileStore::new(&dir.0));
    let key = Uuid::now_v7().to_string();
    let writer = {
        let store = store.clone();
        let key = key.clone();
        std::thread::spawn(move || store.put(&key, "fra en annen tråd".as_bytes()))
    };
    writer.join().unwrap().unwrap();
    assert_eq!(store.get(&key).unwrap(), "fra en annen tråd".as_bytes());
}

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

#[tokio::test]
async fn put_then_get_returns_the_bytes_from_a_sharded_path() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = Uuid::now_v7().to_string();
    store.put(&key, b"innhold".to_vec()).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), b"innhold");
    let shard = dir.0.join("files").join(&key[key.len() - 2..]);
    assert_eq!(entries(&shard), vec![key.clone()]);
}

#[tokio::test]
async fn put_replaces_and_leaves_no_temporary_file() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = "0123abcd-ef";
    store.put(key, b"first".to_vec()).await.unwrap();
    store.put(key, b"second, longer".to_vec()).await.unwrap();
    assert_eq!(store.get(key).await.unwrap(), b"second, longer");
    assert_eq!(entries(&dir.0.join("files/ef")), vec![key.to_string()]);
}

#[tokio::test]
async fn a_failed_put_leaves_neither_half_a_file_nor_a_temporary_one() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = "deadbeef";
    // A directory where the file should go makes the final rename fail.
    fs::create_dir_all(dir.0.join("files/ef").join(key)).unwrap();
    assert!(store.put(key, b"bytes".to_vec()).await.is_err());
    assert_eq!(entries(&dir.0.join("files/ef")), vec![key.to_string()]);
    assert!(dir.0.join("files/ef").join(key).is_dir());
}

#[tokio::test]
async fn delete_removes_and_is_idempotent() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    let key = Uuid::new_v4().to_string();
    store.put(&key, b"x".to_vec()).await.unwrap();
    store.delete(&key).await.unwrap();
    assert_eq!(
        store.get(&key).await.unwrap_err().kind(),
        io::ErrorKind::NotFound
    );
    store.delete(&key).await.unwrap();
}

#[tokio::test]
async fn keys_that_could_leave_the_directory_are_refused() {
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
            store.put(key, b"x".to_vec()).await.map(|_| ()),
            store.get(key).await.map(|_| ()),
            store.delete(key).await,
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

#[tokio::test]
async fn the_store_is_usable_as_a_shared_trait_object_from_another_task() {
    let dir = TempDir::new();
    let store: std::sync::Arc<dyn FileStore> = std::sync::Arc::new(LocalFileStore::new(&dir.0));
    let key = Uuid::now_v7().to_string();
    let writer = {
        let store = store.clone();
        let key = key.clone();
        tokio::spawn(async move { store.put(&key, "fra en annen tråd".into()).await })
    };
    writer.await.unwrap().unwrap();
    assert_eq!(
        store.get(&key).await.unwrap(),
        "fra en annen tråd".as_bytes()
    );
}

#[tokio::test]
async fn keys_lists_every_stored_file_and_nothing_else() {
    let dir = TempDir::new();
    let store = LocalFileStore::new(&dir.0);
    assert_eq!(
        store.keys().await.unwrap(),
        Vec::<String>::new(),
        "no directory yet"
    );
    let mut keys: Vec<String> = (0..3).map(|_| Uuid::now_v7().to_string()).collect();
    for key in &keys {
        store.put(key, key.as_bytes().to_vec()).await.unwrap();
    }
    // What is not a stored file: a temporary file, a stray file, a file in the wrong shard.
    let shard = dir.0.join("files").join(&keys[0][keys[0].len() - 2..]);
    fs::write(shard.join(format!(".{}.x.tmp", keys[0])), b"half").unwrap();
    fs::write(dir.0.join("files/README"), b"").unwrap();
    fs::create_dir_all(dir.0.join("files/zz")).unwrap();
    fs::write(dir.0.join("files/zz/0123ab"), b"").unwrap();
    keys.sort();
    assert_eq!(store.keys().await.unwrap(), keys);
    assert_eq!(store.location(), dir.0.join("files").display().to_string());
}

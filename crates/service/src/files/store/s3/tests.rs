//! The store's own logic (paths under the prefix, keys, missing files) on `object_store`'s
//! in-memory store; the same calls against a real S3-compatible server are in
//! crates/cli/tests/integration/object_storage.rs.

use super::*;
use object_store::memory::InMemory;
use uuid::Uuid;

fn store(prefix: &str) -> (Arc<InMemory>, S3FileStore) {
    let memory = Arc::new(InMemory::new());
    let store = S3FileStore::over(memory.clone(), "priser", prefix).unwrap();
    (memory, store)
}

#[tokio::test]
async fn a_file_is_kept_at_prefix_shard_key_and_replaced_whole() {
    let (memory, store) = store("fjordvik/vedlegg");
    let key = Uuid::now_v7().to_string();
    store.put(&key, b"first".to_vec()).await.unwrap();
    store.put(&key, b"second, longer".to_vec()).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), b"second, longer");
    let expected = Path::parse(format!("fjordvik/vedlegg/{}/{key}", &key[key.len() - 2..]));
    let stored = memory.get(&expected.unwrap()).await.unwrap();
    assert_eq!(stored.bytes().await.unwrap().as_ref(), b"second, longer");
    assert_eq!(store.location(), "s3://priser/fjordvik/vedlegg");
}

#[tokio::test]
async fn a_missing_file_is_not_found_and_deleting_it_is_no_error() {
    let (_, store) = store("");
    let key = Uuid::now_v7().to_string();
    assert_eq!(
        store.get(&key).await.unwrap_err().kind(),
        io::ErrorKind::NotFound
    );
    store.put(&key, b"x".to_vec()).await.unwrap();
    store.delete(&key).await.unwrap();
    assert_eq!(
        store.get(&key).await.unwrap_err().kind(),
        io::ErrorKind::NotFound
    );
    store.delete(&key).await.unwrap();
    assert_eq!(store.location(), "s3://priser");
}

#[tokio::test]
async fn keys_lists_this_prefix_only_and_only_stored_files() {
    let (memory, store) = store("a");
    let neighbour = S3FileStore::over(memory.clone(), "priser", "b").unwrap();
    let mut keys: Vec<String> = (0..3).map(|_| Uuid::now_v7().to_string()).collect();
    for key in &keys {
        store.put(key, b"x".to_vec()).await.unwrap();
    }
    neighbour
        .put(&Uuid::now_v7().to_string(), b"y".to_vec())
        .await
        .unwrap();
    // Objects that are not files of ours: another layout under the same prefix.
    for stranger in ["a/README", "a/zz/0123ab", "a/ab/cd/0123ab"] {
        memory
            .put(
                &Path::parse(stranger).unwrap(),
                PutPayload::from_static(b""),
            )
            .await
            .unwrap();
    }
    keys.sort();
    assert_eq!(store.keys().await.unwrap(), keys);
    assert_eq!(neighbour.keys().await.unwrap().len(), 1);
}

#[tokio::test]
async fn keys_that_are_no_generated_keys_are_refused_before_any_request() {
    let (memory, store) = store("p");
    // The rules themselves are `relative_path`'s (tested in store.rs).
    let put = store.put("../x", b"x".to_vec()).await;
    assert_eq!(put.unwrap_err().kind(), io::ErrorKind::InvalidInput);
    let get = store.get("ab/cd").await;
    assert_eq!(get.unwrap_err().kind(), io::ErrorKind::InvalidInput);
    let delete = store.delete("ABCDEF").await;
    assert_eq!(delete.unwrap_err().kind(), io::ErrorKind::InvalidInput);
    let listed: Vec<_> = memory.list(None).try_collect().await.unwrap();
    assert!(listed.is_empty());
}

#[test]
fn a_prefix_that_is_no_clean_path_is_refused() {
    let memory: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    for bad in ["a//b", "a/../b", "a/./b"] {
        assert!(
            S3FileStore::over(memory.clone(), "priser", bad).is_err(),
            "{bad}"
        );
    }
}

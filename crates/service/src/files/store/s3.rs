//! Files in an S3-compatible bucket through the `object_store` crate, at
//! `<prefix>/<shard>/<key>`: the same tree as the data directory's `files/`, so moving an
//! installation onto a bucket is one `aws s3 sync DATA/files s3://bucket/prefix`. S3 writes
//! an object whole or not at all, and a written object is visible to every later read, from
//! any process (ADR 0020).

use super::{FileStore, key_of, relative_path};
use crate::sso::Secret;
use futures_util::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use std::io;
use std::sync::Arc;
use std::time::Duration;

/// Where the bucket is and how to sign in to it. What is unset here comes from AWS's own
/// environment variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
/// `AWS_WEB_IDENTITY_TOKEN_FILE` …) or, failing those, the machine's instance credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    /// `https://…` of an S3-compatible service; unset: Amazon S3 in `region`. Plain
    /// `http://` is allowed for this endpoint only (a private network, a test server).
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// Segments joined by `/` (no leading or trailing one); empty: the bucket's root.
    pub prefix: String,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<Secret>,
}

#[derive(Debug, Clone)]
pub struct S3FileStore {
    store: Arc<dyn ObjectStore>,
    prefix: Path,
    location: String,
}

/// Requests that hang or fail are given up after this long, so a request for a page waits
/// seconds, not minutes, when the bucket does not answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const RETRIES: usize = 3;

impl S3FileStore {
    /// Builds the client (no request is made; see [`S3FileStore::check`]). The error names
    /// what is wrong with the settings.
    pub fn new(settings: &S3Settings) -> Result<Self, String> {
        let retry = RetryConfig {
            max_retries: RETRIES,
            retry_timeout: REQUEST_TIMEOUT,
            ..RetryConfig::default()
        };
        let mut builder = AmazonS3Builder::from_env()
            .with_http_connector(http::Connector {
                timeout: REQUEST_TIMEOUT,
            })
            .with_retry(retry)
            .with_bucket_name(&settings.bucket);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &settings.region {
            builder = builder.with_region(region);
        }
        if let Some(id) = &settings.access_key_id {
            builder = builder.with_access_key_id(id);
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(&secret.0);
        }
        let store = builder.build().map_err(|e| e.to_string())?;
        Self::over(Arc::new(store), &settings.bucket, &settings.prefix)
    }

    /// Files in any object store (tests use `object_store`'s in-memory one).
    pub fn over(store: Arc<dyn ObjectStore>, bucket: &str, prefix: &str) -> Result<Self, String> {
        let prefix = Path::parse(prefix).map_err(|e| e.to_string())?;
        let location = match prefix.as_ref() {
            "" => format!("s3://{bucket}"),
            p => format!("s3://{bucket}/{p}"),
        };
        Ok(Self {
            store,
            prefix,
            location,
        })
    }

    /// Lists the prefix once: a wrong bucket, endpoint or credentials fail here, at start-up,
    /// not at the first upload.
    pub async fn check(&self) -> io::Result<()> {
        self.store
            .list_with_delimiter(Some(&self.prefix))
            .await
            .map(|_| ())
            .map_err(io_error)
    }

    fn path(&self, key: &str) -> io::Result<Path> {
        let relative = relative_path(key)?;
        Ok(relative
            .split('/')
            .fold(self.prefix.clone(), |path, part| path.join(part)))
    }
}

/// Keeps "not found" recognisable (a missing file is a 404, not a failure).
fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        e => io::Error::other(e),
    }
}

#[async_trait::async_trait]
impl FileStore for S3FileStore {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()> {
        let path = self.path(key)?;
        self.store
            .put(&path, PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(io_error)
    }

    async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let path = self.path(key)?;
        let found = self.store.get(&path).await.map_err(io_error)?;
        Ok(found.bytes().await.map_err(io_error)?.into())
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        let path = self.path(key)?;
        match self.store.delete(&path).await.map_err(io_error) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    async fn keys(&self) -> io::Result<Vec<String>> {
        let objects: Vec<_> = self
            .store
            .list(Some(&self.prefix))
            .try_collect()
            .await
            .map_err(io_error)?;
        let mut keys: Vec<String> = objects
            .iter()
            .filter_map(|meta| {
                let parts: Vec<_> = meta.location.prefix_match(&self.prefix)?.collect();
                let relative = parts
                    .iter()
                    .map(|p| p.as_ref())
                    .collect::<Vec<&str>>()
                    .join("/");
                key_of(&relative).map(str::to_string)
            })
            .collect();
        keys.sort();
        Ok(keys)
    }

    fn location(&self) -> String {
        self.location.clone()
    }
}

mod http;
#[cfg(test)]
mod tests;

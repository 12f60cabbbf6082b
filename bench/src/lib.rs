//! Shared pieces of the benchmarks: a server on its own runtime, latency statistics, and the
//! SMTP server on loopback that the e-mail benchmark and the integration tests send to.

pub mod smtp_sink;

use prisverdig_service::files::LocalFileStore;
use prisverdig_service::{Services, SystemClock};
use prisverdig_store::Db;
use prisverdig_web::{AppState, WebSettings, router};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Starts the real application on a loopback port, on a runtime of its own so that the
/// load generator does not share the server's threads. Returns the base URL and services.
pub fn start_server(data_dir: &Path) -> anyhow::Result<(String, Services)> {
    start_server_on(data_dir, None)
}

/// The same on the database at `url` (an empty PostgreSQL database, say); `None` is a
/// fresh SQLite file in `data_dir`.
pub fn start_server_on(data_dir: &Path, url: Option<String>) -> anyhow::Result<(String, Services)> {
    start_server_with_runtime(data_dir, url).map(|(base, services, _)| (base, services))
}

/// The same, with a handle to the server's runtime, to run work beside the pages there (the
/// e-mail sender, as in `prisverdig serve`).
pub fn start_server_with_runtime(
    data_dir: &Path,
    url: Option<String>,
) -> anyhow::Result<(String, Services, tokio::runtime::Handle)> {
    std::fs::create_dir_all(data_dir)?;
    let url = url.unwrap_or_else(|| format!("sqlite://{}", data_dir.join("bench.db").display()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = data_dir.to_path_buf();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let setup = async {
                let db = Db::connect(&url, 10).await?;
                db.migrate().await?;
                let services = Services::new(
                    db,
                    Arc::new(SystemClock),
                    Arc::new(LocalFileStore::new(&dir)),
                );
                let settings = WebSettings {
                    secure_cookies: false,
                    sessions: prisverdig_domain::session::SessionPolicy {
                        idle: time::Duration::hours(8),
                        absolute: time::Duration::hours(24),
                        recent: prisverdig_domain::session::RECENT_SIGN_IN,
                    },
                    contact_email: None,
                    brand: Default::default(),
                    public_url: "http://127.0.0.1".into(),
                    metrics_token: None,
                    trusted_proxies: Default::default(),
                    widget: Default::default(),
                };
                let state = AppState::new(services.clone(), settings).await?;
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                let base = format!("http://{}", listener.local_addr()?);
                anyhow::Ok((base, services, listener, state))
            };
            match setup.await {
                Ok((base, services, listener, state)) => {
                    let handle = tokio::runtime::Handle::current();
                    let _ = tx.send(Ok((base, services, handle)));
                    let app =
                        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
                    let _ = axum::serve(listener, app).await;
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                }
            }
        });
    });
    rx.recv()?
}

/// p50, p95, p99 and max of a set of latencies.
pub struct Percentiles {
    pub count: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
}

pub fn percentiles(mut samples: Vec<Duration>) -> Percentiles {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len().max(1)) - 1;
        samples.get(i).copied().unwrap_or_default()
    };
    Percentiles {
        count: samples.len(),
        p50: at(0.50),
        p95: at(0.95),
        p99: at(0.99),
        max: samples.last().copied().unwrap_or_default(),
    }
}

impl std::fmt::Display for Percentiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "n={} p50={:.2} ms p95={:.2} ms p99={:.2} ms max={:.2} ms",
            self.count,
            ms(self.p50),
            ms(self.p95),
            ms(self.p99),
            ms(self.max)
        )
    }
}

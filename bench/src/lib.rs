//! Shared pieces of the benchmarks: a server on its own runtime, latency statistics, and the
//! SMTP server on loopback that the e-mail benchmark and the integration tests send to.

pub mod load;
pub mod processes;
pub mod smtp_sink;

use anyhow::{Context, bail};
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

/// The value of the hidden input `name` in a page (a CSRF token, a version).
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

/// A browser-like client: cookies kept, redirects not followed.
pub fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Signs in through the form as a person would: retrying while password checks are busy
/// (503), then with the second factor's code from `secret` when given. Returns the CSRF token
/// of the signed-in session.
pub async fn sign_in(
    base: &str,
    client: &reqwest::Client,
    email: &str,
    password: &str,
    secret: Option<&str>,
) -> anyhow::Result<String> {
    let page = client
        .get(format!("{base}/sign-in"))
        .send()
        .await?
        .text()
        .await?;
    let token = hidden(&page, "_csrf").context("csrf")?;
    let mut status = 503;
    for _ in 0..300 {
        let form = [("email", email), ("password", password), ("_csrf", &token)];
        status = client
            .post(format!("{base}/sign-in"))
            .form(&form)
            .send()
            .await?
            .status()
            .as_u16();
        if status != 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if status != 303 {
        bail!("sign-in of {email}: {status}");
    }
    if let Some(secret) = secret {
        let page = client
            .get(format!("{base}/sign-in/code"))
            .send()
            .await?
            .text()
            .await?;
        let token = hidden(&page, "_csrf").context("csrf")?;
        let totp = totp_rs::Builder::new()
            .with_secret(
                totp_rs::Secret::try_from_base32(secret).map_err(|e| anyhow::anyhow!("{e:?}"))?,
            )
            .build()
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs();
        let code = totp.generate(now).to_string();
        let res = client
            .post(format!("{base}/sign-in/code"))
            .form(&[("code", code.as_str()), ("_csrf", &token)])
            .send()
            .await?;
        if res.status() != 303 {
            bail!("code of {email}: {}", res.status());
        }
    }
    let page = client
        .get(format!("{base}/my-applications"))
        .send()
        .await?
        .text()
        .await?;
    hidden(&page, "_csrf").context("csrf after sign-in")
}

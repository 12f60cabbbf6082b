//! Starts the real application on a free loopback port against a fresh database and talks
//! HTTP to it. Every test runs on SQLite and, when `PRISVERDIG_TEST_POSTGRES_URL` is set,
//! on PostgreSQL too, each in a database of its own that is dropped afterwards.

use prisverdig_service::{ManualClock, Services};
use prisverdig_store::Db;
use prisverdig_web::{AppState, WebSettings, router};
use reqwest::redirect::Policy;
use std::sync::Arc;
use time::macros::datetime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const PG_ENV: &str = "PRISVERDIG_TEST_POSTGRES_URL";

pub struct TestApp {
    pub base: String,
    pub services: Services,
    #[allow(dead_code)] // moved by deadline tests
    pub clock: Arc<ManualClock>,
    pub client: reqwest::Client,
    #[allow(dead_code)] // for backend-specific assertions
    pub backend: Backend,
    cleanup: Cleanup,
    scratch: std::path::PathBuf,
    /// The authenticator apps of the people who enrolled through [`TestApp::sign_in`]:
    /// e-mail → (TOTP secret, last step a code was given for).
    authenticators: std::sync::Mutex<std::collections::HashMap<String, (String, i64)>>,
}

impl TestApp {
    /// How many files this process's file store holds (uploads and thumbnails).
    #[allow(dead_code)]
    pub fn stored_files(&self) -> usize {
        fn count(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|e| match e.file_type() {
                        Ok(t) if t.is_dir() => count(&e.path()),
                        _ => 1,
                    })
                    .sum()
            })
        }
        count(&self.scratch)
    }
}

enum Cleanup {
    Dir(std::path::PathBuf),
    PgDatabase { admin_url: String, name: String },
}

/// A SQLite file in a fresh temporary directory.
async fn sqlite_db() -> (Db, Cleanup) {
    let dir = std::env::temp_dir().join(format!("prisverdig-test-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("test.db").display());
    (Db::connect(&url, 5).await.unwrap(), Cleanup::Dir(dir))
}

/// A fresh PostgreSQL database next to the one the environment names.
async fn postgres_db(admin_url: &str) -> (Db, Cleanup) {
    let name = format!("pv_test_{}", uuid::Uuid::now_v7().simple());
    let admin = sqlx::PgPool::connect(admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let url = match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("{PG_ENV} must end with /DATABASE"),
    };
    let cleanup = Cleanup::PgDatabase {
        admin_url: admin_url.to_string(),
        name,
    };
    (Db::connect(&url, 5).await.unwrap(), cleanup)
}

/// A fresh PostgreSQL database beside the one [`PG_ENV`] names, for a test that starts the
/// binary itself: its URL, and what drops it ([`ScratchDatabase::drop`]). `None` (said, or
/// failed where PostgreSQL is required) when the environment names none.
#[allow(dead_code)]
pub async fn scratch_postgres() -> Option<(String, ScratchDatabase)> {
    let Some(admin_url) = postgres_url() else {
        skip_postgres();
        return None;
    };
    let (db, cleanup) = postgres_db(&admin_url).await;
    db.close().await;
    let Cleanup::PgDatabase { admin_url, name } = cleanup else {
        unreachable!("postgres_db makes a database")
    };
    let (server, _) = admin_url.rsplit_once('/').unwrap();
    Some((
        format!("{server}/{name}"),
        ScratchDatabase { admin_url, name },
    ))
}

pub struct ScratchDatabase {
    admin_url: String,
    name: String,
}

impl ScratchDatabase {
    /// Drops the database, closing what is still connected to it.
    #[allow(dead_code)]
    pub async fn drop(self) {
        let admin = sqlx::PgPool::connect(&self.admin_url).await.unwrap();
        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let _ = sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&admin).await;
    }
}

/// CI sets this: there, a PostgreSQL half that would be skipped fails instead.
pub const REQUIRE_PG_ENV: &str = "PRISVERDIG_REQUIRE_POSTGRES";

/// Says that the PostgreSQL half is skipped, on a developer's machine; where PostgreSQL is
/// required ([`REQUIRE_PG_ENV`]) a skip would pass unseen, so it fails the test.
pub fn skip_postgres() {
    assert!(
        std::env::var(REQUIRE_PG_ENV).map_or(true, |v| v.is_empty()),
        "{REQUIRE_PG_ENV} is set but {PG_ENV} is not: the PostgreSQL half cannot be skipped here"
    );
    eprintln!("skipped: {PG_ENV} is not set");
}

pub fn postgres_url() -> Option<String> {
    std::env::var(PG_ENV).ok().filter(|v| !v.is_empty())
}

pub struct Options {
    pub secure_cookies: bool,
    /// How long sign-ins last; [`SESSIONS`] when unset.
    pub sessions: Option<prisverdig_domain::session::SessionPolicy>,
    /// Single sign-on providers, their callbacks under this server's own address.
    pub sso: Vec<prisverdig_service::sso::Provider>,
    /// Proxies whose `X-Forwarded-For` is believed (the test client is 127.0.0.1).
    pub trusted_proxies: &'static str,
    pub sign_in_limits: prisverdig_domain::sign_in::SignInLimits,
    pub password_checks: usize,
    pub local_sign_in: bool,
    /// Origins that may frame the intranet widget; none by default.
    pub widget_origins: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            secure_cookies: false,
            sessions: None,
            sso: Vec::new(),
            trusted_proxies: "",
            sign_in_limits: Default::default(),
            password_checks: 4,
            local_sign_in: true,
            widget_origins: Vec::new(),
        }
    }
}

/// The bearer token the test servers' `/metrics` asks for.
pub const METRICS_TOKEN: &str = "metrics-token-for-tests";

/// The installation's defaults: 8 hours idle, 24 at most.
pub const SESSIONS: prisverdig_domain::session::SessionPolicy =
    prisverdig_domain::session::SessionPolicy {
        idle: time::Duration::hours(8),
        absolute: time::Duration::hours(24),
        recent: prisverdig_domain::session::RECENT_SIGN_IN,
    };

impl TestApp {
    pub async fn start(backend: Backend) -> TestApp {
        Self::start_with(backend, Options::default()).await
    }

    pub async fn start_with(backend: Backend, options: Options) -> TestApp {
        // Errors the server logs show up in the failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn")
            .try_init();
        let (db, cleanup) = match backend {
            Backend::Sqlite => sqlite_db().await,
            Backend::Postgres => postgres_db(&postgres_url().expect(PG_ENV)).await,
        };
        db.migrate().await.unwrap();
        let clock = Arc::new(ManualClock::new(datetime!(2019-10-15 10:00 UTC)));
        // Uploaded files go to a scratch directory removed by `finish`.
        let scratch =
            std::env::temp_dir().join(format!("prisverdig-scratch-{}", uuid::Uuid::now_v7()));
        let store = Arc::new(prisverdig_service::files::LocalFileStore::new(&scratch));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut services = Services::new(db, clock.clone(), store)
            .with_sign_in_limits(options.sign_in_limits, options.password_checks)
            .with_local_sign_in(options.local_sign_in)
            .with_mail(prisverdig_service::mail::MailSettings {
                public_url: "http://prisverdig.test".into(),
                ..Default::default()
            });
        if !options.sso.is_empty() {
            services = services.with_sso(&base, options.sso).unwrap();
        }
        let settings = WebSettings {
            secure_cookies: options.secure_cookies,
            sessions: options.sessions.unwrap_or(SESSIONS),
            contact_email: None,
            brand: Default::default(),
            public_url: "http://prisverdig.test".into(),
            metrics_token: Some(METRICS_TOKEN.into()),
            trusted_proxies: prisverdig_web::TrustedProxies::parse(options.trusted_proxies)
                .unwrap(),
            widget: prisverdig_web::WidgetSettings {
                origins: options.widget_origins,
                ..Default::default()
            },
        };
        serve_on(listener, services.clone(), settings).await;
        TestApp {
            base,
            services,
            clock,
            client: new_client(),
            backend,
            cleanup,
            scratch,
            authenticators: Default::default(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// The CSRF token of the form on `path`, as a browser would read it.
    /// `/metrics`, as the monitoring system asks for it (with the token).
    #[allow(dead_code)]
    pub async fn metrics(&self) -> String {
        let res = reqwest::Client::new()
            .get(self.url("/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.text().await.unwrap()
    }

    pub async fn csrf_from(&self, path: &str) -> String {
        self.csrf_with(&self.client, path).await
    }

    /// The CSRF token of the page at `path`, as `client` (another visitor) sees it.
    pub async fn csrf_with(&self, client: &reqwest::Client, path: &str) -> String {
        let page = client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        hidden_value(&page, "_csrf").expect("page has no CSRF field")
    }

    /// Posts a form the way a browser does: read the page's token, send it with the fields.
    pub async fn post_form(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf_from(form_page).await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("_csrf", &token));
        self.client
            .post(self.url(action))
            .form(&body)
            .send()
            .await
            .unwrap()
    }

    /// As [`TestApp::post_form`], as `client` (another person's session) would.
    pub async fn post_form_on(
        &self,
        client: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf_with(client, form_page).await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("_csrf", &token));
        client
            .post(self.url(action))
            .form(&body)
            .send()
            .await
            .unwrap()
    }

    /// Signs in on the app's client; see [`TestApp::sign_in_on`].
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.sign_in_on(&self.client, email, password).await
    }

    /// Signs in on `client` through the form, the way a person does: after the password,
    /// an administrator or juror enrols an authenticator (kept here) or types its code.
    /// Answers the last response: 303 when signed in, else the refusal.
    pub async fn sign_in_on(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let token = self.csrf_with(client, "/sign-in").await;
        let res = client
            .post(self.url("/sign-in"))
            .form(&[("email", email), ("password", password), ("_csrf", &token)])
            .send()
            .await
            .unwrap();
        let to = res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        match to.as_str() {
            "/sign-in/code" => {
                let code = self.totp_code(email);
                self.post_code(client, "/sign-in/code", &code).await
            }
            "/account/second-factor" => {
                let page = client.get(self.url(&to)).send().await.unwrap();
                let secret = element_text(&page.text().await.unwrap(), "totp-secret")
                    .expect("the enrolment page shows the secret");
                self.remember_authenticator(email, &secret);
                let code = self.totp_code(email);
                self.post_code(client, "/account/second-factor", &code)
                    .await
            }
            _ => res,
        }
    }

    async fn post_code(
        &self,
        client: &reqwest::Client,
        path: &str,
        code: &str,
    ) -> reqwest::Response {
        let token = self.csrf_with(client, path).await;
        client
            .post(self.url(path))
            .form(&[("code", code), ("_csrf", token.as_str())])
            .send()
            .await
            .unwrap()
    }

    /// Keeps `secret` as `email`'s authenticator app.
    pub fn remember_authenticator(&self, email: &str, secret: &str) {
        let mut apps = self.authenticators.lock().unwrap();
        apps.insert(email.to_lowercase(), (secret.to_string(), i64::MIN));
    }

    /// The code `email`'s app shows for a step not given before: the earliest the server
    /// accepts (one step of skew), moving the clock on half a minute when all are used.
    pub fn totp_code(&self, email: &str) -> String {
        let mut apps = self.authenticators.lock().unwrap();
        let (secret, last) = apps
            .get_mut(&email.to_lowercase())
            .unwrap_or_else(|| panic!("{email} has no authenticator here"));
        let mut now_step = self.services.clock.now().unix_timestamp() / 30;
        if *last > now_step {
            let later = self.services.clock.now() + time::Duration::seconds(30);
            self.clock.set(later);
            now_step += 1;
        }
        let step = (now_step - 1).max(*last + 1);
        *last = step;
        totp_at(secret, step)
    }
    /// Drops the per-test database or directory.
    pub async fn finish(self) {
        self.services.db().close().await;
        let _ = std::fs::remove_dir_all(&self.scratch);
        match self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PgDatabase { admin_url, name } => {
                let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&admin)
                .await
                .unwrap();
            }
        }
    }
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The value of the hidden input `name` in `html`.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// The code of the base32 `secret` for TOTP step `step` (RFC 6238, SHA-1, six digits).
pub fn totp_at(secret: &str, step: i64) -> String {
    let bytes = totp_rs::Secret::try_from_base32(secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(bytes).build().unwrap();
    totp.generate(u64::try_from(step * 30).unwrap()).to_string()
}

/// The text inside the element with `id` (up to its first `<`).
pub fn element_text(html: &str, id: &str) -> Option<String> {
    let marker = format!("id=\"{id}\">");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('<')?;
    Some(html[start..start + end].trim().to_string())
}

/// Runs a test body on SQLite, and on PostgreSQL when it is configured; the database is
/// dropped afterwards even when the body panics.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $crate::on_both_backends! {
            options = $crate::harness::Options::default();
            $(async fn $name($app) $body)*
        }
    };
    (options = $options:expr; $(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                use $crate::harness::{Backend, TestApp};

                async fn run($app: &TestApp) $body

                async fn on(backend: Backend) {
                    let app = std::sync::Arc::new(TestApp::start_with(backend, $options).await);
                    let shared = app.clone();
                    let outcome = tokio::spawn(async move { run(&shared).await }).await;
                    if let Ok(app) = std::sync::Arc::try_unwrap(app) {
                        app.finish().await;
                    }
                    if let Err(e) = outcome {
                        std::panic::resume_unwind(e.into_panic());
                    }
                }

                #[tokio::test]
                async fn sqlite() {
                    on(Backend::Sqlite).await;
                }

                #[tokio::test]
                async fn postgres() {
                    if $crate::harness::postgres_url().is_none() {
                        $crate::harness::skip_postgres();
                        return;
                    }
                    on(Backend::Postgres).await;
                }
            }
        )*
    };
}

/// Serves `services` on a free loopback port; returns the base URL.
async fn serve(services: Services, settings: WebSettings) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    serve_on(listener, services, settings).await;
    base
}

async fn serve_on(listener: tokio::net::TcpListener, services: Services, settings: WebSettings) {
    let state = AppState::new(services, settings).await.unwrap();
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
}

impl TestApp {
    /// A pool of its own on this test's database, as a second process would open.
    #[allow(dead_code)]
    pub async fn another_pool(&self) -> Db {
        let url = match &self.cleanup {
            Cleanup::Dir(dir) => format!("sqlite://{}", dir.join("test.db").display()),
            Cleanup::PgDatabase { admin_url, name } => match admin_url.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => panic!("{PG_ENV} must end with /DATABASE"),
            },
        };
        Db::connect(&url, 5).await.unwrap()
    }

    /// The services of a second process on this test's database (a pool of its own).
    #[allow(dead_code)]
    pub async fn another_process(&self) -> Services {
        let store = Arc::new(prisverdig_service::files::LocalFileStore::new(
            &self.scratch.join("another"),
        ));
        Services::new(self.another_pool().await, self.clock.clone(), store).with_mail(
            prisverdig_service::mail::MailSettings {
                public_url: "http://prisverdig.test".into(),
                ..Default::default()
            },
        )
    }

    /// A second server on the same database with its own search index, as a second
    /// process behind a load balancer would be; it follows changes by polling.
    pub async fn second_process(&self) -> (String, Services) {
        let store = Arc::new(prisverdig_service::files::LocalFileStore::new(
            &self.scratch.join("second"),
        ));
        let services = Services::new(self.services.db().clone(), self.clock.clone(), store);
        let settings = WebSettings {
            secure_cookies: false,
            sessions: SESSIONS,
            contact_email: None,
            brand: Default::default(),
            public_url: "http://prisverdig.test".into(),
            metrics_token: Some(METRICS_TOKEN.into()),
            trusted_proxies: Default::default(),
            widget: Default::default(),
        };
        let follower = services.clone();
        tokio::spawn(async move {
            follower
                .follow_changes(std::time::Duration::from_millis(200))
                .await
        });
        let cache_follower = services.clone();
        tokio::spawn(async move {
            cache_follower
                .follow_public_changes(std::time::Duration::from_millis(200))
                .await
        });
        (serve(services.clone(), settings).await, services)
    }

    /// A second browser, signed in as `email` (password [`crate::fixtures::PASSWORD`]).
    pub async fn client_for(app: &TestApp, email: &str) -> reqwest::Client {
        Self::client_for_password(app, email, crate::fixtures::PASSWORD).await
    }

    /// A second browser, signed in as `email` with `password`.
    pub async fn client_for_password(
        app: &TestApp,
        email: &str,
        password: &str,
    ) -> reqwest::Client {
        let client = new_client();
        let res = app.sign_in_on(&client, email, password).await;
        assert_eq!(res.status(), 303, "{email} signs in");
        client
    }
}

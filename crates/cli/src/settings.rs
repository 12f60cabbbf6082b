//! Configuration: `config/default.toml` documents every setting. Values come from an
//! optional TOML file, then `PRISVERDIG_*` environment variables, then command-line flags.
//! A bad value stops start-up with one line naming the setting and what is wrong.

mod files;
mod mail;
mod oidc;
mod widget;

pub use files::FilesConfig;
pub use mail::MailConfig;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub public_url: String,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    pub db_max_connections: u32,
    pub log: String,
    /// Named in the accessibility statement for feedback; a placeholder when unset.
    pub contact_email: Option<String>,
    /// The organisation's accent colour, checked for contrast.
    pub accent_colour: Option<prisverdig_domain::colour::Rgb>,
    /// An image file with the organisation's logo.
    pub logo_file: Option<PathBuf>,
    /// Invitation links stop working after this many days.
    pub invitation_days: i64,
    /// Unsubmitted drafts are deleted this many days after their deadline; 0 keeps them.
    pub draft_retention_days: i64,
    /// `/metrics` answers requests carrying this bearer token; unset, it answers nobody on the
    /// public address.
    pub metrics_token: Option<String>,
    /// A second address serving only `/metrics`, without a token (for a private network).
    pub metrics_bind: Option<SocketAddr>,
    /// Single sign-on providers (`[oidc.<name>]`); none by default.
    pub oidc: Vec<prisverdig_service::sso::Provider>,
    /// Local accounts may sign in (false: administrators only, as break-glass).
    pub local_sign_in: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: prisverdig_web::TrustedProxies,
    /// Password checks one process runs at once; more sign-ins are asked to retry.
    pub password_checks: usize,
    /// E-mail: SMTP or the mail folder, addresses, reminders, the follow-up.
    pub mail: MailConfig,
    /// The intranet widget: the origins that may frame it, how many results it lists.
    pub widget: prisverdig_web::WidgetSettings,
    /// Where uploaded files are kept: the data directory or an S3-compatible bucket.
    pub files: FilesConfig,
}

/// Every setting: its name in the file, and (derived) its environment variable.
const KEYS: [&str; 28] = [
    "bind",
    "data_dir",
    "database_url",
    "public_url",
    "session_idle_minutes",
    "session_max_hours",
    "db_max_connections",
    "log",
    "contact_email",
    "accent_colour",
    "logo_file",
    "invitation_days",
    "draft_retention_days",
    "metrics_token",
    "metrics_bind",
    "local_sign_in",
    "trusted_proxies",
    "password_checks",
    "smtp_url",
    "mail_from",
    "mail_reply_to",
    "mail_give_up_hours",
    "reminder_days",
    "jury_reminder_days",
    "follow_up_days",
    "call_recipients",
    "widget_origins",
    "widget_results",
];

/// Every setting: [`KEYS`] and those of the modules with their own lists.
fn all_keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter().chain(files::KEYS.iter()).copied()
}

fn env_name(key: &str) -> String {
    format!("PRISVERDIG_{}", key.to_uppercase())
}

/// Raw values by key, with where each came from (for the error message).
struct Raw {
    values: HashMap<&'static str, (String, String)>,
    /// The file's `[oidc.*]` tables, and the file's path.
    oidc: Option<(toml::Table, PathBuf)>,
}

impl Raw {
    fn get(&self, key: &str) -> Option<&(String, String)> {
        self.values.get(key)
    }
}

type FileValues = (HashMap<&'static str, (String, String)>, Option<toml::Table>);

fn read_file(path: &PathBuf) -> Result<FileValues, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read configuration file {}: {e}", path.display()))?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        format!("configuration file {}: {}", path.display(), e.message())
    })?;
    let mut values = HashMap::new();
    let mut oidc = None;
    for (key, value) in table {
        if key == "oidc" {
            match value {
                toml::Value::Table(t) => oidc = Some(t),
                _ => {
                    return Err(format!(
                        "configuration file {}: `oidc` must be a table of providers",
                        path.display()
                    ));
                }
            }
            continue;
        }
        let known = all_keys().find(|k| *k == key).ok_or_else(|| {
            format!(
                "configuration file {}: unknown setting `{key}`",
                path.display()
            )
        })?;
        let text = match value {
            toml::Value::String(s) => s,
            other => other.to_string(),
        };
        values.insert(known, (text, format!("`{key}` in {}", path.display())));
    }
    Ok((values, oidc))
}

fn collect(file: Option<&PathBuf>, env: &dyn Fn(&str) -> Option<String>) -> Result<Raw, String> {
    let (mut values, oidc) = match file {
        Some(path) => {
            let (values, oidc) = read_file(path)?;
            (values, oidc.map(|t| (t, path.clone())))
        }
        None => (HashMap::new(), None),
    };
    for key in all_keys() {
        let name = env_name(key);
        if let Some(v) = env(&name) {
            values.insert(key, (v, name));
        }
    }
    Ok(Raw { values, oidc })
}

fn parse<T>(
    raw: &Raw,
    key: &str,
    default: T,
    what: &str,
    ok: impl Fn(&str) -> Option<T>,
) -> Result<T, String> {
    match raw.get(key) {
        None => Ok(default),
        Some((value, source)) => {
            ok(value.trim()).ok_or_else(|| format!("setting {source}: {value:?} is not {what}"))
        }
    }
}

impl Settings {
    /// Loads from the optional file and the given environment.
    pub fn load(
        file: Option<&PathBuf>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Settings, String> {
        let raw = collect(file, env)?;
        let text = |v: &str| Some(v.to_string());
        let oidc_file = raw.oidc.as_ref().map(|(t, p)| (t, p.as_path()));
        Ok(Settings {
            bind: parse(
                &raw,
                "bind",
                SocketAddr::from(([127, 0, 0, 1], 8080)),
                "an address like 127.0.0.1:8080",
                |v| v.parse().ok(),
            )?,
            data_dir: parse(
                &raw,
                "data_dir",
                PathBuf::from("data"),
                "a directory path",
                |v| (!v.is_empty()).then(|| PathBuf::from(v)),
            )?,
            database_url: parse(
                &raw,
                "database_url",
                None,
                "a database URL (sqlite://FILE or postgres://…)",
                |v| {
                    let ok = v.starts_with("sqlite:")
                        || v.starts_with("postgres://")
                        || v.starts_with("postgresql://");
                    ok.then(|| Some(v.to_string()))
                },
            )?,
            public_url: parse(
                &raw,
                "public_url",
                "http://127.0.0.1:8080".to_string(),
                "an http:// or https:// URL",
                |v| {
                    (v.starts_with("http://") || v.starts_with("https://"))
                        .then(|| v.trim_end_matches('/').to_string())
                },
            )?,
            session_idle_minutes: parse(
                &raw,
                "session_idle_minutes",
                480,
                "a whole number of minutes from 5 to 10080",
                |v| v.parse().ok().filter(|m| (5..=10_080).contains(m)),
            )?,
            session_max_hours: parse(
                &raw,
                "session_max_hours",
                24,
                "a whole number of hours from 1 to 720",
                |v| v.parse().ok().filter(|h| (1..=720).contains(h)),
            )?,
            db_max_connections: parse(
                &raw,
                "db_max_connections",
                10,
                "a whole number from 1 to 200",
                |v| v.parse().ok().filter(|n| (1..=200).contains(n)),
            )?,
            log: parse(&raw, "log", "info".to_string(), "a log filter", text)?,
            contact_email: parse(
                &raw,
                "contact_email",
                None,
                "an e-mail address like name@example.com",
                |v| {
                    let v = v.trim();
                    (v.contains('@') && !v.contains(char::is_whitespace))
                        .then(|| Some(v.to_string()))
                },
            )?,
            accent_colour: match raw.get("accent_colour") {
                None => None,
                Some((value, source)) => Some(
                    prisverdig_domain::colour::accent(value)
                        .map_err(|problem| format!("setting {source}: {problem}"))?,
                ),
            },
            logo_file: parse(&raw, "logo_file", None, "a file path", |v| {
                (!v.is_empty()).then(|| Some(PathBuf::from(v)))
            })?,
            invitation_days: parse(
                &raw,
                "invitation_days",
                prisverdig_domain::account::DEFAULT_INVITATION_DAYS,
                "a whole number of days from 1 to 90",
                |v| v.parse().ok().filter(|d| (1..=90).contains(d)),
            )?,
            draft_retention_days: parse(
                &raw,
                "draft_retention_days",
                prisverdig_domain::application::DEFAULT_DRAFT_RETENTION_DAYS,
                "a whole number of days from 0 (keep for ever) to 3650",
                |v| v.parse().ok().filter(|d| (0..=3650).contains(d)),
            )?,
            metrics_token: parse(
                &raw,
                "metrics_token",
                None,
                "a token of at least 16 characters without spaces",
                |v| {
                    (v.chars().count() >= 16 && !v.contains(char::is_whitespace))
                        .then(|| Some(v.to_string()))
                },
            )?,
            metrics_bind: parse(
                &raw,
                "metrics_bind",
                None,
                "an address and port like 127.0.0.1:9100",
                |v| v.parse().ok().map(Some),
            )?,
            oidc: oidc::load(oidc_file, env)?,
            local_sign_in: parse(&raw, "local_sign_in", true, "true or false", |v| {
                v.parse().ok()
            })?,
            trusted_proxies: match raw.get("trusted_proxies") {
                None => Default::default(),
                Some((value, source)) => prisverdig_web::TrustedProxies::parse(value)
                    .map_err(|problem| format!("setting {source}: {problem}"))?,
            },
            password_checks: parse(
                &raw,
                "password_checks",
                prisverdig_service::auth::limits::default_password_checks(),
                "a whole number from 1 to 64",
                |v| v.parse().ok().filter(|n| (1..=64).contains(n)),
            )?,
            mail: mail::load(&raw)?,
            widget: widget::load(&raw)?,
            files: files::load(&raw)?,
        })
    }

    /// The database to open: the setting, else a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.data_dir.join("prisverdig.db").display())
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn defaults_apply_without_any_source() {
        let s = Settings::load(None, &env_of(&[])).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url(), "sqlite://data/prisverdig.db");
        assert!(!s.secure_cookies());
    }

    #[test]
    fn environment_overrides_file() {
        let dir = std::env::temp_dir().join(format!("pv-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(&file, "bind = \"127.0.0.1:9000\"\ndb_max_connections = 4\n").unwrap();
        let s =
            Settings::load(Some(&file), &env_of(&[("PRISVERDIG_BIND", "0.0.0.0:7000")])).unwrap();
        assert_eq!(s.bind.to_string(), "0.0.0.0:7000");
        assert_eq!(s.db_max_connections, 4);
    }

    #[test]
    fn a_bad_value_names_the_setting_and_the_problem() {
        let err = Settings::load(None, &env_of(&[("PRISVERDIG_BIND", "here")])).unwrap_err();
        assert_eq!(
            err,
            "setting PRISVERDIG_BIND: \"here\" is not an address like 127.0.0.1:8080"
        );
        let err =
            Settings::load(None, &env_of(&[("PRISVERDIG_SESSION_IDLE_MINUTES", "0")])).unwrap_err();
        assert!(err.contains("PRISVERDIG_SESSION_IDLE_MINUTES"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn sign_in_settings_parse_and_name_their_problems() {
        let s = Settings::load(None, &env_of(&[])).unwrap();
        assert!(s.local_sign_in);
        assert_eq!(s.trusted_proxies, Default::default());
        let dir = std::env::temp_dir().join(format!("pv-settings-s-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(
            &file,
            "local_sign_in = false\ntrusted_proxies = [\"10.0.0.0/8\", \"::1\"]\npassword_checks = 2\n",
        )
        .unwrap();
        let s = Settings::load(Some(&file), &env_of(&[])).unwrap();
        assert!(!s.local_sign_in);
        assert_eq!(
            s.trusted_proxies,
            prisverdig_web::TrustedProxies::parse("10.0.0.0/8, ::1").unwrap()
        );
        assert_eq!(s.password_checks, 2);
        let err = Settings::load(
            None,
            &env_of(&[("PRISVERDIG_TRUSTED_PROXIES", "10.0.0.1, proxy")]),
        )
        .unwrap_err();
        assert!(
            err.contains("PRISVERDIG_TRUSTED_PROXIES") && err.contains("proxy"),
            "{err}"
        );
        let err =
            Settings::load(None, &env_of(&[("PRISVERDIG_LOCAL_SIGN_IN", "nei")])).unwrap_err();
        assert!(err.contains("true or false"), "{err}");
    }

    #[test]
    fn widget_origins_are_checked_at_start_up_and_named_when_wrong() {
        let s = Settings::load(None, &env_of(&[])).unwrap();
        assert!(
            s.widget.origins.is_empty(),
            "nobody else frames it by default"
        );
        assert_eq!(s.widget.results, 5);
        let dir = std::env::temp_dir().join(format!("pv-settings-w-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(
            &file,
            "widget_origins = [\"https://intranett.fjordvik.kommune.no\", \"http://localhost:8081/\"]\nwidget_results = 3\n",
        )
        .unwrap();
        let s = Settings::load(Some(&file), &env_of(&[])).unwrap();
        assert_eq!(
            s.widget.origins,
            [
                "https://intranett.fjordvik.kommune.no",
                "http://localhost:8081"
            ]
        );
        assert_eq!(s.widget.results, 3);
        let err = Settings::load(
            None,
            &env_of(&[(
                "PRISVERDIG_WIDGET_ORIGINS",
                "https://intranett.fjordvik.kommune.no, https://intranett.fjordvik.kommune.no/forside",
            )]),
        )
        .unwrap_err();
        assert!(
            err.starts_with("setting PRISVERDIG_WIDGET_ORIGINS: \"https://intranett.fjordvik.kommune.no/forside\" is not an origin"),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
        let err = Settings::load(None, &env_of(&[("PRISVERDIG_WIDGET_RESULTS", "0")])).unwrap_err();
        assert!(err.contains("PRISVERDIG_WIDGET_RESULTS"), "{err}");
    }

    #[test]
    fn files_stay_local_unless_the_s3_backend_is_named_with_its_bucket() {
        assert_eq!(
            Settings::load(None, &env_of(&[])).unwrap().files,
            FilesConfig::Local
        );
        let dir = std::env::temp_dir().join(format!("pv-settings-f-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(
            &file,
            "files_backend = \"s3\"\ns3_bucket = \"prisverdig-fjordvik\"\n\
             s3_endpoint = \"https://s3.example.no/\"\ns3_region = \"no-west-1\"\n\
             s3_prefix = \"/prod/files/\"\ns3_access_key_id = \"AKIAFILE\"\n",
        )
        .unwrap();
        let env = env_of(&[("PRISVERDIG_S3_SECRET_ACCESS_KEY", "hemmelig")]);
        let FilesConfig::S3(s3) = Settings::load(Some(&file), &env).unwrap().files else {
            panic!("the s3 backend");
        };
        assert_eq!(s3.bucket, "prisverdig-fjordvik");
        assert_eq!(s3.endpoint.as_deref(), Some("https://s3.example.no"));
        assert_eq!(s3.region.as_deref(), Some("no-west-1"));
        assert_eq!(s3.prefix, "prod/files");
        assert_eq!(s3.access_key_id.as_deref(), Some("AKIAFILE"));
        assert_eq!(s3.secret_access_key.unwrap().0, "hemmelig");
        let cases: [(&[(&str, &str)], &str); 5] = [
            (
                &[("PRISVERDIG_FILES_BACKEND", "disk")],
                "PRISVERDIG_FILES_BACKEND",
            ),
            (&[("PRISVERDIG_FILES_BACKEND", "s3")], "`s3_bucket`"),
            (
                &[("PRISVERDIG_S3_BUCKET", "priser")],
                "PRISVERDIG_S3_BUCKET",
            ),
            (
                &[
                    ("PRISVERDIG_FILES_BACKEND", "s3"),
                    ("PRISVERDIG_S3_BUCKET", "Priser"),
                ],
                "PRISVERDIG_S3_BUCKET",
            ),
            (
                &[
                    ("PRISVERDIG_FILES_BACKEND", "s3"),
                    ("PRISVERDIG_S3_BUCKET", "priser"),
                    ("PRISVERDIG_S3_ACCESS_KEY_ID", "AKIA"),
                ],
                "`s3_secret_access_key`",
            ),
        ];
        for (pairs, named) in cases {
            let err = Settings::load(None, &env_of(pairs)).unwrap_err();
            assert!(err.contains(named), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let dir = std::env::temp_dir().join(format!("pv-settings-u-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(&file, "bnd = \"x\"\n").unwrap();
        let err = Settings::load(Some(&file), &env_of(&[])).unwrap_err();
        assert!(err.contains("unknown setting `bnd`"), "{err}");
    }

    #[test]
    fn providers_come_from_oidc_tables_and_the_environment_wins() {
        let dir = std::env::temp_dir().join(format!("pv-settings-o-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(
            &file,
            "[oidc.entra]\nissuer = \"https://login.microsoftonline.com/t/v2.0\"\n\
             client_id = \"abc\"\nclient_secret = \"file-secret\"\nlabel = \"Bærum kommune\"\n\
             scopes = [\"email\", \"profile\"]\nemail_claim = \"preferred_username\"\n",
        )
        .unwrap();
        let env = env_of(&[
            ("PRISVERDIG_OIDC_ENTRA_CLIENT_SECRET", "env-secret"),
            ("PRISVERDIG_OIDC_PROVIDERS", "id-porten"),
            ("PRISVERDIG_OIDC_ID_PORTEN_ISSUER", "https://idporten.no"),
            ("PRISVERDIG_OIDC_ID_PORTEN_CLIENT_ID", "c"),
            ("PRISVERDIG_OIDC_ID_PORTEN_CLIENT_SECRET", "s"),
            ("PRISVERDIG_OIDC_ID_PORTEN_SCOPES", "openid profile"),
            ("PRISVERDIG_OIDC_ID_PORTEN_UNIT_CLAIM", "orgunit"),
        ]);
        let s = Settings::load(Some(&file), &env).unwrap();
        let names: Vec<_> = s.oidc.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["entra", "id-porten"]);
        let entra = &s.oidc[0];
        assert_eq!(entra.client_secret.0, "env-secret");
        assert_eq!(entra.label, "Bærum kommune");
        assert_eq!(entra.scopes, ["email", "profile"]);
        assert_eq!(entra.claims.email, "preferred_username");
        assert_eq!(entra.claims.name, "name");
        assert_eq!(entra.claims.unit, None);
        assert!(!entra.trust_email);
        let idporten = &s.oidc[1];
        assert_eq!(idporten.label, "id-porten");
        assert_eq!(idporten.scopes, ["profile"]);
        assert_eq!(idporten.claims.unit.as_deref(), Some("orgunit"));
        assert!(Settings::load(None, &env_of(&[])).unwrap().oidc.is_empty());
    }

    #[test]
    fn a_bad_provider_setting_names_it_on_one_line() {
        let cases: [(&[(&str, &str)], &str); 5] = [
            (
                &[("PRISVERDIG_OIDC_PROVIDERS", "Entra!")],
                "PRISVERDIG_OIDC_PROVIDERS",
            ),
            (
                &[("PRISVERDIG_OIDC_PROVIDERS", "e")],
                "PRISVERDIG_OIDC_E_ISSUER",
            ),
            (
                &[
                    ("PRISVERDIG_OIDC_PROVIDERS", "e"),
                    ("PRISVERDIG_OIDC_E_ISSUER", "http://idp.example"),
                ],
                "PRISVERDIG_OIDC_E_ISSUER",
            ),
            (
                &[
                    ("PRISVERDIG_OIDC_PROVIDERS", "e"),
                    ("PRISVERDIG_OIDC_E_ISSUER", "https://idp.example"),
                    ("PRISVERDIG_OIDC_E_CLIENT_ID", "c"),
                ],
                "PRISVERDIG_OIDC_E_CLIENT_SECRET",
            ),
            (
                &[
                    ("PRISVERDIG_OIDC_PROVIDERS", "e"),
                    ("PRISVERDIG_OIDC_E_ISSUER", "https://idp.example"),
                    ("PRISVERDIG_OIDC_E_CLIENT_ID", "c"),
                    ("PRISVERDIG_OIDC_E_CLIENT_SECRET", "s"),
                    ("PRISVERDIG_OIDC_E_TRUST_EMAIL", "yes"),
                ],
                "PRISVERDIG_OIDC_E_TRUST_EMAIL",
            ),
        ];
        for (pairs, named) in cases {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let env = move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            let err = Settings::load(None, &env).unwrap_err();
            assert!(err.contains(named), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn unknown_provider_keys_in_the_file_are_refused() {
        let dir = std::env::temp_dir().join(format!("pv-settings-ou-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("p.toml");
        std::fs::write(&file, "[oidc.entra]\nissuer_url = \"x\"\n").unwrap();
        let err = Settings::load(Some(&file), &env_of(&[])).unwrap_err();
        assert!(
            err.contains("unknown setting `oidc.entra.issuer_url`"),
            "{err}"
        );
    }
}

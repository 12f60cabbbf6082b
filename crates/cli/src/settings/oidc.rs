//! The single sign-on providers: `[oidc.<name>]` tables in the file, and environment
//! variables `PRISVERDIG_OIDC_<NAME>_<KEY>` for the providers the file names or
//! `PRISVERDIG_OIDC_PROVIDERS` lists (comma-separated). The environment wins per key.

use prisverdig_service::sso::{ClaimNames, Provider, Secret};
use std::collections::BTreeMap;
use std::path::Path;

const KEYS: [&str; 9] = [
    "issuer",
    "client_id",
    "client_secret",
    "scopes",
    "label",
    "name_claim",
    "email_claim",
    "unit_claim",
    "trust_email",
];

pub const PROVIDERS_ENV: &str = "PRISVERDIG_OIDC_PROVIDERS";

fn env_name(provider: &str, key: &str) -> String {
    format!(
        "PRISVERDIG_OIDC_{}_{}",
        provider.to_uppercase().replace('-', "_"),
        key.to_uppercase()
    )
}

/// A provider's raw values by key, each with where it came from.
type Raw = BTreeMap<&'static str, (String, String)>;

/// Short, URL-safe names: they become `/sign-in/sso/{name}/callback`.
fn check_name(name: &str, source: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name != "complete"
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "setting {source}: {name:?} is not a provider name (a-z, 0-9 and -, at most 32, not \"complete\")"
        ))
    }
}

fn from_file(
    table: &toml::Table,
    path: &Path,
    out: &mut BTreeMap<String, Raw>,
) -> Result<(), String> {
    for (name, value) in table {
        let place = format!("`oidc.{name}` in {}", path.display());
        check_name(name, &place)?;
        let toml::Value::Table(keys) = value else {
            return Err(format!("setting {place}: not a table of provider settings"));
        };
        let raw = out.entry(name.clone()).or_default();
        for (key, value) in keys {
            let known = KEYS.iter().find(|k| **k == key).ok_or_else(|| {
                format!(
                    "configuration file {}: unknown setting `oidc.{name}.{key}`",
                    path.display()
                )
            })?;
            let text = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| i.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            let source = format!("`oidc.{name}.{key}` in {}", path.display());
            raw.insert(known, (text, source));
        }
    }
    Ok(())
}

fn from_env(
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut BTreeMap<String, Raw>,
) -> Result<(), String> {
    if let Some(list) = env(PROVIDERS_ENV) {
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            check_name(name, PROVIDERS_ENV)?;
            out.entry(name.to_string()).or_default();
        }
    }
    for (name, raw) in out.iter_mut() {
        for key in KEYS {
            let var = env_name(name, key);
            if let Some(value) = env(&var) {
                raw.insert(key, (value, var));
            }
        }
    }
    Ok(())
}

fn required(raw: &Raw, name: &str, key: &str) -> Result<String, String> {
    match raw.get(key) {
        Some((v, _)) if !v.trim().is_empty() => Ok(v.trim().to_string()),
        Some((_, source)) => Err(format!("setting {source}: must not be empty")),
        None => Err(format!(
            "setting `oidc.{name}.{key}` (or {}) is required for the provider {name}",
            env_name(name, key)
        )),
    }
}

/// https, or plain http on this machine only (for tests and trying things out).
fn issuer_ok(v: &str) -> bool {
    let local = [
        "http://127.0.0.1:",
        "http://127.0.0.1/",
        "http://localhost:",
        "http://localhost/",
        "http://[::1]:",
    ];
    let no_extra = !v.contains(['?', '#', ' ']);
    no_extra
        && ((v.starts_with("https://") && v.len() > "https://".len())
            || local.iter().any(|p| v.starts_with(p)))
}

fn provider(name: &str, raw: &Raw) -> Result<Provider, String> {
    let text = |key: &str| raw.get(key).map(|(v, s)| (v.trim().to_string(), s.clone()));
    let issuer = required(raw, name, "issuer")?;
    if !issuer_ok(&issuer) {
        let source = &raw["issuer"].1;
        return Err(format!(
            "setting {source}: {issuer:?} is not an https:// issuer URL (plain http only on 127.0.0.1 or localhost)"
        ));
    }
    let scopes = match text("scopes") {
        None => vec!["email".to_string(), "profile".to_string()],
        Some((v, _)) => v
            .split([' ', ','])
            .filter(|s| !s.is_empty() && *s != "openid")
            .map(str::to_string)
            .collect(),
    };
    let claim = |key: &str, default: &str| -> Result<String, String> {
        match text(key) {
            None => Ok(default.to_string()),
            Some((v, _)) if !v.is_empty() && !v.contains(char::is_whitespace) => Ok(v),
            Some((v, source)) => Err(format!("setting {source}: {v:?} is not a claim name")),
        }
    };
    let unit = match text("unit_claim") {
        None => None,
        Some(_) => Some(claim("unit_claim", "")?),
    };
    let trust_email = match text("trust_email") {
        None => false,
        Some((v, source)) => match v.as_str() {
            "true" => true,
            "false" => false,
            _ => return Err(format!("setting {source}: {v:?} is not true or false")),
        },
    };
    Ok(Provider {
        name: name.to_string(),
        label: text("label")
            .map(|(v, _)| v)
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| name.to_string()),
        issuer,
        client_id: required(raw, name, "client_id")?,
        client_secret: Secret(required(raw, name, "client_secret")?),
        scopes,
        claims: ClaimNames {
            name: claim("name_claim", "name")?,
            email: claim("email_claim", "email")?,
            unit,
        },
        trust_email,
    })
}

/// Every configured provider, by name.
pub fn load(
    file: Option<(&toml::Table, &Path)>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Provider>, String> {
    let mut raw = BTreeMap::new();
    if let Some((table, path)) = file {
        from_file(table, path, &mut raw)?;
    }
    from_env(env, &mut raw)?;
    raw.iter().map(|(name, raw)| provider(name, raw)).collect()
}

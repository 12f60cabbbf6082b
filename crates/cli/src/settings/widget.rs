//! The intranet widget's settings: the origins that may frame `/widget` (and read
//! `/widget.html` across origins), and how many results it lists.

use super::mail::items;
use super::{Raw, parse};
use prisverdig_web::WidgetSettings;

/// An origin as a browser sends it: `http(s)://host[:port]`, lower case, nothing after the
/// host; one trailing `/` is forgiven. The problem in words otherwise.
pub(super) fn origin(value: &str) -> Result<String, String> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    let (scheme, rest) = lower
        .split_once("://")
        .filter(|(s, _)| *s == "https" || *s == "http")
        .ok_or_else(|| format!("{value:?} does not start with https:// or http://"))?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#', '@', '*']) {
        return Err(format!(
            "{value:?} is not an origin: give the scheme and host (and port) only, like \
             https://intranett.kommune.no, with no path, query, user or wildcard"
        ));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    if !host_ok || !port_ok {
        return Err(format!(
            "{value:?} is not an origin: the host (letters, digits, - and .) or the port \
             (1–65535) is not valid"
        ));
    }
    Ok(format!("{scheme}://{rest}"))
}

pub(super) fn load(raw: &Raw) -> Result<WidgetSettings, String> {
    let origins = match raw.get("widget_origins") {
        None => Vec::new(),
        Some((value, source)) => items(value)
            .iter()
            .map(|item| origin(item).map_err(|problem| format!("setting {source}: {problem}")))
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(WidgetSettings {
        origins,
        results: parse(
            raw,
            "widget_results",
            WidgetSettings::default().results,
            "a whole number from 1 to 20",
            |v| v.parse().ok().filter(|n| (1..=20).contains(n)),
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn an_origin_is_a_scheme_and_a_host_with_an_optional_port() {
        assert_eq!(
            origin("https://intranett.fjordvik.kommune.no").unwrap(),
            "https://intranett.fjordvik.kommune.no"
        );
        assert_eq!(
            origin(" HTTPS://Intranett.Kommune.no/ ").unwrap(),
            "https://intranett.kommune.no"
        );
        assert_eq!(
            origin("http://localhost:8081").unwrap(),
            "http://localhost:8081"
        );
        for bad in [
            "intranett.kommune.no",
            "ftp://intranett.kommune.no",
            "https://intranett.kommune.no/forside",
            "https://intranett.kommune.no?x=1",
            "https://*.kommune.no",
            "https://user@intranett.kommune.no",
            "https://",
            "https://intranett.kommune.no:99999",
            "https://intranett.kommune.no:",
            "https://intra nett.no",
            "'self'",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
        let problem = origin("https://intranett.kommune.no/forside").unwrap_err();
        assert!(problem.contains("no path"), "{problem}");
    }
}

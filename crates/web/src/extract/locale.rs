//! The visitor's language: the switcher's cookie, else the signed-in user's own setting,
//! else `Accept-Language`, else Bokmål.

use crate::i18n::Locale;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};

pub const LANG_COOKIE: &str = "prisverdig_lang";

pub fn locale_of(headers: &HeaderMap) -> Locale {
    locale_for(headers, None)
}

/// As [`locale_of`], with the user's saved language (from the switcher on another device).
pub fn locale_for(headers: &HeaderMap, user_setting: Option<&str>) -> Locale {
    let from_cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| Locale::parse(v));
    from_cookie
        .or_else(|| user_setting.and_then(Locale::parse))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

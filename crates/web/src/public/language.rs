//! The language switcher: remembers the choice in a cookie and returns to the page.

use crate::extract::locale::LANG_COOKIE;
use crate::i18n::Locale;
use crate::layout::safe_return_path;
use axum::Form;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

pub async fn switch(Form(form): Form<LanguageForm>) -> impl IntoResponse {
    let locale = Locale::parse(&form.lang).unwrap_or_default();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.tag()
    );
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(safe_return_path(&form.back)) {
        headers.insert(LOCATION, v);
    }
    (StatusCode::SEE_OTHER, headers)
}

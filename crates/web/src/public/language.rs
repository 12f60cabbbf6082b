//! The language switcher: remembers the choice in a cookie (and, for a signed-in user, in
//! their account, so it follows them) and returns to the page.

use crate::error::WebError;
use crate::extract::locale::LANG_COOKIE;
use crate::extract::user::MaybeUser;
use crate::i18n::Locale;
use crate::layout::safe_return_path;
use crate::state::AppState;
use axum::Form;
use axum::extract::State;
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

pub async fn switch(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Form(form): Form<LanguageForm>,
) -> Result<impl IntoResponse, WebError> {
    let locale = Locale::parse(&form.lang).unwrap_or_default();
    if let Some(user) = &user {
        state.services.set_locale(user, locale.tag()).await?;
    }
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
    Ok((StatusCode::SEE_OTHER, headers))
}

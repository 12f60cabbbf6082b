//! What every page's layout needs: language, signed-in user, CSRF token, current path.
//! Templates reach all text through [`Shell::t`], so nothing untranslated reaches a page.

use crate::error::WebError;
use crate::extract::locale::locale_for;
use crate::extract::user::MaybeUser;
use crate::i18n::Locale;
use crate::middleware::csrf::CsrfToken;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use prisverdig_service::model::User;
use std::sync::Arc;

pub struct Shell {
    pub locale: Locale,
    pub user: Option<User>,
    pub csrf: String,
    /// Path and query of this page, for the language switcher to come back to.
    pub path: String,
    pub organisation: Arc<str>,
    /// Error pages leave out the parts that need a session.
    pub minimal: bool,
    /// The organisation has a logo (shown beside its name, so its alt text is empty).
    pub has_logo: bool,
}

impl Shell {
    pub fn minimal(locale: Locale, organisation: Arc<str>) -> Shell {
        Shell {
            locale,
            user: None,
            csrf: String::new(),
            path: "/".into(),
            organisation,
            minimal: true,
            has_logo: false,
        }
    }

    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    /// Appended to asset URLs; changes whenever an asset does.
    pub fn asset_version(&self) -> &'static str {
        crate::static_files::VERSION.as_str()
    }

    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    /// A message with a number in it, its plural chosen by the language («Én e-post» / «3 e-poster»).
    pub fn t_count(&self, key: &str, count: i64) -> String {
        self.locale.t_args(
            key,
            &[(
                "count",
                fluent_templates::fluent_bundle::FluentValue::from(count),
            )],
        )
    }

    /// The signed-in user may write stories for «Tanketanken».
    pub fn writes_stories(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| prisverdig_domain::story::may_write(&u.roles))
    }

    /// The signed-in user may sit on a jury (juror or jury chair role).
    pub fn sits_on_jury(&self) -> bool {
        use prisverdig_domain::role::Role;
        self.user
            .as_ref()
            .is_some_and(|u| u.has(Role::Juror) || u.has(Role::JuryChair))
    }

    /// The languages for the switcher: (tag, own name, is current).
    pub fn languages(&self) -> Vec<(&'static str, String, bool)> {
        Locale::ALL
            .iter()
            .map(|l| (l.tag(), l.t("language-name"), *l == self.locale))
            .collect()
    }
}

impl FromRequestParts<AppState> for Shell {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let path = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        Ok(Shell {
            locale: locale_for(
                &parts.headers,
                user.as_ref().and_then(|u| u.locale.as_deref()),
            ),
            user,
            csrf,
            path,
            organisation: state.organisation_name().await,
            minimal: false,
            has_logo: state.settings.brand.logo.is_some(),
        })
    }
}

/// Problems with a submitted form, translated, for the error summary and each field.
#[derive(Default)]
pub struct FormErrors {
    pub items: Vec<(String, String)>,
    /// The fields' labels, so the summary can say which field each message is about.
    labels: Vec<(String, String)>,
}

impl FormErrors {
    pub fn add(&mut self, locale: Locale, field: &str, message_id: &str) {
        self.items.push((field.to_string(), locale.t(message_id)));
    }

    /// One problem, translated, with the limit it broke where it names one.
    pub fn add_problem(&mut self, locale: Locale, p: &prisverdig_domain::ValidationError) {
        self.add_translated(locale, p.field, p.message_id, p.limit);
    }

    pub fn add_translated(
        &mut self,
        locale: Locale,
        field: &str,
        message_id: &str,
        limit: Option<usize>,
    ) {
        let message = match limit {
            Some(max) => {
                let max = crate::format::grouped(locale, i64::try_from(max).unwrap_or(i64::MAX));
                locale.t_args(message_id, &[("max", max.into())])
            }
            None => locale.t(message_id),
        };
        self.items.push((field.to_string(), message));
    }

    /// The refused input's problems, translated.
    pub fn of(locale: Locale, problems: &[prisverdig_domain::ValidationError]) -> FormErrors {
        let mut errors = FormErrors::default();
        problems.iter().for_each(|p| errors.add_problem(locale, p));
        errors
    }

    /// Names `field` in the error summary: «Tittel: Fyll ut dette feltet.»
    pub fn label(&mut self, field: &str, label: &str) {
        self.labels.push((field.to_string(), label.to_string()));
    }

    /// The summary's lines: each message with the label of its field where it is known.
    pub fn summary(&self) -> Vec<(String, String)> {
        self.items
            .iter()
            .map(|(field, message)| {
                let label = self.labels.iter().find(|(f, _)| f == field);
                let text = match label {
                    Some((_, l)) => format!("{}: {message}", l.trim_end_matches([':', '?', ' '])),
                    None => message.clone(),
                };
                (field.clone(), text)
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Moves the messages for `from` (a group, like «criteria») to the field `to`, so the
    /// error summary links to a control.
    pub fn retarget(&mut self, from: &str, to: &str) {
        for (field, _) in &mut self.items {
            if field == from {
                *field = to.to_string();
            }
        }
    }

    /// The message for `field`, if it has one.
    pub fn at(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// A path to return to after a form: only local paths, never `//host` or a full URL.
pub fn safe_return_path(candidate: &str) -> &str {
    // Control characters and spaces are refused outright: browsers strip tabs and newlines
    // before parsing, which would turn `/\t/evil.example` into `//evil.example`.
    let local = candidate.starts_with('/')
        && !candidate.starts_with("//")
        && !candidate.contains('\\')
        && !candidate
            .chars()
            .any(|c| c.is_control() || c.is_whitespace());
    if local { candidate } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path("/catalogue?q=a"), "/catalogue?q=a");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
            "javascript:x",
            // Browsers drop tabs and newlines from URLs: `/\t/evil` becomes `//evil`.
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\u{0}/evil.example",
            "/ /evil.example",
        ] {
            assert_eq!(safe_return_path(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn form_errors_find_their_field() {
        let mut form = FormErrors::default();
        form.add(Locale::En, "email", "error-email-invalid");
        assert_eq!(
            form.at("email"),
            Some("Enter a valid e-mail address, like name@example.com.")
        );
        assert_eq!(form.at("password"), None);
    }
}

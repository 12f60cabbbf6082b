//! What forms in every area share: service validation failures as messages at their
//! fields, a field's view model, the unit picker, and reading posted fields.

use crate::error::WebError;
use crate::i18n::Locale;
use crate::layout::FormErrors;
use prisverdig_service::ServiceError;
use prisverdig_service::model::UnitRow;
use uuid::Uuid;

/// `?saved=1` on the page a successful save redirects to (Post/Redirect/Get): the page then
/// says «lagret».
#[derive(serde::Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    pub saved: Option<String>,
}

/// A validation failure becomes translated messages for the form; anything else an error page.
pub(crate) fn form_errors(locale: Locale, err: ServiceError) -> Result<FormErrors, WebError> {
    match err {
        ServiceError::Invalid(list) => {
            let mut errors = FormErrors::default();
            for e in list {
                errors.add_problem(locale, &e);
            }
            Ok(errors)
        }
        other => Err(other.into()),
    }
}

/// A unit in a picker: indented by its depth in the chart.
pub struct UnitOption {
    pub id: String,
    pub label: String,
    pub depth: usize,
    pub kind: &'static str,
    pub selected: bool,
}

/// The chart in tree order, for pickers and the nested list.
pub(crate) fn unit_options(units: &[UnitRow], selected: Option<&str>) -> Vec<UnitOption> {
    let pairs: Vec<_> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    prisverdig_domain::unit::tree_order(&pairs)
        .into_iter()
        .map(|(i, depth)| {
            let u = &units[i];
            let id = u.id.to_string();
            UnitOption {
                selected: selected == Some(id.as_str()),
                label: format!("{}{}", "\u{a0}\u{a0}".repeat(depth), u.name),
                kind: crate::labels::unit_kind(u.kind),
                depth,
                id,
            }
        })
        .collect()
}

/// A field of a form as the templates render it: label, hint, value and error, with the
/// ids that tie them together for assistive technology.
pub struct Field {
    pub name: String,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    pub multiline: bool,
    pub max: usize,
    pub required: bool,
}

impl Field {
    /// The ids of the hint and error, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

/// A posted form or query string as name–value pairs, repeated names included.
pub(crate) fn posted_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// The first value posted under `key`, or "" when there is none.
pub(crate) fn posted<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// The ids posted under a repeated `key` (ticked checkboxes); malformed ones are dropped.
pub(crate) fn posted_ids<'a>(
    pairs: &'a [(String, String)],
    key: &'a str,
) -> impl Iterator<Item = Uuid> + 'a {
    pairs
        .iter()
        .filter(move |(k, _)| k == key)
        .filter_map(|(_, v)| Uuid::parse_str(v.trim()).ok())
}

//! An archived unit: read-only, saying where it was merged, when and by whom, with the form
//! that undoes the merge; and the chart's list of archived and merged units.

use crate::error::WebError;
use crate::format::date_time;
use crate::i18n::Locale;
use crate::labels::{person_name, unit_kind};
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use prisverdig_service::admin::unit_merges::ArchivedUnit;
use prisverdig_service::model::User;
use uuid::Uuid;

/// An archived unit as its page and the chart's list show it.
pub struct ArchivedView {
    pub id: Uuid,
    pub name: String,
    /// Translation key of its kind.
    pub kind: &'static str,
    pub version: i64,
    /// The unit it was merged into: id, name, still in the chart.
    pub into: Option<(Uuid, String, bool)>,
    /// When it was merged (Oslo time), if known.
    pub when: Option<String>,
    /// Who merged it, if known.
    pub by: Option<String>,
    /// What the merge moved, in a sentence; `None` when it was not recorded.
    pub moved: Option<String>,
}

impl ArchivedView {
    pub fn of(locale: Locale, a: ArchivedUnit) -> ArchivedView {
        let merge = a.merge;
        ArchivedView {
            id: a.unit.id,
            name: a.unit.name,
            kind: unit_kind(a.unit.kind),
            version: a.unit.version,
            into: a.unit.merged_into,
            when: merge.as_ref().map(|m| date_time(locale, m.at)),
            by: merge
                .as_ref()
                .and_then(|m| m.by.clone())
                .map(|name| person_name(locale, name)),
            moved: merge
                .and_then(|m| m.moved)
                .map(|counts| moved(locale, counts)),
        }
    }
}

/// «2 personer, 1 søknad og 0 underenheter».
fn moved(locale: Locale, [people, applications, units]: [usize; 3]) -> String {
    let count = |key: &str, n: usize| {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        locale.t_args(key, &[("count", n.into())])
    };
    locale.t_args(
        "admin-unit-moved-list",
        &[
            ("people", count("admin-unit-moved-people", people).into()),
            (
                "applications",
                count("admin-unit-moved-applications", applications).into(),
            ),
            ("units", count("admin-unit-moved-units", units).into()),
        ],
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/unit_archived.html")]
pub struct ArchivedPage {
    shell: Shell,
    unit: ArchivedView,
    errors: FormErrors,
}

/// The archived unit's page, or 404 for a unit that does not exist.
pub async fn page(
    state: &AppState,
    shell: Shell,
    user: &User,
    id: Uuid,
    errors: FormErrors,
) -> Result<ArchivedPage, WebError> {
    let archived = state.services.archived_unit(user, id).await?;
    Ok(ArchivedPage {
        unit: ArchivedView::of(shell.locale, archived),
        shell,
        errors,
    })
}

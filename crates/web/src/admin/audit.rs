//! The audit log for administrators (issue 11): every change, who made it and when, filtered
//! by action, actor, entity and period, a page at a time, and the same filter as CSV.
//! A filter the server cannot read is answered 422 with the message at its field.

use crate::error::WebError;
use crate::extract::user::Administrator;
use crate::format::{csv_cell, date_time};
use crate::labels::{audit_action, audit_entity};
use crate::layout::{FormErrors, Shell};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use prisverdig_domain::local_time::oslo_at;
use prisverdig_service::ServiceError;
use prisverdig_service::admin::audit::AuditExport;
use prisverdig_service::model::{AuditFilter, AuditRow};
use serde::Deserialize;
use time::{Date, OffsetDateTime, Time};
use uuid::Uuid;

/// The filter as typed, kept for the form.
#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    page: Option<i64>,
}

impl AuditQuery {
    /// The query string for this filter, at `page` (for the pager and the download link).
    fn query(&self, page: Option<i64>) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("action", &self.action),
            ("actor", &self.actor),
            ("entity", &self.entity),
            ("from", &self.from),
            ("until", &self.until),
        ] {
            if !v.trim().is_empty() {
                s.append_pair(k, v.trim());
            }
        }
        if let Some(p) = page {
            s.append_pair("page", &p.to_string());
        }
        s.finish()
    }

    /// The filter, or the fields that could not be read.
    fn filter(&self, shell: &Shell) -> Result<AuditFilter, FormErrors> {
        let mut errors = FormErrors::default();
        let entity = match self.entity.trim() {
            "" => None,
            text => Uuid::parse_str(text).ok().or_else(|| {
                errors.add(shell.locale, "entity", "error-audit-entity");
                None
            }),
        };
        let mut day = |field: &str, text: &str, next: bool| -> Option<OffsetDateTime> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let format = time::macros::format_description!("[year]-[month]-[day]");
            match Date::parse(text, &format) {
                Ok(d) => {
                    let d = if next { d.next_day().unwrap_or(d) } else { d };
                    Some(oslo_at(d, Time::MIDNIGHT))
                }
                Err(_) => {
                    errors.add(shell.locale, field, "error-audit-date");
                    None
                }
            }
        };
        let from = day("from", &self.from, false);
        let until = day("until", &self.until, true);
        let filter = AuditFilter {
            action: Some(self.action.clone()),
            entity_id: entity,
            actor: Some(self.actor.clone()),
            from,
            until,
        };
        if errors.is_empty() {
            Ok(filter)
        } else {
            errors.label("entity", &shell.t("audit-entity"));
            errors.label("from", &shell.t("audit-from"));
            errors.label("until", &shell.t("audit-until"));
            Err(errors)
        }
    }
}

/// One entry as shown and downloaded.
pub struct AuditLine {
    at: String,
    actor: String,
    actor_id: Option<Uuid>,
    action: String,
    code: String,
    /// What the entry is about, named in the reader's language.
    entity_name: String,
    entity: String,
    entity_id: Option<Uuid>,
    /// The admin page of what the entry is about, where there is one.
    link: Option<String>,
    detail: String,
}

fn line(shell: &Shell, row: AuditRow) -> AuditLine {
    let actor = match (&row.actor_name, &row.actor_email) {
        (Some(name), _) if !name.is_empty() => name.clone(),
        (_, Some(email)) => email.clone(),
        _ => shell.t("audit-system"),
    };
    let link = row.entity_id.and_then(|id| {
        let base = match row.entity.as_str() {
            "round" => "/admin/rounds",
            "category" => "/admin/categories",
            "unit" => "/admin/units",
            "user" => "/admin/users",
            _ => return None,
        };
        Some(format!("{base}/{id}"))
    });
    AuditLine {
        at: date_time(shell.locale, row.at),
        actor,
        actor_id: row.actor_id,
        action: audit_action(&row.action).map_or_else(|| row.action.clone(), |k| shell.t(k)),
        code: row.action,
        entity_name: audit_entity(&row.entity).map_or_else(|| row.entity.clone(), |k| shell.t(k)),
        entity: row.entity,
        entity_id: row.entity_id,
        link,
        detail: row.detail.0.to_string(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    shell: Shell,
    typed: AuditQuery,
    errors: FormErrors,
    /// (code, name, chosen)
    actions: Vec<(String, String, bool)>,
    lines: Vec<AuditLine>,
    total: i64,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
    download: String,
}

pub async fn list(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Query(typed): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let (filter, errors) = match typed.filter(&shell) {
        Ok(f) => (f, FormErrors::default()),
        Err(e) => (AuditFilter::default(), e),
    };
    let refused = !errors.is_empty();
    let found = state
        .services
        .audit_page(&user, filter, typed.page.unwrap_or(1))
        .await?;
    let actions = found
        .actions
        .iter()
        .map(|code| {
            let name = audit_action(code).map_or_else(|| code.clone(), |k| shell.t(k));
            (code.clone(), name, *code == typed.action)
        })
        .collect();
    let url = |page: i64| format!("/admin/audit?{}", typed.query(Some(page)));
    let page = AuditPage {
        previous: (found.page > 1).then(|| url(found.page - 1)),
        next: (found.page < found.pages).then(|| url(found.page + 1)),
        download: format!("/admin/audit.csv?{}", typed.query(None)),
        lines: found.entries.into_iter().map(|r| line(&shell, r)).collect(),
        total: found.total,
        page: found.page,
        pages: found.pages,
        actions,
        errors,
        typed,
        shell,
    };
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

pub async fn download(
    State(state): State<AppState>,
    Administrator(user): Administrator,
    shell: Shell,
    Query(typed): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let filter = match typed.filter(&shell) {
        Ok(f) => f,
        Err(_) => return list(State(state), Administrator(user), shell, Query(typed)).await,
    };
    let export = state.services.audit_export(&user, filter).await?;
    let body = csv_of(&shell, export)
        .map_err(|e| ServiceError::internal("writing the audit log as CSV", e))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
            (CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// The entries as CSV: the time in RFC 3339 (UTC), names in the reader's language, codes and
/// ids as stored, so a spreadsheet can filter on either.
fn csv_of(shell: &Shell, export: AuditExport) -> csv::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        shell.t("audit-at"),
        shell.t("audit-actor"),
        "actor_id".to_string(),
        shell.t("audit-action"),
        "action".to_string(),
        "entity".to_string(),
        "entity_id".to_string(),
        shell.t("audit-detail"),
    ])?;
    for row in export.entries {
        let at = row
            .at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let l = line(shell, row);
        out.write_record([
            at,
            csv_cell(&l.actor),
            l.actor_id.map(|u| u.to_string()).unwrap_or_default(),
            csv_cell(&l.action),
            l.code,
            l.entity,
            l.entity_id.map(|u| u.to_string()).unwrap_or_default(),
            csv_cell(&l.detail),
        ])?;
    }
    if export.truncated {
        out.write_record([csv_cell(&shell.t("audit-export-truncated"))])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

//! The jury's work for a spreadsheet, as CSV (one row per submitted review, with its
//! application's totals and decision) and as XLSX (a sheet of applications and one of
//! reviews, made by rust_xlsxwriter; ADR 0014). What is in it is what the overview shows the
//! one who downloads it (`Services::jury_export`).

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format::badge_key;
use crate::labels;
use crate::layout::Shell;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use prisverdig_service::ServiceError;
use prisverdig_service::jury::export::JuryExport;
use uuid::Uuid;

/// A cell a spreadsheet would read as a formula gets a leading apostrophe (CSV injection).
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn application_headers(shell: &Shell) -> Vec<String> {
    [
        "jury-col-application",
        "jury-col-unit",
        "jury-col-raw",
        "jury-col-calibrated",
        "jury-col-spread",
        "jury-disagreement",
        "jury-col-decision",
        "jury-justification",
        "jury-feedback-field",
    ]
    .iter()
    .map(|k| shell.t(k))
    .collect()
}

fn application_cells(
    shell: &Shell,
    a: &prisverdig_service::jury::export::ExportApplication,
) -> Vec<String> {
    vec![
        a.title.clone(),
        a.unit.clone(),
        number(a.raw),
        number(a.calibrated),
        number(a.spread),
        if a.disagreement {
            shell.t("jury-yes")
        } else {
            String::new()
        },
        a.decision
            .map(|d| shell.t(badge_key(d)))
            .unwrap_or_default(),
        a.justification.clone(),
        a.feedback.clone(),
    ]
}

fn review_headers(shell: &Shell, e: &JuryExport) -> Vec<String> {
    let mut h = vec![
        shell.t("jury-col-application"),
        shell.t("jury-col-juror"),
        shell.t("jury-col-raw"),
    ];
    for c in &e.criteria {
        h.push(c.clone());
        h.push(format!("{c} – {}", shell.t("jury-criterion-comment")));
    }
    h.push(shell.t("jury-overall-comment"));
    h
}

fn review_cells(shell: &Shell, r: &prisverdig_service::jury::export::ExportReview) -> Vec<String> {
    let mut row = vec![
        r.application.clone(),
        labels::person_name(shell.locale, r.juror.clone()),
        number(r.total),
    ];
    for (v, n) in r.values.iter().zip(&r.notes) {
        row.push(v.map(|v| v.to_string()).unwrap_or_default());
        row.push(n.clone());
    }
    row.push(r.comment.clone());
    row
}

fn csv_of(shell: &Shell, e: &JuryExport) -> csv::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut headers = review_headers(shell, e);
    headers.extend(application_headers(shell).into_iter().skip(1));
    out.write_record(headers.iter().map(|h| cell(h)))?;
    for r in &e.reviews {
        let mut row = review_cells(shell, r);
        if let Some(a) = e.applications.iter().find(|a| a.title == r.application) {
            row.extend(application_cells(shell, a).into_iter().skip(1));
        }
        out.write_record(row.iter().map(|c| cell(c)))?;
    }
    // Applications without reviews shown (none yet, or the viewer's own is not in) are
    // still listed with their decision and feedback.
    for a in e
        .applications
        .iter()
        .filter(|a| !e.reviews.iter().any(|r| r.application == a.title))
    {
        let mut row = vec![a.title.clone(), String::new(), String::new()];
        row.extend(std::iter::repeat_n(String::new(), e.criteria.len() * 2 + 1));
        row.extend(application_cells(shell, a).into_iter().skip(1));
        out.write_record(row.iter().map(|c| cell(c)))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

fn xlsx_of(shell: &Shell, e: &JuryExport) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(sanitise_sheet(&shell.t("jury-export-applications")))?;
    for (c, h) in application_headers(shell).iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, a) in e.applications.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, &a.title)?;
        sheet.write_string(row, 1, &a.unit)?;
        for (c, v) in [a.raw, a.calibrated, a.spread].iter().enumerate() {
            if let Some(v) = v {
                sheet.write_number(row, 2 + c as u16, (*v * 100.0).round() / 100.0)?;
            }
        }
        let rest = application_cells(shell, a);
        for (c, text) in rest.iter().enumerate().skip(5) {
            sheet.write_string(row, c as u16, text)?;
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(sanitise_sheet(&shell.t("jury-export-reviews")))?;
    for (c, h) in review_headers(shell, e).iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, review) in e.reviews.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, &review.application)?;
        sheet.write_string(
            row,
            1,
            labels::person_name(shell.locale, review.juror.clone()),
        )?;
        if let Some(t) = review.total {
            sheet.write_number(row, 2, (t * 100.0).round() / 100.0)?;
        }
        for (k, (v, n)) in review.values.iter().zip(&review.notes).enumerate() {
            let col = 3 + 2 * k as u16;
            if let Some(v) = v {
                sheet.write_number(row, col, *v as f64)?;
            }
            sheet.write_string(row, col + 1, n)?;
        }
        sheet.write_string(row, 3 + 2 * e.criteria.len() as u16, &review.comment)?;
    }
    book.save_to_buffer()
}

/// A sheet name: at most 31 characters, none of `[]:*?/\`.
fn sanitise_sheet(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn download(body: Vec<u8>, content_type: &'static str, file: &str) -> Response {
    (
        [
            (CONTENT_TYPE, content_type.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

pub async fn csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let export = state.services.jury_export(&user, id).await?;
    let body = csv_of(&shell, &export)
        .map_err(|e| ServiceError::internal("writing the jury's work as CSV", e))?;
    Ok(download(body, "text/csv; charset=utf-8", "jury.csv"))
}

pub async fn xlsx(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<Response, WebError> {
    let export = state.services.jury_export(&user, id).await?;
    let body = xlsx_of(&shell, &export)
        .map_err(|e| ServiceError::internal("writing the jury's work as XLSX", e))?;
    Ok(download(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "jury.xlsx",
    ))
}

//! The ceremony's printed matter, for those who run the show: a diploma per winner and
//! honourable mention, the programme, and one page per nominee. Each is a page with a print
//! stylesheet (`/ceremony/{round}/diplomas`, `…/programme`, `…/nominees`) and a PDF made
//! on the server (the same paths with `.pdf`, drawn by `pdf.rs`). Both come from one list
//! of sheets, written in the round's language (its setting), whatever language the person
//! printing reads the site in. `?category=` narrows diplomas and nominee pages to a prize.
//!
//! Access is the show's (`Services::ceremony`): administrators and the round's chairs and
//! deputies. The diplomas name the winners before the reveal, so these pages are never
//! cached and never public.

use crate::error::WebError;
use crate::extract::user::SignedIn;
use crate::format;
use crate::i18n::Locale;
use crate::layout::Shell;
use crate::pdf::{self, Block, Layout, Sheet, Style};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_service::ceremony::{Show, ShowEntry, ShowPrize};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct PrintQuery {
    /// Only this prize's diplomas or nominees.
    #[serde(default)]
    category: Option<Uuid>,
}

/// What is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Diplomas,
    Programme,
    Nominees,
}

impl Kind {
    fn slug(self) -> &'static str {
        match self {
            Kind::Diplomas => "diplomas",
            Kind::Programme => "programme",
            Kind::Nominees => "nominees",
        }
    }

    /// The file name's first word, in the sheets' language.
    fn file_key(self) -> &'static str {
        match self {
            Kind::Diplomas => "print-file-diplomas",
            Kind::Programme => "print-file-programme",
            Kind::Nominees => "print-file-nominees",
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            Kind::Diplomas => "print-diplomas",
            Kind::Programme => "print-programme",
            Kind::Nominees => "print-nominees",
        }
    }
}

fn language(show: &Show) -> Locale {
    Locale::from_language(show.round.language)
}

fn arg(value: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(value.into())
}

/// «Fjordvik kulturhus, 20. januar 2027 kl. 13:00»: the ceremony's name, time and place.
fn occasion(show: &Show, l: Locale) -> String {
    let round = &show.round;
    [
        round.ceremony_name.clone(),
        round
            .ceremony_at
            .map(|at| format::date_time(l, at))
            .unwrap_or_default(),
        round.ceremony_place.clone(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

fn unit(entry: &ShowEntry) -> String {
    entry.card.unit_snapshot.0.join(" › ")
}

fn chosen(show: &Show, category: Option<Uuid>) -> impl Iterator<Item = &ShowPrize> {
    show.prizes
        .iter()
        .filter(move |p| category.is_none_or(|c| c == p.category.id))
}

fn diploma(show: &Show, prize: &ShowPrize, entry: &ShowEntry, winner: bool, l: Locale) -> Sheet {
    let args = [
        ("prize", arg(prize.category.name.clone())),
        ("year", arg(show.round.year.to_string())),
    ];
    let mut blocks = vec![
        Block::new(Style::Small, show.organisation.clone()),
        Block::new(Style::Title, l.t("print-diploma")),
        Block::new(
            Style::Lead,
            l.t_args(
                if winner {
                    "print-diploma-winner"
                } else {
                    "print-diploma-mention"
                },
                &args,
            ),
        ),
        Block::new(Style::Heading, entry.card.title.clone()),
    ];
    if !entry.team.is_empty() {
        blocks.push(Block::new(Style::Lead, entry.team.join(", ")));
    }
    blocks.push(Block::new(Style::Body, unit(entry)));
    if !entry.justification.trim().is_empty() {
        blocks.push(Block::new(
            Style::Body,
            l.t_args(
                "print-diploma-justification",
                &[("text", arg(entry.justification.trim()))],
            ),
        ));
    }
    let when = occasion(show, l);
    if !when.is_empty() {
        blocks.push(Block::new(Style::Small, when));
    }
    Sheet {
        layout: Layout::Certificate,
        logo: true,
        blocks,
    }
}

/// One diploma per winner and honourable mention, prize by prize.
fn diplomas(show: &Show, category: Option<Uuid>, l: Locale) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    for prize in chosen(show, category) {
        for entry in &prize.winners {
            sheets.push(diploma(show, prize, entry, true, l));
        }
        for entry in &prize.mentions {
            sheets.push(diploma(show, prize, entry, false, l));
        }
    }
    if sheets.is_empty() {
        sheets.push(nothing(show, l, "print-no-diplomas"));
    }
    sheets
}

/// The programme: the round, the ceremony, and per prize its nominees (never its winners:
/// it is printed before the reveal).
fn programme(show: &Show, l: Locale) -> Vec<Sheet> {
    let mut blocks = vec![
        Block::new(Style::Small, show.organisation.clone()),
        Block::new(Style::Title, show.round.title.clone()),
        Block::new(Style::Lead, l.t("print-programme")),
    ];
    let when = occasion(show, l);
    if !when.is_empty() {
        blocks.push(Block::new(Style::Body, when));
    }
    for prize in &show.prizes {
        blocks.push(Block::new(Style::Heading, prize.category.name.clone()));
        if prize.nominees.is_empty() {
            blocks.push(Block::new(Style::Body, l.t("print-no-nominees")));
        }
        for entry in &prize.nominees {
            blocks.push(Block::new(Style::Subheading, entry.card.title.clone()));
            let mut who = vec![unit(entry)];
            if !entry.team.is_empty() {
                who.push(entry.team.join(", "));
            }
            blocks.push(Block::new(Style::Body, who.join(" · ")));
        }
    }
    blocks.push(Block::new(Style::Small, l.t("print-programme-end")));
    vec![Sheet {
        layout: Layout::Page,
        logo: true,
        blocks,
    }]
}

/// One page per nominee: what the innovation is and who stands behind it.
fn nominees(show: &Show, category: Option<Uuid>, l: Locale) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    for prize in chosen(show, category) {
        for entry in &prize.nominees {
            let mut blocks = vec![
                Block::new(
                    Style::Small,
                    format!("{} · {}", show.organisation, show.round.title),
                ),
                Block::new(
                    Style::Lead,
                    l.t_args(
                        "print-nominated-for",
                        &[("prize", arg(prize.category.name.clone()))],
                    ),
                ),
                Block::new(Style::Title, entry.card.title.clone()),
            ];
            if !entry.team.is_empty() {
                blocks.push(Block::new(Style::Lead, entry.team.join(", ")));
            }
            blocks.push(Block::new(Style::Body, unit(entry)));
            if !entry.card.summary.trim().is_empty() {
                blocks.push(Block::new(Style::Body, entry.card.summary.clone()));
            }
            sheets.push(Sheet {
                layout: Layout::Page,
                logo: true,
                blocks,
            });
        }
    }
    if sheets.is_empty() {
        sheets.push(nothing(show, l, "print-no-nominees"));
    }
    sheets
}

fn nothing(show: &Show, l: Locale, key: &str) -> Sheet {
    Sheet {
        layout: Layout::Page,
        logo: false,
        blocks: vec![
            Block::new(Style::Title, show.round.title.clone()),
            Block::new(Style::Body, l.t(key)),
        ],
    }
}

fn sheets(show: &Show, kind: Kind, category: Option<Uuid>) -> Vec<Sheet> {
    let l = language(show);
    match kind {
        Kind::Diplomas => diplomas(show, category, l),
        Kind::Programme => programme(show, l),
        Kind::Nominees => nominees(show, category, l),
    }
}

/// A sheet's block as the page shows it.
pub struct HtmlBlock {
    /// `h1`, `h2`, `h3` or `p`.
    element: &'static str,
    class: &'static str,
    text: String,
}

pub struct HtmlSheet {
    certificate: bool,
    logo: bool,
    blocks: Vec<HtmlBlock>,
}

fn html(sheet: Sheet) -> HtmlSheet {
    HtmlSheet {
        certificate: sheet.layout == Layout::Certificate,
        logo: sheet.logo,
        blocks: sheet
            .blocks
            .into_iter()
            .map(|b| {
                let (element, class) = match b.style {
                    Style::Title => ("h1", "print-title"),
                    Style::Heading => ("h2", "print-heading"),
                    Style::Subheading => ("h3", "print-subheading"),
                    Style::Lead => ("p", "print-lead"),
                    Style::Body => ("p", "print-body"),
                    Style::Small => ("p", "print-small"),
                };
                HtmlBlock {
                    element,
                    class,
                    text: b.text,
                }
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "ceremony/print.html")]
pub struct PrintPage {
    shell: Shell,
    round_id: Uuid,
    /// In the reader's language: «Diplomer – Innovasjonsprisene 2026».
    title: String,
    /// The language the sheets are written in.
    sheet_lang: &'static str,
    pdf_href: String,
    sheets: Vec<HtmlSheet>,
}

fn query_suffix(query: &PrintQuery) -> String {
    query
        .category
        .map(|c| format!("?category={c}"))
        .unwrap_or_default()
}

async fn page(
    state: AppState,
    user: prisverdig_service::model::User,
    shell: Shell,
    round: Uuid,
    query: PrintQuery,
    kind: Kind,
) -> Result<PrintPage, WebError> {
    let show = state.services.ceremony(&user, round).await?;
    let title = format!(
        "{} – {}",
        shell.locale.t(kind.title_key()),
        show.round.title
    );
    Ok(PrintPage {
        round_id: round,
        title,
        sheet_lang: language(&show).tag(),
        pdf_href: format!(
            "/ceremony/{round}/{}.pdf{}",
            kind.slug(),
            query_suffix(&query)
        ),
        sheets: sheets(&show, kind, query.category)
            .into_iter()
            .map(html)
            .collect(),
        shell,
    })
}

async fn pdf(
    state: AppState,
    user: prisverdig_service::model::User,
    round: Uuid,
    query: PrintQuery,
    kind: Kind,
) -> Result<Response, WebError> {
    let show = state.services.ceremony(&user, round).await?;
    let l = language(&show);
    let title = format!("{} – {}", l.t(kind.title_key()), show.round.title);
    let sheets = sheets(&show, kind, query.category);
    let logo = state.settings.brand.logo.clone();
    let bytes = tokio::task::spawn_blocking(move || {
        pdf::render(&pdf::Pdf {
            title: &title,
            lang: l.tag(),
            sheets: &sheets,
            logo: logo.as_ref().map(|(kind, bytes)| (*kind, bytes.as_slice())),
        })
    })
    .await
    .map_err(|e| WebError::Pdf(format!("the task failed: {e}")))?
    .map_err(|e| WebError::Pdf(e.to_string()))?;
    let file = format!("{}-{}.pdf", l.t(kind.file_key()), show.round.year);
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (CACHE_CONTROL, "no-store".to_string()),
            (CONTENT_DISPOSITION, format!("inline; filename=\"{file}\"")),
        ],
        bytes,
    )
        .into_response())
}

macro_rules! printable {
    ($page:ident, $pdf:ident, $kind:expr) => {
        pub async fn $page(
            State(state): State<AppState>,
            SignedIn(user): SignedIn,
            shell: Shell,
            Path(round): Path<Uuid>,
            Query(query): Query<PrintQuery>,
        ) -> Result<Response, WebError> {
            let page = page(state, user, shell, round, query, $kind).await?;
            Ok(([(CACHE_CONTROL, "no-store")], page).into_response())
        }

        pub async fn $pdf(
            State(state): State<AppState>,
            SignedIn(user): SignedIn,
            Path(round): Path<Uuid>,
            Query(query): Query<PrintQuery>,
        ) -> Result<Response, WebError> {
            pdf(state, user, round, query, $kind).await
        }
    };
}

printable!(diplomas_page, diplomas_pdf, Kind::Diplomas);
printable!(programme_page, programme_pdf, Kind::Programme);
printable!(nominees_page, nominees_pdf, Kind::Nominees);

//! The catalogue: every visible application («alle som søker blir sett»), filtered by
//! year, prize, sector and outcome, sorted and paged; every filter lives in the URL so a
//! view can be shared.

use crate::error::WebError;
use crate::layout::Shell;
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use prisverdig_domain::category::CategoryKind;
use prisverdig_service::catalogue::PER_PAGE;
use prisverdig_store::catalogue_query::{Card, Filter, Sort};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
pub struct CatalogueQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: String,
}

const STATUSES: [&str; 3] = ["winner", "nominee", "honourable_mention"];

impl CatalogueQuery {
    /// Unknown or malformed values are ignored, never trusted.
    fn filter(&self) -> Filter {
        let some = |v: &String| (!v.is_empty()).then(|| v.clone());
        Filter {
            year: self.year.parse().ok(),
            kind: CategoryKind::parse(&self.category).map(|k| k.as_str().to_string()),
            sector: some(&self.sector),
            status: STATUSES
                .contains(&self.status.as_str())
                .then(|| self.status.clone()),
            sort: match self.sort.as_str() {
                "cheers" => Sort::MostCheered,
                "adopted" => Sort::MostAdopted,
                _ => Sort::Newest,
            },
            ..Filter::default()
        }
    }

    fn page(&self) -> i64 {
        self.page.parse().unwrap_or(1).clamp(1, 100_000)
    }

    /// This view's URL with another page number.
    fn url_for_page(&self, page: i64) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("year", &self.year),
            ("category", &self.category),
            ("sector", &self.sector),
            ("status", &self.status),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                url.append_pair(k, v);
            }
        }
        url.append_pair("page", &page.to_string());
        format!("/catalogue?{}", url.finish())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "public/catalogue.html")]
pub struct CataloguePage {
    shell: Shell,
    query: CatalogueQuery,
    cards: Vec<Card>,
    total: i64,
    years: Vec<i64>,
    sectors: Vec<String>,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
}

impl CataloguePage {
    pub fn badge_key(&self, badge: &str) -> &'static str {
        crate::format::badge_key(badge)
    }

    pub fn kinds(&self) -> [(&'static str, &'static str); 3] {
        [
            ("innovation", "kind-innovation"),
            ("steal", "kind-steal"),
            ("mistake", "kind-mistake"),
        ]
    }

    pub fn statuses(&self) -> [(&'static str, &'static str); 3] {
        [
            ("winner", "badge-winner"),
            ("nominee", "badge-nominee"),
            ("honourable_mention", "badge-honourable-mention"),
        ]
    }
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Query(query): Query<CatalogueQuery>,
) -> Result<CataloguePage, WebError> {
    let page = query.page();
    let text: String = query.q.chars().take(200).collect();
    let result = state
        .services
        .catalogue_page(query.filter(), &text, page)
        .await?;
    let pages = ((result.total + PER_PAGE - 1) / PER_PAGE).max(1);
    Ok(CataloguePage {
        previous: (page > 1).then(|| query.url_for_page(page - 1)),
        next: (page < pages).then(|| query.url_for_page(page + 1)),
        shell,
        cards: result.cards,
        total: result.total,
        years: result.years,
        sectors: result.sectors,
        page,
        pages,
        query,
    })
}

//! The catalogue: every visible application («alle som søker blir sett»), filtered by
//! year, prize, sector and outcome, sorted and paged; every filter lives in the URL so a
//! view can be shared.

use crate::error::WebError;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::follow_up::InUse;
use prisverdig_domain::outcome::Outcome;
use prisverdig_service::catalogue::last_page;
use prisverdig_service::model::{Card, Filter, Sort};
use serde::Deserialize;

/// The prize filter's value for a custom prize, before its name.
const CUSTOM_PREFIX: &str = "custom:";

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

impl CatalogueQuery {
    /// Unknown or malformed values are ignored, never trusted.
    fn filter(&self) -> Filter {
        let some = |v: &String| (!v.is_empty()).then(|| v.clone());
        // A custom prize is chosen by its name: `custom:NAME`.
        let prize = self
            .category
            .strip_prefix(CUSTOM_PREFIX)
            .filter(|name| !name.is_empty())
            .map(str::to_string);
        let kind = match prize {
            Some(_) => Some(CategoryKind::Custom),
            None => CategoryKind::parse(&self.category),
        };
        Filter {
            year: self.year.parse().ok(),
            kind,
            prize,
            sector: some(&self.sector),
            status: Outcome::parse(&self.status),
            sort: match self.sort.as_str() {
                "cheers" => Sort::MostCheered,
                "adopted" => Sort::MostAdopted,
                _ => Sort::Newest,
            },
            ..Filter::default()
        }
    }

    /// Any search text or filter narrows the view (sorting does not).
    fn narrowed(&self) -> bool {
        [
            &self.q,
            &self.year,
            &self.category,
            &self.sector,
            &self.status,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
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
    /// Custom prizes with visible applications, by name.
    prizes: Vec<String>,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
    /// Nothing shown, and why: see [`Empty`].
    empty: Option<Empty>,
}

/// Why the catalogue shows no cards.
pub enum Empty {
    /// Nothing is published at all yet.
    NothingYet,
    /// The search or the filters matched nothing (and can be cleared).
    NoMatch,
    /// One year's prize whose deadline has passed received no applications: the text, and
    /// the year (its round in the archive says more).
    NoneReceived(String, i64),
}

impl CataloguePage {
    pub fn badge_key(&self, badge: &Outcome) -> &'static str {
        crate::format::badge_key(*badge)
    }

    pub fn kinds(&self) -> [(&'static str, &'static str); 3] {
        [
            ("innovation", "kind-innovation"),
            ("steal", "kind-steal"),
            ("mistake", "kind-mistake"),
        ]
    }

    /// The prize filter's value for a custom prize.
    pub fn prize_value(&self, name: &str) -> String {
        format!("{CUSTOM_PREFIX}{name}")
    }

    pub fn statuses(&self) -> [(&'static str, &'static str); 3] {
        Outcome::ALL.map(|o| (o.as_str(), crate::format::badge_key(o)))
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
    // The service read a page beyond the last as the last one.
    let page = result.page;
    let pages = last_page(result.total);
    let empty = if !result.cards.is_empty() {
        None
    } else if !query.narrowed() {
        Some(Empty::NothingYet)
    } else {
        let filter = query.filter();
        let only_prize_and_year =
            query.q.trim().is_empty() && filter.sector.is_none() && filter.status.is_none();
        let closed = match (filter.year, filter.kind) {
            (Some(year), Some(kind)) if only_prize_and_year => state
                .services
                .received_none(year, kind, filter.prize.as_deref())
                .await?
                .map(|(name, not_awarded)| {
                    let key = if not_awarded {
                        "catalogue-none-received-not-awarded"
                    } else {
                        "catalogue-none-received"
                    };
                    let args = [("category", name.into()), ("year", year.to_string().into())];
                    Empty::NoneReceived(shell.locale.t_args(key, &args), year)
                }),
            _ => None,
        };
        Some(closed.unwrap_or(Empty::NoMatch))
    };
    Ok(CataloguePage {
        empty,
        previous: (page > 1).then(|| query.url_for_page(page - 1)),
        next: (page < pages).then(|| query.url_for_page(page + 1)),
        shell,
        cards: result.cards,
        total: result.total,
        years: result.years,
        sectors: result.sectors,
        prizes: result.prizes,
        page,
        pages,
        query,
    })
}

//! The catalogue's list: visible applications filtered, sorted and paged, built from fixed
//! SQL fragments with every value bound (never formatted into the text).

use crate::{Db, Result, StoreError, decode, on_pool, utc};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::follow_up::InUse;
use prisverdig_domain::outcome::Outcome;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    MostCheered,
    MostAdopted,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub year: Option<i64>,
    pub kind: Option<CategoryKind>,
    pub sector: Option<String>,
    /// A custom prize («egen pris», category kind `custom`) by its name.
    pub prize: Option<String>,
    /// A published decision.
    pub status: Option<Outcome>,
    /// Ids from the search index, when the visitor searched; `None` lists all.
    pub ids: Option<Vec<Uuid>>,
    pub sort: Sort,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone)]
pub struct Card {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub unit_snapshot: Json<Vec<String>>,
    pub category_name: String,
    pub year: i64,
    pub cheers: i64,
    pub adoptions: i64,
    pub thumbnail: Option<Uuid>,
    pub thumbnail_alt: Option<String>,
    /// Its published outcome, if any.
    pub badge: Option<Outcome>,
    /// «I bruk etter ett år»: the team's answer to the follow-up, once given.
    pub lasting: Option<InUse>,
    pub submitted_at: Option<OffsetDateTime>,
    /// Highlighted text from the search (HTML, escaped), when searching.
    pub snippet: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StoredCard {
    id: Uuid,
    title: String,
    summary: String,
    unit_snapshot: Json<Vec<String>>,
    category_name: String,
    year: i64,
    cheers: i64,
    adoptions: i64,
    thumbnail: Option<Uuid>,
    thumbnail_alt: Option<String>,
    badge: Option<String>,
    lasting: Option<String>,
    submitted_at: Option<OffsetDateTime>,
}

impl TryFrom<StoredCard> for Card {
    type Error = StoreError;

    fn try_from(r: StoredCard) -> Result<Card> {
        let badge = r
            .badge
            .map(|b| decode::code(Outcome::parse, "application", r.id, "decision.kind", b));
        let lasting = r
            .lasting
            .map(|l| decode::code(InUse::parse, "follow_up", r.id, "in_use", l));
        Ok(Card {
            badge: badge.transpose()?,
            lasting: lasting.transpose()?,
            id: r.id,
            title: r.title,
            summary: r.summary,
            unit_snapshot: r.unit_snapshot,
            category_name: r.category_name,
            year: r.year,
            cheers: r.cheers,
            adoptions: r.adoptions,
            thumbnail: r.thumbnail,
            thumbnail_alt: r.thumbnail_alt,
            submitted_at: r.submitted_at,
            snippet: None,
        })
    }
}

enum Param {
    Text(String),
    Int(i64),
    Time(OffsetDateTime),
    Id(Uuid),
}

/// The visible applications with their category, round and decision (read only through
/// `outcome_at!`).
macro_rules! visible_from_where {
    ($state:literal) => {
        concat!(
            " FROM application a JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
             LEFT JOIN decision d ON d.application_id = a.id \
             WHERE ",
            public_at!($state, "c", "r", "$1")
        )
    };
}

const FROM: &str = visible_from_where!("a.state");

/// The same, walked from the visible categories into their applications through the index
/// on `(category_id, state, sector)`: a total is counted from the index alone instead of
/// reading every application (4 ms instead of 350 ms at 100 000). `CROSS JOIN` fixes that
/// order in SQLite; PostgreSQL plans it the same way on its own.
const FROM_CATEGORIES: &str = concat!(
    " FROM round r CROSS JOIN category c CROSS JOIN application a \
     LEFT JOIN decision d ON d.application_id = a.id \
     WHERE c.round_id = r.id AND a.category_id = c.id AND ",
    public_at!("a.state", "c", "r", "$1")
);

/// The same without the decisions, for a total that needs none (no status filter): then the
/// count reads the index on `(category_id, state)` alone (0.7 ms instead of 14 ms at 10 000).
const FROM_CATEGORIES_ONLY: &str = concat!(
    " FROM round r CROSS JOIN category c CROSS JOIN application a \
     WHERE c.round_id = r.id AND a.category_id = c.id AND ",
    public_at!("a.state", "c", "r", "$1")
);

/// The same walked from the decisions, for a status filter: only an application with a
/// decision has a published outcome, and decisions are few (360 at 100 000 applications),
/// so the page and its total read those instead of walking the applications (35 ms at
/// 10 000).
const FROM_DECISIONS: &str = concat!(
    " FROM decision d CROSS JOIN application a CROSS JOIN category c CROSS JOIN round r \
     WHERE a.id = d.application_id AND c.id = a.category_id AND r.id = c.round_id AND ",
    public_at!("a.state", "c", "r", "$1")
);

/// A category whose applications the public may see at `$1` once submitted.
const CATEGORY_PUBLIC: &str = "r.state <> 'draft' AND (r.visibility = 'on_submit' OR $1 >= COALESCE(c.extended_deadline, c.deadline))";

/// The same for a list of ids from the search: `a.state || ''` keeps SQLite's planner from
/// walking the (state, submitted_at) index through every application and makes it look
/// the ids up by primary key instead (0.5 ms instead of 70 ms at 100 000 applications).
const FROM_IDS: &str = visible_from_where!("a.state || ''");

const CARD: &str = concat!(
    "SELECT a.id, a.title, a.summary, a.unit_snapshot, c.name AS category_name, r.year, \
     a.cheer_count AS cheers, \
     (SELECT COUNT(*) FROM adoption p WHERE p.source_application_id = a.id \
       AND (p.adopting_application_id IS NULL OR EXISTS (SELECT 1 FROM application a2 \
       JOIN category c2 ON c2.id = a2.category_id JOIN round r2 ON r2.id = c2.round_id \
       WHERE a2.id = p.adopting_application_id AND ",
    public_at!("a2.state", "c2", "r2", "$1"),
    "))) AS adoptions, \
     (SELECT t.id FROM attachment t WHERE t.application_id = a.id AND t.thumbnail_key IS NOT NULL ORDER BY t.created_at, t.id LIMIT 1) AS thumbnail, \
     (SELECT t.alt_text FROM attachment t WHERE t.application_id = a.id AND t.thumbnail_key IS NOT NULL ORDER BY t.created_at, t.id LIMIT 1) AS thumbnail_alt, \
     ",
    outcome_at!("d", "c", "$1"),
    " AS badge, \
     (SELECT f.in_use FROM follow_up f WHERE f.application_id = a.id AND f.answered_at IS NOT NULL) \
     AS lasting, a.submitted_at"
);

/// The WHERE additions and their values, numbered after `$1` (now).
fn conditions(now: OffsetDateTime, f: &Filter) -> (String, Vec<Param>) {
    let mut sql = String::new();
    let mut params = vec![Param::Time(utc(now))];
    let mut add = |fragment: &str, p: Param, params: &mut Vec<Param>| {
        params.push(p);
        sql.push_str(&fragment.replace('?', &format!("${}", params.len())));
    };
    if let Some(year) = f.year {
        add(" AND r.year = ?", Param::Int(year), &mut params);
    }
    if let Some(kind) = &f.kind {
        add(
            " AND c.kind = ?",
            Param::Text(kind.as_str().into()),
            &mut params,
        );
    }
    if let Some(sector) = &f.sector {
        add(
            " AND a.sector = ?",
            Param::Text(sector.clone()),
            &mut params,
        );
    }
    if let Some(prize) = &f.prize {
        add(
            " AND c.kind = 'custom' AND c.name = ?",
            Param::Text(prize.clone()),
            &mut params,
        );
    }
    if let Some(status) = &f.status {
        add(
            concat!(" AND ", outcome_at!("d", "c", "$1"), " = ?"),
            Param::Text(status.as_str().into()),
            &mut params,
        );
    }
    if let Some(ids) = &f.ids {
        if ids.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let mut list = Vec::new();
            for id in ids {
                params.push(Param::Id(*id));
                list.push(format!("${}", params.len()));
            }
            sql.push_str(&format!(" AND a.id IN ({})", list.join(", ")));
        }
    }
    (sql, params)
}

fn order(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => " ORDER BY a.submitted_at DESC, a.id DESC",
        Sort::MostCheered => " ORDER BY a.cheer_count DESC, a.submitted_at DESC, a.id DESC",
        Sort::MostAdopted => " ORDER BY adoptions DESC, a.submitted_at DESC, a.id DESC",
    }
}

macro_rules! bind_all {
    ($query:expr, $params:expr) => {{
        let mut q = $query;
        for p in $params {
            q = match p {
                Param::Text(v) => q.bind(v.clone()),
                Param::Int(v) => q.bind(*v),
                Param::Time(v) => q.bind(*v),
                Param::Id(v) => q.bind(*v),
            };
        }
        q
    }};
}

/// One page of cards and the total number matching.
pub async fn page(db: &Db, now: OffsetDateTime, f: &Filter) -> Result<(Vec<Card>, i64)> {
    let (cond, params) = conditions(now, f);
    let n = params.len();
    // Newest first, unfiltered or by sector: walk the applications in that order and stop
    // after the page (a prize kind alone matches too many to walk differently). A year or a
    // custom prize narrows the categories first: walk from those.
    let from = if f.ids.is_some() {
        FROM_IDS
    } else if f.status.is_some() {
        FROM_DECISIONS
    } else if f.year.is_some() || f.prize.is_some() {
        FROM_CATEGORIES
    } else {
        FROM
    };
    let list_sql = format!(
        "{CARD}{from}{cond}{} LIMIT ${} OFFSET ${}",
        order(f.sort),
        n + 1,
        n + 2
    );
    let count_from = if f.ids.is_some() {
        FROM_IDS
    } else if f.status.is_some() {
        FROM_DECISIONS
    } else {
        FROM_CATEGORIES_ONLY
    };
    let count_sql = format!("SELECT COUNT(*){count_from}{cond}");
    let cards: Vec<StoredCard> = on_pool!(db, |pool| {
        let q = bind_all!(
            sqlx::query_as::<_, StoredCard>(sqlx::AssertSqlSafe(list_sql.clone())),
            &params
        );
        q.bind(f.limit).bind(f.offset).fetch_all(pool).await
    })?;
    let total: i64 = on_pool!(db, |pool| {
        bind_all!(
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql.clone())),
            &params
        )
        .fetch_one(pool)
        .await
    })?;
    Ok((decode::all(cards)?, total))
}

/// What the filters offer: the years, sectors and custom prizes that have visible applications.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub years: Vec<i64>,
    pub sectors: Vec<String>,
    /// The names of custom prizes («egen pris»).
    pub prizes: Vec<String>,
}

pub async fn facets(db: &Db, now: OffsetDateTime) -> Result<Facets> {
    // From the visible categories that have a submitted application: a few hundred rows,
    // however many applications there are.
    let with_applications = "EXISTS (SELECT 1 FROM application a WHERE a.category_id = c.id \
         AND a.state = 'submitted')";
    let years_sql = format!(
        "SELECT DISTINCT r.year FROM round r CROSS JOIN category c \
         WHERE c.round_id = r.id AND {CATEGORY_PUBLIC} AND {with_applications} ORDER BY r.year DESC"
    );
    let prizes_sql = format!(
        "SELECT DISTINCT c.name FROM round r CROSS JOIN category c \
         WHERE c.round_id = r.id AND c.kind = 'custom' AND {CATEGORY_PUBLIC} \
         AND {with_applications} ORDER BY c.name"
    );
    // Each sector any application names, found by seeking to the next one in the index on
    // `sector` (a handful of seeks), then kept when a visible application names it.
    let sectors_sql = format!(
        "WITH RECURSIVE s(x) AS ( \
           SELECT MIN(sector) FROM application WHERE sector > '' \
           UNION ALL \
           SELECT (SELECT MIN(sector) FROM application WHERE sector > s.x) FROM s WHERE s.x IS NOT NULL) \
         SELECT x FROM s WHERE x IS NOT NULL AND EXISTS (SELECT 1 FROM round r CROSS JOIN category c \
           CROSS JOIN application a WHERE c.round_id = r.id AND a.category_id = c.id \
           AND a.state = 'submitted' AND a.sector = s.x AND {CATEGORY_PUBLIC}) ORDER BY x"
    );
    let years = on_pool!(db, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(
        years_sql.clone()
    ))
    .bind(utc(now))
    .fetch_all(pool)
    .await)?;
    let sectors = on_pool!(db, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(
        sectors_sql.clone()
    ))
    .bind(utc(now))
    .fetch_all(pool)
    .await)?;
    let prizes = on_pool!(db, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(
        prizes_sql.clone()
    ))
    .bind(utc(now))
    .fetch_all(pool)
    .await)?;
    Ok(Facets {
        years,
        sectors,
        prizes,
    })
}

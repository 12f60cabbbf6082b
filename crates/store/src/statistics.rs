//! The figures of the statistics (issue 15), counted in SQL for a closed range of round
//! years. What is counted depends on the audience: for the public, only what the catalogue
//! shows (`public_at!`, the one SQL form of `application::rules::is_public`; an adoption
//! as the catalogue's cards count it); for the strategy unit, every submitted application.
//! Grouping by today's units (a merged unit's applications under the unit it went into) is
//! the domain's rule, applied by the service to the rows `application_units` returns.

use crate::{Db, Result, StoreError, decode, on_pool, utc};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::follow_up::InUse;
use prisverdig_domain::round::RoundState;
use prisverdig_domain::statistics::Audience;
use prisverdig_domain::unit::UnitKind;
use time::OffsetDateTime;
use uuid::Uuid;

/// The applications counted for `audience`, with `a`, `c` and `r` the application, its
/// category and its round, and `$1` the current time. The internal form names `$1` too, so
/// both bind the same parameters.
fn counted(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => public_at!("a.state", "c", "r", "$1"),
        Audience::Internal => "($1 IS NOT NULL AND a.state = 'submitted')",
    }
}

/// What follows an application `a`'s table: its category `c` and round `r`, the round in
/// `$2..=$3` and past draft, and (after the final `AND`) whether it is counted.
const JOINED: &str = " JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
     WHERE r.state <> 'draft' AND r.year >= $2 AND r.year <= $3 AND ";

/// The rows of `sql` with `$1` the time `now` and `$2`, `$3` the two ends of a range.
macro_rules! fetch_between {
    ($db:expr, $sql:expr, $now:expr, ($first:expr, $last:expr)) => {
        on_pool!($db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            $sql.clone()
        ))
        .bind(utc($now))
        .bind($first)
        .bind($last)
        .fetch_all(pool)
        .await)
    };
}

/// Every round's year and state, for the years there are figures for.
pub async fn round_years(db: &Db) -> Result<Vec<(i64, RoundState)>> {
    let rows: Vec<(Uuid, i64, String)> = on_pool!(db, |pool| sqlx::query_as(
        "SELECT id, year, state FROM round ORDER BY year"
    )
    .fetch_all(pool)
    .await)?;
    rows.into_iter()
        .map(|(id, year, state)| {
            Ok((
                year,
                decode::code(RoundState::parse, "round", id, "state", state)?,
            ))
        })
        .collect()
}

/// A prize of a round in the range with the applications counted.
#[derive(Debug, Clone)]
pub struct PrizeCount {
    pub year: i64,
    pub round_state: RoundState,
    pub category_id: Uuid,
    pub name: String,
    pub kind: CategoryKind,
    pub applications: i64,
}

#[derive(sqlx::FromRow)]
struct StoredPrizeCount {
    year: i64,
    round_id: Uuid,
    round_state: String,
    category_id: Uuid,
    name: String,
    kind: String,
    applications: i64,
}

impl TryFrom<StoredPrizeCount> for PrizeCount {
    type Error = StoreError;

    fn try_from(r: StoredPrizeCount) -> Result<PrizeCount> {
        Ok(PrizeCount {
            round_state: decode::code(
                RoundState::parse,
                "round",
                r.round_id,
                "state",
                r.round_state,
            )?,
            kind: decode::code(
                CategoryKind::parse,
                "category",
                r.category_id,
                "kind",
                r.kind,
            )?,
            year: r.year,
            category_id: r.category_id,
            name: r.name,
            applications: r.applications,
        })
    }
}

/// Every prize of the rounds in `first..=last` (past draft), with its applications counted
/// for `audience`: a prize nobody applied for is here with 0. By year, then the round's order.
pub async fn per_prize(
    db: &Db,
    audience: Audience,
    now: OffsetDateTime,
    (first, last): (i64, i64),
) -> Result<Vec<PrizeCount>> {
    let sql = format!(
        "SELECT r.year, r.id AS round_id, r.state AS round_state, c.id AS category_id, c.name, \
         c.kind, (SELECT COUNT(*) FROM application a WHERE a.category_id = c.id AND {}) \
         AS applications FROM category c JOIN round r ON r.id = c.round_id \
         WHERE r.state <> 'draft' AND r.year >= $2 AND r.year <= $3 \
         ORDER BY r.year, c.position, c.name, c.id",
        counted(audience)
    );
    decode::all::<StoredPrizeCount, _>(fetch_between!(db, sql, now, (first, last))?)
}

/// A unit behind a counted application: its applying unit, and each further unit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationUnit {
    pub application_id: Uuid,
    pub year: i64,
    pub unit_id: Uuid,
}

/// The units behind the applications counted for `audience` in `first..=last`, as stored
/// (a unit merged since is the service's to follow).
pub async fn application_units(
    db: &Db,
    audience: Audience,
    now: OffsetDateTime,
    (first, last): (i64, i64),
) -> Result<Vec<ApplicationUnit>> {
    let cond = counted(audience);
    let sql = format!(
        "SELECT a.id AS application_id, r.year, a.unit_id FROM application a{JOINED}{cond} \
         UNION ALL \
         SELECT a.id AS application_id, r.year, au.unit_id FROM application_unit au \
         JOIN application a ON a.id = au.application_id{JOINED}{cond}",
    );
    Ok(fetch_between!(db, sql, now, (first, last))?)
}

/// The applications counted for `audience` in `first..=last` per sector as submitted
/// (`application.sector`, the top of the chart then; empty when not known), most first.
pub async fn per_sector(
    db: &Db,
    audience: Audience,
    now: OffsetDateTime,
    (first, last): (i64, i64),
) -> Result<Vec<(String, i64)>> {
    let sql = format!(
        "SELECT a.sector, COUNT(*) AS n FROM application a{JOINED}{} GROUP BY a.sector \
         ORDER BY n DESC, a.sector",
        counted(audience)
    );
    Ok(fetch_between!(db, sql, now, (first, last))?)
}

/// A unit of the chart, archived and merged ones included.
#[derive(Debug, Clone)]
pub struct ChartUnit {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: UnitKind,
    pub archived: bool,
    pub merged_into: Option<Uuid>,
}

#[derive(sqlx::FromRow)]
struct StoredChartUnit {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    kind: String,
    archived: bool,
    merged_into: Option<Uuid>,
}

impl TryFrom<StoredChartUnit> for ChartUnit {
    type Error = StoreError;

    fn try_from(r: StoredChartUnit) -> Result<ChartUnit> {
        Ok(ChartUnit {
            kind: decode::code(UnitKind::parse, "unit", r.id, "kind", r.kind)?,
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
            archived: r.archived,
            merged_into: r.merged_into,
        })
    }
}

/// The whole chart as it is today.
pub async fn chart(db: &Db) -> Result<Vec<ChartUnit>> {
    decode::all::<StoredChartUnit, _>(on_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, parent_id, name, kind, archived, merged_into FROM unit ORDER BY position, name, id"
    )
    .fetch_all(pool)
    .await
    })?)
}

/// An adoption («vi stjal denne») counted for the audience, with its source.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdoptionRow {
    pub created_at: OffsetDateTime,
    pub source_id: Uuid,
    pub source_title: String,
    pub source_year: i64,
    /// The source's sector as submitted.
    pub source_sector: String,
    /// The adopting application's sector as submitted, when an application adopted it.
    pub adopting_sector: Option<String>,
    /// The unit that adopted it (without an application, or the adopting application's).
    pub adopting_unit_id: Option<Uuid>,
}

/// The adoptions recorded in `[from, until)` of a counted source. For the public, as the
/// catalogue's cards count them: the source public, and an adopting application public too.
pub async fn adoptions(
    db: &Db,
    audience: Audience,
    now: OffsetDateTime,
    (from, until): (OffsetDateTime, OffsetDateTime),
) -> Result<Vec<AdoptionRow>> {
    let adopting = match audience {
        Audience::Public => concat!(
            "(p.adopting_application_id IS NULL OR p.adopting_application_id IN (SELECT id FROM ",
            public_applications!("$1"),
            " pa))"
        ),
        Audience::Internal => "TRUE",
    };
    let sql = format!(
        "SELECT p.created_at, a.id AS source_id, a.title AS source_title, r.year AS source_year, \
         a.sector AS source_sector, b.sector AS adopting_sector, p.adopting_unit_id \
         FROM adoption p JOIN application a ON a.id = p.source_application_id \
         JOIN category c ON c.id = a.category_id JOIN round r ON r.id = c.round_id \
         LEFT JOIN application b ON b.id = p.adopting_application_id \
         WHERE p.created_at >= $2 AND p.created_at < $3 AND {} AND {adopting} \
         ORDER BY p.created_at, p.id",
        counted(audience)
    );
    Ok(fetch_between!(db, sql, now, (utc(from), utc(until)))?)
}

/// The follow-ups («ble det varig?») of counted applications in `first..=last` per answer:
/// `None` for those asked and not answered (counted for the strategy unit only: the public
/// sees an answer, never a question).
pub async fn follow_ups(
    db: &Db,
    audience: Audience,
    now: OffsetDateTime,
    (first, last): (i64, i64),
) -> Result<Vec<(Option<InUse>, i64)>> {
    let answered = match audience {
        Audience::Public => " AND f.answered_at IS NOT NULL",
        Audience::Internal => "",
    };
    let sql = format!(
        "SELECT CASE WHEN f.answered_at IS NULL THEN NULL ELSE f.in_use END AS answer, \
         COUNT(*) AS n FROM follow_up f JOIN application a ON a.id = f.application_id{JOINED}{}\
         {answered} GROUP BY 1 ORDER BY 1",
        counted(audience)
    );
    let rows: Vec<(Option<String>, i64)> = fetch_between!(db, sql, now, (first, last))?;
    rows.into_iter()
        .map(|(answer, n)| {
            let answer = answer
                .map(|code| decode::code(InUse::parse, "follow_up", Uuid::nil(), "in_use", code))
                .transpose()?;
            Ok((answer, n))
        })
        .collect()
}

//! The statistics of the innovation culture (issue 15) for a range of round years: the
//! applications per year, prize, sector and unit, the share of today's units that applied,
//! adoptions («vi stjal denne») per year and sector, the most adopted ideas and the
//! follow-ups' answers. The public's figures count only what the catalogue shows; the
//! strategy unit's (administrators) every submitted application. Units are today's: a
//! merged unit's applications count for the unit it went into (`domain::statistics`).

use crate::admin::require_admin;
use crate::{Result, Services};
use prisverdig_domain::category::CategoryKind;
use prisverdig_domain::follow_up::InUse;
use prisverdig_domain::local_time::{oslo_at, oslo_date};
use prisverdig_domain::results::round_is_public;
use prisverdig_domain::statistics::{Audience, YearRange, counted_unit, units_applied};
use prisverdig_domain::unit::{UnitKind, chain};
use prisverdig_store::statistics::{self as store, AdoptionRow, ChartUnit};
use prisverdig_store::users::User;
use std::collections::{BTreeMap, HashMap, HashSet};
use time::{Date, Month, OffsetDateTime, Time};
use uuid::Uuid;

/// How many ideas the «most adopted» list names.
pub const MOST_ADOPTED: usize = 10;

/// One year: its applications, and how many of today's units stood behind one (and the
/// share of all of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub year: i64,
    pub applications: i64,
    pub units: i64,
    pub share: Option<i64>,
}

/// One prize of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrizeFigures {
    pub year: i64,
    pub name: String,
    pub kind: CategoryKind,
    pub applications: i64,
}

/// One of today's units with the applications it stood behind (as applying unit or as a
/// further unit), its own and those of units merged into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFigures {
    pub id: Uuid,
    pub name: String,
    /// The top of its chain in today's chart.
    pub sector: String,
    /// Archived without being merged into another unit.
    pub archived: bool,
    pub applications: i64,
}

/// A sector's adoptions: of its ideas (by the source's sector as submitted) and by it (the
/// adopting application's sector as submitted, or the adopting unit's sector today).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorAdoptions {
    pub sector: String,
    pub of_its_ideas: i64,
    pub by_it: i64,
}

/// An idea and how often it was adopted in the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adopted {
    pub id: Uuid,
    pub title: String,
    pub year: i64,
    pub adoptions: i64,
}

/// Everything the statistics page shows.
#[derive(Debug, Clone)]
pub struct Statistics {
    pub audience: Audience,
    /// The years with figures (rounds past draft), oldest first.
    pub years: Vec<i64>,
    /// The years counted (`YearRange::within`); `None` before the first round.
    pub range: Option<(i64, i64)>,
    pub per_year: Vec<YearFigures>,
    pub per_prize: Vec<PrizeFigures>,
    /// Applications per sector as submitted (an empty name when not known).
    pub per_sector: Vec<(String, i64)>,
    pub per_unit: Vec<UnitFigures>,
    /// Today's units that apply (kind «unit», not archived), and how many of them applied
    /// in the range, with the share.
    pub units_total: i64,
    pub units_applied: (i64, Option<i64>),
    /// Adoptions recorded per year (Oslo time), every year of the range.
    pub adoptions_per_year: Vec<(i64, i64)>,
    pub adoptions_per_sector: Vec<SectorAdoptions>,
    pub most_adopted: Vec<Adopted>,
    /// Follow-ups per answer, every answer listed; `None` (asked, not answered) for the
    /// strategy unit only.
    pub follow_ups: Vec<(Option<InUse>, i64)>,
    /// The first minute of next year in Oslo: an open range's end moves on then, so a page
    /// kept for later is stale from that minute.
    pub next_year_at: OffsetDateTime,
}

/// Today's chart as the figures need it.
struct Chart {
    merged_into: HashMap<Uuid, Uuid>,
    parents: HashMap<Uuid, Option<Uuid>>,
    units: HashMap<Uuid, ChartUnit>,
    /// Today's units that apply.
    applying: HashSet<Uuid>,
}

impl Chart {
    fn new(rows: Vec<ChartUnit>) -> Chart {
        let merged_into = rows
            .iter()
            .filter_map(|u| u.merged_into.map(|to| (u.id, to)))
            .collect();
        let parents = rows.iter().map(|u| (u.id, u.parent_id)).collect();
        let applying = rows
            .iter()
            .filter(|u| u.kind == UnitKind::Unit && !u.archived)
            .map(|u| u.id)
            .collect();
        let units = rows.into_iter().map(|u| (u.id, u)).collect();
        Chart {
            merged_into,
            parents,
            units,
            applying,
        }
    }

    fn counted(&self, unit: Uuid) -> Uuid {
        counted_unit(unit, &self.merged_into)
    }

    /// The name of the top of `unit`'s chain today.
    fn sector(&self, unit: Uuid) -> String {
        chain(unit, &self.parents)
            .last()
            .and_then(|top| self.units.get(top))
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }
}

/// From the first minute of `first` to the first minute after `last`, in Oslo.
fn oslo_years(first: i64, last: i64) -> (OffsetDateTime, OffsetDateTime) {
    let new_year = |y: i64| {
        let y = i32::try_from(y).unwrap_or(i32::MAX).clamp(-9999, 9999);
        Date::from_calendar_date(y, Month::January, 1)
            .map_or(OffsetDateTime::UNIX_EPOCH, |d| oslo_at(d, Time::MIDNIGHT))
    };
    (new_year(first), new_year(last + 1))
}

impl Services {
    /// The statistics for `audience` over `range` (open ends: the first and last year with
    /// figures). The internal figures are the administrators' alone.
    #[tracing::instrument(skip_all)]
    pub async fn statistics(
        &self,
        viewer: Option<&User>,
        audience: Audience,
        range: YearRange,
    ) -> Result<Statistics> {
        if audience == Audience::Internal {
            require_admin(viewer.ok_or(crate::ServiceError::Forbidden)?)?;
        }
        let now = self.clock.now();
        let mut years: Vec<i64> = store::round_years(&self.db)
            .await?
            .into_iter()
            .filter(|(_, state)| round_is_public(*state))
            .map(|(year, _)| year)
            .collect();
        years.dedup();
        let this_year = i64::from(oslo_date(now).year());
        let chart = Chart::new(store::chart(&self.db).await?);
        let mut stats = Statistics {
            audience,
            range: range.within(&years, this_year),
            years,
            per_year: Vec::new(),
            per_prize: Vec::new(),
            per_sector: Vec::new(),
            per_unit: Vec::new(),
            units_total: chart.applying.len() as i64,
            units_applied: (0, None),
            adoptions_per_year: Vec::new(),
            adoptions_per_sector: Vec::new(),
            most_adopted: Vec::new(),
            follow_ups: Vec::new(),
            next_year_at: oslo_years(this_year + 1, this_year + 1).0,
        };
        let Some(span) = stats.range else {
            return Ok(stats);
        };
        self.count_applications(&mut stats, &chart, span, now)
            .await?;
        let adoptions =
            store::adoptions(&self.db, audience, now, oslo_years(span.0, span.1)).await?;
        // The years listed run from the first round to the last or this year at the most,
        // however wide the range asked: there is nothing outside them.
        let first_round = stats.years.first().copied().unwrap_or(span.0);
        let end = stats.years.last().copied().unwrap_or(span.1).max(this_year);
        let listed = (span.0.max(first_round), span.1.min(end));
        count_adoptions(&mut stats, &chart, listed, &adoptions);
        let answers: HashMap<Option<InUse>, i64> = store::follow_ups(&self.db, audience, now, span)
            .await?
            .into_iter()
            .collect();
        let mut shown: Vec<Option<InUse>> = InUse::ALL.into_iter().map(Some).collect();
        if audience == Audience::Internal {
            shown.push(None);
        }
        stats.follow_ups = shown
            .into_iter()
            .map(|a| (a, answers.get(&a).copied().unwrap_or(0)))
            .collect();
        Ok(stats)
    }

    /// Applications per year, prize, sector and unit, and the units that applied.
    async fn count_applications(
        &self,
        stats: &mut Statistics,
        chart: &Chart,
        span: (i64, i64),
        now: OffsetDateTime,
    ) -> Result<()> {
        let audience = stats.audience;
        let prizes = store::per_prize(&self.db, audience, now, span).await?;
        let units = store::application_units(&self.db, audience, now, span).await?;
        stats.per_sector = store::per_sector(&self.db, audience, now, span).await?;
        let mut per_year: BTreeMap<i64, (i64, Vec<Uuid>)> = BTreeMap::new();
        for p in prizes
            .into_iter()
            .filter(|p| round_is_public(p.round_state))
        {
            per_year.entry(p.year).or_default().0 += p.applications;
            stats.per_prize.push(PrizeFigures {
                year: p.year,
                name: p.name,
                kind: p.kind,
                applications: p.applications,
            });
        }
        // Each (application, today's unit) once: a unit merged into another that also
        // stands behind the application is one unit.
        let mut pairs: HashSet<(Uuid, Uuid)> = HashSet::new();
        let mut per_unit: HashMap<Uuid, i64> = HashMap::new();
        for u in &units {
            let unit = chart.counted(u.unit_id);
            per_year.entry(u.year).or_default().1.push(unit);
            if pairs.insert((u.application_id, unit)) {
                *per_unit.entry(unit).or_default() += 1;
            }
        }
        stats.per_year = per_year
            .into_iter()
            .map(|(year, (applications, applied))| {
                let (units, share) = units_applied(applied, &chart.applying, &HashMap::new());
                YearFigures {
                    year,
                    applications,
                    units,
                    share,
                }
            })
            .collect();
        stats.units_applied =
            units_applied(per_unit.keys().copied(), &chart.applying, &HashMap::new());
        let mut rows: Vec<UnitFigures> = per_unit
            .into_iter()
            .map(|(id, applications)| {
                let unit = chart.units.get(&id);
                UnitFigures {
                    id,
                    name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                    sector: chart.sector(id),
                    archived: unit.is_some_and(|u| u.archived),
                    applications,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.applications, &a.sector, &a.name).cmp(&(a.applications, &b.sector, &b.name))
        });
        stats.per_unit = rows;
        Ok(())
    }
}

/// Adoptions per year (every year `first..=last` listed, an adoption outside them in its
/// own year), per sector and per idea.
fn count_adoptions(
    stats: &mut Statistics,
    chart: &Chart,
    (first, last): (i64, i64),
    adoptions: &[AdoptionRow],
) {
    let mut per_year: BTreeMap<i64, i64> = (first..=last).map(|y| (y, 0)).collect();
    let mut sectors: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut ideas: HashMap<Uuid, Adopted> = HashMap::new();
    for a in adoptions {
        *per_year
            .entry(i64::from(oslo_date(a.created_at).year()))
            .or_default() += 1;
        sectors.entry(a.source_sector.clone()).or_default().0 += 1;
        let by = match (&a.adopting_sector, a.adopting_unit_id) {
            (Some(sector), _) if !sector.is_empty() => sector.clone(),
            (_, Some(unit)) => chart.sector(chart.counted(unit)),
            _ => String::new(),
        };
        sectors.entry(by).or_default().1 += 1;
        ideas
            .entry(a.source_id)
            .or_insert_with(|| Adopted {
                id: a.source_id,
                title: a.source_title.clone(),
                year: a.source_year,
                adoptions: 0,
            })
            .adoptions += 1;
    }
    stats.adoptions_per_year = per_year.into_iter().collect();
    stats.adoptions_per_sector = sectors
        .into_iter()
        .map(|(sector, (of_its_ideas, by_it))| SectorAdoptions {
            sector,
            of_its_ideas,
            by_it,
        })
        .collect();
    let mut ideas: Vec<Adopted> = ideas.into_values().collect();
    ideas.sort_by(|a, b| (b.adoptions, &a.title, a.id).cmp(&(a.adoptions, &b.title, b.id)));
    ideas.truncate(MOST_ADOPTED);
    stats.most_adopted = ideas;
}

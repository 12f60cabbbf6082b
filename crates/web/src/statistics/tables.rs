//! The statistics as tables in the reader's language: each with its heading, its columns,
//! its rows (the first cell names the row) and the chart drawn from one or two of its
//! columns. The page shows the chart beside the table; the CSV download writes the same
//! table with plain numbers.

use super::chart::{self, Chart, Row, Value};
use crate::format::grouped;
use crate::i18n::Locale;
use crate::labels::category_kind;
use fluent_templates::fluent_bundle::FluentValue;
use prisverdig_domain::follow_up::InUse;
use prisverdig_service::statistics::Statistics;

/// How many rows the units' chart draws (the table and the CSV hold every unit).
pub const UNITS_CHARTED: usize = 15;

/// The tables in the order the page shows them, by the name in their download's address.
pub const SLUGS: [&str; 9] = [
    "years",
    "share",
    "prizes",
    "sectors",
    "units",
    "adoptions",
    "adoption-sectors",
    "most-adopted",
    "in-use",
];

/// One cell: as shown, as written to CSV, and a link where it names a page.
pub struct Cell {
    pub text: String,
    pub raw: String,
    pub href: Option<String>,
    /// A number (set to the end of its column).
    pub numeric: bool,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            raw: text.clone(),
            text,
            href: None,
            numeric: false,
        }
    }

    fn number(locale: Locale, n: i64) -> Cell {
        Cell {
            text: grouped(locale, n),
            raw: n.to_string(),
            href: None,
            numeric: true,
        }
    }
}

pub struct Table {
    pub slug: &'static str,
    pub heading: String,
    /// What the table counts, in a sentence under the heading.
    pub note: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub chart: Chart,
    /// The chart's title: what it shows (it may show fewer rows than the table).
    pub chart_title: String,
}

fn value(locale: Locale, n: i64) -> Value {
    Value {
        number: n,
        text: grouped(locale, n),
    }
}

fn percent(locale: Locale, share: Option<i64>) -> String {
    share.map_or_else(
        || locale.t("statistics-no-share"),
        |n| locale.t_args("statistics-percent", &[("n", FluentValue::from(n))]),
    )
}

fn sector_name(locale: Locale, name: &str) -> String {
    if name.is_empty() {
        locale.t("statistics-sector-unknown")
    } else {
        name.to_string()
    }
}

fn answer_name(locale: Locale, answer: Option<InUse>) -> String {
    locale.t(match answer {
        Some(InUse::Yes) => "lasting-yes",
        Some(InUse::Partly) => "lasting-partly",
        Some(InUse::No) => "lasting-no",
        None => "statistics-follow-up-unanswered",
    })
}

/// A row: its cells and the number its chart draws, labelled with its first cell.
type Line = (Vec<Cell>, i64);

/// A table whose chart draws one number per row (`over_years`: as columns), each labelled
/// with the row's first cell.
fn simple(
    locale: Locale,
    (slug, heading, note): (&'static str, &str, &str),
    headers: &[&str],
    rows: Vec<Line>,
    over_years: bool,
) -> Table {
    let chart_rows: Vec<Row> = rows
        .iter()
        .map(|(cells, n)| Row {
            label: cells.first().map(|c| c.text.clone()).unwrap_or_default(),
            values: vec![value(locale, *n)],
        })
        .collect();
    let chart = if over_years {
        chart::columns(&chart_rows)
    } else {
        chart::bars(&chart_rows, &[])
    };
    Table {
        slug,
        heading: locale.t(heading),
        note: locale.t(note),
        headers: headers.iter().map(|h| locale.t(h)).collect(),
        rows: rows.into_iter().map(|(cells, _)| cells).collect(),
        chart,
        chart_title: locale.t(heading),
    }
}

fn years(locale: Locale, s: &Statistics) -> Table {
    let rows = s
        .per_year
        .iter()
        .map(|y| {
            let cells = vec![
                Cell::text(y.year.to_string()),
                Cell::number(locale, y.applications),
            ];
            (cells, y.applications)
        })
        .collect();
    let names = ("years", "statistics-years-heading", "statistics-years-note");
    let headers = ["statistics-year", "statistics-applications"];
    simple(locale, names, &headers, rows, true)
}

fn share(locale: Locale, s: &Statistics) -> Table {
    let rows: Vec<Line> = s
        .per_year
        .iter()
        .map(|y| {
            let share = Cell {
                text: percent(locale, y.share),
                raw: y.share.map(|n| n.to_string()).unwrap_or_default(),
                href: None,
                numeric: true,
            };
            let cells = vec![
                Cell::text(y.year.to_string()),
                Cell::number(locale, y.units),
                share,
            ];
            (cells, y.share.unwrap_or(0))
        })
        .collect();
    let names = ("share", "statistics-share-heading", "statistics-share-note");
    let headers = [
        "statistics-year",
        "statistics-units-applied",
        "statistics-share",
    ];
    let mut table = simple(locale, names, &headers, rows, true);
    // The columns are per cent: their labels say so.
    for (mark, y) in table.chart.marks.iter_mut().zip(&s.per_year) {
        mark.text = percent(locale, y.share);
    }
    table
}

fn prizes(locale: Locale, s: &Statistics) -> Table {
    let rows = s
        .per_prize
        .iter()
        .map(|p| {
            let cells = vec![
                Cell::text(p.year.to_string()),
                Cell::text(p.name.clone()),
                Cell::text(locale.t(category_kind(p.kind))),
                Cell::number(locale, p.applications),
            ];
            (cells, p.applications)
        })
        .collect();
    let names = (
        "prizes",
        "statistics-prizes-heading",
        "statistics-prizes-note",
    );
    let headers = [
        "statistics-year",
        "statistics-prize",
        "statistics-prize-kind",
        "statistics-applications",
    ];
    let mut table = simple(locale, names, &headers, rows, false);
    // Each bar is named by its year and prize.
    for (label, p) in table.chart.labels.iter_mut().zip(&s.per_prize) {
        label.text = chart::short(&format!("{} {}", p.year, p.name));
    }
    table
}

fn sectors(locale: Locale, s: &Statistics) -> Table {
    let rows = s
        .per_sector
        .iter()
        .map(|(sector, n)| {
            let name = Cell {
                text: sector_name(locale, sector),
                raw: sector.clone(),
                href: None,
                numeric: false,
            };
            (vec![name, Cell::number(locale, *n)], *n)
        })
        .collect();
    let names = (
        "sectors",
        "statistics-sectors-heading",
        "statistics-sectors-note",
    );
    let headers = ["statistics-sector", "statistics-applications"];
    simple(locale, names, &headers, rows, false)
}

fn units(locale: Locale, s: &Statistics) -> Table {
    let rows: Vec<Line> = s
        .per_unit
        .iter()
        .map(|u| {
            let name = if u.archived {
                locale.t_args(
                    "statistics-unit-archived",
                    &[("name", FluentValue::from(u.name.clone()))],
                )
            } else {
                u.name.clone()
            };
            let cells = vec![
                Cell::text(name),
                Cell::text(u.sector.clone()),
                Cell::number(locale, u.applications),
            ];
            (cells, u.applications)
        })
        .collect();
    let names = ("units", "statistics-units-heading", "statistics-units-note");
    let headers = [
        "statistics-unit",
        "statistics-sector",
        "statistics-applications",
    ];
    let charted: Vec<Line> = rows
        .iter()
        .take(UNITS_CHARTED)
        .map(|(cells, n)| (vec![Cell::text(cells[0].text.clone())], *n))
        .collect();
    let mut table = simple(locale, names, &headers, charted, false);
    table.rows = rows.into_iter().map(|(cells, _)| cells).collect();
    if s.per_unit.len() > UNITS_CHARTED {
        table.chart_title = locale.t_args(
            "statistics-units-chart-top",
            &[("n", FluentValue::from(UNITS_CHARTED))],
        );
    }
    table
}

fn adoptions(locale: Locale, s: &Statistics) -> Table {
    let rows = s
        .adoptions_per_year
        .iter()
        .map(|(year, n)| {
            (
                vec![Cell::text(year.to_string()), Cell::number(locale, *n)],
                *n,
            )
        })
        .collect();
    let names = (
        "adoptions",
        "statistics-adoptions-heading",
        "statistics-adoptions-note",
    );
    let headers = ["statistics-year", "statistics-adoptions"];
    simple(locale, names, &headers, rows, true)
}

fn adoption_sectors(locale: Locale, s: &Statistics) -> Table {
    let series = [
        locale.t("statistics-adopted-from"),
        locale.t("statistics-adopted-by"),
    ];
    let mut chart_rows = Vec::new();
    let mut rows = Vec::new();
    for a in &s.adoptions_per_sector {
        let name = sector_name(locale, &a.sector);
        chart_rows.push(Row {
            label: name.clone(),
            values: vec![value(locale, a.of_its_ideas), value(locale, a.by_it)],
        });
        rows.push(vec![
            Cell {
                text: name,
                raw: a.sector.clone(),
                href: None,
                numeric: false,
            },
            Cell::number(locale, a.of_its_ideas),
            Cell::number(locale, a.by_it),
        ]);
    }
    Table {
        slug: "adoption-sectors",
        heading: locale.t("statistics-adoption-sectors-heading"),
        note: locale.t("statistics-adoption-sectors-note"),
        headers: vec![
            locale.t("statistics-sector"),
            series[0].clone(),
            series[1].clone(),
        ],
        rows,
        chart: chart::bars(&chart_rows, &series),
        chart_title: locale.t("statistics-adoption-sectors-heading"),
    }
}

fn most_adopted(locale: Locale, s: &Statistics) -> Table {
    let rows = s
        .most_adopted
        .iter()
        .map(|a| {
            let idea = Cell {
                text: a.title.clone(),
                raw: a.title.clone(),
                href: Some(format!("/applications/{}", a.id)),
                numeric: false,
            };
            let cells = vec![
                idea,
                Cell::text(a.year.to_string()),
                Cell::number(locale, a.adoptions),
            ];
            (cells, a.adoptions)
        })
        .collect();
    let names = (
        "most-adopted",
        "statistics-most-adopted-heading",
        "statistics-most-adopted-note",
    );
    let headers = ["statistics-idea", "statistics-year", "statistics-adoptions"];
    simple(locale, names, &headers, rows, false)
}

fn follow_ups(locale: Locale, s: &Statistics) -> Table {
    let rows = s
        .follow_ups
        .iter()
        .map(|(answer, n)| {
            let name = Cell {
                text: answer_name(locale, *answer),
                raw: answer.map_or("unanswered", InUse::code).to_string(),
                href: None,
                numeric: false,
            };
            (vec![name, Cell::number(locale, *n)], *n)
        })
        .collect();
    let names = (
        "in-use",
        "statistics-follow-ups-heading",
        "statistics-follow-ups-note",
    );
    let headers = ["statistics-answer", "statistics-follow-ups"];
    simple(locale, names, &headers, rows, false)
}

/// The table called `slug`, if there is one.
pub fn table(locale: Locale, s: &Statistics, slug: &str) -> Option<Table> {
    Some(match slug {
        "years" => years(locale, s),
        "share" => share(locale, s),
        "prizes" => prizes(locale, s),
        "sectors" => sectors(locale, s),
        "units" => units(locale, s),
        "adoptions" => adoptions(locale, s),
        "adoption-sectors" => adoption_sectors(locale, s),
        "most-adopted" => most_adopted(locale, s),
        "in-use" => follow_ups(locale, s),
        _ => return None,
    })
}

/// Every table, in the page's order.
pub fn all(locale: Locale, s: &Statistics) -> Vec<Table> {
    SLUGS
        .iter()
        .filter_map(|slug| table(locale, s, slug))
        .collect()
}

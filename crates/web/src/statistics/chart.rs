//! The charts' geometry, drawn as SVG by `templates/statistics/chart.html`: horizontal bars
//! for things with names (prizes, sectors, units, ideas, answers; up to two series side by
//! side) and columns for years. A chart is a picture of its table, which stands next to it
//! with the same numbers; the SVG is `role="img"` named by its title.

/// The longest bar of a bar chart, and the room for its value after it.
const BAR_W: i64 = 300;
const VALUE_W: i64 = 60;
/// Where a bar starts (a little in from the axis).
const BAR_X: i64 = 2;
/// A bar's height, the room a row's label takes above its bars, and the gap between rows.
const BAR_H: i64 = 18;
const LABEL_H: i64 = 18;
const ROW_GAP: i64 = 12;
/// Characters of a label shown; the whole label is in the table.
const LABEL_CHARS: usize = 44;
/// Column charts: a column's width and the room it takes.
const COL_W: i64 = 36;
const COL_STEP: i64 = 64;
const COL_H: i64 = 160;
/// The fills of the first and second series (both at least 3:1 against white).
const FILLS: [&str; 2] = ["#0062ba", "#a3420f"];

/// One value of a row: its number (for the length) and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub number: i64,
    pub text: String,
}

/// One row of the chart: a label and a value per series.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub values: Vec<Value>,
}

/// A rectangle with its value written beside (bars) or above (columns) it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    pub fill: &'static str,
    pub text: String,
    pub text_x: i64,
    pub text_y: i64,
    /// Where the value's text is anchored: its start (bars) or its middle (columns).
    pub anchor: &'static str,
}

/// A label at its place, anchored at its end (`end`) or its middle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub x: i64,
    pub y: i64,
    pub text: String,
    pub anchor: &'static str,
}

/// A chart ready to draw.
#[derive(Debug, Clone)]
pub struct Chart {
    pub width: i64,
    pub height: i64,
    pub marks: Vec<Mark>,
    pub labels: Vec<Label>,
    /// The base line: x1, y1, x2, y2.
    pub axis: (i64, i64, i64, i64),
    /// The series' names with their fills and the top of their line, when there is more
    /// than one.
    pub legend: Vec<(String, &'static str, i64)>,
}

/// `value` of `max` as a length of at most `full` (a value above nothing gets at least 1).
fn length(value: i64, max: i64, full: i64) -> i64 {
    if max <= 0 || value <= 0 {
        0
    } else {
        (value * full / max).max(1)
    }
}

/// The label cut to [`LABEL_CHARS`], with «…» where it was cut.
pub fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let keep: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{keep}…")
    }
}

fn max_of(rows: &[Row]) -> i64 {
    rows.iter()
        .flat_map(|r| r.values.iter().map(|v| v.number))
        .max()
        .unwrap_or(0)
}

/// Horizontal bars, one row per item: its label, then its series' bars under one another.
/// Labels above the bars keep the drawing narrow, so it stays legible when a phone scales
/// it down.
pub fn bars(rows: &[Row], series: &[String]) -> Chart {
    let max = max_of(rows);
    let per_row = series.len().max(1) as i64;
    // The legend takes a line per series, above the rows.
    let legend_h = if series.len() > 1 {
        series.len() as i64 * 20 + 6
    } else {
        0
    };
    let row_h = LABEL_H + per_row * BAR_H + ROW_GAP;
    let mut marks = Vec::new();
    let mut labels = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let top = legend_h + 6 + i as i64 * row_h;
        labels.push(Label {
            x: BAR_X,
            y: top + LABEL_H - 5,
            text: short(&row.label),
            anchor: "start",
        });
        for (s, value) in row.values.iter().enumerate() {
            let y = top + LABEL_H + s as i64 * BAR_H;
            let w = length(value.number, max, BAR_W);
            marks.push(Mark {
                x: BAR_X,
                y: y + 2,
                w,
                h: BAR_H - 4,
                fill: FILLS[s % FILLS.len()],
                text: value.text.clone(),
                text_x: BAR_X + w + 6,
                text_y: y + BAR_H - 5,
                anchor: "start",
            });
        }
    }
    let height = legend_h + 12 + rows.len() as i64 * row_h;
    let legend = if series.len() > 1 {
        series
            .iter()
            .enumerate()
            .map(|(s, name)| (name.clone(), FILLS[s % FILLS.len()], 4 + s as i64 * 20))
            .collect()
    } else {
        Vec::new()
    };
    Chart {
        width: BAR_X + BAR_W + VALUE_W,
        height,
        marks,
        labels,
        axis: (BAR_X, legend_h + 4, BAR_X, height - 4),
        legend,
    }
}

/// Vertical columns, one per row (a year), its value above it and its label below.
pub fn columns(rows: &[Row]) -> Chart {
    let max = max_of(rows);
    let base = 30 + COL_H;
    let mut marks = Vec::new();
    let mut labels = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let x = 20 + i as i64 * COL_STEP;
        let Some(value) = row.values.first() else {
            continue;
        };
        let h = length(value.number, max, COL_H);
        marks.push(Mark {
            x,
            y: base - h,
            w: COL_W,
            h,
            fill: FILLS[0],
            text: value.text.clone(),
            text_x: x + COL_W / 2,
            text_y: base - h - 6,
            anchor: "middle",
        });
        labels.push(Label {
            x: x + COL_W / 2,
            y: base + 20,
            text: short(&row.label),
            anchor: "middle",
        });
    }
    let width = (40 + rows.len() as i64 * COL_STEP).max(200);
    Chart {
        width,
        height: base + 32,
        marks,
        labels,
        axis: (10, base, width - 10, base),
        legend: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, numbers: &[i64]) -> Row {
        Row {
            label: label.into(),
            values: numbers
                .iter()
                .map(|n| Value {
                    number: *n,
                    text: n.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_longest_bar_is_the_largest_value_and_nothing_draws_nothing() {
        let chart = bars(&[row("A", &[4]), row("B", &[1]), row("C", &[0])], &[]);
        let widths: Vec<i64> = chart.marks.iter().map(|m| m.w).collect();
        assert_eq!(widths, [BAR_W, BAR_W / 4, 0]);
        assert_eq!(chart.marks[2].text, "0");
        assert!(chart.legend.is_empty());
        let empty = bars(&[row("A", &[0])], &[]);
        assert_eq!(empty.marks[0].w, 0, "no division by a zero maximum");
    }

    #[test]
    fn two_series_share_one_scale_and_get_a_legend() {
        let series = ["of".to_string(), "by".to_string()];
        let chart = bars(
            &[row("Eiendom", &[2, 1]), row("Oppvekst", &[0, 4])],
            &series,
        );
        assert_eq!(chart.marks.len(), 4);
        assert_eq!(chart.marks[3].w, BAR_W);
        assert_eq!(chart.marks[0].w, BAR_W / 2);
        assert_ne!(chart.marks[0].fill, chart.marks[1].fill);
        assert_eq!(chart.legend.len(), 2);
    }

    #[test]
    fn columns_stand_on_one_base_line_and_long_labels_are_cut() {
        let chart = columns(&[row("2019", &[2]), row("2020", &[4])]);
        assert_eq!(chart.marks[1].h, COL_H);
        assert_eq!(
            chart.marks[0].y + chart.marks[0].h,
            chart.marks[1].y + COL_H
        );
        assert_eq!(chart.labels[0].text, "2019");
        let long = "Et svært langt navn på en enhet som ikke får plass";
        let label = &bars(&[row(long, &[1])], &[]).labels[0].text;
        assert!(label.ends_with('…') && label.chars().count() == LABEL_CHARS);
    }
}

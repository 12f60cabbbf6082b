//! The idea's family drawn as SVG on the server (years left to right), with the same
//! relations as a text list for those who do not see the drawing. No JavaScript.

use crate::error::WebError;
use crate::layout::Shell;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use prisverdig_service::family::{Family, Relation};
use std::collections::HashMap;
use uuid::Uuid;

const NODE_W: i64 = 220;
const NODE_H: i64 = 70;
const COL_GAP: i64 = 60;
const ROW_GAP: i64 = 24;
/// Characters per line of a node's title; a title takes up to two lines.
const LINE_CHARS: usize = 28;

pub struct Node {
    pub id: Uuid,
    pub title: String,
    /// The title in up to two lines (each with its baseline), cut with «…» only beyond that.
    pub lines: Vec<(i64, String)>,
    pub year: i64,
    pub x: i64,
    pub y: i64,
    pub current: bool,
}

/// A unit that took the idea into use without an application of its own.
pub struct UnitNode {
    pub lines: Vec<(i64, String)>,
    pub x: i64,
    pub y: i64,
}

pub struct Edge {
    pub x1: i64,
    pub y1: i64,
    pub x2: i64,
    pub y2: i64,
    pub stolen: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/family.html")]
pub struct FamilyPage {
    shell: Shell,
    id: Uuid,
    title: String,
    nodes: Vec<Node>,
    units: Vec<UnitNode>,
    edges: Vec<Edge>,
    width: i64,
    height: i64,
    /// (from title, relation key, to title) for the text alternative.
    relations: Vec<(String, &'static str, String)>,
    adopters: Vec<(String, String)>,
}

/// Each line with its baseline, the first at `top`.
fn placed(lines: Vec<String>, top: i64) -> Vec<(i64, String)> {
    (0..).map(|i| top + i * 18).zip(lines).collect()
}

/// Breaks `text` at spaces into at most two lines of [`LINE_CHARS`]; what does not fit
/// ends in «…» (the whole title is in the node's `<title>` and the text list).
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = out.last_mut().map_or(0, |l| l.chars().count());
        if line > 0 && line + 1 + word.chars().count() > LINE_CHARS {
            if out.len() == 2 {
                let last = &mut out[1];
                let keep: String = last.chars().take(LINE_CHARS - 1).collect();
                *last = format!("{keep}…");
                return out;
            }
            out.push(String::new());
        }
        if let Some(l) = out.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    for l in &mut out {
        if l.chars().count() > LINE_CHARS {
            let keep: String = l.chars().take(LINE_CHARS - 1).collect();
            *l = format!("{keep}…");
        }
    }
    out
}

/// Years become columns; within a year, applications stack in title order.
fn layout(family: &Family, current: Uuid) -> (Vec<Node>, i64, i64) {
    let mut years: Vec<i64> = family.members.iter().map(|m| m.year).collect();
    years.dedup();
    let mut rows: HashMap<i64, i64> = HashMap::new();
    let nodes: Vec<Node> = family
        .members
        .iter()
        .map(|m| {
            let col = years.iter().position(|y| *y == m.year).unwrap_or(0) as i64;
            let row = rows.entry(m.year).or_insert(0);
            let node = Node {
                id: m.id,
                title: m.title.clone(),
                lines: placed(lines(&m.title), 40 + *row * (NODE_H + ROW_GAP) + 22),
                year: m.year,
                x: 10 + col * (NODE_W + COL_GAP),
                y: 40 + *row * (NODE_H + ROW_GAP),
                current: m.id == current,
            };
            *row += 1;
            node
        })
        .collect();
    let width = 20 + years.len().max(1) as i64 * (NODE_W + COL_GAP) - COL_GAP;
    let height = 50 + rows.values().copied().max().unwrap_or(1) * (NODE_H + ROW_GAP);
    (nodes, width, height)
}

pub async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<Uuid>,
) -> Result<FamilyPage, WebError> {
    let family = state.services.family(id).await?;
    let (nodes, width, height) = layout(&family, id);
    let at: HashMap<Uuid, &Node> = nodes.iter().map(|n| (n.id, n)).collect();
    let mut edges = Vec::new();
    let mut relations = Vec::new();
    for (from, to, relation) in &family.links {
        let (Some(a), Some(b)) = (at.get(from), at.get(to)) else {
            continue;
        };
        edges.push(Edge {
            x1: a.x,
            y1: a.y + NODE_H / 2,
            x2: b.x + NODE_W,
            y2: b.y + NODE_H / 2,
            stolen: *relation == Relation::Stolen,
        });
        let key = if *relation == Relation::Stolen {
            "family-stole-from"
        } else {
            "family-continues"
        };
        relations.push((a.title.clone(), key, b.title.clone()));
    }
    // Units that adopted the idea get a column of their own, right of the years.
    let column = width - 10 + COL_GAP;
    let mut units = Vec::new();
    for (i, (app, unit)) in family.adopters.iter().enumerate() {
        let y = 40 + i as i64 * (NODE_H + ROW_GAP);
        let node = UnitNode {
            lines: placed(lines(unit), y + 24),
            x: column,
            y,
        };
        if let Some(b) = at.get(app) {
            edges.push(Edge {
                x1: node.x,
                y1: node.y + NODE_H / 2,
                x2: b.x + NODE_W,
                y2: b.y + NODE_H / 2,
                stolen: true,
            });
        }
        units.push(node);
    }
    let (width, height) = match units.len() as i64 {
        0 => (width, height),
        n => (
            column + NODE_W + 10,
            height.max(50 + n * (NODE_H + ROW_GAP)),
        ),
    };
    let titles: HashMap<Uuid, String> = nodes.iter().map(|n| (n.id, n.title.clone())).collect();
    let adopters = family
        .adopters
        .iter()
        .map(|(app, unit)| (unit.clone(), titles.get(app).cloned().unwrap_or_default()))
        .collect();
    let title = titles.get(&id).cloned().unwrap_or_default();
    Ok(FamilyPage {
        shell,
        id,
        title,
        nodes,
        units,
        edges,
        width,
        height,
        relations,
        adopters,
    })
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn titles_wrap_at_words_into_two_lines_before_they_are_cut() {
        assert_eq!(lines("Smart renhold"), ["Smart renhold"]);
        assert_eq!(
            lines("Digital tilsynsordning for hjemmeboende med demens"),
            ["Digital tilsynsordning for", "hjemmeboende med demens"]
        );
        let long = lines("Et svært langt navn på en innovasjon som aldri ser ut til å ta slutt");
        assert_eq!(long.len(), 2);
        assert!(
            long[1].ends_with('…') && long[1].chars().count() <= 28,
            "{long:?}"
        );
        assert_eq!(
            lines("Fornebubanesamarbeidsprosjektgruppen")[0]
                .chars()
                .count(),
            28
        );
    }
}

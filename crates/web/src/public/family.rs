//! The idea's family drawn as SVG on the server (years left to right), with the same
//! relations as a text list for those who do not see the drawing. No JavaScript.

use crate::error::WebError;
use crate::layout::Shell;
use crate::router::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use prisverdig_service::family::{Family, Relation};
use std::collections::HashMap;
use uuid::Uuid;

const NODE_W: i64 = 200;
const NODE_H: i64 = 52;
const COL_GAP: i64 = 60;
const ROW_GAP: i64 = 24;
const MAX_LABEL: usize = 26;

pub struct Node {
    pub id: Uuid,
    pub title: String,
    pub label: String,
    pub year: i64,
    pub x: i64,
    pub y: i64,
    pub current: bool,
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
    edges: Vec<Edge>,
    width: i64,
    height: i64,
    /// (from title, relation key, to title) for the text alternative.
    relations: Vec<(String, &'static str, String)>,
    adopters: Vec<(String, String)>,
}

fn label(title: &str) -> String {
    if title.chars().count() <= MAX_LABEL {
        return title.to_string();
    }
    let short: String = title.chars().take(MAX_LABEL - 1).collect();
    format!("{short}…")
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
                label: label(&m.title),
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
        edges,
        width,
        height,
        relations,
        adopters,
    })
}

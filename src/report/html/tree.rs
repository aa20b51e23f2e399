//! Figure 5: the hierarchy of localities, each with its plan's status (in the corpus, or
//! cited but missing).

use std::collections::HashMap;

use svg::Document;
use svg::node::element::path::Data as PathData;
use svg::node::element::{Group, Path, Rectangle, Text, Title};

use super::Data;
use crate::corpus::LocalityEntry;
use crate::report::name;

const ROW_H: f64 = 30.0;
const INDENT: f64 = 36.0;
const BOX_W: f64 = 14.0;

/// The localities in depth-first order, each with its depth and its parent's place in that
/// order.
fn layout(localities: &[LocalityEntry]) -> Vec<(usize, usize, Option<usize>)> {
    let index: HashMap<&str, usize> = localities
        .iter()
        .enumerate()
        .map(|(k, l)| (l.name.as_str(), k))
        .collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (k, l) in localities.iter().enumerate() {
        match l.parent.as_deref().and_then(|p| index.get(p)) {
            Some(&p) if p != k => children.entry(p).or_default().push(k),
            _ => roots.push(k),
        }
    }
    let mut order = Vec::with_capacity(localities.len());
    let mut seen = vec![false; localities.len()];
    // (locality, depth, parent's row); children pushed in reverse to come out in order.
    let mut stack: Vec<(usize, usize, Option<usize>)> =
        roots.iter().rev().map(|&r| (r, 0, None)).collect();
    while let Some((k, depth, parent)) = stack.pop() {
        if std::mem::replace(&mut seen[k], true) {
            continue;
        }
        let row = order.len();
        order.push((k, depth, parent));
        for &c in children.get(&k).into_iter().flatten().rev() {
            stack.push((c, depth + 1, Some(row)));
        }
    }
    order
}

/// The tree as an SVG document.
pub(crate) fn figure(data: &Data<'_>) -> Document {
    let localities = data.corpus.localities();
    let order = layout(localities);
    let depth = order.iter().map(|&(_, d, _)| d).max().unwrap_or(0);
    let width = 40.0 + INDENT * depth as f64 + 640.0;
    let height = ROW_H * order.len() as f64 + 20.0;
    let mut doc = super::canvas::document("hierarchy", width, height);
    let at = |row: usize, depth: usize| (20.0 + INDENT * depth as f64, 20.0 + ROW_H * row as f64);
    for (row, &(_, d, parent)) in order.iter().enumerate() {
        if let Some(p) = parent {
            let (px, py) = at(p, order[p].1);
            let (x, y) = at(row, d);
            let path = PathData::new()
                .move_to((px + BOX_W / 2.0, py + BOX_W))
                .line_to((px + BOX_W / 2.0, y + BOX_W / 2.0))
                .line_to((x, y + BOX_W / 2.0));
            doc = doc.add(Path::new().set("class", "edge").set("d", path));
        }
    }
    for (row, &(k, d, _)) in order.iter().enumerate() {
        let (x, y) = at(row, d);
        doc = doc.add(node(&localities[k], x, y));
    }
    doc
}

fn node(l: &LocalityEntry, x: f64, y: f64) -> Group {
    let (class, status) = match &l.plan {
        Some(id) => ("node in-corpus", format!("plan {id} in the corpus")),
        None => ("node missing", "plan not in the corpus".to_string()),
    };
    let tip = match &l.note {
        Some(note) => format!("{}: {status}; {note}", l.name),
        None => format!("{}: {status}", l.name),
    };
    Group::new()
        .set("class", class)
        .add(
            Rectangle::new()
                .set("x", x)
                .set("y", y)
                .set("width", BOX_W)
                .set("height", BOX_W)
                .set("rx", 3),
        )
        .add(
            Text::new(format!("{} ({}): {status}", l.name, name(l.level)))
                .set("class", "node-label")
                .set("x", x + BOX_W + 6.0)
                .set("y", y + BOX_W - 2.0),
        )
        .add(Title::new(tip))
}

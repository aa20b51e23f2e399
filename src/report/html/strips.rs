//! Figure 2: for each key several plans carry, each plan's baseline → target arrow on one
//! axis in the key's canonical unit, with the target of the plan's nearest ancestor as a
//! reference line.

use svg::Document;
use svg::node::element::{Circle, Definitions, Group, Line, Marker, Text, Title};

use super::{Data, number};
use crate::compare::MatrixRow;

const LABEL_W: f64 = 120.0;
const AXIS_W: f64 = 460.0;
const ROW_H: f64 = 18.0;
/// The strip's heading and its axis labels.
const HEAD_H: f64 = 22.0;
const FOOT_H: f64 = 18.0;
const GAP: f64 = 14.0;

/// One plan's figures on one key, in the canonical unit.
struct Row<'a> {
    plan: &'a str,
    baseline: Option<f64>,
    target: Option<f64>,
    parent: Option<(&'a str, f64)>,
}

impl Row<'_> {
    fn values(&self) -> impl Iterator<Item = f64> {
        [self.baseline, self.target, self.parent.map(|(_, t)| t)]
            .into_iter()
            .flatten()
    }
}

/// The keys the strips are drawn for: those two or more plans carry.
pub(crate) fn keys(rows: &[MatrixRow]) -> impl Iterator<Item = &MatrixRow> {
    rows.iter().filter(|r| r.carriers() >= 2)
}

/// The strips as one SVG document.
pub(crate) fn figure(data: &Data<'_>) -> Document {
    let matrix = &data.report.matrix;
    let strips: Vec<(&MatrixRow, Vec<Row<'_>>)> =
        keys(&matrix.rows).map(|r| (r, rows(data, r))).collect();
    let height: f64 = strips
        .iter()
        .map(|(_, rows)| strip_height(rows.len()))
        .sum::<f64>()
        + GAP;
    let mut doc = super::canvas::document("strips", LABEL_W + AXIS_W + 90.0, height.max(40.0))
        .add(Definitions::new().add(arrowhead()));
    let mut y = GAP;
    for (row, rows) in &strips {
        doc = doc.add(strip(data, row, rows, y));
        y += strip_height(rows.len());
    }
    if strips.is_empty() {
        doc = doc.add(
            Text::new("No key is carried by two plans.")
                .set("x", 10)
                .set("y", 24),
        );
    }
    doc
}

fn strip_height(rows: usize) -> f64 {
    HEAD_H + ROW_H * rows as f64 + FOOT_H + GAP
}

fn arrowhead() -> Marker {
    super::canvas::arrowhead("arrowhead", 6, "auto-start-reverse")
}

/// Every carrier of the key, in the matrix's plan order.
fn rows<'a>(data: &'a Data<'a>, row: &MatrixRow) -> Vec<Row<'a>> {
    data.report
        .matrix
        .plans
        .iter()
        .zip(&row.cells)
        .filter(|(_, cell)| cell.is_some())
        .map(|(plan, _)| {
            let (baseline, target) = data.canonical(plan, &row.key);
            let parent = data
                .parent(plan)
                .and_then(|p| Some((p, data.canonical(p, &row.key).1?)));
            Row {
                plan,
                baseline,
                target,
                parent,
            }
        })
        .collect()
}

/// The lowest and highest value of the strip.
fn extent(rows: &[Row<'_>]) -> Option<(f64, f64)> {
    let (lo, hi) = rows
        .iter()
        .flat_map(Row::values)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    (lo <= hi).then_some((lo, hi))
}

/// The axis: the extent, padded (never across zero), widened when it is one value.
fn range((lo, hi): (f64, f64)) -> (f64, f64) {
    let pad = if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        (hi.abs() * 0.1).max(1.0)
    } else {
        (hi - lo) * 0.05
    };
    let low = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    (low, hi + pad)
}

fn strip(data: &Data<'_>, row: &MatrixRow, rows: &[Row<'_>], top: f64) -> Group {
    let unit = data
        .comparer
        .registry()
        .entry(&row.key)
        .map_or("", |e| e.unit.raw());
    let mut g = Group::new()
        .set("class", "strip")
        .set("data-key", row.key.as_str())
        .add(
            Text::new(format!("{} {} [{unit}]", row.name, row.key))
                .set("class", "strip-title")
                .set("x", 4)
                .set("y", top + 14.0),
        );
    let extent = extent(rows);
    let range = extent.map(range);
    let x = |v: f64| match range {
        Some((lo, hi)) => LABEL_W + AXIS_W * (v - lo) / (hi - lo),
        None => LABEL_W,
    };
    for (k, r) in rows.iter().enumerate() {
        let y = top + HEAD_H + ROW_H * (k as f64 + 0.5);
        g = g.add(plan_row(r, y, &x, unit));
    }
    let axis_y = top + HEAD_H + ROW_H * rows.len() as f64;
    g = g.add(
        Line::new()
            .set("class", "axis")
            .set("x1", LABEL_W)
            .set("x2", LABEL_W + AXIS_W)
            .set("y1", axis_y)
            .set("y2", axis_y),
    );
    if let Some((lo, hi)) = extent {
        let ticks: &[(f64, &str)] = if lo == hi {
            &[(lo, "middle")]
        } else {
            &[(lo, "start"), (hi, "end")]
        };
        for &(v, anchor) in ticks {
            g = g.add(
                Text::new(number(v))
                    .set("class", "tick")
                    .set("text-anchor", anchor)
                    .set("x", x(v))
                    .set("y", axis_y + 13.0),
            );
        }
    }
    g
}

/// One plan on the strip: its label, the parent's reference line, the arrow, the target.
fn plan_row(r: &Row<'_>, y: f64, x: &impl Fn(f64) -> f64, unit: &str) -> Group {
    let mut g = Group::new().set("class", "row").add(
        Text::new(r.plan)
            .set("class", "plan-label")
            .set("x", LABEL_W - 6.0)
            .set("y", y + 4.0),
    );
    if let Some((parent, t)) = r.parent {
        g = g.add(
            Line::new()
                .set("class", "reference")
                .set("x1", x(t))
                .set("x2", x(t))
                .set("y1", y - ROW_H / 2.0 + 1.0)
                .set("y2", y + ROW_H / 2.0 - 1.0)
                .add(Title::new(format!(
                    "{parent}'s target: {} {unit}",
                    number(t)
                ))),
        );
    }
    let show = |v: Option<f64>| v.map_or("no number".to_string(), number);
    let tip = format!(
        "{}: baseline {} → target {} {unit}",
        r.plan,
        show(r.baseline),
        show(r.target)
    );
    if let (Some(b), Some(t)) = (r.baseline, r.target) {
        g = g.add(
            Line::new()
                .set("class", "arrow")
                .set("x1", x(b))
                .set("x2", x(t))
                .set("y1", y)
                .set("y2", y)
                .set("marker-end", "url(#arrowhead)")
                .add(Title::new(tip.clone())),
        );
    }
    match r.target {
        Some(t) => g.add(
            Circle::new()
                .set("class", "target")
                .set("cx", x(t))
                .set("cy", y)
                .set("r", 3.5)
                .add(Title::new(tip)),
        ),
        None => g.add(
            Text::new("target not a number")
                .set("class", "note")
                .set("x", LABEL_W + 4.0)
                .set("y", y + 4.0),
        ),
    }
}

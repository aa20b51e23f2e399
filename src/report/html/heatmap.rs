//! Figure 1: keys × plans, each cell coloured by the plan's verdict against its nearest
//! ancestor with a plan.

use std::collections::HashMap;

use svg::Document;
use svg::node::element::{Circle, Group, Rectangle, Text, Title};

use super::{Data, Mark};
use crate::compare::{Comparison, IndicatorAlignment, MatrixCell, Status};
use crate::model::{Attribute, Level};

const CELL_W: f64 = 56.0;
const CELL_H: f64 = 20.0;
/// Room for the keys' names on the left and the plans' ids on top.
const LEFT: f64 = 380.0;
/// The space between the columns of two levels.
const LEVEL_GAP: f64 = 10.0;
const TOP: f64 = 90.0;

/// One plan's column: its comparison with its nearest ancestor with a plan, key by key.
struct Column<'a> {
    id: &'a str,
    /// Its index in the matrix's plans.
    index: usize,
    /// Its left edge.
    x: f64,
    comparison: Option<&'a Comparison>,
    by_key: HashMap<&'a str, &'a IndicatorAlignment>,
}

impl<'a> Column<'a> {
    fn new(data: &'a Data<'a>, id: &'a str, index: usize, x: f64) -> Column<'a> {
        let comparison = data
            .ancestors(id)
            .and_then(|p| p.ancestors.iter().find_map(|a| a.comparison.as_ref()));
        let by_key = comparison
            .filter(|c| c.parent_indicators_note().is_none())
            .map(|c| c.indicators.iter().map(|i| (i.key.as_str(), i)).collect())
            .unwrap_or_default();
        Column {
            id,
            index,
            x,
            comparison,
            by_key,
        }
    }

    /// The mark of this plan's cell on `key`, and the alignment it comes from.
    fn mark(&self, key: &str, cell: Option<&MatrixCell>) -> (Mark, Option<&'a IndicatorAlignment>) {
        let alignment = self.by_key.get(key).copied();
        let mark = match (cell, alignment) {
            (_, Some(a)) => match (a.status, a.verdict) {
                (Status::Gap, _) => Mark::Gap,
                (Status::Extension, _) => Mark::Extension,
                (_, Some(v)) => Mark::from_verdict(v),
                (_, None) => Mark::Incomparable,
            },
            (Some(_), None) => Mark::Unjudged,
            (None, None) => Mark::Absent,
        };
        (mark, alignment)
    }
}

/// The matrix's columns grouped by level (province, cities, then counties and zones),
/// in the matrix's order within a level, each with its left edge: a gap between levels.
fn columns<'a>(data: &'a Data<'a>) -> (Vec<Column<'a>>, f64) {
    let plans = &data.report.matrix.plans;
    let depth = |id: &str| data.level(id).and_then(Level::depth).unwrap_or(u8::MAX);
    let mut order: Vec<(u8, usize)> = plans
        .iter()
        .enumerate()
        .map(|(k, id)| (depth(id), k))
        .collect();
    order.sort_by_key(|&(d, k)| (d, k));
    let mut x = LEFT;
    let mut out = Vec::with_capacity(order.len());
    for (n, &(d, k)) in order.iter().enumerate() {
        if n > 0 && order[n - 1].0 != d {
            x += LEVEL_GAP;
        }
        out.push(Column::new(data, &plans[k], k, x));
        x += CELL_W;
    }
    (out, x)
}

/// The heat map as an SVG document.
pub(crate) fn figure(data: &Data<'_>) -> Document {
    let matrix = &data.report.matrix;
    let (columns, right) = columns(data);
    let width = right + 80.0;
    let height = TOP + CELL_H * matrix.rows.len() as f64 + 10.0;
    let mut doc = super::canvas::document("heatmap", width, height);
    for col in &columns {
        let x = col.x + CELL_W * 0.5;
        doc = doc.add(Text::new(col.id).set("class", "col-label").set(
            "transform",
            format!("translate({x},{}) rotate(-40)", TOP - 6.0),
        ));
    }
    for (r, row) in matrix.rows.iter().enumerate() {
        let y = TOP + CELL_H * r as f64;
        doc = doc.add(
            Text::new(row.name.as_str())
                .set("class", "key-label")
                .set("x", LEFT - 6.0)
                .set("y", y + CELL_H * 0.7)
                .add(Title::new(row.key.as_str())),
        );
        let mut g = Group::new()
            .set("class", "row")
            .set("data-key", row.key.as_str());
        for col in &columns {
            let cell = row.cells.get(col.index).and_then(Option::as_ref);
            g = g.add(cell_mark(data, col, &row.key, &row.name, cell, y));
        }
        doc = doc.add(g);
    }
    doc
}

/// One cell: its rectangle (with the tooltip) and, when binding, a dot.
fn cell_mark(
    data: &Data<'_>,
    col: &Column<'_>,
    key: &str,
    name: &str,
    cell: Option<&MatrixCell>,
    y: f64,
) -> Group {
    let (mark, alignment) = col.mark(key, cell);
    let x = col.x;
    let mut rect = Rectangle::new()
        .set("class", format!("cell {}", mark.name()))
        .set("data-col", col.index)
        .set("data-mark", mark.name())
        .set("x", x + 1.0)
        .set("y", y + 1.0)
        .set("width", CELL_W - 2.0)
        .set("height", CELL_H - 2.0)
        .set("fill", mark.colour());
    if cell.is_some_and(|c| c.from_prose) {
        rect = rect.set("stroke-dasharray", "3 2").set("stroke", "#333");
    }
    let rect = rect.add(Title::new(tooltip(data, col, name, cell, mark, alignment)));
    let mut g = Group::new().add(rect);
    if cell.is_some_and(|c| c.attribute == Some(Attribute::Binding)) {
        g = g.add(
            Circle::new()
                .set("class", "binding")
                .set("cx", x + CELL_W - 8.0)
                .set("cy", y + CELL_H / 2.0)
                .set("r", 3.5),
        );
    }
    g
}

/// `zhongshan · 食品抽检合格率: 98.5 % (binding); stricter than guangdong (98)`.
fn tooltip(
    data: &Data<'_>,
    col: &Column<'_>,
    name: &str,
    cell: Option<&MatrixCell>,
    mark: Mark,
    alignment: Option<&IndicatorAlignment>,
) -> String {
    let value = cell.map_or("not carried".to_string(), |c| {
        let attribute = match c.attribute {
            Some(Attribute::Binding) => " (binding)",
            Some(Attribute::Expected) => " (expected)",
            _ => "",
        };
        let prose = if c.from_prose {
            " (stated in prose)"
        } else {
            ""
        };
        format!(
            "{} {}{attribute}{prose}",
            c.target,
            c.unit.as_deref().unwrap_or("")
        )
    });
    let against = match col.comparison {
        Some(c) => match (c.parent_indicators_note(), alignment) {
            (Some(note), _) => format!("not judged: {note}"),
            (None, Some(a)) => {
                let parent = a
                    .parent
                    .as_ref()
                    .map_or(String::new(), |p| format!(" ({})", p.target.raw()));
                let reason = a
                    .reason
                    .as_deref()
                    .map_or(String::new(), |r| format!(": {r}"));
                format!("{} against {}{parent}{reason}", mark.name(), c.parent)
            }
            (None, None) => format!("{} carries neither", c.parent),
        },
        None if data.parent(col.id).is_none() => "no ancestor with a plan".to_string(),
        None => "not compared".to_string(),
    };
    format!("{} · {name}: {value}; {against}", col.id)
}

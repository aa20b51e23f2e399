//! Figures 3 and 4: the text-reuse matrix as a heat map with each plan's nearest plan
//! marked, and the lineage graph of the pairs whose shared share passes a threshold.

use svg::Document;
use svg::node::element::{Circle, Definitions, Group, Line, Marker, Rectangle, Text, Title};

use super::{Data, LINEAGE_THRESHOLD};
use crate::reuse::ReuseMatrix;

const CELL: f64 = 56.0;
const LEFT: f64 = 120.0;
const TOP: f64 = 90.0;

/// White to Okabe–Ito blue, by the share: one hue, so that it reads in any colour vision.
fn shade(share: f64) -> String {
    let s = share.clamp(0.0, 1.0);
    let mix = |from: f64, to: f64| (from + (to - from) * s).round() as u8;
    format!(
        "#{:02X}{:02X}{:02X}",
        mix(255.0, 0.0),
        mix(255.0, 114.0),
        mix(255.0, 178.0)
    )
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The reuse heat map as an SVG document.
pub(crate) fn matrix_figure(data: &Data<'_>) -> Document {
    let m = &data.report.reuse;
    let n = m.len();
    let side = CELL * n as f64;
    let mut doc = super::canvas::document("reuse", LEFT + side + 80.0, TOP + side + 10.0);
    for (k, label) in m.labels().iter().enumerate() {
        let offset = CELL * (k as f64 + 0.5);
        doc = doc
            .add(Text::new(label.as_str()).set("class", "col-label").set(
                "transform",
                format!("translate({},{}) rotate(-40)", LEFT + offset, TOP - 6.0),
            ))
            .add(
                Text::new(label.as_str())
                    .set("class", "key-label")
                    .set("x", LEFT - 6.0)
                    .set("y", TOP + offset + 4.0),
            );
    }
    for i in 0..n {
        let mut row = Group::new().set("class", "row").set("data-row", i);
        for j in 0..n {
            row = row.add(cell(m, i, j));
        }
        if let Some((j, share)) = m.nearest(i) {
            row = row.add(
                Rectangle::new()
                    .set("class", "nearest")
                    .set("data-col", j)
                    .set("x", LEFT + CELL * j as f64 + 2.0)
                    .set("y", TOP + CELL * i as f64 + 2.0)
                    .set("width", CELL - 4.0)
                    .set("height", CELL - 4.0)
                    .add(Title::new(format!(
                        "nearest plan of {}: {} ({})",
                        m.labels()[i],
                        m.labels()[j],
                        percent(share)
                    ))),
            );
        }
        doc = doc.add(row);
    }
    doc
}

fn cell(m: &ReuseMatrix, i: usize, j: usize) -> Group {
    let (x, y) = (LEFT + CELL * j as f64, TOP + CELL * i as f64);
    let share = m.share(i, j);
    let (class, fill, label) = if i == j {
        ("cell self", "#DDDDDD".to_string(), "—".to_string())
    } else {
        ("cell", shade(share), percent(share))
    };
    let tip = if i == j {
        format!("{}: {} characters", m.labels()[i], m.chars(i))
    } else {
        format!(
            "{} of {}'s text is shared with {} ({} identical passages)",
            percent(share),
            m.labels()[i],
            m.labels()[j],
            m.identical(i, j)
        )
    };
    Group::new()
        .add(
            Rectangle::new()
                .set("class", class)
                .set("data-col", j)
                .set("x", x + 1.0)
                .set("y", y + 1.0)
                .set("width", CELL - 2.0)
                .set("height", CELL - 2.0)
                .set("fill", fill)
                .add(Title::new(tip)),
        )
        .add(
            Text::new(label)
                .set(
                    "class",
                    if share > 0.5 && i != j {
                        "share dark"
                    } else {
                        "share"
                    },
                )
                .set("x", x + CELL / 2.0)
                .set("y", y + CELL / 2.0 + 4.0),
        )
}

/// The pairs (i, j), i ≠ j, where at least [`LINEAGE_THRESHOLD`] of plan i's text is
/// shared with plan j.
pub(crate) fn edges(m: &ReuseMatrix) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
    let n = m.len();
    (0..n).flat_map(move |i| {
        (0..n)
            .filter(move |&j| j != i)
            .map(move |j| (i, j, m.share(i, j)))
            .filter(|&(_, _, s)| s >= LINEAGE_THRESHOLD)
    })
}

const RADIUS: f64 = 170.0;
const MARGIN: f64 = 90.0;

/// The lineage graph as an SVG document: the plans on a circle, an arrow from each plan to
/// each plan it shares at least the threshold of its text with.
pub(crate) fn lineage_figure(data: &Data<'_>) -> Document {
    let m = &data.report.reuse;
    let n = m.len().max(1);
    let centre = RADIUS + MARGIN;
    let at = |k: usize| {
        let a = std::f64::consts::TAU * k as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        (centre + RADIUS * a.cos(), centre + RADIUS * a.sin())
    };
    let mut doc = super::canvas::document("lineage", 2.0 * centre, 2.0 * centre)
        .add(Definitions::new().add(head()));
    for (i, j, share) in edges(m) {
        let ((x1, y1), (x2, y2)) = (at(i), at(j));
        // Stop short of the node; offset sideways so that i → j and j → i both show.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let (ox, oy) = (-uy * 4.0, ux * 4.0);
        doc = doc.add(
            Line::new()
                .set("class", "edge")
                .set("data-from", i)
                .set("data-to", j)
                .set("x1", x1 + ux * 16.0 + ox)
                .set("y1", y1 + uy * 16.0 + oy)
                .set("x2", x2 - ux * 18.0 + ox)
                .set("y2", y2 - uy * 18.0 + oy)
                .set("stroke-width", 1.0 + 6.0 * share)
                .set("marker-end", "url(#lineage-head)")
                .add(Title::new(format!(
                    "{} of {}'s text is shared with {}",
                    percent(share),
                    m.labels()[i],
                    m.labels()[j]
                ))),
        );
    }
    for (k, label) in m.labels().iter().enumerate() {
        let (x, y) = at(k);
        doc = doc.add(
            Group::new()
                .set("class", "node")
                .set("data-index", k)
                .add(Circle::new().set("cx", x).set("cy", y).set("r", 14))
                .add(
                    Text::new(label.as_str())
                        .set("class", "node-label")
                        .set("x", x)
                        .set("y", y + 30.0),
                )
                .add(Title::new(format!("{label}: {} characters", m.chars(k)))),
        );
    }
    doc
}

fn head() -> Marker {
    super::canvas::arrowhead("lineage-head", 4, "auto")
}

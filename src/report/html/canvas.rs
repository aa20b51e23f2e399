//! The SVG document each figure is drawn on.

use svg::Document;
use svg::node::element::path::Data;
use svg::node::element::{Marker, Path};

/// An SVG document for one figure, sized to its content.
pub(crate) fn document(figure: &str, width: f64, height: f64) -> Document {
    let (width, height) = (width.ceil(), height.ceil());
    Document::new()
        .set("class", "figure-svg")
        .set("data-svg", figure)
        .set("width", width)
        .set("height", height)
        .set("viewBox", (0, 0, width, height))
}

/// A triangular arrowhead marker `id`, `size` units wide, turned as `orient` says (`auto`,
/// `auto-start-reverse`).
pub(crate) fn arrowhead(id: &str, size: u32, orient: &str) -> Marker {
    Marker::new()
        .set("id", id)
        .set("viewBox", "0 0 10 10")
        .set("refX", 9)
        .set("refY", 5)
        .set("markerWidth", size)
        .set("markerHeight", size)
        .set("orient", orient)
        .add(
            Path::new().set(
                "d",
                Data::new()
                    .move_to((0, 0))
                    .line_to((10, 5))
                    .line_to((0, 10))
                    .close(),
            ),
        )
}

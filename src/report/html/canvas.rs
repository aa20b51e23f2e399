//! The SVG document each figure is drawn on.

use svg::Document;

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

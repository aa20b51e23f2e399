//! The page around the figures: head, styles, legends, the Markdown report as HTML, and
//! the one inline script (which counts the marks drawn into the page's footer).

use std::fmt::Write as _;

use pulldown_cmark::{Event, Options, Parser};
use svg::Document;

use super::{Data, LINEAGE_THRESHOLD, Mark, heatmap, reuse, strips, tree};

/// Chinese labels first: the CJK fonts of Linux, macOS and Windows, then any sans-serif.
const FONTS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", \"WenQuanYi Zen Hei\", sans-serif";

const STYLE: &str = "
body { margin: 24px auto; max-width: 1200px; padding: 0 16px; color: #222; background: #fff; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
figure { margin: 24px 0; overflow-x: auto; }
figcaption { margin: 6px 0; color: #444; max-width: 900px; }
svg.figure-svg { display: block; }
svg text { font-size: 12px; fill: #222; }
.key-label { text-anchor: end; }
.plan-label { text-anchor: end; }
.col-label { text-anchor: start; }
rect.cell { stroke: #fff; }
circle.binding { fill: #000; stroke: #fff; stroke-width: 1; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.legend span.swatch { display: inline-block; width: 14px; height: 14px; vertical-align: middle; margin-right: 4px; border: 1px solid #999; }
.strip-title { font-weight: bold; }
line.axis { stroke: #888; }
line.arrow { stroke: #0072B2; stroke-width: 2; }
circle.target { fill: #0072B2; }
line.reference { stroke: #D55E00; stroke-width: 2; stroke-dasharray: 3 2; }
#arrowhead path { fill: #0072B2; }
.tick, .note { fill: #666; }
rect.nearest { fill: none; stroke: #E69F00; stroke-width: 3; }
text.share { text-anchor: middle; }
text.share.dark { fill: #fff; }
line.edge { stroke: #0072B2; stroke-opacity: 0.7; }
#lineage-head path { fill: #0072B2; }
g.node circle { fill: #56B4E9; stroke: #0072B2; }
.node-label { text-anchor: middle; }
[data-figure=hierarchy] .node-label { text-anchor: start; }
path.edge { fill: none; stroke: #888; }
g.node.in-corpus rect { fill: #0072B2; }
g.node.missing rect { fill: #fff; stroke: #E69F00; stroke-width: 2; stroke-dasharray: 3 2; }
table { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
th { background: #f3f3f3; }
footer { margin-top: 32px; color: #777; font-size: 12px; }
";

/// Counts each figure's marks as the browser parsed them, into the footer.
const SCRIPT: &str = "
(function () {
  function n(s) { return document.querySelectorAll(s).length; }
  var counts = [
    ['heatmap.cell', n('[data-figure=heatmap] rect.cell')],
    ['heatmap.binding', n('[data-figure=heatmap] circle.binding')],
    ['strips.strip', n('[data-figure=strips] g.strip')],
    ['strips.row', n('[data-figure=strips] g.row')],
    ['strips.arrow', n('[data-figure=strips] line.arrow')],
    ['strips.reference', n('[data-figure=strips] line.reference')],
    ['reuse.cell', n('[data-figure=reuse] rect.cell')],
    ['reuse.nearest', n('[data-figure=reuse] rect.nearest')],
    ['lineage.node', n('[data-figure=lineage] g.node')],
    ['lineage.edge', n('[data-figure=lineage] line.edge')],
    ['hierarchy.node', n('[data-figure=hierarchy] g.node')],
    ['hierarchy.missing', n('[data-figure=hierarchy] g.node.missing')],
    ['hierarchy.edge', n('[data-figure=hierarchy] path.edge')],
    ['tables.table', n('#tables table')]
  ];
  document.getElementById('mark-counts').textContent =
    counts.map(function (c) { return c[0] + '=' + c[1]; }).join(' ');
})();
";

/// Escapes text for an HTML text node or a quoted attribute.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Markdown report as HTML. Raw HTML in it (which only user data could put there) is
/// written as text, escaped.
pub(crate) fn markdown(md: &str) -> String {
    let events = Parser::new_ext(md, Options::ENABLE_TABLES).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// The whole page.
pub(crate) fn page(data: &Data<'_>) -> String {
    let report = data.report;
    let mut s = String::new();
    let title = escape(&report.title);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>\nbody, svg text {{ font-family: {FONTS}; }}{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{} plans. The figures come first; the report's tables follow. Hover over a mark for its figures.</p>\n",
        report.plans.len()
    );
    figure(
        &mut s,
        "heatmap",
        "Keys × plans",
        &heatmap_caption(),
        &heatmap::figure(data),
    );
    figure(
        &mut s,
        "strips",
        "Targets, key by key",
        "Each key that two or more plans carry, in its canonical unit: an arrow from each plan's baseline to its target (a dot where only the target is a number), and a dashed line at the target of the plan's nearest ancestor with a plan, when that plan states one.",
        &strips::figure(data),
    );
    figure(
        &mut s,
        "reuse",
        "Shared text",
        "Each cell: the share of the row plan's text in passages identical to or adapted from the column plan. An orange frame marks each plan's nearest plan.",
        &reuse::matrix_figure(data),
    );
    figure(
        &mut s,
        "lineage",
        "Lineage",
        &format!(
            "An arrow from a plan to each plan with which it shares at least {:.0}% of its text (thicker: more). Shared text says which plans are alike, not which one was written first.",
            LINEAGE_THRESHOLD * 100.0
        ),
        &reuse::lineage_figure(data),
    );
    figure(
        &mut s,
        "hierarchy",
        "The hierarchy",
        "Each locality of the corpus: a filled box where its plan is in the corpus, a dashed one where it is cited or known but missing.",
        &tree::figure(data),
    );
    let _ = write!(
        s,
        "<section id=\"tables\">\n{}</section>\n<footer>Drawn by planalign. Marks: <span id=\"mark-counts\"></span></footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        markdown(&report.to_markdown())
    );
    s
}

fn figure(s: &mut String, kind: &str, heading: &str, caption: &str, svg: &Document) {
    let _ = write!(
        s,
        "<figure data-figure=\"{kind}\" id=\"figure-{kind}\">\n<h2>{}</h2>\n<figcaption>{}</figcaption>\n",
        escape(heading),
        escape(caption)
    );
    if kind == "heatmap" {
        s.push_str(&legend());
    }
    let _ = write!(s, "{svg}\n</figure>\n");
}

fn heatmap_caption() -> String {
    "Rows: the canonical keys, most widely carried first. Columns: the plans with a known indicator table, grouped by level. Each cell: the plan's verdict on the key against its nearest ancestor with a plan; a black dot marks a binding target, a dashed frame a target stated only in prose.".to_string()
}

fn legend() -> String {
    let mut s = String::from("<ul class=\"legend\">");
    for m in Mark::ALL {
        let _ = write!(
            s,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{}: {}</li>",
            m.colour(),
            m.name(),
            escape(m.meaning())
        );
    }
    s.push_str("<li><svg width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#000\"/></svg> binding</li></ul>\n");
    s
}

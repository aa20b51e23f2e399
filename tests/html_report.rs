//! The HTML report: one self-contained page whose figures are pinned by their SVG
//! structure (elements, classes, data attributes, labels; never coordinates or pixels) for
//! a small fixture corpus, whose counts follow the library's own data, whose labels are
//! escaped, and which for the bundled corpus stays under 1 MB and loads nothing from the
//! network.

mod common;

#[path = "common/pictures.rs"]
mod pictures;

use planalign::compare::Comparer;
use planalign::report::{self, CorpusReport, html};
use svg::node::element::tag::Type;
use svg::parser::Event;

const FIGURES: [&str; 5] = ["heatmap", "strips", "reuse", "lineage", "hierarchy"];

fn render(corpus: &planalign::corpus::Corpus) -> (CorpusReport, String) {
    let comparer = Comparer::default();
    let r = report::corpus_report(&comparer, corpus).expect("a report");
    let page = html::render(&comparer, corpus, &r).expect("a page");
    (r, page)
}

/// The `<svg>…</svg>` of one figure.
fn svg_of<'p>(page: &'p str, figure: &str) -> &'p str {
    let open = format!("<figure data-figure=\"{figure}\"");
    let start = page
        .find(&open)
        .unwrap_or_else(|| panic!("no figure {figure}"));
    let rest = &page[start..];
    let end = rest.find("</figure>").expect("the figure ends");
    let rest = &rest[..end];
    let svg = rest
        .find("<svg class=\"figure-svg\"")
        .expect("the figure's svg");
    let close = rest.rfind("</svg>").expect("the svg ends");
    &rest[svg..close + "</svg>".len()]
}

/// The structure of an SVG: one line per element, indented by depth, with its class, its
/// data attributes, its id and marker, and the text of `<text>` (labels); no coordinates,
/// no tooltips.
fn outline(svg: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut last: Option<String> = None;
    for event in svg::read(svg).expect("svg parses") {
        match event {
            Event::Tag(name, kind, attrs) => {
                if kind == Type::End {
                    depth = depth.saturating_sub(1);
                    last = None;
                    continue;
                }
                let mut keys: Vec<&String> = attrs
                    .keys()
                    .filter(|k| {
                        k.starts_with("data-")
                            || ["class", "id", "marker-end"].contains(&k.as_str())
                    })
                    .collect();
                keys.sort();
                let mut line = format!("{}{name}", "  ".repeat(depth));
                for k in keys {
                    line.push_str(&format!(" {k}={}", &*attrs[k]));
                }
                out.push_str(&line);
                out.push('\n');
                last = Some(name.to_string());
                if kind == Type::Start {
                    depth += 1;
                }
            }
            Event::Text(t) if last.as_deref() == Some("text") && !t.trim().is_empty() => {
                out.push_str(&format!("{}\"{}\"\n", "  ".repeat(depth), t.trim()));
            }
            Event::Error(e) => panic!("svg does not parse: {e}"),
            _ => {}
        }
    }
    out
}

fn count(svg: &str, element: &str, class: &str) -> usize {
    svg::read(svg)
        .expect("svg parses")
        .filter(|e| match e {
            Event::Tag(name, kind, attrs) => {
                *name == element
                    && *kind != Type::End
                    && attrs
                        .get("class")
                        .is_some_and(|c| c.split(' ').any(|w| w == class))
            }
            _ => false,
        })
        .count()
}

#[test]
fn each_figure_of_the_fixture_corpus_keeps_its_svg_structure() {
    let (_, page) = render(&pictures::corpus());
    for figure in FIGURES {
        common::check_golden(
            &format!("svg/{figure}.txt"),
            &outline(svg_of(&page, figure)),
        );
    }
}

#[test]
fn the_heat_map_has_a_cell_per_key_and_plan_coloured_by_the_verdict_against_the_nearest_ancestor() {
    let (r, page) = render(&pictures::corpus());
    let svg = svg_of(&page, "heatmap");
    let m = &r.matrix;
    assert_eq!(m.plans, ["province", "city", "district", "other"]);
    assert_eq!(count(svg, "rect", "cell"), m.rows.len() * m.plans.len());
    let binding = m
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .flatten()
        .filter(|c| c.attribute == Some(planalign::Attribute::Binding))
        .count();
    assert_eq!(count(svg, "circle", "binding"), binding);
    // The city against the province: food stricter (99 > 98.5), patents looser (3 < 4),
    // the kitchen key a gap, enterprise standards its own; the district against the city
    // (not the province): food equal, the kitchen key an extension; the district whose
    // city is missing against the province: patents equal.
    let mark = |key: &str, col: usize| {
        let row = format!("data-key=\"{key}\"");
        let start = svg.find(&row).unwrap_or_else(|| panic!("no row {key}"));
        let cell = format!("data-col=\"{col}\" data-mark=\"");
        let at = svg[start..].find(&cell).expect("the cell") + start + cell.len();
        svg[at..].split('"').next().unwrap_or("").to_string()
    };
    let food = "food.sampling.pass_rate";
    let patents = "ip.high_value_invention_patents.per_10k_pop";
    let kitchen = "food.bright_kitchen.coverage";
    let standards = "standards.enterprise";
    assert_eq!(mark(food, 0), "unjudged", "the province has no ancestor");
    assert_eq!(mark(food, 1), "stricter");
    assert_eq!(mark(patents, 1), "looser");
    assert_eq!(mark(kitchen, 1), "gap");
    assert_eq!(mark(standards, 1), "extension");
    assert_eq!(mark(food, 2), "equal");
    assert_eq!(mark(kitchen, 2), "extension");
    assert_eq!(mark(patents, 3), "equal");
    assert_eq!(mark(standards, 3), "absent");
}

#[test]
fn a_heat_map_cell_tooltip_holds_the_target_as_written() {
    let (_, page) = render(&pictures::corpus());
    let svg = svg_of(&page, "heatmap");
    assert!(
        svg.contains("<title>district · “明厨亮灶”覆盖率: ≥90 % (binding); extension against city"),
        "{svg}"
    );
}

#[test]
fn target_strips_draw_each_key_several_plans_carry_with_the_parents_target() {
    let (r, page) = render(&pictures::corpus());
    let svg = svg_of(&page, "strips");
    let several: Vec<_> = r
        .matrix
        .rows
        .iter()
        .filter(|row| row.carriers() >= 2)
        .collect();
    assert_eq!(count(svg, "g", "strip"), several.len());
    let carriers: usize = several.iter().map(|row| row.carriers()).sum();
    assert_eq!(count(svg, "g", "row"), carriers);
    // Every carrier here states a numeric baseline and target: one arrow each.
    assert_eq!(count(svg, "line", "arrow"), carriers);
    // Reference lines: city, district and other under a plan with the key; the province
    // has no ancestor. food: city (province), district (city); patents: city, other (both
    // the province's); kitchen: district's parent, the city, lacks it.
    assert_eq!(count(svg, "line", "reference"), 4);
    assert!(
        svg.contains("<title>province's target: 98.5 %</title>"),
        "{svg}"
    );
}

#[test]
fn the_reuse_figures_have_a_cell_per_pair_the_nearest_marked_and_edges_above_the_threshold() {
    let (r, page) = render(&pictures::corpus());
    let m = &r.reuse;
    let n = m.len();
    let svg = svg_of(&page, "reuse");
    assert_eq!(count(svg, "rect", "cell"), n * n);
    let nearest = (0..n).filter(|&i| m.nearest(i).is_some()).count();
    assert_eq!(count(svg, "rect", "nearest"), nearest);
    assert!(nearest > 0, "the fixture plans share their boilerplate");
    let lineage = svg_of(&page, "lineage");
    assert_eq!(count(lineage, "g", "node"), n);
    let edges = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| i != j && m.share(i, j) >= html::LINEAGE_THRESHOLD)
        .count();
    assert_eq!(count(lineage, "line", "edge"), edges);
}

#[test]
fn the_hierarchy_tree_marks_each_localitys_plan_in_the_corpus_or_missing() {
    let corpus = pictures::corpus();
    let (_, page) = render(&corpus);
    let svg = svg_of(&page, "hierarchy");
    let localities = corpus.localities();
    assert_eq!(count(svg, "g", "node"), localities.len());
    let missing = localities.iter().filter(|l| l.plan.is_none()).count();
    assert_eq!(count(svg, "g", "missing"), missing);
    assert!(missing >= 1, "缺失市 has no plan");
    let linked = localities.iter().filter(|l| l.parent.is_some()).count();
    assert_eq!(count(svg, "path", "edge"), linked);
}

#[test]
fn the_markdown_reports_tables_follow_as_html_tables() {
    let (r, page) = render(&pictures::corpus());
    let md = r.to_markdown();
    // A Markdown table is a header line followed by a delimiter line of dashes.
    let tables = md
        .lines()
        .filter(|l| l.starts_with("|---") || l.starts_with("|:--"))
        .count();
    let tables_html = &page[page.find("<section id=\"tables\">").expect("the tables")..];
    assert_eq!(tables_html.matches("<table>").count(), tables);
    assert!(tables > 3);
}

#[test]
fn labels_are_escaped_wherever_they_are_written() {
    let mut b = planalign::corpus::Corpus::builder();
    let text = pictures::plan_text(
        "示例市市场监管现代化“十四五”规划",
        None,
        &[("食品抽检合格率", "%", "98", "<b>99</b>", "约束性")],
    );
    b.add_text("x<script>alert(\"1\")</script>&", &text);
    let corpus = b.build().expect("a corpus");
    let (_, page) = render(&corpus);
    assert!(!page.contains("<script>alert"), "a label was written raw");
    assert!(!page.contains("<b>99"), "a target was written raw");
    assert!(page.contains("x&lt;script&gt;alert"));
    // Still well-formed SVG for each figure.
    for figure in FIGURES {
        outline(svg_of(&page, figure));
    }
}

#[test]
fn the_bundled_corpus_page_is_under_a_megabyte_and_loads_nothing_from_the_network() {
    let corpus = planalign::corpus::guangdong().expect("the bundled corpus");
    let (r, page) = render(&corpus);
    assert!(page.len() < 1_000_000, "{} bytes", page.len());
    let svg = svg_of(&page, "heatmap");
    assert_eq!(
        count(svg, "rect", "cell"),
        r.matrix.rows.len() * r.matrix.plans.len()
    );
    let lower = page.to_lowercase();
    assert!(!lower.contains("<link"), "a linked resource");
    assert!(!lower.contains("@import"), "an imported style");
    for attr in ["src=", "href=", "url(", "srcset="] {
        for (at, _) in lower.match_indices(attr) {
            let value = lower[at + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(
                !value.starts_with("http") && !value.starts_with("//"),
                "a network resource: {}",
                &page[at..(at + 80).min(page.len())]
            );
        }
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    std::fs::write(dir.join("report.html"), &page).expect("written");
}

#[test]
fn the_heat_maps_columns_are_grouped_by_level() {
    // A city plan added after the bundled district and zone plans: its column comes with
    // the cities, before them.
    let mut b = planalign::corpus::CorpusBuilder::guangdong().expect("the bundled corpus");
    b.add_text(
        "zhaoqing",
        &pictures::plan_text(
            "肇庆市市场监管现代化“十四五”规划",
            None,
            &[("食品抽检合格率", "%", "98", "99", "约束性")],
        ),
    );
    let corpus = b.build().expect("a corpus");
    let (r, page) = render(&corpus);
    assert_eq!(r.matrix.plans.last().map(String::as_str), Some("zhaoqing"));
    let svg = svg_of(&page, "heatmap");
    let labels: Vec<String> = svg::read(svg)
        .expect("svg parses")
        .scan(false, |in_label, e| {
            Some(match e {
                Event::Tag("text", Type::Start, attrs) => {
                    *in_label = attrs.get("class").is_some_and(|c| &**c == "col-label");
                    None
                }
                Event::Text(t) if *in_label => {
                    *in_label = false;
                    Some(t.trim().to_string())
                }
                _ => None,
            })
        })
        .flatten()
        .collect();
    let depth = |id: &str| corpus.plan(id).expect("a plan").locality.level.depth();
    let depths: Vec<_> = labels.iter().map(|l| depth(l)).collect();
    assert!(depths.is_sorted(), "{labels:?}: {depths:?}");
    assert_eq!(labels.len(), r.matrix.plans.len());
    let zhaoqing = labels.iter().position(|l| l == "zhaoqing");
    let dinghu = labels.iter().position(|l| l == "dinghu");
    assert!(zhaoqing < dinghu, "{labels:?}");
}

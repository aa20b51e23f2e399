//! Web pages read directly: each bundled plan written as the page a government site
//! serves (a site header with navigation and breadcrumbs, the plan's text as paragraphs
//! and headings, its indicator table as a real `<table>` with `<thead>`, merged category
//! cells, a two-level header, character references, a share bar and a footer, one page in
//! GB2312) parses to the plan its text parses to; bad pages give an error or a diagnostic,
//! never a panic.
//!
//! The pages are generated here, in memory, from the text plan as parsed: the table's rows
//! from its indicators (sequence, category, name, unit, raw values, attribute as written),
//! everything else from the text's own lines. One is written to
//! `target/html-fixtures/` for a person to open.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use planalign::model::TableInfo;
use planalign::{DiagnosticKind, Format, Indicator, Parser, Plan, Severity};
use proptest::prelude::*;

const IDS: [&str; 5] = ["zhongshan", "zhanjiang", "qingyuan", "dinghu", "dayawan"];

#[path = "common/counting.rs"]
mod counting;
use counting::peak_bytes;

// ---- the page generator -------------------------------------------------------------

/// How a plan's page is laid out: the features real pages have, spread over the plans.
#[derive(Clone, Copy)]
struct Style {
    /// A two-level header: 指标值 spanning the two year columns above them.
    two_level: bool,
    /// `&nbsp;` around some cells' values.
    padded: bool,
    /// Encoded as GB2312 with its meta charset.
    gb2312: bool,
}

fn style(id: &str) -> Style {
    Style {
        two_level: matches!(id, "zhongshan" | "qingyuan" | "dayawan"),
        padded: matches!(id, "zhanjiang" | "dinghu" | "dayawan"),
        gb2312: id == "qingyuan",
    }
}

/// Words of the pages' chrome that no plan writes.
const CHROME: [&str; 8] = [
    "网站首页",
    "信息公开目录",
    "便民服务栏目",
    "互动交流栏目",
    "规划计划栏目",
    "版权所有",
    "网站标识码",
    "政府网站群",
];

fn plan_text(id: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("data/plans/{id}.txt")),
    )
    .expect("bundled plan")
}

fn text_plan(id: &str) -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("data/plans/{id}.txt"));
    planalign::parse_file(path).expect("bundled plan").value
}

/// Text escaped for HTML, quotation marks as numeric references (as CMS editors write
/// them).
fn esc(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '“' => out.push_str("&#8220;"),
            '”' => out.push_str("&#x201D;"),
            c => out.push(c),
        }
    }
    out
}

/// The first line of each table's rows and the last, and its indicators.
struct TableLines<'a> {
    info: &'a TableInfo,
    rows: Vec<&'a Indicator>,
    /// The last line of its last row.
    rows_end: usize,
}

fn tables_of(plan: &Plan) -> Vec<TableLines<'_>> {
    plan.tables
        .iter()
        .map(|info| {
            let rows: Vec<&Indicator> = plan
                .indicators
                .iter()
                .filter(|i| i.line > info.header.last && i.line <= info.end_line)
                .collect();
            let rows_end = rows
                .iter()
                .map(|i| i.end_line.max(i.line))
                .max()
                .unwrap_or(info.header.last);
            TableLines {
                info,
                rows,
                rows_end,
            }
        })
        .collect()
}

/// The page of bundled plan `id`, as a site serves it.
fn page(id: &str) -> Vec<u8> {
    let st = style(id);
    let plan = text_plan(id);
    let text = plan_text(id);
    let tables = tables_of(&plan);
    let chapters: Vec<usize> = plan.chapters.iter().map(|c| c.line).collect();
    let sections: Vec<usize> = plan
        .chapters
        .iter()
        .flat_map(|c| c.sections.iter().map(|s| s.line))
        .collect();
    let charset = if st.gb2312 { "gb2312" } else { "utf-8" };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
         <title>{} - 人民政府网站群</title>\n\
         <style>table {{ border-collapse: collapse }} td, th {{ border: 1px solid #999 }}</style>\n\
         <script>var menu = '<p>首页</p>'; if (a < b && c) {{ }}</script>\n\
         </head>\n<body>\n\
         <header class=\"site-header\"><div class=\"logo\">人民政府网站群</div>\n\
         <nav><ul><li><a href=\"/\">网站首页</a></li><li><a href=\"/xxgk\">信息公开目录</a></li>\
         <li><a href=\"/bsdt\">便民服务栏目</a></li><li><a href=\"/hdjl\">互动交流栏目</a></li></ul></nav></header>\n\
         <div class=\"crumbs\">您现在的位置：<a href=\"/\">网站首页</a> &gt; <a href=\"/xxgk\">信息公开目录</a> &gt; 规划计划栏目</div>\n\
         <div class=\"main\"><div class=\"article-content\">\n",
        esc(&plan.title)
    );
    let mut comments = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let no = i + 1;
        if let Some(t) = tables.iter().find(|t| t.info.header.first == no) {
            write_table(&mut h, t, st);
            continue;
        }
        let in_rows = tables
            .iter()
            .any(|t| no > t.info.header.first && no <= t.rows_end);
        let line = line.trim();
        if in_rows || line.is_empty() {
            continue;
        }
        let tag = if chapters.contains(&no) {
            "h2"
        } else if sections.contains(&no) {
            "h3"
        } else {
            "p"
        };
        // A reviewer's comment as Word saves it in a web page: an anchor in the text,
        // the comment in the list at the end.
        let (line, anchor) = match line.split_once("\tComment by ") {
            Some((text, comment)) => {
                comments.push(comment.to_string());
                let n = comments.len();
                (
                    text,
                    format!(
                        "<span class=MsoCommentReference><a class=msocomanchor id=\"_anchor_{n}\" href=\"#_msocom_{n}\">[MOU{n}]</a></span>"
                    ),
                )
            }
            None => (line, String::new()),
        };
        // Tabs outside a table (a contents line) are what a page shows as spaces.
        let _ = writeln!(
            h,
            "<{tag}>{}{anchor}</{tag}>",
            esc(line).replace('\t', "&nbsp;&nbsp;")
        );
    }
    if !comments.is_empty() {
        h.push_str("<div style='mso-element:comment-list'><hr class=msocomoff align=left size=1 width=\"33%\">\n");
        for (n, c) in comments.iter().enumerate() {
            let _ = writeln!(
                h,
                "<div style='mso-element:comment'><div class=msocomtxt id=\"_com_{}\"><p class=MsoCommentText>Comment by {}</p></div></div>",
                n + 1,
                esc(c)
            );
        }
        h.push_str("</div>\n");
    }
    h.push_str(
        "</div></div>\n\
         <div class=\"bdsharebuttonbox\">分享到：<a>微信</a><a>微博</a></div>\n\
         <footer><p>主办：人民政府办公室　版权所有</p><p>网站标识码：4400000001</p></footer>\n\
         </body>\n</html>\n",
    );
    if st.gb2312 {
        let (bytes, _, _) = encoding_rs::GBK.encode(&h);
        bytes.into_owned()
    } else {
        h.into_bytes()
    }
}

/// A table as a page writes it: the header in `<thead>`, the category merged down the
/// rows of one category with `rowspan`.
fn write_table(h: &mut String, t: &TableLines<'_>, st: Style) {
    let base = t
        .info
        .baseline_year
        .map_or("基期值".to_string(), |y| format!("{y}年"));
    let target = t
        .info
        .target_year
        .map_or("目标值".to_string(), |y| format!("{y}年"));
    let categories = t.rows.iter().any(|i| i.category.is_some());
    // A qualifier (生产领域) stands in a cell of its own after the name, its row a cell
    // longer than the others (as the text export has it). Not the other rows' names
    // spanning two columns: the table reader reads the blank column a span leaves as an
    // empty qualifier, Some(""), in text as in pages (a finding of issue 13, reported).
    h.push_str("<table border=\"1\" cellspacing=\"0\">\n<thead>\n");
    let cat_th = if categories { "<th>类别</th>" } else { "" };
    if st.two_level {
        let rs = |label: &str| format!("<th rowspan=\" 2 \">{label}</th>");
        let cat = if categories {
            rs("类别")
        } else {
            String::new()
        };
        let _ = writeln!(
            h,
            "<tr>{}{cat}{}{}<th colspan=\"2\">指标值</th>{}</tr>\n<tr><th>{base}</th><th>{target}</th></tr>",
            rs("序号"),
            rs("指标名称"),
            rs("单位"),
            rs("属性"),
        );
    } else {
        let _ = writeln!(
            h,
            "<tr><th>序号</th>{cat_th}<th>指标名称</th><th>单位</th><th>{base}</th><th>{target}</th><th>属性</th></tr>"
        );
    }
    h.push_str("</thead>\n<tbody>\n");
    let mut r = 0;
    while r < t.rows.len() {
        let cat = t.rows[r].category.as_deref();
        let run = t.rows[r..]
            .iter()
            .take_while(|i| i.category.as_deref() == cat)
            .count();
        for (k, i) in t.rows[r..r + run].iter().enumerate() {
            let pad = |v: &str| {
                if st.padded && (r + k) % 2 == 1 {
                    format!("&nbsp;{}&nbsp;", esc(v))
                } else {
                    esc(v)
                }
            };
            h.push_str("<tr>");
            let _ = write!(
                h,
                "<td>{}</td>",
                i.seq.map_or(String::new(), |s| s.to_string())
            );
            if categories && k == 0 {
                let _ = write!(
                    h,
                    "<td rowspan=\"{run}\"><p>{}</p></td>",
                    esc(cat.unwrap_or(""))
                );
            }
            let name = i.name_as_written.as_deref().unwrap_or(&i.name);
            let name = match &i.qualifier {
                Some(q) => format!("<td><span>{}</span></td><td>{}</td>", esc(name), esc(q)),
                None => format!("<td><span>{}</span></td>", esc(name)),
            };
            let _ = writeln!(
                h,
                "{name}<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(i.unit.as_ref().map_or("", |u| u.raw())),
                pad(i.baseline.raw()),
                pad(i.target.raw()),
                i.attribute.map_or("", |a| a.chinese()),
            );
        }
        r += run;
    }
    h.push_str("</tbody>\n</table>\n");
}

fn read_page(bytes: &[u8]) -> planalign::Parsed<Plan> {
    Parser::new().parse_bytes(bytes).expect("the page reads")
}

/// An indicator without its line numbers.
fn unlined(i: &Indicator) -> Indicator {
    let mut i = i.clone();
    i.line = 0;
    i.end_line = 0;
    i
}

// ---- the bundled plans as pages -----------------------------------------------------

#[test]
fn each_plan_as_a_page_parses_as_its_text() {
    let mut rows = 0;
    for id in IDS {
        let text = text_plan(id);
        let bytes = page(id);
        assert_eq!(Format::sniff(&bytes), Format::Html, "{id}");
        let parsed = read_page(&bytes);
        let html = &parsed.value;
        assert_eq!(html.indicators.len(), text.indicators.len(), "{id}");
        for (a, b) in html.indicators.iter().zip(&text.indicators) {
            assert_eq!(unlined(a), unlined(b), "{id}");
        }
        rows += html.indicators.len();
        assert_eq!(html.title, text.title, "{id}");
        assert_eq!(html.locality, text.locality, "{id}");
        assert_eq!(html.period, text.period, "{id}");
        let goals = |p: &Plan| {
            p.goals
                .iter()
                .map(|g| (g.title.clone(), g.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(goals(html), goals(&text), "{id}");
        assert_eq!(html.overall_goal, text.overall_goal, "{id}");
        assert_eq!(common::outline(html), common::outline(&text), "{id}");
        assert_eq!(html.targets.len(), text.targets.len(), "{id}");
        assert_eq!(html.tables.len(), text.tables.len(), "{id}");
        for (a, b) in html.tables.iter().zip(&text.tables) {
            assert_eq!(a.caption, b.caption, "{id}");
            assert_eq!(a.notes.len(), b.notes.len(), "{id}");
            let meanings = |t: &TableInfo| {
                t.brackets
                    .meanings
                    .iter()
                    .map(|m| (m.bracket, m.accumulation, m.line.is_some()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(meanings(a), meanings(b), "{id}");
            assert_eq!(
                (a.baseline_year, a.target_year),
                (b.baseline_year, b.target_year)
            );
        }
        // Nothing of the site's chrome reads as the plan's text, and its leaving is said.
        for chrome in CHROME {
            assert!(!plan_text(id).contains(chrome), "{id} has {chrome} itself");
            assert!(
                !html.paragraphs.iter().any(|p| p.text.contains(chrome)),
                "{id}: {chrome} in a paragraph"
            );
        }
        let skipped = parsed
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::NavigationSkipped)
            .count();
        assert!(skipped >= 4, "{id}: {skipped} NavigationSkipped");
        assert!(
            !parsed.diagnostics.iter().any(|d| matches!(
                d.kind,
                DiagnosticKind::ExtractionFailed | DiagnosticKind::EncodingMismatch
            )),
            "{id}"
        );
    }
    assert_eq!(rows, 85);
}

#[test]
fn a_generated_page_is_written_for_a_person_to_open() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/html-fixtures");
    std::fs::create_dir_all(&dir).expect("target dir");
    let path = dir.join("dayawan.html");
    std::fs::write(&path, page("dayawan")).expect("write page");
    let parsed = Parser::new().parse_file(&path).expect("reads");
    assert_eq!(
        parsed.value.indicators.len(),
        text_plan("dayawan").indicators.len()
    );
}

#[test]
fn the_gb2312_page_is_gb2312() {
    let bytes = page("qingyuan");
    assert!(std::str::from_utf8(&bytes).is_err());
    let text = Parser::new().text_of(&bytes).expect("reads");
    assert!(text.contains("清远市"), "{}", &text[..200.min(text.len())]);
}

#[test]
fn the_page_text_has_its_table_as_tab_rows() {
    let text = Parser::new().text_of(&page("zhongshan")).expect("reads");
    // The two-level header flattened, the entities decoded.
    assert!(
        text.contains("序号\t指标名称\t单位\t指标值2020年\t2025年\t属性\n"),
        "{text}"
    );
    assert!(
        text.contains("1\t期末市场主体总量\t万户\t42\t53\t预期性\n"),
        "{text}"
    );
}

// ---- bad pages ----------------------------------------------------------------------

#[test]
fn a_page_without_a_table_is_read_and_says_so() {
    let page = "<!DOCTYPE html><html><head><meta charset=utf-8></head><body>\
        <h1>示例市市场监管现代化&#8220;十四五&#8221;规划</h1>\
        <p>到2025年，食品抽检合格率达到98%以上。</p></body></html>";
    let parsed = read_page(page.as_bytes());
    assert!(parsed.value.tables.is_empty());
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::NoTable && d.severity == Severity::Info)
    );
    assert_eq!(parsed.value.title, "示例市市场监管现代化“十四五”规划");
    assert!(
        !parsed.value.targets.is_empty(),
        "{:?}",
        parsed.value.paragraphs
    );
}

#[test]
fn an_unclosed_table_is_read_to_the_end() {
    let page = "<html><body><p>示例市市场监管现代化规划</p><table><tr><td>序号<td>主要指标<td>单位<td>2020年<td>2025年<td>属性\
        <tr><td>1<td>期末市场主体总量<td>万户<td>42<td>53<td>预期性\
        <tr><td>2<td>食品抽检合格率<td>%<td>97<td>98<td>约束性";
    let parsed = read_page(page.as_bytes());
    let names: Vec<&str> = parsed
        .value
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["期末市场主体总量", "食品抽检合格率"]);
}

#[test]
fn undecodable_bytes_are_an_error() {
    let bytes = [
        b"<html><body><p>".as_slice(),
        &[0xFF, 0xFF, 0x80, 0x81, 0xFE],
    ]
    .concat();
    let e = Parser::new()
        .format(Format::Html)
        .parse_bytes(&bytes)
        .expect_err("no text");
    assert!(e.is_encoding(), "{e}");
}

/// 10,000 and 40,000 nested `<div>`s: a clear error, no stack overflow, and the work done
/// before it is the same for both (html5ever looks through its stack of open elements at
/// each start tag: unrefused, 40,000 took 10 s where 10,000 took 0.4 s).
#[test]
fn nesting_past_the_cap_is_refused_early() {
    let refused_at = |n: usize| {
        let page = format!(
            "<html><body>{}深处{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let e = Parser::new()
            .text_of(page.as_bytes())
            .expect_err("too deep");
        let planalign::ErrorKind::Document { format, message } = e.kind() else {
            panic!("{e}")
        };
        assert_eq!(*format, "html");
        let read: usize = message
            .split("first ")
            .nth(1)
            .and_then(|m| m.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{message}"));
        read
    };
    let (small, big) = (refused_at(10_000), refused_at(40_000));
    assert_eq!(small, big);
    assert!(small < 16_384, "{small}");
}

/// Pages nested up to the cap (600 `<div>`s around 80 nested tables, 900 inline elements),
/// repeated 4 and 16 times: read, no stack overflow (the walk does not recurse), and the
/// memory held grows with the page, not its square.
#[test]
fn deep_nesting_under_the_cap_is_read_in_linear_memory() {
    let block = format!(
        "<div>{}深处{}表中{}{}</div><p>{}行内{}</p>",
        "<div>".repeat(600),
        "<table><tr><td>".repeat(80),
        "</td></tr></table>".repeat(80),
        "</div>".repeat(600),
        "<b><i><span>".repeat(300),
        "</span></i></b>".repeat(300),
    );
    let run = |k: usize| {
        let page = format!("<html><body>{}</body></html>", block.repeat(k));
        let (text, peak) = peak_bytes(|| Parser::new().text_of(page.as_bytes()).expect("reads"));
        assert_eq!(text.matches("深处").count(), k);
        assert_eq!(text.matches("表中").count(), k);
        assert_eq!(text.matches("行内").count(), k);
        (page.len(), peak)
    };
    let (small_len, small) = run(4);
    let (big_len, big) = run(16);
    assert!(big_len > 3 * small_len);
    assert!(
        big < 6 * small,
        "peak {small} bytes for {small_len}, {big} for {big_len}"
    );
}

fn tag_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "<thead>",
        "</thead>",
        "<td rowspan=\"3\">",
        "<td colspan=0>",
        "<td rowspan=99999999>",
        "<th colspan=' 2x'>",
        "<caption>",
        "<p>",
        "</p>",
        "<div class=nav>",
        "</div>",
        "<div>",
        "<br>",
        "<h2>",
        "</h2>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<template>",
        "<svg>",
        "<math>",
        "<!--",
        "-->",
        "<meta charset=gbk>",
        "&nbsp;",
        "&#8220;",
        "&lt;",
        "&",
        "序号",
        "指标",
        "1",
        "42",
        "\t",
        "\n",
        " ",
        "<footer>",
        "<article>",
        "<header>",
        "<select>",
        "<li>",
        "<b>",
        "</b>",
        "<a href='x'>",
        "<frameset>",
        "<plaintext>",
        "<textarea>",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random bytes read as a page give a plan or an error, never a panic.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = Parser::new().format(Format::Html).parse_bytes(&bytes);
    }

    /// Random tag soup reads, never panics, and its text is bounded by its size (a span
    /// can widen a cell into blank columns and repeat a short cell down rows, no more).
    #[test]
    fn tag_soup_never_panics(soup in tag_soup()) {
        let text = Parser::new().format(Format::Html).text_of(soup.as_bytes());
        let text = text.expect("UTF-8 soup decodes");
        prop_assert!(text.len() <= 64 * soup.len() + 16, "{} from {}", text.len(), soup.len());
        let _ = Parser::new().format(Format::Html).parse_bytes(soup.as_bytes());
    }
}

#[path = "common/docx_writer.rs"]
mod docx_writer;

/// A researcher's folder holding a web page, a Word file and a text file is one corpus:
/// the folder scan takes each, told apart by content, and each reads as its text does.
#[test]
fn a_folder_of_pages_word_files_and_text_is_a_corpus() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html_corpus");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("dayawan.html"), page("dayawan")).unwrap();
    let dinghu = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/plans/dinghu.txt");
    let (docx, _) = docx_writer::plan_docx(&dinghu, docx_writer::Options::default());
    std::fs::write(dir.join("dinghu.docx"), docx).unwrap();
    std::fs::write(dir.join("zhanjiang.txt"), plan_text("zhanjiang")).unwrap();
    let corpus = planalign::corpus::Corpus::load(&dir).expect("a corpus");
    let mut ids: Vec<&str> = corpus.ids().collect();
    ids.sort_unstable();
    assert_eq!(ids, ["dayawan", "dinghu", "zhanjiang"]);
    for id in ids {
        let from_text = text_plan(id);
        let read = corpus.plan(id).unwrap();
        let names = |p: &Plan| {
            p.indicators
                .iter()
                .map(|i| i.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(read), names(&from_text), "{id}");
        assert!(!read.indicators.is_empty(), "{id}");
    }
}

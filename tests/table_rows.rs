//! Issue "Nothing lost": each way a table used to lose rows silently, on the smallest table
//! that shows it. Every test checks the rows by name and that the accounting oracle finds
//! no line of the table that no indicator, diagnostic or note holds.

mod common;

use common::{safety_net, unaccounted};
use planalign::{DiagnosticKind, Parsed, Plan, Severity, Unit, parse};

const TITLE: &str = "示例市市场监管现代化“十四五”规划\n主要指标表\n";
const TAB_LED_HEADER: &str = "\t序号\n\t指标名称\n\t单位\n\t2020年\n\t2025年\n\t属性\n";

/// A tab-led table (one cell per line) from rows of cells.
fn tab_led(rows: &[&[&str]]) -> String {
    let mut s = format!("{TITLE}{TAB_LED_HEADER}");
    for row in rows {
        for cell in *row {
            if let Some(bare) = cell.strip_prefix('\n') {
                s.push_str(bare);
            } else {
                s.push('\t');
                s.push_str(cell);
            }
            s.push('\n');
        }
    }
    s
}

fn read(text: &str) -> Parsed<Plan> {
    let p = parse(text);
    assert_eq!(unaccounted(text, &p), Vec::<usize>::new(), "{:#?}", p);
    assert_eq!(safety_net(&p), 0, "{:#?}", p.diagnostics);
    p
}

/// Whether an indicator or a diagnostic holds line `no`.
fn holds(p: &Parsed<Plan>, no: usize) -> bool {
    p.value
        .indicators
        .iter()
        .any(|i| i.line <= no && no <= i.end_line)
        || p.diagnostics
            .iter()
            .any(|d| d.lines().is_some_and(|r| r.contains(no)))
}

/// The warnings that a table may have ended early.
fn uncertain(p: &Parsed<Plan>) -> Vec<&planalign::Diagnostic> {
    p.diagnostics
        .iter()
        .filter(|d| d.kind == planalign::DiagnosticKind::TableEndUncertain)
        .collect()
}

fn names(p: &Parsed<Plan>) -> Vec<(Option<u32>, &str)> {
    p.value
        .indicators
        .iter()
        .map(|i| (i.seq, i.name.as_str()))
        .collect()
}

const ROW1: &[&str] = &["1", "期末市场主体总量", "万户", "42", "53", "预期性"];
const ROW3: &[&str] = &["3", "食品抽检合格率", "%", "95", "98", "约束性"];

/// Defect 1: a cell that looks like a line ending a table (a note opener, a heading, a
/// cell over 60 characters, a sentence over 30) is a cell when the table goes on.
#[test]
fn a_cell_that_looks_like_a_stop_line_does_not_end_the_table() {
    let long = "市场主体总量".repeat(11);
    let sentence = "全面推进市场主体登记确认制改革，实现企业开办全程网上办理，持续压缩开办时间。";
    for name in [
        "注：含分支机构",
        "三、市场主体",
        "（一）市场主体",
        long.as_str(),
        sentence,
    ] {
        let row2: &[&str] = &["2", name, "万户", "1", "2", "预期性"];
        let p = read(&tab_led(&[ROW1, row2, ROW3]));
        assert_eq!(
            names(&p),
            [
                (Some(1), "期末市场主体总量"),
                (Some(2), name),
                (Some(3), "食品抽检合格率")
            ],
            "{name}"
        );
    }
    // The same in a tab-row table whose lines all start with a tab.
    let text = format!(
        "{TITLE}\t序号\t指标名称\t单位\t2020年\t2025年\t属性\n\t1\t期末市场主体总量\t万户\t42\t53\t预期性\n\t2\t注：含分支机构\t万户\t1\t2\t预期性\n\t3\t食品抽检合格率\t%\t95\t98\t约束性\n"
    );
    let p = read(&text);
    assert_eq!(names(&p).len(), 3, "{:#?}", p.value.indicators);
    assert_eq!(names(&p)[2], (Some(3), "食品抽检合格率"));
    // A heading without its tab inside a tab-led table that goes on is a cell too.
    let p = read(&tab_led(&[
        ROW1,
        &["2", "\n三、市场主体", "万户", "1", "2", "预期性"],
        ROW3,
    ]));
    assert_eq!(names(&p)[1], (Some(2), "三、市场主体"));
    assert_eq!(names(&p).len(), 3);
}

/// A note that really ends a table still ends it: the rows after it are a new part.
#[test]
fn a_note_under_the_last_row_still_ends_the_table() {
    let mut text = tab_led(&[ROW1, ROW3]);
    text.push_str("\n注：〔〕内为累计数。\n\n第三章  深入推进商事制度改革\n");
    let p = read(&text);
    assert_eq!(p.value.indicators.len(), 2);
    assert_eq!(p.value.tables[0].notes.len(), 1);
    assert!(p.value.paragraphs.iter().any(|l| l.text.contains("第三章")));
}

/// Defect 2: a blank line inside a multi-line tab-led cell.
#[test]
fn a_blank_line_inside_a_cell_does_not_end_the_table() {
    let p = read(&tab_led(&[
        &[
            "1",
            "期末市场",
            "\n",
            "\n主体总量",
            "万户",
            "42",
            "53",
            "预期性",
        ],
        &["2", "食品抽检合格率", "%", "95", "98", "约束性"],
    ]));
    assert_eq!(
        names(&p),
        [(Some(1), "期末市场主体总量"), (Some(2), "食品抽检合格率")]
    );
}

/// Defect 3: a pipe row broken over two lines.
#[test]
fn a_pipe_row_broken_over_two_lines_is_one_row() {
    let text = format!(
        "{TITLE}| 序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性 |\n|---|---|---|---|---|---|\n| 1 | 食品抽检合格率 | % |\n95 | 98 | 约束性 |\n| 2 | 期末市场主体总量 | 万户 | 42 | 53 | 预期性 |\n"
    );
    let p = read(&text);
    assert_eq!(
        names(&p),
        [(Some(1), "食品抽检合格率"), (Some(2), "期末市场主体总量")]
    );
    let first = &p.value.indicators[0];
    assert_eq!(first.target.number(), Some(98.0));
    assert!(first.is_binding());
}

/// Defect 4: a wrapped line without a tab in a tab-row table.
#[test]
fn a_wrapped_line_in_a_tab_row_table_joins_the_name() {
    let text = format!(
        "{TITLE}序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t期末市场主体总量\t万户\t42\t53\t预期性\n企业数\n2\t食品抽检合格率\t%\t95\t98\t约束性\n"
    );
    let p = read(&text);
    assert_eq!(
        names(&p),
        [
            (Some(1), "期末市场主体总量企业数"),
            (Some(2), "食品抽检合格率")
        ]
    );
    assert_eq!(
        p.value.indicators[0].attribute,
        Some(planalign::Attribute::Expected)
    );
}

/// Defect 5: a first row whose number is missing is a row, not part of the header.
#[test]
fn a_first_row_without_its_number_is_a_row() {
    let p = read(&tab_led(&[
        &["", "期末市场主体总量", "万户", "42", "53", "预期性"],
        &["2", "食品抽检合格率", "%", "95", "98", "约束性"],
    ]));
    assert_eq!(
        names(&p),
        [(None, "期末市场主体总量"), (Some(2), "食品抽检合格率")]
    );
    let text = format!(
        "{TITLE}序号\t指标名称\t单位\t2020年\t2025年\t属性\n\t期末市场主体总量\t万户\t42\t53\t预期性\n2\t食品抽检合格率\t%\t95\t98\t约束性\n"
    );
    let p = read(&text);
    assert_eq!(names(&p)[0], (None, "期末市场主体总量"));
    assert_eq!(p.value.indicators[0].target.number(), Some(53.0));
}

/// Defect 6: a bare number cell (row 1's attribute `2`) is not the next row's number
/// when the next row starts with that number, and a name is not a unit.
#[test]
fn a_bare_number_is_not_taken_for_the_next_row_number() {
    let p = read(&tab_led(&[
        &["1", "食品抽检合格率", "%", "95", "98", "2"],
        &["2", "药品抽检合格率", "95", "98", "约束性"],
        &["3", "期末市场主体总量", "万户", "42", "53", "预期性"],
    ]));
    assert_eq!(
        names(&p),
        [
            (Some(1), "食品抽检合格率"),
            (Some(2), "药品抽检合格率"),
            (Some(3), "期末市场主体总量")
        ]
    );
    let second = &p.value.indicators[1];
    assert_eq!(second.unit, None);
    assert_eq!(second.target.number(), Some(98.0));
    assert!("药品抽检合格率".parse::<Unit>().is_err());
    assert!("批次/千人年".parse::<Unit>().is_ok());
    assert!("吨标准煤".parse::<Unit>().is_ok());
}

/// The bundled plans and the layout fixtures: every line of every table is held.
#[test]
fn every_line_of_the_bundled_tables_is_accounted_for() {
    for id in planalign::corpus::ids() {
        let text = planalign::corpus::text(id).expect("bundled");
        read(text);
    }
    for entry in std::fs::read_dir(common::fixture("layouts")).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).expect("fixture");
            let text = String::from_utf8(bytes).expect("utf-8 fixture");
            let text = text.trim_start_matches('\u{feff}');
            let p = parse(text);
            assert_eq!(
                unaccounted(text, &p),
                Vec::<usize>::new(),
                "{}",
                path.display()
            );
            assert_eq!(safety_net(&p), 0, "{}", path.display());
        }
    }
}

/// Found by the `table` fuzz target: a first row whose number cell holds a short text
/// that is no number (`r`) was folded into the header, and its line held by nothing.
#[test]
fn a_first_row_whose_number_is_text_is_a_row() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n\t序号\n\t主要指标\n\t单位\n\t基期值\n\t规划值\n\t属性\n\n\tr\n\t\n\t万户\n\t42\n\t42\n\t约束性\n\n";
    let p = read(text);
    let held = p.value.indicators.iter().any(|i| i.line == 13)
        || p.diagnostics.iter().any(|d| d.line == Some(13));
    assert!(held, "{:#?}", p);
}

/// Found by the `table` fuzz target: a text row number cell (`市`) before a numbered cell
/// (`2`, the name) on the lines right after it is the row's, not a header column.
#[test]
fn a_text_row_number_before_a_number_is_a_row_cell() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n\t序号\n\t主要指标\n\t指标单位\n\t现状值\n\t预期值\n\t指标性质\n\n\t市\n\t2\n\t万户\n\t42\n\t42\n\t约束性\n\n";
    let p = read(text);
    assert_eq!(p.value.tables[0].header.last, 11, "{:#?}", p.value.tables);
}

/// Found by the `table` fuzz target: a tab row whose only text is its last cell
/// (`⇥⇥⇥⇥⇥约束性`) is a line of the table, not prose after it.
#[test]
fn a_tab_row_with_only_its_last_cell_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n\t\t\t\t\t约束性\n";
    let p = read(text);
    assert!(holds(&p, 4), "{:#?}", p);
}

/// Found by the `table` fuzz target: a first row with neither a number nor a value, past
/// a blank line after the header, is a row, not more header.
#[test]
fn a_first_row_without_number_or_value_is_a_row() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t指标\n\t计量单位\n\t2020年实现数\n\t2025年目标数\n\t指标属性\n\n\t\n\n\t“明厨亮灶”覆盖率\n\t\n\t\n\t\n\t/\n\n";
    let p = read(text);
    let held = holds(&p, 12);
    assert!(held, "{:#?}", p);
}

/// Found by the `table` fuzz target: the same with a blank row-number cell between the
/// blank line and the name.
#[test]
fn a_first_row_after_a_blank_number_cell_is_a_row() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t编号\n\t具体指标\n\t单位\n\t2020年基数\n\t2025年目标\n\t性质\n\n\t\n\t食品检验量\n\t1x\n\t\n\t\n\t\n\n";
    let p = read(text);
    let held = |no| holds(&p, no);
    assert!(held(11) && held(12), "{:#?}", p);
}

/// Found by the `table` fuzz target: a tab row whose one text reads as a heading is a line
/// of the table.
#[test]
fn a_tab_row_that_reads_as_a_heading_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n\t三、强化质量提升\t\t\t\t\n";
    let p = read(text);
    assert!(holds(&p, 4), "{:#?}", p);
}

/// Found by the `table` fuzz target: a name wrapped onto a line of its own after the
/// table's last row, with no row below to show the table goes on, is still that row's.
#[test]
fn a_fragment_after_the_last_row_wraps_its_name() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n编号\t具体指标\t单位\t2020年基数\t2025年目标\t性质\n1\t“明厨亮灶”\t批次/千人年\t〔32〕\t〔32〕\t\n覆盖率\n";
    let p = read(text);
    assert_eq!(names(&p), vec![(Some(1), "“明厨亮灶”覆盖率")], "{:#?}", p);
}

/// The rule above stops at prose: a sentence after the last row ends the table.
#[test]
fn a_sentence_after_the_last_row_ends_the_table() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t食品抽检合格率\t%\t95\t98\t约束性\n各项指标均已分解落实。\n";
    let p = parse(text);
    assert_eq!(names(&p), vec![(Some(1), "食品抽检合格率")], "{:#?}", p);
}

/// Found by the `table` fuzz target: past a whole header (name and attribute columns) and a
/// blank line, a first row whose name reads as a header word (目标) is a row.
#[test]
fn a_first_row_named_like_a_header_word_is_a_row() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t指标名称\n\t单位\n\t2020年\n\t2025年\n\t属性\n\n\t\n\t目标\n\t万户\n\t42\n\t42\n\t约束性\n\n";
    let p = read(text);
    assert_eq!(names(&p), vec![(None, "目标")], "{:#?}", p);
}

/// Found by the `table` fuzz target: a note-like line under the header is no end of the
/// table when a row without a number but with an attribute follows.
#[test]
fn a_row_without_a_number_after_a_note_like_line_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位  2020年  2025年  属性\n                              备注：2020年为实际数\n      期末市场主体总量  万户  42      42      约束性\n";
    let p = parse(text);
    assert!(holds(&p, 5), "{:#?}", p);
    assert_eq!(unaccounted(text, &p), Vec::<usize>::new(), "{:#?}", p);
}

/// Found by the `table` fuzz target: in a tab-led table, a cell that reads as a heading is
/// no end of the table when tab-led cells with an attribute follow, numbered or not.
#[test]
fn a_tab_led_heading_cell_before_unnumbered_rows_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t指标名称\n\t单位\n\t2020年\n\t2025年\n\t属性\n\n\t\n\t“明厨亮灶”覆盖率\n\t\n\t三、强化质量提升\n\t〔32〕\n\t\n\n\t\n\t\n\t\n\t42\n\t42\n\t约束性\n";
    let p = read(text);
    assert!(holds(&p, 13) && holds(&p, 22), "{:#?}", p);
}

/// Found by the `table` fuzz target: a header whose one row starts with a heading-like
/// cell reads no rows; its warning names the tab-led lines below it, read as text.
#[test]
fn a_header_without_rows_names_the_lines_in_its_layout_below() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t指标\n\t计量单位\n\t2020年实现数\n\t2025年目标数\n\t指标属性\n\n\t三、强化质量提升\n\t\n\t\n\t\n\t完成省下达任务\n\t\n\n";
    let p = read(text);
    assert!(holds(&p, 10) && holds(&p, 14), "{:#?}", p);
}

/// A note wrapped over lines under a table (as `pdftotext -layout` prints it) is one note,
/// and the numbered note after it still defines its bracket (reported by the helper who
/// wrote the 肇庆 fixture: the second note of this layout was read as body text).
#[test]
fn a_wrapped_note_goes_on_and_the_next_note_defines_its_bracket() {
    let text = include_str!("fixtures/layouts/qingyuan_layout.txt");
    let p = read(text);
    let table = &p.value.tables[0];
    assert_eq!(table.notes.len(), 2, "{:#?}", table.notes);
    assert!(
        table.notes[0].text.ends_with("中国专利奖的发明专利。"),
        "{:?}",
        table.notes[0]
    );
    let tortoise = table
        .brackets
        .meanings
        .iter()
        .find(|m| m.line.is_some())
        .expect("a bracket defined by a note");
    assert_eq!(tortoise.line, Some(42));
}

/// Found by the `table` fuzz target: a first pipe row without a number, broken over two
/// lines, is a row (every line after a Markdown table's delimiter row is a body row).
#[test]
fn a_broken_first_pipe_row_without_a_number_is_a_row() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n| 编号 | 具体指标 | 单位 | 2020年基数 | 2025年目标 | 性质 |\n|---|---|---|---|---|---|\n|  | 食品抽检合格率 |  |\n约9 |  | 约束性 |\n| 2 | 期末市场主体总量 | 万户 | 42 | 42 | 约束性 |\n";
    let p = read(text);
    assert_eq!(
        names(&p),
        vec![(None, "食品抽检合格率"), (Some(2), "期末市场主体总量")],
        "{:#?}",
        p
    );
}

/// Found by the `table` fuzz target: a pipe row whose first line holds only blank cells
/// (read as a rule) goes on without its leading pipe, and the row after it is held.
#[test]
fn a_broken_pipe_row_after_a_blank_first_line_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n| 序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性 |\n|---|---|---|---|---|---|\n|  |  |  |  |\n≥ |  |\n| 2 |  |  |  |  |  |\n\n";
    let p = read(text);
    assert!(holds(&p, 7), "{:#?}", p);
}

/// Found by the `table` fuzz target: an aligned row of only values and an attribute, after
/// a heading-like line under the header, continues the table.
#[test]
fn an_aligned_row_of_values_after_a_heading_like_line_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称  单位  2020年  2025年  属性\n第二节 发展目标\n                              42      约束性\n";
    let p = parse(text);
    assert!(holds(&p, 5), "{:#?}", p);
}

/// Found by the `table` fuzz target: the last pipe row broken over two lines, with no row
/// below, is finished by its second line.
#[test]
fn a_broken_last_pipe_row_is_finished_by_its_second_line() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n| 序号 | 指标 | 计量单位 | 2020年实现数 | 2025年目标数 | 指标属性 |\n|---|---|---|---|---|---|\n|  | 食品抽检合格率 |  |\n5 |  | 约束性 |\n";
    let p = read(text);
    assert_eq!(names(&p), vec![(None, "食品抽检合格率")], "{:#?}", p);
}

/// Found by the `table` fuzz target: in a tab-led table, the cell right after a row's
/// number is its name even when it reads as a heading, and the row's cells after it are
/// held.
#[test]
fn a_tab_led_name_that_reads_as_a_heading_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t指标\n\t计量单位\n\t2020年实现数\n\t2025年目标数\n\t指标属性\n\n\t1\n\t三、强化质量提升\n\t万户\n\t42\n\t42\n\t\n\n注：\n";
    let p = read(text);
    assert!((11..=14).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: a tab-led table whose short last row (no attribute)
/// is followed, with no blank line, by a tab-led line that reads as a heading. The line is
/// a heading after the table or the row's missing cell; the layout cannot tell, so it stays
/// a heading and a warning names it.
#[test]
fn a_heading_right_below_a_short_last_row_is_named() {
    let mut text = tab_led(&[ROW1, &["2", "食品抽检合格率", "%", "95", "完成省下达任务"]]);
    text.push_str("\t三、强化质量提升\n\n");
    let p = read(&text);
    assert_eq!(
        names(&p),
        vec![(Some(1), "期末市场主体总量"), (Some(2), "食品抽检合格率")],
        "{:#?}",
        p
    );
    let heading = text.lines().position(|l| l.contains("三、强化")).unwrap() + 1;
    let warned = uncertain(&p);
    assert_eq!(warned.len(), 1, "{:#?}", p.diagnostics);
    assert_eq!(warned[0].line, Some(heading));
    // A complete last row followed by the same line is a table and a heading: no doubt.
    let mut text = tab_led(&[ROW1, ROW3]);
    text.push_str("\t三、强化质量提升\n\n");
    let p = read(&text);
    assert!(uncertain(&p).is_empty(), "{:#?}", p.diagnostics);
}

/// Found by the `table` fuzz target: in a tab-row table, text before the first row wrapped
/// onto a line without a tab (a bracket cell `〔` / `32〕`) is held with the text it wraps.
#[test]
fn text_before_the_first_row_wrapped_onto_its_own_line_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n\t\t\t〔\t\t\n32〕\n\t\t\t\t\t\n\n";
    let p = read(text);
    assert!(holds(&p, 5), "{:#?}", p);
}

/// Found by the `table` fuzz target: the last pipe row broken over two lines, its first of
/// only blank cells (which reads as a rule), is held with its second line.
#[test]
fn a_broken_last_pipe_row_of_blank_cells_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n| 序号 | 主要指标 | 指标单位 | 现状值 | 预期值 | 指标性质 |\n|---|---|---|---|---|---|\n|  | 食品抽检合格率 | 万户 | 42 | 42 |  |\n|  |  |  |  |  |\n约束性 |\n注：含分支机构\n";
    let p = read(text);
    assert_eq!(names(&p), vec![(None, "食品抽检合格率")], "{:#?}", p);
    assert!(holds(&p, 7), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a tab-led table, a block of tab-led lines as
/// many as a row's cells whose first reads as a heading has the shape of a row without
/// being one for sure: it stays text after the table, and a warning holds it.
#[test]
fn a_row_shaped_block_after_a_tab_led_table_is_named() {
    let mut text = tab_led(&[ROW1]);
    text.push_str("\n\t三、强化质量提升\n\t\n\t\n\tX\n\t\n\t\n\n");
    let p = read(&text);
    assert_eq!(names(&p), vec![(Some(1), "期末市场主体总量")], "{:#?}", p);
    let first = text.lines().position(|l| l.contains("三、强化")).unwrap() + 1;
    assert!((first..first + 6).all(|no| holds(&p, no)), "{:#?}", p);
    // The same heading over prose of another shape is only a heading.
    let mut text = tab_led(&[ROW1]);
    text.push_str("\n\t三、强化质量提升\n\t加强质量基础设施建设。\n\n");
    let p = read(&text);
    assert!(uncertain(&p).is_empty(), "{:#?}", p.diagnostics);
}

/// Found by the `table` fuzz target: an aligned header with no row read, then a note and
/// a numbered line of two cells: the line after the note is named by the header's
/// diagnostic, not lost.
#[test]
fn a_numbered_line_after_the_note_of_a_header_without_rows_is_named() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标            计量单位  2020年实现数  2025年目标数  指标属性\n      备注：2020年为实际数\n\n3     食品抽检合格率\n";
    let p = read(text);
    assert!(holds(&p, 6), "{:#?}", p);
}

/// Found by the `table` fuzz target: a tab-led table cut at a note-like cell, with a row's
/// worth of tab-led cells below it (one wrapped onto a line without a tab): the cells are
/// held by the warning, not lost.
#[test]
fn tab_led_cells_below_a_note_like_cell_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t编号\n\t具体指标\n\t单位\n\t2020年基数\n\t2025年目标\n\t性质\n\n\t\n\t\n\t\n\t≥X\n\t注：1.〔〕内为累计数。\n\t\n\n\t\n\t食品抽检合格率\n\t件\n\t≥\nX\n\t0.15及以下\n\t]]]]\n\n\n";
    let p = read(text);
    assert!((18..=23).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: a note-like cell right below a short last row, with
/// more tab-led cells after it: the warning holds them all.
#[test]
fn tab_led_cells_after_a_note_like_cell_below_a_short_row_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t主要指标\n\t指标单位\n\t现状值\n\t预期值\n\t指标性质\n\n\t|\n\t\n\t万户\n\t\n\t\n\t\n\n\t2\n\t\n\t\n\t注：1.〔〕内为累计数。\n\t53\n\t\n\n";
    let p = read(text);
    assert!((20..=22).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: a header without rows whose second line holds only a
/// header word (a label wrapped onto its own line) is one header, and the diagnostic that
/// it has no row holds both lines.
#[test]
fn a_header_without_rows_holds_its_wrapped_label_line() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  主要指标  指标单位  现状值  预期值  指标性质\n指标\n\n\n第三章 主要任务\n";
    let p = read(text);
    assert!(holds(&p, 4), "{:#?}", p);
}

/// Found by the `table` fuzz target: aligned rows that end in a number after a run of
/// spaces are rows, not entries of a table of contents (whose text is one title, or a
/// number and a title).
#[test]
fn aligned_rows_ending_in_a_number_are_not_a_table_of_contents() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  主要指标                指标单位  现状值  预期值  指标性质\n1     期末市场主体总量        万户              53\n2     产品质量监督抽查覆盖率  ‰        53      53\n6     期末市场主体总量        万户      42      42      约束性\n";
    let p = read(text);
    assert!(
        p.diagnostics
            .iter()
            .all(|d| d.kind != planalign::DiagnosticKind::ContentsSkipped),
        "{:#?}",
        p.diagnostics
    );
    assert!((4..=6).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: in a pipe table, an unnumbered line that opens with a
/// pipe is a row of its own (broken over the next line, without its pipe), not a fragment
/// of the row above, and the row below it is held.
#[test]
fn an_unnumbered_pipe_line_is_a_row_of_its_own() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n| 序号 | 主要指标 | 指标单位 | 现状值 | 预期值 | 指标性质 |\n|---|---|---|---|---|---|\n| 1 | 期末市场主体总量 | 万户 | 42 | 53 | 预期性 |\n|  | 食品抽检合格率 | % |\n95 | 98 |  |\n|  |  |  |  |  | 约束性 |\n";
    let p = read(text);
    assert_eq!(
        names(&p),
        vec![(Some(1), "期末市场主体总量"), (None, "食品抽检合格率")],
        "{:#?}",
        p
    );
    assert!((7..=8).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: before any numbered row, an aligned row numbered 3
/// after a heading-like line continues the table (the rows above lost their numbers).
#[test]
fn a_first_numbered_row_after_a_heading_like_line_is_held() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  主要指标  单位         基期值  规划值  属性\n                (            备注：2020年为实际数          ;\n                             （一）优化营商环境\n3               批次/千人年          ӓ\n注：含分支机构\n";
    let p = read(text);
    assert!(holds(&p, 6), "{:#?}", p);
}

/// Found by the `table` fuzz target: a tab-led header without rows, the lines below it
/// cells one per line with one wrapped onto a line without a tab: the header's diagnostic
/// holds them all.
#[test]
fn the_cells_below_a_tab_led_header_without_rows_are_held_past_a_wrapped_one() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n\t序号\n\t主要指标\n\t指标单位\n\t现状值\n\t预期值\n\t指标性质\n\n\t\n\t一、总体要求\n\t\n\t\n\t\n\t\n\n\t|\n\t\n\t\n\t[\n|\n\t\n\tn\n\n";
    let p = read(text);
    assert!((16..=23).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a Markdown table's delimiter row, a line of
/// header words (第二节 发展目标 reads as 目标) is a row, not more header.
#[test]
fn no_line_below_a_pipe_delimiter_row_is_header() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n| 序号 | 主要指标 | 指标单位 | 现状值 | 预期值 | 指标性质 |\n|---|---|---|---|---|---|\n|  |  |  |  | 第二节 发展目标 |  |\n|  |  |  |  |  |  |\n| 3 | 期末市场主体总量 | 万户 | 42 | 42 | 约束性 |\n";
    let p = read(text);
    assert!(holds(&p, 5), "{:#?}", p);
    assert_eq!(p.value.tables[0].header.last, 3, "{:#?}", p.value.tables);
}

/// Found by the `table` fuzz target: below an aligned header, a line whose one cell holds
/// a header word among letters and stray digits (UU2基期UUN) is not the header wrapped onto
/// a second line: a real wrapped label has no Latin letters and only years for digits.
#[test]
fn a_cell_holding_a_header_word_among_letters_is_not_more_header() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位    2020年  2025年  属性\n                        UU2基期UUN\n\n1     期末市场主体总量  万户    42      53      预期性\n";
    let p = read(text);
    assert_eq!(p.value.tables[0].header.last, 3, "{:#?}", p.value.tables);
    assert!(holds(&p, 4), "{:#?}", p);
}

/// Found by the `table` fuzz target: an aligned header without rows, then a heading-like
/// line (a cell that ended the reading), then a line of aligned cells: the header's
/// diagnostic names the aligned line too.
#[test]
fn aligned_cells_past_a_heading_below_a_header_without_rows_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  指标名称  单位  2020年  2025年   属性\n                      第三章 主要任务\n                      一、总体要求  uuuuuuu  {{{\n备注：2020年为实际数\n注：\n注：\n\n第三章 主要任务\n持续优化营商环境，激发市场主体活力。\n";
    let p = read(text);
    assert!(holds(&p, 8), "{:#?}", p);
}

/// Found by the `table` fuzz target: an aligned header without rows, notes, then a line of
/// two cells apart without a row number (a row short of cells): the header's diagnostic
/// names it.
#[test]
fn two_aligned_cells_below_a_header_without_rows_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  主要指标            单位  基期值  规划值  属性\n                                                说明：数据来源于统计公报\n                                                资料来源：市统计局\n      特种设备万台死亡率  件\n";
    let p = read(text);
    assert!(holds(&p, 9), "{:#?}", p);
}

/// Found by the `table` fuzz target: an aligned header without rows, a heading-like line,
/// a wrapped cell alone on its line, then two aligned cells and a note: the header's
/// diagnostic names every line down to the blank line.
#[test]
fn the_lines_right_below_a_header_without_rows_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号        指标名称  单位  2020年  2025年      属性\n                                                （一）优化营商环境\neeeeeeeeee\n                            印发    0.15及以下\n注：含分支机构\n";
    let p = read(text);
    assert!((7..=9).all(|no| holds(&p, no)), "{:#?}", p);
}

/// A blank qualifier cell (a row whose name spans the qualifier column of the rows that
/// have one, as a Word table lays it out around a split cell) qualifies nothing.
#[test]
fn a_blank_qualifier_cell_is_no_qualifier() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n1\t每万人发明专利拥有量\t\t件\t8\t10\t预期性\n2\t知识产权质押融资额\t其中：中小企业\t亿元\t5\t8\t预期性\n";
    let p = read(text);
    assert_eq!(p.value.indicators.len(), 2, "{:#?}", p);
    assert_eq!(
        p.value.indicators[0].qualifier, None,
        "{:#?}",
        p.value.indicators
    );
}

/// Found by the `table` fuzz target: below a complete header (name, baseline, target,
/// attribute), a line of header words that names no value column (指标  名称) is a row
/// short of cells, not the header wrapped; its line is held.
#[test]
fn header_words_below_a_complete_header_are_a_row() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  主要指标          指标单位  现状值  预期值  指标性质\n                        指标              名称\n2     期末市场主体总量  万户      42      42      约束性\n";
    let p = read(text);
    assert_eq!(p.value.tables[0].header.last, 6, "{:#?}", p.value.tables);
    assert!(holds(&p, 7), "{:#?}", p);
}

/// Found by the `table` fuzz target: an aligned row short of cells, a note-like cell in
/// its baseline column that ends the table, a blank line, then the row's last cells: a
/// warning names them.
#[test]
fn aligned_cells_after_a_tables_notes_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  主要指标                指标单位  现状值  预期值  指标性质\n1     产品质量监督抽查覆盖率  %\n                                        注：含分支机构\n\n                                        5       53\n                                        3\n";
    let p = read(text);
    assert!((10..=11).all(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: a short line right below a table's notes that reads as
/// a cell (no sentence, no heading) is named by a warning, not read as text unsaid.
#[test]
fn a_cell_like_line_right_below_a_tables_notes_is_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  指标名称  单位  2020年  2025年  属性\n\n2     注：1.〔〕内为累计数。\n      注：1.〔〕内为累计数。\n                /H\n";
    let p = read(text);
    assert!(holds(&p, 10), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a header without rows, a note-like cell, a
/// blank line and a cell alone (约束性): the header's diagnostic names the lines down to
/// prose or two blank lines.
#[test]
fn cells_past_a_blank_line_below_a_header_without_rows_are_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  指标名称  单位  2020年  2025年  属性\n                                      注：1.〔〕内为累计数。\n\n                                      约束性\n";
    let p = read(text);
    assert!(holds(&p, 9), "{:#?}", p);
}

/// Below a last row short of cells, the lines that may be its cells past a note-like line
/// and a blank line are named by a warning; below a complete last row they are not.
#[test]
fn cells_past_a_blank_line_below_a_short_last_row_are_named() {
    let head = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位  2020年  2025年  属性\n";
    let short = format!(
        "{head}1     期末市场主体总量  万户  42\n      注：1.〔〕内为累计数。\n\n                              53      约束性\n"
    );
    let p = read(&short);
    assert!(holds(&p, 7), "{:#?}", p);
    let complete = format!(
        "{head}1     期末市场主体总量  万户  42      53      约束性\n      注：1.〔〕内为累计数。\n\n专栏\n"
    );
    let p = read(&complete);
    assert!(
        !p.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::TableEndUncertain),
        "{:#?}",
        p.diagnostics
    );
}

/// Found by the `table` fuzz target: a long sentence-like line right below a last row
/// short of cells may be its wrapped cell: a warning names it.
#[test]
fn a_long_line_right_below_a_short_last_row_is_named() {
    let long = "产品质量监督抽查覆盖率。".repeat(9);
    let text = format!(
        "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  主要指标                指标单位  现状值  预期值  指标性质\n2     期末市场主体总量  户        42\n      {long}\n\n"
    );
    let p = read(&text);
    assert!(holds(&p, 5), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a header without rows, a long sentence-like
/// line (a long cell) is named by the header's diagnostic too: the block ends at two blank
/// lines, not at prose.
#[test]
fn a_long_line_below_a_header_without_rows_is_named() {
    let long = "〔25.2〕。".repeat(9);
    let text = format!(
        "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称  单位  2020年    2025年  属性\n                      。。。。。\n                      {long}\n\n"
    );
    let p = read(&text);
    assert!(holds(&p, 5), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a header without rows, note-like lines, three
/// blank lines and a cell alone under the 属性 column. A lone cell under a column other
/// than the first is in the table's layout however many blank lines stand above it.
#[test]
fn a_lone_cell_under_a_column_past_blank_lines_is_named() {
    let head = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  指标名称  单位  2020年  2025年  属性\n";
    let lone = "                                      约束性\n";
    let without_rows = format!(
        "{head}      备注：2020年为实际数                42\n      备注：2020年为实际数\n\n\n\n{lone}"
    );
    let p = read(&without_rows);
    assert!(holds(&p, 12), "{:#?}", p);
    let with_rows = format!(
        "{head}1     期末市场主体总量  万户  42      53      预期性\n\n\n\n{lone}\n第三章 主要任务\n持续优化营商环境，激发市场主体活力。\n"
    );
    let p = read(&with_rows);
    assert_eq!(names(&p), vec![(Some(1), "期末市场主体总量")]);
    assert!(holds(&p, 11), "{:#?}", p);
    assert_eq!(uncertain(&p).len(), 1, "{:#?}", p.diagnostics);
}

/// Text after an aligned table, at the left margin or indented as prose, carries no mark of
/// its layout: no warning.
#[test]
fn prose_and_headings_after_an_aligned_table_are_text() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位  2020年  2025年  属性\n1     期末市场主体总量  万户  42      53      预期性\n\n\n                    第三章  主要任务\n\n专栏\n　　持续优化营商环境，激发市场主体活力，推动市场监管现代化水平明显提升。\n";
    let p = read(text);
    assert!(uncertain(&p).is_empty(), "{:#?}", p.diagnostics);
}

/// Found by the `table` fuzz target: below a complete header, a line whose one cell is a
/// baseline word (基期) under the name column is a row's cell, not the header's next line:
/// a value word continues the header only under a value column (or a blank cell above).
#[test]
fn a_value_word_under_the_name_column_is_not_the_header() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  指标名称            单位  2020年  2025年  属性\n      基期\n                                /       预期\n3     “明厨亮灶”覆盖率  ‰    /       预期\n";
    let p = read(text);
    assert!(holds(&p, 7), "{:#?}", p);
    // Under the value columns the same word continues the header.
    let two_lines = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位  2020年  2025年  属性\n                              基期    目标\n1     期末市场主体总量  万户  42      53      预期性\n";
    let p = read(two_lines);
    assert_eq!(names(&p), vec![(Some(1), "期末市场主体总量")]);
    assert_eq!(p.value.tables[0].header.last, 4);
}

/// Found by the `table` fuzz target: a tab row whose one cell is heading-like (第二节 …),
/// then a row without a name: both are named.
#[test]
fn a_heading_like_tab_row_before_a_row_without_a_name_is_named() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号\t指标\t计量单位\t2020年实现数\t2025年目标数\t指标属性\n\t\t\t第二节 发展目标\t\t\n\t\t个工作日\t〈5〉\t〔32〕\t预期性\n\t\t\t\t\t\n\n";
    let p = read(text);
    assert!(holds(&p, 7), "{:#?}", p);
}

/// The preamble of the `table` fuzz target's documents (5 lines).
const FUZZ_PREAMBLE: &str = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n";

/// Found together by the `table` fuzz target (fork mode), each with the lines it lost:
/// - a heading-like, note-like or long cell line (第三章 …, 三、…, 注：…) right below a
///   tab-led row's last cell or a blank line below it, with the cells after it;
/// - a year-like cell past a blank line below a whole header that has its two years
///   (]]2025 below 2020年基数 | 2025年目标), or a value word under a column that already
///   says it (目标 under 2025年目标), folded into the header;
/// - an aligned line whose first cell reads as a heading (三、强化质量提升) with cells after
///   it, or a lone cell under a column right below a line of prose (a long cell);
/// - a tab row past a short line without a tab and a blank line.
#[test]
fn fuzz_found_table_endings_are_named() {
    let cases: &[(&str, &[usize])] = &[
        (
            "\t编号\n\t具体指标\n\t单位\n\t2020年基数\n\t2025年目标\n\t性质\n\n\t]]2025\n\t特种设备万台死亡率\n\t]]]]]]]]{{{{\n\tS\n\t42\n\t约束性\n\n",
            &[13],
        ),
        (
            "\t序号\n\t主要指标\n\t单位\n\t基期值\n\t规划值\n\t属性\n\n\t1\n\t\n\t\n\t\n\t\n\t约束性\n\n\t\n\t\n\t\n\t\n\t\n\t\n\n\t\n\t\n\t（一）优化营商环境\n\t\n\t\n\t\n\n",
            &[29],
        ),
        (
            "\t序号\n\t指标名称\n\t单位\n\t2020年\n\t2025年\n\t属性\n\n\t1\n\t户\n\t53\n\t53\n\t预期性\n\n\t\n\t每千人拥有企业数\n\t‰\n\t\n\n\t\n\t\n\n\t\n\t\n\n\t万户\n\t\n\t\n\t预期性\n\n\t4\n\t户\n\t完成省下达任务\n\t\n\t预期性\n\n\t\n\t\n\t\n\t\n\t\n\t三、强化质量提升\n\n",
            &[46],
        ),
        (
            "\t序号\n\t指标名称\n\t单位\n\t2020年\n\t2025年\n\t属性\n\n\t\n\t\n\t螞\n\t\n\t\n\t预期性\n\n\t\n\t\n\t注：1.〔〕内为累计数。\n\t42\n\t≥90\n\t\n\n",
            &[23, 24],
        ),
        (
            "\t编号\n\t具体指标\n\t单位\n\t2020年基数\n\t2025年目标\n\t性质\n\n\t\n\t“明厨亮灶”覆盖率\n\t天\n\t三、强化质量提升\n\t([\n\t\n\n\t\n\t\n\t个工作日\n\t\n\t\n\t\n\n\t\n\t\n\t\n\t\n\t\n\t说明：数据来源于统计公报\n\n\t4\n\t\n\t批次/千人年\n\t\n\t\n\t约束性\n\n\t\n\t\n\t\n\t第三章 主要任务\n\t\n\t\n\n",
            &[44],
        ),
        (
            "\t序号\n\t主要指标\n\t单位\n\t基期值\n\t规划值\n\t属性\n\n\t\n\t\n\t户\n\t\n\t≥95%\n\t预期\n\n\n\t\n\t\n\t\n\t\n\t三、强化质量提升\n\t\n\n注：含分支机构\n",
            &[25],
        ),
        (
            "\t序号\n\t主要指标\n\t指标单位\n\t现状值\n\t预期值\n\t指标性质\n\n\t\n\t\n\t\n\t\n\t\n\n\t\n\t\n\t\n\t\n\t\n\t\n\n\t3\n\t\n\t\n\t\n\t\n\t\n\n\t\n\t\n\t\n\t\n\t\n\t约束性\n\n\t\n\t\n\t\n\t第二节 发展目标\n\t\n\t\n\n注：含分支机构\n",
            &[43],
        ),
        (
            "序号  主要指标        单位         基期值  规划值  属性\n                      (            备注：2020年为实际数  〔32〕  约束性指标\n                                   备注：2020年为实际数\n三、强化质量提升  食品抽检合格率  批次/千人年\n",
            &[9],
        ),
        (
            "\t序号\n\t主要指标\n\t单位\n\t基期值\n\t规划值\n\t属性\n\n\t\n\tyyyyyyyyyy\n\t\n\n\tXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXRAXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n\t\n\t\n\n",
            &[17],
        ),
        (
            "编号  具体指标  单位  2020年基数  2025年目标  性质\n                                  目标\n2               甲                            p乙\n",
            &[7],
        ),
        (
            "序号  主要指标  指标单位  现状值  预期值  指标性质\n\n\nU۲U。U۲U。U۲U。U۲U。U۲U。U۲U。U۲U。U۲U。U۲U。\n                                          约束性\n",
            &[10],
        ),
        (
            "序号\t指标\t计量单位\t2020年实现数\t2025年目标数\t指标属性\n\t\t\t\t\t\n2\t\t\t\t\t\n\t\t\t}}}?\t53\t预期\n?\n\t“明厨亮灶”覆盖率\t/Ou\t\t\n\t每千人拥有企业数\t‰\t/\t\t\n\n6\t\t\t\t\t\n\n",
            &[14],
        ),
    ];
    for (body, lost) in cases {
        let text = format!("{FUZZ_PREAMBLE}{body}");
        let p = read(&text);
        for &no in *lost {
            assert!(holds(&p, no), "line {no} of {text:?}: {:#?}", p);
        }
    }
}

/// Found by the `table` fuzz target: in aligned columns, a long cell wrapped onto a line
/// of its own at the left margin after the last row, with the table's note right below it,
/// ended the table there and was read as a paragraph. A line between the last row and the
/// table's note is the table's: it is named.
#[test]
fn a_long_line_between_the_last_aligned_row_and_the_note_is_named() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位  2020年  2025年  属性\n1     期末市场主体总量  万户  42      53      预期性\n2     食品抽检合格率    %     95      98      约束性\n含个体工商户和农民专业合作社以及各类分支机构等市场主体在内的全部登记注册主体数量按年末实有数统计并经核实后汇总形成的数据结果口径与上年保持一致并按季度更新同步公开\n注：〔〕内为累计数。\n";
    let p = read(text);
    assert_eq!(
        names(&p),
        vec![(Some(1), "期末市场主体总量"), (Some(2), "食品抽检合格率")],
        "{:#?}",
        p
    );
    assert!(holds(&p, 6), "{:#?}", p);
}

/// The rule above stops at prose that no note follows: a paragraph after the last row
/// ends the table without a word.
#[test]
fn a_long_line_after_the_last_aligned_row_without_a_note_ends_the_table() {
    let text = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号  指标名称          单位  2020年  2025年  属性\n1     期末市场主体总量  万户  42      53      预期性\n2     食品抽检合格率    %     95      98      约束性\n含个体工商户和农民专业合作社以及各类分支机构等市场主体在内的全部登记注册主体数量按年末实有数统计并经核实后汇总形成的数据结果口径与上年保持一致并按季度更新同步公开\n第三章 主要任务\n";
    let p = parse(text);
    assert_eq!(uncertain(&p).len(), 0, "{:#?}", p.diagnostics);
}

/// Found by the `table` fuzz target: below a whole tab-led header and a blank line, a
/// first row whose first cell holds a year among other marks (`:ᛛ??2025年`) was taken for a
/// second header row of years, and the row's cell was lost. A year label's other
/// characters are the words of a label (目标值, 基数), not any marks.
#[test]
fn a_cell_holding_a_year_among_marks_is_no_header_year() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n\t序号\n\t主要指标\n\t单位\n\t基期值\n\t规划值\n\t属性\n\n\t:ᛛ??2025年\n\t\n\t\n\t42\n\t\n\t\n\n";
    let p = read(text);
    assert!(holds(&p, 13), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a whole tab-led header without years and a blank
/// line, a first row whose first cell is a year (2025年) was taken for a second header row
/// of years, and the cell was lost. A second header row gives its years together: a first
/// year with a row's text after it is the row's.
#[test]
fn a_lone_year_before_a_row_below_a_whole_header_is_the_rows() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n\t序号\n\t主要指标\n\t单位\n\t基期值\n\t规划值\n\t属性\n\n\t2025年\n\t期末市场主体总量\n\t万户\n\t42\n\t42\n\t约束性\n\n";
    let p = read(text);
    assert!(holds(&p, 13), "{:#?}", p);
}

/// Found by the `table` fuzz target at 3b0dbae (17,576 executions): below a header padded
/// far to the right and two blank lines, a bracketed value alone under a column, and right
/// below it a long text at the left margin. The lone cell is named as possibly a row; so is
/// the line right below it, the rest of the same row.
#[test]
fn the_line_right_below_a_lone_cell_under_a_header_without_rows_is_named() {
    let header = format!("序号{}指标名称  单位  2020年  2025年  属性", " ".repeat(80));
    let lone = format!("{}〔32〕", " ".repeat(110));
    let long = "q".repeat(84);
    let text = format!(
        "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n示例市“十四五”市场监管主要指标表\n\n{header}\n\n\n{lone}\n{long}\n\n第三章 主要任务\n"
    );
    let p = read(&text);
    assert!(holds(&p, 9), "{:#?}", p);
    assert!(holds(&p, 10), "{:#?}", p);
}

/// The table fuzz target at 240f3a6 (147,109 executions) found a tab-led row whose first
/// cell read `-2 -`, taken for a page number and dropped with no word: a tab-led line is a
/// cell, never a page number.
#[test]
fn a_tab_led_cell_like_a_page_number_is_a_cell() {
    let text =
        format!("{TITLE}{TAB_LED_HEADER}\n\t-2 -\n\tcmc -\n\t万户\n\t42\n\t42\n\t约束性\n\n");
    let p = read(&text);
    let line = text.lines().position(|l| l == "\t-2 -").map(|k| k + 1);
    assert!(line.is_some_and(|no| holds(&p, no)), "{:#?}", p);
}

/// Found by the `table` fuzz target: below a complete aligned header and two blank lines,
/// a lone cell holding a target word (展目标) under a year column was taken for the header's
/// labels wrapped onto its next line. Its line was held by nothing, and the header, a
/// target column added after the attribute, misread the row below (attribute "42"). A
/// header's labels wrap right below it: past a blank line the cell is a row's text.
#[test]
fn a_label_like_cell_past_blank_lines_below_a_complete_header_is_no_header() {
    let text = format!(
        "{FUZZ_PREAMBLE}序号  指标名称          单位  2020年  2025年  属性\n\n\n{}展目标\n      期末市场主体总量  万户  42      42      约束性\n",
        " ".repeat(30)
    );
    let p = read(&text);
    assert!(holds(&p, 9), "{:#?}", p);
    assert_eq!(p.value.tables[0].header.last, 6, "{:#?}", p.value.tables);
    let row = &p.value.indicators[..];
    assert_eq!(row.len(), 1, "{:#?}", p);
    assert_eq!(row[0].name, "期末市场主体总量");
    assert_eq!(row[0].unit.as_ref().map(Unit::raw), Some("万户"));
    assert_eq!(row[0].baseline.raw(), "42");
    assert_eq!(row[0].target.raw(), "42");
    assert_eq!(row[0].attribute, Some(planalign::Attribute::Binding));
}

/// An aligned header over two lines, its labels (基期, 目标) under its years: each label
/// joins the column above it. They were appended after the first line's cells, so the
/// columns read 序号, 名称, 单位, 属性, 基期, 目标 and the row's baseline went to the
/// attribute ("42" is neither binding nor expected), its target to the baseline, its
/// attribute to the target. Years under labels read as before.
#[test]
fn labels_on_an_aligned_header_s_second_line_join_the_columns_above() {
    let head = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n";
    let row = "1     期末市场主体总量  万户  42      53      预期性\n";
    for header in [
        "序号  指标名称          单位  2020年  2025年  属性\n                              基期    目标\n",
        "序号  指标名称          单位  基期值  目标值  属性\n                              2020年  2025年\n",
    ] {
        let p = read(&format!("{head}{header}{row}"));
        assert!(
            p.diagnostics.iter().all(|d| d.severity == Severity::Info),
            "{header}\n{:#?}",
            p.diagnostics
        );
        let rows = &p.value.indicators;
        assert_eq!(rows.len(), 1, "{header}\n{:#?}", p);
        assert_eq!(rows[0].baseline.raw(), "42", "{header}");
        assert_eq!(rows[0].target.raw(), "53", "{header}");
        assert_eq!(
            rows[0].attribute,
            Some(planalign::Attribute::Expected),
            "{header}"
        );
        assert_eq!(p.value.tables[0].header.last, 4, "{header}");
    }
}

/// Found by the `table` fuzz target: below a complete tab header, a line whose one cell
/// is a value word run into stray marks (基准)`; under 2020年) was read as the header's
/// next line, so the row's line was held by nothing and the header's columns shifted. A
/// header label is made of label characters: words, years, brackets that close, 〔%〕.
#[test]
fn a_value_word_run_into_stray_marks_is_no_header_label() {
    let text = format!(
        "{FUZZ_PREAMBLE}序号\t指标名称\t单位\t2020年\t2025年\t属性\n\t\t\t基准)`;\t\t\n\t期末市场主体总量\t万户\t42\t42\t约束性\n"
    );
    let p = read(&text);
    assert!(holds(&p, 7), "{:#?}", p);
    assert_eq!(p.value.tables[0].header.last, 6, "{:#?}", p.value.tables[0]);
    // A label in brackets that close still continues the header.
    let bracketed = format!(
        "{FUZZ_PREAMBLE}序号\t指标名称\t单位\t2020年\t2025年\t属性\n\t\t\t(基期)\t(目标)\t\n1\t期末市场主体总量\t万户\t42\t53\t约束性\n"
    );
    let p = read(&bracketed);
    assert_eq!(p.value.tables[0].header.last, 7, "{:#?}", p.value.tables[0]);
    assert_eq!(names(&p), vec![(Some(1), "期末市场主体总量")]);
}

/// Found by the `table` fuzz target: a lone year below a value column of a complete
/// aligned header (`2025` under 基期值) is taken into the header, which names no other
/// year; the year was read as neither the baseline's nor the target's, and its line held
/// by nothing. A header naming one year is told, over the header's lines.
#[test]
fn a_header_naming_one_year_is_told() {
    let text = "示例市市场监管现代化“十四五”规划\n\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n示例市“十四五”市场监管主要指标表\n序号  主要指标  单位  基期值  规划值  属性\n                      2025\n2     '         户    〔32〕  42      约束性\n";
    let p = read(text);
    assert!(holds(&p, 7), "{:#?}", p);
    // Held by the warning that tells the lone year, not by some other diagnostic.
    let told_over_7 = p.diagnostics.iter().any(|d| {
        d.kind == DiagnosticKind::HeaderYearAlone && d.lines().is_some_and(|r| r.contains(7))
    });
    assert!(told_over_7, "{:#?}", p.diagnostics);
    let t = &p.value.tables[0];
    assert_eq!((t.baseline_year, t.target_year), (None, None));
    // The same in one header line: 基期值（2020年） beside a target column without a year.
    let one_line = "示例市市场监管现代化“十四五”规划\n示例市“十四五”市场监管主要指标表\n序号\t主要指标\t单位\t基期值（2020年）\t目标值\t属性\n1\t企业数量\t户\t40\t42\t约束性\n";
    let p = read(one_line);
    let told = p
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::HeaderYearAlone && d.line == Some(3));
    assert!(told, "{:#?}", p.diagnostics);
    assert_eq!(p.value.indicators.len(), 1);
}

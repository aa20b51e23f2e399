//! Generators and oracles shared by the fuzz targets.
//!
//! [`TableDoc`] is a table-shaped document drawn by `arbitrary`: a title, a caption, a
//! header in one of four layouts, rows of realistic and arbitrary cells with the mutations
//! that lost rows in the past (issue 10), notes and a chapter after the table. Rendering
//! it records which lines each row wrote, so that the accounting oracle
//! ([`unaccounted`]) can ask the parser for every one of them.

use arbitrary::Arbitrary;
use planalign::{Diagnostic, Plan};

/// How a table is laid out.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One line per row, cells separated by tabs: `1\t期末市场主体总量\t万户\t42\t53\t预期性`.
    TabRows,
    /// Word exports: one cell per line, each led by a tab, a blank line after each row.
    TabLed,
    /// Markdown pipes, with a rule under the header.
    Pipes,
    /// `pdftotext -layout`: columns aligned with spaces.
    Aligned,
}

/// A table-shaped document.
#[derive(Arbitrary, Debug)]
pub struct TableDoc {
    /// The layout of the header and the rows.
    pub layout: Layout,
    /// Which header words (an index into the header pool).
    pub header: u8,
    /// The rows, at most [`MAX_ROWS`] of them.
    pub rows: Vec<Row>,
    /// Notes under the table (`注：…`), at most three.
    pub notes: Vec<Cell>,
    /// Whether a chapter heading and a paragraph follow the table.
    pub tail: bool,
}

/// The most rows a document renders.
pub const MAX_ROWS: usize = 40;

/// The longest arbitrary cell, in chars.
const MAX_CELL: usize = 120;

/// One row: sequence number, name, unit, baseline, target, attribute.
#[derive(Arbitrary, Debug)]
pub struct Row {
    /// The six cells, in column order.
    pub cells: [Cell; 6],
    /// What is done to the row, if anything.
    pub mutation: Option<Mutation>,
}

/// One cell.
#[derive(Arbitrary, Debug)]
pub enum Cell {
    /// A realistic cell for its column (an index into the column's pool; the sequence
    /// column counts the rows).
    Pool(u8),
    /// Any text, with line breaks, tabs and invisible characters taken out.
    Text(String),
    /// An empty cell.
    Blank,
}

/// What a row's rendering does, of what has lost rows before.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Mutation {
    /// A blank line inside the row (after a cell; inside a wrapped cell).
    BlankLineInside {
        /// After which cell (mod 6).
        after: u8,
    },
    /// A cell left out.
    MissingCell {
        /// Which (mod 6).
        column: u8,
    },
    /// A cell that reads as a heading (三、…, （一）…, 第三章 …).
    HeadingLike {
        /// Which cell (mod 6).
        column: u8,
        /// Which heading (mod the pool).
        which: u8,
    },
    /// A cell that reads as a note opener (注：…, 说明：…, 备注 …).
    NoteLike {
        /// Which cell (mod 6).
        column: u8,
        /// Which note (mod the pool).
        which: u8,
    },
    /// A long cell: the name repeated, with or without a sentence end.
    LongCell {
        /// Which cell (mod 6).
        column: u8,
        /// How many times more (mod 8).
        repeat: u8,
        /// Whether the repeats are sentences (。).
        sentence: bool,
    },
    /// A cell wrapped onto the next line.
    Wrapped {
        /// Which cell (mod 6).
        column: u8,
        /// At which char (mod its length).
        at: u8,
    },
}

const HEADERS: &[[&str; 6]] = &[
    ["序号", "指标名称", "单位", "2020年", "2025年", "属性"],
    ["序号", "主要指标", "单位", "基期值", "规划值", "属性"],
    [
        "序号",
        "指标",
        "计量单位",
        "2020年实现数",
        "2025年目标数",
        "指标属性",
    ],
    [
        "编号",
        "具体指标",
        "单位",
        "2020年基数",
        "2025年目标",
        "性质",
    ],
    [
        "序号",
        "主要指标",
        "指标单位",
        "现状值",
        "预期值",
        "指标性质",
    ],
];

const NAMES: &[&str] = &[
    "期末市场主体总量",
    "每千人拥有企业数",
    "食品抽检合格率",
    "“明厨亮灶”覆盖率",
    "药品抽检合格率",
    "每万人口高价值发明专利拥有量",
    "食品检验量",
    "产品质量监督抽查覆盖率",
    "重点工业产品质量合格率",
    "特种设备万台死亡率",
    "主导或参与制修订标准数",
    "企业开办时间",
];

const UNITS: &[&str] = &[
    "万户",
    "户",
    "%",
    "批次/千人年",
    "件",
    "项",
    "个工作日",
    "天",
    "‰",
    "人/万台",
    "",
];

const VALUES: &[&str] = &[
    "42",
    "53",
    "〔25.2〕",
    "〔32〕",
    "≥90",
    "≥95%",
    "98.5",
    "X",
    "≥X",
    "/",
    "—",
    "3.5万",
    "90%–95%",
    "完成省下达任务",
    "0.15及以下",
    "约90",
    "〈5〉",
    "",
];

const ATTRIBUTES: &[&str] = &["约束性", "预期性", "约束性指标", "预期", ""];

const HEADINGS: &[&str] = &[
    "三、强化质量提升",
    "（一）优化营商环境",
    "第三章 主要任务",
    "一、总体要求",
    "第二节 发展目标",
];

const NOTES: &[&str] = &[
    "注：含分支机构",
    "说明：数据来源于统计公报",
    "备注：2020年为实际数",
    "注：1.〔〕内为累计数。",
    "资料来源：市统计局",
];

/// The words of a header's value columns, as the crate's lexicon has them
/// (`baseline_in_header`, `target_in_header` in data/lexicon.toml).
fn value_words() -> &'static [&'static str] {
    const LEXICON: &str = include_str!("../../data/lexicon.toml");
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        LEXICON
            .lines()
            .filter(|l| l.starts_with("baseline_in_header") || l.starts_with("target_in_header"))
            .filter_map(|l| l.split_once('['))
            .flat_map(|(_, list)| list.trim_end_matches(']').split(','))
            .map(|w| w.trim().trim_matches('"'))
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Whether a cell reads as a value column's label: a value word (目标, 基期值) or a year
/// (2025年), with no Latin letter and no digits but a four-digit year.
fn value_label(cell: &str) -> bool {
    let year = cell.contains('年')
        && cell
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 4);
    !cell.chars().any(|c| c.is_ascii_alphabetic())
        && cell
            .split(|c: char| !c.is_ascii_digit())
            .all(|run| run.is_empty() || run.len() == 4)
        && (year || value_words().iter().any(|w| cell.contains(w)))
}

/// A rendered document and the lines each row wrote.
#[derive(Debug)]
pub struct Rendered {
    /// The document's text.
    pub text: String,
    /// For each row, the 1-based numbers of the non-blank lines it wrote.
    pub row_lines: Vec<Vec<usize>>,
}

/// Lines being written, counted from 1.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    /// The number of the header's last line.
    header_end: usize,
    /// The number of the last heading or note line a row wrote as such (0: none).
    stop_line: usize,
}

impl Lines {
    /// Writes a line; its number.
    fn push(&mut self, line: impl Into<String>) -> usize {
        self.lines.push(line.into());
        self.lines.len()
    }

    /// Writes a line of a row, recording its number when it holds something: a letter or a
    /// digit (a line of only separators, `|  |  |`, holds no cell text to lose, as the
    /// reader's own accounting says).
    fn row(&mut self, line: impl Into<String>, record: &mut Vec<usize>) {
        let line = line.into();
        let blank = !line.chars().any(char::is_alphanumeric);
        let n = self.push(line);
        if !blank {
            record.push(n);
        }
    }
}

impl TableDoc {
    /// The document as text, with the lines of each row.
    pub fn render(&self) -> Rendered {
        let mut out = Lines::default();
        out.push("示例市市场监管现代化“十四五”规划");
        out.push("");
        out.push("第二章 发展目标");
        out.push("到2025年，市场监管现代化水平明显提升。");
        out.push("示例市“十四五”市场监管主要指标表");
        let header = HEADERS[usize::from(self.header) % HEADERS.len()];
        let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .take(MAX_ROWS)
            .enumerate()
            .map(|(k, r)| r.texts(k, self.layout))
            .collect();
        let widths = column_widths(&header, &rows);
        self.header_lines(&header, &widths, &mut out);
        out.header_end = out.lines.len();
        let mut row_lines = Vec::new();
        for (row, cells) in self.rows.iter().zip(&rows) {
            let mut record = Vec::new();
            self.row_lines(row.mutation, cells.clone(), &widths, &mut out, &mut record);
            row_lines.push(record);
        }
        for note in self.notes.iter().take(3) {
            let text = match note {
                Cell::Pool(k) => NOTES[usize::from(*k) % NOTES.len()].to_string(),
                Cell::Text(s) => format!("注：{}", clean(s, self.layout)),
                Cell::Blank => continue,
            };
            out.push(text);
        }
        if self.tail {
            out.push("");
            out.push("第三章 主要任务");
            out.push("持续优化营商环境，激发市场主体活力。");
        }
        let mut text = out.lines.join("\n");
        text.push('\n');
        Rendered { text, row_lines }
    }

    fn header_lines(&self, header: &[String], widths: &[usize], out: &mut Lines) {
        match self.layout {
            Layout::TabRows => {
                out.push(header.join("\t"));
            }
            Layout::TabLed => {
                for h in header {
                    out.push(format!("\t{h}"));
                }
                out.push("");
            }
            Layout::Pipes => {
                out.push(pipe_line(header, true, true));
                out.push(format!("|{}", "---|".repeat(header.len())));
            }
            Layout::Aligned => {
                out.push(aligned(header, widths));
            }
        }
    }

    /// Writes one row's lines, mutated.
    fn row_lines(
        &self,
        mutation: Option<Mutation>,
        mut cells: Vec<String>,
        widths: &[usize],
        out: &mut Lines,
        record: &mut Vec<usize>,
    ) {
        let mut wrap: Option<(usize, String)> = None;
        let mut blank_after: Option<usize> = None;
        let mut missing: Option<usize> = None;
        match mutation {
            None => {}
            Some(Mutation::BlankLineInside { after }) => blank_after = Some(usize::from(after) % 6),
            Some(Mutation::MissingCell { column }) => missing = Some(usize::from(column) % 6),
            Some(Mutation::HeadingLike { column, which }) => {
                cells[usize::from(column) % 6] =
                    HEADINGS[usize::from(which) % HEADINGS.len()].to_string();
            }
            Some(Mutation::NoteLike { column, which }) => {
                cells[usize::from(column) % 6] =
                    NOTES[usize::from(which) % NOTES.len()].to_string();
            }
            Some(Mutation::LongCell {
                column,
                repeat,
                sentence,
            }) => {
                let k = usize::from(column) % 6;
                let unit = if sentence {
                    format!("{}。", cells[k])
                } else {
                    cells[k].clone()
                };
                cells[k] = unit.repeat(2 + usize::from(repeat) % 8);
            }
            Some(Mutation::Wrapped { column, at }) => {
                let k = usize::from(column) % 6;
                let chars: Vec<char> = cells[k].chars().collect();
                if chars.len() >= 2 {
                    let at = 1 + usize::from(at) % (chars.len() - 1);
                    cells[k] = chars[..at].iter().collect();
                    wrap = Some((k, chars[at..].iter().collect()));
                }
            }
        }
        match self.layout {
            Layout::TabRows => {
                let line: Vec<&str> = cells
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| Some(*k) != missing)
                    .map(|(_, c)| c.as_str())
                    .collect();
                out.row(line.join("\t"), record);
                if blank_after.is_some() && wrap.is_some() {
                    out.push("");
                }
                if let Some((_, rest)) = wrap {
                    out.row(rest, record);
                }
                if blank_after.is_some() {
                    out.push("");
                }
            }
            Layout::TabLed => {
                for (k, c) in cells.iter().enumerate() {
                    if Some(k) == missing {
                        continue;
                    }
                    out.row(format!("\t{c}"), record);
                    if let Some((_, rest)) = wrap.as_ref().filter(|(w, _)| *w == k) {
                        if blank_after == Some(k) {
                            out.push("");
                        }
                        out.row(rest.clone(), record);
                    } else if blank_after == Some(k) {
                        out.push("");
                    }
                }
                out.push("");
            }
            Layout::Pipes => {
                let kept: Vec<String> = cells
                    .into_iter()
                    .enumerate()
                    .filter(|(k, _)| Some(*k) != missing)
                    .map(|(_, c)| c)
                    .collect();
                // A row broken over two lines at a cell boundary (the wrapped cell's).
                match wrap.filter(|_| kept.len() >= 2) {
                    Some((k, _)) => {
                        let at = k.clamp(1, kept.len() - 1);
                        out.row(pipe_line(&kept[..at], true, true), record);
                        if blank_after.is_some() {
                            out.push("");
                        }
                        out.row(pipe_line(&kept[at..], false, true), record);
                    }
                    None => {
                        out.row(pipe_line(&kept, true, true), record);
                        if blank_after.is_some() {
                            out.push("");
                        }
                    }
                }
            }
            Layout::Aligned => {
                if let Some(k) = missing {
                    cells.remove(k);
                }
                // A row whose one text is a heading or a note, in a layout where nothing but
                // the text marks a row, is a heading or a note line to any reader (pdftotext
                // centres headings): not a row line the reader could lose.
                let alone = cells.iter().filter(|c| !c.is_empty()).count() == 1;
                let stop_like = matches!(
                    mutation,
                    Some(Mutation::HeadingLike { .. } | Mutation::NoteLike { .. })
                );
                if alone && stop_like {
                    out.stop_line = out.push(aligned(&cells, widths));
                    return;
                }
                // So is a row whose one text stands at the left margin below a blank line or
                // below such a heading or note line: nothing marks it as a cell (the reader
                // names it only when a later line stands in the layout, or the last row was
                // short of cells).
                let first_only = cells.iter().skip(1).all(String::is_empty)
                    && cells.first().is_some_and(|c| !c.is_empty());
                let after_blank = out.lines.last().is_some_and(|l| l.trim().is_empty())
                    || (out.stop_line > 0 && out.stop_line == out.lines.len());
                if first_only && after_blank {
                    out.push(aligned(&cells, widths));
                    return;
                }
                // So is a row right below the header whose texts are all value labels
                // (目标, 基期值, 2025年): to any reader the header's labels wrapped onto its
                // second line (2025年 / 目标), as the reader takes them.
                let below_header = out.lines.len() == out.header_end;
                let labels = cells.iter().any(|c| !c.is_empty())
                    && cells.iter().all(|c| c.is_empty() || value_label(c));
                if below_header && labels {
                    out.push(aligned(&cells, widths));
                    return;
                }
                out.row(aligned(&cells, widths), record);
                if let Some((k, rest)) = wrap {
                    if blank_after.is_some() {
                        out.push("");
                    }
                    let indent: usize = widths.iter().take(k).map(|w| w + 2).sum();
                    out.row(format!("{}{rest}", " ".repeat(indent)), record);
                }
            }
        }
    }
}

impl Row {
    /// The row's cell texts, before any mutation.
    fn texts(&self, index: usize, layout: Layout) -> Vec<String> {
        let pools: [&[&str]; 6] = [&[], NAMES, UNITS, VALUES, VALUES, ATTRIBUTES];
        self.cells
            .iter()
            .enumerate()
            .map(|(col, cell)| match cell {
                Cell::Pool(_) if col == 0 => (index + 1).to_string(),
                Cell::Pool(k) => pools[col][usize::from(*k) % pools[col].len()].to_string(),
                Cell::Text(s) => clean(s, layout),
                Cell::Blank => String::new(),
            })
            .collect()
    }
}

/// Arbitrary text as a cell can hold it: no line breaks, tabs or other control
/// characters, no invisible characters, no pipes in a pipe table, no runs of spaces in an
/// aligned one; at most [`MAX_CELL`] chars.
fn clean(s: &str, layout: Layout) -> String {
    let mut out = String::new();
    for c in s.chars().take(MAX_CELL) {
        if c.is_control() || is_invisible(c) || (layout == Layout::Pipes && c == '|') {
            continue;
        }
        if c.is_whitespace() {
            if layout != Layout::Aligned && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// Zero-width and direction characters, which no table cell is made of.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// `| a | b |`, with the leading and trailing pipe as asked.
fn pipe_line(cells: &[String], lead: bool, trail: bool) -> String {
    let mut s = String::new();
    if lead {
        s.push_str("| ");
    }
    s.push_str(&cells.join(" | "));
    if trail {
        s.push_str(" |");
    }
    s
}

/// Display width, counting wide East Asian characters as two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    (0..header.len())
        .map(|k| {
            std::iter::once(&header[k])
                .chain(rows.iter().filter_map(|r| r.get(k)))
                .map(|c| width(c))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// Cells padded to their columns' widths, two spaces apart.
fn aligned(cells: &[String], widths: &[usize]) -> String {
    let mut s = String::new();
    for (k, c) in cells.iter().enumerate() {
        s.push_str(c);
        if k + 1 < cells.len() {
            let w = widths.get(k).copied().unwrap_or(0);
            s.push_str(&" ".repeat(w.saturating_sub(width(c)) + 2));
        }
    }
    s.trim_end().to_string()
}

/// The accounting oracle: the lines of `lines` that no indicator, no diagnostic and no
/// table note of the parsed plan accounts for. An indicator accounts for the lines from
/// its `line` to its `end_line`; a diagnostic for those from its `line` to its `end_line`
/// (its `line` alone without one); a note for its own line.
pub fn unaccounted(plan: &Plan, diagnostics: &[Diagnostic], lines: &[usize]) -> Vec<usize> {
    lines
        .iter()
        .copied()
        .filter(|&l| {
            let by_indicator = plan
                .indicators
                .iter()
                .any(|i| i.line <= l && l <= i.end_line);
            let by_diagnostic = diagnostics.iter().any(|d| {
                d.line
                    .is_some_and(|first| first <= l && l <= d.end_line.unwrap_or(first))
            });
            let by_note = plan
                .tables
                .iter()
                .any(|t| t.notes.iter().any(|n| n.holds(l)));
            !(by_indicator || by_diagnostic || by_note)
        })
        .collect()
}

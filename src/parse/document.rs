//! Documents with structure (Word files, web pages) read as the text the parser reads.
//!
//! A format reader ([`docx`](super::docx), [`html`](super::html)) turns its file into a
//! [`Document`]: paragraphs and tables in document order, each table's cells with their
//! row and column spans as the file states them, and the remarks that are not body text
//! (a reviewer's comments). This module resolves the spans into a grid and writes the
//! document as text in the layout the table reader knows best, one row per line with
//! tabs between cells, so that a Word table and its text export give the same plan.
//!
//! What the writing does, and why:
//! - a cell merged over several rows (`vMerge`, `rowspan`) gives each of them its text:
//!   a category merged over five rows is the category of each of the five;
//! - a cell merged over several columns (`gridSpan`, `colspan`) stands in its first
//!   column, the others blank, so that no value is counted twice;
//! - the header rows (Word's repeated header rows, `<thead>`/`<th>`, else the rows above
//!   the first with a number) are written as one line, each column's labels joined top
//!   down (`2025年` over `目标值` is `2025年目标值`);
//! - a row made of one cell across the whole table above the header (a caption inside the
//!   table) is written as a line of text before it;
//! - a table that continues one ended by a page break, with its header repeated or its
//!   rows numbered on, is joined to it: one table, one header;
//! - a cell's paragraphs are joined as the cells of a text export are (Chinese directly,
//!   Latin words with a space), a tab in a cell is a space.
//!
//! Line numbers in diagnostics count the lines of this text: one per paragraph, one per
//! table row, a blank line after each table. [`Parser::text_of`](super::Parser::text_of)
//! gives the text itself.

use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::text::latin_edge;

/// The widest span honoured: a cell spanning more columns stands in its first column
/// alone (its text is kept), so that a hostile `colspan="100000"` cannot blow the text
/// up.
const MAX_SPAN: usize = 64;
/// The longest text a cell merged over several rows repeats in each of them; a longer one
/// (a paragraph merged down a column) stands in its first row only.
const MAX_REPEATED: usize = 80;

/// A document as a format reader found it.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub blocks: Vec<Block>,
    /// What the file holds that is not body text, anchored to a block.
    pub remarks: Vec<Remark>,
}

/// A paragraph or a table, in document order.
#[derive(Debug)]
pub(crate) enum Block {
    /// A paragraph; a line break inside it (`<w:br/>`, `<br>`) is a `\n`.
    Paragraph {
        text: String,
        /// Its outline level (0 = the outermost) when the file states one.
        heading: Option<u8>,
    },
    /// A page break standing between blocks (a paragraph of its own or inside one).
    PageBreak,
    /// A table, its rows in order.
    Table(Vec<SourceRow>),
}

/// A table row as the file states it.
#[derive(Debug, Default)]
pub(crate) struct SourceRow {
    pub cells: Vec<SourceCell>,
    /// The file marks it a header row (Word's `tblHeader`, HTML's `<thead>` or a row of
    /// `<th>`).
    pub header: bool,
}

/// A table cell as the file states it.
#[derive(Debug)]
pub(crate) struct SourceCell {
    pub text: String,
    /// The columns it spans (`gridSpan`, `colspan`), at least 1.
    pub col_span: usize,
    /// The rows it spans downwards (`rowspan`), at least 1. Word states a vertical merge
    /// by a cell in each row instead: see `continues`.
    pub row_span: usize,
    /// The cell continues the merged cell above it (`<w:vMerge/>` without `restart`).
    pub continues: bool,
}

impl SourceCell {
    /// A cell of one column and one row.
    pub fn new(text: impl Into<String>) -> SourceCell {
        SourceCell {
            text: text.into(),
            col_span: 1,
            row_span: 1,
            continues: false,
        }
    }
}

/// Something in the file that is not body text.
#[derive(Debug)]
pub(crate) struct Remark {
    /// The block it is anchored to (a comment's range start), or the end.
    pub block: usize,
    pub kind: DiagnosticKind,
    pub severity: Severity,
    pub message: String,
}

/// A table resolved into a grid: `cells[r][c]` is the text the slot shows.
#[derive(Debug)]
struct Grid {
    rows: Vec<Vec<String>>,
    /// How many of the rows are header rows the file marked.
    marked_header: usize,
    /// Rows whose one cell spans the whole table.
    full_width: Vec<bool>,
    width: usize,
}

impl Grid {
    /// Resolves the spans of `rows`.
    fn new(rows: &[SourceRow]) -> Grid {
        // Columns still covered by a `rowspan` from above: (rows left, origin text).
        let mut pending: Vec<Option<(usize, usize, usize)>> = Vec::new();
        let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
        let mut full_width = Vec::with_capacity(rows.len());
        let mut marked_header = 0;
        let mut in_header = true;
        for (r, row) in rows.iter().enumerate() {
            if in_header && row.header {
                marked_header += 1;
            } else {
                in_header = false;
            }
            let mut slots: Vec<String> = Vec::new();
            let mut origins = 0;
            let mut spans_all = false;
            let mut c = 0;
            for cell in &row.cells {
                // Skip the columns a rowspan from above covers.
                while let Some(Some((left, or, oc))) = pending.get(c).copied() {
                    put(&mut slots, c, repeated(&out, or, oc));
                    pending[c] = (left > 1).then_some((left - 1, or, oc));
                    c += 1;
                }
                let span = cell.col_span.clamp(1, MAX_SPAN);
                if cell.continues && r > 0 {
                    for k in c..c + span {
                        let above = out[r - 1].get(k).cloned().unwrap_or_default();
                        let text = if above.chars().count() <= MAX_REPEATED {
                            above
                        } else {
                            String::new()
                        };
                        put(&mut slots, k, text);
                    }
                } else {
                    origins += 1;
                    put(&mut slots, c, clean(&cell.text));
                    for k in c + 1..c + span {
                        put(&mut slots, k, String::new());
                    }
                    let down = cell.row_span.clamp(1, rows.len() - r);
                    if down > 1 {
                        if pending.len() < c + span {
                            pending.resize(c + span, None);
                        }
                        for (k, p) in pending[c..c + span].iter_mut().enumerate() {
                            *p = Some((down - 1, r, if k == 0 { c } else { usize::MAX }));
                        }
                    }
                    spans_all = span > 1 && row.cells.len() == 1;
                }
                c += span;
            }
            // Rowspans from above that stand after the row's last cell.
            while c < pending.len() {
                if let Some((left, or, oc)) = pending[c] {
                    put(&mut slots, c, repeated(&out, or, oc));
                    pending[c] = (left > 1).then_some((left - 1, or, oc));
                }
                c += 1;
            }
            full_width.push(spans_all && origins == 1);
            out.push(slots);
        }
        let width = out.iter().map(Vec::len).max().unwrap_or(0);
        for slots in &mut out {
            slots.resize(width, String::new());
        }
        // A row whose one cell spans the table is full width only when the table is wider.
        for (f, row) in full_width.iter_mut().zip(rows) {
            *f = *f && width > 1 && row.cells.first().is_some_and(|c| c.col_span >= width);
        }
        Grid {
            rows: out,
            marked_header,
            full_width,
            width,
        }
    }

    /// The rows above the body: those the file marked, else the rows from the first that
    /// is not a caption down to the first holding a bare number (a row number, a value).
    fn header_rows(&self, from: usize) -> usize {
        if self.marked_header > from {
            return self.marked_header - from;
        }
        let numbered = |row: &Vec<String>| {
            row.iter()
                .any(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
        };
        let body = self.rows[from..]
            .iter()
            .position(numbered)
            .unwrap_or(1.min(self.rows.len() - from));
        body.max(1).min(self.rows.len() - from)
    }
}

/// The text a slot covered by the rowspan of the cell at (`r`, `c`) shows: its text when
/// short, blank for the columns after the first of a wide cell (`c == usize::MAX`).
fn repeated(out: &[Vec<String>], r: usize, c: usize) -> String {
    if c == usize::MAX {
        return String::new();
    }
    let text = out
        .get(r)
        .and_then(|row| row.get(c))
        .cloned()
        .unwrap_or_default();
    if text.chars().count() <= MAX_REPEATED {
        text
    } else {
        String::new()
    }
}

fn put(slots: &mut Vec<String>, c: usize, text: String) {
    if slots.len() <= c {
        slots.resize(c + 1, String::new());
    }
    slots[c] = text;
}

/// A cell's text as one line: its lines joined (Chinese directly, Latin words with a
/// space), tabs and other whitespace runs as one space.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split(['\n', '\r']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if latin_edge(&out, part) {
            out.push(' ');
        }
        let mut space = false;
        for ch in part.chars() {
            if ch == '\t' || (ch.is_whitespace() && ch != '\u{3000}' && ch != '\u{a0}') {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// The document written as text, and the diagnostics of writing it (its remarks, tables
/// joined across a page break), each naming its line in that text.
pub(crate) fn write(doc: &Document) -> (String, Vec<Diagnostic>) {
    let mut out = Out::default();
    let mut block_line = Vec::with_capacity(doc.blocks.len() + 1);
    let mut diags = Vec::new();
    // The header of the last table written, and its last row number, while only blank
    // paragraphs and page breaks follow it.
    let mut open: Option<(Vec<String>, Option<u64>, usize)> = None;
    for block in &doc.blocks {
        block_line.push(out.line + 1);
        match block {
            Block::Paragraph { text: p, heading } => {
                let blank = p.trim().is_empty();
                if heading.is_some() {
                    // A heading is one line of the outline: its line breaks are spaces, and
                    // so is Word's tab after a list number (第一章<tab>规划背景), so that a
                    // heading is never a table row.
                    out.push(&heading_line(p));
                } else {
                    for l in p.split('\n') {
                        out.push(l.trim_end_matches('\r'));
                    }
                }
                if !blank {
                    open = None;
                }
            }
            Block::PageBreak => {}
            Block::Table(rows) => {
                let grid = Grid::new(rows);
                if grid.rows.is_empty() || grid.width == 0 {
                    continue;
                }
                let captions = grid
                    .full_width
                    .iter()
                    .take_while(|f| **f)
                    .count()
                    .min(grid.rows.len() - 1);
                let head_n = grid.header_rows(captions);
                let header = flatten(&grid.rows[captions..captions + head_n]);
                let first_body = captions + head_n;
                let continues = open.as_ref().and_then(|(h, last_seq, header_line)| {
                    // Trailing blank labels aside: a row with one cell more (a qualifier)
                    // widens one part of a table and not the other.
                    let same_header = captions == 0 && labels(h) == labels(&header);
                    let numbered_on = captions == 0
                        && h.len() == grid.width
                        && last_seq.is_some()
                        && seq_of(&grid.rows[0]) == last_seq.map(|n| n + 1);
                    (same_header || numbered_on).then_some((same_header, *header_line))
                });
                let body_from = match continues {
                    Some((same_header, header_line)) => {
                        // Drop the blank lines between the table and its continuation.
                        out.pop_blank();
                        diags.push(Diagnostic::new(
                            Severity::Info,
                            Some(out.line + 1),
                            DiagnosticKind::TableContinued,
                            format!(
                                "a table after a page break continues the table whose header is on line {header_line}{}; they were read as one",
                                if same_header { ", its header repeated" } else { ", its rows numbered on" }
                            ),
                        ));
                        if same_header { first_body } else { 0 }
                    }
                    None => {
                        for row in &grid.rows[..captions] {
                            out.push(&row[0]);
                        }
                        let header_line = out.push(&header.join("\t"));
                        open = Some((header.clone(), None, header_line));
                        first_body
                    }
                };
                for row in &grid.rows[body_from..] {
                    out.push(row.join("\t").trim_end_matches('\t'));
                    if let Some(o) = open.as_mut() {
                        o.1 = seq_of(row).or(o.1);
                    }
                }
                out.push("");
            }
        }
    }
    block_line.push(out.line + 1);
    for r in &doc.remarks {
        let at = block_line.get(r.block).copied().unwrap_or(out.line + 1);
        diags.push(Diagnostic::new(
            r.severity,
            Some(at),
            r.kind,
            r.message.clone(),
        ));
    }
    (out.text, diags)
}

/// A heading's lines as one: `第一章<br>总体要求` is `第一章 总体要求`.
fn heading_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\t', " ")
}

/// The text being written, and the number of its last line.
#[derive(Default)]
struct Out {
    text: String,
    line: usize,
}

impl Out {
    /// Writes a line; its number.
    fn push(&mut self, s: &str) -> usize {
        self.text.push_str(s);
        self.text.push('\n');
        self.line += 1;
        self.line
    }

    /// Removes the blank lines at the end.
    fn pop_blank(&mut self) {
        while self.text.ends_with("\n\n") {
            self.text.pop();
            self.line -= 1;
        }
    }
}

/// A header's labels without the blank ones at its end.
fn labels(header: &[String]) -> &[String] {
    let n = header
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |p| p + 1);
    &header[..n]
}

/// The row number a row starts with.
fn seq_of(row: &[String]) -> Option<u64> {
    row.first().and_then(|t| t.parse().ok())
}

/// Header rows as one: each column's distinct labels joined top down.
fn flatten(rows: &[Vec<String>]) -> Vec<String> {
    let width = rows.first().map_or(0, Vec::len);
    (0..width)
        .map(|c| {
            let mut label = String::new();
            let mut last = "";
            for row in rows {
                let t = row[c].as_str();
                if !t.is_empty() && t != last {
                    label.push_str(t);
                    last = t;
                }
            }
            label
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> SourceRow {
        SourceRow {
            cells: cells.iter().map(|t| SourceCell::new(*t)).collect(),
            header: false,
        }
    }

    fn written(blocks: Vec<Block>) -> String {
        write(&Document {
            blocks,
            remarks: Vec::new(),
        })
        .0
    }

    #[test]
    fn rowspan_repeats_and_colspan_blanks() {
        let mut r1 = row(&["1", "市场主体", "期末市场主体总量", "万户", "42", "53"]);
        r1.cells[1].row_span = 2;
        let r2 = row(&["2", "每千人企业数", "户", "30", "40"]);
        let mut head = row(&["序号", "类别", "指标", "单位", "数值"]);
        head.cells[4].col_span = 2;
        let text = written(vec![Block::Table(vec![head, r1, r2])]);
        assert_eq!(
            text,
            "序号\t类别\t指标\t单位\t数值\t\n1\t市场主体\t期末市场主体总量\t万户\t42\t53\n2\t市场主体\t每千人企业数\t户\t30\t40\n\n"
        );
    }

    #[test]
    fn word_vertical_merge_continues_the_cell_above() {
        let head = row(&["序号", "类别", "指标"]);
        let r1 = row(&["1", "质量", "食品抽检合格率"]);
        let mut r2 = row(&["2", "", "药品抽检合格率"]);
        r2.cells[1].continues = true;
        let text = written(vec![Block::Table(vec![head, r1, r2])]);
        assert!(text.contains("2\t质量\t药品抽检合格率\n"), "{text}");
    }

    #[test]
    fn two_header_rows_are_one_line_and_a_caption_row_is_text() {
        let mut cap = row(&["表1 主要指标"]);
        cap.cells[0].col_span = 4;
        let mut h1 = row(&["序号", "指标", "2020年", "2025年"]);
        h1.cells[0].row_span = 2;
        h1.cells[1].row_span = 2;
        let h2 = row(&["基期值", "目标值"]);
        let text = written(vec![Block::Table(vec![
            cap,
            h1,
            h2,
            row(&["1", "甲", "1", "2"]),
        ])]);
        assert_eq!(
            text,
            "表1 主要指标\n序号\t指标\t2020年基期值\t2025年目标值\n1\t甲\t1\t2\n\n"
        );
    }

    #[test]
    fn a_table_continued_after_a_page_break_is_one() {
        let head = || row(&["序号", "指标"]);
        let (doc, diags) = write(&Document {
            blocks: vec![
                Block::Table(vec![head(), row(&["1", "甲"])]),
                Block::PageBreak,
                Block::Paragraph {
                    text: String::new(),
                    heading: None,
                },
                Block::Table(vec![head(), row(&["2", "乙"])]),
                Block::Table(vec![row(&["3", "丙"])]),
                Block::Paragraph {
                    text: "正文".into(),
                    heading: None,
                },
                Block::Table(vec![row(&["4", "丁"])]),
            ],
            remarks: Vec::new(),
        });
        assert!(
            doc.starts_with("序号\t指标\n1\t甲\n2\t乙\n3\t丙\n\n正文\n"),
            "{doc}"
        );
        assert_eq!(
            diags
                .iter()
                .filter(|d| d.kind == DiagnosticKind::TableContinued)
                .count(),
            2
        );
    }

    #[test]
    fn a_continued_table_one_cell_wider_is_still_one() {
        let head = || row(&["序号", "指标", "单位"]);
        let (doc, diags) = write(&Document {
            blocks: vec![
                Block::Table(vec![head(), row(&["1", "甲", "户"])]),
                Block::PageBreak,
                Block::Table(vec![head(), row(&["2", "乙", "生产领域", "%"])]),
            ],
            remarks: Vec::new(),
        });
        assert_eq!(doc, "序号\t指标\t单位\n1\t甲\t户\n2\t乙\t生产领域\t%\n\n");
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn hostile_spans_stay_bounded() {
        let mut r = row(&["x"]);
        r.cells[0].col_span = usize::MAX;
        r.cells[0].row_span = usize::MAX;
        let text = written(vec![Block::Table(vec![r, row(&["1"])])]);
        assert!(text.len() < 200, "{}", text.len());
    }

    #[test]
    fn a_heading_with_a_tab_is_not_a_table_row() {
        let text = written(vec![
            Block::Paragraph {
                text: "第一章\t规划背景".into(),
                heading: Some(0),
            },
            Block::Paragraph {
                text: "前言\t5".into(),
                heading: None,
            },
        ]);
        assert_eq!(text, "第一章 规划背景\n前言\t5\n");
    }

    #[test]
    fn a_heading_broken_over_lines_is_one_line() {
        let text = written(vec![
            Block::Paragraph {
                text: "第一章\n总体要求".into(),
                heading: Some(1),
            },
            Block::Paragraph {
                text: "正文一\n正文二".into(),
                heading: None,
            },
        ]);
        assert_eq!(text, "第一章 总体要求\n正文一\n正文二\n");
    }

    #[test]
    fn cell_text_is_one_line() {
        assert_eq!(clean("期末市场\n主体总量"), "期末市场主体总量");
        assert_eq!(clean("ISO\n9001\tplan"), "ISO 9001 plan");
    }
}

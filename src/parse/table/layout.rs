//! The layouts a table's lines come in, and one reader for each family: rows one per line
//! (pipes, tabs, `pdftotext -layout` columns) and cells one per line (tab-led, padded,
//! plain), including cells split over lines and cells glued behind a tab.

use super::find::{
    Stop, attribute, header_from, header_kind, header_year, is_heading, seq_number, stop_line,
};
use super::fit::cut_rows;
use super::segments::{Segment, aligned_segments, pipe_cells, place_segments};
use super::{Cell, Col, Header, RawRow};
use crate::model::{BracketConvention, Value, ValueKind};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::text::{Line, trim};
use crate::text::Lexicon;

/// What a layout reader found: the header, the rows under it, the index of the header's
/// last line and of the first line after the rows.
pub(super) struct Read {
    pub(super) header: Header,
    pub(super) rows: Vec<RawRow>,
    pub(super) header_end: usize,
    pub(super) end: usize,
}

/// How many lines after one that looks like the end of a table are searched for a row
/// that would continue it: enough for a row of cells one per line with wrapped cells.
const LOOKAHEAD: usize = 16;

/// Whether the table goes on after line `at`: within the next few lines stands the start
/// of a row in the table's layout, numbered as the next row would be (`next`, give or
/// take one; any number before the first numbered row of a layout with cells on a line). A line that looks like the end of a table (a heading, a note, a long
/// sentence, a line out of the layout) ends it only when no such row follows; otherwise
/// it is a cell, and the rows after it are not lost. In layouts with a row per line, a
/// line of cells holding an attribute (约束性) is a row even without its number; in a
/// tab-led table, so is an attribute cell before any line without the lead tab.
fn resumes(lines: &[Line], at: usize, layout: Layout, next: u32, lex: &Lexicon) -> bool {
    let ahead = || {
        lines[at + 1..]
            .iter()
            .filter(|l| l.skip.is_none() && !l.is_blank())
            .take(LOOKAHEAD)
    };
    // Before any numbered row, a row of several cells may carry any number: the rows
    // above it lost theirs.
    let any_first = next == 1 && matches!(layout, Layout::Pipe | Layout::TabRows | Layout::Aligned);
    let numbered = ahead().any(|l| {
        row_start(l, layout, lex).is_some_and(|n| n + 1 >= next && (n <= next + 1 || any_first))
            || attributed_row(l, layout, lex)
    });
    numbered
        || (layout == Layout::TabLed
            && ahead()
                .map_while(|l| l.text.strip_prefix('\t'))
                .any(|cell| attribute(trim(cell), lex).is_some()))
}

/// Whether a line of a row-per-line layout holds two cells or more, one of them an
/// attribute: a row of the table, numbered or not (prose has no attribute cell).
fn attributed_row(line: &Line, layout: Layout, lex: &Lexicon) -> bool {
    let cells: Vec<String> = match layout {
        Layout::Pipe if line.trimmed().starts_with('|') => pipe_cells(line.trimmed()),
        Layout::TabRows => line.text.split('\t').map(|c| trim(c).to_string()).collect(),
        Layout::Aligned => aligned_segments(&line.text)
            .into_iter()
            .map(|s| s.text)
            .collect(),
        _ => return false,
    };
    cells.iter().filter(|c| !c.is_empty()).count() >= 2
        && cells.iter().any(|c| attribute(c, lex).is_some())
}

/// The row number a line starts a row with, in the table's layout.
fn row_start(line: &Line, layout: Layout, lex: &Lexicon) -> Option<u32> {
    let t = line.trimmed();
    let first = match layout {
        Layout::Pipe => t
            .starts_with('|')
            .then(|| pipe_cells(t).into_iter().next())??,
        Layout::TabRows => {
            let text = line.text.strip_prefix('\t').unwrap_or(&line.text);
            text.contains('\t')
                .then(|| text.split('\t').next())??
                .to_string()
        }
        Layout::Aligned => {
            let segs = aligned_segments(&line.text);
            (segs.len() >= 3).then(|| segs.into_iter().next())??.text
        }
        Layout::TabLed => line
            .text
            .strip_prefix('\t')
            .and_then(|body| body.split('\t').next())?
            .to_string(),
        Layout::Padded | Layout::Plain => t.to_string(),
    };
    seq_number(&first, lex)
}

/// How a table's lines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Markdown pipe table.
    Pipe,
    /// One row per line, cells separated by tabs.
    TabRows,
    /// Columns aligned by runs of spaces (`pdftotext -layout`).
    Aligned,
    /// One cell per line, each led by a tab; lines without one continue the cell above.
    TabLed,
    /// One cell per line, padded with trailing spaces; empty lines separate cells.
    Padded,
    /// One cell per line, nothing else.
    Plain,
}

pub(super) fn layout_of(text: &str) -> Layout {
    let t = trim(text);
    if t.starts_with('|') {
        Layout::Pipe
    } else if t.contains('\t') {
        Layout::TabRows
    } else if aligned_segments(text).len() >= 3 {
        Layout::Aligned
    } else if text.starts_with('\t') {
        Layout::TabLed
    } else if text.chars().rev().take_while(|c| c.is_whitespace()).count() >= 2 {
        Layout::Padded
    } else {
        Layout::Plain
    }
}

/// Whether a reader goes on to the next line or the table ended before this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Next,
    End,
}

/// Reads lines while they belong to the table; returns the index of the first that does
/// not (or the end of the lines).
fn read_while(lines: &[Line], from: usize, mut read: impl FnMut(usize) -> Flow) -> usize {
    let mut i = from;
    while i < lines.len() && read(i) == Flow::Next {
        i += 1;
    }
    i
}

/// Layouts with one row per line (pipes, tabs, aligned columns): a line without a row
/// number continues the row above.
pub(super) fn line_rows(
    lines: &[Line],
    start: usize,
    layout: Layout,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) -> Read {
    let mut reader = LineRows::new(&lines[start].text, layout, start, lex);
    let end = read_while(lines, start + 1, |i| reader.read(lines, i, diags));
    Read {
        header: header_from(&reader.header_cells, lex),
        rows: reader.rows,
        header_end: reader.header_end,
        end,
    }
}

/// What the one-row-per-line reader holds between lines.
struct LineRows<'l> {
    layout: Layout,
    lex: &'l Lexicon,
    /// The header's column positions, in aligned layouts.
    columns: Option<Vec<Segment>>,
    /// The header's cells, over one line or several (years below the labels).
    header_cells: Vec<String>,
    /// How many of them the header's first line holds.
    first_line_cells: usize,
    /// The index of the header's last line.
    header_end: usize,
    /// How many columns the header has, once the first row is read.
    width: Option<usize>,
    /// Whether the header line starts with a tab that leads every line, holding no column.
    lead_tab: bool,
    rows: Vec<RawRow>,
    /// The last line of text read between the header and the first row, if any.
    stray: Option<usize>,
    /// The last line of only blank pipe cells, and how many it holds.
    blank_cells: Option<(usize, usize)>,
    /// Whether a Markdown table's delimiter row (`|---|`) has been read.
    ruled: bool,
}

impl<'l> LineRows<'l> {
    fn new(header_line: &str, layout: Layout, start: usize, lex: &'l Lexicon) -> LineRows<'l> {
        let lead_tab = layout == Layout::TabRows && header_line.starts_with('\t');
        let header_line = if lead_tab {
            &header_line[1..]
        } else {
            header_line
        };
        let header_cells: Vec<String> = split_line(header_line, layout, None)
            .into_iter()
            .map(|c| c.0)
            .collect();
        LineRows {
            layout,
            lex,
            columns: (layout == Layout::Aligned).then(|| aligned_segments(header_line)),
            first_line_cells: header_cells.len(),
            header_cells,
            header_end: start,
            width: None,
            lead_tab,
            rows: Vec::new(),
            stray: None,
            blank_cells: None,
            ruled: false,
        }
    }

    /// The number the next row would have.
    fn next_seq(&self) -> u32 {
        let last = self
            .rows
            .iter()
            .rev()
            .find_map(|r| r.cells.first().and_then(|c| seq_number(&c.text, self.lex)));
        last.map_or(1, |n| n.saturating_add(1))
    }

    /// Reads one line after the header: a header line, a row, a continuation, or the end.
    fn read(&mut self, lines: &[Line], i: usize, diags: &mut Vec<Diagnostic>) -> Flow {
        let (layout, lex) = (self.layout, self.lex);
        let line = &lines[i];
        if line.skip.is_some() || line.is_blank() {
            return Flow::Next;
        }
        let t = line.trimmed();
        let goes_on = || resumes(lines, i, layout, self.next_seq(), lex);
        if layout == Layout::Pipe && !t.starts_with('|') {
            // A pipe row broken over lines goes on without its leading pipe; its first line
            // may have held only blank cells, and then this line is the rest of that row.
            let blank_first = self
                .blank_cells
                .filter(|&(no, _)| i > 0 && lines[i - 1].no == no);
            if !goes_on() && !self.finishes_last_row(lines, i) && blank_first.is_none() {
                return Flow::End;
            }
            let cells: Vec<(String, Option<usize>)> =
                pipe_cells(t).into_iter().map(|c| (c, None)).collect();
            match blank_first {
                Some((no, n)) if !self.rows.is_empty() => {
                    let mut row: Vec<Cell> = (0..n).map(|_| Cell::new("", no)).collect();
                    row.extend(cells.iter().map(|(text, _)| Cell::new(text, line.no)));
                    self.rows.push(RawRow::new(row));
                }
                _ => self.add(None, cells, line, diags),
            }
            return Flow::Next;
        }
        if layout == Layout::Pipe && t.chars().all(|c| "|-:= ".contains(c)) {
            // A rule, or a line of blank cells: the first line of a row broken over two.
            let rule = t.contains(['-', ':', '=']);
            self.ruled |= rule;
            self.blank_cells = (!rule).then(|| (line.no, pipe_cells(t).len()));
            return Flow::Next;
        }
        let text = match line.text.strip_prefix('\t') {
            Some(rest) if self.lead_tab => rest,
            _ => &line.text,
        };
        let parts = split_line(text, layout, self.columns.as_deref());
        let first = parts.first().map(|p| p.0.as_str()).unwrap_or("");
        let seq = seq_number(first, lex);
        let single = parts.iter().filter(|p| !p.0.is_empty()).count() <= 1;
        // A line that keeps the table's tabs is a row of it, whatever its one text reads as.
        let tabbed = layout == Layout::TabRows && line.text.contains('\t');
        if seq.is_none()
            && layout != Layout::Pipe
            && single
            && !tabbed
            && stop_line(t, lex).is_some()
        {
            if !goes_on() {
                return Flow::End;
            }
        } else if seq.is_none()
            && self.width.is_none()
            && !self.ruled
            && is_header_line(&parts, lex)
            // (No header has more than MAX_HEADER_CELLS cells: the check stays linear.)
            && self.header_cells.len() < MAX_HEADER_CELLS
            && (!complete(&header_from(&self.header_cells, lex))
                || (self.right_below_header(lines, i)
                    && gives_values(&parts, &self.header_cells[..self.first_line_cells], lex)))
        {
            // Below a Markdown table's delimiter row no line is header.
            self.add_header_line(parts);
            self.header_end = i;
            return Flow::Next;
        } else if layout == Layout::TabRows
            && !line.text.contains('\t')
            && seq.is_none()
            && !goes_on()
            && !self.wraps_last_row(lines, i)
        {
            // Prose after a tab table; a line without a tab before the next row is a
            // cell wrapped onto its own line.
            return Flow::End;
        }
        if self.width.is_none() {
            self.width = Some(header_from(&self.header_cells, lex).cols.len());
        }
        self.add(seq, parts, line, diags);
        Flow::Next
    }

    /// Adds a further line of the header. In aligned columns each label joins the cell of
    /// the first line it stands under (基期 under 2020年 reads 2020年基期), so that the
    /// columns keep their order whichever line names them; a label under no cell of the
    /// first line, and any label of another layout, follows the cells above.
    fn add_header_line(&mut self, parts: Vec<(String, Option<usize>)>) {
        for (text, column) in parts {
            let under =
                column.filter(|&c| self.layout == Layout::Aligned && c < self.first_line_cells);
            match under.and_then(|c| self.header_cells.get_mut(c)) {
                Some(cell) => cell.push_str(&text),
                None => self.header_cells.push(text),
            }
        }
    }

    /// Whether line `i` stands right below the header's last line, no blank line between:
    /// where a complete header's labels wrap onto its next line (2025年 / 目标). Past a blank
    /// line, a line of labels below a complete header is a row's text.
    fn right_below_header(&self, lines: &[Line], i: usize) -> bool {
        lines[self.header_end + 1..i]
            .iter()
            .all(|l| l.skip.is_some() || !l.is_blank())
    }

    /// Whether a line without its leading pipe, right below the last row, holds the rest of
    /// that row: the row has fewer cells than the header and the line goes on with cells.
    fn finishes_last_row(&self, lines: &[Line], i: usize) -> bool {
        let width = self.width.unwrap_or(self.header_cells.len());
        let Some(row) = self.rows.last() else {
            return false;
        };
        let adjacent = i > 0 && lines[i - 1].no == row.last_line();
        adjacent && row.cells.len() < width && lines[i].trimmed().contains('|')
    }

    /// Whether a line without a tab, after the table's last row (or the text before its
    /// first), is that row's cell wrapped onto a line of its own: it follows the row with at
    /// most one blank line between, and reads as neither a heading, a note nor a sentence
    /// (the caller has ruled out the first two); prose after a table ends with a sentence
    /// mark.
    fn wraps_last_row(&self, lines: &[Line], i: usize) -> bool {
        let last = self.rows.last().map(RawRow::last_line).or(self.stray);
        let Some(last) = last else {
            return false;
        };
        let between = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.no > last)
            .filter(|l| l.skip.is_none())
            .count();
        let t = lines[i].trimmed();
        between <= 1 && !t.ends_with(|c| self.lex.fold.sentence_ends.contains(c))
    }

    /// Starts a row at a row number; joins a line without one to the row above.
    fn add(
        &mut self,
        seq: Option<u32>,
        cells: Vec<(String, Option<usize>)>,
        line: &Line,
        diags: &mut Vec<Diagnostic>,
    ) {
        let width = self.width.unwrap_or(self.header_cells.len());
        let full = |cells: &[(String, Option<usize>)]| {
            cells.iter().filter(|c| !c.0.is_empty()).count() + 1 >= width.min(4)
        };
        // In a Markdown table every line that opens with a pipe is a row of its own; only
        // a line without it goes on with the row above (a row broken over lines).
        let own_row = self.layout == Layout::Pipe && line.trimmed().starts_with('|');
        match (seq, self.rows.last_mut()) {
            (None, Some(prev)) if !own_row => {
                continue_row(prev, cells, line.no, self.layout, width, diags);
            }
            // In a Markdown table every line after the delimiter row is a row.
            (None, None) if !full(&cells) && self.layout != Layout::Pipe => {
                let text = line.trimmed();
                // A line without a tab right below such text wraps it (〔 / 32〕).
                let wraps = self.layout == Layout::TabRows && !line.text.contains('\t');
                match diags.last_mut() {
                    Some(d)
                        if wraps
                            && d.kind == DiagnosticKind::TextBeforeFirstRow
                            && d.lines().map(|r| r.last) == self.stray =>
                    {
                        d.end_line = Some(line.no);
                        d.why.push(' ');
                        d.why.push_str(text);
                    }
                    _ => diags.push(Diagnostic::new(
                        Severity::Warning,
                        Some(line.no),
                        DiagnosticKind::TextBeforeFirstRow,
                        text.to_string(),
                    )),
                }
                self.stray = Some(line.no);
            }
            // A row without its number is still a row.
            _ => self.rows.push(RawRow::new(
                cells
                    .into_iter()
                    .map(|(text, col)| Cell {
                        col,
                        ..Cell::new(&text, line.no)
                    })
                    .collect(),
            )),
        }
    }
}

/// Whether every cell of a line is blank, a year or a header label: a further header line.
/// A heading holding a header word (第二节 发展目标) is no label.
fn is_header_line(parts: &[(String, Option<usize>)], lex: &Lexicon) -> bool {
    parts.iter().all(|p| {
        p.0.is_empty()
            || header_year(&p.0, lex).is_some()
            || (header_kind(&p.0, lex).is_some()
                && reads_as_label(&p.0, lex)
                && !is_heading(&p.0, lex))
    })
}

/// The most cells a header's lines hold together; a longer run of header-like lines is rows.
const MAX_HEADER_CELLS: usize = 64;

/// Whether a header has every column a row fills: name, baseline, target and attribute.
/// Below a complete header, a line of header words is a row unless it names the value
/// columns (years, 基期值 | 目标值 wrapped under them).
fn complete(h: &Header) -> bool {
    [Col::Name, Col::Baseline, Col::Target, Col::Attribute]
        .iter()
        .all(|c| h.has(*c))
}

/// Whether a line's cells name value columns: a year, a baseline or target word standing
/// under a value column of the header's first line that lacks it (2020年 over 基期值, 基期值
/// over （2020年）), or under a blank cell of it (a label spanning the columns below). A
/// value word under the name or unit column, or one its column already says (目标 under
/// 2025年目标), is a cell of a row.
fn gives_values(parts: &[(String, Option<usize>)], first_line: &[String], lex: &Lexicon) -> bool {
    let year = |c: &str| header_year(c, lex).is_some();
    let kind = |c: &str| matches!(header_kind(c, lex), Some(Col::Baseline | Col::Target));
    parts.iter().enumerate().any(|(k, p)| {
        let column = p.1.unwrap_or(k);
        let below = p.0.as_str();
        (year(below) || kind(below))
            && first_line.get(column).is_none_or(|above| {
                above.is_empty()
                    || ((year(above) || kind(above))
                        && ((year(below) && !year(above)) || (kind(below) && !kind(above))))
            })
    })
}

/// Whether a cell holding a header word reads as a label wrapped onto the header's next
/// line (基期值, （2020年）, 2025年目标值) rather than a cell of a row that happens to hold
/// one: a label has no Latin letters, its only digits are four-digit years, it has no
/// clause or sentence mark and no ASCII mark but brackets, `%` and `/`, and every bracket
/// it opens it closes (基准)`; is a row's debris).
fn reads_as_label(cell: &str, lex: &Lexicon) -> bool {
    let fold = &lex.fold;
    let stray = |c: char| {
        c.is_ascii_alphabetic()
            || (c.is_ascii_punctuation() && !matches!(c, '%' | '/' | '(' | ')' | '[' | ']'))
            || fold.sentence_ends.contains(c)
            || fold.clause_ends.contains(c)
    };
    !cell.chars().any(stray)
        && cell
            .split(|c: char| !c.is_ascii_digit())
            .all(|run| run.is_empty() || run.len() == 4)
        && brackets_close(cell, lex)
}

/// Whether every bracket a text opens (parentheses and value brackets) is closed, in order.
/// A header cell holds a few brackets, and the stack stays that small.
fn brackets_close(text: &str, lex: &Lexicon) -> bool {
    let fold = &lex.fold;
    let pairs = || {
        fold.parens
            .iter()
            .copied()
            .chain(fold.brackets.iter().map(|(p, _)| p))
    };
    let mut open = Vec::new();
    for c in text.chars() {
        if let Some(p) = pairs().find(|p| p.open == c) {
            open.push(p.close);
        } else if pairs().any(|p| p.close == c) && open.pop() != Some(c) {
            return false;
        }
    }
    open.is_empty()
}

/// A line's cells, each with its column index when the layout has positions.
fn split_line(
    text: &str,
    layout: Layout,
    columns: Option<&[Segment]>,
) -> Vec<(String, Option<usize>)> {
    match layout {
        Layout::Pipe => pipe_cells(trim(text))
            .into_iter()
            .map(|c| (c, None))
            .collect(),
        Layout::TabRows => {
            let t = text.trim_end_matches(['\r', '\n']);
            t.split('\t').map(|c| (trim(c).to_string(), None)).collect()
        }
        _ => {
            let segs = aligned_segments(text);
            match columns {
                Some(cols) => place_segments(segs, cols),
                None => segs.into_iter().map(|s| (s.text, None)).collect(),
            }
        }
    }
}

/// Appends a continuation line's cells to the row above: the rest of a row broken over
/// lines, the next line of each of its cells, or a wrapped fragment of its name.
fn continue_row(
    prev: &mut RawRow,
    cells: Vec<(String, Option<usize>)>,
    line: usize,
    layout: Layout,
    width: usize,
    diags: &mut Vec<Diagnostic>,
) {
    if layout == Layout::Aligned {
        for (text, col) in cells {
            if text.is_empty() {
                continue;
            }
            match prev
                .cells
                .iter_mut()
                .rev()
                .find(|c| c.col.is_some() && c.col == col)
            {
                Some(cell) => cell.extend(&text, line),
                None => {
                    let mut cell = Cell::new(&text, line);
                    cell.col = col;
                    prev.cells.push(cell);
                }
            }
        }
        return;
    }
    let texts: Vec<String> = cells
        .iter()
        .map(|c| c.0.clone())
        .filter(|t| !t.is_empty())
        .collect();
    let joined = |diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::new(
            Severity::Warning,
            Some(line),
            DiagnosticKind::RowJoined,
            texts.join(" | "),
        ));
    };
    if prev.cells.len() < width && prev.cells.len() + cells.len() <= width + 1 {
        // The row's remaining cells, broken onto the next line.
        joined(diags);
        prev.cells
            .extend(cells.iter().map(|(text, _)| Cell::new(text, line)));
    } else if cells.len() == prev.cells.len() {
        for (cell, (text, _)) in prev.cells.iter_mut().zip(cells) {
            cell.extend(&text, line);
        }
    } else if let [text] = texts.as_slice() {
        // A fragment on a line of its own wraps the name.
        joined(diags);
        prev.wrapped.push(Cell::new(text, line));
    } else {
        joined(diags);
        if let Some(last) = prev.cells.iter_mut().rev().find(|c| !c.is_blank()) {
            for t in &texts {
                last.extend(t, line);
            }
        }
    }
}

/// Layouts with one cell per line: gather the cells, then cut them into rows at the row
/// numbers.
pub(super) fn cell_rows(
    lines: &[Line],
    start: usize,
    layout: Layout,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) -> Read {
    let mut stream = CellStream {
        layout,
        lex,
        cells: Vec::new(),
        open: false,
        next: 1,
    };
    let end = read_while(lines, start, |i| stream.read(lines, i));
    let mut cells = stream.cells;
    let first_row = first_row(&cells, lex);
    let header_cells: Vec<String> = cells[..first_row].iter().map(|c| c.text.clone()).collect();
    let header = header_from(&header_cells, lex);
    let header_end = cells[..first_row].last().map_or(start, |c| {
        lines
            .iter()
            .position(|l| l.no == c.last_line)
            .unwrap_or(start)
    });
    let rows = cut_rows(cells.split_off(first_row), &header, lex, diags);
    if layout == Layout::TabLed {
        uncertain_end(lines, end, &header, rows.last(), lex, diags);
    }
    Read {
        header,
        rows,
        header_end,
        end,
    }
}

/// A tab-led table that ends at a tab-led line may have been cut early, and nothing in
/// the layout tells whether that line (a cell reading as a heading, a note or a sentence)
/// is text after the table or a cell: when it starts a block of cells one per line (see
/// [`tab_led_block`]) as many as a row's, one aside, the block may be rows; else, when it
/// stands right below the last row or one blank line below, and that row is short of cells
/// (fewer cells than the header has columns, or no attribute where the header has one
/// last) or holds more cells than the header has columns (the next row's first cells,
/// blank), it and the block may be a row's cells. The lines stay text after the table, and
/// a warning names them, so the doubt is the reader's to settle.
fn uncertain_end(
    lines: &[Line],
    end: usize,
    header: &Header,
    last: Option<&RawRow>,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(line), Some(row)) = (lines.get(end), last) else {
        return;
    };
    if !line.text.starts_with('\t') || line.is_blank() {
        return;
    }
    let last_line = row.last_line();
    let short = short_row(row, header, lex);
    let (block, block_end) = tab_led_block(&lines[end..]);
    let (last_no, why) = if block >= header.cols.len().saturating_sub(1).max(2) {
        (
            block_end,
            format!(
                "lines {}–{block_end} are cells one per line as the table's are ({block} of them) but the first reads as text after the table, and so they were read: {}",
                line.no,
                line.trimmed()
            ),
        )
    } else if line.no <= last_line + 2 && (short || overrun(row, header)) {
        // Right below the row's last cell or past the one blank line that ends a row: if
        // the line is a cell, so are the tab-led lines after it.
        (
            block_end,
            format!(
                "read as text after the table, with the tab-led lines after it; the row of line {} lacks them if they are its cells: {}",
                row.line(),
                line.trimmed()
            ),
        )
    } else {
        return;
    };
    diags.push(
        Diagnostic::new(
            Severity::Warning,
            Some(line.no),
            DiagnosticKind::TableEndUncertain,
            why,
        )
        .through(last_no),
    );
}

/// Whether a row read one cell per line took in the first cells of the next row, blank
/// ones, whose text may be the line below: it holds more cells than the header has
/// columns, or its trailing blank cells stand past a blank line (the line that ends a row
/// in a Word export).
fn overrun(row: &RawRow, header: &Header) -> bool {
    let blanks = row.cells.iter().rev().take_while(|c| c.is_blank()).count();
    let split = row.cells.len() > blanks
        && row.cells[row.cells.len() - blanks..]
            .first()
            .is_some_and(|first| {
                first.line > row.cells[row.cells.len() - blanks - 1].last_line + 1
            });
    split || row.cells.len() > header.cols.len()
}

/// Whether a row lacks cells its header has: fewer cells than columns, or no attribute
/// last where the header ends with one.
pub(super) fn short_row(row: &RawRow, header: &Header, lex: &Lexicon) -> bool {
    row.cells.len() < header.cols.len()
        || (header.cols.last() == Some(&Col::Attribute)
            && row
                .cells
                .iter()
                .rev()
                .find(|c| !c.is_blank())
                .is_none_or(|c| attribute(&c.text, lex).is_none()))
}

/// The tab-led lines at the start of `lines` as a table's cells stand: tab-led lines,
/// with blank lines between them (two at most in a row) and lines without a tab right
/// below a tab-led one (a cell wrapped); how many tab-led lines, and the number of the
/// last line of the block.
pub(super) fn tab_led_block(lines: &[Line]) -> (usize, usize) {
    let (mut cells, mut last, mut blanks, mut after_cell) = (0, 0, 0, false);
    for l in lines.iter().filter(|l| l.skip.is_none()) {
        if l.text.starts_with('\t') {
            cells += 1;
            (last, blanks, after_cell) = (l.no, 0, true);
        } else if l.is_blank() {
            blanks += 1;
            after_cell = false;
            if blanks > 2 {
                break;
            }
        } else if after_cell {
            last = l.no;
        } else {
            break;
        }
    }
    (cells, last)
}

/// Where the header's cells end and the first row's begin: at the first row number after
/// the header words or, where the first row has lost its number or it reads as a header
/// word, at the first cell a header never holds (a value or an attribute) and the cells
/// before it that are not header words.
fn first_row(cells: &[Cell], lex: &Lexicon) -> usize {
    let header_like = |c: &Cell| {
        c.is_blank() || header_kind(&c.text, lex).is_some() || header_year(&c.text, lex).is_some()
    };
    let is_data = |c: &Cell| {
        attribute(&c.text, lex).is_some()
            || matches!(
                Value::read(&c.text, &BracketConvention::default(), lex).kind(),
                ValueKind::Number(_) | ValueKind::Range { .. }
            )
    };
    // A row number is followed by a name or a category, never by a value.
    let numbered = (3..cells.len())
        .find(|&k| {
            seq_number(&cells[k].text, lex).is_some() && !cells.get(k + 1).is_some_and(is_data)
        })
        .unwrap_or(cells.len());
    let data = cells[..numbered]
        .iter()
        .position(|c| !header_like(c) && is_data(c))
        .unwrap_or(numbered);
    let follows = |a: usize, b: usize| {
        cells[a..=b]
            .windows(2)
            .all(|w| w[1].line <= w[0].last_line + 1)
    };
    // A cell a header never holds, past a blank line after the header's last word (blank
    // cells may stand between), starts the rows even when the first row has neither a
    // number nor a value. A header that names its indicators and their attributes (the
    // last column) is whole: a label past it is a row's text (a name such as 目标), not
    // more header; so is a year past a whole header that has its two years already
    // (2020年基数 | 2025年目标): a second header row gives years only where the first gave
    // none. One pass, with what the header words so far give.
    let (mut name, mut attribute_col, mut years) = (false, false, 0usize);
    let mut seen_word = false;
    // Whether a line is skipped between the last non-blank cell and this one.
    let mut gap = false;
    let mut apart = None;
    for k in 0..data {
        let c = &cells[k];
        if k > 0 && c.line > cells[k - 1].last_line + 1 {
            gap = true;
        }
        if c.is_blank() {
            continue;
        }
        let kind = header_kind(&c.text, lex);
        let year = header_year(&c.text, lex).is_some();
        if seen_word && gap {
            let whole = name && attribute_col;
            // A second header row gives its years together: a first year with a row's
            // text after it (2025年 | 期末市场主体总量 | …) is the row's first cell.
            let lone_year = year
                && whole
                && years == 0
                && cells[k + 1..]
                    .iter()
                    .find(|c| !c.is_blank())
                    .is_some_and(|next| !header_like(next));
            if !header_like(c)
                || (kind.is_some() && whole)
                || (year && whole && years >= 2)
                || lone_year
            {
                apart = Some(k);
                break;
            }
        }
        seen_word = true;
        gap = false;
        name |= kind == Some(Col::Name);
        attribute_col |= kind == Some(Col::Attribute);
        years += usize::from(year);
    }
    let start = apart.unwrap_or(data);
    // Back over the row's cells: non-blank cells that are not header words, and the
    // blank cells between them, on lines that follow each other (a row number cell that
    // reads as no number, `r`, is the row's, not a header column; a header label of a
    // kind we do not know stands apart from the rows, past a blank line).
    let header_word = |c: &Cell| !c.is_blank() && header_like(c);
    let mut k = start;
    while let Some(m) = cells[..k].iter().rposition(|c| !c.is_blank()) {
        if header_word(&cells[m]) || k == cells.len() || !follows(m, k) || Some(k) == apart {
            break;
        }
        k = m;
    }
    k
}

/// The cells of a one-cell-per-line table, gathered line by line, header first.
struct CellStream<'l> {
    layout: Layout,
    lex: &'l Lexicon,
    cells: Vec<Cell>,
    /// Whether the last line read can be continued by the next one.
    open: bool,
    /// The number the next row would have, counted from the row numbers seen.
    next: u32,
}

impl CellStream<'_> {
    /// Reads one line into cells, or tells that the table ended before it.
    fn read(&mut self, lines: &[Line], i: usize) -> Flow {
        let line = &lines[i];
        if line.skip.is_some() {
            return Flow::Next;
        }
        let text = line.text.as_str();
        let t = trim(text);
        if text.is_empty()
            || (self.layout != Layout::Padded && t.is_empty() && !text.starts_with('\t'))
        {
            self.open = false;
            return Flow::Next;
        }
        let (layout, next, lex) = (self.layout, self.next, self.lex);
        let goes_on = || resumes(lines, i, layout, next, lex);
        if self.ends_at(text, t) && !goes_on() && !self.names_a_row(text) {
            return Flow::End;
        }
        let before = self.cells.len();
        match self.layout {
            Layout::TabLed if !text.starts_with('\t') && self.own_cell(t) => {
                self.cells.push(Cell::new(t, line.no));
                self.open = true;
            }
            Layout::TabLed => {
                if self.tab_led(text, line.no, goes_on) == Flow::End {
                    return Flow::End;
                }
            }
            Layout::Padded => self.padded(text, t, line.no),
            _ => {
                for part in text.split('\t') {
                    self.cells.push(Cell::new(part, line.no));
                }
            }
        }
        for cell in &self.cells[before..] {
            if seq_number(&cell.text, self.lex) == Some(self.next) {
                self.next = self.next.saturating_add(1);
            }
        }
        Flow::Next
    }

    /// Whether a line past the header looks like the end of the table: a stop line,
    /// unless it continues an open tab-led cell (a long name split over lines) and is not
    /// a note.
    fn ends_at(&self, text: &str, t: &str) -> bool {
        let past_header = self.cells.len() > 3;
        let continues_cell = self.open && self.layout == Layout::TabLed && !text.starts_with('\t');
        past_header && stop_line(t, self.lex).is_some() && (!continues_cell || self.own_cell(t))
    }

    /// Whether a tab-led line stands right after a row's number cell: it is that row's
    /// name, whatever it reads as (三、强化质量提升).
    fn names_a_row(&self, text: &str) -> bool {
        self.layout == Layout::TabLed
            && text.starts_with('\t')
            && self
                .cells
                .last()
                .is_some_and(|c| seq_number(&c.text, self.lex).is_some())
    }

    /// Whether a line that a table goes on after is a cell of its own even without its
    /// tab: a heading or a note opener never continues the cell above.
    fn own_cell(&self, t: &str) -> bool {
        stop_line(t, self.lex) == Some(Stop::Notes) || is_heading(t, self.lex)
    }

    /// A tab-led line starts cells; a line without a tab continues the cell above, when
    /// the cell is open or a blank line split it and the table goes on.
    fn tab_led(&mut self, text: &str, line: usize, goes_on: impl Fn() -> bool) -> Flow {
        if let Some(body) = text.strip_prefix('\t') {
            for part in body.split('\t') {
                self.cells.push(Cell::new(part, line));
            }
            self.open = true;
        } else if self.open || (!self.cells.is_empty() && goes_on()) {
            // A cell split over lines (市场\n主体\n准入); text after a tab is a glued cell.
            let mut parts = text.split('\t');
            if let (Some(first), Some(last)) = (parts.next(), self.cells.last_mut()) {
                last.extend(first, line);
            }
            for part in parts {
                self.cells.push(Cell::new(part, line));
            }
            self.open = true;
        } else {
            return Flow::End;
        }
        Flow::Next
    }

    /// A padded line ends its cell; a line without padding leaves it open for the next.
    fn padded(&mut self, text: &str, t: &str, line: usize) {
        let padded = text.chars().rev().take_while(|c| c.is_whitespace()).count() >= 2;
        match self.cells.last_mut() {
            Some(last) if self.open => {
                last.extend(t, line);
            }
            _ => self.cells.push(Cell::new(t, line)),
        }
        self.open = !padded && !t.is_empty();
    }
}

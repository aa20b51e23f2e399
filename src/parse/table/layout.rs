//! The layouts a table's lines come in, and one reader for each family: rows one per line
//! (pipes, tabs, `pdftotext -layout` columns) and cells one per line (tab-led, padded,
//! plain), including cells split over lines and cells glued behind a tab.

use super::find::{Stop, header_from, header_kind, header_year, seq_number, stop_line};
use super::fit::cut_rows;
use super::segments::{Segment, aligned_segments, pipe_cells, place_segments};
use super::{Cell, Header, RawRow};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::text::{Line, trim};
use crate::text::Lexicon;

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
fn read_while(lines: &[Line], from: usize, mut read: impl FnMut(&Line) -> Flow) -> usize {
    let mut i = from;
    while i < lines.len() && read(&lines[i]) == Flow::Next {
        i += 1;
    }
    i
}

/// Layouts with one row per line (pipes, tabs, aligned columns): a line without a row
/// number continues the row above, cell by cell.
pub(super) fn line_rows(
    lines: &[Line],
    start: usize,
    layout: Layout,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) -> (Header, Vec<RawRow>, usize) {
    let mut reader = LineRows::new(&lines[start].text, layout, lex);
    let end = read_while(lines, start + 1, |line| reader.read(line, diags));
    (header_from(&reader.header_cells, lex), reader.rows, end)
}

/// What the one-row-per-line reader holds between lines.
struct LineRows<'l> {
    layout: Layout,
    lex: &'l Lexicon,
    /// The header's column positions, in aligned layouts.
    columns: Option<Vec<Segment>>,
    /// The header's cells, over one line or several (years below the labels).
    header_cells: Vec<String>,
    /// Whether no row has been read yet, so a line of header words extends the header.
    in_header: bool,
    rows: Vec<RawRow>,
}

impl<'l> LineRows<'l> {
    fn new(header_line: &str, layout: Layout, lex: &'l Lexicon) -> LineRows<'l> {
        LineRows {
            layout,
            lex,
            columns: (layout == Layout::Aligned).then(|| aligned_segments(header_line)),
            header_cells: split_line(header_line, layout, None)
                .into_iter()
                .map(|c| c.0)
                .collect(),
            in_header: true,
            rows: Vec::new(),
        }
    }

    /// Reads one line after the header: a header line, a row, a continuation, or the end.
    fn read(&mut self, line: &Line, diags: &mut Vec<Diagnostic>) -> Flow {
        let layout = self.layout;
        if line.skip.is_some() || line.is_blank() {
            return Flow::Next;
        }
        let t = line.trimmed();
        if layout == Layout::Pipe && !t.starts_with('|') {
            return Flow::End;
        }
        if layout == Layout::Pipe && t.chars().all(|c| "|-:= ".contains(c)) {
            return Flow::Next;
        }
        let parts = split_line(&line.text, layout, self.columns.as_deref());
        let first = parts.first().map(|p| p.0.as_str()).unwrap_or("");
        let seq = seq_number(first, self.lex);
        if seq.is_none()
            && layout != Layout::Pipe
            && parts.iter().filter(|p| !p.0.is_empty()).count() <= 1
            && stop_line(t, self.lex).is_some()
        {
            return Flow::End;
        }
        if seq.is_none() && self.in_header && is_header_line(&parts, self.lex) {
            self.header_cells.extend(parts.into_iter().map(|p| p.0));
            return Flow::Next;
        }
        if layout == Layout::TabRows && !t.contains('\t') && seq.is_none() {
            // Prose after a tab table.
            return Flow::End;
        }
        self.in_header = false;
        self.add(seq, parts, line, diags);
        Flow::Next
    }

    /// Starts a row at a row number; joins a line without one to the row above.
    fn add(
        &mut self,
        seq: Option<u32>,
        cells: Vec<(String, Option<usize>)>,
        line: &Line,
        diags: &mut Vec<Diagnostic>,
    ) {
        match (seq, self.rows.last_mut()) {
            (None, Some(prev)) => continue_row(prev, cells, line.no, self.layout, diags),
            (None, None) => {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    Some(line.no),
                    DiagnosticKind::TextBeforeFirstRow,
                    line.trimmed().to_string(),
                ));
            }
            (Some(_), _) => self.rows.push(RawRow {
                cells: cells
                    .into_iter()
                    .map(|(text, col)| Cell {
                        col,
                        ..Cell::new(&text, line.no)
                    })
                    .collect(),
            }),
        }
    }
}

/// Whether every cell of a line is blank, a year or a header word: a further header line.
fn is_header_line(parts: &[(String, Option<usize>)], lex: &Lexicon) -> bool {
    parts.iter().all(|p| {
        p.0.is_empty() || header_year(&p.0, lex).is_some() || header_kind(&p.0, lex).is_some()
    })
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

/// Appends a continuation line's cells to the row above.
fn continue_row(
    prev: &mut RawRow,
    cells: Vec<(String, Option<usize>)>,
    line: usize,
    layout: Layout,
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
                Some(cell) => cell.extend(&text),
                None => {
                    let mut cell = Cell::new(&text, line);
                    cell.col = col;
                    prev.cells.push(cell);
                }
            }
        }
        return;
    }
    if cells.len() == prev.cells.len() {
        for (cell, (text, _)) in prev.cells.iter_mut().zip(cells) {
            cell.extend(&text);
        }
    } else {
        let texts: Vec<String> = cells
            .into_iter()
            .map(|c| c.0)
            .filter(|t| !t.is_empty())
            .collect();
        diags.push(Diagnostic::new(
            Severity::Warning,
            Some(line),
            DiagnosticKind::RowJoined,
            texts.join(" | "),
        ));
        if let Some(last) = prev.cells.iter_mut().rev().find(|c| !c.is_blank()) {
            for t in texts {
                last.extend(&t);
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
) -> (Header, Vec<RawRow>, usize) {
    let mut stream = CellStream {
        layout,
        lex,
        cells: Vec::new(),
        open: false,
    };
    let end = read_while(lines, start, |line| stream.read(line));
    let cells = stream.cells;
    // The header is everything before the first row number that follows header words.
    let first_row = cells
        .iter()
        .enumerate()
        .position(|(k, c)| k >= 3 && seq_number(&c.text, lex).is_some())
        .unwrap_or(cells.len());
    let header_cells: Vec<String> = cells[..first_row].iter().map(|c| c.text.clone()).collect();
    let header = header_from(&header_cells, lex);
    let rows = cut_rows(&cells[first_row..], &header, lex, diags);
    (header, rows, end)
}

/// The cells of a one-cell-per-line table, gathered line by line, header first.
struct CellStream<'l> {
    layout: Layout,
    lex: &'l Lexicon,
    cells: Vec<Cell>,
    /// Whether the last line read can be continued by the next one.
    open: bool,
}

impl CellStream<'_> {
    /// Reads one line into cells, or tells that the table ended before it.
    fn read(&mut self, line: &Line) -> Flow {
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
        if self.ends_at(text, t) {
            return Flow::End;
        }
        match self.layout {
            Layout::TabLed => return self.tab_led(text, line.no),
            Layout::Padded => self.padded(text, t, line.no),
            _ => {
                for part in text.split('\t') {
                    self.cells.push(Cell::new(part, line.no));
                }
            }
        }
        Flow::Next
    }

    /// Whether a line past the header ends the table: a stop line, unless it continues an
    /// open tab-led cell (a long name split over lines) and is not a note.
    fn ends_at(&self, text: &str, t: &str) -> bool {
        let past_header = self.cells.len() > 3;
        past_header
            && stop_line(t, self.lex).is_some()
            && !(self.open
                && self.layout == Layout::TabLed
                && !text.starts_with('\t')
                && stop_line(t, self.lex) != Some(Stop::Notes))
    }

    /// A tab-led line starts cells; a line without a tab continues the cell above.
    fn tab_led(&mut self, text: &str, line: usize) -> Flow {
        if let Some(body) = text.strip_prefix('\t') {
            for part in body.split('\t') {
                self.cells.push(Cell::new(part, line));
            }
            self.open = true;
        } else if self.open {
            // A cell split over lines (市场\n主体\n准入); text after a tab is a glued cell.
            let mut parts = text.split('\t');
            if let (Some(first), Some(last)) = (parts.next(), self.cells.last_mut()) {
                last.extend(first);
            }
            for part in parts {
                self.cells.push(Cell::new(part, line));
            }
        } else {
            return Flow::End;
        }
        Flow::Next
    }

    /// A padded line ends its cell; a line without padding leaves it open for the next.
    fn padded(&mut self, text: &str, t: &str, line: usize) {
        let padded = text.chars().rev().take_while(|c| c.is_whitespace()).count() >= 2;
        if self.open {
            if let Some(last) = self.cells.last_mut() {
                last.extend(t);
            }
        } else {
            self.cells.push(Cell::new(t, line));
        }
        self.open = !padded && !t.is_empty();
    }
}

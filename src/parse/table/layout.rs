//! The layouts a table's lines come in, and one reader for each family: rows one per line
//! (pipes, tabs, `pdftotext -layout` columns) and cells one per line (tab-led, padded,
//! plain), including cells split over lines and cells glued behind a tab.

use super::find::{Stop, header_from, header_kind, header_year, seq_number, stop_line};
use super::fit::cut_rows;
use super::segments::{Segment, aligned_segments, pipe_cells, place_segments};
use super::{Cell, Header, RawRow};
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::text::{Line, trim};

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

/// Layouts with one row per line (pipes, tabs, aligned columns): a line without a row
/// number continues the row above, cell by cell.
pub(super) fn line_rows(
    lines: &[Line],
    start: usize,
    layout: Layout,
    diags: &mut Vec<Diagnostic>,
) -> (Header, Vec<RawRow>, usize) {
    let mut header_cells: Vec<String> = split_line(&lines[start].text, layout, None)
        .into_iter()
        .map(|c| c.0)
        .collect();
    let columns = (layout == Layout::Aligned).then(|| aligned_segments(&lines[start].text));
    let mut rows: Vec<RawRow> = Vec::new();
    let mut i = start + 1;
    let mut in_header = true;
    while i < lines.len() {
        let line = &lines[i];
        if line.skip.is_some() || line.is_blank() {
            i += 1;
            continue;
        }
        let t = line.trimmed();
        if layout == Layout::Pipe && !t.starts_with('|') {
            break;
        }
        if layout == Layout::Pipe && t.chars().all(|c| "|-:= ".contains(c)) {
            i += 1;
            continue;
        }
        let parts = split_line(&line.text, layout, columns.as_deref());
        let first = parts.first().map(|p| p.0.as_str()).unwrap_or("");
        let seq = seq_number(first);
        if seq.is_none()
            && layout != Layout::Pipe
            && parts.iter().filter(|p| !p.0.is_empty()).count() <= 1
        {
            if let Some(_stop) = stop_line(t) {
                break;
            }
        }
        if seq.is_none()
            && in_header
            && parts.iter().all(|p| {
                p.0.is_empty() || header_year(&p.0).is_some() || header_kind(&p.0).is_some()
            })
        {
            header_cells.extend(parts.into_iter().map(|p| p.0));
            i += 1;
            continue;
        }
        if layout == Layout::TabRows && !t.contains('\t') && seq.is_none() {
            // Prose after a tab table.
            break;
        }
        in_header = false;
        let cells: Vec<(String, Option<usize>)> = parts;
        match (seq, rows.last_mut()) {
            (None, Some(prev)) => continue_row(prev, cells, line.no, layout, diags),
            (None, None) => {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    Some(line.no),
                    "text between header and first row",
                    t.to_string(),
                ));
            }
            (Some(_), _) => rows.push(RawRow {
                cells: cells
                    .into_iter()
                    .map(|(text, col)| Cell {
                        col,
                        ..Cell::new(&text, line.no)
                    })
                    .collect(),
            }),
        }
        i += 1;
    }
    (header_from(&header_cells), rows, i)
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
            "line without a row number joined to the row above",
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
    diags: &mut Vec<Diagnostic>,
) -> (Header, Vec<RawRow>, usize) {
    let mut cells: Vec<Cell> = Vec::new();
    // Whether the last line read can be continued by the next one.
    let mut open = false;
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        if line.skip.is_some() {
            i += 1;
            continue;
        }
        let text = line.text.as_str();
        let t = trim(text);
        if text.is_empty() || (layout != Layout::Padded && t.is_empty() && !text.starts_with('\t'))
        {
            open = false;
            i += 1;
            continue;
        }
        let past_header = cells.len() > 3;
        if past_header
            && stop_line(t).is_some()
            && !(open
                && layout == Layout::TabLed
                && !text.starts_with('\t')
                && stop_line(t) != Some(Stop::Notes))
        {
            break;
        }
        match layout {
            Layout::TabLed => {
                if let Some(body) = text.strip_prefix('\t') {
                    for part in body.split('\t') {
                        cells.push(Cell::new(part, line.no));
                    }
                    open = true;
                } else if open {
                    // A cell split over lines (市场\n主体\n准入); text after a tab is a glued cell.
                    let mut parts = text.split('\t');
                    if let (Some(first), Some(last)) = (parts.next(), cells.last_mut()) {
                        last.extend(first);
                    }
                    for part in parts {
                        cells.push(Cell::new(part, line.no));
                    }
                } else {
                    break;
                }
            }
            Layout::Padded => {
                let padded = text.chars().rev().take_while(|c| c.is_whitespace()).count() >= 2;
                if open {
                    if let Some(last) = cells.last_mut() {
                        last.extend(t);
                    }
                } else {
                    cells.push(Cell::new(t, line.no));
                }
                open = !padded && !t.is_empty();
            }
            _ => {
                for part in text.split('\t') {
                    cells.push(Cell::new(part, line.no));
                }
            }
        }
        i += 1;
    }
    let end = i;
    // The header is everything before the first row number that follows header words.
    let first_row = cells
        .iter()
        .enumerate()
        .position(|(k, c)| k >= 3 && seq_number(&c.text).is_some())
        .unwrap_or(cells.len());
    let header_cells: Vec<String> = cells[..first_row].iter().map(|c| c.text.clone()).collect();
    let header = header_from(&header_cells);
    let rows = cut_rows(&cells[first_row..], &header, diags);
    (header, rows, end)
}

//! Finding a plan's indicator tables and reading them in every layout such text comes in.
//!
//! Reading happens in two steps. A layout reader turns the lines of one table into raw
//! rows of cells: cells one per line (tab-led or padded), rows one per line with tabs,
//! columns aligned by runs of spaces (`pdftotext -layout`), or Markdown pipe tables. Then
//! one row reader assigns each raw row's cells to the columns of the header, allowing for
//! what tables do: a category column the header lacks, a merged category cell that
//! only the first row of its group carries, an extra qualifier cell.

use unicode_width::UnicodeWidthChar;

use crate::model::{
    Accumulation, Attribute, Bracket, BracketConvention, Indicator, TableInfo, TableNote, Unit,
    ValueKind,
};
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::text::{Line, trim};
use crate::parse::unit::looks_like_unit;
use crate::parse::value::value_with;

/// A column of an indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Seq,
    Category,
    Name,
    Qualifier,
    Unit,
    Baseline,
    Target,
    Attribute,
    Notes,
}

/// One cell as the layout reader found it.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    line: usize,
    /// The header column the cell sits under, in layouts with positions.
    col: Option<usize>,
}

impl Cell {
    fn new(text: &str, line: usize) -> Cell {
        Cell {
            text: trim(text).to_string(),
            line,
            col: None,
        }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends a continuation line: CJK text joins directly, Latin words with a space.
    fn extend(&mut self, more: &str) {
        let more = trim(more);
        if more.is_empty() {
            return;
        }
        let ascii_edge = self
            .text
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && more
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_edge {
            self.text.push(' ');
        }
        self.text.push_str(more);
    }
}

/// A table row before its cells are assigned to columns.
#[derive(Debug, Clone)]
struct RawRow {
    cells: Vec<Cell>,
}

impl RawRow {
    fn line(&self) -> usize {
        self.cells.first().map_or(0, |c| c.line)
    }
}

/// The header: its columns in order, and the years a second header row gave.
#[derive(Debug, Clone, Default)]
struct Header {
    cols: Vec<Col>,
    baseline_year: Option<u16>,
    target_year: Option<u16>,
}

impl Header {
    fn has(&self, c: Col) -> bool {
        self.cols.contains(&c)
    }
}

/// One table read from a document.
pub(crate) struct Table {
    pub info: TableInfo,
    pub indicators: Vec<Indicator>,
    /// The line indices (0-based into the line slice) the table and its notes occupy.
    pub span: std::ops::Range<usize>,
}

/// Finds and reads every indicator table.
pub(crate) fn tables(lines: &[Line], diags: &mut Vec<Diagnostic>) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].skip.is_none() && header_start(lines, i) {
            let table = read_table(lines, i, diags);
            i = table.span.end.max(i + 1);
            out.push(table);
        } else {
            i += 1;
        }
    }
    out
}

/// Classifies a header cell.
fn header_kind(cell: &str) -> Option<Col> {
    let t: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '|' | '*'))
        .collect();
    if t.is_empty() || t.chars().count() > 16 {
        return None;
    }
    let kind = match t.as_str() {
        "序号" | "编号" | "序" | "No." | "No" => Col::Seq,
        "类别" | "指标类别" | "类型" | "指标类型" | "领域" | "分类" | "类" | "指标分类"
        | "方面" => Col::Category,
        "主要指标" | "指标" | "指标名称" | "具体指标" | "指标内容" | "名称" | "主要指标名称" => {
            Col::Name
        }
        "单位" | "计量单位" | "指标单位" => Col::Unit,
        "属性" | "指标属性" | "性质" | "指标性质" => Col::Attribute,
        "备注" | "说明" => Col::Notes,
        _ => {
            if t.contains("基期")
                || t.contains("基准")
                || t.contains("现状")
                || t.contains("实现数")
                || t.contains("基数")
            {
                Col::Baseline
            } else if t.contains("规划值") || t.contains("目标") || t.contains("预期值") {
                Col::Target
            } else {
                return None;
            }
        }
    };
    Some(kind)
}

/// A four-digit year in a header cell (`2020年`, `（2025年）`).
fn header_year(cell: &str) -> Option<u16> {
    let digits: String = cell.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest: String = cell
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !"年()（）".contains(*c))
        .collect();
    if digits.len() == 4 && rest.chars().count() <= 6 {
        digits.parse().ok().filter(|y| (1949..=2100).contains(y))
    } else {
        None
    }
}

/// Splits a line into cells the way its layout does: pipes, tabs, or runs of spaces.
fn split_cells(text: &str) -> Vec<String> {
    let t = trim(text);
    if t.starts_with('|') {
        return pipe_cells(t);
    }
    if t.contains('\t') {
        return t.split('\t').map(|c| trim(c).to_string()).collect();
    }
    aligned_segments(text).into_iter().map(|s| s.text).collect()
}

fn pipe_cells(t: &str) -> Vec<String> {
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| trim(c).to_string()).collect()
}

/// Whether a header begins at line `i`.
fn header_start(lines: &[Line], i: usize) -> bool {
    let cells = split_cells(&lines[i].text);
    let kinds: Vec<Col> = cells.iter().filter_map(|c| header_kind(c)).collect();
    if cells.len() >= 3 {
        return is_header(&kinds);
    }
    // Cells one per line: the header's cells follow on the next lines.
    if cells.len() != 1
        || !matches!(
            header_kind(&cells[0]),
            Some(Col::Seq | Col::Name | Col::Category)
        )
    {
        return false;
    }
    let mut kinds = Vec::new();
    for l in lines.iter().skip(i).take(24) {
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        match header_kind(t) {
            Some(k) => kinds.push(k),
            None if header_year(t).is_some() => {}
            None => break,
        }
    }
    is_header(&kinds)
}

fn is_header(kinds: &[Col]) -> bool {
    let distinct = [
        Col::Seq,
        Col::Category,
        Col::Name,
        Col::Unit,
        Col::Baseline,
        Col::Target,
        Col::Attribute,
    ]
    .iter()
    .filter(|k| kinds.contains(k))
    .count();
    kinds.contains(&Col::Name)
        && distinct >= 4
        && (kinds.contains(&Col::Target) || kinds.contains(&Col::Attribute))
}

/// How a table's lines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
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

fn layout_of(text: &str) -> Layout {
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

/// Why a line ends a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Notes,
    Other,
}

/// Whether a line cannot belong to a table's rows: notes, a heading or prose.
fn stop_line(t: &str) -> Option<Stop> {
    let t = trim(t);
    if t.is_empty() {
        return None;
    }
    let notes = ["注：", "注:", "注 ", "备注", "说明：", "说明:", "资料来源"];
    if notes.iter().any(|n| t.starts_with(n)) || t == "注" {
        return Some(Stop::Notes);
    }
    if is_heading(t) || t.chars().count() > 60 || (t.contains('。') && t.chars().count() > 30) {
        return Some(Stop::Other);
    }
    None
}

/// 第三章 …, 第一节 …, 三、…, （一）… : the outline's headings.
pub(crate) fn is_heading(t: &str) -> bool {
    let numerals = |c: char| "一二三四五六七八九十百零〇两".contains(c) || c.is_ascii_digit();
    if let Some(rest) = t.strip_prefix('第') {
        let n = rest.chars().take_while(|c| numerals(*c)).count();
        return n > 0 && rest.chars().nth(n).is_some_and(|c| "章节部篇".contains(c));
    }
    let n = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    if n > 0 && t.chars().nth(n) == Some('、') {
        return true;
    }
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let n = rest
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        return n > 0 && rest.chars().nth(n).is_some_and(|c| c == '）' || c == ')');
    }
    false
}

/// The sequence number a cell holds, if it is one (`1`, `1.`, `（1）`).
fn seq_number(t: &str) -> Option<u32> {
    let t = trim(t);
    let t = t.trim_end_matches(['.', '、', '．']);
    let t = t
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .unwrap_or(t);
    if t.is_empty() || t.len() > 6 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn attribute(t: &str) -> Option<Attribute> {
    let t = trim(t);
    if t.chars().count() > 8 {
        return None;
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    match t.trim_end_matches("指标") {
        "约束性" | "约束" => Some(Attribute::Binding),
        "预期性" | "预期" => Some(Attribute::Expected),
        _ => None,
    }
}

/// Reads the table whose header starts at line `start`.
fn read_table(lines: &[Line], start: usize, diags: &mut Vec<Diagnostic>) -> Table {
    let layout = layout_of(&lines[start].text);
    let (header, rows, mut end) = match layout {
        Layout::Pipe | Layout::TabRows | Layout::Aligned => line_rows(lines, start, layout, diags),
        Layout::TabLed | Layout::Padded | Layout::Plain => cell_rows(lines, start, layout, diags),
    };
    let (notes, notes_end) = read_notes(lines, end);
    end = notes_end.max(end);
    let mut brackets = BracketConvention::default();
    for note in &notes {
        define_brackets(&note.text, note.line, &mut brackets);
    }
    let caption_line = caption(lines, start);
    let mut info = TableInfo {
        caption: caption_line.map(|c| lines[c].trimmed().to_string()),
        line: lines[caption_line.unwrap_or(start)].no,
        baseline_year: header.baseline_year,
        target_year: header.target_year,
        notes,
        brackets,
        rows: rows.len(),
    };
    if rows.is_empty() {
        diags.push(Diagnostic::new(
            Severity::Warning,
            Some(lines[start].no),
            "indicator table without rows",
            "a header was found but no row under it",
        ));
    }
    let mut indicators = Vec::with_capacity(rows.len());
    let mut category: Option<String> = None;
    let shapes = candidates(&header);
    for row in &rows {
        match read_row(row, &header, &shapes, &info.brackets, &mut category) {
            Ok((ind, warnings)) => {
                for w in warnings {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        Some(row.line()),
                        w,
                        cells_text(row),
                    ));
                }
                indicators.push(ind);
            }
            Err(why) => diags.push(Diagnostic::new(
                Severity::Error,
                Some(row.line()),
                format!("table row not read: {why}"),
                cells_text(row),
            )),
        }
    }
    check_sequence(&indicators, diags);
    info.rows = rows.len();
    Table {
        info,
        indicators,
        span: caption_line.unwrap_or(start)..end,
    }
}

fn cells_text(row: &RawRow) -> String {
    row.cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn check_sequence(indicators: &[Indicator], diags: &mut Vec<Diagnostic>) {
    for pair in indicators.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].seq, pair[1].seq) {
            if b != a + 1 {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    Some(pair[1].line),
                    "row numbers jump",
                    format!("row {b} follows row {a}"),
                ));
            }
        }
    }
}

/// The caption above a header: a short line naming an indicator table.
fn caption(lines: &[Line], start: usize) -> Option<usize> {
    let mut seen = 0;
    for j in (0..start).rev() {
        let t = lines[j].trimmed();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 3 {
            break;
        }
        if t.contains("指标")
            && (t.ends_with('表') || t.contains("指标表"))
            && t.chars().count() <= 50
        {
            return Some(j);
        }
    }
    None
}

/// Builds the header from its cells (one row, or two with years below).
fn header_from(cells: &[String]) -> Header {
    let mut h = Header::default();
    let mut years = Vec::new();
    let mut kinds_seen = 0;
    for c in cells {
        if let Some(k) = header_kind(c) {
            // Years written inside a header cell: 基期值（2020年）.
            if let Some(y) = header_year(c.trim_start_matches(|ch: char| !ch.is_ascii_digit())) {
                years.push((k, y));
            }
            if !(kinds_seen > 0 && h.cols.contains(&k) && k != Col::Notes) {
                h.cols.push(k);
            }
            kinds_seen += 1;
        } else if let Some(y) = header_year(c) {
            years.push((Col::Baseline, y));
        } else if trim(c).is_empty() && h.cols == [Col::Seq] {
            // An unlabelled column between 序号 and the name is the category column.
            h.cols.push(Col::Category);
        } else if !trim(c).is_empty() {
            // A header cell of a kind we do not know still takes a column.
            h.cols.push(Col::Notes);
        }
    }
    if h.cols.iter().filter(|c| **c == Col::Category).count() > 1 {
        h.cols.dedup();
    }
    let mut ys: Vec<u16> = years.iter().map(|(_, y)| *y).collect();
    ys.sort_unstable();
    ys.dedup();
    if let [first, .., last] = ys.as_slice() {
        h.baseline_year = Some(*first);
        h.target_year = Some(*last);
    }
    if !h.has(Col::Baseline) && !h.has(Col::Target) && ys.len() >= 2 {
        // A header with years only (2020年 | 2025年) in place of 基期值 | 规划值.
        let at = h
            .cols
            .iter()
            .position(|c| *c == Col::Attribute)
            .unwrap_or(h.cols.len());
        h.cols.insert(at, Col::Target);
        h.cols.insert(at, Col::Baseline);
    }
    h
}

/// Layouts with one row per line (pipes, tabs, aligned columns): a line without a row
/// number continues the row above, cell by cell.
fn line_rows(
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

/// A run of text in an aligned line, with its display column.
#[derive(Debug, Clone)]
struct Segment {
    text: String,
    start: usize,
}

/// Splits a line at runs of whitespace two display columns wide or wider.
fn aligned_segments(text: &str) -> Vec<Segment> {
    let mut segs = Vec::new();
    let mut col = 0usize;
    let mut cur = String::new();
    let mut cur_start = 0usize;
    let mut gap = 0usize;
    let mut gap_text = String::new();
    for c in text.chars() {
        let w = if c == '\t' {
            8 - col % 8
        } else {
            c.width().unwrap_or(0)
        };
        if c.is_whitespace() {
            gap += w.max(1);
            gap_text.push(c);
        } else {
            if gap >= 2 && !cur.is_empty() {
                segs.push(Segment {
                    text: std::mem::take(&mut cur),
                    start: cur_start,
                });
            } else if !cur.is_empty() {
                cur.push_str(&gap_text);
            }
            if cur.is_empty() {
                cur_start = col;
            }
            gap = 0;
            gap_text.clear();
            cur.push(c);
        }
        col += w;
    }
    if !cur.is_empty() {
        segs.push(Segment {
            text: cur,
            start: cur_start,
        });
    }
    segs
}

/// Places segments into the header's columns: a segment belongs to the last column that
/// starts at or before it (with two columns of slack for centred text).
fn place_segments(segs: Vec<Segment>, cols: &[Segment]) -> Vec<(String, Option<usize>)> {
    let mut out: Vec<(String, Option<usize>)> = Vec::new();
    let mut last_col = None;
    for s in segs {
        let idx = cols
            .iter()
            .rposition(|c| c.start <= s.start + 2)
            .unwrap_or(0);
        // Fill the columns skipped since the last segment with blanks.
        let from = last_col.map_or(0, |l: usize| l + 1);
        for k in from..idx {
            out.push((String::new(), Some(k)));
        }
        out.push((s.text, Some(idx)));
        last_col = Some(last_col.map_or(idx, |l: usize| l.max(idx)));
    }
    let from = last_col.map_or(0, |l| l + 1);
    for k in from..cols.len() {
        out.push((String::new(), Some(k)));
    }
    out
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
fn cell_rows(
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

/// Cuts a stream of cells into rows: a row number starts a row once the row before is
/// complete (it ended with an attribute, or has as many cells as the header).
fn cut_rows(cells: &[Cell], header: &Header, diags: &mut Vec<Diagnostic>) -> Vec<RawRow> {
    let ncols = header.cols.len().max(3);
    let has_attr = header.has(Col::Attribute);
    let mut rows: Vec<RawRow> = Vec::new();
    let mut expected = 1;
    for cell in cells {
        let starts = match (seq_number(&cell.text), rows.last()) {
            (Some(_), None) => true,
            (Some(n), Some(r)) => {
                let ended = has_attr
                    && r.cells.last().is_some_and(|c| attribute(&c.text).is_some())
                    && !header.cols.ends_with(&[Col::Attribute, Col::Notes]);
                ended || (n == expected && r.cells.len() + 1 >= ncols) || r.cells.len() >= ncols + 2
            }
            (None, None) => false,
            (None, Some(_)) => false,
        };
        if starts {
            expected = seq_number(&cell.text).map_or(expected, |n| n + 1);
            rows.push(RawRow {
                cells: vec![cell.clone()],
            });
        } else if let Some(r) = rows.last_mut() {
            r.cells.push(cell.clone());
        } else if !cell.is_blank() {
            diags.push(Diagnostic::new(
                Severity::Warning,
                Some(cell.line),
                "cell before the first row ignored",
                cell.text.clone(),
            ));
        }
    }
    rows
}

/// What a cell looks like, computed once per cell.
#[derive(Debug, Clone, Copy)]
struct Traits {
    blank: bool,
    seq: bool,
    attribute: bool,
    unit: bool,
    value: bool,
    short: bool,
}

impl Traits {
    fn of(cell: &Cell) -> Traits {
        let t = cell.text.as_str();
        Traits {
            blank: cell.is_blank(),
            seq: seq_number(t).is_some(),
            attribute: attribute(t).is_some(),
            unit: looks_like_unit(t),
            value: !cell.is_blank()
                && !matches!(
                    value_with(t, &BracketConvention::default()).kind(),
                    ValueKind::Text
                ),
            short: t.chars().count() <= 20,
        }
    }
}

/// How well a cell fits a column; the row reader keeps the assignment that fits best.
fn fit(col: Col, c: Traits) -> f32 {
    match col {
        Col::Seq if c.seq => 2.0,
        Col::Seq => -5.0,
        Col::Attribute if c.attribute => 3.0,
        Col::Attribute if c.blank => 0.0,
        Col::Attribute => -5.0,
        Col::Unit if c.blank => 0.5,
        Col::Unit if c.unit => 2.0,
        Col::Unit => -3.0,
        Col::Baseline | Col::Target if c.blank => 0.5,
        Col::Baseline | Col::Target if c.value => 1.5,
        // A text target such as 完成省下达任务.
        Col::Target if c.short && !c.unit => -0.5,
        Col::Baseline | Col::Target => -3.0,
        Col::Name if c.blank || c.value || c.attribute => -3.0,
        Col::Name if c.unit => -1.0,
        Col::Name => 2.0,
        Col::Category if c.blank => 0.5,
        Col::Category if c.value || c.attribute || c.unit => -3.0,
        Col::Category => 1.0,
        Col::Qualifier if c.blank || c.value || c.unit => -3.0,
        Col::Qualifier => 0.0,
        Col::Notes => 0.0,
    }
}

/// The column sequences a row may follow, given the header: as the header says; with a
/// category column the header lacks (or without the one it has: a merged cell only the
/// first row of a group carries); with an extra qualifier after the name; without a
/// trailing notes column.
fn candidates(header: &Header) -> Vec<(Vec<Col>, u8)> {
    let base = &header.cols;
    let mut cat_variants: Vec<(Vec<Col>, u8)> = vec![(base.clone(), 0)];
    if let Some(p) = base.iter().position(|c| *c == Col::Category) {
        let mut v = base.clone();
        v.remove(p);
        cat_variants.push((v, 1));
    } else {
        let at = base
            .iter()
            .position(|c| *c == Col::Seq)
            .map_or(0, |p| p + 1);
        let mut v = base.clone();
        v.insert(at, Col::Category);
        cat_variants.push((v, 1));
    }
    let mut out = Vec::new();
    for (v, cost) in cat_variants {
        out.push((v.clone(), cost));
        if let Some(p) = v.iter().position(|c| *c == Col::Name) {
            let mut q = v.clone();
            q.insert(p + 1, Col::Qualifier);
            out.push((q, cost + 2));
        }
    }
    let with_notes: Vec<(Vec<Col>, u8)> = out
        .iter()
        .filter(|(v, _)| v.last() == Some(&Col::Notes))
        .map(|(v, c)| (v[..v.len() - 1].to_vec(), c + 1))
        .collect();
    out.extend(with_notes);
    out
}

type RowRead = (Indicator, Vec<String>);

/// Assigns a raw row's cells to columns and reads them into an indicator.
fn read_row(
    row: &RawRow,
    header: &Header,
    shapes: &[(Vec<Col>, u8)],
    brackets: &BracketConvention,
    category: &mut Option<String>,
) -> Result<RowRead, String> {
    let mut cells = row.cells.clone();
    // Trailing blank cells beyond the header's width are padding, not data.
    while cells.len() > header.cols.len() && cells.last().is_some_and(Cell::is_blank) {
        cells.pop();
    }
    let traits: Vec<Traits> = cells.iter().map(Traits::of).collect();
    let mut best: Option<(f32, u8, &Vec<Col>)> = None;
    for (cols, cost) in shapes {
        let cost = *cost;
        if cols.len() != cells.len() {
            continue;
        }
        let score: f32 = cols
            .iter()
            .zip(&traits)
            .map(|(c, t)| fit(*c, *t))
            .sum::<f32>()
            - f32::from(cost) * 0.75;
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, cost, cols));
        }
    }
    let Some((score, _, cols)) = best else {
        return Err(format!(
            "{} cells do not fit the header's {} columns",
            cells.len(),
            header.cols.len()
        ));
    };
    let mut warnings = Vec::new();
    let mut ind = Indicator::new(String::new(), row.line());
    let mut own_category = None;
    let mut baseline = String::new();
    let mut target = String::new();
    let mut unit_text = String::new();
    for (col, cell) in cols.iter().zip(&cells) {
        let t = cell.text.clone();
        match col {
            Col::Seq => ind.seq = seq_number(&t),
            Col::Category => own_category = Some(t),
            Col::Name => ind.name = t,
            Col::Qualifier => ind.qualifier = Some(t),
            Col::Unit => unit_text = t,
            Col::Baseline => baseline = t,
            Col::Target => target = t,
            Col::Attribute => {
                ind.attribute = attribute(&t);
                if ind.attribute.is_none() && !t.is_empty() {
                    warnings.push(format!("attribute {t:?} is neither 约束性 nor 预期性"));
                }
            }
            Col::Notes => {
                if !t.is_empty() {
                    ind.notes.push(t);
                }
            }
        }
    }
    if ind.name.is_empty() {
        return Err("no indicator name".into());
    }
    if score < 0.0 {
        warnings.push("the row's cells fit the header poorly; check the columns".into());
    }
    match own_category {
        Some(c) if !c.is_empty() => *category = Some(c),
        _ => {}
    }
    ind.category = category.clone();
    ind.baseline = value_with(&baseline, brackets);
    ind.target = value_with(&target, brackets);
    if !unit_text.is_empty() {
        match unit_text.parse::<Unit>() {
            Ok(u) => ind.unit = Some(u),
            Err(e) => warnings.push(format!("unit {unit_text:?} not read: {e}")),
        }
    } else if let Some(u) = unit_in_name(&ind.name) {
        ind.unit = Some(u);
        ind.unit_from_name = true;
    }
    Ok((ind, warnings))
}

/// A unit written in a parenthesis at the end of a name: 食品检验量（批次/千人年）.
pub(crate) fn unit_in_name(name: &str) -> Option<Unit> {
    let t = trim(name);
    let t = t.strip_suffix(['）', ')'])?;
    let open = t.rfind(['（', '('])?;
    let inner = &t[open..];
    let inner = inner.trim_start_matches(['（', '(']);
    if looks_like_unit(inner) {
        inner.parse().ok()
    } else {
        None
    }
}

/// Reads the notes under a table, starting at line `from`.
fn read_notes(lines: &[Line], from: usize) -> (Vec<TableNote>, usize) {
    let mut notes = Vec::new();
    let mut i = from;
    let mut started = false;
    while i < lines.len() {
        let l = &lines[i];
        let t = l.trimmed();
        if l.skip.is_some() || t.is_empty() {
            i += 1;
            continue;
        }
        let numbered = t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.chars()
                .find(|c| !c.is_ascii_digit())
                .is_some_and(|c| ".、．)）".contains(c));
        let opens = stop_line(t) == Some(Stop::Notes);
        if opens || (started && numbered) {
            started = true;
            notes.push(TableNote {
                text: t.to_string(),
                line: l.no,
            });
            i += 1;
        } else {
            break;
        }
    }
    if notes.is_empty() {
        (notes, from)
    } else {
        (notes, i)
    }
}

/// Reads a note such as 〔〕内为累计数,〈〉内为规划期间新增数 into the bracket convention.
fn define_brackets(note: &str, line: usize, conv: &mut BracketConvention) {
    let chars: Vec<char> = note.chars().collect();
    for b in Bracket::ALL {
        let (open, close) = b.chars();
        let alts: &[(char, char)] = match b {
            Bracket::Square => &[('[', ']'), ('［', '］')],
            Bracket::Angle => &[('〈', '〉'), ('<', '>'), ('《', '》')],
            _ => &[(open, close)],
        };
        for &(o, c) in alts {
            let mut k = 0;
            while k < chars.len() {
                if chars[k] == o {
                    // The close within a few blank characters: 〔　〕, [ ].
                    let mut j = k + 1;
                    while j < chars.len() && j <= k + 3 && chars[j] != c && chars[j].is_whitespace()
                    {
                        j += 1;
                    }
                    if j < chars.len() && chars[j] == c {
                        let tail: String = chars[j + 1..]
                            .iter()
                            .take_while(|ch| !"，,。;；〔〈[［【".contains(**ch))
                            .collect();
                        if tail.contains("累计") {
                            conv.define(b, Accumulation::Cumulative, line);
                        } else if tail.contains("新增")
                            || tail.contains("增量")
                            || tail.contains("增加")
                        {
                            conv.define(b, Accumulation::Increment, line);
                        }
                    }
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert!(is_heading("第三章  优化市场准入环境"));
        assert!(is_heading("三、主要任务"));
        assert!(is_heading("（一）营造宽松便捷市场准入环境"));
        assert!(!is_heading("第三方检测"));
        assert!(!is_heading("1.市场准入更加便利"));
    }

    #[test]
    fn notes_define_brackets() {
        let mut c = BracketConvention::default();
        define_brackets("备注:1.〔〕内为累计数,〈〉内为规划期间新增数。", 7, &mut c);
        assert_eq!(c.meaning(Bracket::Tortoise), Accumulation::Cumulative);
        assert_eq!(c.meaning(Bracket::Angle), Accumulation::Increment);
        assert!(c.is_from_document());
        let mut c = BracketConvention::default();
        define_brackets("2. [] 内为累计数。", 9, &mut c);
        assert_eq!(
            c.meanings
                .iter()
                .find(|m| m.bracket == Bracket::Square)
                .and_then(|m| m.line),
            Some(9)
        );
    }

    #[test]
    fn segments_by_display_width() {
        let s = aligned_segments("1   总体数据   期末市场主体总量  万户");
        let starts: Vec<usize> = s.iter().map(|x| x.start).collect();
        assert_eq!(starts, vec![0, 4, 15, 33]);
    }

    #[test]
    fn units_in_names() {
        assert_eq!(
            unit_in_name("食品检验量（批次/千人年）").map(|u| u.raw().to_string()),
            Some("批次/千人年".into())
        );
        assert!(unit_in_name("知识产权质押融资金额（规划期间新增数）").is_none());
        assert!(unit_in_name("工业产品质量监督抽查覆盖率(生产领域)").is_none());
    }
}

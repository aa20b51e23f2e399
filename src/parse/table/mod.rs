//! Finding a plan's indicator tables and reading them in every layout such text comes in.
//!
//! Reading happens in two steps. A layout reader turns the lines of one table into raw
//! rows of cells: cells one per line (tab-led or padded), rows one per line with tabs,
//! columns aligned by runs of spaces (`pdftotext -layout`), or Markdown pipe tables. Then
//! one row reader assigns each raw row's cells to the columns of the header, allowing for
//! what tables do: a category column the header lacks, a merged category cell that
//! only the first row of its group carries, an extra qualifier cell.

mod accumulation;
mod find;
mod fit;
mod layout;
mod notes;
mod segments;

use crate::model::{BracketConvention, Indicator, LineRange, TableInfo, TableNote};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::text::{Line, latin_edge, trim};
use crate::text::Lexicon;
use find::{caption, header_start};
use fit::{candidates, read_row};
use layout::{Layout, cell_rows, layout_of, line_rows, short_row, tab_led_block};
use notes::{define_brackets, read_notes};

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
    /// The line the cell starts on.
    line: usize,
    /// The line it ends on, when it runs over several.
    last_line: usize,
    /// The header column the cell sits under, in layouts with positions.
    col: Option<usize>,
}

impl Cell {
    fn new(text: &str, line: usize) -> Cell {
        Cell {
            text: trim(text).to_string(),
            line,
            last_line: line,
            col: None,
        }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends a continuation line, `line`: CJK text joins directly, Latin words with a
    /// space.
    fn extend(&mut self, more: &str, line: usize) {
        let more = trim(more);
        if more.is_empty() {
            return;
        }
        self.last_line = self.last_line.max(line);
        if latin_edge(&self.text, more) {
            self.text.push(' ');
        }
        self.text.push_str(more);
    }
}

/// A table row before its cells are assigned to columns.
#[derive(Debug, Clone)]
struct RawRow {
    cells: Vec<Cell>,
    /// Fragments on lines of their own that wrap the row's name.
    wrapped: Vec<Cell>,
}

impl RawRow {
    fn new(cells: Vec<Cell>) -> RawRow {
        RawRow {
            cells,
            wrapped: Vec::new(),
        }
    }

    /// The line the row starts on.
    fn line(&self) -> usize {
        self.cells.first().map_or(0, |c| c.line)
    }

    /// The last line any of its cells stands on.
    fn last_line(&self) -> usize {
        self.cells
            .iter()
            .chain(&self.wrapped)
            .map(|c| c.last_line)
            .max()
            .unwrap_or(0)
    }
}

/// The header: its columns in order, and the years a second header row gave.
#[derive(Debug, Clone, Default)]
struct Header {
    cols: Vec<Col>,
    baseline_year: Option<u16>,
    target_year: Option<u16>,
    /// The one year the header names, when it names one only: not read as either year.
    lone_year: Option<u16>,
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
pub(crate) fn tables(lines: &[Line], lex: &Lexicon, diags: &mut Vec<Diagnostic>) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].skip.is_none() && header_start(lines, i, lex) {
            let table = read_table(lines, i, lex, diags);
            i = table.span.end.max(i + 1);
            out.push(table);
        } else {
            i += 1;
        }
    }
    out
}

/// The number of the last line of the block from `from` whose lines are marked as the
/// layout's (a lead tab, tabs, pipes, cells apart or under the header's columns); `None` when
/// the block holds none, or the layout marks no line (cells one per line without tabs).
///
/// The block bridges blank lines and headings (a heading-like cell ends a table's reading)
/// and the lines that may be cells: in aligned columns, where a lone cell at the left
/// margin carries no mark, every line but prose, and prose right above a line of the
/// layout; in tab rows, a short line without a tab.
fn layout_block_end(
    lines: &[Line],
    from: usize,
    layout: Layout,
    header_line: &str,
    lex: &Lexicon,
) -> Option<usize> {
    if layout == Layout::TabLed {
        // Cells one per line, wrapped cells included.
        let (cells, last) = tab_led_block(lines.get(from..)?);
        return (cells > 0).then_some(last);
    }
    let columns = match layout {
        Layout::Aligned => segments::aligned_segments(header_line),
        _ => Vec::new(),
    };
    let marked = |l: &Line| match layout {
        Layout::TabRows => l.text.contains('\t') && !l.is_blank(),
        Layout::Pipe => l.trimmed().starts_with('|'),
        Layout::Aligned => {
            let heading = find::is_heading(l.trimmed(), lex);
            match segments::aligned_segments(&l.text).as_slice() {
                [] => false,
                // A lone cell is the layout's when it stands under a column other than the
                // first (a row whose other cells are blank): within two columns of its start
                // (centred text), or right at it when the cell reads as prose (a paragraph
                // indented by two ideographic spaces is not a cell).
                [one] => {
                    let slack = match find::stop_line(&one.text, lex) {
                        Some(find::Stop::Other) => 0,
                        _ => 2,
                    };
                    !heading
                        && columns
                            .iter()
                            .skip(1)
                            .any(|c| c.start.abs_diff(one.start) <= slack)
                }
                // A heading whose number stands apart from its title (第三章  优化…) is
                // not two cells.
                [number, _]
                    if heading
                        && number.text.chars().count() <= 5
                        && find::is_heading(&number.text, lex) =>
                {
                    false
                }
                // Any two cells apart may be a row short of cells, a heading-like first
                // cell (三、强化质量提升  食品抽检合格率  …) included.
                _ => true,
            }
        }
        Layout::TabLed | Layout::Padded | Layout::Plain => false,
    };
    // A line that may be a cell is bridged: in aligned columns any line but prose, in
    // tab rows a short line without a tab (a cell wrapped onto a line of its own).
    let bridged = |l: &Line| {
        l.skip.is_some()
            || l.is_blank()
            || find::is_heading(l.trimmed(), lex)
            || (matches!(layout, Layout::Aligned | Layout::TabRows)
                && find::stop_line(&l.text, lex).is_none_or(|s| s == find::Stop::Notes))
    };
    let block = lines.get(from..)?;
    let mut last = None;
    for (k, l) in block.iter().enumerate() {
        if marked(l) {
            last = Some(l.no);
        } else if !bridged(l) {
            // In aligned columns a line of prose with a line of the layout right below it
            // (no blank line between) is a long cell of a row: bridged too.
            let long_cell = layout == Layout::Aligned
                && block.get(k + 1).is_some_and(|n| !n.is_blank() && marked(n));
            if !long_cell {
                break;
            }
        }
    }
    last
}

/// The number of the last line of the block at the start of `lines` that may be a table's
/// cells: lines with single blank lines between them (a heading or a note may be a cell);
/// two blank lines end it, and so does a line of prose when `prose_ends`.
fn cell_like_block(lines: &[Line], prose_ends: bool, lex: &Lexicon) -> Option<usize> {
    let mut last = None;
    let mut blanks = 0;
    for l in lines {
        if l.skip.is_some() {
            continue;
        }
        if l.is_blank() {
            blanks += 1;
            if blanks >= 2 {
                break;
            }
            continue;
        }
        blanks = 0;
        let prose = prose_ends
            && find::stop_line(&l.text, lex) == Some(find::Stop::Other)
            && !find::is_heading(l.trimmed(), lex);
        if prose {
            break;
        }
        last = Some(l.no);
    }
    last
}

/// A warning naming the lines after a table (and its notes), from index `from`, that stand
/// in its layout (a row's cells apart, tabs, pipes) or right below it reading as a cell,
/// with the lines right below them: cells of a last row that a note-like or blank line cut
/// off, read as text. Cells one per line
/// have their own check (`layout::uncertain_end`).
fn trailing_cells(
    lines: &[Line],
    from: usize,
    layout: Layout,
    header_line: &str,
    short_last_row: bool,
    lex: &Lexicon,
) -> Option<Diagnostic> {
    if !matches!(layout, Layout::Pipe | Layout::TabRows | Layout::Aligned) {
        return None;
    }
    // The line right below the table (no blank line between), when it reads as a cell
    // (short, no sentence, no heading, no note), the last row is short of cells, or a note
    // opener stands right below it (a line between a table's rows and its note is the
    // table's, prose-like as a long cell wrapped onto its own line reads), may be one
    // whatever its layout.
    let note_below = lines.get(from + 1).is_some_and(|n| {
        n.skip.is_none() && find::stop_line(&n.text, lex) == Some(find::Stop::Notes)
    });
    let below = lines
        .get(from)
        .filter(|_| from > 0 && !lines[from - 1].is_blank())
        .filter(|l| {
            l.skip.is_none()
                && !l.is_blank()
                && (short_last_row
                    || find::stop_line(&l.text, lex).is_none()
                    || (!find::is_heading(l.trimmed(), lex) && note_below))
        })
        .map(|l| l.no);
    // Below a last row short of cells, so are the lines that may be cells, past notes and
    // a blank line.
    let cells = cell_like_block(lines.get(from..).unwrap_or_default(), true, lex)
        .filter(|_| short_last_row);
    let last = layout_block_end(lines, from, layout, header_line, lex)
        .max(below)
        .max(cells)?;
    let first = lines[from..]
        .iter()
        .find(|l| l.skip.is_none() && !l.is_blank())?;
    let through = through_block(lines, from, last);
    Some(
        Diagnostic::new(
            Severity::Warning,
            Some(first.no),
            DiagnosticKind::TableEndUncertain,
            format!(
                "lines {}–{through} after the table stand in its layout but were read as text: check whether they are cells of its last row",
                first.no
            ),
        )
        .through(through),
    )
}

/// The number of the last line of the block of lines without a blank one between them
/// that holds line `last`, searched from index `from`: the lines right below a line that
/// may be a cell go on with it (the rest of a row wrapped at the margin), down to a blank
/// line.
fn through_block(lines: &[Line], from: usize, last: usize) -> usize {
    lines
        .get(from..)
        .unwrap_or_default()
        .iter()
        .skip_while(|l| l.no < last)
        .take_while(|l| !l.is_blank())
        .map(|l| l.no)
        .last()
        .unwrap_or(last)
}

/// Reads the table whose header starts at line `start`.
fn read_table(lines: &[Line], start: usize, lex: &Lexicon, diags: &mut Vec<Diagnostic>) -> Table {
    let layout = layout_of(&lines[start].text);
    let first_diag = diags.len();
    let read = match layout {
        Layout::Pipe | Layout::TabRows | Layout::Aligned => {
            line_rows(lines, start, layout, lex, diags)
        }
        Layout::TabLed | Layout::Padded | Layout::Plain => {
            cell_rows(lines, start, layout, lex, diags)
        }
    };
    let (notes, notes_end) = read_notes(lines, read.end, lex);
    let header = LineRange::new(
        lines[start].no,
        lines.get(read.header_end).map_or(lines[start].no, |l| l.no),
    );
    if read.rows.is_empty() {
        let mut d = Diagnostic::new(
            Severity::Warning,
            Some(lines[start].no),
            DiagnosticKind::HeaderWithoutRows,
            "a header was found but no row under it",
        )
        // The header's own lines (labels wrapped onto a second line) are the diagnostic's.
        .through(header.last);
        // Lines in the table's layout below the header (and its notes) that were not read
        // as rows are named, so that rows the reader did not recognise are not lost
        // without a word.
        // So are the lines below the header down to two blank lines, whatever they read
        // as: wrapped cells, long cells, heading-like and note-like cells that ended the
        // reading; and the lines right below the last of them, down to a blank line.
        let below = cell_like_block(
            lines.get(read.header_end + 1..).unwrap_or_default(),
            false,
            lex,
        );
        let in_layout = layout_block_end(
            lines,
            notes_end.max(read.end),
            layout,
            &lines[start].text,
            lex,
        );
        // And text the reader found between the header and where a first row would be:
        // the line that ended the reading may stand right below it, the rest of its row.
        let stray = diags[first_diag..]
            .iter()
            .filter(|d| d.kind == DiagnosticKind::TextBeforeFirstRow)
            .filter_map(|d| d.lines().map(|r| r.last))
            .max();
        if let Some(last) = below.max(in_layout).max(stray) {
            let last = through_block(lines, read.header_end, last);
            d = d
                .through(last)
                .saying(format!(
                    "a header was found but no row under it; the lines below it down to two blank lines or in its layout, through line {last}, were read as text: check whether they are its rows"
                ));
        }
        diags.push(d);
    } else if let Some(d) = trailing_cells(
        lines,
        notes_end.max(read.end),
        layout,
        &lines[start].text,
        read.rows
            .last()
            .is_some_and(|r| short_row(r, &read.header, lex)),
        lex,
    ) {
        diags.push(d);
    }
    if let Some(year) = read.header.lone_year {
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                Some(lines[start].no),
                DiagnosticKind::HeaderYearAlone,
                format!(
                    "{year} is the only year the header names: a table's baseline and target years are read from two, so this table's were not read"
                ),
            )
            .through(header.last),
        );
    }
    let caption_line = caption(lines, start, lex);
    let span = caption_line.unwrap_or(start)..notes_end.max(read.end);
    let info = TableInfo {
        caption: caption_line.map(|c| lines[c].trimmed().to_string()),
        line: lines[caption_line.unwrap_or(start)].no,
        baseline_year: read.header.baseline_year,
        target_year: read.header.target_year,
        brackets: brackets_of(&notes, lex),
        notes,
        rows: read.rows.len(),
        header,
        end_line: lines[span.clone()]
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map_or(lines[start].no, |l| l.no),
    };
    let indicators = read_indicators(&read.rows, &read.header, &info.brackets, lex, diags);
    check_sequence(&indicators, diags);
    account(&lines[span.clone()], &info, &indicators, first_diag, diags);
    Table {
        info,
        indicators,
        span,
    }
}

/// The safety net under the readers: a line of the table (`lines`) after the header that
/// no indicator, diagnostic or note holds becomes a diagnostic holding its text, so no
/// line of a table is ever lost. The readers are built so that it never fires; the tests
/// count it. Lines without a letter or digit (rules such as `|---|`) hold nothing.
fn account(
    lines: &[Line],
    info: &TableInfo,
    indicators: &[Indicator],
    first_diag: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let (first, last) = (info.header.last + 1, info.end_line);
    if first > last {
        return;
    }
    let mut held = vec![false; last - first + 1];
    let mut hold = |from: usize, to: usize| {
        for l in from.max(first)..=to.min(last) {
            held[l - first] = true;
        }
    };
    for ind in indicators {
        hold(ind.line, ind.end_line);
    }
    for note in &info.notes {
        hold(note.line, note.end_line.max(note.line));
    }
    // The diagnostics about this table are those from `first_diag` on.
    for d in &diags[first_diag..] {
        if let Some(r) = d.lines() {
            hold(r.first, r.last);
        }
    }
    let lost: Vec<&Line> = lines
        .iter()
        .filter(|l| (first..=last).contains(&l.no) && !held[l.no - first])
        .filter(|l| l.skip.is_none() && l.trimmed().chars().any(char::is_alphanumeric))
        .collect();
    for l in lost {
        diags.push(Diagnostic::new(
            Severity::Error,
            Some(l.no),
            DiagnosticKind::LineNotRead,
            l.trimmed().to_string(),
        ));
    }
}

/// The bracket convention a table's notes define.
fn brackets_of(notes: &[TableNote], lex: &Lexicon) -> BracketConvention {
    let mut brackets = BracketConvention::default();
    for note in notes {
        define_brackets(&note.text, note.line, &mut brackets, lex);
    }
    brackets
}

/// Reads each raw row into an indicator, or a diagnostic holding its cells.
fn read_indicators(
    rows: &[RawRow],
    header: &Header,
    brackets: &BracketConvention,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Indicator> {
    let mut indicators = Vec::with_capacity(rows.len());
    let mut category: Option<String> = None;
    let shapes = candidates(header);
    for row in rows {
        match read_row(row, header, &shapes, brackets, &mut category, lex) {
            Ok((ind, warnings)) => {
                for w in warnings {
                    diags.push(
                        Diagnostic::new(
                            Severity::Warning,
                            Some(row.line()),
                            DiagnosticKind::RowWarning,
                            cells_text(row),
                        )
                        .saying(w),
                    );
                }
                indicators.push(ind);
            }
            Err(why) => diags.push(
                Diagnostic::new(
                    Severity::Error,
                    Some(row.line()),
                    DiagnosticKind::RowNotRead,
                    cells_text(row),
                )
                .through(row.last_line())
                .saying(format!("{}: {why}", DiagnosticKind::RowNotRead.describe())),
            ),
        }
    }
    indicators
}

fn cells_text(row: &RawRow) -> String {
    row.cells
        .iter()
        .chain(&row.wrapped)
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
                    DiagnosticKind::RowNumbersJump,
                    format!("row {b} follows row {a}"),
                ));
            }
        }
    }
}

//! Fitting cells to columns: cutting a stream of cells into rows, choosing the column
//! sequence each row follows, and reading the row into an indicator.

use super::find::{attribute, seq_number};
use super::{Cell, Col, Header, RawRow};
use crate::model::{
    BracketConvention, Indicator, Unit, Value, ValueKind, looks_like_unit, unit_in_name,
};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::text::{Lexicon, fold};

/// Cuts a stream of cells into rows: a row number starts a row once the row before is
/// complete (it ended with an attribute, or has as many cells as the header), unless the
/// next cell is the same number (the cell was a value of the row before, and the row
/// starts at the next). Cells before the first row number start a row without one.
pub(super) fn cut_rows(
    cells: Vec<Cell>,
    header: &Header,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RawRow> {
    let ncols = header.cols.len().max(3);
    let has_attr = header.has(Col::Attribute);
    let seqs: Vec<Option<u32>> = cells.iter().map(|c| seq_number(&c.text, lex)).collect();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut expected = 1;
    for (k, cell) in cells.into_iter().enumerate() {
        let seq = seqs[k];
        let repeated = seq.is_some() && seqs.get(k + 1) == Some(&seq);
        let starts = match (seq, rows.last()) {
            (Some(_), None) => true,
            (Some(n), Some(r)) => {
                let ended = has_attr
                    && r.cells
                        .last()
                        .is_some_and(|c| attribute(&c.text, lex).is_some())
                    && !header.cols.ends_with(&[Col::Attribute, Col::Notes]);
                !repeated
                    && (ended
                        || (n == expected && r.cells.len() + 1 >= ncols)
                        || r.cells.len() >= ncols + 2)
            }
            (None, None) => !cell.is_blank(),
            (None, Some(_)) => false,
        };
        if starts {
            expected = seq.map_or(expected, |n| n + 1);
            rows.push(RawRow::new(vec![cell]));
        } else if let Some(r) = rows.last_mut() {
            r.cells.push(cell);
        } else if !cell.is_blank() {
            let last = cell.last_line;
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    Some(cell.line),
                    DiagnosticKind::CellBeforeFirstRow,
                    cell.text,
                )
                .through(last),
            );
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
    fn of(cell: &Cell, lex: &Lexicon) -> Traits {
        let t = cell.text.as_str();
        let blank = cell.is_blank();
        let seq = seq_number(t, lex).is_some();
        let attribute = attribute(t, lex).is_some();
        let unit = !seq && looks_like_unit(t, lex);
        let n = t.chars().count();
        // A row number is a number, an attribute or a unit is not, and a value is short
        // or holds a digit: only the other cells need reading.
        let value = seq
            || (!blank
                && !attribute
                && !unit
                && (n <= 8 || t.chars().any(|c| fold::ascii(c).is_ascii_digit()))
                && !matches!(
                    Value::read(t, &BracketConvention::default(), lex).kind(),
                    ValueKind::Text
                ));
        Traits {
            blank,
            seq,
            attribute,
            unit,
            value,
            short: n <= 20,
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
pub(super) fn candidates(header: &Header) -> Vec<(Vec<Col>, u8)> {
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
    // A row that lost its number, or its unit cell.
    let without = |col: Col, out: &[(Vec<Col>, u8)]| -> Vec<(Vec<Col>, u8)> {
        out.iter()
            .filter(|(v, _)| v.contains(&col))
            .map(|(v, c)| (v.iter().copied().filter(|k| *k != col).collect(), c + 2))
            .collect()
    };
    let lost = [without(Col::Seq, &out), without(Col::Unit, &out)].concat();
    out.extend(lost);
    let with_notes: Vec<(Vec<Col>, u8)> = out
        .iter()
        .filter(|(v, _)| v.last() == Some(&Col::Notes))
        .map(|(v, c)| (v[..v.len() - 1].to_vec(), c + 1))
        .collect();
    out.extend(with_notes);
    out
}

pub(super) type RowRead = (Indicator, Vec<String>);

/// Assigns a raw row's cells to columns and reads them into an indicator.
pub(super) fn read_row(
    row: &RawRow,
    header: &Header,
    shapes: &[(Vec<Col>, u8)],
    brackets: &BracketConvention,
    category: &mut Option<String>,
    lex: &Lexicon,
) -> Result<RowRead, String> {
    // Trailing blank cells beyond the header's width are padding, not data.
    let mut n = row.cells.len();
    while n > header.cols.len() && row.cells[n - 1].is_blank() {
        n -= 1;
    }
    let cells = &row.cells[..n];
    let Some((score, cols)) = best_shape(cells, shapes, lex) else {
        return Err(format!(
            "{} cells do not fit the header's {} columns",
            cells.len(),
            header.cols.len()
        ));
    };
    let mut assigned = Assigned::new(cols, cells, row.line(), lex);
    assigned.ind.end_line = row.last_line();
    for fragment in &row.wrapped {
        assigned.ind.name.push_str(&fragment.text);
    }
    if assigned.ind.name.is_empty() {
        return Err("no indicator name".into());
    }
    if score < 0.0 {
        assigned
            .warnings
            .push("the row's cells fit the header poorly; check the columns".into());
    }
    Ok(assigned.read(brackets, category, lex))
}

/// The column sequence of the row's length that its cells fit best, with its score.
fn best_shape<'a>(
    cells: &[Cell],
    shapes: &'a [(Vec<Col>, u8)],
    lex: &Lexicon,
) -> Option<(f32, &'a [Col])> {
    let traits: Vec<Traits> = cells.iter().map(|c| Traits::of(c, lex)).collect();
    let has_seq = shapes
        .iter()
        .any(|(cols, _)| cols.first() == Some(&Col::Seq));
    let numbered = has_seq && traits.first().is_some_and(|t| t.seq);
    let mut best: Option<(f32, &[Col])> = None;
    for (cols, cost) in shapes {
        // Only a row that does not start with a number can have lost it.
        if cols.len() != cells.len() || (numbered && cols.first() != Some(&Col::Seq)) {
            continue;
        }
        let score: f32 = cols
            .iter()
            .zip(&traits)
            .map(|(c, t)| fit(*c, *t))
            .sum::<f32>()
            - f32::from(*cost) * 0.75;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, cols));
        }
    }
    best
}

/// A row's cells as its column sequence assigns them, before values and units are read.
struct Assigned {
    ind: Indicator,
    own_category: Option<String>,
    baseline: String,
    target: String,
    unit_text: String,
    warnings: Vec<String>,
}

impl Assigned {
    fn new(cols: &[Col], cells: &[Cell], line: usize, lex: &Lexicon) -> Assigned {
        let mut a = Assigned {
            ind: Indicator::new(String::new(), line),
            own_category: None,
            baseline: String::new(),
            target: String::new(),
            unit_text: String::new(),
            warnings: Vec::new(),
        };
        for (col, cell) in cols.iter().zip(cells) {
            let t = cell.text.clone();
            match col {
                Col::Seq => a.ind.seq = seq_number(&t, lex),
                Col::Category => a.own_category = Some(t),
                Col::Name => a.ind.name = t,
                // A blank qualifier cell qualifies nothing.
                Col::Qualifier => a.ind.qualifier = (!t.is_empty()).then_some(t),
                Col::Unit => a.unit_text = t,
                Col::Baseline => a.baseline = t,
                Col::Target => a.target = t,
                Col::Attribute => {
                    a.ind.attribute = attribute(&t, lex);
                    if a.ind.attribute.is_none() && !t.is_empty() {
                        a.warnings
                            .push(format!("attribute {t:?} is neither binding nor expected"));
                    }
                }
                Col::Notes => {
                    if !t.is_empty() {
                        a.ind.notes.push(t);
                    }
                }
            }
        }
        a
    }

    /// Reads the values and the unit, and files the row under its category (its own, or
    /// the merged cell of the rows above).
    fn read(
        mut self,
        brackets: &BracketConvention,
        category: &mut Option<String>,
        lex: &Lexicon,
    ) -> RowRead {
        let mut ind = self.ind;
        match self.own_category {
            Some(c) if !c.is_empty() => *category = Some(c),
            _ => {}
        }
        ind.category = category.clone();
        ind.baseline = Value::read(&self.baseline, brackets, lex);
        ind.target = Value::read(&self.target, brackets, lex);
        let unit_text = self.unit_text;
        if !unit_text.is_empty() {
            match Unit::read(&unit_text, lex) {
                Ok(u) => ind.unit = Some(u),
                Err(e) => self
                    .warnings
                    .push(format!("unit {unit_text:?} not read: {e}")),
            }
        } else if let Some(u) = unit_in_name(&ind.name, lex) {
            ind.unit = Some(u);
            ind.unit_from_name = true;
        }
        self.warnings
            .extend(super::accumulation::settle(&mut ind, brackets, lex));
        (ind, self.warnings)
    }
}

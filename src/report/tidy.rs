//! Tidy tables: one observation per row, one variable per column, numbers as numbers and
//! missing as empty, for pandas, R and spreadsheets. Made by [`CorpusReport::tidy`] and
//! written as CSV (with a byte-order mark for Excel on request), as JSON Lines, and (with
//! the `xlsx` feature, on by default) as one Excel workbook.
//!
//! Each table is a `Vec` of a plain record struct whose field names are the column names;
//! enum values are written with their serde names (`prefecture_city`, `fuzzy_with_evidence`),
//! as in JSON.

use serde::Serialize;

use super::CorpusReport;
use crate::compare::{
    Attainment, Comparer, Comparison, IndicatorAlignment, Origin, Outcome, Relation, Side, Status,
    Verdict, prose_row,
};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::model::{
    Accumulation, Approximation, Attribute, Bound, Indicator, Level, Missing, Plan, Value,
};
use crate::registry::{Canonical, Direction, How, UnitSource};
use crate::reuse::{PassageKind, ReuseMatrix, TextAlignment, align_text};

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
const BOM: &str = "\u{feff}";

/// One indicator of one plan: a row of its table, or a target its prose states that no
/// row of its table restates (a prose target that restates a row is that row).
///
/// `baseline` and `target` are numbers in the key's canonical unit (`canonical_unit`),
/// ready to pivot across plans; `*_written` are the same numbers in the plan's own unit.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct IndicatorRecord {
    /// The plan's id.
    pub plan: String,
    /// Its locality.
    pub locality: String,
    /// Its locality's level.
    pub level: Option<Level>,
    /// The locality above, if known.
    pub parent: Option<String>,
    /// The plan period's first year.
    pub period_start: u16,
    /// Its last year.
    pub period_end: u16,
    /// A table row or a sentence of the text.
    pub origin: Option<Origin>,
    /// The 1-based line of the row (its first line) or of the sentence.
    pub line: usize,
    /// 序号: the row's number as written (none for prose).
    pub seq: Option<u32>,
    /// 类别: the row's category.
    pub category: Option<String>,
    /// The name as the plan writes it (the phrase measured, for prose).
    pub name: String,
    /// The canonical key; empty when the registry assigns none.
    pub key: Option<String>,
    /// How the key was assigned.
    pub key_how: Option<How>,
    /// Whether this is the plan's statement of its key that comparisons use: the first
    /// row of the key or, where the table lacks the key, the first sentence stating it.
    /// Exactly one record per plan and key has it, so the compared records pivot.
    pub compared: bool,
    /// The unit as written.
    pub unit: Option<String>,
    /// The key's canonical unit, in which `baseline` and `target` are stated.
    pub canonical_unit: Option<String>,
    /// Where the unit converted came from.
    pub unit_source: Option<UnitSource>,
    /// The factor from the written unit to the canonical one (10000 for 万户 → 户).
    pub factor: Option<f64>,
    /// Why the values could not be put in the canonical unit, when they could not.
    pub conversion_problem: Option<String>,
    /// The baseline as written.
    pub baseline_raw: String,
    /// The baseline's number in the written unit (the lower end of a range).
    pub baseline_written: Option<f64>,
    /// The baseline's number in the canonical unit.
    pub baseline: Option<f64>,
    /// The baseline's bound, when it has a number.
    pub baseline_bound: Option<Bound>,
    /// Why the baseline has no number, when it has none.
    pub baseline_missing: Option<Missing>,
    /// The target as written.
    pub target_raw: String,
    /// The target's number in the written unit (the lower end of a range).
    pub target_written: Option<f64>,
    /// The target's number in the canonical unit (the lower end of a range).
    pub target: Option<f64>,
    /// The upper end of a target range, in the canonical unit.
    pub target_high: Option<f64>,
    /// The target's bound (eq, ge, le, gt, lt), when it has a number.
    pub target_bound: Option<Bound>,
    /// Level, cumulative total or increment over the period, when it has a number.
    pub target_accumulation: Option<Accumulation>,
    /// Whether the target is approximate or striven for.
    pub target_approximate: bool,
    /// How: about (约) or aspired (力争).
    pub target_approximation: Option<Approximation>,
    /// Why the target has no number, when it has none.
    pub target_missing: Option<Missing>,
    /// 属性: binding or expected.
    pub attribute: Option<Attribute>,
}

/// One key between the two plans of one comparison.
///
/// Targets and baselines are numbers in `canonical_unit`, as `target_delta` is.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct ComparisonRecord {
    /// The child plan's id.
    pub child: String,
    /// The parent plan's id.
    pub parent: String,
    /// How the two plans stand (parent, ancestor, peer, reference…).
    pub relation: Option<Relation>,
    /// The canonical key.
    pub key: String,
    /// Its preferred Chinese name.
    pub name: String,
    /// Aligned, gap, extension or in_prose.
    pub status: Option<Status>,
    /// The target verdict.
    pub verdict: Option<Verdict>,
    /// The canonical unit of every number of the record.
    pub canonical_unit: Option<String>,
    /// The child's target as written.
    pub child_target_raw: Option<String>,
    /// The parent's target as written.
    pub parent_target_raw: Option<String>,
    /// The child's target in the canonical unit.
    pub child_target: Option<f64>,
    /// The parent's target in the canonical unit.
    pub parent_target: Option<f64>,
    /// Child target minus parent target.
    pub target_delta: Option<f64>,
    /// Child target over parent target.
    pub target_ratio: Option<f64>,
    /// The child's baseline in the canonical unit.
    pub child_baseline: Option<f64>,
    /// The parent's baseline in the canonical unit.
    pub parent_baseline: Option<f64>,
    /// The verdict on the baselines.
    pub baseline_verdict: Option<Verdict>,
    /// Child baseline minus parent baseline.
    pub baseline_delta: Option<f64>,
    /// The child's target over its baseline.
    pub child_growth: Option<f64>,
    /// The child's compound annual growth rate (0.05 for 5 % a year).
    pub child_annual_rate: Option<f64>,
    /// The parent's target over its baseline.
    pub parent_growth: Option<f64>,
    /// The parent's compound annual growth rate.
    pub parent_annual_rate: Option<f64>,
    /// The child's attribute.
    pub child_attribute: Option<Attribute>,
    /// The parent's attribute.
    pub parent_attribute: Option<Attribute>,
    /// Binding above, not below.
    pub weakening: bool,
    /// A binding parent indicator the child lacks.
    pub binding_gap: bool,
    /// Which side states its value in prose, if one does.
    pub prose_side: Option<Side>,
    /// The line of that sentence.
    pub prose_line: Option<usize>,
    /// Why the verdict is what it is, in words.
    pub note: Option<String>,
}

/// One key of an earlier plan's targets against the value a later plan of the same
/// locality states for its baseline year.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct AttainmentRecord {
    /// The locality.
    pub locality: String,
    /// The earlier plan's id.
    pub earlier: String,
    /// The later plan's id.
    pub later: String,
    /// The year judged.
    pub year: u16,
    /// The canonical key.
    pub key: String,
    /// Its preferred Chinese name.
    pub name: String,
    /// Met, exceeded, missed or not_comparable.
    pub outcome: Option<Outcome>,
    /// Why it is not comparable, as a code.
    pub why: Option<String>,
    /// The unit `target` and `achieved` are in.
    pub unit: String,
    /// The earlier plan's target as written.
    pub target_raw: String,
    /// The later plan's achieved value as written.
    pub achieved_raw: String,
    /// The target's number in `unit`.
    pub target: Option<f64>,
    /// The achieved number in `unit`.
    pub achieved: Option<f64>,
    /// Where the target is stated.
    pub target_origin: Option<Origin>,
    /// Its line in the earlier plan.
    pub target_line: usize,
    /// Where the achieved value is stated.
    pub achieved_origin: Option<Origin>,
    /// Its line in the later plan.
    pub achieved_line: usize,
    /// Which way is better for the key.
    pub direction: Option<Direction>,
    /// The reason and the notes, in words.
    pub note: Option<String>,
}

/// One passage a plan shares with its nearest source (see [`LineageRecord`]): identical or
/// adapted, with its changes.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct ReuseRecord {
    /// The plan.
    pub plan: String,
    /// The plan it shares the most text with.
    pub source: String,
    /// Identical or adapted.
    pub kind: Option<PassageKind>,
    /// The passages' similarity, in [0, 1].
    pub similarity: f64,
    /// The passage's line in the plan.
    pub plan_line: usize,
    /// The line of the matched passage in the source.
    pub source_line: usize,
    /// The title of the plan's chapter the passage is in.
    pub chapter: Option<String>,
    /// How many spans changed.
    pub changes: usize,
    /// The kinds of change, `;`-separated in order (number;scope).
    pub change_classes: String,
    /// The changes as `source text → plan text`, `;`-separated.
    pub change_text: String,
    /// The plan's passage.
    pub plan_text: String,
    /// The source's passage.
    pub source_text: String,
}

/// A lineage edge: the plan each plan shares the largest part of its text with (the reuse
/// matrix's nearest plan, undirected). The directed "adapted from" edges of a corpus are
/// [`crate::reuse::lineage`]'s.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct LineageRecord {
    /// The plan.
    pub plan: String,
    /// The plan it shares the most text with.
    pub source: String,
    /// The fraction of the plan's text identical to or adapted from the source, in [0, 1].
    pub share: f64,
    /// The number of identical passages the two share.
    pub identical_passages: usize,
    /// The plan's text in characters.
    pub plan_chars: usize,
    /// The source's text in characters.
    pub source_chars: usize,
}

/// The tables [`TidyTables`] holds, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Table {
    /// [`IndicatorRecord`]s.
    Indicators,
    /// [`ComparisonRecord`]s.
    Comparisons,
    /// [`AttainmentRecord`]s.
    Attainment,
    /// [`ReuseRecord`]s.
    Reuse,
    /// [`LineageRecord`]s.
    Lineage,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 5] = [
        Table::Indicators,
        Table::Comparisons,
        Table::Attainment,
        Table::Reuse,
        Table::Lineage,
    ];

    /// The table's name: its file stem (`indicators.csv`) and its sheet's name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Indicators => "indicators",
            Table::Comparisons => "comparisons",
            Table::Attainment => "attainment",
            Table::Reuse => "reuse",
            Table::Lineage => "lineage",
        }
    }
}

/// The tidy tables of a corpus report. Made by [`CorpusReport::tidy`].
///
/// ```
/// use planalign::compare::Comparer;
/// use planalign::report::{self, Table};
/// let corpus = planalign::corpus::guangdong()?;
/// let comparer = Comparer::default();
/// let r = report::corpus_report(&comparer, &corpus)?;
/// let tables = r.tidy(&comparer, &corpus);
/// let csv = tables.csv(Table::Indicators)?;
/// assert!(csv.starts_with("plan,locality,level,"));
/// assert!(tables.csv_for_excel(Table::Indicators)?.starts_with('\u{feff}'));
/// let first = tables.json_lines(Table::Comparisons)?;
/// assert!(first.lines().all(|l| l.starts_with("{\"child\":")));
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TidyTables {
    /// One record per plan and indicator (table rows and prose targets).
    pub indicators: Vec<IndicatorRecord>,
    /// One record per comparison and key, over [`CorpusReport::comparisons`].
    pub comparisons: Vec<ComparisonRecord>,
    /// One record per attainment row.
    pub attainment: Vec<AttainmentRecord>,
    /// The passages each plan shares with its nearest source.
    pub reuse: Vec<ReuseRecord>,
    /// Each plan's nearest source.
    pub lineage: Vec<LineageRecord>,
    /// The plans, in the order of the report's matrix (the workbook's matrix columns).
    pub(crate) plans: Vec<String>,
    /// The keys, in the order of the report's matrix (the workbook's matrix rows).
    pub(crate) keys: Vec<(String, String)>,
}

impl CorpusReport {
    /// The report's tidy tables. `comparer` and `corpus` are those the report was made
    /// with: the indicators are keyed as the comparisons keyed them.
    pub fn tidy(&self, comparer: &Comparer<'_>, corpus: &Corpus) -> TidyTables {
        let plans: Vec<&Plan> = corpus.plans().iter().collect();
        TidyTables {
            indicators: plans.iter().flat_map(|p| indicators(comparer, p)).collect(),
            comparisons: self
                .comparisons()
                .flat_map(|c| comparisons(comparer, c))
                .collect(),
            attainment: self.attainment.iter().flat_map(attainment).collect(),
            reuse: reuse(&self.reuse, &plans),
            lineage: lineage(&self.reuse),
            plans: self.matrix.plans.clone(),
            keys: self
                .matrix
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.name.clone()))
                .collect(),
        }
    }
}

impl TidyTables {
    /// A table as CSV, with a header row; no byte-order mark.
    pub fn csv(&self, table: Table) -> Result<String, Error> {
        match table {
            Table::Indicators => csv(&self.indicators),
            Table::Comparisons => csv(&self.comparisons),
            Table::Attainment => csv(&self.attainment),
            Table::Reuse => csv(&self.reuse),
            Table::Lineage => csv(&self.lineage),
        }
    }

    /// A table as CSV that Excel opens as UTF-8: [`csv`](Self::csv) after a byte-order
    /// mark (without one, Excel shows Chinese text as mojibake).
    pub fn csv_for_excel(&self, table: Table) -> Result<String, Error> {
        Ok(format!("{BOM}{}", self.csv(table)?))
    }

    /// A table as JSON Lines: one JSON object per record and line, the keys as the CSV's
    /// columns, `null` where the CSV is empty.
    pub fn json_lines(&self, table: Table) -> Result<String, Error> {
        match table {
            Table::Indicators => json_lines(&self.indicators),
            Table::Comparisons => json_lines(&self.comparisons),
            Table::Attainment => json_lines(&self.attainment),
            Table::Reuse => json_lines(&self.reuse),
            Table::Lineage => json_lines(&self.lineage),
        }
    }

    /// How many records a table has.
    pub fn len(&self, table: Table) -> usize {
        match table {
            Table::Indicators => self.indicators.len(),
            Table::Comparisons => self.comparisons.len(),
            Table::Attainment => self.attainment.len(),
            Table::Reuse => self.reuse.len(),
            Table::Lineage => self.lineage.len(),
        }
    }

    /// The keys × plans matrix of canonical targets: for each key (in the report's matrix
    /// order), its name, canonical unit and one target per plan (`None` where the plan
    /// lacks the key or states no number), from the compared indicator records.
    pub fn target_matrix(&self) -> Vec<TargetRow> {
        let mut rows: Vec<TargetRow> = self
            .keys
            .iter()
            .map(|(key, name)| TargetRow {
                key: key.clone(),
                name: name.clone(),
                canonical_unit: None,
                targets: vec![None; self.plans.len()],
            })
            .collect();
        for r in self.indicators.iter().filter(|r| r.compared) {
            let (Some(key), Some(col)) = (&r.key, self.plans.iter().position(|p| *p == r.plan))
            else {
                continue;
            };
            if let Some(row) = rows.iter_mut().find(|t| t.key == *key) {
                row.canonical_unit = row.canonical_unit.take().or(r.canonical_unit.clone());
                row.targets[col] = r.target;
            }
        }
        rows
    }

    /// The plans, as the columns of [`target_matrix`](Self::target_matrix).
    pub fn matrix_plans(&self) -> &[String] {
        &self.plans
    }
}

/// One key of [`TidyTables::target_matrix`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TargetRow {
    /// The key.
    pub key: String,
    /// Its preferred name.
    pub name: String,
    /// The canonical unit of the targets.
    pub canonical_unit: Option<String>,
    /// One target per plan of [`TidyTables::matrix_plans`].
    pub targets: Vec<Option<f64>>,
}

fn csv<T: Serialize + Default>(records: &[T]) -> Result<String, Error> {
    let err = |e: csv::Error| Error::write("CSV", e);
    let mut w = csv::Writer::from_writer(Vec::new());
    if records.is_empty() {
        // The header alone, from serde's field names.
        let mut header = csv::Writer::from_writer(Vec::new());
        header.serialize(T::default()).map_err(err)?;
        let bytes = header
            .into_inner()
            .map_err(|e| Error::write("CSV", e.into_error()))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::write("CSV", e))?;
        return Ok(text
            .lines()
            .next()
            .map_or(String::new(), |l| format!("{l}\n")));
    }
    for r in records {
        w.serialize(r).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::write("CSV", e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| Error::write("CSV", e))
}

fn json_lines<T: Serialize>(records: &[T]) -> Result<String, Error> {
    let mut s = String::new();
    for r in records {
        s.push_str(&serde_json::to_string(r)?);
        s.push('\n');
    }
    Ok(s)
}

/// A number that is a number: the finite ones.
fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

/// The bound, accumulation and missing reason of a value, each where it applies.
fn bound(v: &Value) -> Option<Bound> {
    v.is_number().then(|| v.bound())
}

fn indicators(comparer: &Comparer<'_>, plan: &Plan) -> Vec<IndicatorRecord> {
    let keyed = comparer.key(plan);
    let base = IndicatorRecord {
        plan: plan.label().to_string(),
        locality: plan.locality.name.clone(),
        level: Some(plan.locality.level),
        parent: plan.parent.as_ref().map(|l| l.name.clone()),
        period_start: plan.period.start,
        period_end: plan.period.end,
        ..IndicatorRecord::default()
    };
    let mut out = Vec::new();
    for row in &plan.indicators {
        let compared = keyed.rows.iter().any(|(_, r)| std::ptr::eq(*r, row));
        let mut rec = record(comparer, &base, row, compared);
        rec.origin = Some(Origin::Table);
        rec.seq = row.seq;
        rec.category = row.category.clone();
        out.push(rec);
    }
    for target in plan.targets.iter().filter(|t| t.indicator.is_none()) {
        let compared = keyed.prose.iter().any(|p| std::ptr::eq(p.target, target));
        let mut rec = record(comparer, &base, &prose_row(target), compared);
        rec.origin = Some(Origin::Prose);
        out.push(rec);
    }
    out
}

/// The record of one row (a table row, or a prose target as a row).
fn record(
    comparer: &Comparer<'_>,
    base: &IndicatorRecord,
    row: &Indicator,
    compared: bool,
) -> IndicatorRecord {
    let key = comparer.key_of(row);
    let canonical: Option<Canonical> = key
        .as_ref()
        .and_then(|(k, _)| comparer.registry().canonical(row, k).ok());
    let converted = |v: Option<&Value>, f: fn(&Value) -> Option<f64>| finite(v.and_then(f));
    let (c_base, c_target) = match &canonical {
        Some(c) => (c.baseline.as_ref(), c.target.as_ref()),
        None => (None, None),
    };
    IndicatorRecord {
        line: row.line,
        name: row.name.clone(),
        key: key.as_ref().map(|(k, _)| k.clone()),
        key_how: key.as_ref().map(|(_, h)| *h),
        compared,
        unit: row.unit.as_ref().map(|u| u.raw().to_string()),
        canonical_unit: canonical.as_ref().map(|c| c.unit.raw().to_string()),
        unit_source: canonical.as_ref().map(|c| c.source),
        factor: canonical.as_ref().and_then(|c| finite(c.factor)),
        conversion_problem: canonical.as_ref().and_then(|c| c.problem.clone()),
        baseline_raw: row.baseline.raw().to_string(),
        baseline_written: finite(row.baseline.number()),
        baseline: converted(c_base, Value::number),
        baseline_bound: bound(&row.baseline),
        baseline_missing: row.baseline.missing(),
        target_raw: row.target.raw().to_string(),
        target_written: finite(row.target.number()),
        target: converted(c_target, Value::number),
        target_high: converted(c_target, Value::upper),
        target_bound: bound(&row.target),
        target_accumulation: row.target.is_number().then(|| row.target.accumulation()),
        target_approximate: row.target.approximation().is_some(),
        target_approximation: row.target.approximation(),
        target_missing: row.target.missing(),
        attribute: row.attribute,
        ..base.clone()
    }
}

/// A side's baseline and target in the key's canonical unit.
fn side_numbers(comparer: &Comparer<'_>, key: &str, row: Option<&Indicator>) -> [Option<f64>; 2] {
    let Some(c) = row.and_then(|r| comparer.registry().canonical(r, key).ok()) else {
        return [None, None];
    };
    [c.baseline, c.target].map(|v| finite(v.as_ref().and_then(Value::number)))
}

fn comparisons(comparer: &Comparer<'_>, c: &Comparison) -> Vec<ComparisonRecord> {
    c.indicators
        .iter()
        .map(|a| comparison(comparer, c, a))
        .collect()
}

fn comparison(comparer: &Comparer<'_>, c: &Comparison, a: &IndicatorAlignment) -> ComparisonRecord {
    let [child_baseline, child_target] = side_numbers(comparer, &a.key, a.child.as_ref());
    let [parent_baseline, parent_target] = side_numbers(comparer, &a.key, a.parent.as_ref());
    let growth = |g: Option<crate::compare::Growth>| {
        (finite(g.map(|g| g.ratio)), finite(g.map(|g| g.annual_rate)))
    };
    let (child_growth, child_annual_rate) = growth(a.child_growth);
    let (parent_growth, parent_annual_rate) = growth(a.parent_growth);
    let mut note = a.reason.clone();
    if a.weakening {
        note = Some(match note {
            Some(n) => format!("weakening: binding above, not below; {n}"),
            None => "weakening: binding above, not below".to_string(),
        });
    }
    ComparisonRecord {
        child: c.child.clone(),
        parent: c.parent.clone(),
        relation: Some(c.relation),
        key: a.key.clone(),
        name: a.name.clone(),
        status: Some(a.status),
        verdict: a.verdict,
        canonical_unit: a.canonical_unit.as_ref().map(|u| u.raw().to_string()),
        child_target_raw: a.child.as_ref().map(|i| i.target.raw().to_string()),
        parent_target_raw: a.parent.as_ref().map(|i| i.target.raw().to_string()),
        child_target,
        parent_target,
        target_delta: finite(a.target_delta),
        target_ratio: finite(a.escalation_ratio),
        child_baseline,
        parent_baseline,
        baseline_verdict: a.baseline_verdict,
        baseline_delta: finite(a.baseline_delta),
        child_growth,
        child_annual_rate,
        parent_growth,
        parent_annual_rate,
        child_attribute: a.child.as_ref().and_then(|i| i.attribute),
        parent_attribute: a.parent.as_ref().and_then(|i| i.attribute),
        weakening: a.weakening,
        binding_gap: a.is_binding_gap(),
        prose_side: a.prose.as_ref().map(|p| p.side),
        prose_line: a.prose.as_ref().map(|p| p.line),
        note,
    }
}

fn attainment(t: &Attainment) -> Vec<AttainmentRecord> {
    t.rows
        .iter()
        .map(|r| {
            let mut words: Vec<String> = r.reason.iter().cloned().collect();
            words.extend(r.notes.iter().cloned());
            AttainmentRecord {
                locality: t.locality.clone(),
                earlier: t.earlier.clone(),
                later: t.later.clone(),
                year: t.year,
                key: r.key.clone(),
                name: r.name.clone(),
                outcome: Some(r.outcome),
                why: r.why.map(super::name),
                unit: r.unit.raw().to_string(),
                target_raw: r.target.clone(),
                achieved_raw: r.achieved.clone(),
                target: finite(r.target_evidence.value),
                achieved: finite(r.achieved_evidence.value),
                target_origin: Some(r.target_evidence.origin),
                target_line: r.target_evidence.line,
                achieved_origin: Some(r.achieved_evidence.origin),
                achieved_line: r.achieved_evidence.line,
                direction: Some(r.direction),
                note: (!words.is_empty()).then(|| words.join("; ")),
            }
        })
        .collect()
}

/// Each plan's nearest source in the reuse matrix, as (plan, source) indices.
fn edges(m: &ReuseMatrix) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
    (0..m.len()).filter_map(|i| m.nearest(i).map(|(j, s)| (i, j, s)))
}

fn lineage(m: &ReuseMatrix) -> Vec<LineageRecord> {
    edges(m)
        .map(|(i, j, share)| LineageRecord {
            plan: m.labels()[i].clone(),
            source: m.labels()[j].clone(),
            share,
            identical_passages: m.identical(i, j),
            plan_chars: m.chars(i),
            source_chars: m.chars(j),
        })
        .collect()
}

fn reuse(m: &ReuseMatrix, plans: &[&Plan]) -> Vec<ReuseRecord> {
    let plan = |label: &str| plans.iter().find(|p| p.label() == label);
    let mut out = Vec::new();
    for (i, j, _) in edges(m) {
        let (a, b) = (&m.labels()[i], &m.labels()[j]);
        if let (Some(pa), Some(pb)) = (plan(a), plan(b)) {
            out.extend(passages(a, b, &align_text(pa, pb)));
        }
    }
    out
}

/// The identical and adapted passages of an alignment of `plan` (side a) with `source`.
fn passages(plan: &str, source: &str, t: &TextAlignment) -> Vec<ReuseRecord> {
    t.passages()
        .iter()
        .filter(|p| p.kind() != PassageKind::Unmatched)
        .filter_map(|p| {
            let (a, b) = (p.a()?, p.b()?);
            let joined = |f: &dyn Fn(&crate::reuse::Change) -> String| {
                p.changes().iter().map(f).collect::<Vec<_>>().join(";")
            };
            Some(ReuseRecord {
                plan: plan.to_string(),
                source: source.to_string(),
                kind: Some(p.kind()),
                similarity: p.similarity(),
                plan_line: a.location().line(),
                source_line: b.location().line(),
                chapter: a.location().chapter().map(|h| h.title().to_string()),
                changes: p.changes().len(),
                change_classes: joined(&|c| c.class().name().to_string()),
                change_text: joined(&|c| format!("{} → {}", c.b(), c.a())),
                plan_text: a.text().to_string(),
                source_text: b.text().to_string(),
            })
        })
        .collect()
}

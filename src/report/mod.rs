//! Presenting comparisons the way researchers use them: Markdown tables to paste, CSV for
//! spreadsheets and pandas (one row per key and plan pair), JSON through serde. Enum
//! values are written with their serde names (`prefecture_city`, `stricter`), as in JSON.
//!
//! [`corpus_report`] compares a whole corpus and renders it; `cargo run --example report`
//! prints it. [`CorpusReport::tidy`] gives its tidy tables ([`TidyTables`]: one
//! observation per row, numbers in the canonical unit) as CSV, JSON Lines and, with the
//! `xlsx` feature (on by default), an Excel workbook.
//!
//! ```
//! use planalign::{compare::compare, report};
//! let corpus = planalign::corpus::guangdong()?;
//! let c = compare(corpus.plan("zhongshan")?, corpus.plan("qingyuan")?);
//! let md = report::comparison_markdown(&c);
//! assert!(md.contains("| key |"));
//! let csv = report::comparison_csv(&[c])?;
//! assert!(csv.starts_with("child,parent,relation,key,"));
//! # Ok::<(), planalign::Error>(())
//! ```

mod corpus;
pub mod html;
mod reuse;
mod tidy;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::fmt::Write as _;

use serde::Serialize;

use crate::compare::{
    Comparison, Growth, IndicatorAlignment, KeyConsensus, Matrix, Relation, Side,
};
use crate::error::Error;
use crate::model::{Attribute, Indicator, format_number};

pub use corpus::{CorpusReport, PlanAncestors, PlanStanding, PlanSummary, corpus_report};
pub use reuse::{alignment_markdown, reuse_matrix_markdown};
pub use tidy::{
    AttainmentRecord, ComparisonRecord, IndicatorRecord, LineageRecord, ReuseRecord, Table,
    TargetRow, TidyTables,
};

/// The name serde gives a unit enum variant (`prefecture_city`, `stricter`): the one name
/// reports and CSV use, so that they read as the JSON does. Empty for `None` or anything
/// that does not serialize to a string.
pub(crate) fn name<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn attr(a: Option<Attribute>) -> &'static str {
    a.map_or("", Attribute::chinese)
}

fn cell(i: Option<&Indicator>) -> String {
    match i {
        Some(i) => format!(
            "{} → {} {} {}",
            if i.baseline.raw().is_empty() {
                "·"
            } else {
                i.baseline.raw()
            },
            if i.target.raw().is_empty() {
                "·"
            } else {
                i.target.raw()
            },
            i.unit.as_ref().map_or("", |u| u.raw()),
            attr(i.attribute)
        )
        .trim()
        .to_string(),
        None => "—".to_string(),
    }
}

/// A number for a cell; empty for none, and for a non-finite one (which the comparison
/// never reports, but a caller's own value may hold).
fn num(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map_or(String::new(), |v| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format_number(v)
        } else if v.abs() >= 1e15 {
            // 1e300, not three hundred digits.
            format!("{v:e}")
        } else {
            format!("{v:.4}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        }
    })
}

/// A ratio with two decimals, or in exponent form when it is too large for that to read.
fn ratio(r: f64) -> String {
    if r.abs() >= 1e15 {
        format!("{r:.3e}")
    } else {
        format!("{r:.2}")
    }
}

fn growth(g: Option<Growth>) -> String {
    g.filter(|g| g.ratio.is_finite() && g.annual_rate.is_finite())
        .map_or(String::new(), |g| {
            let rate = g.annual_rate * 100.0;
            let rate = if rate.abs() >= 1e15 {
                format!("{rate:+.3e}")
            } else {
                format!("{rate:+.1}")
            };
            format!("×{} ({rate}%/yr)", ratio(g.ratio))
        })
}

/// Escapes a Markdown table cell.
fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn share(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |v| format!("{:.0}%", v * 100.0))
}

/// A comparison as Markdown: coverage, the key-by-key table, goals and tasks.
pub fn comparison_markdown(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "### {} against {} ({})\n",
        c.child,
        c.parent,
        name(c.relation)
    );
    if let Some(n) = c.parent_indicators_note() {
        let _ = writeln!(s, "_Indicators: {n}._\n");
    } else {
        let _ = writeln!(
            s,
            "Coverage: {} of {} parent indicators ({}); {} of {} binding ({}).\n",
            c.coverage.carried,
            c.coverage.parent_keys,
            share(c.coverage.share()),
            c.coverage.binding_carried,
            c.coverage.parent_binding,
            share(c.coverage.binding_share())
        );
        let _ = writeln!(
            s,
            "| key | indicator | status | {} | {} | verdict | Δ target | ratio | growth (child / parent) | note |",
            md(&c.child),
            md(&c.parent)
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
        for a in &c.indicators {
            let _ = writeln!(s, "{}", row(a, c.relation));
        }
        if !c.unresolved.is_empty() {
            let _ = writeln!(
                s,
                "\nRows without a key (left out): {}",
                c.unresolved
                    .iter()
                    .map(|u| format!("{} ({})", u.name, name(u.side)))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
    }
    let goals = &c.goals;
    if !goals.links.is_empty() || !goals.unmatched.is_empty() {
        let _ = writeln!(
            s,
            "\n| goal of {} | goal of {} | score | evidence |",
            md(&c.child),
            md(&c.parent)
        );
        let _ = writeln!(s, "|---|---|---|---|");
        for g in goals.primary() {
            let _ = writeln!(
                s,
                "| {} | {} | {:.2} | {} |",
                md(&g.child),
                md(&g.parent),
                g.score,
                md(&g.evidence.join("、"))
            );
        }
        for g in &goals.unmatched {
            let _ = writeln!(
                s,
                "| {} | _(none: no parent goal expresses it)_ | | |",
                md(g)
            );
        }
        if !goals.unaddressed.is_empty() {
            let _ = writeln!(
                s,
                "\nParent goals not addressed: {}",
                goals.unaddressed.join("; ")
            );
        }
    }
    let tasks = &c.tasks;
    if !tasks.links.is_empty() || !tasks.unaddressed.is_empty() {
        let mut covered: Vec<&str> = tasks.links.iter().map(|t| &*t.parent).collect();
        covered.dedup();
        covered.sort_unstable();
        covered.dedup();
        let _ = writeln!(
            s,
            "\nKey tasks addressed: {} of {}.",
            covered.len(),
            covered.len() + tasks.unaddressed.len()
        );
        if !tasks.unaddressed.is_empty() {
            let _ = writeln!(
                s,
                "Key tasks not addressed: {}",
                tasks.unaddressed.join("; ")
            );
        }
    }
    s
}

/// A side's cell, saying where its value comes from when it is stated in prose.
fn from_prose(cell: String, a: &IndicatorAlignment, side: Side) -> String {
    match &a.prose {
        Some(p) if p.side == side => format!("{cell} (prose, line {})", p.line),
        _ => cell,
    }
}

fn row(a: &IndicatorAlignment, relation: Relation) -> String {
    let mut note = a.reason.clone().unwrap_or_default();
    if a.weakening {
        note = format!("weakening: binding above, not below. {note}");
    }
    if a.is_binding_gap() {
        note = format!("**binding gap** {note}");
    }
    format!(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        a.key,
        md(&a.name),
        name(a.status),
        md(&from_prose(cell(a.child.as_ref()), a, Side::Child)),
        md(&from_prose(cell(a.parent.as_ref()), a, Side::Parent)),
        a.verdict.map_or("", |v| relation.verdict_words(v)),
        // Δ is in the key's canonical unit, which is named beside it.
        match (a.target_delta, &a.canonical_unit) {
            (Some(_), Some(u)) => format!("{} {}", num(a.target_delta), u.raw()),
            _ => num(a.target_delta),
        },
        a.escalation_ratio
            .filter(|r| r.is_finite())
            .map_or(String::new(), ratio),
        match (a.child_growth, a.parent_growth) {
            (None, None) => String::new(),
            (c, p) => format!("{} / {}", growth(c), growth(p)),
        },
        md(note.trim())
    )
}

/// Comparisons as CSV: one row per key and plan pair.
pub fn comparison_csv(comparisons: &[Comparison]) -> Result<String, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::write("CSV", e);
    w.write_record([
        "child",
        "parent",
        "relation",
        "key",
        "name",
        "status",
        "child_name",
        "child_unit",
        "child_baseline",
        "child_target",
        "child_attribute",
        "parent_name",
        "parent_unit",
        "parent_baseline",
        "parent_target",
        "parent_attribute",
        "weakening",
        "verdict",
        "reason",
        "canonical_unit",
        "target_delta",
        "escalation_ratio",
        "baseline_verdict",
        "baseline_delta",
        "child_growth",
        "parent_growth",
    ])
    .map_err(err)?;
    for c in comparisons {
        for a in &c.indicators {
            let side = |i: Option<&Indicator>| -> [String; 5] {
                match i {
                    Some(i) => [
                        i.name.clone(),
                        i.unit
                            .as_ref()
                            .map_or(String::new(), |u| u.raw().to_string()),
                        i.baseline.raw().to_string(),
                        i.target.raw().to_string(),
                        name(i.attribute),
                    ],
                    None => Default::default(),
                }
            };
            let mut rec = vec![
                c.child.clone(),
                c.parent.clone(),
                name(c.relation),
                a.key.clone(),
                a.name.clone(),
                name(a.status),
            ];
            rec.extend(side(a.child.as_ref()));
            rec.extend(side(a.parent.as_ref()));
            rec.extend([
                a.weakening.to_string(),
                name(a.verdict),
                a.reason.clone().unwrap_or_default(),
                a.canonical_unit
                    .as_ref()
                    .map(|u| u.raw().to_string())
                    .unwrap_or_default(),
                num(a.target_delta),
                a.escalation_ratio.map_or(String::new(), |r| r.to_string()),
                name(a.baseline_verdict),
                num(a.baseline_delta),
                a.child_growth
                    .map_or(String::new(), |g| g.ratio.to_string()),
                a.parent_growth
                    .map_or(String::new(), |g| g.ratio.to_string()),
            ]);
            w.write_record(&rec).map_err(err)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::write("CSV", e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| Error::write("CSV", e))
}

/// The keys × plans matrix as Markdown.
pub fn matrix_markdown(m: &Matrix) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| key | indicator | {} |",
        m.plans
            .iter()
            .map(|p| md(p))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(s, "|---|---|{}", "---|".repeat(m.plans.len()));
    for r in &m.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| match c {
                // A blank target shows as blank, not as its unit alone.
                Some(c) if c.target.trim().is_empty() => String::new(),
                Some(c) => md(format!(
                    "{} {}{}",
                    c.target,
                    c.unit.as_deref().unwrap_or(""),
                    if c.attribute == Some(Attribute::Binding) {
                        format!(" ({})", Attribute::Binding.short())
                    } else if c.from_prose {
                        " (prose)".to_string()
                    } else {
                        String::new()
                    }
                )
                .trim()),
                None => "".to_string(),
            })
            .collect();
        let _ = writeln!(s, "| {} | {} | {} |", r.key, md(&r.name), cells.join(" | "));
    }
    s
}

/// The keys × plans matrix as CSV: one row per key and plan.
pub fn matrix_csv(m: &Matrix) -> Result<String, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::write("CSV", e);
    w.write_record(["key", "name", "plan", "target", "unit", "attribute"])
        .map_err(err)?;
    for r in &m.rows {
        for (plan, c) in m.plans.iter().zip(&r.cells) {
            if let Some(c) = c {
                let a = name(c.attribute);
                w.write_record([
                    r.key.as_str(),
                    r.name.as_str(),
                    plan,
                    c.target.as_str(),
                    c.unit.as_deref().unwrap_or(""),
                    a.as_str(),
                ])
                .map_err(err)?;
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::write("CSV", e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| Error::write("CSV", e))
}

/// A peer consensus as Markdown.
pub fn consensus_markdown(c: &[KeyConsensus]) -> String {
    let mut s = String::from(
        "| key | indicator | carried by | binding | median target | range | median growth |\n|---|---|---|---|---|---|---|\n",
    );
    for k in c {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            k.key,
            md(&k.name),
            k.carriers.join(", "),
            k.binding,
            k.median.map_or(
                if k.targets.is_empty() {
                    "n/a (no numeric target)".to_string()
                } else {
                    "n/a (extensive)".to_string()
                },
                |m| format!("{} {}", num(Some(m)), k.unit)
            ),
            k.range.map_or(String::new(), |(lo, hi)| format!(
                "{}–{}",
                num(Some(lo)),
                num(Some(hi))
            )),
            k.median_growth
                .filter(|g| g.is_finite())
                .map_or(String::new(), |g| format!("×{}", ratio(g)))
        );
    }
    s
}

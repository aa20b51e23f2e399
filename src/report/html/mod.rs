//! The corpus report as one self-contained HTML page: five figures drawn as inline SVG
//! (with the [`svg`] crate) above the Markdown report's tables, with its styles and its
//! one small script inline, so that the file opens with no network.
//!
//! 1. the keys × plans heat map (`data-figure="heatmap"`): one `rect.cell` per key and
//!    plan, coloured by the plan's verdict against its nearest ancestor with a plan, a
//!    `circle.binding` on each binding cell, the target in the cell's `<title>`;
//! 2. the target strips (`data-figure="strips"`): one `g.strip` per key that several plans
//!    carry, one `g.row` per carrier, a `line.arrow` from baseline to target in the key's
//!    canonical unit and a `line.reference` at the target of the plan's nearest ancestor;
//! 3. the text-reuse heat map (`data-figure="reuse"`): one `rect.cell` per pair of plans,
//!    a `rect.nearest` on each plan's nearest plan;
//! 4. the lineage graph (`data-figure="lineage"`): one `g.node` per plan, one `line.edge`
//!    per plan pair whose share is at least [`LINEAGE_THRESHOLD`];
//! 5. the hierarchy tree (`data-figure="hierarchy"`): one `g.node` per locality, classed
//!    `in-corpus` or `missing`, one `line.edge` per parent link;
//!
//! then the Markdown report itself, as HTML (its tables as `<table>`s).
//!
//! User data (plan ids, names, targets) is written only as escaped text, never into an
//! attribute; attributes carry indices and registry keys (dotted lowercase ASCII).
//!
//! ```
//! use planalign::{compare::Comparer, report};
//! let corpus = planalign::corpus::guangdong()?;
//! let comparer = Comparer::default();
//! let r = report::corpus_report(&comparer, &corpus)?;
//! let html = report::html::render(&comparer, &corpus, &r)?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"data-figure="heatmap""#));
//! # Ok::<(), planalign::Error>(())
//! ```

mod canvas;
mod heatmap;
mod page;
mod reuse;
mod strips;
mod tree;

use std::collections::HashMap;

use crate::compare::{Comparer, Verdict};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::model::{Indicator, Level, Plan};
use crate::report::{CorpusReport, PlanAncestors};

/// The share of a plan's text (in passages identical to or adapted from another plan)
/// from which the lineage graph draws an "adapted from" edge between the two.
pub const LINEAGE_THRESHOLD: f64 = 0.15;

/// Renders `report` (made by [`corpus_report`](super::corpus_report) with `comparer` from
/// `corpus`) as one HTML page. Fails with [`ErrorKind::UnknownId`](crate::ErrorKind) when
/// the report names a plan the corpus lacks.
pub fn render(
    comparer: &Comparer<'_>,
    corpus: &Corpus,
    report: &CorpusReport,
) -> Result<String, Error> {
    let data = Data::new(comparer, corpus, report)?;
    Ok(page::page(&data))
}

/// What every figure reads, gathered once: the report, the corpus, and each plan's rows by
/// key with its nearest ancestor that has a plan.
pub(crate) struct Data<'a> {
    pub(crate) comparer: &'a Comparer<'a>,
    pub(crate) corpus: &'a Corpus,
    pub(crate) report: &'a CorpusReport,
    /// Plan id → its rows by key (table rows, then keys stated only in prose).
    rows: HashMap<&'a str, HashMap<String, Indicator>>,
    /// Plan id → the id of its nearest ancestor's plan.
    parents: HashMap<&'a str, String>,
    /// Plan id → its locality's level.
    levels: HashMap<&'a str, Level>,
    /// Plan id → its comparisons with its ancestors, as the report has them.
    ancestors: HashMap<&'a str, &'a PlanAncestors>,
}

impl<'a> Data<'a> {
    fn new(
        comparer: &'a Comparer<'a>,
        corpus: &'a Corpus,
        report: &'a CorpusReport,
    ) -> Result<Data<'a>, Error> {
        let mut rows = HashMap::new();
        let mut parents = HashMap::new();
        for plan in corpus.plans() {
            rows.insert(plan.label(), keyed_rows(comparer, plan));
            let nearest = corpus
                .ancestors(plan.label())?
                .into_iter()
                .find_map(|a| a.plan);
            if let Some(p) = nearest {
                parents.insert(plan.label(), p);
            }
        }
        if let Some(id) = report
            .matrix
            .plans
            .iter()
            .find(|id| !rows.contains_key(id.as_str()))
        {
            // The corpus's own error, naming its ids.
            corpus.plan(id)?;
        }
        let levels = corpus
            .plans()
            .iter()
            .map(|p| (p.label(), p.locality.level))
            .collect();
        let ancestors = report
            .ancestors
            .iter()
            .map(|a| (a.id.as_str(), a))
            .collect();
        Ok(Data {
            comparer,
            corpus,
            report,
            rows,
            parents,
            levels,
            ancestors,
        })
    }

    /// A plan's row for a key, from its table or its prose.
    pub(crate) fn row(&self, plan: &str, key: &str) -> Option<&Indicator> {
        self.rows.get(plan)?.get(key)
    }

    /// A plan's level.
    pub(crate) fn level(&self, plan: &str) -> Option<Level> {
        self.levels.get(plan).copied()
    }

    /// A plan's comparisons with its ancestors, nearest first.
    pub(crate) fn ancestors(&self, plan: &str) -> Option<&'a PlanAncestors> {
        self.ancestors.get(plan).copied()
    }

    /// The id of the plan of a plan's nearest ancestor that has one.
    pub(crate) fn parent(&self, plan: &str) -> Option<&str> {
        self.parents.get(plan).map(String::as_str)
    }

    /// A plan's baseline and target on a key in the key's canonical unit, each when it is a
    /// finite number.
    pub(crate) fn canonical(&self, plan: &str, key: &str) -> (Option<f64>, Option<f64>) {
        let Some(row) = self.row(plan, key) else {
            return (None, None);
        };
        let Ok(c) = self.comparer.registry().canonical(row, key) else {
            return (None, None);
        };
        let finite =
            |v: Option<crate::model::Value>| v.and_then(|v| v.number()).filter(|x| x.is_finite());
        (finite(c.baseline), finite(c.target))
    }
}

/// A plan's rows by key: its table rows, then the keys it states only in prose.
fn keyed_rows(comparer: &Comparer<'_>, plan: &Plan) -> HashMap<String, Indicator> {
    let keyed = comparer.key(plan);
    let mut out: HashMap<String, Indicator> = keyed
        .rows
        .iter()
        .map(|(k, row)| (k.clone(), (*row).clone()))
        .collect();
    for p in keyed.prose {
        out.entry(p.key).or_insert(p.row);
    }
    out
}

/// How a heat-map cell is coloured: the plan's verdict against its nearest ancestor with a
/// plan, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Stricter,
    Equal,
    Looser,
    Incomparable,
    /// The ancestor carries the key, the plan does not.
    Gap,
    /// The plan carries a key its ancestor's table lacks.
    Extension,
    /// The plan carries the key, and there is nothing to judge it against (no ancestor
    /// with a plan, or its table is not known).
    Unjudged,
    /// Neither the plan nor (as far as is known) its ancestor carries the key.
    Absent,
}

impl Mark {
    /// Every mark, in legend order.
    pub(crate) const ALL: [Mark; 8] = [
        Mark::Stricter,
        Mark::Equal,
        Mark::Looser,
        Mark::Incomparable,
        Mark::Gap,
        Mark::Extension,
        Mark::Unjudged,
        Mark::Absent,
    ];

    pub(crate) fn from_verdict(v: Verdict) -> Mark {
        match v {
            Verdict::Stricter => Mark::Stricter,
            Verdict::Equal => Mark::Equal,
            Verdict::Looser => Mark::Looser,
            Verdict::Incomparable => Mark::Incomparable,
        }
    }

    /// The class name (and legend word).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mark::Stricter => "stricter",
            Mark::Equal => "equal",
            Mark::Looser => "looser",
            Mark::Incomparable => "incomparable",
            Mark::Gap => "gap",
            Mark::Extension => "extension",
            Mark::Unjudged => "unjudged",
            Mark::Absent => "absent",
        }
    }

    /// Its colour: Okabe–Ito, blue for stricter and orange for looser, so that the two
    /// ends read apart with red–green colour blindness.
    pub(crate) fn colour(self) -> &'static str {
        match self {
            Mark::Stricter => "#0072B2",
            Mark::Equal => "#56B4E9",
            Mark::Looser => "#E69F00",
            Mark::Incomparable => "#CC79A7",
            Mark::Gap => "#D55E00",
            Mark::Extension => "#009E73",
            Mark::Unjudged => "#999999",
            Mark::Absent => "#F2F2F2",
        }
    }

    /// What it means, for the legend.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Mark::Stricter => "asks for more than its nearest ancestor",
            Mark::Equal => "asks for the same",
            Mark::Looser => "asks for less",
            Mark::Incomparable => "both carry it, no judgement possible",
            Mark::Gap => "the ancestor carries it, the plan does not",
            Mark::Extension => "the plan's own key",
            Mark::Unjudged => "carried; no ancestor table to judge against",
            Mark::Absent => "not carried",
        }
    }
}

/// A number for a label or a tooltip: at most four significant decimals, no trailing zeros.
pub(crate) fn number(x: f64) -> String {
    super::num(Some(x))
}

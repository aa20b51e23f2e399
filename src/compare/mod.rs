//! Cross-plan comparison: how a lower plan lines up with a higher one and with its peers,
//! quantity by quantity, goal by goal. `compare` never reads text: it works on typed,
//! keyed plans.
//!
//! ```
//! use planalign::compare::{Status, Verdict, compare};
//! let corpus = planalign::corpus::guangdong()?;
//! let c = compare(corpus.plan("dinghu")?, corpus.plan("qingyuan")?);
//! let kitchen = c.indicator("food.bright_kitchen.coverage").expect("both carry it");
//! assert_eq!(kitchen.status, Status::Aligned);
//! assert_eq!(kitchen.verdict, Some(Verdict::Equal));
//! # Ok::<(), planalign::Error>(())
//! ```

mod goals;
mod hierarchy;
mod verdict;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use goals::{GoalLink, TaskLink, align_goals, align_tasks};
pub use hierarchy::{
    AncestorComparison, KeyConsensus, Matrix, MatrixCell, MatrixRow, Standing, against_ancestors,
    consensus, matrix, standing,
};
pub use verdict::Growth;

use crate::model::{Attribute, Indicator, Plan};
use crate::registry::{Extent, Registry};

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);

/// How a canonical key stands between two plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Both plans carry it.
    Aligned,
    /// The parent carries it, the child does not.
    Gap,
    /// The child's own.
    Extension,
}

/// How the child's target compares with the parent's, respecting the key's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The child asks for more.
    Stricter,
    /// The same requirement (≥90 against 90 is equal).
    Equal,
    /// The child asks for less.
    Looser,
    /// No judgement is possible; the reason says why.
    Incomparable,
}

/// One canonical key between a child plan and a parent plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IndicatorAlignment {
    /// The canonical key.
    pub key: String,
    /// The key's preferred Chinese name.
    pub name: String,
    /// Aligned, gap or extension.
    pub status: Status,
    /// The child's row as its plan states it.
    pub child: Option<Indicator>,
    /// The parent's row as its plan states it.
    pub parent: Option<Indicator>,
    /// Binding above and expected (or unstated) below.
    pub weakening: bool,
    /// The target verdict; `None` where there is nothing to judge (gaps, extensions).
    pub verdict: Option<Verdict>,
    /// Why the verdict is what it is, in words.
    pub reason: Option<String>,
    /// The key's canonical unit, in which deltas are stated.
    pub canonical_unit: Option<String>,
    /// Child target minus parent target, in the canonical unit.
    pub target_delta: Option<f64>,
    /// Child target over parent target (层层加码 shows as a ratio above 1 for a
    /// higher-is-better key).
    pub escalation_ratio: Option<f64>,
    /// The same verdict on the baselines.
    pub baseline_verdict: Option<Verdict>,
    /// Child baseline minus parent baseline, in the canonical unit.
    pub baseline_delta: Option<f64>,
    /// The child's implied growth (target / baseline, and the annual rate).
    pub child_growth: Option<Growth>,
    /// The parent's implied growth.
    pub parent_growth: Option<Growth>,
}

impl IndicatorAlignment {
    /// Whether this is a binding parent indicator missing below: the most serious finding.
    pub fn is_binding_gap(&self) -> bool {
        self.status == Status::Gap && self.parent.as_ref().is_some_and(Indicator::is_binding)
    }
}

/// How much of the parent's table the child carries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct Coverage {
    /// Keys of the parent.
    pub parent_keys: usize,
    /// Of those, carried by the child.
    pub carried: usize,
    /// Binding keys of the parent.
    pub parent_binding: usize,
    /// Of those, carried by the child.
    pub binding_carried: usize,
}

impl Coverage {
    /// The share of the parent's indicators the child carries, if the parent has any.
    pub fn share(&self) -> Option<f64> {
        (self.parent_keys > 0).then(|| self.carried as f64 / self.parent_keys as f64)
    }

    /// The share of the parent's binding indicators the child carries.
    pub fn binding_share(&self) -> Option<f64> {
        (self.parent_binding > 0).then(|| self.binding_carried as f64 / self.parent_binding as f64)
    }
}

/// A row that could not be given a key, and so is left out of the alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unresolved {
    /// Which plan: "child" or "parent".
    pub side: String,
    /// The row's name.
    pub name: String,
    /// The best suggestion, if any.
    pub suggestion: Option<String>,
}

/// A child plan against a parent plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comparison {
    /// The child plan's label (its id, or its locality).
    pub child: String,
    /// The parent plan's label.
    pub parent: String,
    /// Set when the parent's indicator table is unknown: no indicator statuses are given.
    pub parent_indicators_unknown: Option<String>,
    /// Key by key, in the child's order, then the parent's gaps.
    pub indicators: Vec<IndicatorAlignment>,
    /// Coverage of the parent's indicators.
    pub coverage: Coverage,
    /// Rows without a key, on either side.
    pub unresolved: Vec<Unresolved>,
    /// The child's goals against the parent's.
    pub goals: Vec<GoalLink>,
    /// Parent goals no child goal addresses.
    pub goals_unaddressed: Vec<String>,
    /// Child goals that express no parent goal.
    pub goals_unmatched: Vec<String>,
    /// The child's chapters and sections against the parent's chapters (key tasks).
    pub tasks: Vec<TaskLink>,
    /// Parent tasks no chapter or section of the child addresses.
    pub tasks_unaddressed: Vec<String>,
}

impl Comparison {
    /// The alignment of one key.
    pub fn indicator(&self, key: &str) -> Option<&IndicatorAlignment> {
        self.indicators.iter().find(|i| i.key == key)
    }

    /// The parent's binding indicators the child lacks.
    pub fn binding_gaps(&self) -> impl Iterator<Item = &IndicatorAlignment> {
        self.indicators.iter().filter(|i| i.is_binding_gap())
    }

    /// Serializes the comparison as pretty JSON.
    pub fn to_json(&self) -> Result<String, crate::Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }
}

/// Compares a child plan with a parent plan, using the bundled registry.
pub fn compare(child: &Plan, parent: &Plan) -> Comparison {
    compare_with(&REGISTRY, child, parent)
}

/// Rows with their keys, and rows without one with the best suggestion.
type Keyed<'a> = (Vec<(String, &'a Indicator)>, Vec<(String, Option<String>)>);

/// A plan's rows with their keys; rows without a key are returned apart.
pub(crate) fn keyed<'a>(reg: &Registry, plan: &'a Plan) -> Keyed<'a> {
    let mut keyed: Vec<(String, &Indicator)> = Vec::new();
    let mut unresolved = Vec::new();
    for i in &plan.indicators {
        let r = reg.resolve_indicator(i);
        match r.key() {
            Some(k) if !keyed.iter().any(|(key, _)| key == k) => keyed.push((k.to_string(), i)),
            Some(_) => {}
            None => unresolved.push((i.name.clone(), r.candidates.first().map(|c| c.key.clone()))),
        }
    }
    (keyed, unresolved)
}

/// Compares a child plan with a parent plan, resolving keys with `registry`.
pub fn compare_with(registry: &Registry, child: &Plan, parent: &Plan) -> Comparison {
    let (ck, cu) = keyed(registry, child);
    let (pk, pu) = keyed(registry, parent);
    let mut unresolved: Vec<Unresolved> = Vec::new();
    for (side, list) in [("child", cu), ("parent", pu)] {
        for (name, suggestion) in list {
            unresolved.push(Unresolved {
                side: side.to_string(),
                name,
                suggestion,
            });
        }
    }
    let mut out = Comparison {
        child: child.label().to_string(),
        parent: parent.label().to_string(),
        parent_indicators_unknown: None,
        indicators: Vec::new(),
        coverage: Coverage::default(),
        unresolved,
        goals: Vec::new(),
        goals_unaddressed: Vec::new(),
        goals_unmatched: Vec::new(),
        tasks: Vec::new(),
        tasks_unaddressed: Vec::new(),
    };
    let (goals, unaddressed, unmatched) = align_goals(child, parent);
    out.goals = goals;
    out.goals_unaddressed = unaddressed;
    out.goals_unmatched = unmatched;
    let (tasks, tasks_unaddressed) = align_tasks(child, parent);
    out.tasks = tasks;
    out.tasks_unaddressed = tasks_unaddressed;
    if parent.indicators_unknown() {
        let declared = parent
            .partial
            .as_ref()
            .and_then(|p| p.declared_indicators)
            .map_or(String::new(), |n| format!(" ({n} indicators declared)"));
        out.parent_indicators_unknown = Some(format!(
            "the indicator table of {} is not known{declared}: no indicator is judged against it",
            parent.label()
        ));
        return out;
    }
    let years = (child.period.years(), parent.period.years());
    let same = child.locality == parent.locality;
    for (key, c) in &ck {
        let p = pk.iter().find(|(k, _)| k == key).map(|(_, i)| *i);
        out.indicators
            .push(align(registry, key, Some(c), p, years, same));
    }
    for (key, p) in &pk {
        if !ck.iter().any(|(k, _)| k == key) {
            out.indicators
                .push(align(registry, key, None, Some(p), years, same));
        }
    }
    out.coverage = Coverage {
        parent_keys: pk.len(),
        carried: pk
            .iter()
            .filter(|(k, _)| ck.iter().any(|(c, _)| c == k))
            .count(),
        parent_binding: pk.iter().filter(|(_, i)| i.is_binding()).count(),
        binding_carried: pk
            .iter()
            .filter(|(k, i)| i.is_binding() && ck.iter().any(|(c, _)| c == k))
            .count(),
    };
    out
}

fn align(
    reg: &Registry,
    key: &str,
    child: Option<&Indicator>,
    parent: Option<&Indicator>,
    years: (u16, u16),
    same_locality: bool,
) -> IndicatorAlignment {
    let entry = reg.entry(key);
    let mut a = IndicatorAlignment {
        key: key.to_string(),
        name: entry.map_or(String::new(), |e| e.name_zh.clone()),
        status: match (child, parent) {
            (Some(_), Some(_)) => Status::Aligned,
            (None, _) => Status::Gap,
            (Some(_), None) => Status::Extension,
        },
        child: child.cloned(),
        parent: parent.cloned(),
        weakening: false,
        verdict: None,
        reason: None,
        canonical_unit: entry.map(|e| e.unit.raw().to_string()),
        target_delta: None,
        escalation_ratio: None,
        baseline_verdict: None,
        baseline_delta: None,
        child_growth: None,
        parent_growth: None,
    };
    let Some(entry) = entry else { return a };
    let cc = child.map(|i| reg.canonical(i, key));
    let pc = parent.map(|i| reg.canonical(i, key));
    if let Some(Ok(c)) = &cc {
        a.child_growth = verdict::growth(c.baseline.as_ref(), c.target.as_ref(), years.0);
    }
    if let Some(Ok(p)) = &pc {
        a.parent_growth = verdict::growth(p.baseline.as_ref(), p.target.as_ref(), years.1);
    }
    let (Some(ci), Some(pi), Some(Ok(c)), Some(Ok(p))) = (child, parent, cc, pc) else {
        return a;
    };
    a.weakening =
        pi.attribute == Some(Attribute::Binding) && ci.attribute != Some(Attribute::Binding);
    let direction = entry.direction;
    // Extensive levels compare only within one locality (a plan against itself or its
    // own revision), never across localities of different size.
    let extensive = entry.kind == Extent::Extensive && !same_locality;
    let problem = c.problem.clone().or(p.problem.clone());
    let judge = |cv: Option<&crate::model::Value>,
                 pv: Option<&crate::model::Value>,
                 craw: &crate::model::Value,
                 praw: &crate::model::Value| {
        verdict::judge(cv, pv, craw, praw, direction, extensive, problem.as_deref())
    };
    let t = judge(c.target.as_ref(), p.target.as_ref(), &ci.target, &pi.target);
    a.verdict = Some(t.verdict);
    a.reason = t.reason;
    a.target_delta = t.delta;
    a.escalation_ratio = t.ratio;
    let b = judge(
        c.baseline.as_ref(),
        p.baseline.as_ref(),
        &ci.baseline,
        &pi.baseline,
    );
    a.baseline_verdict = Some(b.verdict);
    a.baseline_delta = b.delta;
    if extensive && a.child_growth.is_none() && a.parent_growth.is_none() {
        a.reason = a
            .reason
            .map(|r| format!("{r}; no growth to compare either (baseline or target missing)"));
    }
    a
}

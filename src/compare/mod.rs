//! Cross-plan comparison: how a lower plan lines up with a higher one and with its peers,
//! quantity by quantity, goal by goal. `compare` never reads text: it works on typed,
//! keyed plans.
//!
//! A [`Comparer`] holds what every comparison uses: the [`Registry`] that gives rows their
//! keys and the [`Themes`](crate::corpus::Themes) of the parent goals and tasks. It resolves each row once and
//! reuses the key in every comparison it makes. [`compare`] is a shorthand for the bundled
//! registry and themes.
//!
//! ```
//! use planalign::compare::{Comparer, Status, Verdict};
//! use planalign::registry::Registry;
//! let corpus = planalign::corpus::guangdong()?;
//! let registry = Registry::default();
//! let comparer = Comparer::new(&registry);
//! let c = comparer.compare(corpus.plan("dinghu")?, corpus.plan("qingyuan")?);
//! let kitchen = c.indicator("food.bright_kitchen.coverage").expect("both carry it");
//! assert_eq!(kitchen.status, Status::Aligned);
//! assert_eq!(kitchen.verdict, Some(Verdict::Equal));
//! # Ok::<(), planalign::Error>(())
//! ```

mod attainment;
mod goals;
mod hierarchy;
mod keyed;
mod verdict;

pub(crate) use keyed::KeyedPlans;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::error::Unpaired;
pub use attainment::{Attainment, AttainmentRow, Evidence, Incomparable, Origin, Outcome};
pub use goals::{GoalAlignment, GoalLink, TaskAlignment, TaskLink};
pub use hierarchy::{AncestorComparison, KeyConsensus, Matrix, MatrixCell, MatrixRow, Standing};
pub use keyed::Comparer;
pub use verdict::Growth;

use crate::model::{Attribute, Indicator, Plan, Unit, Value};
use crate::registry::{Canonical, Direction, Extent, Registry};
use crate::text::Lexicon;
pub(crate) use keyed::{KeyedPlan, prose_row};

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
    /// Both plans state it, one of them only in its prose (a sentence, not a table row):
    /// [`IndicatorAlignment::prose`] says which and where. Judged on the prose value.
    #[serde(rename = "in_prose")]
    InProse,
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
    pub canonical_unit: Option<Unit>,
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
    /// Where a side's value comes from when it is stated in prose, not in a table row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prose: Option<ProseEvidence>,
}

/// A value a plan states in a sentence of its text rather than in its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProseEvidence {
    /// Which plan of the pair states it in prose.
    pub side: Side,
    /// The sentence.
    pub sentence: String,
    /// Its 1-based line.
    pub line: usize,
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
    /// Keys of the parent's table that the child states only in its prose.
    #[serde(default)]
    pub in_prose: usize,
    /// Of those, binding in the parent.
    #[serde(default)]
    pub binding_in_prose: usize,
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

/// Which plan of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The lower plan.
    Child,
    /// The plan it is compared with.
    Parent,
}

/// A row that could not be given a key, and so is left out of the alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unresolved {
    /// Which plan the row is in.
    pub side: Side,
    /// The row's name.
    pub name: String,
    /// The best suggestion, if any.
    pub suggestion: Option<String>,
}

/// Whether the parent's indicator table is known, and so whether indicators were judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentIndicators {
    /// The parent's table is known: every key has a status.
    Known,
    /// The parent's table is not known (a plan known only in part): no indicator is judged
    /// against it.
    Unknown {
        /// How many indicators the parent plan is said to have.
        declared: Option<u32>,
    },
}

/// How the two plans of a comparison stand to each other, which says what a difference
/// between their targets means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// The other plan is the child's parent or a further ancestor: a stricter target is an
    /// escalation (层层加码), a missing binding indicator a gap.
    #[default]
    Ancestor,
    /// The other plan is a peer (same level, same parent or none known): a difference is
    /// being above or below the peer, not an escalation.
    Peer,
    /// Neither (a district against a city of another branch): the other plan is a point of
    /// reference only; no difference is an escalation or a gap of the child's.
    Reference,
}

impl Relation {
    /// The words for a verdict under this relation: stricter and looser are an ancestor's
    /// terms; against a peer or a reference a target is above or below.
    pub fn verdict_words(self, verdict: Verdict) -> &'static str {
        match (self, verdict) {
            (Relation::Ancestor, Verdict::Stricter) => "stricter",
            (Relation::Ancestor, Verdict::Looser) => "looser",
            (_, Verdict::Stricter) => "above",
            (_, Verdict::Looser) => "below",
            (_, Verdict::Equal) => "equal",
            (_, Verdict::Incomparable) => "incomparable",
        }
    }
}

/// A child plan against a parent plan (or a peer, or a reference: see [`Relation`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comparison {
    /// The child plan's label (its id, or its locality).
    pub child: String,
    /// The parent plan's label.
    pub parent: String,
    /// How the two plans stand to each other.
    #[serde(default)]
    pub relation: Relation,
    /// Whether the parent's indicator table is known; when it is not, `indicators` is empty.
    pub parent_indicators: ParentIndicators,
    /// Key by key, in the child's order, then the parent's gaps.
    pub indicators: Vec<IndicatorAlignment>,
    /// Coverage of the parent's indicators.
    pub coverage: Coverage,
    /// Rows without a key, on either side.
    pub unresolved: Vec<Unresolved>,
    /// The child's goals against the parent's.
    pub goals: GoalAlignment,
    /// The child's chapters and sections against the parent's chapters (key tasks).
    pub tasks: TaskAlignment,
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

    /// Why no indicator is judged, in words, when the parent's table is unknown.
    pub fn parent_indicators_note(&self) -> Option<String> {
        let ParentIndicators::Unknown { declared } = self.parent_indicators else {
            return None;
        };
        let declared = declared.map_or(String::new(), |n| format!(" ({n} indicators declared)"));
        Some(format!(
            "the indicator table of {} is not known{declared}: no indicator is judged against it",
            self.parent
        ))
    }
}

/// Compares a child plan with a parent plan, using the bundled registry and themes.
/// A shorthand for `Comparer::default().compare(child, parent)`; make one [`Comparer`] to
/// compare many plans, or to use a registry of your own.
pub fn compare(child: &Plan, parent: &Plan) -> Comparison {
    Comparer::default().compare(child, parent)
}

impl Comparer<'_> {
    /// Compares a child plan with a parent plan (or another ancestor): indicators key by
    /// key, goals and tasks.
    pub fn compare(&self, child: &Plan, parent: &Plan) -> Comparison {
        self.compare_keyed(&self.key(child), &self.key(parent))
    }

    /// Compares many pairs of plans, (child, parent) each: every distinct plan is keyed and
    /// its titles read once, whatever the number of pairs it is in, and the pairs are
    /// compared in parallel. The comparisons are in the order of `pairs`, the same
    /// whatever the number of threads.
    ///
    /// ```
    /// let corpus = planalign::corpus::guangdong()?;
    /// let (dinghu, zhanjiang, qingyuan) =
    ///     (corpus.plan("dinghu")?, corpus.plan("zhanjiang")?, corpus.plan("qingyuan")?);
    /// let comparer = planalign::Comparer::default();
    /// let all = comparer.compare_all(&[(dinghu, zhanjiang), (dinghu, qingyuan)]);
    /// assert_eq!(all[1], comparer.compare(dinghu, qingyuan));
    /// # Ok::<(), planalign::Error>(())
    /// ```
    pub fn compare_all(&self, pairs: &[(&Plan, &Plan)]) -> Vec<Comparison> {
        let plans: Vec<&Plan> = pairs.iter().flat_map(|(c, p)| [*c, *p]).collect();
        let keyed = self.key_all(&plans);
        pairs
            .par_iter()
            .map(|(c, p)| match (keyed.get(c), keyed.get(p)) {
                (Some(kc), Some(kp)) => self.compare_keyed(kc, kp),
                _ => self.compare(c, p),
            })
            .collect()
    }

    /// Compares a plan with another that stands to it as `relation` says (a peer, a
    /// reference): the same comparison as [`Comparer::compare`], labelled so that its
    /// differences are read as being above or below, not as escalations.
    pub fn compare_as(&self, plan: &Plan, other: &Plan, relation: Relation) -> Comparison {
        Comparison {
            relation,
            ..self.compare(plan, other)
        }
    }

    pub(crate) fn compare_keyed(
        &self,
        child: &KeyedPlan<'_>,
        parent: &KeyedPlan<'_>,
    ) -> Comparison {
        let (c, p) = (child.plan, parent.plan);
        let unresolved = [(Side::Child, child), (Side::Parent, parent)]
            .into_iter()
            .flat_map(|(side, k)| {
                k.unresolved.iter().map(move |u| Unresolved {
                    side,
                    name: u.name.clone(),
                    suggestion: u.suggestion.clone(),
                })
            })
            .collect();
        let as_parent = parent.as_parent.get_or_init(|| self.parent_side(p));
        let mut out = Comparison {
            child: c.label().to_string(),
            parent: p.label().to_string(),
            relation: Relation::Ancestor,
            parent_indicators: ParentIndicators::Known,
            indicators: Vec::new(),
            coverage: Coverage::default(),
            unresolved,
            goals: goals::align_goals(c, as_parent),
            tasks: goals::align_tasks(child.as_child.get_or_init(|| self.child_side(c)), as_parent),
        };
        if p.indicators_unknown() {
            out.parent_indicators = ParentIndicators::Unknown {
                declared: p.partial.as_ref().and_then(|x| x.declared_indicators),
            };
            return out;
        }
        out.indicators = self.indicators(child, parent);
        out.coverage = coverage(child, parent);
        out
    }

    /// Key by key, in the child's order, then the parent's gaps.
    fn indicators(&self, child: &KeyedPlan<'_>, parent: &KeyedPlan<'_>) -> Vec<IndicatorAlignment> {
        let years = (child.plan.period.years(), parent.plan.period.years());
        let same = child.plan.locality == parent.plan.locality;
        let reg = self.registry();
        let lex = self.lexicon();
        let mut out = Vec::new();
        for (key, c) in &child.rows {
            let a = match (parent.row(key), parent.prose_row(key)) {
                (None, Some(p)) => in_prose(
                    align(lex, reg, key, Some(c), Some(&p.row), years, same),
                    Side::Parent,
                    p,
                ),
                (p, _) => align(lex, reg, key, Some(c), p, years, same),
            };
            out.push(a);
        }
        for (key, p) in &parent.rows {
            if child.row(key).is_none() {
                out.push(match child.prose_row(key) {
                    Some(c) => in_prose(
                        align(lex, reg, key, Some(&c.row), Some(p), years, same),
                        Side::Child,
                        c,
                    ),
                    None => align(lex, reg, key, None, Some(p), years, same),
                });
            }
        }
        out
    }
}

/// An alignment one side of which is stated in prose: its status and evidence. The prose
/// does not say whether a target is binding, so no weakening is inferred from it.
fn in_prose(mut a: IndicatorAlignment, side: Side, p: &keyed::ProseRow<'_>) -> IndicatorAlignment {
    a.status = Status::InProse;
    a.weakening = false;
    a.prose = Some(ProseEvidence {
        side,
        sentence: p.target.sentence.clone(),
        line: p.target.line,
    });
    a
}

fn coverage(child: &KeyedPlan<'_>, parent: &KeyedPlan<'_>) -> Coverage {
    let carried = |key: &str| child.row(key).is_some();
    let stated = |key: &str| child.row(key).is_none() && child.prose_row(key).is_some();
    let rows = &parent.rows;
    Coverage {
        in_prose: rows.iter().filter(|(k, _)| stated(k)).count(),
        binding_in_prose: rows
            .iter()
            .filter(|(k, i)| i.is_binding() && stated(k))
            .count(),
        parent_keys: rows.len(),
        carried: rows.iter().filter(|(k, _)| carried(k)).count(),
        parent_binding: rows.iter().filter(|(_, i)| i.is_binding()).count(),
        binding_carried: rows
            .iter()
            .filter(|(k, i)| i.is_binding() && carried(k))
            .count(),
    }
}

/// A note when a target is approximate (约90, 90左右) or striven for (力争95): it is judged
/// on its number, and the judgement says it is softer than a commitment.
fn approximate(whose: &str, target: &Value) -> Option<String> {
    let how = match target.approximation()? {
        crate::model::Approximation::About => "approximate",
        crate::model::Approximation::Aspired => "striven for, not promised",
    };
    Some(format!("{whose} target {} is {how}", target.raw()))
}

/// The count qualifiers a row's name and qualifier cell hold (区级, 生产领域), in the
/// lexicon's order; a qualifier inside a longer one (区级 in 县区级) is not one of its own.
fn count_qualifiers<'l>(row: &Indicator, lex: &'l Lexicon) -> Vec<&'l str> {
    let text = format!("{}{}", row.name, row.qualifier.as_deref().unwrap_or(""));
    let found: Vec<&str> = lex
        .subjects
        .count_qualifiers
        .iter()
        .filter(|q| text.contains(q))
        .collect();
    found
        .iter()
        .copied()
        .filter(|q| !found.iter().any(|w| w != q && w.contains(q)))
        .collect()
}

/// A note when the two rows of one key count under different qualifiers (区级 against 市级
/// spot checks, 生产领域 against 流通领域): the key is shared, the counts are not the same.
fn qualified_differently(child: &Indicator, parent: &Indicator, lex: &Lexicon) -> Option<String> {
    let (c, p) = (count_qualifiers(child, lex), count_qualifiers(parent, lex));
    (c != p && !(c.is_empty() && p.is_empty())).then(|| {
        let list = |w: &[&str]| {
            if w.is_empty() {
                "no qualifier".to_string()
            } else {
                w.join("、")
            }
        };
        format!(
            "qualified differently: the child counts {}, the parent {}",
            list(&c),
            list(&p)
        )
    })
}

fn align(
    lex: &Lexicon,
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
        canonical_unit: entry.map(|e| e.unit.clone()),
        target_delta: None,
        escalation_ratio: None,
        baseline_verdict: None,
        baseline_delta: None,
        child_growth: None,
        parent_growth: None,
        prose: None,
    };
    let Some(entry) = entry else { return a };
    let cc = child.map(|i| reg.canonical(i, key));
    let pc = parent.map(|i| reg.canonical(i, key));
    let mut notes = Vec::new();
    if let Some(Ok(c)) = &cc {
        a.child_growth = finite_growth(Side::Child, c, years.0, &mut notes);
    }
    if let Some(Ok(p)) = &pc {
        a.parent_growth = finite_growth(Side::Parent, p, years.1, &mut notes);
    }
    if let (Some(ci), Some(pi)) = (child, parent) {
        notes.extend(qualified_differently(ci, pi, lex));
        for (whose, i) in [("the child's", ci), ("the parent's", pi)] {
            notes.extend(approximate(whose, &i.target));
        }
    }
    if let (Some(ci), Some(pi), Some(Ok(c)), Some(Ok(p))) = (child, parent, cc, pc) {
        let extensive = entry.kind == Extent::Extensive && !same_locality;
        judge_pair(
            &mut a,
            entry.direction,
            extensive,
            (ci, &c),
            (pi, &p),
            &mut notes,
        );
    }
    for note in &notes {
        verdict::add_note(&mut a.reason, note);
    }
    a
}

/// A plan's growth on a key, when it has one and it is finite; a growth past the range of
/// an f64 is not a number to report, and `notes` says why.
fn finite_growth(side: Side, c: &Canonical, years: u16, notes: &mut Vec<String>) -> Option<Growth> {
    match verdict::growth(c.baseline.as_ref(), c.target.as_ref(), years)? {
        Ok(g) => Some(g),
        Err(why) => {
            let whose = match side {
                Side::Child => "the child's",
                Side::Parent => "the parent's",
            };
            notes.push(format!("{whose} growth not reported: {why}"));
            None
        }
    }
}

/// The verdicts on the targets and the baselines of a row both plans carry, `child` and
/// `parent` as stated and in the canonical unit. Extensive levels compare only within one
/// locality (a plan against itself or its own revision), never across localities of
/// different size: `extensive` says they do not.
fn judge_pair(
    a: &mut IndicatorAlignment,
    direction: Direction,
    extensive: bool,
    (ci, c): (&Indicator, &Canonical),
    (pi, p): (&Indicator, &Canonical),
    notes: &mut Vec<String>,
) {
    a.weakening =
        pi.attribute == Some(Attribute::Binding) && ci.attribute != Some(Attribute::Binding);
    let problem = c.problem.as_deref().or(p.problem.as_deref());
    let judge = |cv: &Option<Value>, pv: &Option<Value>, craw: &Value, praw: &Value| {
        verdict::judge(
            cv.as_ref(),
            pv.as_ref(),
            craw,
            praw,
            direction,
            extensive,
            problem,
        )
    };
    let t = judge(&c.target, &p.target, &ci.target, &pi.target);
    a.verdict = Some(t.verdict);
    a.reason = t.reason;
    a.target_delta = t.delta;
    a.escalation_ratio = t.ratio;
    let b = judge(&c.baseline, &p.baseline, &ci.baseline, &pi.baseline);
    a.baseline_verdict = Some(b.verdict);
    a.baseline_delta = b.delta;
    // `notes` holds only the growths' so far.
    if extensive && a.child_growth.is_none() && a.parent_growth.is_none() && notes.is_empty() {
        a.reason = a
            .reason
            .take()
            .map(|r| format!("{r}; no growth to compare either (baseline or target missing)"));
    }
    notes.extend(t.overflow.map(|o| format!("targets: {o}")));
    notes.extend(b.overflow.map(|o| format!("baselines: {o}")));
}

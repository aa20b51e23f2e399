//! A plan against its chain of ancestors and its peers; the keys × plans matrix.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::keyed::{KeyedPlan, KeyedPlans};
use super::{Comparer, Comparison, Verdict};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::model::{Attribute, Plan};
use crate::registry::{Direction, Extent};

/// A plan compared with one locality above it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AncestorComparison {
    /// The ancestor locality.
    pub locality: String,
    /// The id of its plan, when the corpus has it.
    pub plan: Option<String>,
    /// Why there is no comparison, or what is missing.
    pub note: Option<String>,
    /// The comparison, when the ancestor's plan exists.
    pub comparison: Option<Comparison>,
}

impl Comparer<'_> {
    /// Compares a plan of the corpus with each of its ancestors, nearest first. An ancestor
    /// whose plan is missing is reported as such (never invented); the comparison falls
    /// back to the next ancestor that has one.
    pub fn against_ancestors(
        &self,
        corpus: &Corpus,
        id: &str,
    ) -> Result<Vec<AncestorComparison>, Error> {
        let mut plans = vec![corpus.plan(id)?];
        for a in corpus.ancestors(id)? {
            if let Some(pid) = &a.plan {
                plans.push(corpus.plan(pid)?);
            }
        }
        self.against_ancestors_keyed(corpus, id, &self.key_all(&plans))
    }

    /// [`Comparer::against_ancestors`] with the plans keyed already (`keyed` holds the
    /// plan and each ancestor's plan).
    pub(crate) fn against_ancestors_keyed(
        &self,
        corpus: &Corpus,
        id: &str,
        keyed: &KeyedPlans<'_>,
    ) -> Result<Vec<AncestorComparison>, Error> {
        let get = |id: &str| {
            keyed
                .get(corpus.plan(id)?)
                .ok_or_else(|| Error::new(crate::error::ErrorKind::UnknownId(id.to_string())))
        };
        let child = get(id)?;
        let mut out = Vec::new();
        for a in corpus.ancestors(id)? {
            let comparison = match &a.plan {
                Some(pid) => Some(self.compare_keyed(child, get(pid)?)),
                None => None,
            };
            let note = match (&a.plan, &a.note) {
                (None, Some(n)) => {
                    Some(format!("no plan of {} in the corpus: {n}", a.locality.name))
                }
                (None, None) => Some(format!("no plan of {} in the corpus", a.locality.name)),
                (Some(_), _) => comparison
                    .as_ref()
                    .and_then(Comparison::parent_indicators_note),
            };
            out.push(AncestorComparison {
                locality: a.locality.name.clone(),
                plan: a.plan.clone(),
                note,
                comparison,
            });
        }
        Ok(out)
    }
}

/// Where a set of plans (peers) stand on one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyConsensus {
    /// The key.
    pub key: String,
    /// Its preferred name.
    pub name: String,
    /// The canonical unit of the values.
    pub unit: String,
    /// The plans that carry the key.
    pub carriers: Vec<String>,
    /// How many of them make it binding.
    pub binding: usize,
    /// Each carrier's target in the canonical unit, when it has a numeric one that converts.
    pub targets: Vec<(String, f64)>,
    /// The median target (intensive keys only: extensive ones do not compare in level).
    pub median: Option<f64>,
    /// The lowest and highest target (intensive keys only).
    pub range: Option<(f64, f64)>,
    /// The median implied growth (target / baseline), for any key.
    pub median_growth: Option<f64>,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        // Halves first: the sum of two large numbers may be past the range of an f64.
        v[n / 2 - 1] / 2.0 + v[n / 2] / 2.0
    })
}

impl Comparer<'_> {
    /// The peer consensus per key over a set of plans.
    pub fn consensus(&self, plans: &[&Plan]) -> Vec<KeyConsensus> {
        let keyed: Vec<KeyedPlan<'_>> = plans.iter().map(|p| self.key(p)).collect();
        let mut out: Vec<KeyConsensus> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for plan in &keyed {
            for (key, ind) in &plan.rows {
                let Some(c) = self.consensus_of(&mut out, &mut at, key) else {
                    continue;
                };
                c.carriers.push(plan.plan.label().to_string());
                if ind.attribute == Some(Attribute::Binding) {
                    c.binding += 1;
                }
                if let Some(t) = self.canonical_target(ind, key) {
                    c.targets.push((plan.plan.label().to_string(), t));
                }
            }
        }
        for c in &mut out {
            self.summarize(c, &keyed);
        }
        out
    }

    /// The consensus entry of a key, added on first sight; `None` for a key the registry
    /// does not know.
    fn consensus_of<'c>(
        &self,
        out: &'c mut Vec<KeyConsensus>,
        at: &mut HashMap<String, usize>,
        key: &str,
    ) -> Option<&'c mut KeyConsensus> {
        let entry = self.registry().entry(key)?;
        let k = match at.get(key) {
            Some(&k) => k,
            None => {
                at.insert(key.to_string(), out.len());
                out.push(KeyConsensus {
                    key: key.to_string(),
                    name: entry.name_zh.clone(),
                    unit: entry.unit.raw().to_string(),
                    carriers: Vec::new(),
                    binding: 0,
                    targets: Vec::new(),
                    median: None,
                    range: None,
                    median_growth: None,
                });
                out.len() - 1
            }
        };
        out.get_mut(k)
    }

    /// The median and range of the targets (intensive keys) and the median growth.
    fn summarize(&self, c: &mut KeyConsensus, plans: &[KeyedPlan<'_>]) {
        let Some(entry) = self.registry().entry(&c.key) else {
            return;
        };
        let values: Vec<f64> = c.targets.iter().map(|(_, v)| *v).collect();
        if entry.kind == Extent::Intensive {
            c.median = median(values.clone());
            c.range = values
                .iter()
                .copied()
                .fold(None, |acc: Option<(f64, f64)>, v| {
                    Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
                });
        }
        let growths: Vec<f64> = plans
            .iter()
            .filter_map(|p| {
                let canon = self.registry().canonical(p.row(&c.key)?, &c.key).ok()?;
                // The same growth as a comparison's: levels or cumulative totals only, and
                // a growth past the range of an f64 is no number to take a median of.
                match super::verdict::growth(canon.baseline.as_ref(), canon.target.as_ref(), 1)? {
                    Ok(g) => Some(g.ratio),
                    Err(_) => None,
                }
            })
            .collect();
        c.median_growth = median(growths);
    }

    /// A row's target in the key's canonical unit, when it is a number that converts to a
    /// finite one.
    fn canonical_target(&self, row: &crate::model::Indicator, key: &str) -> Option<f64> {
        self.registry()
            .canonical(row, key)
            .ok()
            .and_then(|x| x.target)
            .and_then(|v| v.number())
            .filter(|t| t.is_finite())
    }
}

/// Where one plan stands against a consensus on one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Standing {
    /// The key.
    pub key: String,
    /// The plan's target in the canonical unit.
    pub target: f64,
    /// The consensus median.
    pub median: f64,
    /// How many peers carry the key.
    pub peers: usize,
    /// Beyond the median in the key's good direction: stricter; at it: equal; short of it:
    /// looser; incomparable for a key whose target is a value to hit.
    pub position: Verdict,
}

impl Comparer<'_> {
    /// Where a plan's targets stand against a peer consensus (intensive keys with a median).
    pub fn standing(&self, plan: &Plan, consensus: &[KeyConsensus]) -> Vec<Standing> {
        let mut out = Vec::new();
        let by_key: HashMap<&str, &KeyConsensus> =
            consensus.iter().map(|c| (c.key.as_str(), c)).collect();
        for (key, ind) in self.key(plan).rows {
            let Some(c) = by_key.get(key.as_str()) else {
                continue;
            };
            let (Some(m), Some(entry)) = (c.median, self.registry().entry(&key)) else {
                continue;
            };
            let Some(t) = self.canonical_target(ind, &key) else {
                continue;
            };
            let position = if (t - m).abs() <= 1e-9 * m.abs().max(1.0) {
                Verdict::Equal
            } else {
                match (entry.direction, t > m) {
                    (Direction::Higher, true) | (Direction::Lower, false) => Verdict::Stricter,
                    (Direction::Higher, false) | (Direction::Lower, true) => Verdict::Looser,
                    (Direction::Target, _) => Verdict::Incomparable,
                }
            };
            out.push(Standing {
                key,
                target: t,
                median: m,
                peers: c.carriers.len(),
                position,
            });
        }
        out
    }
}

/// One cell of the matrix: a plan's row on a key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatrixCell {
    /// The target as the plan writes it.
    pub target: String,
    /// The unit as the plan writes it.
    pub unit: Option<String>,
    /// Binding or expected.
    pub attribute: Option<Attribute>,
    /// Whether the plan states the key only in its prose (its table lacks it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_prose: bool,
}

/// One key across the plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatrixRow {
    /// The key.
    pub key: String,
    /// Its preferred name.
    pub name: String,
    /// One cell per plan, in the matrix's plan order; `None` where the plan lacks the key.
    pub cells: Vec<Option<MatrixCell>>,
}

impl MatrixRow {
    /// How many plans carry the key.
    pub fn carriers(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }
}

/// Keys × plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Matrix {
    /// The plans, as column labels.
    pub plans: Vec<String>,
    /// One row per key, most widely carried first.
    pub rows: Vec<MatrixRow>,
}

impl Matrix {
    /// The keys every plan carries.
    pub fn carried_by_all(&self) -> impl Iterator<Item = &MatrixRow> {
        self.rows
            .iter()
            .filter(|r| r.carriers() == self.plans.len())
    }

    /// The keys only one plan carries.
    pub fn carried_by_one(&self) -> impl Iterator<Item = &MatrixRow> {
        self.rows.iter().filter(|r| r.carriers() == 1)
    }
}

impl Comparer<'_> {
    /// The keys × plans matrix of a set of plans (plans with an unknown table are skipped).
    pub fn matrix(&self, plans: &[&Plan]) -> Matrix {
        let plans: Vec<&&Plan> = plans.iter().filter(|p| !p.indicators_unknown()).collect();
        let mut rows: Vec<MatrixRow> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        let keyed: Vec<_> = plans.iter().map(|p| self.key(p)).collect();
        for (col, k) in keyed.iter().enumerate() {
            for (key, ind) in k.rows.iter().map(|(key, ind)| (key.clone(), *ind)) {
                let k = match at.get(&key) {
                    Some(&k) => k,
                    None => {
                        at.insert(key.clone(), rows.len());
                        rows.push(MatrixRow {
                            name: self
                                .registry()
                                .entry(&key)
                                .map_or(String::new(), |e| e.name_zh.clone()),
                            key,
                            cells: vec![None; plans.len()],
                        });
                        rows.len() - 1
                    }
                };
                rows[k].cells[col] = Some(MatrixCell {
                    target: ind.target.raw().to_string(),
                    unit: ind.unit.as_ref().map(|u| u.raw().to_string()),
                    attribute: ind.attribute,
                    from_prose: false,
                });
            }
        }
        // A key some table carries and a plan states only in its prose counts for that
        // plan too, marked as prose.
        for (col, k) in keyed.iter().enumerate() {
            for p in &k.prose {
                if let Some(row) = at.get(&p.key).and_then(|&k| rows.get_mut(k)) {
                    row.cells[col].get_or_insert(MatrixCell {
                        target: p.row.target.raw().to_string(),
                        unit: p.row.unit.as_ref().map(|u| u.raw().to_string()),
                        attribute: None,
                        from_prose: true,
                    });
                }
            }
        }
        rows.sort_by(|a, b| b.carriers().cmp(&a.carriers()).then(a.key.cmp(&b.key)));
        Matrix {
            plans: plans.iter().map(|p| p.label().to_string()).collect(),
            rows,
        }
    }
}

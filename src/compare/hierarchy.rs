//! A plan against its chain of ancestors and its peers; the keys × plans matrix.

use serde::{Deserialize, Serialize};

use super::{Comparison, REGISTRY, compare_with, keyed};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::model::{Attribute, Plan};
use crate::registry::{Direction, Extent, Registry};

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

/// Compares a bundled plan with each of its ancestors, nearest first. An ancestor whose
/// plan is missing is reported as such (never invented); the comparison falls back to the
/// next ancestor that has one.
pub fn against_ancestors(corpus: &Corpus, id: &str) -> Result<Vec<AncestorComparison>, Error> {
    let child = corpus.plan(id)?;
    let mut out = Vec::new();
    for a in corpus.ancestors(id)? {
        let comparison = match &a.plan {
            Some(pid) => Some(compare_with(&REGISTRY, child, corpus.plan(pid)?)),
            None => None,
        };
        let note = match (&a.plan, &a.note) {
            (None, Some(n)) => Some(format!("no plan of {} in the corpus: {n}", a.locality.name)),
            (None, None) => Some(format!("no plan of {} in the corpus", a.locality.name)),
            (Some(_), _) => comparison
                .as_ref()
                .and_then(|c| c.parent_indicators_unknown.clone()),
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
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The peer consensus per key over a set of plans.
pub fn consensus(plans: &[&Plan]) -> Vec<KeyConsensus> {
    consensus_with(&REGISTRY, plans)
}

fn consensus_with(reg: &Registry, plans: &[&Plan]) -> Vec<KeyConsensus> {
    let mut out: Vec<KeyConsensus> = Vec::new();
    for plan in plans {
        let (rows, _) = keyed(reg, plan);
        for (key, ind) in rows {
            let Some(entry) = reg.entry(&key) else {
                continue;
            };
            let k = match out.iter().position(|c| c.key == key) {
                Some(k) => k,
                None => {
                    out.push(KeyConsensus {
                        key: key.clone(),
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
            let c = &mut out[k];
            c.carriers.push(plan.label().to_string());
            if ind.attribute == Some(Attribute::Binding) {
                c.binding += 1;
            }
            if let Ok(canon) = reg.canonical(ind, &key) {
                if let Some(t) = canon.target.as_ref().and_then(|v| v.number()) {
                    c.targets.push((plan.label().to_string(), t));
                }
            }
        }
    }
    for c in &mut out {
        let Some(entry) = reg.entry(&c.key) else {
            continue;
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
                let (rows, _) = keyed(reg, p);
                let (_, ind) = rows.into_iter().find(|(k, _)| k == &c.key)?;
                let canon = reg.canonical(ind, &c.key).ok()?;
                let b = canon.baseline?.number()?;
                let t = canon.target?.number()?;
                (b > 0.0).then(|| t / b)
            })
            .collect();
        c.median_growth = median(growths);
    }
    out
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
    /// Above the median in the key's good direction: "stricter"; "equal"; "looser".
    pub position: String,
}

/// Where a plan's targets stand against a peer consensus (intensive keys with a median).
pub fn standing(plan: &Plan, consensus: &[KeyConsensus]) -> Vec<Standing> {
    let reg = &*REGISTRY;
    let (rows, _) = keyed(reg, plan);
    let mut out = Vec::new();
    for (key, ind) in rows {
        let Some(c) = consensus.iter().find(|c| c.key == key) else {
            continue;
        };
        let (Some(m), Some(entry)) = (c.median, reg.entry(&key)) else {
            continue;
        };
        let Some(t) = reg
            .canonical(ind, &key)
            .ok()
            .and_then(|x| x.target)
            .and_then(|v| v.number())
        else {
            continue;
        };
        let position = if (t - m).abs() <= 1e-9 * m.abs().max(1.0) {
            "equal"
        } else {
            match (entry.direction, t > m) {
                (Direction::Higher, true) | (Direction::Lower, false) => "stricter",
                (Direction::Higher, false) | (Direction::Lower, true) => "looser",
                (Direction::Target, _) => "different",
            }
        };
        out.push(Standing {
            key,
            target: t,
            median: m,
            peers: c.carriers.len(),
            position: position.to_string(),
        });
    }
    out
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

/// The keys × plans matrix of a set of plans (plans with an unknown table are skipped).
pub fn matrix(plans: &[&Plan]) -> Matrix {
    let reg = &*REGISTRY;
    let plans: Vec<&&Plan> = plans.iter().filter(|p| !p.indicators_unknown()).collect();
    let mut rows: Vec<MatrixRow> = Vec::new();
    for (col, plan) in plans.iter().enumerate() {
        let (keyed_rows, _) = keyed(reg, plan);
        for (key, ind) in keyed_rows {
            let k = match rows.iter().position(|r| r.key == key) {
                Some(k) => k,
                None => {
                    rows.push(MatrixRow {
                        name: reg.entry(&key).map_or(String::new(), |e| e.name_zh.clone()),
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
            });
        }
    }
    rows.sort_by(|a, b| b.carriers().cmp(&a.carriers()).then(a.key.cmp(&b.key)));
    Matrix {
        plans: plans.iter().map(|p| p.label().to_string()).collect(),
        rows,
    }
}

//! Text reuse across a corpus: the shared-text share of every pair of plans, and each
//! plan's nearest plan.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::align::{Prepared, align_shares};
use crate::error::Error;
use crate::model::Plan;

/// The shared text of every pair of plans of a corpus. Made by [`corpus_matrix`].
///
/// `share(i, j)` is the fraction of plan `i`'s text in passages identical to or adapted
/// from plan `j` (the `a_share` of `align_text(plans[i], plans[j])`); the matrix is not
/// symmetric, since a short plan can be mostly copied from a long one.
#[derive(Debug, Clone, PartialEq)]
pub struct ReuseMatrix {
    labels: Vec<String>,
    chars: Vec<usize>,
    shares: Vec<Vec<f64>>,
    identical: Vec<Vec<usize>>,
}

impl ReuseMatrix {
    /// The plans' labels, in the order given.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The number of plans.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the matrix has no plans.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The index of the plan with this label.
    pub fn index_of(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// The number of characters of plan `i`'s text (0 for a plan without paragraphs).
    pub fn chars(&self, i: usize) -> usize {
        self.chars.get(i).copied().unwrap_or(0)
    }

    /// The fraction of plan `i`'s text shared with plan `j`, in [0, 1]: 1 on the diagonal
    /// for a plan with text, 0 for indices out of range.
    pub fn share(&self, i: usize, j: usize) -> f64 {
        self.shares
            .get(i)
            .and_then(|row| row.get(j))
            .copied()
            .unwrap_or(0.0)
    }

    /// The number of identical passages plans `i` and `j` share (symmetric).
    pub fn identical(&self, i: usize, j: usize) -> usize {
        self.identical
            .get(i)
            .and_then(|row| row.get(j))
            .copied()
            .unwrap_or(0)
    }

    /// The plan with which plan `i` shares the largest fraction of its text, and that
    /// fraction; `None` when it shares nothing with any other plan.
    pub fn nearest(&self, i: usize) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        for j in 0..self.len() {
            let s = self.share(i, j);
            if j != i && s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((j, s));
            }
        }
        best
    }

    /// The matrix as pretty JSON: `plans` (label, chars, nearest, nearest_share) and
    /// `shares` (rows of fractions).
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }
}

impl Serialize for ReuseMatrix {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Row<'m> {
            label: &'m str,
            chars: usize,
            nearest: Option<&'m str>,
            nearest_share: Option<f64>,
        }
        let rows: Vec<Row<'_>> = (0..self.len())
            .map(|i| {
                let nearest = self.nearest(i);
                Row {
                    label: &self.labels[i],
                    chars: self.chars(i),
                    nearest: nearest.map(|(j, _)| self.labels[j].as_str()),
                    nearest_share: nearest.map(|(_, s)| s),
                }
            })
            .collect();
        let mut st = s.serialize_struct("ReuseMatrix", 3)?;
        st.serialize_field("plans", &rows)?;
        st.serialize_field("shares", &self.shares)?;
        st.serialize_field("identical", &self.identical)?;
        st.end()
    }
}

/// Aligns every pair of plans and collects their shared-text shares, so that the template
/// lineage of a corpus can be read off.
///
/// Each plan is split and indexed once; the `n·(n−1)/2` pairs are then aligned as by
/// [`align_text`](super::align_text).
///
/// ```
/// let corpus = planalign::corpus::guangdong()?;
/// let matrix = planalign::reuse::corpus_matrix(corpus.plans());
/// let nearest = matrix
///     .index_of("zhanjiang")
///     .and_then(|i| matrix.nearest(i))
///     .map(|(j, _)| matrix.labels()[j].as_str());
/// assert_eq!(nearest, Some("dinghu"));
/// # Ok::<(), planalign::Error>(())
/// ```
pub fn corpus_matrix(plans: &[Plan]) -> ReuseMatrix {
    let prepared: Vec<Prepared<'_>> = plans.iter().map(Prepared::new).collect();
    let n = plans.len();
    let chars: Vec<usize> = prepared.iter().map(Prepared::chars).collect();
    let mut shares = vec![vec![0.0; n]; n];
    let mut identical = vec![vec![0usize; n]; n];
    for i in 0..n {
        if chars[i] > 0 {
            shares[i][i] = 1.0;
        }
        for j in i + 1..n {
            let (a, b, same) = align_shares(&prepared[i], &prepared[j]);
            shares[i][j] = a.shared();
            shares[j][i] = b.shared();
            identical[i][j] = same;
            identical[j][i] = same;
        }
    }
    ReuseMatrix {
        labels: plans.iter().map(|p| p.label().to_string()).collect(),
        chars,
        shares,
        identical,
    }
}

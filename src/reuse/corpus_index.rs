//! One index of the shingles of every plan of a corpus: how many plans hold each shingle
//! (its document frequency), which plans hold the rare ones, and where the common ones
//! could have come from.
//!
//! A shingle held by few plans ([`MAX_DF`] at most) points at reuse between them: the
//! index keeps its plans, and every pair of them is a candidate. A shingle held by more
//! plans is boilerplate or a template handed down widely; following every pair of its
//! plans would cost the square of its frequency and says nothing about who copied whom.
//! The index keeps only its *origins*: the first [`ORIGINS`] plans holding it in the
//! caller's rank order (earlier period, higher level), then by how widely held the rest
//! of their text is: the plans it could have been taken from. Each plan is then scored against the plans it
//! meets through its shingles, each shared shingle weighing its inverse document
//! frequency, and keeps its best candidates.
//!
//! Cost: each plan's shingles are counted, looked up and linked once; scoring a plan
//! follows at most [`MAX_DF`] plans per rare shingle and [`ORIGINS`] per common one, so
//! the whole is linear in the corpus's text. The shingles are split into [`SHARDS`] by
//! their top bits, each shard built by one thread; the lists hold plans in rank order,
//! whatever the number of threads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

/// A shingle held by more plans than this is common: only its origins are kept.
pub(crate) const MAX_DF: u32 = 24;

/// How many origins of a common shingle are kept.
pub(crate) const ORIGINS: usize = 4;

/// The number of shards of the index (a power of two).
const SHARDS: usize = 64;

/// A hasher for shingle hashes within a shard, whose top bits are the shard's: the hash
/// is multiplied so that the bits the table reads depend on all the others.
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(self.0 ^ u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ n >> 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<Mix>>;

fn shard_of(shingle: u64) -> usize {
    (shingle >> (64 - SHARDS.trailing_zeros())) as usize
}

/// What the index holds of one shingle.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// How many plans hold it.
    df: u32,
    /// Where its list starts in the shard's `lists`.
    start: u32,
    /// How much of the list is filled.
    filled: u32,
    /// Its inverse document frequency in fixed point ([`idf_weight`]).
    weight: u32,
}

impl Entry {
    /// The length of its list: every plan when rare, the origins when common.
    fn capacity(&self) -> u32 {
        if self.df <= MAX_DF {
            self.df
        } else {
            ORIGINS as u32
        }
    }
}

#[derive(Debug, Default)]
struct Shard {
    entries: Map<Entry>,
    lists: Vec<u32>,
}

/// The shingle index of a corpus. Built by [`CorpusIndex::new`] from each plan's sorted,
/// deduplicated shingles.
#[derive(Debug)]
pub(crate) struct CorpusIndex {
    shards: Vec<Shard>,
    plans: usize,
}

/// The part of a plan's sorted shingles that falls in shard `k`.
fn in_shard(shingles: &[u64], k: usize) -> &[u64] {
    let from = shingles.partition_point(|s| shard_of(*s) < k);
    let to = shingles.partition_point(|s| shard_of(*s) <= k);
    shingles.get(from..to).unwrap_or_default()
}

impl CorpusIndex {
    /// Indexes the plans' shingles (each list sorted and deduplicated). `rank` orders the
    /// plans as likely origins of their common text, best first; the index then breaks
    /// ties by how widely held a plan's common text is (the sum of the document
    /// frequencies of its common shingles, larger first) and by position. A template
    /// holds the most widely held text; a copy of it has dropped some of that and added
    /// text of its own that fewer plans hold.
    pub fn new<K: Ord>(shingles: &[Vec<u64>], rank: impl Fn(usize) -> K + Sync) -> CorpusIndex {
        let mut index = CorpusIndex {
            shards: (0..SHARDS)
                .into_par_iter()
                .map(|k| count_shard(shingles, k))
                .collect(),
            plans: shingles.len(),
        };
        // How widely held each plan's common text is, for the order of origins.
        let common: Vec<u64> = shingles
            .par_iter()
            .map(|s| {
                s.iter()
                    .map(|s| index.df(*s))
                    .filter(|df| *df > MAX_DF)
                    .map(u64::from)
                    .sum()
            })
            .collect();
        let mut order: Vec<usize> = (0..shingles.len()).collect();
        order.sort_by(|&a, &b| {
            rank(a)
                .cmp(&rank(b))
                .then(common[b].cmp(&common[a]))
                .then(a.cmp(&b))
        });
        index
            .shards
            .par_iter_mut()
            .enumerate()
            .for_each(|(k, shard)| link_shard(shard, shingles, &order, k));
        index
    }

    fn entry(&self, shingle: u64) -> Option<(&Shard, &Entry)> {
        let shard = self.shards.get(shard_of(shingle))?;
        Some((shard, shard.entries.get(&shingle)?))
    }

    /// How many plans hold the shingle.
    pub fn df(&self, shingle: u64) -> u32 {
        self.entry(shingle).map_or(0, |(_, e)| e.df)
    }

    /// The inverse document frequency of a shingle, ln(plans / df) (to 1/4096): 0 for a
    /// shingle every plan holds, or none.
    pub fn idf(&self, shingle: u64) -> f64 {
        self.entry(shingle)
            .map_or(0.0, |(_, e)| f64::from(e.weight) / WEIGHT_UNIT)
    }

    /// The shingle's weight, and the plans kept for it: all its plans when it is rare, its
    /// origins when it is common; in rank order.
    fn holders(&self, shingle: u64) -> (u32, &[u32]) {
        self.entry(shingle).map_or((0, &[]), |(shard, e)| {
            let start = e.start as usize;
            let list = shard
                .lists
                .get(start..start + e.filled as usize)
                .unwrap_or_default();
            (e.weight, list)
        })
    }

    /// What a plan meets through its shingles: for each shingle that weighs something and
    /// is held by another plan too, its weight and the plans kept for it.
    pub fn meets(&self, shingles: &[u64]) -> Meets<'_> {
        Meets {
            lists: shingles
                .iter()
                .map(|s| self.holders(*s))
                .filter(|(w, holders)| *w > 0 && holders.len() > 1)
                .collect(),
        }
    }

    /// The plans that best explain the shingles plan `p` meets, best first: at most `k`,
    /// among those `eligible`.
    ///
    /// A plan's score is the idf of the shingles it shares with `p` (a common shingle
    /// counting for its origins only). The best plan is taken, the shingles it holds are
    /// then explained and count for no other plan, and so on: a template's copies, which
    /// hold what the template holds, do not crowd out the plan that holds what the
    /// template lacks (a chain's intermediate plan, its own additions).
    pub fn candidates(
        &self,
        p: usize,
        meets: &Meets<'_>,
        k: usize,
        eligible: impl Fn(usize) -> bool,
        scratch: &mut Scratch,
    ) -> Vec<u32> {
        scratch.reset(self.plans);
        let lists = &meets.lists;
        for &(w, holders) in lists {
            for &q in holders {
                if scratch.admits(q, p, &eligible) {
                    scratch.score[q as usize] += u64::from(w);
                }
            }
        }
        let mut explained = vec![false; lists.len()];
        let mut picked = Vec::with_capacity(k);
        while picked.len() < k {
            let Some(best) = scratch.best() else { break };
            picked.push(best);
            for (done, &(w, holders)) in explained.iter_mut().zip(lists) {
                if *done || !holders.contains(&best) {
                    continue;
                }
                *done = true;
                for &q in holders {
                    if scratch.admits(q, p, &eligible) {
                        let slot = &mut scratch.score[q as usize];
                        *slot = slot.saturating_sub(u64::from(w));
                    }
                }
            }
        }
        picked
    }
}

/// The shingles of one plan as the index holds them: their weights and the plans kept.
pub(crate) struct Meets<'i> {
    lists: Vec<(u32, &'i [u32])>,
}

/// Fixed-point units of an idf: scores are sums of integers, exact in any order.
const WEIGHT_UNIT: f64 = 4096.0;

/// ln(plans / df) in units of 1/4096; 0 when the shingle is in no plan.
fn idf_weight(plans: usize, df: u32) -> u32 {
    if df == 0 {
        return 0;
    }
    let idf = (plans as f64 / f64::from(df)).ln().max(0.0);
    (idf * WEIGHT_UNIT).round() as u32
}

/// Scratch space for [`CorpusIndex::candidates`], one slot per plan, reused across plans.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    score: Vec<u64>,
    /// 0: not met yet; 1: eligible; 2: not.
    state: Vec<u8>,
    touched: Vec<u32>,
}

impl Scratch {
    fn reset(&mut self, plans: usize) {
        for &q in &self.touched {
            self.score[q as usize] = 0;
            self.state[q as usize] = 0;
        }
        self.touched.clear();
        self.score.resize(plans, 0);
        self.state.resize(plans, 0);
    }

    /// Whether plan `q` is scored for plan `p`: another plan, eligible.
    fn admits(&mut self, q: u32, p: usize, eligible: &impl Fn(usize) -> bool) -> bool {
        let at = q as usize;
        match self.state.get(at) {
            Some(0) => {
                let ok = at != p && eligible(at);
                self.state[at] = if ok { 1 } else { 2 };
                self.touched.push(q);
                ok
            }
            Some(1) => true,
            _ => false,
        }
    }

    /// The eligible plan of the highest positive score (the first of equal ones).
    fn best(&self) -> Option<u32> {
        let mut best: Option<(u64, u32)> = None;
        for &q in &self.touched {
            let score = self.score[q as usize];
            if score > 0 && best.is_none_or(|(b, bq)| score > b || (score == b && q < bq)) {
                best = Some((score, q));
            }
        }
        best.map(|(_, q)| q)
    }
}

/// Counts the plans of each shingle of shard `k`.
fn count_shard(shingles: &[Vec<u64>], k: usize) -> Shard {
    let mut entries: Map<Entry> = Map::default();
    for plan in shingles {
        for s in in_shard(plan, k) {
            let e = entries.entry(*s).or_default();
            e.df = e.df.saturating_add(1);
        }
    }
    Shard {
        entries,
        lists: Vec::new(),
    }
}

/// Lays out the lists of shard `k` and fills them, visiting the plans in `order`.
fn link_shard(shard: &mut Shard, shingles: &[Vec<u64>], order: &[usize], k: usize) {
    let mut total = 0u32;
    for e in shard.entries.values_mut() {
        e.weight = idf_weight(shingles.len(), e.df);
        e.start = total;
        total = total.saturating_add(e.capacity());
    }
    shard.lists = vec![0; total as usize];
    for &p in order {
        let (Some(plan), Ok(id)) = (shingles.get(p), u32::try_from(p)) else {
            continue;
        };
        for s in in_shard(plan, k) {
            if let Some(e) = shard.entries.get_mut(s) {
                if e.filled < e.capacity() {
                    if let Some(slot) = shard.lists.get_mut((e.start + e.filled) as usize) {
                        *slot = id;
                    }
                    e.filled += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shingles spread over the shards, as hashes are.
    fn s(n: u64) -> u64 {
        n.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn sorted(mut v: Vec<u64>) -> Vec<u64> {
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn rare_shingles_keep_their_plans_and_common_ones_their_origins() {
        // Shingle 1 in every plan, shingle 2 in plans 3 and 7 only.
        let plans: Vec<Vec<u64>> = (0..40)
            .map(|p| {
                sorted(if p == 3 || p == 7 {
                    vec![s(1), s(2)]
                } else {
                    vec![s(1)]
                })
            })
            .collect();
        // Rank: later plans first.
        let index = CorpusIndex::new(&plans, std::cmp::Reverse);
        assert_eq!(index.df(s(1)), 40);
        assert_eq!(index.holders(s(1)).1, [39, 38, 37, 36]);
        assert_eq!(index.df(s(2)), 2);
        assert_eq!(index.holders(s(2)).1, [7, 3]);
        assert_eq!(index.idf(s(1)), 0.0);
        assert!((index.idf(s(2)) - 20f64.ln()).abs() < 1e-3);
        let mut scratch = Scratch::default();
        let c = index.candidates(3, &index.meets(&plans[3]), 5, |_| true, &mut scratch);
        assert_eq!(c, [7]);
        // Shingle 1 is in every plan: it weighs nothing and proposes no one.
        let c = index.candidates(0, &index.meets(&plans[0]), 5, |_| true, &mut scratch);
        assert!(c.is_empty());
    }

    #[test]
    fn what_the_best_candidate_explains_counts_for_no_other() {
        // A template of 200 shingles in plans 0..26 (common: its origins are 0..4), and
        // 3 shingles that only plans 24 and 25 hold (24 is 25's source).
        let plans: Vec<Vec<u64>> = (0..30u64)
            .map(|p| {
                let mut v: Vec<u64> = if p < 26 {
                    (1..=200).map(s).collect()
                } else {
                    Vec::new()
                };
                if p == 24 || p == 25 {
                    v.extend((1000..1003).map(s));
                }
                sorted(v)
            })
            .collect();
        let index = CorpusIndex::new(&plans, |_| 0);
        let mut scratch = Scratch::default();
        let c = index.candidates(25, &index.meets(&plans[25]), 2, |_| true, &mut scratch);
        assert_eq!(c, [0, 24]);
        // Only the eligible are proposed.
        let c = index.candidates(25, &index.meets(&plans[25]), 2, |q| q != 0, &mut scratch);
        assert_eq!(c, [1, 24]);
    }

    #[test]
    fn ties_in_rank_go_to_the_plan_with_more_widely_held_text() {
        // Shingle 1 in all 30 plans, shingle 2 in plans 5..30 (25 plans: common too).
        let plans: Vec<Vec<u64>> = (0..30)
            .map(|p| sorted(if p >= 5 { vec![s(1), s(2)] } else { vec![s(1)] }))
            .collect();
        let index = CorpusIndex::new(&plans, |_| 0);
        assert_eq!(index.holders(s(1)).1, [5, 6, 7, 8]);
        let index = CorpusIndex::new(&plans, |p| usize::from(p != 12));
        assert_eq!(index.holders(s(1)).1, [12, 5, 6, 7]);
    }
}

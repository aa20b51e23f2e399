//! One index of the shingles of every plan of a corpus: how many plans hold each shingle
//! (its document frequency), which plans hold the rare ones, and where the common ones
//! could have come from.
//!
//! A shingle held by few plans ([`MAX_DF`] at most) points at reuse between them: the
//! index keeps its plans, and every pair of them is a candidate. A shingle held by more
//! plans is boilerplate or a template handed down widely; following every pair of its
//! plans would cost the square of its frequency and says nothing about who copied whom.
//! The index keeps only its *origins*: the first [`ORIGINS`] plans holding it in
//! [`rank`] order (earlier period, higher level, then more of the corpus's common text),
//! the plans it could have been taken from. Each plan is then scored against the plans it
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
    /// ties by the number of common shingles a plan holds (more first) and by position.
    pub fn new<K: Ord>(shingles: &[Vec<u64>], rank: impl Fn(usize) -> K + Sync) -> CorpusIndex {
        let mut index = CorpusIndex {
            shards: (0..SHARDS)
                .into_par_iter()
                .map(|k| count_shard(shingles, k))
                .collect(),
            plans: shingles.len(),
        };
        // The number of common shingles of each plan, for the order of origins.
        let common: Vec<usize> = shingles
            .par_iter()
            .map(|s| s.iter().filter(|s| index.df(**s) > MAX_DF).count())
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

    /// The inverse document frequency of a shingle, ln(plans / df): 0 for a shingle every
    /// plan holds (or none).
    pub fn idf(&self, shingle: u64) -> f64 {
        idf(self.plans, self.df(shingle))
    }

    /// The shingle's document frequency and the plans kept for it: all its plans when it
    /// is rare, its origins when it is common; in rank order.
    pub fn holders(&self, shingle: u64) -> (u32, &[u32]) {
        self.entry(shingle).map_or((0, &[]), |(shard, e)| {
            let start = e.start as usize;
            let list = shard
                .lists
                .get(start..start + e.filled as usize)
                .unwrap_or_default();
            (e.df, list)
        })
    }

    /// The plans that share the most with plan `p` through its shingles, best first: each
    /// shared shingle adds its idf to the plan's score (a common shingle to its origins
    /// only). At most `k` plans, among those `eligible`; `scores` is scratch space of one
    /// slot per plan, left zeroed.
    pub fn candidates(
        &self,
        p: usize,
        shingles: &[u64],
        k: usize,
        eligible: impl Fn(usize) -> bool,
        scores: &mut Vec<f64>,
    ) -> Vec<u32> {
        scores.resize(self.plans, 0.0);
        let mut touched: Vec<u32> = Vec::new();
        for s in shingles {
            let (df, holders) = self.holders(*s);
            let w = idf(self.plans, df);
            if w <= 0.0 {
                continue;
            }
            for &q in holders {
                let q_at = q as usize;
                if q_at == p {
                    continue;
                }
                if let Some(slot) = scores.get_mut(q_at) {
                    if *slot == 0.0 {
                        touched.push(q);
                    }
                    *slot += w;
                }
            }
        }
        let mut ranked: Vec<(f64, u32)> = touched
            .into_iter()
            .map(|q| {
                let slot = scores.get_mut(q as usize);
                (slot.map_or(0.0, std::mem::take), q)
            })
            .filter(|&(_, q)| eligible(q as usize))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.into_iter().take(k).map(|(_, q)| q).collect()
    }
}

/// ln(plans / df), 0 when the shingle is in no plan.
fn idf(plans: usize, df: u32) -> f64 {
    if df == 0 {
        return 0.0;
    }
    (plans as f64 / f64::from(df)).ln().max(0.0)
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
            .map(|p| sorted(if p == 3 || p == 7 { vec![s(1), s(2)] } else { vec![s(1)] }))
            .collect();
        // Rank: later plans first.
        let index = CorpusIndex::new(&plans, |p| std::cmp::Reverse(p));
        assert_eq!(index.df(s(1)), 40);
        assert_eq!(index.holders(s(1)).1, [39, 38, 37, 36]);
        assert_eq!(index.holders(s(2)), (2, &[7u32, 3][..]));
        assert_eq!(index.idf(s(1)), 0.0);
        let mut scratch = Vec::new();
        let c = index.candidates(3, &plans[3], 5, |_| true, &mut scratch);
        assert_eq!(c, [7]);
        assert!(scratch.iter().all(|x| *x == 0.0));
    }

    #[test]
    fn ties_in_rank_go_to_the_plan_with_more_common_text() {
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

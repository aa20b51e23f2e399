//! Candidate pairs of passages, found through an index of character 4-grams (shingles)
//! rather than by comparing every passage with every other.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::Piece;

/// A shingle shared by more passages than this (in the two plans together) is too common
/// to point at a reused passage (市场监管, 进一步加强) and is skipped.
const MAX_POSTINGS: usize = 48;

/// At most this many candidates are kept per passage (on each side), the best first.
pub(crate) const MAX_CANDIDATES: usize = 4;

/// A candidate must share at least this many shingles with the passage …
const MIN_SHARED: u32 = 3;

/// … and, with the shingles too common to index, at least this fraction of the smaller
/// passage's shingles.
const MIN_CONTAINMENT: f64 = 0.2;

/// A hasher for shingle hashes, which are already well mixed.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8 | u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// The shingle index of one plan: for each shingle, how many passages contain it and,
/// when they are few enough to follow ([`MAX_POSTINGS`] at most), which: the lists stored
/// as ranges of one array (a single allocation rather than one list per shingle). A
/// shingle in more passages is never followed, so its list is not kept: a plan that
/// repeats a sentence a million times indexes it in a few counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    postings: Map<Postings>,
    ids: Vec<u32>,
}

/// Where a shingle's passages stand in [`Index::ids`].
#[derive(Debug, Clone, Copy, Default)]
struct Postings {
    /// How many passages hold the shingle.
    count: u32,
    /// Where its list starts, when it is kept.
    start: u32,
    /// How much of the list is filled, while the index is built.
    filled: u32,
}

impl Index {
    pub fn new(units: &[Piece]) -> Index {
        Index::of(units, |_| true)
    }

    /// The index of the passages not `used` (by identical pairs): passages keep their
    /// positions, and a shingle counts only the passages indexed.
    pub fn of_unused(units: &[Piece], used: &[bool]) -> Index {
        Index::of(units, |k| !used.get(k).copied().unwrap_or(true))
    }

    fn of(units: &[Piece], keep: impl Fn(usize) -> bool) -> Index {
        let kept = || units.iter().enumerate().filter(|(k, _)| keep(*k));
        // Room for the shingles, up to a bound: a plan repeating one sentence a million
        // times has few distinct shingles.
        let shingles: usize = kept().map(|(_, u)| u.shingles().len()).sum();
        let mut postings: Map<Postings> =
            Map::with_capacity_and_hasher(shingles.min(1 << 15), Default::default());
        for (_, u) in kept() {
            for s in u.shingles() {
                let p = postings.entry(*s).or_default();
                p.count = p.count.saturating_add(1);
            }
        }
        let mut total = 0u32;
        for p in postings.values_mut() {
            if p.count as usize <= MAX_POSTINGS {
                p.start = total;
                total = total.saturating_add(p.count);
            }
        }
        let mut ids = vec![0u32; total as usize];
        for (k, u) in kept() {
            let Ok(id) = u32::try_from(k) else { break };
            for s in u.shingles() {
                if let Some(p) = postings.get_mut(s) {
                    if p.count as usize <= MAX_POSTINGS {
                        if let Some(slot) = ids.get_mut((p.start + p.filled) as usize) {
                            *slot = id;
                        }
                        p.filled += 1;
                    }
                }
            }
        }
        Index { postings, ids }
    }

    /// How many passages hold shingle `s`, and which when they are few enough to follow
    /// (an empty list otherwise).
    fn get(&self, s: u64) -> (usize, &[u32]) {
        self.postings.get(&s).map_or((0, &[]), |p| {
            let count = p.count as usize;
            let start = p.start as usize;
            let list = if count <= MAX_POSTINGS {
                self.ids.get(start..start + count).unwrap_or(&[])
            } else {
                &[]
            };
            (count, list)
        })
    }
}

/// The candidate pairs `(i, j)` of passages `a[i]`, `b[j]` that are both still unmatched:
/// for each passage on either side, its best [`MAX_CANDIDATES`] passages on the other
/// side by shared shingles. The rule is the same from both sides, so the set of pairs for
/// `(b, a)` is that for `(a, b)` turned around.
pub(crate) fn candidates(
    a: &[Piece],
    ia: &Index,
    used_a: &[bool],
    b: &[Piece],
    ib: &Index,
    used_b: &[bool],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    one_side(a, ia, used_a, b, ib, used_b, |i, j| pairs.push((i, j)));
    one_side(b, ib, used_b, a, ia, used_a, |j, i| pairs.push((i, j)));
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn one_side(
    xs: &[Piece],
    ix: &Index,
    used_x: &[bool],
    ys: &[Piece],
    iy: &Index,
    used_y: &[bool],
    mut emit: impl FnMut(usize, usize),
) {
    let mut counts = vec![0u32; ys.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut ranked: Vec<(u64, u64, usize)> = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        if used_x.get(i).copied().unwrap_or(true) || !x.fuzzy() {
            continue;
        }
        // Shingles of x too common to follow: they may be shared with any candidate.
        let mut common = 0u32;
        for s in x.shingles() {
            let (n, posts) = iy.get(*s);
            if n == 0 {
                continue;
            }
            if n + ix.get(*s).0 > MAX_POSTINGS {
                common += 1;
                continue;
            }
            for &j in posts {
                let j = j as usize;
                if used_y.get(j).copied().unwrap_or(true) {
                    continue;
                }
                if let Some(c) = counts.get_mut(j) {
                    if *c == 0 {
                        touched.push(j);
                    }
                    *c += 1;
                }
            }
        }
        ranked.clear();
        for &j in &touched {
            let shared = counts[j];
            counts[j] = 0;
            let smaller = x.shingles().len().min(ys[j].shingles().len()).max(1);
            // Containment counts the common shingles as possibly shared: text made of
            // frequent phrases (a list of near-duplicates) keeps its candidates.
            let contained = f64::from(shared + common);
            if shared >= MIN_SHARED && contained >= MIN_CONTAINMENT * smaller as f64 {
                let total = (x.shingles().len() + ys[j].shingles().len()) as u64;
                ranked.push((u64::from(shared), total, j));
            }
        }
        touched.clear();
        // Best first by the Dice coefficient of the shingle sets, shared / total (compared
        // by cross-multiplying, exactly), then by position.
        ranked.sort_unstable_by(|p, q| (q.0 * p.1).cmp(&(p.0 * q.1)).then(p.2.cmp(&q.2)));
        for &(_, _, j) in ranked.iter().take(MAX_CANDIDATES) {
            emit(i, j);
        }
    }
}

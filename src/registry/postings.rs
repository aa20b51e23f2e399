//! The registry's lookup tables: for a key (a name's normalized text, hashed; a character
//! unigram or bigram), the names holding it. All lists live in one array cut into runs,
//! built by counting, so that a registry of a hundred thousand names is a few allocations
//! rather than one list per key.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A hasher for keys that are small integers or already hashes: one round of murmur3's
/// finalizer, which spreads every input bit over the output (the table reads both its
/// high and its low bits).
#[derive(Default, Clone, Copy)]
pub(super) struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^= z >> 33;
        z = z.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        z ^ (z >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }
}

/// The key of a normalized text: its hash. Texts that share a hash share a run; readers
/// compare the texts of the names they get.
pub(super) fn text_key(text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Keys → runs of name ids.
#[derive(Debug, Clone, Default)]
pub(super) struct Postings {
    /// Key → its run's number.
    runs: HashMap<u64, u32, BuildHasherDefault<Mix>>,
    /// Where each run starts in `ids`, and a last entry for the end of the last run.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl Postings {
    /// From (key, name id) pairs; each run holds its ids in the pairs' order.
    pub fn new(pairs: impl IntoIterator<Item = (u64, u32)>) -> Postings {
        let mut runs: HashMap<u64, u32, BuildHasherDefault<Mix>> = HashMap::default();
        let mut counts: Vec<u32> = Vec::new();
        let mut order: Vec<(u32, u32)> = Vec::new();
        for (key, id) in pairs {
            let next = counts.len() as u32;
            let run = *runs.entry(key).or_insert(next);
            if run == next {
                counts.push(0);
            }
            counts[run as usize] += 1;
            order.push((run, id));
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        for c in &counts {
            starts.push(total);
            total += c;
        }
        starts.push(total);
        let mut cursor: Vec<u32> = starts.clone();
        let mut ids = vec![0u32; total as usize];
        for (run, id) in order {
            let at = &mut cursor[run as usize];
            ids[*at as usize] = id;
            *at += 1;
        }
        Postings { runs, starts, ids }
    }

    /// The ids under a key.
    pub fn get(&self, key: u64) -> &[u32] {
        self.runs
            .get(&key)
            .and_then(|&run| self.run(run as usize))
            .unwrap_or(&[])
    }

    /// Every run, in no particular order.
    pub fn runs(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.runs.len()).filter_map(|run| self.run(run))
    }

    fn run(&self, run: usize) -> Option<&[u32]> {
        let (start, end) = (*self.starts.get(run)?, *self.starts.get(run + 1)?);
        self.ids.get(start as usize..end as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_their_ids_in_order() {
        let p = Postings::new([(7, 1), (3, 2), (7, 4), (9, 5), (7, 6)]);
        assert_eq!(p.get(7), [1, 4, 6]);
        assert_eq!(p.get(3), [2]);
        assert_eq!(p.get(8), [] as [u32; 0]);
        let mut runs: Vec<Vec<u32>> = p.runs().map(<[u32]>::to_vec).collect();
        runs.sort();
        assert_eq!(runs, [vec![1, 4, 6], vec![2], vec![5]]);
    }
}

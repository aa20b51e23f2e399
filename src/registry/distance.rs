//! Edit distance on characters between a query, prepared once, and many names: the
//! bit-parallel algorithm of Hyyrö (2003) for the optimal string alignment distance
//! (Levenshtein with the transposition of two adjacent characters as one edit), one
//! machine word per query of up to 64 characters, and the table for longer ones.

/// A query prepared for [`Pattern::distance`]: each of its characters' positions as bits.
#[derive(Debug, Clone, Default)]
pub(super) struct Pattern {
    chars: Vec<char>,
    /// Open addressing, `SLOTS` slots: (character, positions), `EMPTY` where free.
    slots: Vec<(u32, u64)>,
    /// The table's row for queries longer than 64 characters.
    rows: [Vec<usize>; 3],
}

const SLOTS: usize = 128;
const EMPTY: u32 = u32::MAX;

fn slot(c: char) -> usize {
    (u32::from(c).wrapping_mul(0x9E37_79B9) >> 25) as usize % SLOTS
}

impl Pattern {
    /// Prepares `query` (its characters).
    pub fn prepare(&mut self, query: impl Iterator<Item = char>) {
        self.chars.clear();
        self.chars.extend(query);
        self.slots.clear();
        self.slots.resize(SLOTS, (EMPTY, 0));
        if self.chars.len() > 64 {
            return;
        }
        for (i, &c) in self.chars.iter().enumerate() {
            let mut s = slot(c);
            while self.slots[s].0 != EMPTY && self.slots[s].0 != u32::from(c) {
                s = (s + 1) % SLOTS;
            }
            self.slots[s].0 = u32::from(c);
            self.slots[s].1 |= 1 << i;
        }
    }

    /// The query's characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    fn positions(&self, c: char) -> u64 {
        let mut s = slot(c);
        loop {
            match self.slots[s] {
                (EMPTY, _) => return 0,
                (k, bits) if k == u32::from(c) => return bits,
                _ => s = (s + 1) % SLOTS,
            }
        }
    }

    /// The optimal string alignment distance between the query and `name`.
    pub fn distance(&mut self, name: &[char]) -> usize {
        let m = self.chars.len();
        if m == 0 {
            return name.len();
        }
        if m > 64 {
            return osa_table(&self.chars, name, &mut self.rows);
        }
        let mask = 1u64 << (m - 1);
        let (mut vp, mut vn, mut d0, mut pm_old) = (!0u64, 0u64, 0u64, 0u64);
        let mut dist = m;
        for &c in name {
            let pm = self.positions(c);
            let tr = ((!d0 & pm) << 1) & pm_old;
            d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            if hp & mask != 0 {
                dist += 1;
            } else if hn & mask != 0 {
                dist -= 1;
            }
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            pm_old = pm;
        }
        dist
    }
}

/// The optimal string alignment distance by the table, three rows reused.
fn osa_table(a: &[char], b: &[char], rows: &mut [Vec<usize>; 3]) -> usize {
    let [two, one, row] = rows;
    for r in [&mut *two, &mut *one, &mut *row] {
        r.clear();
        r.resize(b.len() + 1, 0);
    }
    one.iter_mut().enumerate().for_each(|(j, x)| *x = j);
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (one[j] + cost).min(one[j + 1] + 1).min(row[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                d = d.min(two[j - 1] + 1);
            }
            row[j + 1] = d;
        }
        std::mem::swap(two, one);
        std::mem::swap(one, row);
    }
    one[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_strsim_osa() {
        let mut p = Pattern::default();
        let long: String = "食品抽检合格率".repeat(11);
        let longer = format!("{long}药");
        let pairs = [
            ("明厨亮灶覆盖率", "名厨亮灶覆盖率"),
            ("明厨亮灶覆盖率", "明亮厨灶覆盖率"),
            ("", "食品"),
            ("食品", ""),
            ("食品抽检合格率", "药品抽检批次数"),
            ("kitten", "sitting"),
            ("ca", "abc"),
            ("abcdef", "badcfe"),
            (long.as_str(), longer.as_str()),
            (longer.as_str(), "食品抽检合格率"),
        ];
        for (a, b) in pairs {
            p.prepare(a.chars());
            let b_chars: Vec<char> = b.chars().collect();
            assert_eq!(p.distance(&b_chars), strsim::osa_distance(a, b), "{a} {b}");
        }
    }
}

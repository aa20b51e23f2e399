//! Edit distance on characters between a query, prepared once, and many names: the
//! bit-parallel algorithm of Hyyrö (2003) for the optimal string alignment distance
//! (Levenshtein with the transposition of two adjacent characters as one edit), one
//! machine word per query of up to 64 characters, and the table for longer ones.
//! Characters are numbered by the registry's alphabet, so that a query's table is looked
//! up by number rather than hashed per character of every name.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::postings::Mix;

/// The characters of a registry's names, numbered: a name is scored as its letters'
/// numbers, and a query's character that no name holds gets the number of none.
#[derive(Debug, Clone, Default)]
pub(super) struct Alphabet {
    ids: HashMap<char, u16, BuildHasherDefault<Mix>>,
}

impl Alphabet {
    /// The alphabet of the characters of `names`, at most `u16::MAX` of them (a character
    /// past those is numbered as none: it matches no name's character).
    pub fn new<'n>(names: impl IntoIterator<Item = &'n [char]>) -> Alphabet {
        let mut ids: HashMap<char, u16, BuildHasherDefault<Mix>> = HashMap::default();
        for &c in names.into_iter().flatten() {
            let next = ids.len();
            if next < usize::from(u16::MAX) {
                ids.entry(c).or_insert(next as u16);
            }
        }
        Alphabet { ids }
    }

    /// The number of none: no name holds the character.
    pub fn none(&self) -> u16 {
        self.ids.len() as u16
    }

    pub fn letter(&self, c: char) -> u16 {
        self.ids.get(&c).copied().unwrap_or_else(|| self.none())
    }

    /// The letters of `text`, into `out`.
    pub fn spell(&self, text: impl Iterator<Item = char>, out: &mut Vec<u16>) {
        out.clear();
        out.extend(text.map(|c| self.letter(c)));
    }
}

/// A query prepared for [`Pattern::distance`]: each of its letters' positions as bits.
#[derive(Debug, Clone, Default)]
pub(super) struct Pattern {
    letters: Vec<u16>,
    /// Letter → the positions it holds in the query; only the query's letters are set.
    table: Vec<u64>,
    /// The table for queries longer than 64 characters: three rows.
    rows: [Vec<usize>; 3],
}

impl Pattern {
    /// Prepares `query` (its characters) for names of `alphabet`.
    pub fn prepare(&mut self, query: impl Iterator<Item = char>, alphabet: &Alphabet) {
        for &k in &self.letters {
            if let Some(bits) = self.table.get_mut(usize::from(k)) {
                *bits = 0;
            }
        }
        self.table.resize(usize::from(alphabet.none()) + 1, 0);
        alphabet.spell(query, &mut self.letters);
        if self.letters.len() > 64 {
            return;
        }
        let none = alphabet.none();
        for (i, &k) in self.letters.iter().enumerate() {
            if k != none {
                self.table[usize::from(k)] |= 1 << i;
            }
        }
    }

    /// The query's length in characters.
    pub fn len(&self) -> usize {
        self.letters.len()
    }

    /// The optimal string alignment distance between the query and a name (its letters).
    pub fn distance(&mut self, name: &[u16]) -> usize {
        let m = self.letters.len();
        if m == 0 {
            return name.len();
        }
        if m > 64 {
            return osa_table(&self.letters, name, &mut self.rows);
        }
        let mask = 1u64 << (m - 1);
        let (mut vp, mut vn, mut d0, mut pm_old) = (!0u64, 0u64, 0u64, 0u64);
        let mut dist = m;
        for &k in name {
            let pm = self.table.get(usize::from(k)).copied().unwrap_or(0);
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
fn osa_table(a: &[u16], b: &[u16], rows: &mut [Vec<usize>; 3]) -> usize {
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
            let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            // The alphabet of the name side only: a query's other characters are none.
            let alphabet = Alphabet::new([bc.as_slice()]);
            p.prepare(a.chars(), &alphabet);
            let mut name = Vec::new();
            alphabet.spell(b.chars(), &mut name);
            assert_eq!(p.distance(&name), strsim::osa_distance(a, b), "{a} {b}");
            assert_eq!(p.len(), ac.len());
        }
    }
}

//! The typed forms a list takes once loaded: words longest first, a map of words to
//! numbers, a set of characters.

use serde::Deserialize;

/// A list of words, kept longest first so that the first match is the longest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WordList(Vec<String>);

impl<'de> Deserialize<'de> for WordList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WordList, D::Error> {
        let words = Vec::<String>::deserialize(d)?;
        Ok(WordList::new(words))
    }
}

impl WordList {
    /// The words, longest first (a stable sort: equal lengths keep the file's order).
    pub fn new(mut words: Vec<String>) -> WordList {
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        WordList(words)
    }

    /// The words, longest first.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The first of the longest words, in the file's order.
    pub fn first(&self) -> Option<&str> {
        self.0.first().map(String::as_str)
    }

    /// Whether `s` is one of the words.
    pub fn contains(&self, s: &str) -> bool {
        self.0.iter().any(|w| w == s)
    }

    /// The longest word `s` starts with.
    pub fn prefix_of<'a>(&'a self, s: &str) -> Option<&'a str> {
        self.iter().find(|w| s.starts_with(w))
    }

    /// The longest word `s` ends with.
    pub fn suffix_of<'a>(&'a self, s: &str) -> Option<&'a str> {
        self.iter().find(|w| s.ends_with(w))
    }

    /// `s` without the longest word it starts with.
    pub fn strip_prefix<'s>(&self, s: &'s str) -> Option<&'s str> {
        self.prefix_of(s).map(|w| &s[w.len()..])
    }

    /// `s` without the longest word it ends with.
    pub fn strip_suffix<'s>(&self, s: &'s str) -> Option<&'s str> {
        self.suffix_of(s).map(|w| &s[..s.len() - w.len()])
    }

    /// Whether any word occurs in `s`.
    pub fn any_in(&self, s: &str) -> bool {
        self.0.iter().any(|w| s.contains(w.as_str()))
    }
}

/// Words with a number each (a digit's value, a multiplier's power of ten).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WordMap {
    /// Longest word first.
    entries: Vec<(String, i64)>,
    /// The one-character words: looked up once per character of a text by the numeral
    /// reader, so a table of characters rather than a scan of strings.
    chars: CharTable<i64>,
}

/// A filter of characters by the low byte of their code point, 256 bits: a character
/// whose bit is clear is not among those put in; one whose bit is set may be, and is worth
/// a closer look. Neighbouring characters fall in different slots, so a few dozen words'
/// characters leave most of a Chinese text's characters out with one bit test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LowBytes([u64; 4]);

impl LowBytes {
    /// The filter of `chars`.
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> LowBytes {
        let mut bits = LowBytes::default();
        for c in chars {
            bits.insert(c);
        }
        bits
    }

    /// Puts `c` in.
    pub(crate) fn insert(&mut self, c: char) {
        let low = c as usize & 0xff;
        self.0[low >> 6] |= 1 << (low & 63);
    }

    /// Whether `c` may have been put in.
    #[inline]
    pub(crate) fn may_hold(&self, c: char) -> bool {
        self.may_hold_low(c as u32 as u8)
    }

    /// Whether a character whose code point's low byte is `low` may have been put in: for
    /// scanners that read the low byte off a character's UTF-8 form.
    #[inline]
    pub(crate) fn may_hold_low(&self, low: u8) -> bool {
        let low = usize::from(low);
        self.0[low >> 6] >> (low & 63) & 1 != 0
    }

    /// Whether `word`'s first character may have been put in (an empty word may).
    pub(crate) fn may_start(&self, word: &str) -> bool {
        word.chars().next().is_none_or(|c| self.may_hold(c))
    }
}

/// Characters with a value each, for lookup one character of a text at a time: sorted for
/// a binary search, behind a [`LowBytes`] filter that tells most characters of a text they
/// are absent without the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CharTable<T> {
    /// Sorted by character.
    entries: Vec<(char, T)>,
    filter: LowBytes,
}

impl<T> Default for CharTable<T> {
    fn default() -> Self {
        CharTable {
            entries: Vec::new(),
            filter: LowBytes::default(),
        }
    }
}

impl<T> CharTable<T> {
    /// The table of `entries`, which must be sorted by character (of several entries of
    /// one character, a lookup finds one of them, as a binary search does).
    pub(crate) fn from_sorted(entries: Vec<(char, T)>) -> CharTable<T> {
        debug_assert!(entries.windows(2).all(|w| w[0].0 <= w[1].0));
        let filter = LowBytes::of(entries.iter().map(|(c, _)| *c));
        CharTable { entries, filter }
    }

    /// The value of `c`, if the table holds it.
    pub(crate) fn get(&self, c: char) -> Option<&T> {
        if !self.filter.may_hold(c) {
            return None;
        }
        self.entries
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| &self.entries[i].1)
    }
}

impl<'de> Deserialize<'de> for WordMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WordMap, D::Error> {
        let map = std::collections::BTreeMap::<String, i64>::deserialize(d)?;
        let mut entries: Vec<(String, i64)> = map.into_iter().collect();
        entries.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let mut chars: Vec<(char, i64)> = entries
            .iter()
            .filter_map(|(w, n)| {
                let mut cs = w.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Some((c, *n)),
                    _ => None,
                }
            })
            .collect();
        chars.sort_unstable();
        Ok(WordMap {
            entries,
            chars: CharTable::from_sorted(chars),
        })
    }
}

impl WordMap {
    /// The number of a word.
    pub fn get(&self, word: &str) -> Option<i64> {
        self.entries
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, n)| *n)
    }

    /// The words and their numbers, longest word first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> {
        self.entries.iter().map(|(w, n)| (w.as_str(), *n))
    }

    /// The number of a one-character word.
    pub fn get_char(&self, c: char) -> Option<i64> {
        self.chars.get(c).copied()
    }

    /// The longest word `s` starts with, and its number.
    pub fn prefix_of<'a>(&'a self, s: &str) -> Option<(&'a str, i64)> {
        self.entries
            .iter()
            .find(|(w, _)| s.starts_with(w.as_str()))
            .map(|(w, n)| (w.as_str(), *n))
    }

    /// A word whose number is `n` (the first in the file's order of the longest).
    pub fn word_for(&self, n: i64) -> Option<&str> {
        let mut best: Option<&str> = None;
        for (w, m) in &self.entries {
            if *m == n && best.is_none_or(|b| w.chars().count() < b.chars().count()) {
                best = Some(w);
            }
        }
        best
    }
}

/// A set of characters of the Basic Multilingual Plane, one bit each (8 KiB), built in a
/// `const` as readily as at run time: the one form of the scanners' per-char sets (the
/// lexicon's classes, [`LeadBytes`](crate::text::fold::LeadBytes), the script table's
/// keys). A char beyond the plane is never in it; each scanner says what such a char is.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct PlaneBits([u64; 0x10000 / 64]);

impl PlaneBits {
    /// The set without a char.
    pub(crate) const EMPTY: PlaneBits = PlaneBits([0; 0x10000 / 64]);

    /// Adds `c`, if it is of the plane.
    pub(crate) const fn insert(&mut self, c: char) {
        let k = c as usize;
        if k < 0x10000 {
            self.0[k / 64] |= 1 << (k % 64);
        }
    }

    /// Whether `c` is in the set, if the set can tell: `None` for a char beyond the plane.
    #[inline]
    pub(crate) fn get(&self, c: char) -> Option<bool> {
        let k = c as usize;
        self.0.get(k / 64).map(|word| word >> (k % 64) & 1 != 0)
    }

    /// Whether the code point `k` of the plane is in the set (`false` beyond it): for
    /// scanners that read a code point off the bytes of its UTF-8 form.
    #[inline]
    pub(crate) fn holds(&self, k: usize) -> bool {
        self.0
            .get(k / 64)
            .is_some_and(|word| word >> (k % 64) & 1 != 0)
    }

    /// Whether the char whose UTF-8 form is the three bytes `x`, `b1`, `b2` is in the set,
    /// told off the bytes: the lead byte's low four bits and the second byte's low six are
    /// the char's block of 64 code points (below 1024: no bounds check), the third byte's
    /// low six its bit in the block.
    #[inline]
    pub(crate) fn holds3(&self, x: u8, b1: u8, b2: u8) -> bool {
        let block = usize::from(x & 0x0F) << 6 | usize::from(b1 & 0x3F);
        self.0[block] >> (b2 & 0x3F) & 1 != 0
    }

    /// The chars of the set, in code point order.
    pub(crate) fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.0.iter().enumerate().flat_map(|(block, &word)| {
            (0..64)
                .filter(move |bit| word >> bit & 1 != 0)
                .filter_map(move |bit| char::from_u32((block * 64 + bit) as u32))
        })
    }

    /// How many chars the set holds.
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

impl std::fmt::Debug for PlaneBits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PlaneBits({} chars)", self.len())
    }
}

/// A set of characters of the Basic Multilingual Plane, one bit each (8 KiB): for a class
/// of characters a scanner asks of every character of a text. Derived from the lists once,
/// when the lexicon is built; an empty set (the default) knows no character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CharBits(Vec<u64>);

impl CharBits {
    /// The set of `chars` (those outside the plane are left out).
    pub(crate) fn from_chars(chars: impl IntoIterator<Item = char>) -> CharBits {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in chars {
            let k = c as usize;
            if let Some(word) = bits.get_mut(k / 64) {
                *word |= 1 << (k % 64);
            }
        }
        CharBits(bits)
    }

    /// Whether `c` is in the set, if the set can tell: `None` for a character outside the
    /// plane, or when the set was never built.
    #[inline]
    pub(crate) fn get(&self, c: char) -> Option<bool> {
        let k = c as usize;
        self.0.get(k / 64).map(|word| word & (1 << (k % 64)) != 0)
    }
}

/// A set of characters, written in the file as one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CharSet {
    /// In the file's order.
    chars: Vec<char>,
    /// For lookup.
    table: CharTable<()>,
}

impl<'de> Deserialize<'de> for CharSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CharSet, D::Error> {
        let s = String::deserialize(d)?;
        let chars: Vec<char> = s.chars().collect();
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let table = CharTable::from_sorted(sorted.into_iter().map(|c| (c, ())).collect());
        Ok(CharSet { chars, table })
    }
}

impl CharSet {
    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.table.get(c).is_some()
    }

    /// The characters, in the file's order.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.chars.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::LowBytes;

    #[test]
    fn a_low_byte_filter_holds_what_was_put_in_and_tells_its_neighbours_apart() {
        let f = LowBytes::of("市场监管".chars());
        for c in "市场监管".chars() {
            assert!(f.may_hold(c), "{c}");
            assert!(f.may_hold_low(c as u32 as u8), "{c}");
        }
        // 市 is U+5E02: its neighbours U+5E01 and U+5E03 fall in other slots.
        assert!(!f.may_hold('\u{5e01}') && !f.may_hold('\u{5e03}'));
        // A char of another block with the same low byte may be held: a filter, not a set.
        assert!(f.may_hold('\u{4e02}'));
        assert!(f.may_start("市场") && f.may_start("") && !f.may_start("\u{5e01}场"));
        assert!(!LowBytes::default().may_hold('市'));
    }
}

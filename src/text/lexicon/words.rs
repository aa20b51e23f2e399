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
    /// The one-character words, sorted by character: looked up once per character of a
    /// text by the numeral reader, so a binary search rather than a scan of strings.
    chars: Vec<(char, i64)>,
    /// Which characters may be among `chars`: most characters of a text are not, and are
    /// told so without a search.
    filter: CharFilter,
}

/// A one-hash filter of 256 bits over a set of characters: `false` means the character is
/// not in the set, `true` that it may be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CharFilter([u64; 4]);

impl CharFilter {
    pub(crate) fn new(chars: impl Iterator<Item = char>) -> CharFilter {
        let mut bits = [0u64; 4];
        for c in chars {
            let h = CharFilter::slot(c);
            bits[h >> 6] |= 1 << (h & 63);
        }
        CharFilter(bits)
    }

    fn slot(c: char) -> usize {
        // The low byte of the code point: neighbouring characters fall in different slots.
        (c as u32 & 0xff) as usize
    }

    pub(crate) fn may_contain(&self, c: char) -> bool {
        let h = CharFilter::slot(c);
        self.0[h >> 6] & (1 << (h & 63)) != 0
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
        let filter = CharFilter::new(chars.iter().map(|(c, _)| *c));
        Ok(WordMap {
            entries,
            chars,
            filter,
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
        if !self.filter.may_contain(c) {
            return None;
        }
        self.chars
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| self.chars[i].1)
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

/// A set of characters, written in the file as one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CharSet {
    /// In the file's order.
    chars: Vec<char>,
    /// Sorted, for lookup.
    sorted: Vec<char>,
    filter: CharFilter,
}

impl<'de> Deserialize<'de> for CharSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CharSet, D::Error> {
        let s = String::deserialize(d)?;
        let chars: Vec<char> = s.chars().collect();
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let filter = CharFilter::new(sorted.iter().copied());
        Ok(CharSet {
            chars,
            sorted,
            filter,
        })
    }
}

impl CharSet {
    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.filter.may_contain(c) && self.sorted.binary_search(&c).is_ok()
    }

    /// The characters, in the file's order.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.chars.iter().copied()
    }
}

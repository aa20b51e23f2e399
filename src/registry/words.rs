//! The words the vetoes look at in a name (subjects, qualifiers, negations, rate and money
//! endings, population bases), found in one pass over the name and kept as word numbers:
//! comparing two names' subjects is comparing two short lists of numbers, with nothing
//! allocated per name once the resolver's working memory has grown.

use std::collections::HashMap;

use crate::text::{Lexicon, SubjectWords};

/// A word's number in a [`WordIndex`]: its place in the list.
pub(super) type WordNo = u32;

/// The words of a list by their first character, so that the words a name holds are found
/// in one pass over the name rather than one substring search per word.
#[derive(Debug, Clone)]
pub(super) struct WordIndex {
    words: Vec<String>,
    /// Each word → its number.
    numbers: HashMap<String, WordNo>,
    /// (first character, numbers of the words starting with it), sorted by character.
    by_first: Vec<(char, Vec<WordNo>)>,
    /// Bit `c mod 128` set for each first character `c`: most characters of a name start
    /// no word, and are passed over on one test.
    mask: u128,
    /// For each word, the numbers of the other words it contains (企业标准 contains 企业).
    inside: Vec<Vec<WordNo>>,
}

impl WordIndex {
    /// The index of `words` (empty words are left out: they name nothing, and a repeated
    /// word keeps its first number); a word's number is its place among the words kept.
    ///
    /// Linear in the words' length, times the number of words that start with the same
    /// character at one place of a word (what finding the words inside each word costs).
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> WordIndex {
        let mut numbers: HashMap<String, WordNo> = HashMap::new();
        let mut kept: Vec<String> = Vec::new();
        for w in words {
            if w.is_empty() || numbers.contains_key(w) {
                continue;
            }
            let Ok(k) = WordNo::try_from(kept.len()) else {
                break;
            };
            numbers.insert(w.to_string(), k);
            kept.push(w.to_string());
        }
        let mut firsts: HashMap<char, Vec<WordNo>> = HashMap::new();
        for (k, w) in kept.iter().enumerate() {
            if let Some(c) = w.chars().next() {
                firsts.entry(c).or_default().push(k as WordNo);
            }
        }
        let mut by_first: Vec<(char, Vec<WordNo>)> = firsts.into_iter().collect();
        by_first.sort_unstable_by_key(|(c, _)| *c);
        let mask = by_first.iter().fold(0, |m, (c, _)| m | bit(*c));
        let mut index = WordIndex {
            words: kept,
            numbers,
            by_first,
            mask,
            inside: Vec::new(),
        };
        let mut found = Vec::new();
        let inside = (0..index.words.len())
            .map(|k| {
                index.in_name(&index.words[k], &mut found);
                found.retain(|&j| j as usize != k);
                found.clone()
            })
            .collect();
        index.inside = inside;
        index
    }

    /// The number of `word`, if it is one of the list's.
    pub fn number(&self, word: &str) -> Option<WordNo> {
        self.numbers.get(word).copied()
    }

    /// The word numbered `k`.
    pub fn word(&self, k: WordNo) -> &str {
        self.words.get(k as usize).map_or("", String::as_str)
    }

    /// The numbers of the words of the list that occur in `s`, ascending, each once.
    pub fn in_name(&self, s: &str, out: &mut Vec<WordNo>) {
        out.clear();
        for (at, c) in s.char_indices() {
            for &k in self.starting_with(c) {
                if s[at..].starts_with(self.word(k)) {
                    out.push(k);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// [`WordIndex::in_name`] without the words a longer word found speaks for (企业标准
    /// speaks for 企业).
    pub fn occurring(&self, s: &str, out: &mut Vec<WordNo>) {
        self.in_name(s, out);
        if out.len() < 2 {
            return;
        }
        // Word `a` goes when another word found contains it.
        let spoken_for = |a: WordNo, found: &[WordNo]| {
            found
                .iter()
                .any(|l| self.inside[*l as usize].binary_search(&a).is_ok())
        };
        let mut kept = 0;
        for k in 0..out.len() {
            if !spoken_for(out[k], out) {
                out.swap(kept, k);
                kept += 1;
            }
        }
        out.truncate(kept);
        out.sort_unstable();
    }

    /// Where words of the list begin in `s` (byte offsets, ascending).
    pub fn starts<'s>(&'s self, s: &'s str) -> impl Iterator<Item = usize> + 's {
        s.char_indices()
            .filter(|(at, c)| {
                self.starting_with(*c)
                    .iter()
                    .any(|&k| s[*at..].starts_with(self.word(k)))
            })
            .map(|(at, _)| at)
    }

    /// Whether a word of the list occurs in `s`.
    pub fn any_in(&self, s: &str) -> bool {
        s.char_indices().any(|(at, c)| {
            self.starting_with(c)
                .iter()
                .any(|&k| s[at..].starts_with(self.word(k)))
        })
    }

    /// The longest word `s` starts with, and its number.
    pub fn prefix_of(&self, s: &str) -> Option<(WordNo, &str)> {
        let c = s.chars().next()?;
        self.starting_with(c)
            .iter()
            .map(|&k| (k, self.word(k)))
            .filter(|(_, w)| s.starts_with(w))
            .max_by_key(|(k, w)| (w.len(), std::cmp::Reverse(*k)))
    }

    fn starting_with(&self, c: char) -> &[WordNo] {
        if self.mask & bit(c) == 0 {
            return &[];
        }
        match self.by_first.binary_search_by_key(&c, |(f, _)| *f) {
            Ok(k) => &self.by_first[k].1,
            Err(_) => &[],
        }
    }
}

fn bit(c: char) -> u128 {
    1 << (u32::from(c) % 128)
}

/// The indexes of the lexicon lists the resolver reads, made once from the bundled lexicon.
// TODO(lexicon): the registry reads names with the bundled lexicon; a registry built with a
// user's lexicon is the next step (issue "The researcher's own corpus").
pub(super) struct Lists {
    pub words: &'static SubjectWords,
    pub nouns: WordIndex,
    pub qualifiers: WordIndex,
    pub per_capita: WordIndex,
    pub people: WordIndex,
    /// Words of scope before a name that leave its key as it is: the territory ([scope]
    /// words), the time ([scope] time: 年度, 全年) and the level or field counted ([subjects]
    /// count_qualifiers: 省级, 生产领域).
    pub scope_before: WordIndex,
    lex: &'static Lexicon,
}

pub(super) fn lists() -> &'static Lists {
    static LISTS: std::sync::LazyLock<Lists> = std::sync::LazyLock::new(|| {
        let lex = Lexicon::bundled();
        let w = &lex.subjects;
        Lists {
            words: w,
            nouns: WordIndex::new(w.nouns.iter()),
            qualifiers: WordIndex::new(w.qualifiers.iter()),
            per_capita: WordIndex::new(w.per_capita.iter()),
            people: WordIndex::new(lex.population.people.iter()),
            scope_before: WordIndex::new(
                lex.scope
                    .words
                    .iter()
                    .chain(lex.scope.time.iter())
                    .chain(w.count_qualifiers.iter()),
            ),
            lex,
        }
    });
    &LISTS
}

impl Lists {
    /// How many negations a name holds (不合格, 未按期), not counting words that only look
    /// negative (不良反应).
    pub fn polarity(&self, s: &str) -> usize {
        let w = self.words;
        if !s.chars().any(|c| w.polarity.contains(c)) {
            return 0;
        }
        s.char_indices()
            .filter(|(at, c)| {
                w.polarity.contains(*c)
                    && !w.polarity_exempt.iter().any(|e| s[*at..].starts_with(e))
            })
            .count()
    }

    pub fn is_rate_name(&self, s: &str) -> bool {
        self.words.rate_words.suffix_of(s).is_some()
    }

    pub fn is_money_name(&self, s: &str) -> bool {
        self.words.money_ends.suffix_of(s).is_some()
    }

    /// Whether a name is per-capita by its words: 人均, or a population base (每万人口)
    /// that names its people.
    pub fn per_capita_name(&self, s: &str) -> bool {
        self.per_capita.any_in(s) || self.population_named(s)
    }

    /// Whether a multiplier stands right before a people word (千人, 万人口): the test of
    /// `text::quantity::population_in`, without building the words it looks for.
    fn population_named(&self, s: &str) -> bool {
        let multipliers = &self.lex.units.multipliers;
        self.people.starts(s).any(|at| {
            multipliers
                .iter()
                .any(|(m, p)| i8::try_from(p).is_ok() && s[..at].ends_with(m))
        })
    }
}

/// What the vetoes look at in a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Features {
    pub polarity: usize,
    /// The subject nouns' numbers ([`Lists::nouns`]), a longer noun speaking for those
    /// it contains.
    pub subjects: Vec<WordNo>,
    /// The qualifiers' numbers ([`Lists::qualifiers`]), likewise.
    pub qualifiers: Vec<WordNo>,
    pub rate: bool,
    pub money: bool,
    pub per_capita: bool,
}

impl Features {
    pub(crate) fn of(s: &str) -> Features {
        let mut f = Features::default();
        f.read(s);
        f
    }

    /// Reads the features of `s` into this value, reusing its lists.
    pub fn read(&mut self, s: &str) {
        let l = lists();
        self.polarity = l.polarity(s);
        l.nouns.occurring(s, &mut self.subjects);
        l.qualifiers.occurring(s, &mut self.qualifiers);
        self.rate = l.is_rate_name(s);
        self.money = l.is_money_name(s);
        self.per_capita = l.per_capita_name(s);
    }
}

/// The words numbered `ids` of `index`, sorted as text.
pub(super) fn words_of<'i>(index: &'i WordIndex, ids: &[WordNo]) -> Vec<&'i str> {
    let mut out: Vec<&str> = ids.iter().map(|k| index.word(*k)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_substring_search_finds() {
        let l = lists();
        for name in [
            "企业标准",
            "农产品和食品抽检量",
            "网络订餐抽检合格率",
            "",
            "食品食品",
            "国际标准、国家标准、企业标准",
        ] {
            let slow = |list: &'static crate::text::WordList| {
                let mut found: Vec<&str> = list.iter().filter(|w| name.contains(*w)).collect();
                let longer = found.clone();
                found.retain(|w| !longer.iter().any(|l| l != w && l.contains(*w)));
                found.sort_unstable();
                found
            };
            let mut ids = Vec::new();
            l.nouns.occurring(name, &mut ids);
            assert_eq!(words_of(&l.nouns, &ids), slow(&l.words.nouns), "{name}");
            l.qualifiers.occurring(name, &mut ids);
            assert_eq!(
                words_of(&l.qualifiers, &ids),
                slow(&l.words.qualifiers),
                "{name}"
            );
        }
        assert_eq!(l.polarity("食品抽检不合格率"), 1);
        assert_eq!(l.polarity("药品不良反应报告数"), 0);
        assert!(l.is_rate_name("明厨亮灶覆盖率"));
        assert!(l.per_capita_name("千人食品检验量"));
        assert!(!l.per_capita_name("执业药师人数"));
        assert_eq!(
            l.scope_before.prefix_of("年度全市食品").map(|(_, w)| w),
            Some("年度")
        );
    }
}

//! `[table]`: header words, attribute words, note openers.

use super::super::{CharBits, CharSet, WordList};
use serde::Deserialize;

/// `[table]`: header words, attribute words, note openers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableWords {
    /// Header cells of the row-number column (序号).
    pub seq_header: WordList,
    /// Header cells of the category column (类别).
    pub category_header: WordList,
    /// Header cells of the name column (主要指标).
    pub name_header: WordList,
    /// Header cells of the unit column (单位).
    pub unit_header: WordList,
    /// Header cells of the attribute column (属性).
    pub attribute_header: WordList,
    /// Header cells of the notes column (备注).
    pub notes_header: WordList,
    /// Words that make a header cell the baseline column (基期).
    pub baseline_in_header: WordList,
    /// Words that make a header cell the target column (规划值).
    pub target_in_header: WordList,
    /// Words a notes line opens with (注：).
    pub note_openers: WordList,
    /// A notes line that is this word alone (注).
    pub note_alone: WordList,
    /// The word before a chapter's number (第).
    pub ordinal_prefix: String,
    /// The words after a chapter's number (章 节 部 篇).
    pub chapter_marks: CharSet,
    /// Characters that end a row number (1. 1、).
    pub seq_ends: CharSet,
    /// 约束性: binding.
    pub binding: WordList,
    /// 预期性: expected.
    pub expected: WordList,
    /// The suffix an attribute word may carry (约束性指标).
    pub attribute_suffix: WordList,
    /// A caption holds one of these (指标).
    pub caption_words: WordList,
    /// … and ends with one of these (表) …
    pub caption_ends: WordList,
    /// … or holds one of these (指标表).
    pub caption_titles: WordList,
    /// 累计: a bracket's numbers are cumulative.
    pub cumulative: WordList,
    /// 新增: a bracket's numbers are increments over the period.
    pub increment: WordList,
    /// Words of a name that make its numbers the increment over the period.
    pub name_increment: WordList,
    /// Words of a name that make its numbers a cumulative total.
    pub name_cumulative: WordList,
    /// Where a bracket's definition ends in a note, besides the next bracket.
    pub definition_ends: CharSet,
    /// The first characters of the sequence, category and name header words: a line
    /// holding none of them starts no header. Derived when the lexicon is built.
    #[serde(skip)]
    pub header_firsts: CharBits,
}

impl TableWords {
    pub(crate) fn derive_header_firsts(&mut self) {
        let firsts: Vec<char> = self
            .seq_header
            .iter()
            .chain(self.category_header.iter())
            .chain(self.name_header.iter())
            .filter_map(|w| w.chars().next())
            .collect();
        self.header_firsts = CharBits::from_chars(firsts);
    }
}

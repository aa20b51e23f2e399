//! `[prose]`: the prose-target reader's verbs, frames and time words.

use super::super::{CharSet, WordList};
use serde::Deserialize;

/// `[prose]`: the prose-target reader's verbs, frames and time words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProseWords {
    /// Classifiers after a Chinese numeral (一个, 两家).
    pub cn_classifiers: WordList,
    /// Verbs that state a target before its number (达到, 压缩至, 培育).
    pub verbs: WordList,
    /// Verbs whose object after the number is what they measure (培育650家…单位).
    pub object_verbs: WordList,
    /// Verbs of an increment (新增).
    pub increment_verbs: WordList,
    /// Verbs of a cumulative number (累计).
    pub cumulative_verbs: WordList,
    /// Verbs of a change by a number (增加10%).
    pub change_verbs: WordList,
    /// Verbs that make a bare number a target (达, 达到).
    pub reach_verbs: WordList,
    /// Words that open a clause setting out to reach something (实现, 确保).
    pub intent: WordList,
    /// Words cleared from the start of a phrase.
    pub leading: WordList,
    /// Words cleared from the end of a phrase.
    pub trailing: WordList,
    /// 均, 都: a list shares one value.
    pub shared: WordList,
    /// 分别: one value each.
    pub respectively: WordList,
    /// 各: each member of the subject.
    pub each: WordList,
    /// 和, 及, 与: the last member of a list.
    pub and_words: WordList,
    /// 的: the attributive particle.
    pub attributive: String,
    /// 或, 且, 并: a criterion clause goes on.
    pub criterion_continues: WordList,
    /// Semicolons: they close criterion clauses and the reach of 力争.
    pub semicolons: CharSet,
    /// Words of a look back (截至, 以来).
    pub past: WordList,
    /// Words after a period's name making it the plan's span (期间, 末).
    pub period_suffixes: WordList,
    /// 规划: the plan itself.
    pub plan_word: String,
    /// Words before a time phrase (到, 至).
    pub time_openers: WordList,
    /// 月: the month after a year.
    pub month: String,
    /// Words that end a date (年底, 末, 内).
    pub time_ends: WordList,
    /// Words after a date meaning "by" (前, 之前).
    pub time_before: WordList,
    /// 内 after a duration: at most.
    pub within: String,
    /// Characters after a number making it a date.
    pub date_marks: CharSet,
    /// Characters before a number making it an ordinal.
    pub ordinal_marks: CharSet,
    /// Characters after a classifier making the numeral an adjective (一次性).
    pub adjective_marks: CharSet,
    /// Endings of a phrase that names a measure (率, 量).
    pub measure_ends: WordList,
}

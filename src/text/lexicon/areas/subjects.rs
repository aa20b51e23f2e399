//! `[subjects]`: subject nouns and qualifiers, for the resolver's vetoes and for linking.

use super::super::{CharSet, WordList};
use serde::Deserialize;

/// `[subjects]`: what makes two close names different quantities. The linker
/// (parse/structure/link.rs) and the resolver (registry/resolve.rs) share it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubjectWords {
    /// Subject nouns (食品, 药品, 医疗器械): names about different ones differ.
    pub nouns: WordList,
    /// The resolver's qualifiers: one-sided, they make a different key (高价值, 进口).
    pub qualifiers: WordList,
    /// The linker's qualifiers: one-sided, they veto a link (高价值, 不合格).
    pub link_qualifiers: WordList,
    /// Endings that make a name a rate (率, 比例, 满意度).
    pub rate_words: WordList,
    /// Per-capita words beside the population bases (人均, 每万户).
    pub per_capita: WordList,
    /// Words that qualify what a quantity counts: the level of government (市级, 区级) or the
    /// field (生产领域, 流通领域). Two names of one key with different qualifiers count
    /// different things, and a comparison says so.
    pub count_qualifiers: WordList,
    /// Characters that negate a name (不, 未, 非).
    pub polarity: CharSet,
    /// Words with a negation character that negate nothing (不良).
    pub polarity_exempt: WordList,
    /// Endings that make a name an amount of money (金额, 资金).
    pub money_ends: WordList,
    /// Endings dropped before linking (总量, 数量).
    pub total_ends: WordList,
    /// Scope words dropped before linking beside `[scope]` (持证餐饮服务单位).
    pub link_scope: WordList,
    /// Units that only count things (个, 家, 项).
    pub classifiers: WordList,
}

//! Quantities as plans write them: the bound and approximation words around a number,
//! and the brackets a table may put it in. The word lists come from the lexicon; the
//! table-cell reader and the prose reader both ask here, so the same words mean the same
//! bound in a cell and in a sentence.

use serde::{Deserialize, Serialize};

use super::Lexicon;

/// How a number bounds the quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// Exactly this value.
    #[default]
    Eq,
    /// At least (≥, 以上, 不低于, 不少于).
    Ge,
    /// At most (≤, 以内, 不超过, 不高于, 以下).
    Le,
    /// More than (>, 超过, 高于).
    Gt,
    /// Less than (<, 低于, 少于).
    Lt,
}

/// The bracket a number was written in. Its meaning comes from a document's bracket
/// convention (`BracketConvention`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Bracket {
    /// 〔 〕 (tortoise-shell brackets).
    Tortoise,
    /// [ ] or ［ ］.
    Square,
    /// 〈 〉 or < > used as brackets.
    Angle,
    /// 【 】.
    Lenticular,
}

impl Bracket {
    /// The opening and closing characters used when writing a value in this bracket.
    pub fn chars(self) -> (char, char) {
        match self {
            Bracket::Tortoise => ('〔', '〕'),
            Bracket::Square => ('[', ']'),
            Bracket::Angle => ('〈', '〉'),
            Bracket::Lenticular => ('【', '】'),
        }
    }

    /// All brackets, in a fixed order.
    pub const ALL: [Bracket; 4] = [
        Bracket::Tortoise,
        Bracket::Square,
        Bracket::Angle,
        Bracket::Lenticular,
    ];
}

/// How exact a number is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Approximation {
    /// About this much (约90, 90左右).
    About,
    /// Striven for, not promised (力争95%).
    Aspired,
}

/// A bound word at the start of `s`: the bound and the word's length in bytes.
pub(crate) fn bound_before(lex: &Lexicon, s: &str) -> Option<(Bound, usize)> {
    lex.bounds
        .before
        .iter()
        .find(|(w, _)| s.starts_with(w.as_str()))
        .map(|(w, b)| (*b, w.len()))
}

/// A bound word at the end of `s`: the bound and the word's length in bytes.
pub(crate) fn bound_after(lex: &Lexicon, s: &str) -> Option<(Bound, usize)> {
    lex.bounds
        .after
        .iter()
        .find(|(w, _)| s.ends_with(w.as_str()))
        .map(|(w, b)| (*b, w.len()))
}

/// An approximation word at the start of `s`, and its length in bytes.
pub(crate) fn approx_before(lex: &Lexicon, s: &str) -> Option<(Approximation, usize)> {
    if let Some(w) = lex.approx.aspire_before.prefix_of(s) {
        return Some((Approximation::Aspired, w.len()));
    }
    lex.approx
        .about_before
        .prefix_of(s)
        .map(|w| (Approximation::About, w.len()))
}

/// An approximation word at the end of `s`, and its length in bytes.
pub(crate) fn approx_after(lex: &Lexicon, s: &str) -> Option<(Approximation, usize)> {
    lex.approx
        .about_after
        .suffix_of(s)
        .map(|w| (Approximation::About, w.len()))
}

/// The bracket kind of a pair around the whole of `s`, and what is inside.
pub(crate) fn strip_bracket<'s>(lex: &Lexicon, s: &'s str) -> Option<(Bracket, &'s str)> {
    lex.fold.brackets.iter().find_map(|(p, b)| {
        s.strip_prefix(p.open)
            .and_then(|r| r.strip_suffix(p.close))
            .map(|inner| (b, inner))
    })
}

/// The population base a per-capita phrase names anywhere in `s` (每千人 → 3, 每万人口 → 4,
/// 百万人 → 6): a multiplier followed by a people word; the largest base named wins when
/// one contains another (百万人 before 万人).
pub(crate) fn population_in(lex: &Lexicon, s: &str) -> Option<i8> {
    lex.units.multipliers.iter().find_map(|(m, p)| {
        let named = lex
            .population
            .people
            .iter()
            .any(|people| s.contains(&format!("{m}{people}")));
        named.then(|| i8::try_from(p).ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_bound_words_win() {
        let lex = Lexicon::bundled();
        assert_eq!(
            bound_after(lex, "0.15及以下"),
            Some((Bound::Le, "及以下".len()))
        );
        assert_eq!(
            bound_before(lex, "不得低于90"),
            Some((Bound::Ge, "不得低于".len()))
        );
        assert_eq!(bound_before(lex, "≥90"), Some((Bound::Ge, "≥".len())));
        assert_eq!(
            approx_before(lex, "约90"),
            Some((Approximation::About, "约".len()))
        );
        assert_eq!(
            approx_before(lex, "力争95"),
            Some((Approximation::Aspired, "力争".len()))
        );
    }
}

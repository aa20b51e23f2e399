//! Name normalization: one spelling for the many ways plans write the same name.

use unicode_normalization::UnicodeNormalization;

use crate::model::{Unit, unit_in_name};
use crate::text::Lexicon;
use crate::text::fold::{is_bracket, is_paren, is_quote, is_title_mark};

/// A name split into its normalized core and a unit written inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedName {
    /// The normalized name: NFKC, quotes and brackets removed, whitespace removed, scope
    /// words stripped, Latin letters lower-cased.
    pub text: String,
    /// A unit that stood in a parenthesis at the end of the name.
    pub unit: Option<Unit>,
    /// The scope words stripped from the front.
    pub scope: Vec<String>,
}

/// Normalizes an indicator name. Idempotent: normalizing the result again changes nothing.
///
/// ```
/// use planalign::registry::normalize;
/// let n = normalize("全市“明厨亮灶”覆盖率（%）");
/// assert_eq!(n.text, "明厨亮灶覆盖率");
/// assert_eq!(n.unit.map(|u| u.raw().to_string()), Some("%".to_string()));
/// assert_eq!(normalize(&n.text).text, n.text);
/// ```
pub fn normalize(name: &str) -> NormalizedName {
    normalize_with(name, Lexicon::bundled())
}

/// [`normalize`] with the words of `lex`.
pub(crate) fn normalize_with(name: &str, lex: &Lexicon) -> NormalizedName {
    // Units first, before NFKC folds their symbols.
    let mut rest = name.trim().to_string();
    let mut unit = None;
    while let Some(u) = unit_in_name(&rest, lex) {
        let cut = rest
            .trim_end()
            .rfind(|c| lex.fold.parens.iter().any(|p| p.open == c))
            .unwrap_or(rest.len());
        rest.truncate(cut);
        unit.get_or_insert(u);
    }
    let mut text = nfkc(
        &nfkc(&rest)
            .chars()
            .filter(|c| !c.is_whitespace() && !is_quote_or_bracket(lex, *c))
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>(),
    )
    // Removing a quote can bring a base letter and a combining mark together: hence twice.
    .into_owned();
    let mut scope = Vec::new();
    while let Some(w) = lex.scope.words.prefix_of(&text) {
        if text.chars().count() <= w.chars().count() + 1 {
            break;
        }
        scope.push(w.to_string());
        text.drain(..w.len());
    }
    // A trailing full stop, colon or semicolon is punctuation, not name.
    while text.ends_with(|c: char| {
        c == '.'
            || lex.fold.sentence_ends.contains(c)
            || (lex.fold.clause_ends.contains(c) && c != ',' && c != '，')
    }) {
        text.pop();
    }
    NormalizedName { text, unit, scope }
}

/// NFKC, skipping the work when a quick check shows the text is already normalized
/// (most CJK names are).
fn nfkc(s: &str) -> std::borrow::Cow<'_, str> {
    match unicode_normalization::is_nfkc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(s),
        _ => std::borrow::Cow::Owned(s.nfkc().collect()),
    }
}

/// Quotes, titles, parentheses and brackets are not part of a name; nor are the middle
/// dots and asterisks of footnote marks.
fn is_quote_or_bracket(lex: &Lexicon, c: char) -> bool {
    is_quote(lex, c)
        || is_title_mark(lex, c)
        || is_paren(lex, c)
        || is_bracket(lex, c)
        || lex.fold.unit_dots.contains(c)
        || matches!(c, '\'' | '`' | '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_width_quotes_scope_and_units() {
        assert_eq!(normalize("“明厨亮灶”覆盖率").text, "明厨亮灶覆盖率");
        assert_eq!(normalize("「明厨亮灶」覆盖率").text, "明厨亮灶覆盖率");
        assert_eq!(normalize("全区每千人拥有企业户").text, "每千人拥有企业户");
        assert_eq!(
            normalize("工业产品质量监督抽查覆盖率(生产领域)").text,
            "工业产品质量监督抽查覆盖率生产领域"
        );
        let n = normalize("食品检验量（批次/千人）");
        assert_eq!(n.text, "食品检验量");
        assert_eq!(n.unit.map(|u| u.per_population()), Some(Some(3)));
        assert_eq!(normalize("ＰＣＴ国际专利申请量").text, "pct国际专利申请量");
        assert_eq!(normalize("全市").text, "全市");
    }
}

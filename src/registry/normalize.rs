//! Name normalization: one spelling for the many ways plans write the same name.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::words::WordIndex;
use crate::model::{Unit, unit_in_name};
use crate::text::Lexicon;
use crate::text::fold::is_invisible;

/// A name split into its normalized core and a unit written inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedName {
    /// The normalized name: NFKC, quotes and brackets removed, whitespace and invisible
    /// characters removed, scope words stripped, Latin letters lower-cased.
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
    let mut n = NormalizedName {
        text: String::new(),
        unit: None,
        scope: Vec::new(),
    };
    n.unit = bundled().normalize_into(name, &mut n.text, Some(&mut n.scope));
    n
}

/// The normalizer of the bundled lexicon, made once.
pub(crate) fn bundled() -> &'static Normalizer<'static> {
    static BUNDLED: std::sync::LazyLock<Normalizer<'static>> =
        std::sync::LazyLock::new(|| Normalizer::new(Lexicon::bundled()));
    &BUNDLED
}

/// What normalization reads of a lexicon, gathered once for the many names of a registry.
pub(crate) struct Normalizer<'l> {
    lex: &'l Lexicon,
    /// The characters that are not part of a name, sorted: quotes, titles, parentheses and
    /// brackets, the middle dots and asterisks of footnote marks.
    dropped: Vec<char>,
    /// The scope words, by first character.
    scope: WordIndex,
    /// The characters of the lexicon's unit words, sorted: a parenthesis at the end of a
    /// name is read as a unit only when it holds nothing else (see [`UnitMemo`]).
    unit_chars: Vec<char>,
    /// Quotes and title marks, sorted: inside a unit's parenthesis they are noise.
    quote_chars: Vec<char>,
}

/// The units read at the end of names, by the parenthesis they were read from: names
/// repeat a few units (%, 万户, 批次/千人) endlessly, and reading one costs more than the
/// rest of normalization. At most `UnitMemo::SIZE` are kept; then it starts afresh.
///
/// Quotes inside the parenthesis are passed over (（『万户』）, （批次/千人’）), and a
/// parenthesis holding a character that no unit word of the lexicon has (a typo, 批次/
/// 千人少) is no unit: read leniently it would be another unit (a count of 批次), and a
/// shared name's unit picks its key.
#[derive(Debug, Clone, Default)]
pub(crate) struct UnitMemo {
    read: Vec<(String, Option<Unit>)>,
}

impl UnitMemo {
    const SIZE: usize = 64;

    /// `unit_in_name(name, lex)`, remembered by the parenthesis at the end of the name
    /// (which alone decides it).
    fn in_name(&mut self, name: &str, normalizer: &Normalizer<'_>) -> Option<Unit> {
        let lex = normalizer.lex;
        let parens = &lex.fold.parens;
        let t = name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let body = t.strip_suffix(|c| parens.iter().any(|p| p.close == c))?;
        let open = body.rfind(|c| parens.iter().any(|p| p.open == c))?;
        let tail = &t[open..];
        let inner = body[open..].trim_start_matches(|c| parens.iter().any(|p| p.open == c));
        let quote = |c: &char| normalizer.quote_chars.binary_search(c).is_ok();
        let foreign = |c: char| {
            !c.is_ascii_alphanumeric()
                && !c.is_whitespace()
                && !quote(&c)
                && normalizer.unit_chars.binary_search(&c).is_err()
        };
        if inner.chars().any(foreign) {
            return None;
        }
        if let Some((_, u)) = self.read.iter().find(|(k, _)| k == tail) {
            return u.clone();
        }
        let u = if inner.chars().any(|c| quote(&c)) {
            let bare: String = inner.chars().filter(|c| !quote(c)).collect();
            unit_in_name(&format!("({bare})"), lex)
        } else {
            unit_in_name(tail, lex)
        };
        if self.read.len() >= UnitMemo::SIZE {
            self.read.clear();
        }
        self.read.push((tail.to_string(), u.clone()));
        u
    }
}

/// Whether NFKC leaves the character alone and normalization keeps it as it is: an ASCII
/// letter or digit, or a CJK unified ideograph (U+4E00–U+9FFF).
fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c)
}

impl<'l> Normalizer<'l> {
    pub fn new(lex: &'l Lexicon) -> Normalizer<'l> {
        let f = &lex.fold;
        let pairs = f.quotes.iter().chain(&f.titles).chain(&f.parens).copied();
        let mut dropped: Vec<char> = pairs
            .chain(f.brackets.iter().map(|(p, _)| p))
            .flat_map(|p| [p.open, p.close])
            .chain(f.unit_dots.chars())
            .chain(['\'', '`', '*'])
            .collect();
        dropped.sort_unstable();
        dropped.dedup();
        let scope = WordIndex::new(lex.scope.words.iter());
        let u = &lex.units;
        let words = u
            .percent
            .iter()
            .chain(u.points.iter())
            .chain(u.money.iter());
        let words = words
            .chain(u.duration.iter())
            .chain(u.counts.iter())
            .chain(u.multipliers.iter().map(|(w, _)| w))
            .chain(lex.population.people.iter())
            .chain(lex.population.qualifiers.iter())
            .chain([u.generic.as_str(), u.per.as_str(), u.year.as_str()]);
        let mut unit_chars: Vec<char> = words
            .flat_map(str::chars)
            .chain(f.unit_dots.chars())
            .chain(['/'])
            .collect();
        unit_chars.sort_unstable();
        unit_chars.dedup();
        let mut quote_chars: Vec<char> = f
            .quotes
            .iter()
            .chain(&f.titles)
            .flat_map(|p| [p.open, p.close])
            .collect();
        quote_chars.sort_unstable();
        quote_chars.dedup();
        Normalizer {
            lex,
            dropped,
            scope,
            unit_chars,
            quote_chars,
        }
    }

    /// Normalizes an indicator name (see [`normalize`]).
    pub fn normalize(&self, name: &str) -> NormalizedName {
        let mut n = NormalizedName {
            text: String::new(),
            unit: None,
            scope: Vec::new(),
        };
        n.unit = self.normalize_into(name, &mut n.text, Some(&mut n.scope));
        n
    }

    /// Normalizes `name` into `text` (cleared first), returning the unit written at its
    /// end and pushing the scope words stripped onto `scope` when given. Allocates
    /// nothing for a name of ASCII and CJK ideographs once `text` has grown.
    pub fn normalize_into(
        &self,
        name: &str,
        text: &mut String,
        scope: Option<&mut Vec<String>>,
    ) -> Option<Unit> {
        self.normalize_with(name, text, scope, &mut UnitMemo::default())
    }

    /// [`Normalizer::normalize_into`], reading the units written in names through `units`.
    pub fn normalize_with(
        &self,
        name: &str,
        text: &mut String,
        mut scope: Option<&mut Vec<String>>,
        units: &mut UnitMemo,
    ) -> Option<Unit> {
        let lex = self.lex;
        text.clear();
        // Invisible characters (zero-width spaces and joiners, bidi controls, byte-order
        // marks: the lexicon's [fold] invisible) say nothing and must not split a name.
        let visible: Cow<'_, str> = if name.chars().any(|c| !plain(c) && is_invisible(lex, c)) {
            Cow::Owned(name.chars().filter(|c| !is_invisible(lex, *c)).collect())
        } else {
            Cow::Borrowed(name)
        };
        // Units first, before NFKC folds their symbols.
        let mut rest = visible.trim();
        let mut unit = None;
        while let Some(u) = units.in_name(rest, self) {
            let cut = rest
                .trim_end()
                .rfind(|c| lex.fold.parens.iter().any(|p| p.open == c))
                .unwrap_or(rest.len());
            rest = &rest[..cut];
            unit.get_or_insert(u);
        }
        if rest.chars().all(plain) {
            text.extend(rest.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            text.extend(
                nfkc(rest)
                    .chars()
                    .filter(|c| {
                        plain(*c) || !c.is_whitespace() && self.dropped.binary_search(c).is_err()
                    })
                    .map(|c| c.to_ascii_lowercase()),
            );
            // Removing a quote can bring a base letter and a combining mark together: hence
            // twice.
            if let Cow::Owned(again) = nfkc(text) {
                *text = again;
            }
        }
        while let Some((_, w)) = self.scope.prefix_of(text) {
            if text.chars().count() <= w.chars().count() + 1 {
                break;
            }
            if let Some(scope) = scope.as_mut() {
                scope.push(w.to_string());
            }
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
        unit
    }
}

/// Marks that NFKC leaves alone (no decomposition, combining class 0): the quotes ‘’“”
/// (U+2018, U+2019, U+201C, U+201D), the CJK brackets U+3008–U+3011, U+3014, U+3015,
/// U+301D, U+301E, the ideographic comma, full stop and ditto mark 、。〃 (U+3001–U+3003)
/// and the per mille sign ‰ (U+2030).
const STABLE_MARKS: [char; 22] = [
    '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{3008}', '\u{3009}', '\u{300a}', '\u{300b}',
    '\u{300c}', '\u{300d}', '\u{300e}', '\u{300f}', '\u{3010}', '\u{3011}', '\u{3014}', '\u{3015}',
    '\u{301d}', '\u{301e}', '\u{3001}', '\u{3002}', '\u{3003}', '\u{2030}',
];

/// NFKC, skipping the work when the text is already normalized: at once for text of ASCII
/// and CJK unified ideographs (U+4E00–U+9FFF), which NFKC leaves alone (no decomposition,
/// combining class 0), otherwise after Unicode's quick check. Text that holds besides them
/// only fullwidth ASCII (U+FF01–U+FF5E: （）％＂), the ideographic space and the no-break
/// space, whose NFKC is one ASCII character each and none of which composes, is narrowed
/// char by char: the most common case in published names, and the same result.
fn nfkc(s: &str) -> Cow<'_, str> {
    let stable = |c: char| {
        c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c) || STABLE_MARKS.contains(&c)
    };
    let narrowed = |c: char| match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '\u{3000}' | '\u{a0}' => Some(' '),
        _ => None,
    };
    if s.chars().all(stable) {
        return Cow::Borrowed(s);
    }
    if s.chars().all(|c| stable(c) || narrowed(c).is_some()) {
        return Cow::Owned(s.chars().map(|c| narrowed(c).unwrap_or(c)).collect());
    }
    match unicode_normalization::is_nfkc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfkc().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts give what NFKC gives, for every char they take and next to the
    /// chars around them.
    #[test]
    fn nfkc_shortcuts_agree_with_nfkc() {
        let taken = ('\u{ff01}'..='\u{ff5e}')
            .chain(['\u{3000}', '\u{a0}'])
            .chain(STABLE_MARKS)
            .chain(['a', 'Z', '1', ' ', '%', '食', '\u{9fff}', '\u{4e00}']);
        for c in taken {
            for text in [
                format!("{c}"),
                format!("食品{c}抽检{c}"),
                format!("A{c}b（%）"),
            ] {
                let full: String = text.nfkc().collect();
                assert_eq!(nfkc(&text), full, "{text:?}");
            }
        }
    }

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
        // A unit with a typo is no unit; a stray quote inside is passed over.
        let n = normalize("食品检验量（批次/千人少）");
        assert_eq!(n.unit, None, "a unit with a typo is no unit");
        assert_eq!(n.text, "食品检验量批次/千人少");
        let n = normalize("食品检验量（批次/千人’）");
        assert_eq!(n.text, "食品检验量");
        let per = n.unit.map(|u| u.per_population());
        assert_eq!(per, Some(Some(3)), "a stray quote");
        assert!(normalize("食品检验量（批次/千人·年）").unit.is_some());
        assert!(normalize("明厨亮灶覆盖率（％）").unit.is_some());
        assert_eq!(normalize("ＰＣＴ国际专利申请量").text, "pct国际专利申请量");
        assert_eq!(normalize("全市").text, "全市");
        // The ideographs NFKC leaves alone, at both ends of the block, and the marks.
        for c in ['\u{4e00}', '\u{9fff}', 'a', '~']
            .into_iter()
            .chain(STABLE_MARKS)
        {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s);
        }
        assert_eq!(
            normalize("\u{feff}期末\u{200b}市场\u{2066}主体总量\u{200d}").text,
            "期末市场主体总量"
        );
    }
}

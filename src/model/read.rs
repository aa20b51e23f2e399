//! The grammars of a value cell (`≥〔50〕`, `0.15及以下`, `约90`, `3.5万`) and of a unit
//! (`万批次/年`, `份/百万人`), with the lexicon's words. `FromStr` for [`Value`] and
//! [`Unit`] uses the bundled lexicon; the parser passes the lexicon it was given.

use std::str::FromStr;

use crate::error::{Error, ErrorKind};
use crate::text::fold::width;
use crate::text::quantity::{
    approx_after, approx_before, bound_after, bound_before, strip_bracket,
};
use crate::text::{Approximation, Lexicon};

use super::{Accumulation, Bound, BracketConvention, Missing, Unit, Value, ValueKind};

impl FromStr for Value {
    type Err = Error;

    /// Parses a value under the common bracket convention. Never fails: text that is not
    /// a number or a missing marker is a [`ValueKind::Text`] value.
    fn from_str(s: &str) -> Result<Value, Error> {
        Ok(Value::read(
            s,
            &BracketConvention::default(),
            Lexicon::bundled(),
        ))
    }
}

impl Value {
    /// Parses a cell's text into a value, giving brackets the meaning `brackets` assigns
    /// (a document's own note, [`crate::model::TableNote`]).
    ///
    /// ```
    /// use planalign::{Accumulation, Bracket, BracketConvention, Value};
    /// let mut conv = BracketConvention::default();
    /// conv.define(Bracket::Square, Accumulation::Increment, 12);
    /// assert_eq!(Value::parse_with("[5]", &conv).accumulation(), Accumulation::Increment);
    /// ```
    pub fn parse_with(raw: &str, brackets: &BracketConvention) -> Value {
        Value::read(raw, brackets, Lexicon::bundled())
    }

    /// [`Value::parse_with`] with the words of `lex`.
    pub(crate) fn read(raw: &str, brackets: &BracketConvention, lex: &Lexicon) -> Value {
        let mut v = Value::blank();
        v.raw = raw.to_string();
        let folded = fold_cell(raw, lex);
        let mut s = folded.as_str();
        if s.is_empty() {
            return v;
        }
        if lex.values.not_applicable.contains(s) {
            v.kind = ValueKind::Missing(Missing::NotApplicable);
            return v;
        }
        if lex
            .values
            .undetermined
            .contains(s.trim_end_matches(|c| lex.fold.sentence_ends.contains(c)))
        {
            v.kind = ValueKind::Missing(Missing::Undetermined);
            return v;
        }
        // Words before the number: approximation and bound, then a bracket, then again
        // (≥〔50〕 and 〔≥50〕 alike); after it: bound and approximation.
        let mut hedge = Hedge::default();
        s = hedge.before(s, lex);
        let mut bracket = None;
        if let Some((b, inner)) = strip_bracket(lex, s) {
            bracket = Some(b);
            s = hedge.before(inner, lex);
        }
        s = hedge.after(s, lex);
        v.bound = hedge.bound.unwrap_or(Bound::Eq);
        v.approximation = hedge.approximation;
        if is_placeholder(s) {
            v.kind = ValueKind::Missing(Missing::Placeholder);
            v.approximation = None;
            return v;
        }
        match number_or_range(s, lex) {
            Some((kind, percent)) => {
                v.kind = kind;
                v.percent = percent;
                v.bracket = bracket;
                v.accumulation = bracket.map_or(Accumulation::Level, |b| brackets.meaning(b));
            }
            None => {
                v.kind = ValueKind::Text;
                v.bound = Bound::Eq;
                v.approximation = None;
            }
        }
        v
    }
}

/// The bound and approximation words found around a number.
#[derive(Default)]
struct Hedge {
    bound: Option<Bound>,
    approximation: Option<Approximation>,
}

impl Hedge {
    /// Strips bound and approximation words from the front, in any order.
    fn before<'s>(&mut self, mut s: &'s str, lex: &Lexicon) -> &'s str {
        loop {
            if let Some((a, n)) = approx_before(lex, s) {
                self.approximation.get_or_insert(a);
                s = &s[n..];
            } else if let Some((b, n)) = (!is_angle_pair(s)).then(|| bound_before(lex, s)).flatten()
            {
                self.bound.get_or_insert(b);
                s = &s[n..];
            } else {
                return s;
            }
        }
    }

    /// Strips bound and approximation words from the back, in any order.
    fn after<'s>(&mut self, mut s: &'s str, lex: &Lexicon) -> &'s str {
        loop {
            if let Some((b, n)) = bound_after(lex, s) {
                self.bound.get_or_insert(b);
                s = &s[..s.len() - n];
            } else if let Some((a, n)) = approx_after(lex, s) {
                self.approximation.get_or_insert(a);
                s = &s[..s.len() - n];
            } else {
                return s;
            }
        }
    }
}

/// `<5>` is an angle bracket, not a bound.
fn is_angle_pair(s: &str) -> bool {
    s.starts_with('<') && s.ends_with('>')
}

/// Folds full-width forms and spacing so the scanner sees one spelling: digits, letters
/// and signs to ASCII, the comparison signs ≧≦ to ≥≤, dashes to '-', whitespace and
/// invisible characters removed.
pub(crate) fn fold_cell(raw: &str, lex: &Lexicon) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !crate::text::fold::is_invisible(lex, *c))
        .map(|c| {
            let c = crate::text::fold::ascii(c);
            match c {
                '≧' => '≥',
                '≦' => '≤',
                c if lex.fold.dashes.contains(c) => '-',
                c if lex.values.placeholders.contains(c) => 'X',
                c => c,
            }
        })
        .collect()
}

fn is_placeholder(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == 'X' || c == '%') && s.starts_with('X')
}

/// A number, or a range `a-b`, with an optional `%` and an optional 万/亿 multiplier.
fn number_or_range(s: &str, lex: &Lexicon) -> Option<(ValueKind, bool)> {
    let (first, rest) = number(s, lex)?;
    if rest.is_empty() {
        return Some((ValueKind::Number(first.value), first.percent));
    }
    let after = lex.values.range_marks.strip_prefix(rest)?;
    let (second, tail) = number(after, lex)?;
    if !tail.is_empty() || second.value < first.value {
        return None;
    }
    Some((
        ValueKind::Range {
            low: first.value,
            high: second.value,
        },
        first.percent || second.percent,
    ))
}

struct Scanned {
    value: f64,
    percent: bool,
}

fn number<'s>(s: &'s str, lex: &Lexicon) -> Option<(Scanned, &'s str)> {
    if let Some(rest) = s.strip_prefix('-') {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let (mut n, tail) = number(rest, lex)?;
            n.value = -n.value;
            return Some((n, tail));
        }
        return None;
    }
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_dot = false;
    while end < bytes.len() {
        let b = bytes[end];
        match b {
            b'0'..=b'9' => seen_digit = true,
            b'.' if !seen_dot && seen_digit => seen_dot = true,
            // a thousands separator between digits
            b',' if seen_digit
                && !seen_dot
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {}
            _ => break,
        }
        end += 1;
    }
    if !seen_digit {
        return None;
    }
    let text: String = s[..end].chars().filter(|c| *c != ',').collect();
    let mut value: f64 = text.trim_end_matches('.').parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let mut rest = &s[end..];
    let mut percent = false;
    if let Some(r) = rest.strip_prefix('%') {
        percent = true;
        rest = r;
    } else if let Some((w, p)) = lex.units.multipliers.prefix_of(rest) {
        // Only the large multipliers stand after a number in a cell (3.5万, 2亿).
        if p >= 4 {
            value *= 10f64.powi(p as i32);
            rest = &rest[w.len()..];
        }
    }
    if !value.is_finite() {
        return None;
    }
    Some((Scanned { value, percent }, rest))
}

impl FromStr for Unit {
    type Err = Error;

    /// Parses a unit as plans write them: `万户`, `批次/千人年`, `份/百万人`, `%`, `亿元`.
    /// A unit the grammar does not know is kept whole as its own base unit; text whose
    /// parts are longer than units are (`药品抽检合格率`), or that holds punctuation, is an
    /// error.
    fn from_str(s: &str) -> Result<Unit, Error> {
        Unit::read(s, Lexicon::bundled())
    }
}

/// The longest word a unit's numerator or denominator is (吨标准煤, 千瓦时, 标准箱): text
/// longer than this is a name or a sentence, not a unit.
const MAX_UNIT_PART: usize = 4;

impl Unit {
    /// [`Unit::from_str`] with the words of `lex`.
    pub(crate) fn read(s: &str, lex: &Lexicon) -> Result<Unit, Error> {
        Unit::parse(s, lex).map_err(|refusal| {
            Error::new(ErrorKind::InvalidUnit(match refusal {
                Refusal::Empty => "the text is empty".into(),
                Refusal::NotAUnit => format!(
                    "{:?} does not read as a unit: a unit's parts are words of at most {MAX_UNIT_PART} characters without punctuation",
                    s.trim()
                ),
            }))
        })
    }

    /// [`Unit::read`] without the error's message, for the readers that only ask whether
    /// a text is a unit (most cells are not).
    pub(crate) fn parse(s: &str, lex: &Lexicon) -> Result<Unit, Refusal> {
        let raw = s.trim();
        let folded: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match width(c) {
                '／' => '/',
                c if lex.fold.unit_dots.contains(c) => '/',
                c => c,
            })
            .collect();
        if folded.is_empty() {
            return Err(Refusal::Empty);
        }
        let mut parts = folded.split('/').filter(|p| !p.is_empty());
        let numerator = parts.next().unwrap_or("");
        let mut per_population = None;
        let mut per_year = false;
        let mut other_denominators = Vec::new();
        for part in parts {
            let mut d = part;
            if let Some(rest) = d.strip_suffix(lex.units.year.as_str()) {
                per_year = true;
                d = rest;
            }
            if d.is_empty() {
                continue;
            }
            match population(d, lex) {
                Some(p) if per_population.is_none() => per_population = Some(p),
                _ => other_denominators.push(d),
            }
        }
        let (multiplier, base) = split_multiplier(numerator, lex);
        let too_long = |part: &str| part.chars().count() > MAX_UNIT_PART;
        let punctuated = folded
            .chars()
            .any(|c| lex.fold.sentence_ends.contains(c) || lex.fold.clause_ends.contains(c));
        if too_long(base) || other_denominators.iter().any(|d| too_long(d)) || punctuated {
            return Err(Refusal::NotAUnit);
        }
        let mut base = base.to_string();
        for d in other_denominators {
            base.push('/');
            base.push_str(d);
        }
        Ok(Unit {
            raw: raw.to_string(),
            base,
            multiplier,
            per_population,
            per_year,
        })
    }
}

/// Why a text is not a unit.
pub(crate) enum Refusal {
    Empty,
    NotAUnit,
}

/// `千人` → 3, `万人口` → 4, `百万人` → 6, `人` → 0.
pub(crate) fn population(d: &str, lex: &Lexicon) -> Option<i8> {
    let d = d.strip_prefix(lex.units.per.as_str()).unwrap_or(d);
    let (m, rest) = split_multiplier(d, lex);
    let rest = lex.population.qualifiers.strip_prefix(rest).unwrap_or(rest);
    lex.population.people.contains(rest).then_some(m)
}

/// A multiplier prefix and the rest: `万户` → (4, 户). Percentages and percentage points
/// have none (百分点 is not 百 × 分点).
fn split_multiplier<'s>(s: &'s str, lex: &Lexicon) -> (i8, &'s str) {
    if lex.units.percent.contains(s) || lex.units.points.any_in(s) {
        return (0, s);
    }
    match lex.units.multipliers.prefix_of(s) {
        Some((w, m)) if s.len() > w.len() => (i8::try_from(m).unwrap_or(0), &s[w.len()..]),
        _ => (0, s),
    }
}

/// Whether text reads as a unit: short, without digits, and either known to the grammar
/// or made of unit characters. Used to tell a unit cell from a name cell, and to find a
/// unit written in parentheses inside a name.
pub(crate) fn looks_like_unit(s: &str, lex: &Lexicon) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 || n > 10 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if lex.units.percent.contains(s) || lex.units.points.any_in(s) {
        return true;
    }
    let Ok(u) = Unit::parse(s, lex) else {
        return false;
    };
    let base = u.base.split('/').next().unwrap_or("");
    let bare_multiplier = lex.units.multipliers.get(base).is_some_and(|p| p >= 4);
    lex.units.counts.contains(base) || bare_multiplier || u.per_population.is_some() || u.per_year
}

/// A unit written in a parenthesis at the end of a name: 食品检验量（批次/千人年）.
pub(crate) fn unit_in_name(name: &str, lex: &Lexicon) -> Option<Unit> {
    let parens = &lex.fold.parens;
    let t = name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let t = t.strip_suffix(|c| parens.iter().any(|p| p.close == c))?;
    let open = t.rfind(|c| parens.iter().any(|p| p.open == c))?;
    let inner = t[open..].trim_start_matches(|c| parens.iter().any(|p| p.open == c));
    if looks_like_unit(inner, lex) {
        Unit::parse(inner, lex).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bracket;

    fn v(s: &str) -> Value {
        s.parse().unwrap_or_else(|_| Value::blank())
    }

    #[test]
    fn numbers_and_bounds() {
        assert_eq!(v("98").number(), Some(98.0));
        assert_eq!(v("≥90").bound(), Bound::Ge);
        assert_eq!(v("≥ 3.67").number(), Some(3.67));
        assert_eq!(v("90以上").bound(), Bound::Ge);
        assert_eq!(v("不低于95%").bound(), Bound::Ge);
        assert!(v("不低于95%").is_percent());
        assert_eq!(v("5以内").bound(), Bound::Le);
        assert_eq!(v("不超过3").bound(), Bound::Le);
        assert_eq!(v("1.76 ").number(), Some(1.76));
        assert_eq!(v("1,000").number(), Some(1000.0));
    }

    #[test]
    fn brackets_follow_the_convention() {
        let c = v("〔25.2〕");
        assert_eq!(c.accumulation(), Accumulation::Cumulative);
        assert_eq!(c.bracket(), Some(Bracket::Tortoise));
        assert_eq!(v("[4.15]").accumulation(), Accumulation::Cumulative);
        assert_eq!(v("〈5〉").accumulation(), Accumulation::Increment);
        assert_eq!(v("≥〔50〕").bound(), Bound::Ge);
        assert_eq!(v("〔≥50〕").bound(), Bound::Ge);
        let mut conv = BracketConvention::default();
        conv.define(Bracket::Tortoise, Accumulation::Increment, 3);
        assert_eq!(
            Value::parse_with("〔1〕", &conv).accumulation(),
            Accumulation::Increment
        );
    }

    #[test]
    fn missing_values_keep_their_reason() {
        assert_eq!(v("X").missing(), Some(Missing::Placeholder));
        assert_eq!(v("≥X").missing(), Some(Missing::Placeholder));
        assert_eq!(v("≥X").bound(), Bound::Ge);
        assert_eq!(v("/").missing(), Some(Missing::NotApplicable));
        assert_eq!(v("--").missing(), Some(Missing::NotApplicable));
        assert_eq!(v("—").missing(), Some(Missing::NotApplicable));
        assert_eq!(v("").missing(), Some(Missing::Undetermined));
        assert_eq!(v("    ").missing(), Some(Missing::Undetermined));
    }

    #[test]
    fn ranges_and_text() {
        assert_eq!(v("1-2").upper(), Some(2.0));
        assert_eq!(v("90%–95%").number(), Some(90.0));
        assert!(v("90%–95%").is_percent());
        assert_eq!(v("完成省下达任务").kind(), ValueKind::Text);
        assert_eq!(v("5-3").kind(), ValueKind::Text);
        assert_eq!(v("3.5万").number(), Some(35000.0));
        assert_eq!(v("-2.5").number(), Some(-2.5));
        assert_eq!(v("-3--1").upper(), Some(-1.0));
    }

    #[test]
    fn display_parses_back_to_the_same_meaning() {
        for s in [
            "≥90",
            "〔25.2〕",
            "[4.15]",
            "〈0〉",
            "X",
            "≥X",
            "/",
            "",
            "1-2",
            "90%以上",
            "完成省下达任务",
        ] {
            let a = v(s);
            let b = v(&a.to_string());
            assert!(a.same_meaning(&b), "{s}: {a:?} vs {b:?}");
        }
    }

    fn u(s: &str) -> Unit {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn grammar() {
        let a = u("万批次/年");
        assert_eq!(
            (a.base(), a.multiplier(), a.is_per_year()),
            ("批次", 4, true)
        );
        let b = u("批次/千人年");
        assert_eq!(
            (b.base(), b.per_population(), b.is_per_year()),
            ("批次", Some(3), true)
        );
        assert_eq!(u("份/百万人").per_population(), Some(6));
        assert_eq!(u("人/万人口").per_population(), Some(4));
        assert_eq!(u("亿元").multiplier(), 8);
        assert_eq!(u("%").base(), "%");
        assert_eq!(u("个百分点").multiplier(), 0);
        assert_eq!(u("批次/\n千人").per_population(), Some(3));
        assert!("".parse::<Unit>().is_err());
    }

    #[test]
    fn conversion() {
        assert_eq!(u("万件").convert(8.0, &u("件")).ok(), Some(80_000.0));
        assert_eq!(u("万批次/年").factor_to(&u("批次/年")).ok(), Some(10_000.0));
        assert_eq!(u("批次/千人").factor_to(&u("批次/千人年")).ok(), Some(1.0));
        assert_eq!(u("份/百万人").factor_to(&u("份/万人")).ok(), Some(0.01));
        assert!(u("批次/千人").factor_to(&u("批次/年")).is_err());
        assert!(u("%").factor_to(&u("件")).is_err());
        assert_eq!(u("万户").canonical().raw(), "户");
        assert_eq!(u("万批次/年").canonical().raw(), "批次/年");
    }

    #[test]
    fn unit_or_not() {
        for s in [
            "万户",
            "%",
            "批次/千人",
            "件",
            "项",
            "份/百万人",
            "人/万人口",
            "亿元",
            "张",
        ] {
            assert!(looks_like_unit(s, Lexicon::bundled()), "{s}");
        }
        for s in [
            "期末市场主体总量",
            "98",
            "生产领域（地市级、县区级）",
            "总体数据",
        ] {
            assert!(!looks_like_unit(s, Lexicon::bundled()), "{s}");
        }
    }

    #[test]
    fn bound_words_of_prose_read_in_cells() {
        assert_eq!(v("0.15及以下").bound(), Bound::Le);
        assert_eq!(v("0.15及以下").number(), Some(0.15));
        assert_eq!(v("不多于5").bound(), Bound::Le);
        assert_eq!(v("不得低于90").bound(), Bound::Ge);
        let a = v("约90");
        assert_eq!(
            (a.number(), a.approximation()),
            (Some(90.0), Some(Approximation::About))
        );
        assert_eq!(v("90左右").approximation(), Some(Approximation::About));
        assert_eq!(v("力争95%").approximation(), Some(Approximation::Aspired));
        assert_eq!(v("约完成任务").approximation(), None);
    }

    #[test]
    fn units_in_names() {
        let lex = Lexicon::bundled();
        assert_eq!(
            unit_in_name("食品检验量（批次/千人年）", lex).map(|u| u.raw().to_string()),
            Some("批次/千人年".into())
        );
        assert!(unit_in_name("知识产权质押融资金额（规划期间新增数）", lex).is_none());
        assert!(unit_in_name("工业产品质量监督抽查覆盖率(生产领域)", lex).is_none());
    }
}

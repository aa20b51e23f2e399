//! Reading a cell's text into a [`Value`].

use std::str::FromStr;

use crate::error::Error;
use crate::model::{Accumulation, Bound, Bracket, BracketConvention, Missing, Value, ValueKind};

impl FromStr for Value {
    type Err = Error;

    /// Parses a value under the common bracket convention. Never fails: text that is not
    /// a number or a missing marker is a [`ValueKind::Text`] value.
    fn from_str(s: &str) -> Result<Value, Error> {
        Ok(value_with(s, &BracketConvention::default()))
    }
}

/// Parses a cell's text into a value, giving brackets the meaning `brackets` assigns.
///
/// ```
/// use planalign::{parse::value_with, Accumulation, Bracket, BracketConvention};
/// let mut conv = BracketConvention::default();
/// conv.define(Bracket::Square, Accumulation::Increment, 12);
/// assert_eq!(value_with("[5]", &conv).accumulation(), Accumulation::Increment);
/// ```
pub fn value_with(raw: &str, brackets: &BracketConvention) -> Value {
    let mut v = Value::blank();
    v.raw = raw.to_string();
    let folded = fold(raw);
    let mut s = folded.as_str();
    if s.is_empty() {
        return v;
    }
    if let Some(m) = not_applicable(s) {
        v.kind = ValueKind::Missing(m);
        return v;
    }
    // A bound may stand before or inside a bracket, and words after it.
    let (b1, rest) = bound_prefix(s);
    s = rest;
    let mut bracket = None;
    if let Some((b, inner)) = strip_bracket(s) {
        bracket = Some(b);
        s = inner;
    }
    let (b2, rest) = bound_prefix(s);
    s = rest;
    let (b3, rest) = bound_suffix(s);
    s = rest;
    let bound = b1.or(b2).or(b3).unwrap_or(Bound::Eq);
    v.bound = bound;
    if is_placeholder(s) {
        v.kind = ValueKind::Missing(Missing::Placeholder);
        return v;
    }
    match number_or_range(s) {
        Some((kind, percent)) => {
            v.kind = kind;
            v.percent = percent;
            v.bracket = bracket;
            v.accumulation = bracket.map_or(Accumulation::Level, |b| brackets.meaning(b));
        }
        None => {
            v.kind = ValueKind::Text;
            v.bound = Bound::Eq;
        }
    }
    v
}

/// Folds full-width forms and spacing so the scanner sees one spelling.
fn fold(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            'Ｘ' | 'ｘ' | 'x' => Some('X'),
            '．' => Some('.'),
            '％' => Some('%'),
            '，' | ',' => Some(','),
            '＞' => Some('>'),
            '＜' => Some('<'),
            '≧' => Some('≥'),
            '≦' => Some('≤'),
            '［' => Some('['),
            '］' => Some(']'),
            '－' | '−' => Some('-'),
            '～' => Some('~'),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

fn not_applicable(s: &str) -> Option<Missing> {
    match s {
        "/" | "／" | "\\" | "-" | "--" | "---" | "—" | "——" | "–" | "无" | "不适用" => {
            Some(Missing::NotApplicable)
        }
        "待定" | "待定。" | "暂无" | "另定" => Some(Missing::Undetermined),
        _ => None,
    }
}

fn is_placeholder(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == 'X' || c == '%') && s.starts_with('X')
}

const PREFIXES: [(&str, Bound); 15] = [
    (">=", Bound::Ge),
    ("<=", Bound::Le),
    ("≥", Bound::Ge),
    ("≤", Bound::Le),
    (">", Bound::Gt),
    ("<", Bound::Lt),
    ("不低于", Bound::Ge),
    ("不少于", Bound::Ge),
    ("不小于", Bound::Ge),
    ("至少", Bound::Ge),
    ("不超过", Bound::Le),
    ("不高于", Bound::Le),
    ("不大于", Bound::Le),
    ("超过", Bound::Gt),
    ("低于", Bound::Lt),
];

fn bound_prefix(s: &str) -> (Option<Bound>, &str) {
    // `<5>` is an angle bracket, not a bound.
    if s.starts_with('<') && s.ends_with('>') {
        return (None, s);
    }
    for (p, b) in PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            return (Some(b), rest);
        }
    }
    (None, s)
}

const SUFFIXES: [(&str, Bound); 6] = [
    ("及以上", Bound::Ge),
    ("以上", Bound::Ge),
    ("以内", Bound::Le),
    ("以下", Bound::Le),
    ("及以下", Bound::Le),
    ("左右", Bound::Eq),
];

fn bound_suffix(s: &str) -> (Option<Bound>, &str) {
    for (p, b) in SUFFIXES {
        if let Some(rest) = s.strip_suffix(p) {
            return (Some(b), rest);
        }
    }
    (None, s)
}

fn strip_bracket(s: &str) -> Option<(Bracket, &str)> {
    let pairs = [
        ('〔', '〕', Bracket::Tortoise),
        ('[', ']', Bracket::Square),
        ('〈', '〉', Bracket::Angle),
        ('<', '>', Bracket::Angle),
        ('《', '》', Bracket::Angle),
        ('【', '】', Bracket::Lenticular),
    ];
    for (open, close, b) in pairs {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return Some((b, inner));
        }
    }
    None
}

/// A number, or a range `a-b`, with an optional `%` and an optional 万/亿 multiplier.
fn number_or_range(s: &str) -> Option<(ValueKind, bool)> {
    let (first, rest) = number(s)?;
    if rest.is_empty() {
        return Some((ValueKind::Number(first.value), first.percent));
    }
    for sep in ["-", "–", "—", "~", "至", "到"] {
        if let Some(after) = rest.strip_prefix(sep) {
            let (second, tail) = number(after)?;
            if !tail.is_empty() || second.value < first.value {
                return None;
            }
            return Some((
                ValueKind::Range {
                    low: first.value,
                    high: second.value,
                },
                first.percent || second.percent,
            ));
        }
    }
    None
}

struct Scanned {
    value: f64,
    percent: bool,
}

fn number(s: &str) -> Option<(Scanned, &str)> {
    if let Some(rest) = s.strip_prefix('-') {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let (mut n, tail) = number(rest)?;
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
    } else if let Some(r) = rest.strip_prefix('万') {
        value *= 1e4;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('亿') {
        value *= 1e8;
        rest = r;
    }
    if !value.is_finite() {
        return None;
    }
    Some((Scanned { value, percent }, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            value_with("〔1〕", &conv).accumulation(),
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
}

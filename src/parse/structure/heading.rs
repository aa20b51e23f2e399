//! Numbered headings: 第X章, 第X节, 一、, （一）, 1. and （1）, and the 专栏 box titles.

use crate::text::Lexicon;
use crate::text::fold::{LeadBytes, WHITESPACE, width as fold};
use crate::text::numeral;

/// The kinds of numbering a heading can carry, from the outermost to the innermost as
/// plans nest them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
    /// 第X章: a chapter.
    Chapter,
    /// 第X节: a section.
    Section,
    /// 一、: a Chinese numeral with an enumeration comma.
    CnComma,
    /// （一）: a Chinese numeral in parentheses.
    CnParen,
    /// 1. or 1、: Arabic digits with a point or comma.
    Digit,
    /// （1）: Arabic digits in parentheses.
    DigitParen,
}

impl Kind {
    /// All kinds, outermost first.
    pub(super) const ALL: [Kind; 6] = [
        Kind::Chapter,
        Kind::Section,
        Kind::CnComma,
        Kind::CnParen,
        Kind::Digit,
        Kind::DigitParen,
    ];

    /// Writes a parenthesized number as it is read (（三）, （3）), in the lexicon's first
    /// pair of parentheses.
    fn write_number(self, inner: &str, lex: &Lexicon) -> String {
        match lex.fold.parens.first() {
            Some(p) => format!("{}{inner}{}", p.open, p.close),
            None => inner.to_string(),
        }
    }

    /// Writes number `n` in this kind's style (for messages).
    pub(super) fn write(self, n: u32, lex: &Lexicon) -> String {
        let cn = numeral::cn_name(lex, n);
        let h = &lex.document.headings;
        let paren = |inner: &str| self.write_number(inner, lex);
        match self {
            Kind::Chapter => format!("{}{cn}{}", h.ordinal, h.chapter),
            Kind::Section => format!("{}{cn}{}", h.ordinal, h.section),
            Kind::CnComma => cn,
            Kind::CnParen => paren(&cn),
            Kind::Digit => n.to_string(),
            Kind::DigitParen => paren(&n.to_string()),
        }
    }
}

/// A numbered heading read from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Marker {
    pub kind: Kind,
    /// The number as written (第三章, 三, （三）, 3, （3）).
    pub number: String,
    /// Its value, when the numeral could be read.
    pub value: Option<u32>,
    /// The title: the text after the number, up to the first full stop.
    pub title: String,
    /// What follows the title on the same line.
    pub rest: String,
}

/// Collapses runs of whitespace (NBSP and ideographic space included) into one space and
/// trims the ends.
pub(super) fn tidy(s: &str) -> String {
    const SPACES: LeadBytes = LeadBytes::of_slices(&[&WHITESPACE, &['\u{feff}']]);
    if !SPACES.any(s, |c| c.is_whitespace() || c == '\u{feff}') {
        // One run, or none.
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    // The runs between spaces, copied whole.
    for run in s
        .split(|c: char| c.is_whitespace() || c == '\u{feff}')
        .filter(|r| !r.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(run);
    }
    out
}

/// Splits a heading's text into its title (up to the first full stop) and the rest.
fn split_title(s: &str, lex: &Lexicon) -> (String, String) {
    let h = &lex.document.headings;
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || h.title_lead.contains(c));
    match s.find(|c| h.title_ends.contains(c)) {
        Some(p) => {
            let (title, rest) = s.split_at(p);
            let rest: String = rest.chars().skip(1).collect();
            (tidy(title), tidy(&rest))
        }
        None => (tidy(s), String::new()),
    }
}

/// Reads a numbered heading at the start of `line` (already trimmed), if there is one.
pub(super) fn marker(line: &str, lex: &Lexicon) -> Option<Marker> {
    let line = line.trim_start();
    let first = line.chars().next()?;
    if line.starts_with(lex.document.headings.ordinal.as_str()) {
        return ordinal(line, lex);
    }
    if lex.fold.parens.iter().any(|p| p.open == first) {
        return parenthesized(line, lex);
    }
    if fold(first).is_ascii_digit() {
        return digits(line, lex);
    }
    if numeral::is_cn_numeral(lex, first) {
        return cn_comma(line, lex);
    }
    None
}

fn ordinal(line: &str, lex: &Lexicon) -> Option<Marker> {
    let h = &lex.document.headings;
    let body = line.strip_prefix(h.ordinal.as_str())?;
    let end = body
        .char_indices()
        .find(|(_, c)| !(numeral::is_cn_numeral(lex, *c) || fold(*c).is_ascii_digit()))
        .map(|(i, _)| i)?;
    if end == 0 || end > 18 {
        return None;
    }
    let (num, after) = body.split_at(end);
    let (kind, word, rest) = if let Some(r) = after.strip_prefix(h.chapter.as_str()) {
        (Kind::Chapter, &h.chapter, r)
    } else if let Some(r) = after.strip_prefix(h.section.as_str()) {
        (Kind::Section, &h.section, r)
    } else {
        return None;
    };
    // 第一章 must be followed by a separator or a title, not glued into a sentence about
    // chapters (第三章所列 …): a heading's title is short and has no full stop before it.
    let (title, rest) = split_title(rest, lex);
    if title.chars().count() > 60 {
        return None;
    }
    Some(Marker {
        kind,
        number: format!("{}{num}{word}", h.ordinal),
        value: numeral::heading_value(lex, num),
        title,
        rest,
    })
}

fn parenthesized(line: &str, lex: &Lexicon) -> Option<Marker> {
    let mut it = line.char_indices();
    it.next();
    let inner_start = it.next().map(|(i, _)| i)?;
    let close = line.find(|c| lex.fold.parens.iter().any(|p| p.close == c))?;
    let inner = line.get(inner_start..close)?;
    if inner.is_empty() || inner.chars().count() > 4 {
        return None;
    }
    let kind = if inner.chars().all(|c| fold(c).is_ascii_digit()) {
        Kind::DigitParen
    } else if inner.chars().all(|c| numeral::is_cn_numeral(lex, c)) {
        Kind::CnParen
    } else {
        return None;
    };
    let after = line.get(close..)?;
    let after: String = after.chars().skip(1).collect();
    let (title, rest) = split_title(&after, lex);
    if title.is_empty() {
        return None;
    }
    Some(Marker {
        kind,
        number: kind.write_number(inner, lex),
        value: numeral::heading_value(lex, inner),
        title,
        rest,
    })
}

fn digits(line: &str, lex: &Lexicon) -> Option<Marker> {
    let end = line
        .char_indices()
        .find(|(_, c)| !fold(*c).is_ascii_digit())
        .map(|(i, _)| i)?;
    let num = line.get(..end)?;
    if num.chars().count() > 2 {
        return None;
    }
    let after = line.get(end..)?;
    let mut it = after.chars();
    let sep = it.next()?;
    if !lex.document.headings.digit_marks.contains(sep) {
        return None;
    }
    let next = it.next()?;
    let body: String = after.chars().skip(1).collect();
    // 1.5万户 and 1.5% are numbers, not items.
    if fold(next).is_ascii_digit() || lex.units.percent.prefix_of(&body).is_some() {
        return None;
    }
    let (title, rest) = split_title(&body, lex);
    if title.is_empty() {
        return None;
    }
    let number: String = num.chars().map(fold).collect();
    Some(Marker {
        kind: Kind::Digit,
        value: number.parse().ok(),
        number,
        title,
        rest,
    })
}

fn cn_comma(line: &str, lex: &Lexicon) -> Option<Marker> {
    let end = line
        .char_indices()
        .find(|(_, c)| !numeral::is_cn_numeral(lex, *c))
        .map(|(i, _)| i)?;
    let num = line.get(..end)?;
    if num.chars().count() > 3 {
        return None;
    }
    let after = line.get(end..)?;
    let sep = after.chars().next()?;
    if !lex.document.headings.cn_marks.contains(sep) {
        return None;
    }
    let body: String = after.chars().skip(1).collect();
    let (title, rest) = split_title(&body, lex);
    if title.is_empty() {
        return None;
    }
    Some(Marker {
        kind: Kind::CnComma,
        number: num.to_string(),
        value: numeral::heading_value(lex, num),
        title,
        rest,
    })
}

/// A key-project box title (专栏1 清远市“证照分离”改革全覆盖重点工程): its number and title.
pub(super) fn box_title(line: &str, lex: &Lexicon) -> Option<(String, String)> {
    let words = &lex.document.boxes;
    let body = line.trim_start().strip_prefix(words.word.as_str())?;
    let body = body.trim_start();
    let end = body
        .char_indices()
        .find(|(_, c)| !(fold(*c).is_ascii_digit() || numeral::is_cn_numeral(lex, *c)))
        .map_or(body.len(), |(i, _)| i);
    let number: String = body.get(..end)?.chars().map(fold).collect();
    let title = tidy(
        body.get(end..)?
            .trim_start_matches(|c: char| c.is_whitespace() || words.title_lead.contains(c)),
    );
    if number.is_empty() && title.is_empty() {
        return None;
    }
    // A sentence that mentions a box is not its title.
    if title.contains(lex.document.full_stop.as_str()) || title.chars().count() > 60 {
        return None;
    }
    Some((number, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(Kind, String, Option<u32>, String, String)> {
        marker(s, Lexicon::bundled()).map(|m| (m.kind, m.number, m.value, m.title, m.rest))
    }

    #[test]
    fn headings() {
        let (k, n, v, t, _) =
            m("第三章  深入推进商事制度改革 营造高效便捷的市场").expect("a heading");
        assert_eq!(
            (k, n.as_str(), v, t.as_str()),
            (
                Kind::Chapter,
                "第三章",
                Some(3),
                "深入推进商事制度改革 营造高效便捷的市场"
            )
        );
        assert_eq!(m("第十一章 保障措施").map(|x| x.2), Some(Some(11)));
        assert_eq!(
            m("第三节 \u{a0} 推进市场主体退出改革").map(|x| x.3),
            Some("推进市场主体退出改革".to_string())
        );
        assert_eq!(m("一、基础与现状").map(|x| x.0), Some(Kind::CnComma));
        assert_eq!(
            m("（一）发展基础").map(|x| (x.0, x.1)),
            Some((Kind::CnParen, "（一）".to_string()))
        );
        assert_eq!(
            m("1. 便利营商环境持续优化").map(|x| (x.0, x.3)),
            Some((Kind::Digit, "便利营商环境持续优化".to_string()))
        );
        let item = m("1.开展“一照通行”涉企审批服务改革。对企业高频办事场景").expect("a heading");
        assert_eq!(item.3, "开展“一照通行”涉企审批服务改革");
        assert_eq!(item.4, "对企业高频办事场景");
        assert_eq!(
            m("（1）事故危害特别严重").map(|x| x.0),
            Some(Kind::DigitParen)
        );
        assert_eq!(m("1.5万户"), None);
        assert_eq!(m("2020年，面对"), None);
        assert_eq!(m("（2021-2025年）"), None);
        assert_eq!(m("一是加强"), None);
        assert_eq!(m("第一批企业"), None);
        assert_eq!(m("统一"), None);
    }

    #[test]
    fn boxes() {
        assert_eq!(
            box_title(
                "\t 专栏1 清远市“证照分离”改革全覆盖重点工程",
                Lexicon::bundled()
            ),
            Some((
                "1".to_string(),
                "清远市“证照分离”改革全覆盖重点工程".to_string()
            ))
        );
        assert_eq!(
            box_title("专栏5 \u{a0} 实施质量提升行动", Lexicon::bundled()).map(|b| b.0),
            Some("5".to_string())
        );
        assert_eq!(
            box_title("专栏所列任务由各部门负责落实。", Lexicon::bundled()),
            None
        );
    }
}

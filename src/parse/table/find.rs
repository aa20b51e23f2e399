//! Finding tables: header cells and the header they make, where a header starts, the
//! caption above it, the lines that end a table, and the cells that start a row.

use super::segments::{aligned_cells, split_cells};
use super::{Col, Header};
use crate::model::Attribute;
use crate::parse::text::{Line, trim};
use crate::text::Lexicon;
use crate::text::numeral::is_cn_numeral;
use crate::text::script::is_han;

/// Classifies a header cell: a header word of a column, whole, or a cell holding a
/// baseline or target word (基期值（2020年）).
pub(super) fn header_kind(cell: &str, lex: &Lexicon) -> Option<Col> {
    let kept = |c: &char| kept_in_header(*c);
    // A header cell is short: a longer one (a paragraph) is refused before it is copied.
    let n = cell.chars().filter(kept).take(17).count();
    if n == 0 || n > 16 {
        return None;
    }
    let t: String = cell.chars().filter(kept).collect();
    let w = &lex.table;
    let whole = [
        (&w.seq_header, Col::Seq),
        (&w.category_header, Col::Category),
        (&w.name_header, Col::Name),
        (&w.unit_header, Col::Unit),
        (&w.attribute_header, Col::Attribute),
        (&w.notes_header, Col::Notes),
    ];
    if let Some((_, col)) = whole.iter().find(|(words, _)| words.contains(&t)) {
        return Some(*col);
    }
    if w.baseline_in_header.any_in(&t) {
        Some(Col::Baseline)
    } else if w.target_in_header.any_in(&t) {
        Some(Col::Target)
    } else {
        None
    }
}

/// Whether a header cell's character counts in its word: spaces, pipes and footnote stars
/// do not.
fn kept_in_header(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '|' | '*')
}

/// A four-digit year in a header cell (`2020年`, `（2025年）`, `2025年目标值`): besides the
/// year, its parentheses and spaces, at most six characters, each an ideograph (the words
/// of a label: 目标值, 基数, 十三五末) or a footnote star (a cell such as `:x?2025年` is no
/// label).
pub(super) fn header_year(cell: &str, lex: &Lexicon) -> Option<u16> {
    let digits: String = cell.chars().filter(|c| c.is_ascii_digit()).collect();
    let (mut rest, mut label) = (0, true);
    for c in cell.chars().filter(|c| {
        !c.is_ascii_digit()
            && !c.is_whitespace()
            && !lex.units.year.contains(*c)
            && !is_paren(lex, *c)
    }) {
        rest += 1;
        label &= is_han(c) || matches!(c, '*' | '＊');
    }
    if digits.len() == 4 && rest <= 6 && label {
        digits.parse().ok().filter(|y| (1949..=2100).contains(y))
    } else {
        None
    }
}

/// Whether `c` opens or closes a parenthesis.
fn is_paren(lex: &Lexicon, c: char) -> bool {
    lex.fold.parens.iter().any(|p| p.open == c || p.close == c)
}

/// Whether a header begins at line `i`.
pub(super) fn header_start(lines: &[Line], i: usize, lex: &Lexicon) -> bool {
    let text = &lines[i].text;
    // Most lines are told by a glance at how they split, before any cell is copied: a
    // header's line holds one cell (cells one per line) or four header words and more
    // (distinct kinds, see `is_header`); a line of aligned columns holding two or three
    // cells is no header's.
    match aligned_cells(text) {
        Some((1, first)) => header_below(lines, i, first, lex),
        Some((0..=3, _)) => false,
        _ => {
            // A header has a cell that is a sequence, category or name header word: a line
            // holding no first character of one is none, and is not split.
            let firsts = &lex.table.header_firsts;
            if text.chars().all(|c| firsts.get(c) == Some(false)) {
                return false;
            }
            match split_cells(text).as_slice() {
                [one] => header_below(lines, i, one, lex),
                cells @ [_, _, _, ..] => {
                    let kinds: Vec<Col> =
                        cells.iter().filter_map(|c| header_kind(c, lex)).collect();
                    is_header(&kinds)
                }
                _ => false,
            }
        }
    }
}

/// Whether line `i`, whose one cell is `cell`, starts a header of cells one per line: the
/// cell is a sequence, name or category header word, and the header's cells follow on the
/// next lines.
fn header_below(lines: &[Line], i: usize, cell: &str, lex: &Lexicon) -> bool {
    // Such a word begins with one of their first characters: most lines do not, and their
    // one cell is not read.
    let firsts = &lex.table.header_firsts;
    let begins = cell
        .chars()
        .find(|c| kept_in_header(*c))
        .is_some_and(|c| firsts.get(c) != Some(false));
    if !begins
        || !matches!(
            header_kind(cell, lex),
            Some(Col::Seq | Col::Name | Col::Category)
        )
    {
        return false;
    }
    let mut kinds = Vec::new();
    for l in lines.iter().skip(i).take(24) {
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        match header_kind(t, lex) {
            Some(k) => kinds.push(k),
            None if header_year(t, lex).is_some() => {}
            None => break,
        }
    }
    is_header(&kinds)
}

fn is_header(kinds: &[Col]) -> bool {
    let distinct = [
        Col::Seq,
        Col::Category,
        Col::Name,
        Col::Unit,
        Col::Baseline,
        Col::Target,
        Col::Attribute,
    ]
    .iter()
    .filter(|k| kinds.contains(k))
    .count();
    kinds.contains(&Col::Name)
        && distinct >= 4
        && (kinds.contains(&Col::Target) || kinds.contains(&Col::Attribute))
}

/// Builds the header from its cells (one row, or two with years below).
pub(super) fn header_from(cells: &[String], lex: &Lexicon) -> Header {
    let (mut h, years) = columns_and_years(cells, lex);
    match years.as_slice() {
        [first, .., last] => {
            h.baseline_year = Some(*first);
            h.target_year = Some(*last);
        }
        [one] => h.lone_year = Some(*one),
        [] => {}
    }
    if !h.has(Col::Baseline) && !h.has(Col::Target) && years.len() >= 2 {
        // A header with years only (2020年 | 2025年) in place of 基期值 | 规划值.
        let at = h
            .cols
            .iter()
            .position(|c| *c == Col::Attribute)
            .unwrap_or(h.cols.len());
        h.cols.insert(at, Col::Target);
        h.cols.insert(at, Col::Baseline);
    }
    h
}

/// The header's columns from its cells, and the distinct years the cells give, in order.
fn columns_and_years(cells: &[String], lex: &Lexicon) -> (Header, Vec<u16>) {
    let mut h = Header::default();
    let mut years = Vec::new();
    let mut kinds_seen = 0;
    for c in cells {
        if let Some(k) = header_kind(c, lex) {
            // Years written inside a header cell: 基期值（2020年）.
            let from_digit = c.trim_start_matches(|ch: char| !ch.is_ascii_digit());
            years.extend(header_year(from_digit, lex));
            if !(kinds_seen > 0 && h.cols.contains(&k) && k != Col::Notes) {
                h.cols.push(k);
            }
            kinds_seen += 1;
        } else if let Some(y) = header_year(c, lex) {
            years.push(y);
        } else if trim(c).is_empty() && h.cols == [Col::Seq] {
            // An unlabelled column between the row number and the name is the category.
            h.cols.push(Col::Category);
        } else if !trim(c).is_empty() {
            // A header cell of a kind we do not know still takes a column.
            h.cols.push(Col::Notes);
        }
    }
    if h.cols.iter().filter(|c| **c == Col::Category).count() > 1 {
        h.cols.dedup();
    }
    years.sort_unstable();
    years.dedup();
    (h, years)
}

/// Why a line ends a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    Notes,
    Other,
}

/// Whether a line cannot belong to a table's rows: notes, a heading or prose.
pub(super) fn stop_line(t: &str, lex: &Lexicon) -> Option<Stop> {
    let t = trim(t);
    if t.is_empty() {
        return None;
    }
    if lex.table.note_openers.prefix_of(t).is_some() || lex.table.note_alone.contains(t) {
        return Some(Stop::Notes);
    }
    let n = t.chars().count();
    let sentence = t.chars().any(|c| lex.fold.sentence_ends.contains(c));
    if is_heading(t, lex) || n > 60 || (sentence && n > 30) {
        return Some(Stop::Other);
    }
    None
}

/// 第三章 …, 第一节 …, 三、…, （一）… : the outline's headings.
pub(super) fn is_heading(t: &str, lex: &Lexicon) -> bool {
    let numeral = |c: &char| is_cn_numeral(lex, *c);
    let after_numeral = |s: &str, with_digits: bool| {
        let n = s
            .chars()
            .take_while(|c| numeral(c) || (with_digits && c.is_ascii_digit()))
            .count();
        (n > 0).then(|| s.chars().nth(n)).flatten()
    };
    let ordinal = lex.table.ordinal_prefix.as_str();
    if let Some(rest) = t.strip_prefix(ordinal).filter(|_| !ordinal.is_empty()) {
        return after_numeral(rest, true).is_some_and(|c| lex.table.chapter_marks.contains(c));
    }
    if after_numeral(t, false).is_some_and(|c| lex.fold.list_marks.contains(c)) {
        return true;
    }
    let parens = &lex.fold.parens;
    match t.strip_prefix(|c| parens.iter().any(|p| p.open == c)) {
        Some(rest) => {
            after_numeral(rest, false).is_some_and(|c| parens.iter().any(|p| p.close == c))
        }
        None => false,
    }
}

/// The sequence number a cell holds, if it is one (`1`, `1.`, `（1）`).
pub(super) fn seq_number(t: &str, lex: &Lexicon) -> Option<u32> {
    let t = trim(t);
    let t = t.trim_end_matches(|c| lex.table.seq_ends.contains(c));
    let t = in_parens(lex, t).unwrap_or(t);
    if t.is_empty() || t.len() > 6 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// What stands between an opening parenthesis at the start of `t` and a closing one at
/// its end, of either width.
fn in_parens<'s>(lex: &Lexicon, t: &'s str) -> Option<&'s str> {
    let parens = &lex.fold.parens;
    let rest = t.strip_prefix(|c| parens.iter().any(|p| p.open == c))?;
    rest.strip_suffix(|c| parens.iter().any(|p| p.close == c))
}

/// The attribute a cell names: binding (约束性) or expected (预期性).
pub(super) fn attribute(t: &str, lex: &Lexicon) -> Option<Attribute> {
    let t = trim(t);
    if t.is_empty() || t.chars().count() > 8 {
        return None;
    }
    let spaced;
    let mut word = if t.contains(char::is_whitespace) {
        spaced = t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        spaced.as_str()
    } else {
        t
    };
    while let Some(w) = lex.table.attribute_suffix.strip_suffix(word) {
        word = w;
    }
    if lex.table.binding.contains(word) {
        Some(Attribute::Binding)
    } else if lex.table.expected.contains(word) {
        Some(Attribute::Expected)
    } else {
        None
    }
}

/// The caption above a header: a short line naming an indicator table.
pub(super) fn caption(lines: &[Line], start: usize, lex: &Lexicon) -> Option<usize> {
    let w = &lex.table;
    let names_table = |t: &str| {
        w.caption_words.any_in(t)
            && (w.caption_ends.suffix_of(t).is_some() || w.caption_titles.any_in(t))
            && t.chars().count() <= 50
    };
    lines[..start]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| !l.trimmed().is_empty())
        .take(3)
        .find(|(_, l)| names_table(l.trimmed()))
        .map(|(j, _)| j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let lex = Lexicon::bundled();
        assert!(is_heading("第三章  优化市场准入环境", lex));
        assert!(is_heading("三、主要任务", lex));
        assert!(is_heading("（一）营造宽松便捷市场准入环境", lex));
        assert!(is_heading("(十二)其他", lex));
        assert!(!is_heading("第三方检测", lex));
        assert!(!is_heading("1.市场准入更加便利", lex));
        assert!(!is_heading("（1）市场准入", lex));
    }

    #[test]
    fn cells() {
        let lex = Lexicon::bundled();
        assert_eq!(seq_number("（12）", lex), Some(12));
        assert_eq!(seq_number("3、", lex), Some(3));
        assert_eq!(attribute("约束性指标", lex), Some(Attribute::Binding));
        assert_eq!(attribute("预期", lex), Some(Attribute::Expected));
        assert_eq!(attribute("其他", lex), None);
        assert_eq!(header_kind("计量单位", lex), Some(Col::Unit));
        assert_eq!(header_kind("基期值（2020年）", lex), Some(Col::Baseline));
        assert_eq!(header_year("（2025年）", lex), Some(2025));
    }
}

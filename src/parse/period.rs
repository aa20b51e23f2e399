//! The years a plan covers, from what the document states.
//!
//! Four sources state a period, trusted in this order:
//!
//! 1. the title line: a period's name (“十五五”) or its years (（2026—2030年）);
//! 2. the text: the latest period it names or writes out (2026-2030年, 二〇二六年至二〇三〇年),
//!    for a plan looks back at the periods before its own, not forward past it;
//! 3. the indicator table's year columns (基期值（2025年）, 2030年目标值): the target year
//!    ends the period;
//! 4. the target sentences: the year most of them are set for (到2030年).
//!
//! The first source that states a period gives it. Each later source that states another is
//! a [`DiagnosticKind::PeriodDisagrees`] warning naming both; when none states one, the
//! default period is assumed and a [`DiagnosticKind::PeriodAssumed`] warning says so. The
//! outlook year is not read here: the goals reader takes it from the outlook the plan
//! states (structure/goals.rs).
//!
//! The words are the lexicon's: the period names `[[periods]]`, the marks between two years
//! `[fold].dashes` and `[values].range_marks`, the year character `[units].year`, the words
//! before a target year `[document.period].target_openers`.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use std::borrow::Cow;

use crate::model::{Period, TableInfo};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::text::{Facts, Line};
use crate::text::{Lexicon, LowBytes, fold, numeral};

/// The numbers read as years: those the table reader reads in its year columns.
const YEARS: RangeInclusive<u16> = 1949..=2100;

/// How many years the last year of a five-year period lies after its first.
const FIVE_YEARS: u16 = 4;

/// Where a statement of the period stands, in the order the sources are trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Title,
    Text,
    Table,
    Targets,
}

impl Source {
    fn describe(self) -> &'static str {
        match self {
            Source::Title => "the title",
            Source::Text => "the text",
            Source::Table => "the indicator table's year columns",
            Source::Targets => "the target sentences",
        }
    }
}

/// One source's statement of the period.
#[derive(Debug, Clone)]
struct Statement {
    source: Source,
    period: Period,
    /// The 1-based line where it stands.
    line: usize,
    /// What the document writes there (十五五, 2026-2030年, 到2030年).
    written: String,
}

impl Statement {
    /// The statement in a few words: `the title writes 十五五 (line 1): 2026–2030`.
    fn describe(&self) -> String {
        format!(
            "{} writes {} (line {}): {}–{}",
            self.source.describe(),
            self.written,
            self.line,
            self.period.start,
            self.period.end
        )
    }
}

/// The plan's period, from its title line (the line numbered `title_line`), its lines and
/// its tables; a diagnostic for each source that states another period than the one kept,
/// and for a period assumed.
pub(crate) fn read<'t>(
    lines: &[Line],
    title_line: Option<usize>,
    tables: impl IntoIterator<Item = &'t TableInfo>,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) -> Period {
    let digits = Digits::new(lex);
    // A line with neither a period's name nor four digits in a row (most lines) states no
    // period and no target year: it is neither folded nor read for years.
    let folded: Vec<Folded> = lines
        .iter()
        .filter(|l| l.facts.any(Facts::PERIOD_NAME | Facts::DIGIT_RUN))
        .map(|l| Folded::new(l, &digits))
        .collect();
    let title = title_line
        .and_then(|no| lines.iter().find(|l| l.no == no))
        .map(|l| (l.no, folded_cow(&l.text)));
    let statements: Vec<Statement> = [
        title.and_then(|(no, text)| in_title(no, &text, lex)),
        in_text(&folded, lex),
        in_tables(tables, lex),
        in_targets(&folded, lex),
    ]
    .into_iter()
    .flatten()
    .collect();
    let Some((kept, others)) = statements.split_first() else {
        let p = Period::default();
        diags.push(Diagnostic::new(
            Severity::Warning,
            None,
            DiagnosticKind::PeriodAssumed,
            format!(
                "no period name or years written out in the title or the text, no year column in a table and no target year state the plan's period; {}–{} (baseline {}) is assumed",
                p.start, p.end, p.baseline
            ),
        ));
        return p;
    };
    for other in others {
        if (other.period.start, other.period.end) != (kept.period.start, kept.period.end) {
            diags.push(Diagnostic::new(
                Severity::Warning,
                Some(other.line),
                DiagnosticKind::PeriodDisagrees,
                format!(
                    "{}, but {}; the plan is read as {}–{}",
                    capitalized(&other.describe()),
                    kept.describe(),
                    kept.period.start,
                    kept.period.end
                ),
            ));
        }
    }
    kept.period
}

fn capitalized(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// A line folded for reading years: spacing removed, full-width digits and dashes folded.
pub(crate) fn folded(text: &str) -> String {
    folded_cow(text).into_owned()
}

/// [`folded`], borrowed when folding changes nothing (most lines).
fn folded_cow(text: &str) -> Cow<'_, str> {
    const CHANGED: fold::LeadBytes =
        fold::LeadBytes::of_slices(&[&fold::WHITESPACE, &fold::WIDTH_FOLDED]);
    let mut out: Option<String> = None;
    // The runs of chars that stay as they are, copied whole: `run` is where the one being
    // read starts.
    let (mut run, mut from) = (0, 0);
    while let Some((at, c)) = CHANGED.find(text, from) {
        from = at + c.len_utf8();
        let keep = !c.is_whitespace();
        let f = fold::width(c);
        if keep && f == c {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(&text[run..at]);
        if keep {
            o.push(f);
        }
        run = from;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[run..]);
            Cow::Owned(o)
        }
    }
}

/// A line folded, with the years it writes: read once, for the text and the targets.
struct Folded<'l> {
    no: usize,
    text: Cow<'l, str>,
    years: Vec<Year>,
}

impl<'l> Folded<'l> {
    fn new(line: &'l Line, digits: &Digits) -> Folded<'l> {
        let text = folded_cow(&line.text);
        let years = digits.years(&text);
        Folded {
            no: line.no,
            text,
            years,
        }
    }
}

/// A year a folded text writes, in Arabic digits (2026) or Chinese ones (二〇二六).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Year {
    /// The year.
    pub value: u16,
    /// Where it starts in the text, in bytes.
    pub start: usize,
    /// Where it ends in the text, in bytes.
    pub end: usize,
}

/// The years a folded text writes: runs of exactly four digits of one script that read as
/// a year of [`YEARS`]. Runs holding numeral units (十四五, 二十) are no years.
pub(crate) fn years(text: &str, lex: &Lexicon) -> Vec<Year> {
    Digits::new(lex).years(text)
}

/// What tells the chars that cannot be a digit of a year without decoding them: for the
/// chars of three bytes (Chinese text), one bit per value of the low byte of a code point,
/// set for each of the one-char words of the lexicon's numeral digits and units (those
/// [`numeral::is_cn_numeral`] may accept). Built once for the lines of a document.
pub(crate) struct Digits<'l> {
    low_bytes: LowBytes,
    lex: &'l Lexicon,
}

impl<'l> Digits<'l> {
    pub(crate) fn new(lex: &'l Lexicon) -> Digits<'l> {
        Digits {
            low_bytes: LowBytes::of(lex.numerals.single_chars()),
            lex,
        }
    }

    /// Where the first char from `b[at]` on stands that may be a digit (the length of `b`
    /// when none does): an ASCII char is one if it is 0 to 9; a char of three bytes may be
    /// one if the bit of its code point's low byte is set; any other (rare) may be.
    fn next_digit(&self, b: &[u8], mut at: usize) -> usize {
        while let Some(&x) = b.get(at) {
            if x < 0x80 {
                if x.is_ascii_digit() {
                    return at;
                }
                at += 1;
                continue;
            }
            let Some(&[0xE0..0xF0, b1, b2]) = b.get(at..at + 3) else {
                return at;
            };
            // The code point's low byte: the second byte's last two bits, the third's six.
            if self.low_bytes.may_hold_low((b1 & 0x03) << 6 | (b2 & 0x3F)) {
                return at;
            }
            at += 3;
        }
        at
    }

    /// [`years`], with this table.
    pub(crate) fn years(&self, text: &str) -> Vec<Year> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            at = self.next_digit(b, at);
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let start = at;
            at += c.len_utf8();
            let arabic = c.is_ascii_digit();
            let same_script = |d: char| {
                if arabic {
                    d.is_ascii_digit()
                } else {
                    numeral::is_cn_numeral(self.lex, d)
                }
            };
            if !same_script(c) {
                continue;
            }
            // The run of digits of one script from `start`: its first four chars and
            // length, read without collecting the text's chars (a 1 MB line is read in
            // one pass).
            let (mut run, mut n) = ([c; 4], 1usize);
            for d in text[at..].chars().take_while(|d| same_script(*d)) {
                if let Some(slot) = run.get_mut(n) {
                    *slot = d;
                }
                n += 1;
                at += d.len_utf8();
            }
            let value = match n {
                4 if arabic => run.iter().collect::<String>().parse::<u16>().ok(),
                4 => numeral::cn_digits(self.lex, &run).map(|v| v as u16),
                _ => None,
            };
            if let Some(value) = value.filter(|v| YEARS.contains(v)) {
                out.push(Year {
                    value,
                    start,
                    end: at,
                });
            }
        }
        out
    }
}

/// The first year of `years` after `after` (the outlook year 2035 after a period ending in
/// 2030).
pub(crate) fn year_after(years: &[Year], after: u16) -> Option<&Year> {
    years.iter().find(|y| y.value > after)
}

/// The periods a folded line states, in the order they stand: the names of `[[periods]]`
/// and five-year spans of years (2026—2030年, 2021年至2025年, 二〇二六年至二〇三〇年), each
/// with where it starts and how it is written.
fn stated(text: &str, lex: &Lexicon) -> Vec<(usize, Period, String)> {
    stated_with(text, &years(text, lex), lex)
}

/// [`stated`], the years of `text` read already.
fn stated_with(text: &str, years: &[Year], lex: &Lexicon) -> Vec<(usize, Period, String)> {
    let mut out: Vec<(usize, Period, String)> = Vec::new();
    // A name whose first char the line lacks is not searched for; each first char (十 of
    // 十四五 and 十五五) is looked for once.
    let mut firsts: Vec<(char, bool)> = Vec::new();
    for p in lex.periods.iter().filter(|p| !p.name.is_empty()) {
        let Some(c) = p.name.chars().next() else {
            continue;
        };
        let present = match firsts.iter().find(|(f, _)| *f == c) {
            Some((_, present)) => *present,
            None => {
                let present = text.contains(c);
                firsts.push((c, present));
                present
            }
        };
        if present {
            out.extend(
                text.match_indices(p.name.as_str())
                    .map(|(at, name)| (at, Period::new(p.start, p.end), name.to_string())),
            );
        }
    }
    let year_mark = lex.units.year.as_str();
    for pair in years.windows(2) {
        let [a, b] = pair else { continue };
        let between = text.get(a.end..b.start).unwrap_or("");
        if b.value == a.value + FIVE_YEARS && joins(between, lex) {
            let end = match text.get(b.end..) {
                Some(rest) if !year_mark.is_empty() && rest.starts_with(year_mark) => {
                    b.end + year_mark.len()
                }
                _ => b.end,
            };
            let written = text.get(a.start..end).unwrap_or("").to_string();
            out.push((a.start, Period::new(a.value, b.value), written));
        }
    }
    out.sort_by_key(|s| s.0);
    out
}

/// The period a text states when it states nothing else: a span of years (2026—2030年) or
/// a period's name alone.
pub(crate) fn alone(text: &str, lex: &Lexicon) -> Option<Period> {
    let text = folded(text);
    match stated(&text, lex).as_slice() {
        [(0, period, written)] if *written == text => Some(*period),
        _ => None,
    }
}

/// Whether the text between two years joins them into a span: a dash or a range word
/// after an optional year character (2026—2030, 2026年至2030年, 2026~2030).
fn joins(between: &str, lex: &Lexicon) -> bool {
    let year_mark = lex.units.year.as_str();
    let mark = match between.strip_prefix(year_mark) {
        Some(rest) if !year_mark.is_empty() => rest,
        _ => between,
    };
    let dashes = !mark.is_empty()
        && mark
            .chars()
            .all(|c| lex.fold.dashes.contains(c) || fold::ascii(c) == '-');
    dashes || lex.values.range_marks.contains(mark)
}

/// The first period the title line states.
fn in_title(no: usize, text: &str, lex: &Lexicon) -> Option<Statement> {
    let (_, period, written) = stated(text, lex).into_iter().next()?;
    Some(Statement {
        source: Source::Title,
        period,
        line: no,
        written,
    })
}

/// The latest period the text states, at the first line stating it.
fn in_text(folded: &[Folded], lex: &Lexicon) -> Option<Statement> {
    let mut latest: Option<Statement> = None;
    for Folded { no, text, years } in folded {
        for (_, period, written) in stated_with(text, years, lex) {
            if latest.as_ref().is_none_or(|l| period.end > l.period.end) {
                latest = Some(Statement {
                    source: Source::Text,
                    period,
                    line: *no,
                    written,
                });
            }
        }
    }
    latest
}

/// The period the first table with a target-year column ends with (2025年 | 2030年 →
/// 2026–2030).
fn in_tables<'t>(
    tables: impl IntoIterator<Item = &'t TableInfo>,
    lex: &Lexicon,
) -> Option<Statement> {
    let year_mark = &lex.units.year;
    tables.into_iter().find_map(|t| {
        let target = t.target_year?;
        if t.baseline_year.is_some_and(|b| b >= target) {
            return None;
        }
        let written = match t.baseline_year {
            Some(b) => format!("{b}{year_mark} | {target}{year_mark}"),
            None => format!("{target}{year_mark}"),
        };
        Some(Statement {
            source: Source::Table,
            period: Period::ending(target),
            line: if t.header.first > 0 {
                t.header.first
            } else {
                t.line
            },
            written,
        })
    })
}

/// The year most target phrases (到2030年, 至2030年) are set for, ties to the earlier year,
/// as the end of a five-year period.
fn in_targets(folded: &[Folded], lex: &Lexicon) -> Option<Statement> {
    let year_mark = lex.units.year.as_str();
    let openers = &lex.document.period.target_openers;
    // For each year: how often it is a target year, and its first line and phrase.
    let mut seen: BTreeMap<u16, (usize, usize, String)> = BTreeMap::new();
    for Folded { no, text, years } in folded {
        for (k, y) in years.iter().enumerate() {
            let before = text.get(..y.start).unwrap_or("");
            let marked = !year_mark.is_empty()
                && text
                    .get(y.end..)
                    .is_some_and(|rest| rest.starts_with(year_mark));
            let Some(opener) = openers.suffix_of(before).filter(|_| marked) else {
                continue;
            };
            // 至2025年 of 2021年至2025年 ends a span; it sets no target.
            let head = before.len() - opener.len();
            let ends_span = k
                .checked_sub(1)
                .and_then(|j| years.get(j))
                .is_some_and(|p| p.end == head || text.get(p.end..head) == Some(year_mark));
            if ends_span {
                continue;
            }
            let entry = seen
                .entry(y.value)
                .or_insert_with(|| (0, *no, format!("{opener}{}{year_mark}", y.value)));
            entry.0 += 1;
        }
    }
    // The most frequent year; of years as frequent, the earliest (the first found).
    let (year, (count, line, written)) = seen
        .into_iter()
        .rev()
        .max_by_key(|(_, (count, _, _))| *count)?;
    Some(Statement {
        source: Source::Targets,
        period: Period::ending(year),
        line,
        written: format!("{written} ({count} times)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period_of(text: &str) -> (Period, Vec<Diagnostic>) {
        let parsed = crate::parse(text);
        (parsed.value.period, parsed.diagnostics)
    }

    fn kinds(diags: &[Diagnostic]) -> Vec<DiagnosticKind> {
        diags
            .iter()
            .map(|d| d.kind)
            .filter(|k| {
                matches!(
                    k,
                    DiagnosticKind::PeriodDisagrees | DiagnosticKind::PeriodAssumed
                )
            })
            .collect()
    }

    #[test]
    fn years_in_both_scripts() {
        let lex = Lexicon::bundled();
        let values =
            |s: &str| -> Vec<u16> { years(&folded(s), lex).iter().map(|y| y.value).collect() };
        assert_eq!(values("二〇二六年至二〇三〇年"), [2026, 2030]);
        assert_eq!(values("到２０３０年，达到12345户"), [2030]);
        assert_eq!(values("“十四五”时期，二十五家"), Vec::<u16>::new());
        assert_eq!(values("3000家、1800万"), Vec::<u16>::new());
    }

    #[test]
    fn every_numeral_char_may_be_a_digit() {
        let lex = Lexicon::bundled();
        let digits = Digits::new(lex);
        let chars = (0..0x10000u32)
            .chain(0x20000..0x20100)
            .filter_map(char::from_u32);
        for c in chars.filter(|c| c.is_ascii_digit() || numeral::is_cn_numeral(lex, *c)) {
            let s = format!("a{c}");
            assert_eq!(digits.next_digit(s.as_bytes(), 0), 1, "{c:?}");
        }
    }

    #[test]
    fn spans_of_five_years() {
        let lex = Lexicon::bundled();
        let spans = |s: &str| -> Vec<(u16, u16, String)> {
            stated(&folded(s), lex)
                .into_iter()
                .map(|(_, p, w)| (p.start, p.end, w))
                .collect()
        };
        assert_eq!(
            spans("本规划是我区 2021-2025 年市场监管行动纲领"),
            [(2021, 2025, "2021-2025年".to_string())]
        );
        assert_eq!(spans("（2026—2030年）")[0].0, 2026);
        assert_eq!(spans("二〇二六年至二〇三〇年")[0].1, 2030);
        assert_eq!(spans("2026年~2030年")[0].0, 2026);
        // Three years, or two years not joined, are no period.
        assert!(spans("2018-2020年").is_empty());
        assert!(spans("2026年，2030年").is_empty());
        assert_eq!(spans("“十五五”时期")[0].2, "十五五");
    }

    #[test]
    fn the_title_comes_first() {
        let (p, diags) =
            period_of("示例市市场监管现代化“十五五”规划\n“十四五”时期，全市市场主体大幅增长。\n");
        assert_eq!(p, Period::FIFTEENTH);
        assert!(kinds(&diags).is_empty(), "{diags:?}");
    }

    #[test]
    fn the_text_gives_the_latest_period_it_names() {
        let text = "前言\n“十三五”期间，全区市场主体大幅增长。\n本规划是我区2026-2030年市场监管行动纲领。\n";
        let (p, diags) = period_of(text);
        assert_eq!(p, Period::FIFTEENTH);
        assert!(kinds(&diags).is_empty(), "{diags:?}");
    }

    #[test]
    fn target_years_when_nothing_else_states_one() {
        let text = "前言\n到2030年，全市市场主体达到50万户。\n至2030年，企业达到12万户。\n到2035年，基本实现现代化。\n";
        assert_eq!(period_of(text).0, Period::FIFTEENTH.with_outlook(2035));
    }

    #[test]
    fn nothing_stated_is_said() {
        let (p, diags) = period_of("示例市市场监管规划\n");
        assert_eq!(p, Period::default());
        assert_eq!(kinds(&diags), [DiagnosticKind::PeriodAssumed]);
    }

    #[test]
    fn a_disagreement_names_both_sources() {
        let text = "示例市市场监管现代化“十五五”规划\n到2025年，全市市场主体达到50万户。\n";
        let (p, diags) = period_of(text);
        assert_eq!(p, Period::FIFTEENTH);
        let d = diags
            .iter()
            .find(|d| d.kind == DiagnosticKind::PeriodDisagrees)
            .unwrap_or_else(|| panic!("{diags:?}"));
        assert_eq!(d.line, Some(2));
        assert!(
            d.why.contains("target sentences") && d.why.contains("title"),
            "{d}"
        );
    }
}

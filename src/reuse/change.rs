//! What an adapted passage changed: the character diff of the two normalized texts
//! (computed by the `similar` crate), grouped into spans and classified.

use std::ops::Range;

use serde::Serialize;
use similar::{Algorithm, DiffOp};

use crate::text::{Lexicon, fold, numeral};

/// What kind of change a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ChangeClass {
    /// A number changed, was added or dropped (48万户 → 3.12万户, 2023 → 2025).
    Number,
    /// A date changed (1月2日 → 3月9日).
    Date,
    /// An outline number changed (第四章 → 第七章, 三、 → 五、): the plans' chapters are in
    /// another order, nothing the text asks for changed.
    Numbering,
    /// A scope or locality word changed: 全市 → 全区 (whole city → whole district), 我市 →
    /// 我区, a place name (湛江 → 鼎湖), or a word ending in 市/区/县/省 (city, district,
    /// county, province).
    Scope,
    /// An ambition word changed: the benchmark a target is measured against, such as 国内
    /// (national) → 省内 (provincial), 国际 (international), 一流 (first-class), 先进
    /// (advanced), 领先 (leading), 前列 (among the first).
    Ambition,
    /// A clause was added or dropped: a longer insertion or deletion.
    Clause,
    /// Any other change.
    Other,
}

impl ChangeClass {
    /// The lowercase name used in JSON and reports ("number", "scope", …).
    pub fn name(self) -> &'static str {
        match self {
            ChangeClass::Number => "number",
            ChangeClass::Numbering => "numbering",
            ChangeClass::Date => "date",
            ChangeClass::Scope => "scope",
            ChangeClass::Ambition => "ambition",
            ChangeClass::Clause => "clause",
            ChangeClass::Other => "other",
        }
    }
}

/// A number as written in a changed span, with its multiplier and unit (48万户).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    text: String,
    number: f64,
    unit: String,
}

impl Quantity {
    /// The quantity as written (3.12万户).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The number as written, without multiplier (3.12 for 3.12万户).
    pub fn number(&self) -> f64 {
        self.number
    }

    /// What follows the number: multiplier and unit as written (万户, %, 年), possibly empty.
    pub fn unit(&self) -> &str {
        &self.unit
    }
}

/// One changed span of an adapted passage: what `a` has there and what `b` has instead.
///
/// Either side may be empty (an insertion or a deletion). Offsets count chars of the
/// passages' [normalized](super::Passage::normalized) texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    a: String,
    b: String,
    class: ChangeClass,
    a_offset: usize,
    b_offset: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    numbers: Option<[Quantity; 2]>,
}

impl Change {
    /// The text of the span in passage `a` (empty for an insertion).
    pub fn a(&self) -> &str {
        &self.a
    }

    /// The text of the span in passage `b` (empty for a deletion).
    pub fn b(&self) -> &str {
        &self.b
    }

    /// What kind of change it is.
    pub fn class(&self) -> ChangeClass {
        self.class
    }

    /// The 0-based char offset of the span in `a`'s normalized text.
    pub fn a_offset(&self) -> usize {
        self.a_offset
    }

    /// The 0-based char offset of the span in `b`'s normalized text.
    pub fn b_offset(&self) -> usize {
        self.b_offset
    }

    /// For a number changed on both sides, the two quantities with their units
    /// (48万户, 3.12万户).
    pub fn quantities(&self) -> Option<(&Quantity, &Quantity)> {
        self.numbers.as_ref().map(|[a, b]| (a, b))
    }

    /// The same change seen from the other side.
    pub(crate) fn mirrored(&self) -> Change {
        Change {
            a: self.b.clone(),
            b: self.a.clone(),
            class: self.class,
            a_offset: self.b_offset,
            b_offset: self.a_offset,
            numbers: self.numbers.as_ref().map(|[a, b]| [b.clone(), a.clone()]),
        }
    }
}

/// The character diff of two texts and its similarity ratio, 2·matches / (|a| + |b|).
///
/// The diff is computed in a canonical orientation (the lesser text first) and turned
/// back, so that `diff(a, b)` and `diff(b, a)` mirror each other exactly.
pub(crate) fn diff(a: &[char], b: &[char]) -> (f64, Vec<Hunk>) {
    let swap = b < a;
    let (x, y) = if swap { (b, a) } else { (a, b) };
    let ops = similar::capture_diff_slices(Algorithm::Myers, x, y);
    // Walk the ops by their lengths with our own cursors: after compaction the indices
    // `similar` reports beside a shifted edit are not always those of the sequences.
    let (mut ox, mut oy) = (0usize, 0usize);
    let mut matches = 0usize;
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in &ops {
        let (dx, dy) = match *op {
            DiffOp::Equal { len, .. } => {
                matches += len;
                ox += len;
                oy += len;
                continue;
            }
            DiffOp::Delete { old_len, .. } => (old_len, 0),
            DiffOp::Insert { new_len, .. } => (0, new_len),
            DiffOp::Replace {
                old_len, new_len, ..
            } => (old_len, new_len),
        };
        let (old, new) = (ox..ox + dx, oy..oy + dy);
        ox += dx;
        oy += dy;
        match hunks.last_mut() {
            Some(h) if h.a.end == old.start && h.b.end == new.start => {
                h.a.end = old.end;
                h.b.end = new.end;
            }
            _ => hunks.push(Hunk { a: old, b: new }),
        }
    }
    if ox != x.len() || oy != y.len() {
        // Not a diff of these texts: report the whole as changed rather than misplace spans.
        matches = 0;
        hunks = vec![Hunk {
            a: 0..x.len(),
            b: 0..y.len(),
        }];
    }
    if swap {
        for h in &mut hunks {
            std::mem::swap(&mut h.a, &mut h.b);
        }
    }
    let total = a.len() + b.len();
    let ratio = if total == 0 {
        1.0
    } else {
        (2 * matches) as f64 / total as f64
    };
    (ratio, hunks)
}

/// A changed region: a range of `a`'s chars replaced by a range of `b`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hunk {
    pub a: Range<usize>,
    pub b: Range<usize>,
}

impl Hunk {
    fn size(&self) -> usize {
        self.a.len().max(self.b.len())
    }
}

/// How many chars after a changed span are read to tell a benchmark (全省前列) from a
/// scope (全省市场).
const BENCHMARK_LOOKAHEAD: usize = 6;

/// The power of ten from which a numeral unit is a multiplier after a number (万 in 48万户),
/// not part of the number.
const MULTIPLIER_POWER: i64 = 4;

/// Context for classifying changes: the lexicon and the place-name stems of the two plans'
/// localities.
pub(crate) struct Vocabulary<'l> {
    lex: &'l Lexicon,
    places: Vec<String>,
    /// The ambition and scope words and the places, as chars, for widening spans.
    words: Vec<Vec<char>>,
}

impl<'l> Vocabulary<'l> {
    /// A vocabulary knowing the lexicon's place stems and the given locality names.
    pub fn new<'n>(lex: &'l Lexicon, names: impl IntoIterator<Item = &'n str>) -> Vocabulary<'l> {
        let suffixes = &lex.reuse.admin_suffixes;
        let mut places: Vec<String> = lex.reuse.places.iter().map(str::to_string).collect();
        for name in names {
            let stem = name.trim_end_matches(|c| suffixes.contains(c));
            if stem.chars().count() >= 2 && !places.iter().any(|p| p == stem) {
                places.push(stem.to_string());
            }
        }
        let words = lex
            .reuse
            .ambition
            .iter()
            .chain(scope_words(lex))
            .chain(places.iter().map(String::as_str))
            .map(|w| w.chars().collect())
            .collect();
        Vocabulary { lex, places, words }
    }

    /// The scope words and the place stems: what a scope side of a change is made of.
    fn localities(&self) -> impl Iterator<Item = &str> {
        scope_words(self.lex).chain(self.places.iter().map(String::as_str))
    }
}

/// The scope and locality words: the shared `[scope].words` (全市: the whole city; 我区:
/// our district; 本县: this county) and `[reuse].localities` (各区, 区政府).
fn scope_words(lex: &Lexicon) -> impl Iterator<Item = &str> {
    lex.scope.words.iter().chain(lex.reuse.localities.iter())
}

/// Turns the hunks of a diff into classified changes.
pub(crate) fn changes(a: &[char], b: &[char], hunks: &[Hunk], vocab: &Vocabulary) -> Vec<Change> {
    let hunks = tidy(a, b, hunks);
    let mut out: Vec<Change> = Vec::with_capacity(hunks.len());
    for (k, h) in hunks.iter().enumerate() {
        // The equal context on each side of the hunk (the same chars in a and b), not
        // reaching into the span of the change before it.
        let prev_end = out
            .last()
            .map_or(0, |c: &Change| c.a_offset + c.a.chars().count());
        let left_room = if k == 0 {
            h.a.start.min(h.b.start)
        } else {
            h.a.start.saturating_sub(prev_end)
        };
        let right_room = match hunks.get(k + 1) {
            Some(n) => n.a.start.saturating_sub(h.a.end),
            None => (a.len() - h.a.end).min(b.len() - h.b.end),
        };
        let site = Site {
            a,
            b,
            h,
            left_room,
            right_room,
            vocab,
        };
        out.extend(site.classify());
    }
    out
}

/// Merges hunks separated by a char or two of equal text and trims what the merged
/// hunk's sides share at their ends, so that a diff which matched the "wrong" 市 of
/// 全市市场 still yields the change 市 → 区.
fn tidy(a: &[char], b: &[char], hunks: &[Hunk]) -> Vec<Hunk> {
    let mut merged: Vec<Hunk> = Vec::with_capacity(hunks.len());
    for h in hunks {
        if let Some(last) = merged.last_mut() {
            let gap = h.a.start - last.a.end;
            if gap <= 1 || (gap == 2 && last.size() >= 2 && h.size() >= 2) {
                last.a.end = h.a.end;
                last.b.end = h.b.end;
                continue;
            }
        }
        merged.push(h.clone());
    }
    for h in &mut merged {
        while !h.a.is_empty() && !h.b.is_empty() && a[h.a.start] == b[h.b.start] {
            h.a.start += 1;
            h.b.start += 1;
        }
        while !h.a.is_empty() && !h.b.is_empty() && a[h.a.end - 1] == b[h.b.end - 1] {
            h.a.end -= 1;
            h.b.end -= 1;
        }
    }
    merged
}

/// What a hunk that reads as a number on both sides is.
enum Numeral {
    /// One number written two ways: no change.
    Same,
    /// A changed number (or outline number).
    Changed(Change),
}

/// One hunk being classified, with what the phases share: both texts, the hunk, and how
/// much equal text around it a span may widen into.
struct Site<'s> {
    a: &'s [char],
    b: &'s [char],
    h: &'s Hunk,
    left_room: usize,
    right_room: usize,
    vocab: &'s Vocabulary<'s>,
}

impl Site<'_> {
    /// The change the hunk is: a number (or an outline number), else an ambition or scope
    /// word, else a clause or any other change, by its shape; `None` when the hunk is one
    /// number written two ways (二〇三五 and 2035), which is no change.
    fn classify(&self) -> Option<Change> {
        match self.as_number() {
            Some(Numeral::Same) => None,
            Some(Numeral::Changed(c)) => Some(c),
            None => Some(self.as_words().unwrap_or_else(|| self.by_shape())),
        }
    }

    /// Whether the span `r` of `s` is the number of an outline heading: 第四章, 第二节, 三、,
    /// （一）.
    fn is_numbering(&self, s: &[char], r: &Range<usize>) -> bool {
        let lex = self.vocab.lex;
        let before = r.start.checked_sub(1).map(|k| s[k]);
        let after = s.get(r.end).copied();
        let ordinal = lex.table.ordinal_prefix.chars().last();
        let parens = &lex.fold.parens;
        (before.is_some()
            && before == ordinal
            && after.is_some_and(|c| lex.table.chapter_marks.contains(c)))
            || (before.is_none_or(|c| lex.fold.sentence_ends.contains(c))
                && after.is_some_and(|c| lex.fold.list_marks.contains(c)))
            || (before.is_some_and(|c| parens.iter().any(|p| p.open == c))
                && after.is_some_and(|c| parens.iter().any(|p| p.close == c)))
    }

    /// The hunk widened by `left` chars and `right` chars, on both sides.
    fn widened(&self, left: usize, right: usize) -> (Range<usize>, Range<usize>) {
        let h = self.h;
        (
            h.a.start - left..h.a.end + right,
            h.b.start - left..h.b.end + right,
        )
    }

    /// The change spanning `wa` of `a` and `wb` of `b`.
    fn change(&self, wa: Range<usize>, wb: Range<usize>, class: ChangeClass) -> Change {
        Change {
            a: self.a[wa.clone()].iter().collect(),
            b: self.b[wb.clone()].iter().collect(),
            class,
            a_offset: wa.start,
            b_offset: wb.start,
            numbers: None,
        }
    }

    /// A number changed: the span widened to whole numbers reads as a quantity on both
    /// sides and as little else (a number added or dropped is a clause or other change, a
    /// date is not a quantity). An outline number (第四章 → 第七章) is a renumbering.
    fn as_number(&self) -> Option<Numeral> {
        let (a, b, h, lex) = (self.a, self.b, self.h, self.vocab.lex);
        let (span_a, span_b) = (&a[h.a.clone()], &b[h.b.clone()]);
        let all_cn = |s: &[char]| !s.is_empty() && s.iter().all(|c| is_cn_part(lex, *c));
        let arabic = span_a.iter().chain(span_b).any(char::is_ascii_digit);
        let chinese = all_cn(span_a) && all_cn(span_b);
        if !(arabic || chinese) {
            return None;
        }
        let part = |c: char| {
            if arabic {
                is_arabic(c)
            } else {
                is_cn_part(lex, c)
            }
        };
        let mut left = 0;
        while left < self.left_room && part(a[h.a.start - left - 1]) {
            left += 1;
        }
        let mut right = 0;
        while right < self.right_room && part(a[h.a.end + right]) {
            right += 1;
        }
        let (wa, wb) = self.widened(left, right);
        // 1月2日 → 3月9日 is a date, not a quantity: the change covers the whole dates.
        let marks = &lex.reuse.date_marks;
        let dated = |s: &[char], r: &Range<usize>| s.get(r.end).is_some_and(|c| marks.contains(*c));
        if arabic && (dated(a, &wa) || dated(b, &wb)) {
            let part = |c: char| c.is_ascii_digit() || marks.contains(c);
            let (mut left, mut right) = (0, 0);
            while left < self.left_room && part(a[h.a.start - left - 1]) {
                left += 1;
            }
            while right < self.right_room && part(a[h.a.end + right]) {
                right += 1;
            }
            let (da, db) = self.widened(left, right);
            return Some(Numeral::Changed(self.change(da, db, ChangeClass::Date)));
        }
        let qa = quantity(lex, a, &wa);
        let qb = quantity(lex, b, &wb);
        let numberish = |q: &Option<Quantity>, r: &Range<usize>| match q {
            Some(q) => q.text.chars().count() + 2 >= r.len() + q.unit.chars().count(),
            None => r.is_empty(),
        };
        if qa.is_none() || qb.is_none() || !numberish(&qa, &wa) || !numberish(&qb, &wb) {
            return None;
        }
        let (qa, qb) = (qa?, qb?);
        if qa.number == qb.number && qa.unit == qb.unit {
            return Some(Numeral::Same);
        }
        let class = if self.is_numbering(a, &wa) && self.is_numbering(b, &wb) {
            ChangeClass::Numbering
        } else {
            ChangeClass::Number
        };
        let mut change = self.change(wa, wb, class);
        change.numbers = Some([qa, qb]);
        Some(Numeral::Changed(change))
    }

    /// An ambition or scope word changed, added or dropped: the span widened to the
    /// vocabulary words it cuts through names a benchmark on either side, or a locality
    /// on both.
    fn as_words(&self) -> Option<Change> {
        if self.h.size() > 10 {
            return None;
        }
        let (a, b, vocab) = (self.a, self.b, self.vocab);
        let (left, right) = self.word_widening();
        let (wa, wb) = self.widened(left, right);
        let text = |s: &[char], r: &Range<usize>| -> String { s[r.clone()].iter().collect() };
        let (sa, sb) = (text(a, &wa), text(b, &wb));
        // What follows the span, to tell 全省前列 (ambition) from 全省市场 (scope).
        let after =
            |s: &[char], end: usize| text(s, &(end..(end + BENCHMARK_LOOKAHEAD).min(s.len())));
        // Ambition when either side names a benchmark: changed (国内 → 省内), added, dropped
        // or traded for a vaguer aim (达到国内一流水平 → 极大优化).
        let ambition = names_benchmark(vocab.lex, &sa, &after(a, wa.end))
            || names_benchmark(vocab.lex, &sb, &after(b, wb.end));
        // A side is a scope word (or empty: an insertion or deletion of one); a place
        // named by its level (肇庆市) counts only as the replacement of another.
        let replacement = !sa.is_empty() && !sb.is_empty();
        let scope = |w: &str| {
            w.is_empty()
                || if replacement {
                    is_scope_replacement(w, vocab)
                } else {
                    is_scope(w, vocab)
                }
        };
        let class = if ambition {
            ChangeClass::Ambition
        } else if scope(&sa) && scope(&sb) {
            ChangeClass::Scope
        } else {
            return None;
        };
        Some(self.change(wa, wb, class))
    }

    /// A clause added or dropped (a longer span against a much shorter one), else any
    /// other change.
    fn by_shape(&self) -> Change {
        let h = self.h;
        let (short, long) = (h.a.len().min(h.b.len()), h.size());
        let class = if long >= 6 && short * 3 <= long {
            ChangeClass::Clause
        } else {
            ChangeClass::Other
        };
        self.change(h.a.clone(), h.b.clone(), class)
    }

    /// How far to widen the hunk, left and right, so that it covers whole vocabulary words
    /// on both sides (国 → 省 inside 国内/省内 becomes 国内 → 省内).
    fn word_widening(&self) -> (usize, usize) {
        let mut left = 0;
        let mut right = 0;
        for wc in &self.vocab.words {
            for (s, r) in [(self.a, &self.h.a), (self.b, &self.h.b)] {
                // Occurrences of w in s overlapping r (or containing an empty r's point).
                let from = r.start.saturating_sub(wc.len());
                let to = (r.end + wc.len()).min(s.len());
                if to < from + wc.len() {
                    continue;
                }
                for p in from..=to - wc.len() {
                    let end = p + wc.len();
                    let overlaps = if r.is_empty() {
                        p < r.start && r.start < end
                    } else {
                        p < r.end && r.start < end
                    };
                    if overlaps && s[p..end] == wc[..] {
                        let l = r.start.saturating_sub(p);
                        let g = end.saturating_sub(r.end);
                        if l <= self.left_room && g <= self.right_room {
                            left = left.max(l);
                            right = right.max(g);
                        }
                    }
                }
            }
        }
        (left, right)
    }
}

/// Whether a side `w` of a change names a benchmark: an ambition word (国内, 一流), or a
/// benchmark scope (全省) with an ambition word in what `follows` (全省前列).
fn names_benchmark(lex: &Lexicon, w: &str, follows: &str) -> bool {
    let ambition = &lex.reuse.ambition;
    ambition.any_in(w) || (lex.reuse.benchmark_scopes.any_in(w) && ambition.any_in(follows))
}

/// Whether a (widened) side of a change is a scope or locality word.
fn is_scope(s: &str, vocab: &Vocabulary) -> bool {
    let lex = vocab.lex;
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() || cs.len() > 8 {
        return false;
    }
    // The side must read as scope words, place names (with their level: 肇庆市鼎湖区),
    // level chars (市, 区) and punctuation or conjunctions between them, and nothing else.
    let mut k = 0;
    let mut words = 0;
    while k < cs.len() {
        if is_joiner(lex, cs[k]) {
            k += 1;
            continue;
        }
        let rest = &cs[k..];
        let longest = vocab
            .localities()
            .filter_map(|w| {
                let n = w.chars().count();
                let at = rest.len() >= n && w.chars().zip(rest).all(|(x, y)| x == *y);
                at.then_some(n)
            })
            .max()
            .unwrap_or(0);
        if longest > 0 {
            k += longest;
        } else if lex.reuse.admin_suffixes.contains(cs[k]) {
            k += 1;
        } else {
            return false;
        }
        words += 1;
    }
    words > 0
}

/// Whether `c` stands between listed localities: a list mark (、), a clause mark (,), a
/// title mark or parenthesis, a conjunction (和, 及).
fn is_joiner(lex: &Lexicon, c: char) -> bool {
    lex.fold.list_marks.contains(c)
        || lex.fold.clause_ends.contains(c)
        || fold::is_title_mark(lex, c)
        || fold::is_paren(lex, c)
        || lex.reuse.joiners.contains(c)
}

/// Whether a side of a replacement (the other side being non-empty) names a scope or
/// locality: besides [`is_scope`], any short word ending in 市/区/县/省 (a place named by
/// its administrative level, 肇庆市).
fn is_scope_replacement(s: &str, vocab: &Vocabulary) -> bool {
    let suffixes = &vocab.lex.reuse.admin_suffixes;
    let n = s.chars().count();
    is_scope(s, vocab)
        || (2..=4).contains(&n) && s.chars().last().is_some_and(|c| suffixes.contains(c))
}

/// Whether `c` is part of an Arabic number as written: a digit or a point.
fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

/// Whether `c` is part of a Chinese number before its multiplier: a digit (〇 to 九, 两) or
/// a numeral unit below 万 (十, 百, 千).
fn is_cn_part(lex: &Lexicon, c: char) -> bool {
    numeral::cn_digit(lex, c).is_some()
        || lex
            .numerals
            .units
            .get_char(c)
            .is_some_and(|p| p < MULTIPLIER_POWER)
}

/// The quantity in a span: one number, with the multiplier and unit that follow it
/// (inside the span or just after it).
fn quantity(lex: &Lexicon, s: &[char], r: &Range<usize>) -> Option<Quantity> {
    let span = &s[r.clone()];
    let (first, end, number) = if let Some(first) = span.iter().position(char::is_ascii_digit) {
        let end = first + span[first..].iter().take_while(|c| is_arabic(**c)).count();
        let (number, read) = numeral::arabic_at(span, first)?;
        // A list number keeps its point (1.); a second point (1.2.3) makes no number.
        if span[read..end].iter().any(|c| *c != '.') {
            return None;
        }
        (first, end, number)
    } else {
        let first = span.iter().position(|c| is_cn_part(lex, *c))?;
        let end = first
            + span[first..]
                .iter()
                .take_while(|c| is_cn_part(lex, **c))
                .count();
        let run: String = span[first..end].iter().collect();
        (first, end, numeral::value_of(lex, &run)?)
    };
    let digits: String = span[first..end].iter().collect();
    let rest: String = s[r.start + end..].iter().take(UNIT_LOOKAHEAD).collect();
    let unit = unit_at(lex, &rest).to_string();
    Some(Quantity {
        text: format!("{digits}{unit}"),
        number,
        unit,
    })
}

/// How many chars after a number are read for its multiplier and unit.
const UNIT_LOOKAHEAD: usize = 8;

/// The multiplier and unit at the start of `s` (万户, 亿元, %, 个百分点, 年), possibly
/// empty: a unit word of `[units]`, or a multiplier and a unit word, whichever is longer.
fn unit_at<'s>(lex: &Lexicon, s: &'s str) -> &'s str {
    let unit_len = |t: &str| {
        unit_words(lex)
            .filter(|w| t.starts_with(w))
            .map(str::len)
            .max()
            .unwrap_or(0)
    };
    let plain = unit_len(s);
    let scaled = lex
        .units
        .multipliers
        .prefix_of(s)
        .map_or(0, |(m, _)| m.len() + unit_len(&s[m.len()..]));
    &s[..plain.max(scaled)]
}

/// The unit words a number may be followed by: percent, points, money, durations, counts
/// and the year.
fn unit_words(lex: &Lexicon) -> impl Iterator<Item = &str> {
    let u = &lex.units;
    u.percent
        .iter()
        .chain(u.points.iter())
        .chain(u.money.iter())
        .chain(u.duration.iter())
        .chain(u.counts.iter())
        .chain(std::iter::once(u.year.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &str, b: &str) -> Vec<(String, String, ChangeClass)> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let (_, hunks) = diff(&a, &b);
        let vocab = Vocabulary::new(Lexicon::bundled(), ["湛江市", "鼎湖区"]);
        changes(&a, &b, &hunks, &vocab)
            .into_iter()
            .map(|c| (c.a, c.b, c.class))
            .collect()
    }

    fn one(a: &str, b: &str, class: ChangeClass) -> (String, String, ChangeClass) {
        (a.to_string(), b.to_string(), class)
    }

    #[test]
    fn ambition_words_are_widened_to_whole_words() {
        assert_eq!(
            run(
                "企业开办全流程便利度达到国内一流水平",
                "企业开办全流程便利度达到省内一流水平"
            ),
            [one("国内", "省内", ChangeClass::Ambition)]
        );
        assert_eq!(
            run("力争进入全省前列", "力争进入全市前列"),
            [one("全省", "全市", ChangeClass::Ambition)]
        );
    }

    #[test]
    fn benchmarks_added_or_dropped_are_ambition() {
        assert_eq!(
            run(
                "营商环境,市场主体活力充分释放",
                "营商环境达到省内一流水平,市场主体活力充分释放"
            ),
            [one("", "达到省内一流水平", ChangeClass::Ambition)]
        );
        assert_eq!(
            run("便利度达到国内一流水平", "便利度极大优化"),
            [one("达到国内一流水平", "极大优化", ChangeClass::Ambition)]
        );
    }

    #[test]
    fn scope_words_and_places() {
        assert_eq!(
            run("全市市场主体活力充分释放", "全区市场主体活力充分释放"),
            [one("全市", "全区", ChangeClass::Scope)]
        );
        assert_eq!(
            run(
                "形成一批质量效益一流的湛江特色产业集群",
                "形成一批质量效益一流的鼎湖特色产业集群"
            ),
            [one("湛江", "鼎湖", ChangeClass::Scope)]
        );
        assert_eq!(
            run("全省市场主体", "全市市场主体"),
            [one("全省", "全市", ChangeClass::Scope)]
        );
    }

    #[test]
    fn numbers_keep_both_values_and_units() {
        let a: Vec<char> = "至2025年,全市市场主体达48万户".chars().collect();
        let b: Vec<char> = "至2025年,全区市场主体达3.12万户".chars().collect();
        let (_, hunks) = diff(&a, &b);
        let c = changes(&a, &b, &hunks, &Vocabulary::new(Lexicon::bundled(), []));
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].class(), ChangeClass::Number);
        let (x, y) = c[1].quantities().expect("two quantities");
        assert_eq!((x.text(), y.text()), ("48万户", "3.12万户"));
        assert_eq!((x.number(), y.number(), y.unit()), (48.0, 3.12, "万户"));
        assert_eq!(
            run("提高到90%", "提高到95%"),
            [one("90", "95", ChangeClass::Number)]
        );
    }

    #[test]
    fn stray_admin_suffixes_are_not_scope() {
        // 根据市出台的 (as issued by the city): an insertion that merely ends in 市.
        assert_eq!(
            run("出台的办法", "根据市出台的办法"),
            [one("", "根据市", ChangeClass::Other)]
        );
        assert_eq!(
            run("全市各地市场监管部门", "我区市场监管部门"),
            [one("全市各地", "我区", ChangeClass::Scope)]
        );
    }

    #[test]
    fn clauses_and_others() {
        assert_eq!(
            run(
                "质量基础进一步夯实,质量贡献增强",
                "质量基础进一步夯实,标准引领作用充分发挥,质量贡献增强"
            ),
            [one("", "标准引领作用充分发挥,", ChangeClass::Clause)]
        );
        assert_eq!(
            run("不发生区域性风险", "防止出现区域性风险"),
            [one("不发生", "防止出现", ChangeClass::Other)]
        );
    }

    #[test]
    fn shifted_edits_keep_their_places() {
        // The canonical orientation diffs 我区市场 against 我市市场; compaction shifts the
        // edit and `similar` reports indices off by one beside it.
        assert_eq!(
            run("为全面推进我市市场监管体系", "为全面推进我区市场监管体系"),
            [one("我市", "我区", ChangeClass::Scope)]
        );
    }

    #[test]
    fn units_are_the_longest_lexicon_word_after_a_multiplier() {
        let lex = Lexicon::bundled();
        assert_eq!(unit_at(lex, "万户以上"), "万户");
        assert_eq!(unit_at(lex, "个百分点"), "个百分点");
        assert_eq!(unit_at(lex, "百分点"), "百分点");
        assert_eq!(unit_at(lex, "个工作日内"), "个工作日");
        assert_eq!(unit_at(lex, "%以上"), "%");
        assert_eq!(unit_at(lex, "年,全市"), "年");
        assert_eq!(unit_at(lex, "以上"), "");
    }

    #[test]
    fn chinese_numbers_stop_before_their_multiplier() {
        let lex = Lexicon::bundled();
        let q = |s: &str| {
            let cs: Vec<char> = s.chars().collect();
            quantity(lex, &cs, &(0..cs.len())).map(|q| (q.text, q.number, q.unit))
        };
        let owned = |t: &str, n: f64, u: &str| Some((t.to_string(), n, u.to_string()));
        assert_eq!(q("二十五万户"), owned("二十五万户", 25.0, "万户"));
        assert_eq!(q("二〇三五年"), owned("二〇三五年", 2035.0, "年"));
        assert_eq!(q("1.加强"), owned("1.", 1.0, ""));
        assert_eq!(q("1.2.3"), None);
    }

    #[test]
    fn diff_is_mirrored() {
        let a: Vec<char> = "甲乙丙丁戊己".chars().collect();
        let b: Vec<char> = "甲丙乙丁己戊".chars().collect();
        let (r1, h1) = diff(&a, &b);
        let (r2, h2) = diff(&b, &a);
        assert_eq!(r1, r2);
        let swapped: Vec<Hunk> = h2.into_iter().map(|h| Hunk { a: h.b, b: h.a }).collect();
        assert_eq!(h1, swapped);
    }
}

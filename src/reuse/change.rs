//! What an adapted passage changed: the character diff of the two normalized texts
//! (computed by the `similar` crate), grouped into spans and classified.

use std::ops::Range;

use serde::Serialize;
use similar::{Algorithm, DiffOp};

/// What kind of change a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ChangeClass {
    /// A number changed, was added or dropped (48万户 → 3.12万户, 2023 → 2025).
    Number,
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

/// Words that mark the benchmark of an ambition (国内一流, 国际先进, 全省前列).
const AMBITION: &[&str] = &[
    "国内",
    "省内",
    "市内",
    "区内",
    "国际",
    "一流",
    "先进",
    "领先",
    "前列",
    "前茅",
    "标杆",
    "领跑",
    "率先",
    "最优",
    "最佳",
    "顶尖",
    "高水平",
    "国家级",
    "省级",
];

/// Ambition words that, like 全国/全省 (nationwide, province-wide), are scope words
/// unless an ambition benchmark follows them (全省前列).
const AMBITION_IF_BENCHMARK: &[&str] = &["全国", "全省"];

/// Scope and locality words (全市: the whole city; 我区: our district; 本县: this county).
const SCOPE: &[&str] = &[
    "全国",
    "全省",
    "全市",
    "全区",
    "全县",
    "全镇",
    "我省",
    "我市",
    "我区",
    "我县",
    "本省",
    "本市",
    "本区",
    "本县",
    "各市",
    "各区",
    "各县",
    "各镇",
    "市级",
    "区级",
    "县级",
    "镇级",
    "市委",
    "区委",
    "县委",
    "市政府",
    "区政府",
    "县政府",
    "街道",
    "乡镇",
    "各地",
];

/// Stems of the prefecture-level cities of Guangdong (广东), the corpus's province.
const PLACES: &[&str] = &[
    "广东", "广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞",
    "中山", "江门", "阳江", "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮",
];

/// Suffixes of administrative units: 市 city, 区 district, 县 county, 省 province, 镇 town.
const ADMIN_SUFFIX: &[char] = &['市', '区', '县', '省', '镇', '乡', '村'];

/// The multiplier and unit chars that may follow a number (万户, 亿元, %).
const UNIT_CHARS: &[char] = &[
    '万', '亿', '千', '百', '%', '‰', '户', '个', '家', '件', '项', '人', '元', '次', '批', '年',
    '座', '所', '条', '台', '套', '宗', '起', '倍', '篇', '名', '吨', '辆', '平', '米', '公', '里',
];

/// Context for classifying changes: the place-name stems of the two plans' localities.
pub(crate) struct Vocabulary {
    places: Vec<String>,
    /// The ambition and scope words and the places, as chars, for widening spans.
    words: Vec<Vec<char>>,
}

impl Vocabulary {
    /// A vocabulary knowing the built-in place stems and the given locality names.
    pub fn new<'n>(names: impl IntoIterator<Item = &'n str>) -> Vocabulary {
        let mut places: Vec<String> = PLACES.iter().map(|s| (*s).to_string()).collect();
        for name in names {
            let stem = name.trim_end_matches(ADMIN_SUFFIX);
            if stem.chars().count() >= 2 && !places.iter().any(|p| p == stem) {
                places.push(stem.to_string());
            }
        }
        let words = AMBITION
            .iter()
            .chain(SCOPE)
            .copied()
            .chain(places.iter().map(String::as_str))
            .map(|w| w.chars().collect())
            .collect();
        Vocabulary { places, words }
    }
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
        out.push(classify(a, b, h, left_room, right_room, vocab));
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

fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

fn classify(
    a: &[char],
    b: &[char],
    h: &Hunk,
    left_room: usize,
    right_room: usize,
    vocab: &Vocabulary,
) -> Change {
    let text = |s: &[char], r: &Range<usize>| -> String { s[r.clone()].iter().collect() };
    let plain = |class| Change {
        a: text(a, &h.a),
        b: text(b, &h.b),
        class,
        a_offset: h.a.start,
        b_offset: h.b.start,
        numbers: None,
    };

    // Numbers: widen the span to whole numbers.
    let (span_a, span_b) = (&a[h.a.clone()], &b[h.b.clone()]);
    let all_cjk = |s: &[char]| !s.is_empty() && s.iter().all(|c| cjk_digit(*c).is_some());
    let ascii = span_a.iter().chain(span_b).any(char::is_ascii_digit);
    let cjk = !ascii && all_cjk(span_a) && all_cjk(span_b);
    if ascii || cjk {
        let part = |c: char| {
            if ascii {
                is_numeric(c)
            } else {
                cjk_digit(c).is_some()
            }
        };
        let mut left = 0;
        while left < left_room && part(a[h.a.start - left - 1]) {
            left += 1;
        }
        let mut right = 0;
        while right < right_room && part(a[h.a.end + right]) {
            right += 1;
        }
        let wa = h.a.start - left..h.a.end + right;
        let wb = h.b.start - left..h.b.end + right;
        let qa = quantity(a, &wa);
        let qb = quantity(b, &wb);
        let numberish = |q: &Option<Quantity>, r: &Range<usize>| match q {
            Some(q) => q.text.chars().count() + 2 >= r.len() + q.unit.chars().count(),
            None => r.is_empty(),
        };
        if (qa.is_some() || qb.is_some()) && numberish(&qa, &wa) && numberish(&qb, &wb) {
            return Change {
                a: text(a, &wa),
                b: text(b, &wb),
                class: ChangeClass::Number,
                a_offset: wa.start,
                b_offset: wb.start,
                numbers: qa.zip(qb).map(|(x, y)| [x, y]),
            };
        }
    }

    // Words: widen the span to the vocabulary words it cuts through.
    if h.size() <= 10 {
        let (left, right) = word_widening(a, b, h, left_room, right_room, vocab);
        let wa = h.a.start - left..h.a.end + right;
        let wb = h.b.start - left..h.b.end + right;
        let (sa, sb) = (text(a, &wa), text(b, &wb));
        // What follows the span, to tell 全省前列 (ambition) from 全省市场 (scope).
        let after =
            |s: &[char], end: usize| -> String { s[end..(end + 6).min(s.len())].iter().collect() };
        let benchmark = |w: &str, follow: &str| {
            AMBITION.iter().any(|x| w.contains(x))
                || (AMBITION_IF_BENCHMARK.iter().any(|x| w.contains(x))
                    && AMBITION.iter().any(|x| follow.contains(x) || w.contains(x)))
        };
        let ambition_a = benchmark(&sa, &after(a, wa.end));
        let ambition_b = benchmark(&sb, &after(b, wb.end));
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
        let (scope_a, scope_b) = (scope(&sa), scope(&sb));
        // Ambition when either side names a benchmark: changed (国内 → 省内), added, dropped
        // or traded for a vaguer aim (达到国内一流水平 → 极大优化).
        let ambition = ambition_a || ambition_b;
        let class = if ambition {
            Some(ChangeClass::Ambition)
        } else if scope_a && scope_b {
            Some(ChangeClass::Scope)
        } else {
            None
        };
        if let Some(class) = class {
            return Change {
                a: sa,
                b: sb,
                class,
                a_offset: wa.start,
                b_offset: wb.start,
                numbers: None,
            };
        }
    }

    let (short, long) = (h.a.len().min(h.b.len()), h.size());
    if long >= 6 && short * 3 <= long {
        return plain(ChangeClass::Clause);
    }
    plain(ChangeClass::Other)
}

/// Whether a (widened) side of a change is a scope or locality word.
fn is_scope(s: &str, vocab: &Vocabulary) -> bool {
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() || cs.len() > 8 {
        return false;
    }
    // The side must read as scope words, place names (with their level: 肇庆市鼎湖区),
    // level chars (市, 区) and punctuation between them, and nothing else.
    let mut k = 0;
    let mut words = 0;
    'scan: while k < cs.len() {
        if matches!(cs[k], '、' | ',' | '《' | '》' | '(' | ')' | '和' | '及') {
            k += 1;
            continue;
        }
        let rest = &cs[k..];
        let known = SCOPE
            .iter()
            .copied()
            .chain(vocab.places.iter().map(String::as_str));
        let mut longest = 0;
        for w in known {
            let n = w.chars().count();
            if n > longest && rest.len() >= n && w.chars().zip(rest).all(|(x, y)| x == *y) {
                longest = n;
            }
        }
        if longest > 0 {
            k += longest;
            words += 1;
            continue 'scan;
        }
        if ADMIN_SUFFIX.contains(&cs[k]) {
            k += 1;
            words += 1;
            continue;
        }
        return false;
    }
    words > 0
}

/// Whether a side of a replacement (the other side being non-empty) names a scope or
/// locality: besides [`is_scope`], any short word ending in 市/区/县/省 (a place named by
/// its administrative level, 肇庆市).
fn is_scope_replacement(s: &str, vocab: &Vocabulary) -> bool {
    let n = s.chars().count();
    is_scope(s, vocab)
        || (2..=4).contains(&n) && s.chars().last().is_some_and(|c| ADMIN_SUFFIX.contains(&c))
}

/// How far to widen a hunk, left and right, so that it covers whole vocabulary words on
/// both sides (国 → 省 inside 国内/省内 becomes 国内 → 省内).
fn word_widening(
    a: &[char],
    b: &[char],
    h: &Hunk,
    left_room: usize,
    right_room: usize,
    vocab: &Vocabulary,
) -> (usize, usize) {
    let mut left = 0;
    let mut right = 0;
    for wc in &vocab.words {
        for (s, r) in [(a, &h.a), (b, &h.b)] {
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
                    if l <= left_room && g <= right_room {
                        left = left.max(l);
                        right = right.max(g);
                    }
                }
            }
        }
    }
    (left, right)
}

/// The quantity in a span: one number, with the multiplier and unit chars that follow it
/// (inside the span or just after it).
fn quantity(s: &[char], r: &Range<usize>) -> Option<Quantity> {
    let span = &s[r.clone()];
    let (end, digits, number) = if let Some(first) = span.iter().position(char::is_ascii_digit) {
        let mut end = first;
        while end < span.len() && is_numeric(span[end]) {
            end += 1;
        }
        let digits: String = span[first..end].iter().collect();
        let number: f64 = digits.trim_end_matches('.').parse().ok()?;
        (end, digits, number)
    } else {
        let first = span.iter().position(|c| cjk_digit(*c).is_some())?;
        let mut end = first;
        while end < span.len() && cjk_digit(span[end]).is_some() {
            end += 1;
        }
        let number = cjk_number(&span[first..end])?;
        (end, span[first..end].iter().collect(), number)
    };
    let mut unit_end = r.start + end;
    while unit_end < s.len() && unit_end < r.start + end + 3 && UNIT_CHARS.contains(&s[unit_end]) {
        unit_end += 1;
    }
    let unit: String = s[r.start + end..unit_end].iter().collect();
    Some(Quantity {
        text: format!("{digits}{unit}"),
        number,
        unit,
    })
}

/// The value of a Chinese numeral char: a digit (〇 to 九, 两) or a power of ten (十, 百, 千).
fn cjk_digit(c: char) -> Option<u32> {
    crate::text::numeral::cn_digit(crate::text::Lexicon::bundled(), c).or(match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    })
}

/// A number written in Chinese numerals: digit by digit (二〇三五 = 2035) or with powers of
/// ten (二十五 = 25, 一百零八 = 108).
fn cjk_number(cs: &[char]) -> Option<f64> {
    let values: Vec<u32> = cs.iter().map(|c| cjk_digit(*c)).collect::<Option<_>>()?;
    if values.is_empty() {
        return None;
    }
    if values.iter().all(|v| *v < 10) {
        return Some(values.iter().fold(0.0, |n, v| n * 10.0 + f64::from(*v)));
    }
    let (mut total, mut digit) = (0u64, None::<u64>);
    for v in values {
        if v < 10 {
            digit = Some(u64::from(v));
        } else {
            total += digit.unwrap_or(1) * u64::from(v);
            digit = None;
        }
    }
    Some((total + digit.unwrap_or(0)) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &str, b: &str) -> Vec<(String, String, ChangeClass)> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let (_, hunks) = diff(&a, &b);
        let vocab = Vocabulary::new(["湛江市", "鼎湖区"]);
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
        let c = changes(&a, &b, &hunks, &Vocabulary::new([]));
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

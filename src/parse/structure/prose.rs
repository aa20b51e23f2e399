//! Targets stated in prose: `到2025年，全市市场主体达48万户，其中企业12万户`.
//!
//! Each sentence of the plan's forward-looking parts (not its review of the last period)
//! is scanned for quantities: Arabic numbers (3.12万户, 1-2家, 90%, ９０％), Chinese ones
//! after a verb (推动一个领域, 培育两家), and percentages written 百分之九十. A quantity is
//! a target when a verb or bound stands before it (达, 达到, 压缩至, 不低于, 至少 …), when a
//! bound follows it (以上, 以内), or when the sentence names a target year (到2025年) and
//! the quantity has a unit. The phrase measured is the clause before the verb, cleared of
//! time, scope and modal words (到2025年, 全市, 力争); when nothing is left, it is the object
//! after the quantity (培育650家放心消费承诺单位). A list shares one value
//! (A、B、C均达100%) or takes one each (A、B和C分别达到100%、85%和65%).
//!
//! Sentences longer than [`MAX_SENTENCE`] characters are not read (no plan writes one, and
//! scanning stays linear on any input); at most [`MAX_TARGETS`] targets are kept.

use crate::model::{Accumulation, Bound, Period, ProseTarget, Unit, Value, ValueKind};
use crate::parse::diagnostic::{Diagnostic, Severity};

use crate::text::Lexicon;
use crate::text::fold::width as fold;
use crate::text::numeral::{self, arabic_at};

// TODO(lexicon): thread the parser's lexicon here instead of the bundled one.
fn is_cn_numeral(c: char) -> bool {
    numeral::is_cn_numeral(Lexicon::bundled(), c)
}

fn cn_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    numeral::cn_at(Lexicon::bundled(), chars, i)
}
use super::outline::Outline;
use super::{Para, ParaKind};

/// The longest sentence read, in characters.
pub(super) const MAX_SENTENCE: usize = 1000;
/// The most targets kept for one document.
pub(super) const MAX_TARGETS: usize = 10_000;

/// Reads the prose targets of the paragraphs.
pub(super) fn read(
    paras: &[Para],
    outline: &Outline,
    period: Period,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ProseTarget> {
    let mut out = Vec::new();
    let mut long = 0usize;
    let mut first_long = None;
    for (p, place) in paras.iter().zip(&outline.places) {
        if place.background || !matches!(p.kind, ParaKind::Text | ParaKind::Heading(_)) {
            continue;
        }
        // A table inside a box (its cells joined with ` | `) is not prose.
        if p.boxed.is_some() && p.text.contains(" | ") {
            continue;
        }
        for (start, end) in sentences(&p.text) {
            let Some(sentence) = p.text.get(start..end) else {
                continue;
            };
            if sentence.chars().nth(MAX_SENTENCE).is_some() {
                long += 1;
                first_long.get_or_insert(p.line_at(start));
                continue;
            }
            for t in targets_of(sentence, period) {
                if out.len() >= MAX_TARGETS {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        Some(p.line_at(start)),
                        "too many prose targets",
                        format!("only the first {MAX_TARGETS} targets stated in prose are kept"),
                    ));
                    return out;
                }
                out.push(ProseTarget {
                    phrase: t.phrase,
                    value: t.value,
                    unit: t.unit,
                    year: Some(t.year),
                    sentence: sentence.trim().to_string(),
                    line: p.line_at(start + t.offset),
                    indicator: None,
                });
            }
        }
    }
    if long > 0 {
        diags.push(Diagnostic::new(
            Severity::Info,
            first_long,
            "sentences too long to read targets from",
            format!("{long} sentence(s) of more than {MAX_SENTENCE} characters were not scanned for targets"),
        ));
    }
    out
}

/// The byte ranges of a paragraph's sentences, without their final punctuation.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if text.len() > start {
        out.push((start, text.len()));
    }
    out
}

/// One character of a sentence with spacing removed and full-width forms folded.
#[derive(Debug, Clone, Copy)]
struct C {
    ch: char,
    /// Byte offset in the sentence.
    at: usize,
    /// Its length in bytes there.
    len: usize,
}

/// A target found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub phrase: String,
    pub value: Value,
    pub unit: Option<Unit>,
    pub year: u16,
    /// Byte offset of the number in the sentence.
    pub offset: usize,
}

/// How a value is spread over a list of phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spread {
    /// 均, 都: every phrase has the value.
    Shared,
    /// 分别: one value each, in order.
    Respectively,
    /// 各: each member of the subject (not split).
    Each,
}

/// A quantity read off a sentence.
#[derive(Debug, Clone)]
struct Quantity {
    /// Where the value's text starts (a bound or 每千人 before the number included).
    raw_start: usize,
    /// Where the number starts.
    num_start: usize,
    /// Where the value's text ends (unit and bound after it included).
    end: usize,
    /// Where the phrase before it ends (before the verb and 均/分别).
    phrase_end: usize,
    low: f64,
    high: Option<f64>,
    percent: bool,
    unit: Option<String>,
    /// A number multiplied by a 万 or 亿 with no unit after it.
    multiplied: bool,
    bound: Bound,
    verb: Option<&'static str>,
    spread: Option<Spread>,
    accumulation: Accumulation,
    /// Written as a Chinese numeral with a classifier (一个, 两家).
    chinese: bool,
}

/// Units written after a number, longer ones before their prefixes.
const UNITS: [&str; 58] = [
    "个工作日",
    "个百分点",
    "平方米",
    "工作日",
    "百分点",
    "个小时",
    "个月",
    "批次",
    "家次",
    "人次",
    "学时",
    "小时",
    "分钟",
    "公里",
    "千米",
    "千克",
    "公斤",
    "台套",
    "户",
    "件",
    "项",
    "张",
    "份",
    "人",
    "元",
    "个",
    "家",
    "台",
    "套",
    "天",
    "次",
    "起",
    "所",
    "例",
    "条",
    "吨",
    "克",
    "亩",
    "座",
    "部",
    "类",
    "种",
    "宗",
    "只",
    "名",
    "位",
    "场",
    "期",
    "批",
    "篇",
    "本",
    "支",
    "辆",
    "米",
    "倍",
    "宗次",
    "人日",
    "周",
];

/// Units of time, after which 内 means "at most".
const TIME_UNITS: [&str; 8] = [
    "个工作日",
    "工作日",
    "个小时",
    "小时",
    "分钟",
    "天",
    "个月",
    "周",
];

/// Classifiers that may follow a Chinese numeral in a target (一个领域, 两家).
const CN_CLASSIFIERS: [&str; 15] = [
    "批次", "个", "家", "项", "所", "件", "名", "座", "条", "类", "种", "位", "支", "次", "场",
];

/// Verbs that state a target before its number, longer ones first.
const VERBS: [&str; 64] = [
    "指导帮助",
    "压缩到",
    "压缩至",
    "压缩为",
    "缩短到",
    "缩短至",
    "缩短为",
    "缩减至",
    "降低到",
    "降低至",
    "降低为",
    "下降到",
    "下降至",
    "减少到",
    "减少至",
    "控制在",
    "保持在",
    "稳定在",
    "维持在",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "扩大到",
    "扩大至",
    "新创建",
    "新培育",
    "达到",
    "突破",
    "新增",
    "新建",
    "建成",
    "创建",
    "培育",
    "扶持",
    "引导",
    "帮助",
    "打造",
    "完成",
    "实现",
    "累计",
    "公开",
    "发布",
    "制定",
    "增至",
    "降至",
    "降到",
    "推动",
    "达",
    "为",
    "有",
    "建立",
    "开展",
    "组建",
    "建设",
    "设立",
    "增加",
    "增长",
    "提高",
    "提升",
];

/// Verbs whose object after the number is what they measure (培育650家放心消费承诺单位).
const OBJECT_VERBS: [&str; 26] = [
    "指导帮助",
    "新创建",
    "新培育",
    "新增",
    "新建",
    "建成",
    "创建",
    "培育",
    "扶持",
    "引导",
    "帮助",
    "打造",
    "完成",
    "实现",
    "累计",
    "公开",
    "发布",
    "制定",
    "推动",
    "有",
    "建立",
    "突破",
    "开展",
    "组建",
    "建设",
    "设立",
];

/// Bound words before a number.
const BOUND_BEFORE: [(&str, Bound); 26] = [
    ("不得少于", Bound::Ge),
    ("不得低于", Bound::Ge),
    ("不应低于", Bound::Ge),
    ("不得超过", Bound::Le),
    ("不得高于", Bound::Le),
    ("不低于", Bound::Ge),
    ("不少于", Bound::Ge),
    ("不小于", Bound::Ge),
    ("不超过", Bound::Le),
    ("不高于", Bound::Le),
    ("不大于", Bound::Le),
    ("不多于", Bound::Le),
    ("至少", Bound::Ge),
    ("超过", Bound::Gt),
    ("高于", Bound::Gt),
    ("多于", Bound::Gt),
    ("大于", Bound::Gt),
    ("低于", Bound::Lt),
    ("少于", Bound::Lt),
    ("小于", Bound::Lt),
    (">=", Bound::Ge),
    ("<=", Bound::Le),
    ("≥", Bound::Ge),
    ("≤", Bound::Le),
    (">", Bound::Gt),
    ("<", Bound::Lt),
];

/// Bound words after a number (and its unit).
const BOUND_AFTER: [(&str, Bound); 7] = [
    ("及以上", Bound::Ge),
    ("以上", Bound::Ge),
    ("及以下", Bound::Le),
    ("以下", Bound::Le),
    ("以内", Bound::Le),
    ("之内", Bound::Le),
    ("左右", Bound::Eq),
];

/// Population bases written before or after a per-capita number (每千人, 每万人口).
const POPULATIONS: [&str; 10] = [
    "百万人口",
    "十万人口",
    "万人口",
    "千人口",
    "百人口",
    "百万人",
    "十万人",
    "万人",
    "千人",
    "百人",
];

/// Words that open a clause setting out to reach something (实现…100%, 确保…100%).
const INTENT: [&str; 6] = ["实现", "确保", "力争", "争取", "推动", "保证"];

/// Words cleared from the start of a phrase: time, modality, scope.
const LEADING: [&str; 44] = [
    "基本实现",
    "进一步",
    "力争",
    "争取",
    "确保",
    "努力",
    "基本",
    "实现",
    "全面",
    "推动",
    "其中",
    "并且",
    "同时",
    "从而",
    "使得",
    "全市",
    "全区",
    "全县",
    "全省",
    "全镇",
    "我市",
    "我区",
    "我县",
    "本市",
    "本区",
    "本县",
    "各地",
    "年均",
    "每年",
    "规划期内",
    "规划期间",
    "期间",
    "共",
    "并",
    "使",
    "将",
    "要",
    "应",
    "在",
    "以",
    "和",
    "的",
    "明确",
    "实施",
];

/// Words cleared from the end of a phrase.
const TRAILING: [&str; 17] = [
    "分别", "每年", "均", "都", "各", "将", "要", "应", "能", "的", "保持", "稳定", "共", "力争",
    "争取", "确保", "努力",
];

/// Whether the text at `i` starts with `word`.
fn starts(cs: &[C], i: usize, word: &str) -> bool {
    let mut k = i;
    for w in word.chars() {
        match cs.get(k) {
            Some(c) if c.ch == w => k += 1,
            _ => return false,
        }
    }
    true
}

/// Whether the text before `i` ends with `word`; returns where the word starts.
fn ends_before(cs: &[C], i: usize, word: &str) -> Option<usize> {
    let n = word.chars().count();
    let s = i.checked_sub(n)?;
    starts(cs, s, word).then_some(s)
}

fn ch(cs: &[C], i: usize) -> char {
    cs.get(i).map_or('\0', |c| c.ch)
}

/// The targets of one sentence.
pub(super) fn targets_of(sentence: &str, period: Period) -> Vec<Found> {
    let cs: Vec<C> = sentence
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(at, c)| C {
            ch: fold(c),
            at,
            len: c.len_utf8(),
        })
        .collect();
    let n = cs.len();
    let compact: String = cs.iter().map(|c| c.ch).collect();
    // Inside quotes or a title (“一件事一次办”, 《…》), numbers are names.
    let mut quoted = vec![false; n];
    let mut depth = 0usize;
    let mut ascii_quote = false;
    for (k, c) in cs.iter().enumerate() {
        match c.ch {
            '“' | '《' | '「' | '『' => depth += 1,
            '”' | '》' | '」' | '』' => depth = depth.saturating_sub(1),
            '"' => ascii_quote = !ascii_quote,
            _ => {}
        }
        if let Some(q) = quoted.get_mut(k) {
            *q = depth > 0 || ascii_quote;
        }
    }
    // Clause starts: after the last comma, semicolon or colon.
    let boundary = |c: char| matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '|');
    let mut clause_start = vec![0usize; n + 1];
    let mut last = 0;
    for k in 0..=n {
        if let Some(s) = clause_start.get_mut(k) {
            *s = last;
        }
        if boundary(ch(&cs, k)) {
            last = k + 1;
        }
    }
    let mut clause_end = vec![n; n + 1];
    let mut next = n;
    for k in (0..n).rev() {
        if boundary(ch(&cs, k)) {
            next = k;
        }
        if let Some(e) = clause_end.get_mut(k) {
            *e = next;
        }
    }
    // Criterion clauses (…的；): thresholds that define a category, not targets.
    let mut criterion = vec![false; n];
    {
        let mut seg_start = 0;
        let mut segments = Vec::new();
        for k in 0..=n {
            let c = ch(&cs, k);
            if k == n || c == '；' || c == ';' {
                segments.push((seg_start, k));
                seg_start = k + 1;
            }
        }
        let mut carry = false;
        for (s, e) in segments.into_iter().rev() {
            let ends_de = e > s && ch(&cs, e - 1) == '的';
            let continues = ["或", "且", "并"].iter().any(|w| starts(&cs, s, w));
            let is_criterion = ends_de || carry;
            if is_criterion {
                for k in s..e {
                    if let Some(c) = criterion.get_mut(k) {
                        *c = true;
                    }
                }
            }
            carry = is_criterion && continues;
        }
    }
    // Years: future ones mark a target year, past ones a look back.
    let mut future: Vec<(usize, u16)> = Vec::new();
    let mut past = ["十三五", "截至", "截止", "以来", "五年来"]
        .iter()
        .any(|w| compact.contains(w));
    let mut k = 0;
    while k < n {
        if ch(&cs, k).is_ascii_digit() && !ch(&cs, k.wrapping_sub(1)).is_ascii_digit() {
            if let Some((v, e)) = arabic_at_c(&cs, k) {
                if e == k + 4 && ch(&cs, e) == '年' && (1900.0..2200.0).contains(&v) {
                    let y = v as u16;
                    if y > period.baseline {
                        future.push((k, y));
                    } else {
                        past = true;
                    }
                }
                k = e.max(k + 1);
                continue;
            }
        }
        k += 1;
    }
    let plan_period = [
        "十四五期间",
        "十四五时期",
        "十四五末",
        "十四五规划期",
        "十四五”期间",
        "十四五”时期",
        "十四五”末",
        "十四五\"期间",
        "规划期内",
        "规划期末",
    ]
    .iter()
    .any(|w| compact.contains(w));
    if past && future.is_empty() && !plan_period {
        return Vec::new();
    }
    let has_target_year = !future.is_empty() || plan_period;

    // Quantities.
    let mut quantities: Vec<Quantity> = Vec::new();
    let mut intent_from = usize::MAX;
    let mut i = 0;
    while i < n {
        let c = ch(&cs, i);
        let prev = ch(&cs, i.wrapping_sub(1));
        let q = if c.is_ascii_digit() && !(prev.is_ascii_alphanumeric() || prev == '.') {
            arabic_quantity(&cs, i)
        } else if starts(&cs, i, "百分之") {
            percent_words(&cs, i)
        } else if is_cn_numeral(c) && !is_cn_numeral(prev) {
            cn_quantity(&cs, i)
        } else {
            None
        };
        match q {
            Some(mut q) => {
                let quoted_here = quoted.get(q.num_start).copied().unwrap_or(false);
                let crit = criterion.get(q.num_start).copied().unwrap_or(false);
                let clause = clause_start.get(q.num_start).copied().unwrap_or(0);
                look_back(&cs, &mut q, clause);
                let marked = q.verb.is_some() || q.bound != Bound::Eq;
                // 实现食品生产企业自查报告率100%: a clause that sets out to reach something.
                // The intent holds for the clauses after it in the sentence.
                if INTENT.iter().any(|w| starts(&cs, clause, w)) {
                    intent_from = intent_from.min(clause);
                }
                let intent = clause >= intent_from;
                let strong = q.unit.is_some() || q.percent || q.multiplied;
                let cn = q.chinese;
                // The next values of a 分别 list: 分别达到100%、85%和65%.
                let listed = quantities.last().is_some_and(|p: &Quantity| {
                    p.spread == Some(Spread::Respectively)
                        && q.verb.is_none()
                        && q.raw_start == p.end + 1
                        && matches!(ch(&cs, p.end), '、' | '和' | '及' | '与' | '，' | ',')
                });
                let accept = listed
                    || if cn {
                        // 一个 is often just "a": one needs a bound (至少一个, 一个以上).
                        marked
                            && (q.unit.is_some() || q.percent)
                            && (q.low != 1.0 || q.bound != Bound::Eq)
                    } else {
                        (marked
                            && (strong
                                || matches!(q.verb, Some("达" | "达到"))
                                || q.bound != Bound::Eq))
                            || ((has_target_year || intent) && strong)
                    };
                if listed {
                    q.spread = Some(Spread::Respectively);
                }
                i = q.end.max(i + 1);
                if accept && !quoted_here && !crit {
                    quantities.push(q);
                }
            }
            None => i += 1,
        }
    }

    // Phrases, lists and years.
    let mut out = Vec::new();
    let mut k = 0;
    while k < quantities.len() {
        let Some(lead) = quantities.get(k) else { break };
        // The values that follow the first with only 、/和 between (…分别达到100%、85%和65%).
        let mut group = vec![lead.clone()];
        let mut j = k + 1;
        while let Some(q) = quantities.get(j) {
            let Some(prev) = group.last() else { break };
            let between: String = cs
                .get(prev.end..q.raw_start)
                .unwrap_or(&[])
                .iter()
                .map(|c| c.ch)
                .collect();
            if q.verb.is_none()
                && matches!(between.as_str(), "、" | "和" | "及" | "与" | "，" | ",")
                && lead.spread == Some(Spread::Respectively)
            {
                group.push(q.clone());
                j += 1;
            } else {
                break;
            }
        }
        // The phrase starts at its clause, or after a value before it in the same clause
        // (证照核查率100%、无证入网餐饮单位查处率100%).
        let prev_end = k
            .checked_sub(1)
            .and_then(|p| quantities.get(p))
            .map_or(0, |p| p.end);
        let start = clause_start.get(lead.phrase_end).copied().unwrap_or(0).max(
            if prev_end <= lead.phrase_end {
                prev_end
            } else {
                0
            },
        );
        let before: String = cs
            .get(start.min(lead.phrase_end)..lead.phrase_end)
            .unwrap_or(&[])
            .iter()
            .map(|c| c.ch)
            .collect();
        let last_end = group.last().map_or(lead.end, |q| q.end);
        // The object after the value runs to the end of its clause or the next value.
        let next_start = quantities.get(j).map_or(n, |q| q.raw_start);
        let after_end = clause_end
            .get(last_end)
            .copied()
            .unwrap_or(n)
            .min(next_start.max(last_end));
        // A list goes on after the value (核查率100%、查处率100%): its rest is not an object.
        let listing = ch(&cs, last_end) == '、'
            || (matches!(ch(&cs, last_end), '和' | '及' | '与')
                && j < quantities.len()
                && next_start <= last_end + 16);
        let after: String = cs
            .get(last_end.min(after_end)..after_end)
            .unwrap_or(&[])
            .iter()
            .map(|c| c.ch)
            .collect();
        let mut per_year = false;
        let (mut phrase, said) = clean_phrase(&before, &mut per_year);
        let after_clean = clean_phrase(&after, &mut false).0;
        let object_verb = lead.verb.is_some_and(|v| OBJECT_VERBS.contains(&v));
        if phrase.chars().count() <= 1 || (object_verb && phrase.is_empty()) {
            phrase = after_clean;
        } else if lead.verb.is_none()
            && lead.bound == Bound::Eq
            && !after_clean.is_empty()
            && !listing
        {
            // 食品销售者100%实现信息化动态风险分级管理
            phrase.push_str(&after_clean);
        }
        if phrase.is_empty() {
            k = j;
            continue;
        }
        let phrases = match lead.spread {
            Some(Spread::Shared | Spread::Respectively) => {
                let parts = split_list(&phrase, phrase.contains('、') || group.len() > 1);
                // 学校食堂、养老机构食堂、中央厨房“明厨亮灶”覆盖率: the members before the
                // last measure nothing themselves; they are the scope of one measure.
                let measures = parts.iter().rev().skip(1).any(|p| is_measure(p));
                if measures || group.len() > 1 {
                    parts
                } else {
                    vec![phrase.clone()]
                }
            }
            _ => vec![phrase.clone()],
        };
        let year = future
            .iter()
            .rev()
            .find(|(at, _)| *at < lead.num_start)
            .or(future.first())
            .map_or(period.end, |(_, y)| *y);
        let pairs: Vec<(String, &Quantity)> = if group.len() > 1 && phrases.len() == group.len() {
            phrases.into_iter().zip(group.iter()).collect()
        } else if group.len() == 1 {
            phrases.into_iter().map(|p| (p, lead)).collect()
        } else {
            group.iter().map(|q| (phrase.clone(), q)).collect()
        };
        for (phrase, q) in pairs {
            let mut q = q.clone();
            if q.spread.is_none() {
                q.spread = lead.spread;
            }
            if q.accumulation == Accumulation::Level {
                q.accumulation = said;
            }
            out.push(finish(sentence, &cs, &q, phrase, per_year, year));
        }
        k = j;
    }
    out
}

fn arabic_at_c(cs: &[C], i: usize) -> Option<(f64, usize)> {
    let window: Vec<char> = cs.iter().skip(i).take(40).map(|c| c.ch).collect();
    arabic_at(&window, 0).map(|(v, e)| (v, i + e))
}

fn cn_at_c(cs: &[C], i: usize) -> Option<(f64, usize)> {
    let window: Vec<char> = cs.iter().skip(i).take(10).map(|c| c.ch).collect();
    cn_at(&window, 0).map(|(v, e)| (v, i + e))
}

fn new_quantity(start: usize, end: usize, low: f64) -> Quantity {
    Quantity {
        raw_start: start,
        num_start: start,
        end,
        phrase_end: start,
        low,
        high: None,
        percent: false,
        unit: None,
        multiplied: false,
        bound: Bound::Eq,
        verb: None,
        spread: None,
        accumulation: Accumulation::Level,
        chinese: false,
    }
}

/// An Arabic number with what follows it: percent, range, multiplier, unit, bound.
fn arabic_quantity(cs: &[C], i: usize) -> Option<Quantity> {
    let (low, mut j) = arabic_at_c(cs, i)?;
    let next = ch(cs, j);
    // Years, dates, ordinals, codes and formulas are not quantities.
    if matches!(next, '年' | '月' | '日' | '号' | '+' | '.')
        || next.is_ascii_alphabetic()
        || matches!(ch(cs, i.wrapping_sub(1)), '第' | '+')
    {
        return None;
    }
    let mut q = new_quantity(i, j, low);
    if ch(cs, j) == '%' {
        q.percent = true;
        j += 1;
    }
    if matches!(ch(cs, j), '-' | '–' | '—' | '~' | '至' | '到') && ch(cs, j + 1).is_ascii_digit()
    {
        if let Some((high, e)) = arabic_at_c(cs, j + 1) {
            if high >= low && !matches!(ch(cs, e), '年' | '月' | '日') {
                q.high = Some(high);
                j = e;
                if ch(cs, j) == '%' {
                    q.percent = true;
                    j += 1;
                }
            }
        }
    }
    if q.percent {
        // 100%/年: a yearly rate.
        if matches!(ch(cs, j), '/' | '／') && ch(cs, j + 1) == '年' {
            j += 2;
        }
    } else {
        j = unit_after(cs, j, &mut q, &UNITS);
    }
    q.end = suffix_bound(cs, j, &mut q);
    Some(q)
}

/// 百分之九十, 百分之95.
fn percent_words(cs: &[C], i: usize) -> Option<Quantity> {
    let at = i + 3;
    let (v, e) = if ch(cs, at).is_ascii_digit() {
        arabic_at_c(cs, at)?
    } else {
        cn_at_c(cs, at)?
    };
    let mut q = new_quantity(i, e, v);
    q.percent = true;
    q.end = suffix_bound(cs, e, &mut q);
    Some(q)
}

/// A Chinese numeral followed by a classifier (一个, 两家).
fn cn_quantity(cs: &[C], i: usize) -> Option<Quantity> {
    let (v, e) = cn_at_c(cs, i)?;
    let mut q = new_quantity(i, e, v);
    q.chinese = true;
    let j = unit_after(cs, e, &mut q, &CN_CLASSIFIERS);
    q.unit.as_ref()?;
    // 一次性 is an adjective, not one time.
    if ch(cs, j) == '性' {
        return None;
    }
    q.end = suffix_bound(cs, j, &mut q);
    Some(q)
}

/// Reads a multiplier and a unit at `j` (万批次, 份/百万人口, 批次每千人每年); returns the
/// index after them.
fn unit_after(cs: &[C], mut j: usize, q: &mut Quantity, units: &[&str]) -> usize {
    let mut unit = String::new();
    let mut multiplier = None;
    if matches!(ch(cs, j), '万' | '亿') && units.len() == UNITS.len() {
        multiplier = Some(ch(cs, j));
        j += 1;
    }
    let word = units.iter().find(|u| starts(cs, j, u));
    match (word, multiplier) {
        (Some(w), m) => {
            if let Some(m) = m {
                unit.push(m);
            }
            unit.push_str(w);
            j += w.chars().count();
        }
        (None, Some(m)) => {
            q.low *= if m == '万' { 1e4 } else { 1e8 };
            q.high = q.high.map(|h| h * if m == '万' { 1e4 } else { 1e8 });
            q.multiplied = true;
            return j;
        }
        (None, None) => return j,
    }
    // A denominator: 份/百万人口, 批次/年, 批次每千人每年.
    if matches!(ch(cs, j), '/' | '／') {
        if let Some(p) = POPULATIONS.iter().find(|p| starts(cs, j + 1, p)) {
            unit.push('/');
            unit.push_str(p);
            j += 1 + p.chars().count();
        } else if ch(cs, j + 1) == '年' {
            unit.push_str("/年");
            j += 2;
        }
    } else if ch(cs, j) == '每' {
        if let Some(p) = POPULATIONS.iter().find(|p| starts(cs, j + 1, p)) {
            unit.push('/');
            unit.push_str(p);
            j += 1 + p.chars().count();
            if starts(cs, j, "每年") {
                unit.push('年');
                j += 2;
            }
        }
    }
    q.unit = Some(unit);
    j
}

/// Reads a bound after the value (以上, 以内, 内 after a time); returns the index after it.
fn suffix_bound(cs: &[C], j: usize, q: &mut Quantity) -> usize {
    for (w, b) in BOUND_AFTER {
        if starts(cs, j, w) {
            q.bound = b;
            return j + w.chars().count();
        }
    }
    let time = q.unit.as_deref().is_some_and(|u| TIME_UNITS.contains(&u));
    if time && ch(cs, j) == '内' {
        q.bound = Bound::Le;
        return j + 1;
    }
    j
}

/// Reads what stands before a number: 每千人, a bound, a verb, and 均 / 分别 before it.
fn look_back(cs: &[C], q: &mut Quantity, clause: usize) {
    let mut k = q.num_start;
    let (mut population, mut bound, mut verb) = (false, false, false);
    // 达每千人5批次, 不少于3.67万批次, 至少推动一个: in any order, each at most once.
    for _ in 0..3 {
        if !population && !verb {
            let found = POPULATIONS
                .iter()
                .find_map(|p| ends_before(cs, k, &format!("每{p}")));
            if let Some(s) = found {
                let pop: String = cs
                    .get(s + 1..k)
                    .unwrap_or(&[])
                    .iter()
                    .map(|c| c.ch)
                    .collect();
                if let Some(u) = q.unit.as_mut().filter(|u| !u.contains('/')) {
                    u.push('/');
                    u.push_str(&pop);
                }
                k = s;
                q.raw_start = s;
                population = true;
                continue;
            }
        }
        if !bound {
            let found = BOUND_BEFORE
                .iter()
                .find_map(|(w, b)| ends_before(cs, k, w).map(|s| (s, *b)));
            if let Some((s, b)) = found {
                if q.bound == Bound::Eq {
                    q.bound = b;
                }
                if !verb {
                    q.raw_start = s;
                }
                k = s;
                bound = true;
                continue;
            }
        }
        if !verb {
            if let Some((s, v)) = VERBS
                .iter()
                .find_map(|v| ends_before(cs, k, v).map(|s| (s, *v)))
            {
                q.verb = Some(v);
                q.accumulation = match v {
                    "新增" | "新建" | "新创建" | "新培育" => Accumulation::Increment,
                    "累计" => Accumulation::Cumulative,
                    // 增加10%: by how much, not to what.
                    "增加" | "增长" | "提高" | "提升" => Accumulation::Increment,
                    _ => Accumulation::Level,
                };
                k = s;
                verb = true;
                continue;
            }
        }
        break;
    }
    // 不低于本区工业产品制造业生产者的1%: a bound before a 的 phrase that ends at the number.
    if !bound && !verb && !population && ch(cs, k.wrapping_sub(1)) == '的' {
        let from = clause.max(k.saturating_sub(40));
        let found = (from..k).rev().find_map(|e| {
            BOUND_BEFORE.iter().find_map(|(w, b)| {
                ends_before(cs, e, w)
                    .filter(|s| *s >= from)
                    .map(|s| (s, *b))
            })
        });
        if let Some((s, b)) = found {
            q.bound = b;
            q.raw_start = s;
            k = s;
        }
    }
    for (w, spread) in [
        ("分别", Spread::Respectively),
        ("均", Spread::Shared),
        ("都", Spread::Shared),
        ("全部", Spread::Shared),
        ("各", Spread::Each),
    ] {
        if let Some(s) = ends_before(cs, k, w) {
            q.spread = Some(spread);
            k = s;
            break;
        }
    }
    q.phrase_end = k;
}

/// Clears time, scope and modal words from the ends of a phrase; returns the phrase and
/// what its words say of accumulation (累计: cumulative, 新增: increment). Sets `per_year`
/// when it said 每年.
fn clean_phrase(raw: &str, per_year: &mut bool) -> (String, Accumulation) {
    let mut s: &str = raw.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '、' | '|')
    });
    let cumulative = s.contains("累计");
    let increment = s.contains("新增");
    for _ in 0..16 {
        let before = s.len();
        s = strip_time(s);
        for w in LEADING {
            if let Some(r) = s.strip_prefix(w) {
                if w == "每年" {
                    *per_year = true;
                }
                s = r;
                break;
            }
        }
        for w in TRAILING {
            if let Some(r) = s.strip_suffix(w) {
                if w == "每年" {
                    *per_year = true;
                }
                s = r;
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let keep = chars.len().saturating_sub(60);
    let accumulation = if cumulative {
        Accumulation::Cumulative
    } else if increment {
        Accumulation::Increment
    } else {
        Accumulation::Level
    };
    (
        chars.get(keep..).unwrap_or(&[]).iter().collect(),
        accumulation,
    )
}

/// Strips a leading time phrase: 到2025年, 2023年底前, “十四五”期间, 5年内.
fn strip_time(s: &str) -> &str {
    let mut t = s;
    for p in ["到", "至", "于", "在"] {
        if let Some(r) = t.strip_prefix(p) {
            if r.starts_with(|c: char| c.is_ascii_digit())
                || r.starts_with(['“', '"'])
                || r.starts_with("十四五")
            {
                t = r;
                break;
            }
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(r) = t.get(digits..).and_then(|r| r.strip_prefix('年')) {
            let mut r = r;
            let month = r.chars().take_while(char::is_ascii_digit).count();
            if month > 0 {
                if let Some(m) = r.get(month..).and_then(|m| m.strip_prefix('月')) {
                    r = m;
                }
            }
            for w in ["年底", "底", "末", "内"] {
                if let Some(x) = r.strip_prefix(w) {
                    r = x;
                    break;
                }
            }
            for w in ["以前", "之前", "前"] {
                if let Some(x) = r.strip_prefix(w) {
                    r = x;
                    break;
                }
            }
            return r;
        }
        return s;
    }
    // A plan period however written: “十四五”期间, “十四”期间 (sic), 十四五时期.
    for w in ["期间", "时期"] {
        if let Some(p) = t.find(w) {
            let head = t.get(..p).unwrap_or("");
            if head.chars().count() <= 8 && head.contains('十') {
                return t.get(p + w.len()..).unwrap_or("");
            }
        }
    }
    let q = t.trim_start_matches(['“', '"', '‘']);
    if let Some(r) = q.strip_prefix("十四五") {
        let r = r.trim_start_matches(['”', '"', '’']);
        let r = r.strip_prefix("规划").unwrap_or(r);
        for w in ["期间", "时期", "期末", "期内", "末", "内"] {
            if let Some(x) = r.strip_prefix(w) {
                return x;
            }
        }
        return r;
    }
    s
}

/// Splits a list of phrases on 、 (outside quotes) and, when `and` allows, its last
/// 和 / 及 / 与 (A、B和C).
fn split_list(phrase: &str, and: bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in phrase.chars() {
        match c {
            '“' | '《' | '(' | '（' => depth += 1,
            '”' | '》' | ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == '、' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    // The last member may be joined with 和: A、B和C.
    let split = ["和", "及", "与"].iter().find_map(|w| {
        current.rfind(w).and_then(|p| {
            let (a, b) = current.split_at(p);
            let b = b.get(w.len()..).unwrap_or("");
            (a.chars().count() >= 2 && b.chars().count() >= 2)
                .then(|| (a.to_string(), b.to_string()))
        })
    });
    match split {
        Some((a, b)) if and => {
            parts.push(a);
            parts.push(b);
        }
        _ => parts.push(current),
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a phrase names a measure (…率, …量, …数, …比例).
fn is_measure(p: &str) -> bool {
    ["率", "量", "数", "比例", "覆盖面", "额"]
        .iter()
        .any(|w| p.ends_with(w))
}

/// Builds the target of one quantity.
fn finish(
    sentence: &str,
    cs: &[C],
    q: &Quantity,
    phrase: String,
    per_year: bool,
    year: u16,
) -> Found {
    let raw = match (cs.get(q.raw_start), cs.get(q.end.saturating_sub(1))) {
        (Some(a), Some(b)) if b.at >= a.at => sentence.get(a.at..b.at + b.len).unwrap_or(""),
        _ => "",
    };
    let mut unit = if q.percent {
        Some("%".to_string())
    } else {
        q.unit.clone()
    };
    if let Some(u) = unit.as_mut().filter(|u| u.as_str() != "%") {
        if !u.contains('/') {
            if let Some(pop) = population_in(&phrase) {
                u.push('/');
                u.push_str(&pop);
            }
        }
        if per_year {
            if u.contains('/') {
                if !u.ends_with('年') {
                    u.push('年');
                }
            } else {
                u.push_str("/年");
            }
        }
    }
    let kind = match q.high {
        Some(high) => ValueKind::Range { low: q.low, high },
        None => ValueKind::Number(q.low),
    };
    let value = Value {
        approximation: None,
        raw: raw.to_string(),
        kind,
        bound: q.bound,
        accumulation: q.accumulation,
        bracket: None,
        percent: q.percent,
    };
    Found {
        phrase,
        value,
        unit: unit.and_then(|u| u.parse::<Unit>().ok()),
        year,
        offset: cs.get(q.num_start).map_or(0, |c| c.at),
    }
}

/// The population base a phrase is stated per (每万人口执业药师数 → 万人口).
pub(super) fn population_in(phrase: &str) -> Option<String> {
    let p = phrase.find('每')?;
    let rest = phrase.get(p + '每'.len_utf8()..)?;
    POPULATIONS
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<(String, String, String, u16)> {
        targets_of(s, Period::FOURTEENTH)
            .into_iter()
            .map(|f| {
                (
                    f.phrase,
                    f.value.to_string(),
                    f.unit.map_or(String::new(), |u| u.raw().to_string()),
                    f.year,
                )
            })
            .collect()
    }

    fn phrases(s: &str) -> Vec<String> {
        t(s).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn several_targets_in_one_sentence() {
        let got = t(
            "至2025年,全区市场主体达3.12万户,每千人拥有市场主体量达144.45户;其中,每千人拥有企业达25.64户",
        );
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, "市场主体");
        assert_eq!(got[0].2, "万户");
        assert_eq!(got[1].0, "每千人拥有市场主体量");
        assert_eq!(got[1].2, "户/千人");
        assert_eq!(got[2].0, "每千人拥有企业");
        assert_eq!(got[2].3, 2025);
    }

    #[test]
    fn a_value_shared_by_a_list() {
        let got = phrases(
            "全市学校食堂“互联网+智慧监管”覆盖率、食品安全自查报告率、食品安全管理员抽查考核率均达100%",
        );
        assert_eq!(
            got,
            vec![
                "学校食堂“互联网+智慧监管”覆盖率",
                "食品安全自查报告率",
                "食品安全管理员抽查考核率"
            ]
        );
        let got = t("不合格食品核查处置率、按时完成率和立案率分别达到100%、85%和65%");
        assert_eq!(got.len(), 3);
        assert_eq!((got[2].0.as_str(), got[2].1.as_str()), ("立案率", "65%"));
    }

    #[test]
    fn chinese_numerals_and_percent_words() {
        assert_eq!(t("每年至少推动一个领域开展质量提升")[0].1, "≥1");
        assert_eq!(
            t("每年至少推动一个领域开展质量提升")[0].0,
            "领域开展质量提升"
        );
        assert_eq!(t("力争培育两家以上龙头企业")[0].1, "≥2");
        assert_eq!(t("到2025年，百分之九十的农贸市场完成改造")[0].1, "90%");
        assert_eq!(t("力争建成1-2家高水平计量所")[0].1, "1–2");
        assert_eq!(t("到2025年，全县快检量达到1.5万批次")[0].2, "万批次");
        assert!(t("推行“一件事一次办”").is_empty());
        assert!(t("到2025年，完成覆盖一次性使用医用口罩等防疫物资基本品种的建设").is_empty());
    }

    #[test]
    fn per_capita_and_bounds() {
        let got = t(
            "完善食品抽检工作机制，全市每年食品检验量不少于3.67万批次，到2025年，全市食品安全抽样检验量达每千人5批次以上",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str(), got[0].2.as_str()),
            ("食品检验量", "≥3.67", "万批次/年")
        );
        assert_eq!(
            (got[1].0.as_str(), got[1].1.as_str(), got[1].2.as_str()),
            ("食品安全抽样检验量", "≥5", "批次/千人")
        );
        assert_eq!(t("实现食品检验量达3.5批次每千人每年")[0].2, "批次/千人年");
        assert_eq!(
            t("医疗器械不良事件报告数达到200份/百万人口以上")[0].2,
            "份/百万人口"
        );
    }

    #[test]
    fn look_backs_and_criteria_are_not_targets() {
        assert!(t("“十三五”末期，全市市场主体总量达到32.45万户").is_empty());
        assert!(t("截至2020年底，全市共登记注册各类市场主体约45.91万户").is_empty());
        assert!(t("（2）1起食物中毒事故中毒人数在100人以上；或出现死亡病例的").is_empty());
        assert!(t("以新能源汽车等4个千亿级主导产业集群为重点").is_empty());
        assert!(t("加强12315消费维权体系建设").is_empty());
    }

    #[test]
    fn objects_after_the_number() {
        assert_eq!(
            phrases("至2025年,全区培育650家放心消费承诺单位"),
            vec!["放心消费承诺单位"]
        );
        assert_eq!(
            phrases("到2025年,推动1个重点产品(行业)质量提升,问诊企业5家"),
            vec!["重点产品(行业)质量提升", "问诊企业"]
        );
        assert_eq!(
            phrases("到2025年，基本实现我市“名厨亮灶”覆盖达90%"),
            vec!["“名厨亮灶”覆盖"]
        );
    }
}

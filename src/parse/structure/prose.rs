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
//! Every word comes from the lexicon: the bound and approximation words are the ones the
//! table-cell reader uses (`[bounds]`, `[approx]`), so 不低于90% means the same in a cell
//! and in a sentence; units are `[units]`, population bases `[units].multipliers` ×
//! `[population].people`, period phrases the `[[periods]]` names with `[prose]` suffixes.
//!
//! Sentences longer than [`MAX_SENTENCE`] characters are not read (no plan writes one, and
//! scanning stays linear on any input); at most [`MAX_TARGETS`] targets are kept.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::ControlFlow;

use crate::model::{Accumulation, Bound, Period, ProseTarget, Unit, Value, ValueKind};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::text::fold::{self, width as fold_width};
use crate::text::numeral::{self, arabic_at};
use crate::text::quantity::Approximation;
use crate::text::{CharBits, Lexicon, LowBytes, PeriodWord, WordList};

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
    frame: &Frame,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ProseTarget> {
    let mut reader = Reader {
        frame,
        folded: Folded::default(),
        out: Vec::new(),
        long: 0,
        first_long: None,
    };
    for (p, place) in paras.iter().zip(&outline.places) {
        if place.background || !matches!(p.kind, ParaKind::Text | ParaKind::Heading(_)) {
            continue;
        }
        // A table inside a box (its cells joined with ` | `) is not prose.
        if p.boxed.is_some() && p.text.contains(" | ") {
            continue;
        }
        if let ControlFlow::Break(line) = reader.paragraph(p) {
            diags.push(Diagnostic::new(
                Severity::Warning,
                Some(line),
                DiagnosticKind::TooManyTargets,
                format!("only the first {MAX_TARGETS} targets stated in prose are kept"),
            ));
            return reader.out;
        }
    }
    if reader.long > 0 {
        diags.push(Diagnostic::new(
            Severity::Info,
            reader.first_long,
            DiagnosticKind::LongSentences,
            format!(
                "{} sentence(s) of more than {MAX_SENTENCE} characters were not scanned for targets",
                reader.long
            ),
        ));
    }
    reader.out
}

/// The scan of a document's paragraphs, with the buffers its sentences reuse.
struct Reader<'f, 'l> {
    frame: &'f Frame<'l>,
    /// The sentence being read, folded.
    folded: Folded,
    out: Vec<ProseTarget>,
    /// How many sentences were too long to read, and the line of the first.
    long: usize,
    first_long: Option<usize>,
}

impl Reader<'_, '_> {
    /// Reads the sentences of a paragraph in one pass over its characters: each is
    /// folded as the pass goes, split off at its final punctuation, and read for targets
    /// when it may hold a quantity. Breaks, with the sentence's line, when a target
    /// beyond [`MAX_TARGETS`] is found.
    fn paragraph(&mut self, p: &Para) -> ControlFlow<usize> {
        let frame = self.frame;
        let ends = &frame.lex.fold.sentence_ends;
        let text = p.text.as_str();
        let mut start = 0;
        self.folded.clear(frame);
        for (i, c) in text.char_indices() {
            if frame.special.get(c) == Some(false) {
                self.folded.push_plain(c, i - start);
            } else if ends.contains(c) {
                if i > start {
                    self.sentence(p, start, i)?;
                }
                start = i + c.len_utf8();
                self.folded.clear(frame);
            } else {
                self.folded.push(c, i - start, frame);
            }
        }
        if text.len() > start {
            self.sentence(p, start, text.len())?;
        }
        ControlFlow::Continue(())
    }

    /// Reads the sentence `p.text[start..end]`, folded in `self.folded`.
    fn sentence(&mut self, p: &Para, start: usize, end: usize) -> ControlFlow<usize> {
        let Some(sentence) = p.text.get(start..end) else {
            return ControlFlow::Continue(());
        };
        // A sentence of at most MAX_SENTENCE bytes has at most as many characters.
        if sentence.len() > MAX_SENTENCE && sentence.chars().nth(MAX_SENTENCE).is_some() {
            self.long += 1;
            self.first_long.get_or_insert(p.line_at(start));
            return ControlFlow::Continue(());
        }
        if !self.folded.may_hold {
            return ControlFlow::Continue(());
        }
        for t in targets_in(sentence, &self.folded.cs, self.frame) {
            if self.out.len() >= MAX_TARGETS {
                return ControlFlow::Break(p.line_at(start));
            }
            self.out.push(ProseTarget {
                phrase: t.phrase,
                value: t.value,
                unit: t.unit,
                year: Some(t.year),
                sentence: sentence.trim().to_string(),
                line: p.line_at(start + t.offset),
                indicator: None,
            });
        }
        ControlFlow::Continue(())
    }
}

/// A sentence's characters, spacing removed and full-width forms folded, as the scan
/// reads them.
#[derive(Debug, Default)]
struct Folded {
    /// At most [`MAX_SENTENCE`] + 1 of them: a longer sentence is not read, and the
    /// buffer stays small whatever the paragraph.
    cs: Vec<C>,
    /// Whether it holds a character a quantity starts with (see [`Sentence::quantities`]):
    /// a digit of either width, a Chinese numeral, the first character of 百分之. Most
    /// sentences hold none, and are read no further.
    may_hold: bool,
}

impl Folded {
    /// Starts a new sentence.
    fn clear(&mut self, frame: &Frame) {
        self.cs.clear();
        // With no word for 百分之, any sentence may hold one.
        self.may_hold = frame.percent.is_none();
    }

    /// Adds a character that is only itself (not in [`Frame::special`]) at byte `at` of the
    /// sentence.
    #[inline]
    fn push_plain(&mut self, c: char, at: usize) {
        if self.cs.len() > MAX_SENTENCE {
            return;
        }
        self.cs.push(C {
            ch: c,
            at,
            len: c.len_utf8(),
        });
    }

    /// Adds any other character at byte `at` of the sentence.
    fn push(&mut self, c: char, at: usize, frame: &Frame) {
        if c.is_whitespace() || self.cs.len() > MAX_SENTENCE {
            return;
        }
        let ch = fold_width(c);
        self.may_hold |= ch.is_ascii_digit()
            || Some(ch) == frame.percent
            || numeral::is_cn_numeral(frame.lex, ch);
        self.cs.push(C {
            ch,
            at,
            len: c.len_utf8(),
        });
    }
}

/// The population bases a per-capita number is stated per (千人, 万人口, 百万常住人口):
/// every multiplier of `[units]` before every people word of `[population]`, with or
/// without a qualifier between.
#[derive(Debug, Clone)]
pub(super) struct Populations {
    words: WordList,
    /// Each base after the word 每 (每千人), in the order of `words`.
    per_words: Vec<String>,
    per: String,
}

impl Populations {
    pub(super) fn new(lex: &Lexicon) -> Populations {
        // Each power of ten a multiplier word stands for (十 = 1 … 亿 = 8).
        let multipliers: Vec<&str> = (0..=12)
            .filter_map(|n| lex.units.multipliers.word_for(n))
            .collect();
        let qualifiers: Vec<&str> = std::iter::once("")
            .chain(lex.population.qualifiers.iter())
            .collect();
        let mut words = Vec::new();
        for m in &multipliers {
            for q in &qualifiers {
                for p in lex.population.people.iter() {
                    words.push(format!("{m}{q}{p}"));
                }
            }
        }
        let words = WordList::new(words);
        let per = lex.units.per.clone();
        let per_words = words.iter().map(|p| format!("{per}{p}")).collect();
        Populations {
            words,
            per_words,
            per,
        }
    }

    /// The bases, longest first.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter()
    }

    /// The population base a phrase is stated per (每万人口执业药师数 → 万人口).
    pub(super) fn in_phrase(&self, phrase: &str) -> Option<&str> {
        let p = phrase.find(self.per.as_str())?;
        let rest = phrase.get(p + self.per.len()..)?;
        self.words.prefix_of(rest)
    }
}

/// What the reader derives once per plan from the lexicon and the plan's period.
#[derive(Debug, Clone)]
pub(super) struct Frame<'l> {
    lex: &'l Lexicon,
    period: Period,
    /// The population bases (also what linking reads them with).
    pub(super) populations: &'l Populations,
    /// The name of the plan's period (十四五), when the lexicon knows it.
    name: Option<&'l str>,
    /// The phrases of the plan's span and of a look back.
    phrases: Cow<'l, PeriodPhrases>,
    /// 每年: per year.
    per_year: &'l str,
    /// The quotation and title marks.
    quotes: &'l fold::QuoteMarks,
    /// The characters a sentence's scan reads as more than themselves: spacing,
    /// full-width forms, digits, numerals, the first character of 百分之, sentence ends.
    /// Most characters of a text are none of these.
    special: &'l CharBits,
    /// The first character of 百分之, if the lexicon has the word.
    percent: Option<char>,
}

impl<'l> Frame<'l> {
    pub(super) fn new(lex: &'l Lexicon, period: Period) -> Frame<'l> {
        let current = lex
            .periods
            .iter()
            .position(|p| p.start <= period.end && period.end <= p.end);
        let tables = &crate::parse::tables(lex).prose;
        // A period the lexicon names has its phrases built once; another is rare.
        let phrases = match current {
            Some(i) => Cow::Borrowed(&tables.periods[i]),
            None => Cow::Owned(PeriodPhrases::new(lex, None, period.start)),
        };
        Frame {
            lex,
            period,
            populations: &tables.populations,
            name: current.map(|i| lex.periods[i].name.as_str()),
            phrases,
            per_year: &tables.per_year,
            quotes: &tables.quotes,
            special: &tables.special,
            percent: lex.numerals.percent_of.chars().next(),
        }
    }
}

/// The phrases of a plan's span and of a look back, for a plan of one period.
#[derive(Debug, Clone)]
struct PeriodPhrases {
    /// Phrases of the plan's span (十四五期间, “十四五”末, 规划期内).
    span: Phrases,
    /// Words of a look back: the last period's name (十三五) and `[prose].past`.
    past: Phrases,
}

impl PeriodPhrases {
    /// The phrases of a plan of the lexicon's period `current` (of one that starts in
    /// `start` when the lexicon does not name it).
    fn new(lex: &Lexicon, current: Option<&PeriodWord>, start: u16) -> PeriodPhrases {
        let last = lex
            .periods
            .iter()
            .filter(|p| p.end < current.map_or(start, |c| c.start))
            .max_by_key(|p| p.end);
        let prose = &lex.prose;
        let mut heads: Vec<String> = Vec::new();
        if let Some(c) = current {
            heads.push(c.name.clone());
            for q in &lex.fold.quotes {
                heads.push(format!("{}{}", c.name, q.close));
            }
            let with_plan: Vec<String> = heads
                .iter()
                .map(|h| format!("{h}{}", prose.plan_word))
                .collect();
            heads.extend(with_plan);
        }
        heads.push(prose.plan_word.clone());
        let span: Vec<String> = heads
            .iter()
            .flat_map(|h| prose.period_suffixes.iter().map(move |s| format!("{h}{s}")))
            .collect();
        let past = last
            .map(|p| p.name.as_str())
            .into_iter()
            .chain(prose.past.iter());
        PeriodPhrases {
            span: Phrases::new(span.iter().map(String::as_str)),
            past: Phrases::new(past),
        }
    }
}

/// What the prose reader derives from the lexicon alone, built once per lexicon
/// ([`crate::parse::tables`]); [`Frame`] adds what the plan's period gives.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    /// The phrases of a plan of each of the lexicon's periods, in its order.
    periods: Vec<PeriodPhrases>,
    populations: Populations,
    per_year: String,
    quotes: fold::QuoteMarks,
    special: CharBits,
}

impl Tables {
    pub(crate) fn new(lex: &Lexicon) -> Tables {
        Tables {
            periods: lex
                .periods
                .iter()
                .map(|p| PeriodPhrases::new(lex, Some(p), p.start))
                .collect(),
            populations: Populations::new(lex),
            per_year: format!("{}{}", lex.units.per, lex.units.year),
            quotes: fold::QuoteMarks::new(lex),
            special: special_chars(lex),
        }
    }
}

/// The characters of [`Frame::special`]. The numerals are taken from the single
/// characters of the numeral lists, a few more than `numeral::is_cn_numeral` holds; a
/// character in the set only costs the scan a closer look.
fn special_chars(lex: &Lexicon) -> CharBits {
    let numerals = &lex.numerals;
    CharBits::from_chars(
        fold::WHITESPACE
            .into_iter()
            .chain(fold::WIDTH_FOLDED)
            .chain('0'..='9')
            .chain(numerals.percent_of.chars().next())
            .chain(numerals.single_chars())
            .chain(lex.fold.sentence_ends.chars()),
    )
}

/// Words looked for in a folded sentence, behind a filter of their first characters
/// (one bit per low byte of a code point), so that a sentence is read once for all of
/// them and most of its characters are passed over with one bit test.
#[derive(Debug, Clone)]
struct Phrases {
    /// Sorted, so that the words of one first character stand together.
    words: Vec<Vec<char>>,
    firsts: LowBytes,
    /// An empty word stands in every text.
    empty: bool,
}

impl Phrases {
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Phrases {
        let mut p = Phrases {
            words: Vec::new(),
            firsts: LowBytes::default(),
            empty: false,
        };
        for w in words {
            let w: Vec<char> = w.chars().collect();
            match w.first() {
                Some(&c) => {
                    p.firsts.insert(c);
                    p.words.push(w);
                }
                None => p.empty = true,
            }
        }
        p.words.sort_unstable();
        p
    }

    /// Whether any of the words stands in `cs`.
    fn any_in(&self, cs: &[C]) -> bool {
        self.empty || (0..cs.len()).any(|k| self.at(cs, k))
    }

    /// Whether one of the words starts at `k`.
    fn at(&self, cs: &[C], k: usize) -> bool {
        let c = cs[k].ch;
        if !self.firsts.may_hold(c) {
            return false;
        }
        let from = self.words.partition_point(|w| w[0] < c);
        let rest = &cs[k..];
        self.words[from..]
            .iter()
            .take_while(|w| w[0] == c)
            .any(|w| w.len() <= rest.len() && w.iter().zip(rest).all(|(a, b)| *a == b.ch))
    }
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
struct Quantity<'l> {
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
    approximation: Option<Approximation>,
    verb: Option<&'l str>,
    spread: Option<Spread>,
    accumulation: Accumulation,
    /// Written as a Chinese numeral with a classifier (一个, 两家).
    chinese: bool,
}

/// The years a sentence names.
#[derive(Debug, Clone, Default)]
struct Years {
    /// Future years (after the baseline) and where they stand.
    future: Vec<(usize, u16)>,
    /// Whether the sentence names a target year or the plan's span.
    target: bool,
}

/// A sentence folded for scanning.
struct Sentence<'s> {
    text: &'s str,
    cs: &'s [C],
    /// What each position is part of: built when the scan reads the first quantity, since
    /// most sentences that hold a numeral (统一, 进一步) hold no quantity.
    masks: OnceCell<Masks>,
    lex: &'s Lexicon,
    quotes: &'s fold::QuoteMarks,
}

/// What each position of a sentence is part of.
struct Masks {
    /// Inside quotes or a title (“一件事一次办”, 《…》), numbers are names.
    quoted: Vec<bool>,
    /// For each position, where its clause starts (after a comma, semicolon or colon).
    clause_start: Vec<usize>,
    /// For each position, where its clause ends.
    clause_end: Vec<usize>,
    /// Criterion clauses (…的；): thresholds that define a category, not targets.
    criterion: Vec<bool>,
}

impl Masks {
    fn new(cs: &[C], lex: &Lexicon, quotes: &fold::QuoteMarks) -> Masks {
        let mut quoted = Vec::with_capacity(cs.len());
        quotes.mask(cs.iter().map(|c| c.ch), &mut quoted);
        let (clause_start, clause_end) = clauses(cs, lex);
        let criterion = criteria(cs, lex);
        Masks {
            quoted,
            clause_start,
            clause_end,
            criterion,
        }
    }
}

/// The targets of one sentence.
#[cfg(test)]
fn targets_of(sentence: &str, frame: &Frame) -> Vec<Found> {
    let mut folded = Folded::default();
    folded.clear(frame);
    for (i, c) in sentence.char_indices() {
        folded.push(c, i, frame);
    }
    if !folded.may_hold {
        return Vec::new();
    }
    targets_in(sentence, &folded.cs, frame)
}

/// The targets of a sentence folded into `cs`.
fn targets_in(sentence: &str, cs: &[C], frame: &Frame) -> Vec<Found> {
    let s = Sentence {
        text: sentence,
        cs,
        masks: OnceCell::new(),
        lex: frame.lex,
        quotes: frame.quotes,
    };
    let Some(years) = s.years(frame) else {
        return Vec::new();
    };
    let quantities = s.quantities(frame, &years);
    s.targets(frame, &years, &quantities)
}

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
    let mut k = i;
    for w in word.chars().rev() {
        k = k.checked_sub(1)?;
        if cs.get(k)?.ch != w {
            return None;
        }
    }
    Some(k)
}

/// The longest word of `words` at `i`, and its length in characters.
fn word_at<'w>(cs: &[C], i: usize, words: &'w WordList) -> Option<(&'w str, usize)> {
    words
        .iter()
        .find(|w| starts(cs, i, w))
        .map(|w| (w, w.chars().count()))
}

/// The longest word of `words` ending before `i`, and where it starts.
fn word_before<'w>(cs: &[C], i: usize, words: &'w WordList) -> Option<(&'w str, usize)> {
    words
        .iter()
        .find_map(|w| ends_before(cs, i, w).map(|s| (w, s)))
}

fn ch(cs: &[C], i: usize) -> char {
    cs.get(i).map_or('\0', |c| c.ch)
}

/// Whether `c` is a one-character word of `words`.
fn is_word(words: &WordList, c: char) -> bool {
    let mut buf = [0u8; 4];
    words.contains(c.encode_utf8(&mut buf))
}

/// A comma of either width.
fn is_comma(c: char) -> bool {
    fold::ascii(c) == ','
}

/// What may stand between two values of a list: 、, 和, 及, 与, a comma.
fn is_list_joint(lex: &Lexicon, c: char) -> bool {
    lex.fold.list_marks.contains(c) || is_word(&lex.prose.and_words, c) || is_comma(c)
}

/// Where clauses break: a clause end, or the ` | ` between a box's cells.
fn is_clause_break(lex: &Lexicon, c: char) -> bool {
    lex.fold.clause_ends.contains(c) || c == '|'
}

impl<'s> Sentence<'s> {
    fn masks(&self) -> &Masks {
        self.masks
            .get_or_init(|| Masks::new(self.cs, self.lex, self.quotes))
    }

    fn len(&self) -> usize {
        self.cs.len()
    }

    fn ch(&self, i: usize) -> char {
        ch(self.cs, i)
    }

    /// The folded characters between two positions.
    fn between(&self, from: usize, to: usize) -> &[C] {
        self.cs.get(from.min(to)..to).unwrap_or(&[])
    }

    /// The folded text between two positions.
    fn text_between(&self, from: usize, to: usize) -> String {
        self.between(from, to).iter().map(|c| c.ch).collect()
    }

    /// The years the sentence names; `None` when it looks back at the last period
    /// (十三五, 截至2020年, a past year) without naming a target year or the plan's span.
    fn years(&self, frame: &Frame) -> Option<Years> {
        let lex = frame.lex;
        let cs = self.cs;
        let n = self.len();
        let mut future: Vec<(usize, u16)> = Vec::new();
        let mut past = frame.phrases.past.any_in(cs);
        let mut k = 0;
        while k < n {
            if self.ch(k).is_ascii_digit() && !self.ch(k.wrapping_sub(1)).is_ascii_digit() {
                if let Some((v, e)) = arabic_at_c(cs, k) {
                    if e == k + 4 && starts(cs, e, &lex.units.year) && (1900.0..2200.0).contains(&v)
                    {
                        let y = v as u16;
                        if y > frame.period.baseline {
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
        let span = frame.phrases.span.any_in(cs);
        if past && future.is_empty() && !span {
            return None;
        }
        let target = !future.is_empty() || span;
        Some(Years { future, target })
    }
}

/// For each position, where its clause starts and where it ends.
fn clauses(cs: &[C], lex: &Lexicon) -> (Vec<usize>, Vec<usize>) {
    let n = cs.len();
    let mut clause_start = vec![0usize; n + 1];
    let mut last = 0;
    for (k, s) in clause_start.iter_mut().enumerate() {
        *s = last;
        if is_clause_break(lex, ch(cs, k)) {
            last = k + 1;
        }
    }
    let mut clause_end = vec![n; n + 1];
    let mut next = n;
    for k in (0..n).rev() {
        if is_clause_break(lex, ch(cs, k)) {
            next = k;
        }
        if let Some(e) = clause_end.get_mut(k) {
            *e = next;
        }
    }
    (clause_start, clause_end)
}

/// Which positions are in a criterion clause: one ending in 的 before a semicolon, and
/// the clauses before it that it continues (…；或…的).
fn criteria(cs: &[C], lex: &Lexicon) -> Vec<bool> {
    let n = cs.len();
    let prose = &lex.prose;
    let mut criterion = vec![false; n];
    let mut seg_start = 0;
    let mut segments = Vec::new();
    for k in 0..=n {
        if k == n || prose.semicolons.contains(ch(cs, k)) {
            segments.push((seg_start, k));
            seg_start = k + 1;
        }
    }
    let mut carry = false;
    for (s, e) in segments.into_iter().rev() {
        let ends_de = e > s && ends_before(cs, e, &prose.attributive) == Some(e - 1);
        let continues = word_at(cs, s, &prose.criterion_continues).is_some();
        let is_criterion = ends_de || carry;
        if is_criterion {
            for c in criterion.iter_mut().take(e).skip(s) {
                *c = true;
            }
        }
        carry = is_criterion && continues;
    }
    criterion
}

impl Sentence<'_> {
    /// The quantities of the sentence that state targets.
    fn quantities<'l>(&self, frame: &Frame<'l>, years: &Years) -> Vec<Quantity<'l>> {
        let lex = frame.lex;
        let cs = self.cs;
        let n = self.len();
        let mut quantities: Vec<Quantity> = Vec::new();
        let mut intent_from = usize::MAX;
        let mut i = 0;
        while i < n {
            let c = self.ch(i);
            // No quantity starts at a character that is only itself.
            if frame.special.get(c) == Some(false) {
                i += 1;
                continue;
            }
            let prev = self.ch(i.wrapping_sub(1));
            let q = if c.is_ascii_digit() && !(prev.is_ascii_alphanumeric() || prev == '.') {
                arabic_quantity(cs, i, frame)
            } else if starts(cs, i, &lex.numerals.percent_of) {
                percent_words(cs, i, frame)
            } else if numeral::is_cn_numeral(lex, c) && !numeral::is_cn_numeral(lex, prev) {
                cn_quantity(cs, i, frame)
            } else {
                None
            };
            let Some(mut q) = q else {
                i += 1;
                continue;
            };
            let masks = self.masks();
            let quoted_here = masks.quoted.get(q.num_start).copied().unwrap_or(false);
            let crit = masks.criterion.get(q.num_start).copied().unwrap_or(false);
            let clause = masks.clause_start.get(q.num_start).copied().unwrap_or(0);
            look_back(cs, &mut q, clause, frame);
            self.aspiration(&mut q, lex);
            // 实现食品生产企业自查报告率100%: a clause that sets out to reach something.
            // The intent holds for the clauses after it in the sentence.
            if word_at(cs, clause, &lex.prose.intent).is_some() {
                intent_from = intent_from.min(clause);
            }
            let intent = clause >= intent_from;
            // The next values of a 分别 list: 分别达到100%、85%和65%.
            let listed = quantities.last().is_some_and(|p: &Quantity| {
                p.spread == Some(Spread::Respectively)
                    && q.verb.is_none()
                    && q.raw_start == p.end + 1
                    && is_list_joint(lex, self.ch(p.end))
            });
            let accept = listed || accepts(&q, years.target || intent, lex);
            if listed {
                q.spread = Some(Spread::Respectively);
            }
            i = q.end.max(i + 1);
            if accept && !quoted_here && !crit {
                quantities.push(q);
            }
        }
        quantities
    }

    /// 力争…95%: a number after an aspiration word in the same stretch between semicolons
    /// is striven for. A word next to the number (约, 左右) says more and is kept.
    fn aspiration(&self, q: &mut Quantity, lex: &Lexicon) {
        if q.approximation.is_some() {
            return;
        }
        // Its reach: from the last semicolon before the number.
        let from = (0..q.raw_start)
            .rev()
            .find(|&k| lex.prose.semicolons.contains(self.ch(k)))
            .map_or(0, |k| k + 1);
        let before = self.between(from, q.raw_start);
        // The first place each word stands (as `str::find` on the folded text would).
        let aspired = lex
            .approx
            .aspire_before
            .iter()
            .filter_map(|w| (0..=before.len()).find(|&k| starts(before, k, w)))
            .any(|p| {
                let at = from + p;
                !self.masks().quoted.get(at).copied().unwrap_or(false)
            });
        if aspired {
            q.approximation = Some(Approximation::Aspired);
        }
    }
}

/// Whether a quantity, with what stands around it, states a target.
fn accepts(q: &Quantity, target_year: bool, lex: &Lexicon) -> bool {
    let marked = q.verb.is_some() || q.bound != Bound::Eq;
    let strong = q.unit.is_some() || q.percent || q.multiplied;
    if q.chinese {
        // 一个 is often just "a": one needs a bound (至少一个, 一个以上).
        marked && (q.unit.is_some() || q.percent) && (q.low != 1.0 || q.bound != Bound::Eq)
    } else {
        (marked
            && (strong
                || q.verb.is_some_and(|v| lex.prose.reach_verbs.contains(v))
                || q.bound != Bound::Eq))
            || (target_year && strong)
    }
}

/// The phrase a group of values measures.
struct Phrase {
    text: String,
    /// What its words say of accumulation (累计, 新增).
    said: Accumulation,
    /// Whether it said 每年: the unit is per year.
    per_year: bool,
}

/// A lead quantity and the values that follow it in a 分别 list.
struct Group<'q, 'l> {
    lead: &'q Quantity<'l>,
    members: Vec<&'q Quantity<'l>>,
    /// The index of the first quantity after the group.
    next: usize,
}

impl Sentence<'_> {
    /// The targets of the accepted quantities: their phrases, lists and years.
    fn targets(&self, frame: &Frame, years: &Years, quantities: &[Quantity]) -> Vec<Found> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < quantities.len() {
            let Some(group) = self.group(quantities, k, frame.lex) else {
                break;
            };
            let phrase = self.phrase(frame, quantities, k, &group);
            let next = group.next;
            if !phrase.text.is_empty() {
                self.build(frame, years, &group, phrase, &mut out);
            }
            k = next;
        }
        out
    }

    /// The quantity at `k` and the values that follow it with only 、/和 between
    /// (…分别达到100%、85%和65%).
    fn group<'q, 'l>(
        &self,
        quantities: &'q [Quantity<'l>],
        k: usize,
        lex: &Lexicon,
    ) -> Option<Group<'q, 'l>> {
        let lead = quantities.get(k)?;
        let mut members = vec![lead];
        let mut j = k + 1;
        while let Some(q) = quantities.get(j) {
            let Some(prev) = members.last() else { break };
            let joint = match self.between(prev.end, q.raw_start) {
                [c] => is_list_joint(lex, c.ch),
                _ => false,
            };
            if q.verb.is_none() && joint && lead.spread == Some(Spread::Respectively) {
                members.push(q);
                j += 1;
            } else {
                break;
            }
        }
        Some(Group {
            lead,
            members,
            next: j,
        })
    }

    /// The phrase a group measures.
    fn phrase(&self, frame: &Frame, quantities: &[Quantity], k: usize, group: &Group) -> Phrase {
        let lex = frame.lex;
        let n = self.len();
        let lead = group.lead;
        // The phrase starts at its clause, or after a value before it in the same clause
        // (证照核查率100%、无证入网餐饮单位查处率100%).
        let prev_end = k
            .checked_sub(1)
            .and_then(|p| quantities.get(p))
            .map_or(0, |p| p.end);
        let start = self
            .masks()
            .clause_start
            .get(lead.phrase_end)
            .copied()
            .unwrap_or(0)
            .max(if prev_end <= lead.phrase_end {
                prev_end
            } else {
                0
            });
        let before = self.text_between(start, lead.phrase_end);
        let last_end = group.members.last().map_or(lead.end, |q| q.end);
        // The object after the value runs to the end of its clause or the next value.
        let next_start = quantities.get(group.next).map_or(n, |q| q.raw_start);
        let after_end = self
            .masks()
            .clause_end
            .get(last_end)
            .copied()
            .unwrap_or(n)
            .min(next_start.max(last_end));
        // A list goes on after the value (核查率100%、查处率100%): its rest is not an object.
        let at_end = self.ch(last_end);
        let listing = lex.fold.list_marks.contains(at_end)
            || (is_word(&lex.prose.and_words, at_end)
                && group.next < quantities.len()
                && next_start <= last_end + 16);
        let after = self.text_between(last_end, after_end);
        let mut per_year = false;
        let (mut phrase, said) = clean_phrase(&before, &mut per_year, frame);
        let after_clean = clean_phrase(&after, &mut false, frame).0;
        let object_verb = lead
            .verb
            .is_some_and(|v| lex.prose.object_verbs.contains(v));
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
        Phrase {
            text: phrase,
            said,
            per_year,
        }
    }

    /// The targets of a group with its phrase: one per member of a list, or one per value.
    fn build(
        &self,
        frame: &Frame,
        years: &Years,
        group: &Group,
        phrase: Phrase,
        out: &mut Vec<Found>,
    ) {
        let Phrase {
            text: phrase,
            said,
            per_year,
        } = phrase;
        let lex = frame.lex;
        let lead = group.lead;
        let phrases = match lead.spread {
            Some(Spread::Shared | Spread::Respectively) => {
                let lists = lex.fold.list_marks.chars().any(|c| phrase.contains(c));
                let parts = split_list(&phrase, lists || group.members.len() > 1, lex);
                // 学校食堂、养老机构食堂、中央厨房“明厨亮灶”覆盖率: the members before the
                // last measure nothing themselves; they are the scope of one measure.
                let measures = parts
                    .iter()
                    .rev()
                    .skip(1)
                    .any(|p| lex.prose.measure_ends.suffix_of(p).is_some());
                if measures || group.members.len() > 1 {
                    parts
                } else {
                    vec![phrase.clone()]
                }
            }
            _ => vec![phrase.clone()],
        };
        let year = years
            .future
            .iter()
            .rev()
            .find(|(at, _)| *at < lead.num_start)
            .or(years.future.first())
            .map_or(frame.period.end, |(_, y)| *y);
        let pairs: Vec<(String, &Quantity)> =
            if group.members.len() > 1 && phrases.len() == group.members.len() {
                phrases
                    .into_iter()
                    .zip(group.members.iter().copied())
                    .collect()
            } else if group.members.len() == 1 {
                phrases.into_iter().map(|p| (p, lead)).collect()
            } else {
                group.members.iter().map(|q| (phrase.clone(), *q)).collect()
            };
        for (phrase, q) in pairs {
            let mut q = q.clone();
            if q.spread.is_none() {
                q.spread = lead.spread;
            }
            if q.accumulation == Accumulation::Level {
                q.accumulation = said;
            }
            out.push(self.finish(&q, phrase, per_year, year, frame));
        }
    }

    /// Builds the target of one quantity.
    fn finish(
        &self,
        q: &Quantity,
        phrase: String,
        per_year: bool,
        year: u16,
        frame: &Frame,
    ) -> Found {
        let lex = frame.lex;
        let cs = self.cs;
        let raw = match (cs.get(q.raw_start), cs.get(q.end.saturating_sub(1))) {
            (Some(a), Some(b)) if b.at >= a.at => self.text.get(a.at..b.at + b.len).unwrap_or(""),
            _ => "",
        };
        let percent_sign = lex.units.percent.iter().next().unwrap_or("%");
        let mut unit = if q.percent {
            Some(percent_sign.to_string())
        } else {
            q.unit.clone()
        };
        let year_word = lex.units.year.as_str();
        if let Some(u) = unit.as_mut().filter(|u| !lex.units.percent.contains(u)) {
            if !u.contains('/') {
                if let Some(pop) = frame.populations.in_phrase(&phrase) {
                    u.push('/');
                    u.push_str(pop);
                }
            }
            if per_year {
                if u.contains('/') {
                    if !u.ends_with(year_word) {
                        u.push_str(year_word);
                    }
                } else {
                    u.push('/');
                    u.push_str(year_word);
                }
            }
        }
        let kind = match q.high {
            Some(high) => ValueKind::Range { low: q.low, high },
            None => ValueKind::Number(q.low),
        };
        let value = Value {
            approximation: q.approximation,
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
            unit: unit.and_then(|u| Unit::parse(&u, lex).ok()),
            year,
            offset: cs.get(q.num_start).map_or(0, |c| c.at),
        }
    }
}

/// The characters of `cs` from `i`, at most `N` of them, on the stack.
fn window<const N: usize>(cs: &[C], i: usize) -> ([char; N], usize) {
    let mut out = ['\0'; N];
    let mut n = 0;
    for (slot, c) in out.iter_mut().zip(cs.iter().skip(i)) {
        *slot = c.ch;
        n += 1;
    }
    (out, n)
}

fn arabic_at_c(cs: &[C], i: usize) -> Option<(f64, usize)> {
    let (window, n) = window::<40>(cs, i);
    arabic_at(&window[..n], 0).map(|(v, e)| (v, i + e))
}

fn cn_at_c(cs: &[C], i: usize, lex: &Lexicon) -> Option<(f64, usize)> {
    let (window, n) = window::<10>(cs, i);
    numeral::cn_at(lex, &window[..n], 0).map(|(v, e)| (v, i + e))
}

fn new_quantity<'l>(start: usize, end: usize, low: f64) -> Quantity<'l> {
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
        approximation: None,
        verb: None,
        spread: None,
        accumulation: Accumulation::Level,
        chinese: false,
    }
}

/// The length in characters of a percent sign at `j`.
fn percent_at(cs: &[C], j: usize, lex: &Lexicon) -> Option<usize> {
    word_at(cs, j, &lex.units.percent).map(|(_, n)| n)
}

/// Whether `c` joins the ends of a range (1-2, 1—2, 3至5).
fn is_range_mark(lex: &Lexicon, c: char) -> bool {
    lex.fold.dashes.contains(c) || is_word(&lex.values.range_marks, c)
}

/// An Arabic number with what follows it: percent, range, multiplier, unit, bound.
fn arabic_quantity<'l>(cs: &[C], i: usize, frame: &Frame<'l>) -> Option<Quantity<'l>> {
    let lex = frame.lex;
    let (low, mut j) = arabic_at_c(cs, i)?;
    let next = ch(cs, j);
    // Years, dates, ordinals, codes and formulas are not quantities.
    if lex.prose.date_marks.contains(next)
        || matches!(next, '+' | '.')
        || next.is_ascii_alphabetic()
        || lex.prose.ordinal_marks.contains(ch(cs, i.wrapping_sub(1)))
        || ch(cs, i.wrapping_sub(1)) == '+'
    {
        return None;
    }
    let mut q = new_quantity(i, j, low);
    if let Some(p) = percent_at(cs, j, lex) {
        q.percent = true;
        j += p;
    }
    if is_range_mark(lex, ch(cs, j)) && ch(cs, j + 1).is_ascii_digit() {
        if let Some((high, e)) = arabic_at_c(cs, j + 1) {
            if high >= low && !lex.prose.date_marks.contains(ch(cs, e)) {
                q.high = Some(high);
                j = e;
                if let Some(p) = percent_at(cs, j, lex) {
                    q.percent = true;
                    j += p;
                }
            }
        }
    }
    if q.percent {
        // 100%/年: a yearly rate.
        if is_slash(ch(cs, j)) && starts(cs, j + 1, &lex.units.year) {
            j += 1 + lex.units.year.chars().count();
        }
    } else {
        j = unit_after(cs, j, &mut q, frame, true);
    }
    q.end = suffix_bound(cs, j, &mut q, lex);
    Some(q)
}

fn is_slash(c: char) -> bool {
    fold::ascii(c) == '/'
}

/// 百分之九十, 百分之95.
fn percent_words<'l>(cs: &[C], i: usize, frame: &Frame<'l>) -> Option<Quantity<'l>> {
    let lex = frame.lex;
    let at = i + lex.numerals.percent_of.chars().count();
    let (v, e) = if ch(cs, at).is_ascii_digit() {
        arabic_at_c(cs, at)?
    } else {
        cn_at_c(cs, at, lex)?
    };
    let mut q = new_quantity(i, e, v);
    q.percent = true;
    q.end = suffix_bound(cs, e, &mut q, lex);
    Some(q)
}

/// A Chinese numeral followed by a classifier (一个, 两家).
fn cn_quantity<'l>(cs: &[C], i: usize, frame: &Frame<'l>) -> Option<Quantity<'l>> {
    let lex = frame.lex;
    let (v, e) = cn_at_c(cs, i, lex)?;
    let mut q = new_quantity(i, e, v);
    q.chinese = true;
    let j = unit_after(cs, e, &mut q, frame, false);
    q.unit.as_ref()?;
    // 一次性 is an adjective, not one time.
    if lex.prose.adjective_marks.contains(ch(cs, j)) {
        return None;
    }
    q.end = suffix_bound(cs, j, &mut q, lex);
    Some(q)
}

/// The power of ten of a multiplier that stands between a number and its unit (万, 亿).
/// 十, 百 and 千 there belong to a numeral or a population base, not to the unit.
fn multiplier_at(cs: &[C], j: usize, lex: &Lexicon) -> Option<i64> {
    lex.units
        .multipliers
        .get_char(ch(cs, j))
        .filter(|p| *p >= 4)
}

/// Reads a multiplier and a unit at `j` (万批次, 份/百万人口, 批次每千人每年); returns the
/// index after them. After an Arabic number (`arabic`), the units are `[units].counts`
/// and a multiplier may stand before them; after a Chinese numeral, the classifiers.
fn unit_after(cs: &[C], mut j: usize, q: &mut Quantity, frame: &Frame, arabic: bool) -> usize {
    let lex = frame.lex;
    let units = if arabic {
        &lex.units.counts
    } else {
        &lex.prose.cn_classifiers
    };
    let mut unit = String::new();
    let multiplier = multiplier_at(cs, j, lex).filter(|_| arabic);
    if multiplier.is_some() {
        unit.push(ch(cs, j));
        j += 1;
    }
    match (word_at(cs, j, units), multiplier) {
        (Some((w, len)), _) => {
            unit.push_str(w);
            j += len;
        }
        (None, Some(m)) => {
            let f = 10f64.powi(m as i32);
            q.low *= f;
            q.high = q.high.map(|h| h * f);
            q.multiplied = true;
            return j;
        }
        (None, None) => return j,
    }
    // A denominator: 份/百万人口, 批次/年, 批次每千人每年.
    let year = lex.units.year.as_str();
    if is_slash(ch(cs, j)) {
        if let Some((p, len)) = frame
            .populations
            .iter()
            .find(|p| starts(cs, j + 1, p))
            .map(|p| (p, p.chars().count()))
        {
            unit.push('/');
            unit.push_str(p);
            j += 1 + len;
        } else if starts(cs, j + 1, year) {
            unit.push('/');
            unit.push_str(year);
            j += 1 + year.chars().count();
        }
    } else if starts(cs, j, &lex.units.per) {
        let per = lex.units.per.chars().count();
        if let Some(p) = frame.populations.iter().find(|p| starts(cs, j + per, p)) {
            unit.push('/');
            unit.push_str(p);
            j += per + p.chars().count();
            if starts(cs, j, frame.per_year) {
                unit.push_str(year);
                j += frame.per_year.chars().count();
            }
        }
    }
    q.unit = Some(unit);
    j
}

/// Reads a bound or an approximation after the value (以上, 以内, 左右, 内 after a
/// time); returns the index after it.
fn suffix_bound(cs: &[C], j: usize, q: &mut Quantity, lex: &Lexicon) -> usize {
    for (w, b) in &lex.bounds.after {
        if starts(cs, j, w) {
            q.bound = *b;
            return j + w.chars().count();
        }
    }
    // 90%左右: about; not 上下游 (up- and downstream), a word that goes on.
    if let Some((_, len)) = word_at(cs, j, &lex.approx.about_after) {
        let next = ch(cs, j + len);
        let ends = next == '\0'
            || is_clause_break(lex, next)
            || is_list_joint(lex, next)
            || starts(cs, j + len, &lex.prose.attributive);
        if ends {
            q.approximation = Some(Approximation::About);
            return j + len;
        }
    }
    let time = q
        .unit
        .as_deref()
        .is_some_and(|u| lex.units.duration.contains(u));
    if time && starts(cs, j, &lex.prose.within) {
        q.bound = Bound::Le;
        return j + lex.prose.within.chars().count();
    }
    j
}

/// A bound word before `k`, where it starts, and its bound.
fn bound_before(cs: &[C], k: usize, lex: &Lexicon) -> Option<(usize, Bound)> {
    lex.bounds
        .before
        .iter()
        .find_map(|(w, b)| ends_before(cs, k, w).map(|s| (s, *b)))
}

/// Reads what stands before a number: 约, 每千人, a bound, a verb, and 均 / 分别 before it.
fn look_back<'l>(cs: &[C], q: &mut Quantity<'l>, clause: usize, frame: &Frame<'l>) {
    let lex = frame.lex;
    let prose = &lex.prose;
    let mut k = q.num_start;
    if let Some((_, s)) = word_before(cs, k, &lex.approx.about_before) {
        q.approximation = Some(Approximation::About);
        q.raw_start = s;
        k = s;
    }
    let (mut population, mut bound, mut verb) = (false, false, false);
    // 达每千人5批次, 不少于3.67万批次, 至少推动一个: in any order, each at most once.
    for _ in 0..3 {
        if !population && !verb {
            if let Some(s) = population_before(cs, k, q, frame) {
                k = s;
                q.raw_start = s;
                population = true;
                continue;
            }
        }
        if !bound {
            if let Some((s, b)) = bound_before(cs, k, lex) {
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
            if let Some((v, s)) = word_before(cs, k, &prose.verbs) {
                q.verb = Some(v);
                q.accumulation = accumulation_of(v, lex);
                k = s;
                verb = true;
                continue;
            }
        }
        break;
    }
    // 不低于本区工业产品制造业生产者的1%: a bound before a 的 phrase that ends at the number.
    if !bound && !verb && !population {
        if let Some((s, b)) = bound_over_de(cs, k, clause, lex) {
            q.bound = b;
            q.raw_start = s;
            k = s;
        }
    }
    if let Some((spread, s)) = spread_before(cs, k, lex) {
        q.spread = Some(spread);
        k = s;
    }
    q.phrase_end = k;
}

/// 每千人 before `k`: adds the base to the quantity's unit; returns where it starts.
fn population_before(cs: &[C], k: usize, q: &mut Quantity, frame: &Frame) -> Option<usize> {
    let per = frame.lex.units.per.as_str();
    let s = frame
        .populations
        .per_words
        .iter()
        .find_map(|w| ends_before(cs, k, w))?;
    let pop: String = cs
        .get(s + per.chars().count()..k)
        .unwrap_or(&[])
        .iter()
        .map(|c| c.ch)
        .collect();
    if let Some(u) = q.unit.as_mut().filter(|u| !u.contains('/')) {
        u.push('/');
        u.push_str(&pop);
    }
    Some(s)
}

/// What a verb says of accumulation: 新增 an increment, 累计 cumulative, 增加10% by how
/// much (an increment), otherwise a level.
fn accumulation_of(verb: &str, lex: &Lexicon) -> Accumulation {
    let prose = &lex.prose;
    if prose.increment_verbs.contains(verb) || prose.change_verbs.contains(verb) {
        Accumulation::Increment
    } else if prose.cumulative_verbs.contains(verb) {
        Accumulation::Cumulative
    } else {
        Accumulation::Level
    }
}

/// A bound before a 的 phrase that ends at `k` (不低于…生产者的1%), within the clause and
/// 40 characters: where it starts and its bound.
fn bound_over_de(cs: &[C], k: usize, clause: usize, lex: &Lexicon) -> Option<(usize, Bound)> {
    ends_before(cs, k, &lex.prose.attributive)?;
    let from = clause.max(k.saturating_sub(40));
    (from..k)
        .rev()
        .find_map(|e| bound_before(cs, e, lex).filter(|(s, _)| *s >= from))
}

/// 分别, 均 or 各 before `k`: how the value spreads, and where the word starts.
fn spread_before(cs: &[C], k: usize, lex: &Lexicon) -> Option<(Spread, usize)> {
    let prose = &lex.prose;
    [
        (&prose.respectively, Spread::Respectively),
        (&prose.shared, Spread::Shared),
        (&prose.each, Spread::Each),
    ]
    .into_iter()
    .find_map(|(words, spread)| word_before(cs, k, words).map(|(_, s)| (spread, s)))
}

/// Clears time and modal words from the ends of a phrase, keeping a scope word at its
/// start (全县市场主体数: the scope matters to a reader); returns the phrase and
/// what its words say of accumulation (累计: cumulative, 新增: increment). Sets `per_year`
/// when it said 每年.
fn clean_phrase(raw: &str, per_year: &mut bool, frame: &Frame) -> (String, Accumulation) {
    let lex = frame.lex;
    let prose = &lex.prose;
    let mut s: &str = raw.trim_matches(|c: char| {
        c.is_whitespace() || is_clause_break(lex, c) || lex.fold.list_marks.contains(c)
    });
    let cumulative = prose.cumulative_verbs.any_in(s);
    let increment = prose.increment_verbs.any_in(s);
    let per_year_word = frame.per_year;
    // A scope word (全县) stays in the phrase a reader sees; matching drops it.
    let mut scope = None;
    for _ in 0..16 {
        let before = s.len();
        s = strip_time(s, frame);
        if let Some(r) = s.strip_prefix(per_year_word) {
            *per_year = true;
            s = r;
        } else if let Some(r) = prose.leading.strip_prefix(s) {
            s = r;
        } else if let Some(r) = lex.scope.words.strip_prefix(s).filter(|_| scope.is_none()) {
            scope = Some(&s[..s.len() - r.len()]);
            s = r;
        }
        if let Some(r) = s.strip_suffix(per_year_word) {
            *per_year = true;
            s = r;
        } else if let Some(r) = prose.trailing.strip_suffix(s) {
            s = r;
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
    let kept: String = chars.get(keep..).unwrap_or(&[]).iter().collect();
    let phrase = match scope {
        Some(scope) if !kept.is_empty() => format!("{scope}{kept}"),
        _ => kept,
    };
    (phrase, accumulation)
}

/// Whether `c` opens a quotation.
fn opens_quote(lex: &Lexicon, c: char) -> bool {
    lex.fold.quotes.iter().any(|p| p.open == c)
}

/// Whether `c` closes a quotation.
fn closes_quote(lex: &Lexicon, c: char) -> bool {
    lex.fold.quotes.iter().any(|p| p.close == c)
}

/// Strips a leading time phrase: 到2025年, 2023年底前, “十四五”期间, 5年内.
fn strip_time<'s>(s: &'s str, frame: &Frame) -> &'s str {
    let lex = frame.lex;
    let prose = &lex.prose;
    let name = frame.name.unwrap_or("");
    let mut t = s;
    for p in prose.time_openers.iter() {
        if let Some(r) = t.strip_prefix(p) {
            if r.starts_with(|c: char| c.is_ascii_digit() || opens_quote(lex, c))
                || (!name.is_empty() && r.starts_with(name))
            {
                t = r;
                break;
            }
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return strip_date(s, t, digits, lex);
    }
    // A plan period however written: “十四五”期间, “十四”期间 (sic), 十四五时期.
    let period_marks: Vec<char> = lex
        .periods
        .iter()
        .filter_map(|p| p.name.chars().next())
        .collect();
    for w in prose
        .period_suffixes
        .iter()
        .filter(|w| w.chars().count() > 1)
    {
        if let Some(p) = t.find(w) {
            let head = t.get(..p).unwrap_or("");
            if head.chars().count() <= 8 && head.contains(period_marks.as_slice()) {
                return t.get(p + w.len()..).unwrap_or("");
            }
        }
    }
    let q = t.trim_start_matches(|c| opens_quote(lex, c));
    if let Some(r) = q.strip_prefix(name).filter(|_| !name.is_empty()) {
        let r = r.trim_start_matches(|c| closes_quote(lex, c));
        let r = r.strip_prefix(prose.plan_word.as_str()).unwrap_or(r);
        return prose.period_suffixes.strip_prefix(r).unwrap_or(r);
    }
    s
}

/// Strips a date after an opener (`t` is `s` after it; `digits` its leading digits):
/// 2025年, 2023年6月底前, 5年内. Returns `s` when no year follows the digits.
fn strip_date<'s>(s: &'s str, t: &'s str, digits: usize, lex: &Lexicon) -> &'s str {
    let prose = &lex.prose;
    let Some(mut r) = t
        .get(digits..)
        .and_then(|r| r.strip_prefix(lex.units.year.as_str()))
    else {
        return s;
    };
    let month = r.chars().take_while(char::is_ascii_digit).count();
    if month > 0 {
        if let Some(m) = r
            .get(month..)
            .and_then(|m| m.strip_prefix(prose.month.as_str()))
        {
            r = m;
        }
    }
    r = prose.time_ends.strip_prefix(r).unwrap_or(r);
    prose.time_before.strip_prefix(r).unwrap_or(r)
}

/// Splits a list of phrases on 、 (outside quotes and brackets) and, when `and` allows,
/// its last 和 / 及 / 与 (A、B和C).
fn split_list(phrase: &str, and: bool, lex: &Lexicon) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let pairs = crate::text::fold::nesting_pairs(lex);
    for c in phrase.chars() {
        if pairs.iter().any(|p| p.open == c) {
            depth += 1;
        } else if pairs.iter().any(|p| p.close == c) {
            depth = depth.saturating_sub(1);
        }
        if lex.fold.list_marks.contains(c) && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    // The last member may be joined with 和: A、B和C.
    let split = lex.prose.and_words.iter().find_map(|w| {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<(String, String, String, u16)> {
        let frame = Frame::new(Lexicon::bundled(), Period::FOURTEENTH);
        targets_of(s, &frame)
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
        assert_eq!(got[0].0, "全区市场主体");
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
                "全市学校食堂“互联网+智慧监管”覆盖率",
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
        let frame = Frame::new(Lexicon::bundled(), Period::FOURTEENTH);
        let aspired = &targets_of("力争培育两家以上龙头企业", &frame)[0].value;
        assert_eq!(
            (aspired.number(), aspired.bound, aspired.approximation()),
            (Some(2.0), Bound::Ge, Some(Approximation::Aspired))
        );
        assert_eq!(t("到2025年，百分之九十的农贸市场完成改造")[0].1, "90%");
        let range = &targets_of("力争建成1-2家高水平计量所", &frame)[0].value;
        assert_eq!(
            (range.number(), range.approximation()),
            (Some(1.0), Some(Approximation::Aspired))
        );
        assert!(range.to_string().ends_with("1–2"));
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
            ("全市食品检验量", "≥3.67", "万批次/年")
        );
        assert_eq!(
            (got[1].0.as_str(), got[1].1.as_str(), got[1].2.as_str()),
            ("全市食品安全抽样检验量", "≥5", "批次/千人")
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
        // The verbs before a name go, the scope word stays.
        assert_eq!(
            phrases("到2025年，全县稳步实现食品检验量达4万批次"),
            vec!["全县食品检验量"]
        );
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
            vec!["我市“名厨亮灶”覆盖"]
        );
    }

    #[test]
    fn the_cell_reader_and_the_prose_reader_agree_on_every_bound_and_approximation_word() {
        let lex = Lexicon::bundled();
        let frame = Frame::new(lex, Period::FOURTEENTH);
        let conv = crate::model::BracketConvention::default();
        let words = |before: bool| -> Vec<String> {
            let (bounds, about) = if before {
                (&lex.bounds.before, &lex.approx.about_before)
            } else {
                (&lex.bounds.after, &lex.approx.about_after)
            };
            let bounds = bounds.iter().map(|(w, _)| w.clone());
            bounds.chain(about.iter().map(str::to_string)).collect()
        };
        for before in [true, false] {
            for w in words(before) {
                let value = if before {
                    format!("{w}90%")
                } else {
                    format!("90%{w}")
                };
                let cell = Value::read(&value, &conv, lex);
                let found = targets_of(&format!("到2025年，抽检合格率达到{value}"), &frame);
                let prose = &found
                    .first()
                    .unwrap_or_else(|| panic!("{w}: no target"))
                    .value;
                assert_eq!(
                    (prose.number(), prose.bound, prose.approximation()),
                    (cell.number(), cell.bound, cell.approximation()),
                    "{w}"
                );
            }
        }
    }
}

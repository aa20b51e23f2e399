//! From a plan's paragraphs to passages: sentences split on the lexicon's sentence ends and
//! semicolons (。；！？), each kept as written with its line, column and place in the
//! outline, and normalized for matching.

use std::fmt;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Arc;

use hashbrown::{DefaultHashBuilder, HashTable};
use serde::{Serialize, Serializer};

use crate::model::Plan;
use crate::text::{Bracket, Lexicon, fold};

/// The longest passage (in normalized chars) that is matched fuzzily. Longer passages (a
/// text without sentence ends, such as a 5 MB single line) are only matched when they
/// are identical, which keeps time and memory bounded on adversarial input.
pub(crate) const MAX_FUZZY_CHARS: usize = 1_000;

/// The shortest passage (in normalized chars) that is matched on its own. Shorter ones
/// (headings such as 第一节 发展基础, list markers, table debris) are only matched when
/// identical and next to a matched passage.
pub(crate) const MIN_FUZZY_CHARS: usize = 8;

/// The length of the character n-grams (shingles) that index passages.
pub(crate) const SHINGLE: usize = 4;

/// A heading of the plan's outline that a passage sits under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    number: String,
    title: String,
    line: usize,
}

impl Heading {
    /// The number as written (第三章, （一）).
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The 1-based line of the heading.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// Where a passage stands in its plan.
///
/// The chapter and section come from the plan's outline ([`Plan::chapters`]); when the
/// plan has no outline they are `None` and the line alone locates the passage.
///
/// The headings are shared by the passages under them, not copied into each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "shared")]
    chapter: Option<Arc<Heading>>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "shared")]
    section: Option<Arc<Heading>>,
}

/// Serializes a shared heading as the heading.
pub(super) fn shared<S: Serializer>(h: &Option<Arc<Heading>>, s: S) -> Result<S::Ok, S::Error> {
    h.as_deref().serialize(s)
}

impl Location {
    /// The 1-based line of the paragraph the passage is in.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column, in chars, where the passage starts in its paragraph's text.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The chapter (章) the passage is in, when the plan has an outline.
    pub fn chapter(&self) -> Option<&Heading> {
        self.chapter.as_deref()
    }

    /// The chapter, shared.
    pub(super) fn chapter_shared(&self) -> Option<Arc<Heading>> {
        self.chapter.clone()
    }

    /// The section (节) the passage is in, when the plan's outline has one there.
    pub fn section(&self) -> Option<&Heading> {
        self.section.as_deref()
    }
}

/// A passage of a plan: one sentence of its body text.
///
/// A passage is cheap to clone: it shares the text of its plan's paragraphs with the
/// other passages of the plan, and its normalized text with those that read the same.
#[derive(Clone)]
pub struct Passage {
    /// The text of the plan's paragraphs, one after the other.
    body: Arc<str>,
    /// The passage as written: a byte range of `body`.
    span: Range<usize>,
    /// The plan's normalized texts, and which one is this passage's.
    forms: Arc<Forms>,
    form: usize,
    location: Location,
}

impl PartialEq for Passage {
    fn eq(&self, other: &Passage) -> bool {
        self.text() == other.text()
            && self.normalized() == other.normalized()
            && self.location == other.location
    }
}

impl Eq for Passage {}

impl fmt::Debug for Passage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Passage")
            .field("text", &self.text())
            .field("normalized", &self.normalized())
            .field("location", &self.location)
            .finish()
    }
}

impl Passage {
    /// The passage as written, without its sentence-ending mark.
    pub fn text(&self) -> &str {
        self.body.get(self.span.clone()).unwrap_or_default()
    }

    /// The passage as matched: full-width forms folded to half-width (，→ `,`, ２０２５ →
    /// `2025`), whitespace and quotation marks removed, Latin letters lowercased. The
    /// offsets of a [`Change`](super::Change) count chars of this text.
    pub fn normalized(&self) -> &str {
        self.forms.text(self.form)
    }

    /// Where the passage stands in its plan.
    pub fn location(&self) -> &Location {
        &self.location
    }
}

/// A passage prepared for matching.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub passage: Passage,
    /// The index of the chapter in the plan's outline, if any.
    pub chapter: Option<usize>,
}

/// The distinct normalized texts of a plan and what matching reads of each, derived once
/// per text (a plan that repeats a sentence a million times holds it once) and kept in
/// a few arrays shared by the plan's passages rather than in allocations of their own.
#[derive(Debug, Default)]
struct Forms {
    /// The texts, one after the other.
    text: String,
    /// For each text its chars then, for fuzzy passages only, the same chars sorted: a
    /// cheap bound on the similarity.
    chars: Vec<char>,
    /// For each fuzzy text its sorted, deduplicated shingle hashes.
    shingles: Vec<u64>,
    spans: Vec<FormSpan>,
}

/// Where one text's parts stand in the arrays of [`Forms`].
#[derive(Debug, Clone, Copy, Default)]
struct FormSpan {
    text: usize,
    text_end: usize,
    chars: usize,
    /// The number of chars.
    len: usize,
    /// Whether the sorted chars follow the chars.
    fuzzy: bool,
    shingles: usize,
    shingles_end: usize,
}

impl Forms {
    fn text(&self, form: usize) -> &str {
        self.spans
            .get(form)
            .and_then(|s| self.text.get(s.text..s.text_end))
            .unwrap_or_default()
    }

    fn span(&self, form: usize) -> FormSpan {
        self.spans.get(form).copied().unwrap_or_default()
    }

    /// Adds a text, returning its index.
    fn push(&mut self, text: &str) -> usize {
        let len = text.chars().count();
        let chars = self.chars.len();
        self.chars.extend(text.chars());
        let shingles = self.shingles.len();
        if (MIN_FUZZY_CHARS..=MAX_FUZZY_CHARS).contains(&len) {
            push_shingles(&self.chars[chars..], &mut self.shingles);
        }
        let fuzzy = self.shingles.len() > shingles;
        if fuzzy {
            self.chars.extend_from_within(chars..chars + len);
            self.chars[chars + len..].sort_unstable();
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push(FormSpan {
            text: start,
            text_end: self.text.len(),
            chars,
            len,
            fuzzy,
            shingles,
            shingles_end: self.shingles.len(),
        });
        self.spans.len() - 1
    }
}

impl Piece {
    fn span(&self) -> FormSpan {
        self.passage.forms.span(self.passage.form)
    }

    /// The normalized text as chars.
    pub fn chars(&self) -> &[char] {
        let s = self.span();
        self.passage
            .forms
            .chars
            .get(s.chars..s.chars + s.len)
            .unwrap_or_default()
    }

    /// Sorted, deduplicated shingle hashes; empty when the passage is matched only when
    /// identical.
    pub fn shingles(&self) -> &[u64] {
        let s = self.span();
        self.passage
            .forms
            .shingles
            .get(s.shingles..s.shingles_end)
            .unwrap_or_default()
    }

    /// The normalized chars sorted (fuzzy passages only).
    pub fn bag(&self) -> &[char] {
        let s = self.span();
        let n = if s.fuzzy { s.len } else { 0 };
        self.passage
            .forms
            .chars
            .get(s.chars + s.len..s.chars + s.len + n)
            .unwrap_or_default()
    }

    /// Whether two pieces read the same once normalized.
    pub fn same_text(&self, other: &Piece) -> bool {
        (Arc::ptr_eq(&self.passage.forms, &other.passage.forms)
            && self.passage.form == other.passage.form)
            || self.passage.normalized() == other.passage.normalized()
    }

    pub fn len(&self) -> usize {
        self.span().len
    }

    /// Whether the passage is too short to be matched on its own.
    pub fn short(&self) -> bool {
        self.len() < MIN_FUZZY_CHARS
    }

    pub fn fuzzy(&self) -> bool {
        self.span().fuzzy
    }
}

/// Folds one char for matching: `None` drops it.
///
/// Full-width ASCII forms become ASCII (`，` → `,`), Latin letters lowercase; whitespace,
/// quotation marks (`[fold].quotes` and `[reuse].dropped`) and invisible characters are
/// dropped; tortoise and lenticular brackets (〔〕, 【】) are written as square ones and
/// `[reuse].hyphens` as `-`. Angle brackets and title marks (《》) are kept: the
/// classifier reads them.
pub(crate) fn fold(lex: &Lexicon, c: char) -> Option<char> {
    let c = fold::ascii(c);
    if c.is_whitespace()
        || fold::is_quote(lex, c)
        || fold::is_invisible(lex, c)
        || lex.reuse.dropped.contains(c)
    {
        return None;
    }
    if let Some(square) = square_bracket(lex, c) {
        return Some(square);
    }
    if lex.reuse.hyphens.contains(c) {
        return Some('-');
    }
    Some(c.to_ascii_lowercase())
}

/// The square bracket a value bracket is matched as, for brackets other than the angle
/// kind (whose pairs include the title marks 《》).
fn square_bracket(lex: &Lexicon, c: char) -> Option<char> {
    let (open, close) = Bracket::Square.chars();
    lex.fold
        .brackets
        .iter()
        .filter(|(_, kind)| *kind != Bracket::Angle)
        .find_map(|(p, _)| {
            if c == p.open {
                Some(open)
            } else if c == p.close {
                Some(close)
            } else {
                None
            }
        })
}

/// [`fold`] and the chars that end a passage, as tables built once per plan: the
/// lexicon's few special chars (quotation marks, invisible and dropped chars, brackets,
/// hyphens) sorted, so that a char is looked up once rather than in each list.
struct Folder {
    /// Each special char (as `fold::ascii` leaves it) and what [`fold`] makes of it, sorted.
    special: Vec<(char, Option<char>)>,
    /// A bit for each char of the Basic Multilingual Plane: whether it is special.
    bmp: Vec<u64>,
    /// The chars that end a passage (sentence ends, semicolons), sorted.
    ends: Vec<char>,
}

impl Folder {
    fn new(lex: &Lexicon) -> Folder {
        let pairs = |p: &crate::text::Pair| [p.open, p.close];
        let mut special: Vec<(char, Option<char>)> = lex
            .fold
            .quotes
            .iter()
            .flat_map(pairs)
            .chain(lex.fold.brackets.iter().flat_map(|(p, _)| pairs(&p)))
            .chain(lex.fold.invisible.chars())
            .chain(lex.reuse.dropped.chars())
            .chain(lex.reuse.hyphens.chars())
            .map(|c| (c, fold(lex, c)))
            .collect();
        special.sort_unstable();
        special.dedup();
        let mut bmp = vec![0u64; 0x1_0000 / 64];
        for &(c, _) in &special {
            if let Some(word) = bmp.get_mut(c as usize / 64) {
                *word |= 1 << (c as usize % 64);
            }
        }
        let mut ends: Vec<char> = lex
            .fold
            .sentence_ends
            .chars()
            .chain(lex.reuse.passage_ends.chars())
            .collect();
        ends.sort_unstable();
        ends.dedup();
        Folder { special, bmp, ends }
    }

    /// What [`fold`] makes of `c`.
    fn fold(&self, c: char) -> Option<char> {
        let c = fold::ascii(c);
        let plain = self
            .bmp
            .get(c as usize / 64)
            .is_some_and(|word| word & (1 << (c as usize % 64)) == 0);
        if plain && !c.is_whitespace() {
            return Some(c.to_ascii_lowercase());
        }
        match self.special.binary_search_by_key(&c, |s| s.0) {
            Ok(k) => self.special[k].1,
            Err(_) if c.is_whitespace() => None,
            Err(_) => Some(c.to_ascii_lowercase()),
        }
    }

    /// Whether a char ends a passage: a sentence end or a semicolon.
    fn ends_passage(&self, c: char) -> bool {
        self.ends.binary_search(&c).is_ok()
    }
}

/// Splits a plan's paragraphs into prepared passages.
pub(crate) fn units(plan: &Plan, lex: &Lexicon) -> Vec<Piece> {
    let outline = Outline::new(plan);
    let body: Arc<str> = plan
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<String>()
        .into();
    let folder = Folder::new(lex);
    // At most one passage per passage end, and one more per paragraph.
    let ends = body.chars().filter(|c| folder.ends_passage(*c)).count();
    let mut splitter = Splitter {
        folder: &folder,
        out: Vec::with_capacity(ends + plan.paragraphs.len()),
        forms: Forms::default(),
        table: HashTable::with_capacity(plan.paragraphs.len()),
        hasher: DefaultHashBuilder::default(),
        normalized: String::new(),
    };
    let mut offset = 0;
    for para in &plan.paragraphs {
        let (chapter, chapter_heading, section_heading) = outline.locate(para.line);
        let at = ParagraphPlace {
            offset,
            line: para.line,
            chapter,
            chapter_heading,
            section_heading,
        };
        let mut start = 0usize; // byte offset of the current passage
        let mut column = 1usize; // 1-based char column of `start`
        let mut chars_seen = 0usize;
        for (byte, c) in para.text.char_indices() {
            chars_seen += 1;
            if folder.ends_passage(c) {
                splitter.push(&para.text, start..byte, column, &at);
                start = byte + c.len_utf8();
                column = chars_seen + 1;
            }
        }
        splitter.push(&para.text, start..para.text.len(), column, &at);
        offset += para.text.len();
    }
    let forms = Arc::new(splitter.forms);
    splitter
        .out
        .into_iter()
        .map(|p| Piece {
            passage: Passage {
                body: Arc::clone(&body),
                span: p.span,
                forms: Arc::clone(&forms),
                form: p.form,
                location: p.location,
            },
            chapter: p.chapter,
        })
        .collect()
}

/// Where the paragraph being split stands: where its text starts in the plan's body, its
/// line and its place in the outline.
struct ParagraphPlace {
    offset: usize,
    line: usize,
    chapter: Option<usize>,
    chapter_heading: Option<Arc<Heading>>,
    section_heading: Option<Arc<Heading>>,
}

/// A passage split off, before the plan's forms are complete and shared.
struct Split {
    span: Range<usize>,
    form: usize,
    location: Location,
    chapter: Option<usize>,
}

/// The passages of a plan as they are split off, and the distinct normalized texts seen
/// so far, found by their hash.
struct Splitter<'f> {
    folder: &'f Folder,
    out: Vec<Split>,
    forms: Forms,
    /// The index in `forms` of each distinct text.
    table: HashTable<usize>,
    hasher: DefaultHashBuilder,
    /// The passage being normalized (one buffer for all).
    normalized: String,
}

impl Splitter<'_> {
    /// Prepares the passage at `span` of the paragraph `text` placed at `at`, which starts
    /// at `column`.
    fn push(&mut self, text: &str, span: Range<usize>, column: usize, at: &ParagraphPlace) {
        let raw = text.get(span.clone()).unwrap_or_default();
        self.normalized.clear();
        let folder = self.folder;
        self.normalized
            .extend(raw.chars().filter_map(|c| folder.fold(c)));
        if self.normalized.is_empty() {
            return;
        }
        let hash = self.hasher.hash_one(self.normalized.as_str());
        let (forms, normalized) = (&self.forms, self.normalized.as_str());
        let form = match self.table.find(hash, |&k| forms.text(k) == normalized) {
            Some(&k) => k,
            None => {
                let k = self.forms.push(&self.normalized);
                let (forms, hasher) = (&self.forms, &self.hasher);
                self.table
                    .insert_unique(hash, k, |&k| hasher.hash_one(forms.text(k)));
                k
            }
        };
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim_start();
        let start = span.start + (raw.len() - trimmed.len());
        let end = start + trimmed.trim_end().len();
        self.out.push(Split {
            span: at.offset + start..at.offset + end,
            form,
            location: Location {
                line: at.line,
                column: column + lead,
                chapter: at.chapter_heading.clone(),
                section: at.section_heading.clone(),
            },
            chapter: at.chapter,
        });
    }
}

/// The number of chars two sorted bags have in common: no common subsequence is longer.
pub(crate) fn common_chars(x: &[char], y: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(a), Some(b)) = (x.get(i), y.get(j)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Appends the sorted, deduplicated hashes of a text's character 4-grams to `out`.
fn push_shingles(chars: &[char], out: &mut Vec<u64>) {
    let start = out.len();
    out.extend(chars.windows(SHINGLE).map(shingle_hash));
    out[start..].sort_unstable();
    let mut kept = start;
    for k in start..out.len() {
        if kept == start || out[k] != out[kept - 1] {
            out[kept] = out[k];
            kept += 1;
        }
    }
    out.truncate(kept);
}

fn shingle_hash(w: &[char]) -> u64 {
    // A char fits in 21 bits: mix the four into 64 bits (collisions only add candidates,
    // which are then scored exactly).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in w {
        h = (h ^ u64::from(u32::from(*c))).wrapping_mul(0x0100_0000_01b3);
        h ^= h >> 29;
    }
    h
}

/// The plan's outline flattened for locating lines, each heading made once and shared
/// by the passages under it.
struct Outline {
    /// Chapters with a known line, sorted by line (then by index).
    chapters: Vec<OutlineChapter>,
}

/// A chapter of the [`Outline`].
struct OutlineChapter {
    line: usize,
    /// Its index in the plan's outline.
    index: usize,
    heading: Arc<Heading>,
    /// Its sections with a known line from the chapter's on, as (line, heading), sorted
    /// by line (then by order in the chapter).
    sections: Vec<(usize, Arc<Heading>)>,
}

impl Outline {
    fn new(plan: &Plan) -> Outline {
        let mut chapters: Vec<OutlineChapter> = plan
            .chapters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.line > 0)
            .map(|(index, c)| {
                let heading = |number: &str, title: &str, line| {
                    Arc::new(Heading {
                        number: number.to_string(),
                        title: title.to_string(),
                        line,
                    })
                };
                let mut sections: Vec<(usize, usize, Arc<Heading>)> = c
                    .sections
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.line > 0 && s.line >= c.line)
                    .map(|(k, s)| (s.line, k, heading(&s.number, &s.title, s.line)))
                    .collect();
                sections.sort_unstable_by_key(|(line, k, _)| (*line, *k));
                OutlineChapter {
                    line: c.line,
                    index,
                    heading: heading(&c.number, &c.title, c.line),
                    sections: sections.into_iter().map(|(l, _, h)| (l, h)).collect(),
                }
            })
            .collect();
        chapters.sort_unstable_by_key(|c| (c.line, c.index));
        Outline { chapters }
    }

    /// The chapter index and headings of the chapter and section a line falls in: the
    /// last chapter and section (in line order) starting at or before it.
    fn locate(&self, line: usize) -> (Option<usize>, Option<Arc<Heading>>, Option<Arc<Heading>>) {
        let n = self.chapters.partition_point(|c| c.line <= line);
        let Some(chapter) = n.checked_sub(1).and_then(|i| self.chapters.get(i)) else {
            return (None, None, None);
        };
        let k = chapter.sections.partition_point(|(l, _)| *l <= line);
        let section = k
            .checked_sub(1)
            .and_then(|i| chapter.sections.get(i))
            .map(|(_, h)| Arc::clone(h));
        (
            Some(chapter.index),
            Some(Arc::clone(&chapter.heading)),
            section,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Locality, Paragraph};

    fn plan(lines: &[&str]) -> Plan {
        let mut p = Plan::new("t", Locality::new("测试市", crate::Level::PrefectureCity));
        p.paragraphs = lines
            .iter()
            .enumerate()
            .map(|(k, t)| Paragraph {
                text: (*t).to_string(),
                line: k + 1,
            })
            .collect();
        p
    }

    fn units_of(p: &Plan) -> Vec<Piece> {
        units(p, Lexicon::bundled())
    }

    #[test]
    fn folds_widths_quotes_and_spaces() {
        let s: String = "“四个最严”　要求，２０２５年 ABC；"
            .chars()
            .filter_map(|c| fold(Lexicon::bundled(), c))
            .collect();
        assert_eq!(s, "四个最严要求,2025年abc;");
    }

    #[test]
    fn folds_brackets_to_square_but_keeps_title_marks() {
        let s: String = "〔2025〕【注】《规划》\u{200b}﹣'"
            .chars()
            .filter_map(|c| fold(Lexicon::bundled(), c))
            .collect();
        assert_eq!(s, "[2025][注]《规划》-");
    }

    /// The folding table agrees with [`fold`] on every char, and on the passage ends.
    #[test]
    fn the_folder_folds_every_char_as_fold_does() {
        let lex = Lexicon::bundled();
        let folder = Folder::new(lex);
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(folder.fold(c), fold(lex, c), "{c:?}");
            let ends = lex.fold.sentence_ends.contains(c) || lex.reuse.passage_ends.contains(c);
            assert_eq!(folder.ends_passage(c), ends, "{c:?}");
        }
    }

    #[test]
    fn splits_on_sentence_ends_and_keeps_columns() {
        let u = units_of(&plan(&["甲乙。丙丁；  戊己！", "。”"]));
        let texts: Vec<&str> = u.iter().map(|u| u.passage.text()).collect();
        assert_eq!(texts, ["甲乙", "丙丁", "戊己"]);
        let cols: Vec<usize> = u.iter().map(|u| u.passage.location().column()).collect();
        assert_eq!(cols, [1, 4, 9]);
        assert!(u.iter().all(|u| u.passage.location().chapter().is_none()));
    }

    #[test]
    fn passages_are_located_in_the_outline_by_line() {
        use crate::model::{Chapter, Section};
        let mut p = plan(&[
            "前言一句。",
            "第一章 总体要求",
            "第一节 指导思想",
            "正文一句。",
            "第二章 任务",
            "正文二句。",
        ]);
        let section = |number: &str, line| Section {
            number: number.into(),
            title: "指导思想".into(),
            text: String::new(),
            items: Vec::new(),
            line,
        };
        let chapter = |number: &str, line, sections| Chapter {
            number: number.into(),
            title: "总体要求".into(),
            text: String::new(),
            sections,
            line,
        };
        p.chapters = vec![
            chapter("第一章", 2, vec![section("第一节", 3)]),
            chapter("第二章", 5, Vec::new()),
        ];
        let u = units_of(&p);
        type At<'u> = (usize, Option<&'u str>, Option<&'u str>, Option<usize>);
        let at: Vec<At<'_>> = u
            .iter()
            .map(|u| {
                let l = u.passage.location();
                (
                    l.line(),
                    l.chapter().map(Heading::number),
                    l.section().map(Heading::number),
                    u.chapter,
                )
            })
            .collect();
        assert_eq!(
            at,
            [
                (1, None, None, None),
                (2, Some("第一章"), None, Some(0)),
                (3, Some("第一章"), Some("第一节"), Some(0)),
                (4, Some("第一章"), Some("第一节"), Some(0)),
                (5, Some("第二章"), None, Some(1)),
                (6, Some("第二章"), None, Some(1)),
            ]
        );
    }

    #[test]
    fn short_and_huge_passages_are_exact_only() {
        let long = "市场监管".repeat(MAX_FUZZY_CHARS);
        let u = units_of(&plan(&["短句", "这是一个足够长的句子用于匹配", &long]));
        let fuzzy: Vec<bool> = u.iter().map(Piece::fuzzy).collect();
        assert_eq!(fuzzy, [false, true, false]);
    }
}

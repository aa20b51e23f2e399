//! From a plan's paragraphs to passages: sentences split on the lexicon's sentence ends and
//! semicolons (。；！？), each kept as written with its line, column and place in the
//! outline, and normalized for matching.

use serde::Serialize;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    chapter: Option<Heading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<Heading>,
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
        self.chapter.as_ref()
    }

    /// The section (节) the passage is in, when the plan's outline has one there.
    pub fn section(&self) -> Option<&Heading> {
        self.section.as_ref()
    }
}

/// A passage of a plan: one sentence of its body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    text: String,
    normalized: String,
    location: Location,
}

impl Passage {
    /// The passage as written, without its sentence-ending mark.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The passage as matched: full-width forms folded to half-width (，→ `,`, ２０２５ →
    /// `2025`), whitespace and quotation marks removed, Latin letters lowercased. The
    /// offsets of a [`Change`](super::Change) count chars of this text.
    pub fn normalized(&self) -> &str {
        &self.normalized
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
    /// The normalized text as chars.
    pub chars: Vec<char>,
    /// The index of the chapter in the plan's outline, if any.
    pub chapter: Option<usize>,
    /// Sorted, deduplicated shingle hashes; empty when the passage is matched only when
    /// identical.
    pub shingles: Vec<u64>,
    /// The normalized chars sorted, for a cheap bound on the similarity (fuzzy passages
    /// only).
    pub bag: Vec<char>,
}

impl Piece {
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the passage is too short to be matched on its own.
    pub fn short(&self) -> bool {
        self.chars.len() < MIN_FUZZY_CHARS
    }

    pub fn fuzzy(&self) -> bool {
        !self.shingles.is_empty()
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

/// Whether a char ends a passage: a sentence end or a semicolon.
fn ends_passage(lex: &Lexicon, c: char) -> bool {
    lex.fold.sentence_ends.contains(c) || lex.reuse.passage_ends.contains(c)
}

/// Splits a plan's paragraphs into prepared passages.
pub(crate) fn units(plan: &Plan, lex: &Lexicon) -> Vec<Piece> {
    let outline = Outline::new(plan);
    let mut out = Vec::new();
    for para in &plan.paragraphs {
        let (chapter, chapter_heading, section_heading) = outline.locate(para.line);
        let at = ParagraphPlace {
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
            if ends_passage(lex, c) {
                push(lex, &mut out, &para.text[start..byte], column, &at);
                start = byte + c.len_utf8();
                column = chars_seen + 1;
            }
        }
        push(lex, &mut out, &para.text[start..], column, &at);
    }
    out
}

/// Where the paragraph being split stands: its line and its place in the outline.
struct ParagraphPlace {
    line: usize,
    chapter: Option<usize>,
    chapter_heading: Option<Heading>,
    section_heading: Option<Heading>,
}

/// Prepares the passage `raw`, which starts at `column` of the paragraph `at`.
fn push(lex: &Lexicon, out: &mut Vec<Piece>, raw: &str, column: usize, at: &ParagraphPlace) {
    // The char count bounds the folded count: one allocation, no regrowth.
    let mut chars: Vec<char> = Vec::with_capacity(raw.chars().count());
    chars.extend(raw.chars().filter_map(|c| fold(lex, c)));
    if chars.is_empty() {
        return;
    }
    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
    let shingles = if (MIN_FUZZY_CHARS..=MAX_FUZZY_CHARS).contains(&chars.len()) {
        shingles(&chars)
    } else {
        Vec::new()
    };
    let bag = if shingles.is_empty() {
        Vec::new()
    } else {
        let mut bag = chars.clone();
        bag.sort_unstable();
        bag
    };
    out.push(Piece {
        passage: Passage {
            text: raw.trim().to_string(),
            normalized: chars.iter().collect(),
            location: Location {
                line: at.line,
                column: column + lead,
                chapter: at.chapter_heading.clone(),
                section: at.section_heading.clone(),
            },
        },
        chars,
        chapter: at.chapter,
        bag,
        shingles,
    });
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

/// The sorted, deduplicated hashes of a text's character 4-grams.
fn shingles(chars: &[char]) -> Vec<u64> {
    let mut out: Vec<u64> = chars.windows(SHINGLE).map(shingle_hash).collect();
    out.sort_unstable();
    out.dedup();
    out
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

/// The plan's outline flattened for locating lines.
struct Outline<'p> {
    plan: &'p Plan,
    /// (line, chapter index) of chapters with a known line, sorted by line.
    chapters: Vec<(usize, usize)>,
}

impl<'p> Outline<'p> {
    fn new(plan: &'p Plan) -> Outline<'p> {
        let mut chapters: Vec<(usize, usize)> = plan
            .chapters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.line > 0)
            .map(|(k, c)| (c.line, k))
            .collect();
        chapters.sort_unstable();
        Outline { plan, chapters }
    }

    /// The chapter index and headings of the chapter and section a line falls in.
    fn locate(&self, line: usize) -> (Option<usize>, Option<Heading>, Option<Heading>) {
        let n = self.chapters.partition_point(|(l, _)| *l <= line);
        let Some(&(_, k)) = n.checked_sub(1).and_then(|i| self.chapters.get(i)) else {
            return (None, None, None);
        };
        let Some(chapter) = self.plan.chapters.get(k) else {
            return (None, None, None);
        };
        let section = chapter
            .sections
            .iter()
            .filter(|s| s.line > 0 && s.line >= chapter.line && s.line <= line)
            .max_by_key(|s| s.line)
            .map(|s| Heading {
                number: s.number.clone(),
                title: s.title.clone(),
                line: s.line,
            });
        let heading = Heading {
            number: chapter.number.clone(),
            title: chapter.title.clone(),
            line: chapter.line,
        };
        (Some(k), Some(heading), section)
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

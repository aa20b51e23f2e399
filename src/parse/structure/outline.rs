//! The outline: chapters, their sections and their items.
//!
//! Which numbering is which level depends on the document. The kinds of numbering its
//! headings use are ranked outermost first (第X章, 第X节, 一、, （一）, 1., （1）); the first
//! kind present is the chapter, the next the section, the next the item, and deeper
//! numbering is text of the item. A plan numbered 第X章/第X节/一、 has 一、 items; one
//! numbered 一、/（一）/1. has 一、 chapters.
//!
//! Numbering errors are tolerated and reported: a chapter number that skips (湛江's lost
//! 第五章 to 第七章), a chapter number inside the previous chapter that fits as its next
//! section (鼎湖's 第一章 指导思想 inside 第二章), a section number out of sequence.

use std::collections::HashSet;

use crate::model::{Chapter, Item, Period, Section};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::text::Lexicon;

use super::heading::{Kind, Marker};
use super::{Para, ParaKind};

/// The level a heading takes in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    /// A chapter.
    Chapter,
    /// A section.
    Section,
    /// An item.
    Item,
    /// Numbering deeper than the items: text of the item.
    Deeper,
}

/// Where a paragraph stands in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Place {
    /// The index of its chapter.
    pub chapter: Option<usize>,
    /// The index of its section in the chapter.
    pub section: Option<usize>,
    /// The level of the paragraph, when it is a heading.
    pub level: Option<Level>,
    /// Whether it looks back rather than forward (规划背景, 发展基础, 面临形势).
    pub background: bool,
    /// Whether it stands after the end of the plan's body (附件 …).
    pub appendix: bool,
}

/// The outline and the place of every paragraph in it.
#[derive(Debug, Default)]
pub(super) struct Outline {
    /// The chapters.
    pub chapters: Vec<Chapter>,
    /// The place of each paragraph, index for index.
    pub places: Vec<Place>,
}

impl Outline {
    /// The number of the chapter that a line stands in.
    pub fn chapter_number_at(&self, line: usize) -> Option<String> {
        let k = self.chapters.partition_point(|c| c.line <= line);
        k.checked_sub(1)
            .and_then(|k| self.chapters.get(k))
            .map(|c| c.number.clone())
    }
}

/// Whether a chapter or section title looks back at the previous period: a background
/// word (规划背景, 发展基础, 回顾 …) or the name of a period that ended before this plan's.
fn is_background(title: &str, lex: &Lexicon, period: Period) -> bool {
    lex.document.headings.background.any_in(title)
        || lex
            .periods
            .iter()
            .any(|p| p.end <= period.baseline && title.contains(p.name.as_str()))
}

/// The kinds of numbering for chapters, sections and items in this document.
fn scheme(paras: &[Para]) -> [Option<Kind>; 3] {
    let mut counts = [0usize; 6];
    for p in paras {
        if p.kind == ParaKind::End {
            break;
        }
        if let (Some(m), None) = (p.marker(), p.boxed) {
            if let Some(k) = Kind::ALL.iter().position(|k| *k == m.kind) {
                if let Some(c) = counts.get_mut(k) {
                    *c += 1;
                }
            }
        }
    }
    let mut present = Kind::ALL
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(k, c)| (*k, c));
    // A chapter numbering is used at least twice; a lone 第一章 in a plan numbered 一、
    // would otherwise take over.
    let chapter = present.by_ref().find(|(_, c)| *c >= 2).map(|(k, _)| k);
    let section = present.next().map(|(k, _)| k);
    let item = present.next().map(|(k, _)| k);
    [chapter, section, item]
}

/// A jump in the chapter numbers: chapters were lost between `before` and `after`.
struct Gap {
    before: usize,
    after_line: usize,
    after_number: String,
    missing: (u32, u32),
}

/// Builds the outline from the paragraphs.
pub(super) fn read(
    paras: &[Para],
    diags: &mut Vec<Diagnostic>,
    lex: &Lexicon,
    period: Period,
) -> Outline {
    let mut reader = Reader::new(scheme(paras), paras.len(), diags, lex, period);
    for p in paras {
        reader.para(p);
    }
    reader.finish()
}

/// What the outline reader holds between paragraphs.
struct Reader<'d> {
    chapter_kind: Option<Kind>,
    section_kind: Option<Kind>,
    item_kind: Option<Kind>,
    out: Outline,
    /// The last chapter, section and item numbers read.
    chapter_seen: Option<u32>,
    section_seen: Option<u32>,
    item_seen: Option<u32>,
    /// Whether the chapter, the section, stands in the background (looks back).
    chapter_bg: bool,
    section_bg: bool,
    /// Whether the body of the plan has ended.
    ended: bool,
    gaps: Vec<Gap>,
    /// Lines where the section numbering broke, to tell orphaned sections.
    breaks: HashSet<usize>,
    diags: &'d mut Vec<Diagnostic>,
    lex: &'d Lexicon,
    period: Period,
}

impl<'d> Reader<'d> {
    fn new(
        scheme: [Option<Kind>; 3],
        paras: usize,
        diags: &'d mut Vec<Diagnostic>,
        lex: &'d Lexicon,
        period: Period,
    ) -> Reader<'d> {
        let [chapter_kind, section_kind, item_kind] = scheme;
        Reader {
            lex,
            period,
            chapter_kind,
            section_kind,
            item_kind,
            out: Outline {
                chapters: Vec::new(),
                places: Vec::with_capacity(paras),
            },
            chapter_seen: None,
            section_seen: None,
            item_seen: None,
            chapter_bg: false,
            section_bg: false,
            ended: false,
            gaps: Vec::new(),
            breaks: HashSet::new(),
            diags,
        }
    }

    /// Files one paragraph in the outline and records its place.
    fn para(&mut self, p: &Para) {
        if self.ended || p.kind == ParaKind::End {
            self.ended = true;
            self.out.places.push(Place {
                appendix: true,
                ..Place::default()
            });
            return;
        }
        let mut level = None;
        if let (Some(m), None) = (p.marker(), p.boxed) {
            level = Some(self.heading(p, m));
        } else if p.kind == ParaKind::Text && p.boxed.is_none() {
            append_text(&mut self.out, &p.text);
        }
        self.place(level);
    }

    /// A numbered heading: a chapter, a section, an item, or text of the item.
    fn heading(&mut self, p: &Para, m: &Marker) -> Level {
        let line = p.line();
        let kind = Some(m.kind);
        if kind == self.chapter_kind {
            self.chapter(m, line)
        } else if kind == self.section_kind && !self.out.chapters.is_empty() {
            self.section(m, line);
            Level::Section
        } else if kind == self.item_kind && self.section_kind.is_some() {
            self.item(p, m);
            Level::Item
        } else {
            append_text(&mut self.out, &p.text);
            Level::Deeper
        }
    }

    /// A chapter heading; one numbered as the current chapter's next section is read as
    /// that section.
    fn chapter(&mut self, m: &Marker, line: usize) -> Level {
        let value = m.value;
        let expected = self.chapter_seen.map_or(1, |v| v + 1);
        let current = self.out.chapters.len().checked_sub(1);
        let as_section = match (value, current, self.section_kind) {
            (Some(v), Some(c), Some(_)) if v < expected => self
                .out
                .chapters
                .get(c)
                .is_some_and(|ch| ch.sections.len() as u32 + 1 == v),
            _ => false,
        };
        if as_section {
            let within = self
                .out
                .chapters
                .last()
                .map_or(String::new(), |c| c.number.clone());
            self.diags.push(Diagnostic::new(
                Severity::Warning,
                Some(line),
                DiagnosticKind::OutlineNumbering,
                format!(
                    "{} {} stands inside {within} and is read as its section {}",
                    m.number,
                    m.title,
                    self.section_kind
                        .map_or(String::new(), |k| k.write(value.unwrap_or(0), self.lex))
                ),
            ));
            push_section(
                &mut self.out,
                m,
                line,
                &mut self.section_seen,
                &mut self.item_seen,
                self.diags,
            );
            self.section_bg = is_background(&m.title, self.lex, self.period);
            return Level::Section;
        }
        self.check_chapter_number(m, line, expected, current);
        self.out.chapters.push(Chapter {
            number: m.number.clone(),
            title: m.title.clone(),
            text: m.rest.clone(),
            sections: Vec::new(),
            line,
        });
        self.section_seen = None;
        self.item_seen = None;
        self.chapter_bg = is_background(&m.title, self.lex, self.period);
        self.section_bg = false;
        Level::Chapter
    }

    /// Checks a chapter's number against the one expected: a jump is a gap, reported once
    /// the outline is read; a start past the first chapter or a step back is reported now.
    fn check_chapter_number(
        &mut self,
        m: &Marker,
        line: usize,
        expected: u32,
        current: Option<usize>,
    ) {
        let Some(v) = m.value else {
            self.chapter_seen = Some(expected);
            return;
        };
        if v > expected {
            match current {
                Some(before) => self.gaps.push(Gap {
                    before,
                    after_line: line,
                    after_number: m.number.clone(),
                    missing: (expected, v - 1),
                }),
                None => self.diags.push(Diagnostic::new(
                    Severity::Warning,
                    Some(line),
                    DiagnosticKind::OutlineNumbering,
                    format!(
                        "the outline starts at {} rather than at its first chapter",
                        m.number
                    ),
                )),
            }
        } else if v < expected {
            self.diags.push(Diagnostic::new(
                Severity::Warning,
                Some(line),
                DiagnosticKind::OutlineNumbering,
                format!(
                    "{} {} comes after {}: the chapter numbering goes back",
                    m.number,
                    m.title,
                    self.chapter_kind
                        .map_or(String::new(), |k| k.write(expected - 1, self.lex))
                ),
            ));
        }
        self.chapter_seen = Some(v);
    }

    /// A section heading in the current chapter.
    fn section(&mut self, m: &Marker, line: usize) {
        if push_section(
            &mut self.out,
            m,
            line,
            &mut self.section_seen,
            &mut self.item_seen,
            self.diags,
        ) {
            self.breaks.insert(line);
        }
        self.section_bg = is_background(&m.title, self.lex, self.period);
    }

    /// An item heading in the current section; without a section it is text.
    fn item(&mut self, p: &Para, m: &Marker) {
        let line = p.line();
        let Some(section) = self
            .out
            .chapters
            .last_mut()
            .and_then(|c| c.sections.last_mut())
        else {
            append_text(&mut self.out, &p.text);
            return;
        };
        let expected = self.item_seen.map_or(1, |v| v + 1);
        if let Some(v) = m.value {
            if v != expected {
                self.diags.push(Diagnostic::new(
                    Severity::Info,
                    Some(line),
                    DiagnosticKind::OutlineNumbering,
                    format!(
                        "item {} {} follows item {} in {}",
                        m.number,
                        m.title,
                        expected.saturating_sub(1),
                        section.number
                    ),
                ));
            }
            self.item_seen = Some(v);
        }
        section.items.push(Item {
            number: m.number.clone(),
            title: m.title.clone(),
            text: m.rest.clone(),
            line,
        });
    }

    /// Records where the paragraph just read stands.
    fn place(&mut self, level: Option<Level>) {
        let chapter = self.out.chapters.len().checked_sub(1);
        let section = self
            .out
            .chapters
            .last()
            .and_then(|c| c.sections.len().checked_sub(1));
        let background =
            chapter.is_some() && (self.chapter_bg || (section.is_some() && self.section_bg));
        self.out.places.push(Place {
            chapter,
            section,
            level,
            background,
            appendix: false,
        });
    }

    /// Reports the chapters lost from the outline, now that every section is known.
    fn finish(self) -> Outline {
        for gap in &self.gaps {
            report_gap(&self.out, gap, &self.breaks, self.diags, self.lex);
        }
        self.out
    }
}

/// Adds a section to the last chapter, checking its number; returns whether the number
/// broke the sequence.
fn push_section(
    out: &mut Outline,
    m: &Marker,
    line: usize,
    section_seen: &mut Option<u32>,
    item_seen: &mut Option<u32>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let Some(chapter) = out.chapters.last_mut() else {
        return false;
    };
    let expected = section_seen.map_or(1, |v| v + 1);
    let mut broke = false;
    if let Some(v) = m.value {
        if v != expected {
            broke = true;
            diags.push(Diagnostic::new(
                Severity::Warning,
                Some(line),
                DiagnosticKind::OutlineNumbering,
                format!(
                    "{} {} follows {} in {}: the section numbering is out of sequence",
                    m.number,
                    m.title,
                    if expected > 1 {
                        format!("section {}", expected - 1)
                    } else {
                        "the chapter heading".to_string()
                    },
                    chapter.number
                ),
            ));
        }
        *section_seen = Some(v);
    } else {
        *section_seen = Some(expected);
    }
    *item_seen = None;
    chapter.sections.push(Section {
        number: m.number.clone(),
        title: m.title.clone(),
        text: m.rest.clone(),
        items: Vec::new(),
        line,
    });
    broke
}

/// Appends text to the innermost node open: the last item, section or chapter.
fn append_text(out: &mut Outline, text: &str) {
    let Some(chapter) = out.chapters.last_mut() else {
        return;
    };
    let target = match chapter.sections.last_mut() {
        Some(section) => match section.items.last_mut() {
            Some(item) => &mut item.text,
            None => &mut section.text,
        },
        None => &mut chapter.text,
    };
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(text);
}

/// The pairs of adjacent CJK characters of a title, to tell whether two titles share a word.
fn bigrams(s: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if *a > '\u{2e80}' && *b > '\u{2e80}' => Some((*a, *b)),
            _ => None,
        })
        .collect()
}

/// Reports chapters lost from the outline, naming the sections that may be theirs.
fn report_gap(
    out: &Outline,
    gap: &Gap,
    breaks: &HashSet<usize>,
    diags: &mut Vec<Diagnostic>,
    lex: &Lexicon,
) {
    let Some(before) = out.chapters.get(gap.before) else {
        return;
    };
    let kind_word = |n: u32| {
        if before
            .number
            .starts_with(lex.document.headings.ordinal.as_str())
        {
            Kind::Chapter.write(n, lex)
        } else {
            Kind::CnComma.write(n, lex)
        }
    };
    let missing = if gap.missing.0 == gap.missing.1 {
        format!("the heading of {} is missing", kind_word(gap.missing.0))
    } else {
        format!(
            "the headings of {} to {} are missing",
            kind_word(gap.missing.0),
            kind_word(gap.missing.1)
        )
    };
    // The sections that may belong to the lost chapters: from the first one, after a
    // section that shares a word with the chapter title, that shares none, or from the
    // first break in the section numbering.
    let title = bigrams(&before.title);
    let mut shared_before = false;
    let mut first_orphan = None;
    for (k, s) in before.sections.iter().enumerate() {
        let shares = !bigrams(&s.title).is_disjoint(&title);
        if (shared_before && !shares) || breaks.contains(&s.line) {
            first_orphan = Some(k);
            break;
        }
        shared_before |= shares;
    }
    let orphans: Vec<String> = first_orphan
        .and_then(|k| before.sections.get(k..))
        .unwrap_or(&[])
        .iter()
        .map(|s| format!("{} {} (line {})", s.number, s.title, s.line))
        .collect();
    let filing = if orphans.is_empty() {
        format!(
            "the text up to line {} stays filed under {}",
            gap.after_line, before.number
        )
    } else {
        format!(
            "the sections that may belong to them stay filed under {}: {}",
            before.number,
            orphans.join(", ")
        )
    };
    diags.push(Diagnostic::new(
        Severity::Warning,
        Some(gap.after_line),
        DiagnosticKind::ChaptersMissing,
        format!(
            "the chapter numbers jump from {} (line {}) to {} (line {}), so {missing}; {filing}",
            before.number, before.line, gap.after_number, gap.after_line
        ),
    ));
}

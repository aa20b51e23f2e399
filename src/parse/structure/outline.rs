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

use crate::model::{Chapter, Item, Section};
use crate::parse::diagnostic::{Diagnostic, Severity};

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

/// Words of a chapter or section title that looks back at the previous period.
const BACKGROUND: [&str; 9] = [
    "规划背景",
    "发展基础",
    "基础与现状",
    "形势",
    "发展环境",
    "现实基础",
    "发展成就",
    "回顾",
    "十三五",
];

fn is_background(title: &str) -> bool {
    BACKGROUND.iter().any(|w| title.contains(w))
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
pub(super) fn read(paras: &[Para], diags: &mut Vec<Diagnostic>) -> Outline {
    let [chapter_kind, section_kind, item_kind] = scheme(paras);
    let mut out = Outline {
        chapters: Vec::new(),
        places: Vec::with_capacity(paras.len()),
    };
    let mut chapter_seen: Option<u32> = None;
    let mut section_seen: Option<u32> = None;
    let mut item_seen: Option<u32> = None;
    let mut chapter_bg = false;
    let mut section_bg = false;
    let mut ended = false;
    let mut gaps: Vec<Gap> = Vec::new();
    // Lines where the section numbering broke, to tell orphaned sections.
    let mut breaks: HashSet<usize> = HashSet::new();
    for p in paras {
        let line = p.line();
        if ended || p.kind == ParaKind::End {
            ended = true;
            out.places.push(Place {
                appendix: true,
                ..Place::default()
            });
            continue;
        }
        let mut level = None;
        if let (Some(m), None) = (p.marker(), p.boxed) {
            let kind = Some(m.kind);
            if kind == chapter_kind {
                let value = m.value;
                let expected = chapter_seen.map_or(1, |v| v + 1);
                let current = out.chapters.len().checked_sub(1);
                let as_section = match (value, current, section_kind) {
                    (Some(v), Some(c), Some(_)) if v < expected => out
                        .chapters
                        .get(c)
                        .is_some_and(|ch| ch.sections.len() as u32 + 1 == v),
                    _ => false,
                };
                if as_section {
                    let within = out
                        .chapters
                        .last()
                        .map_or(String::new(), |c| c.number.clone());
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        Some(line),
                        "outline numbering error",
                        format!(
                            "{} {} stands inside {within} and is read as its section {}",
                            m.number,
                            m.title,
                            section_kind.map_or(String::new(), |k| k
                                .write(value.unwrap_or(0), crate::text::Lexicon::bundled()))
                        ),
                    ));
                    push_section(&mut out, m, line, &mut section_seen, &mut item_seen, diags);
                    section_bg = is_background(&m.title);
                    level = Some(Level::Section);
                } else {
                    if let Some(v) = value {
                        if v > expected {
                            match current {
                                Some(before) => gaps.push(Gap {
                                    before,
                                    after_line: line,
                                    after_number: m.number.clone(),
                                    missing: (expected, v - 1),
                                }),
                                None => diags.push(Diagnostic::new(
                                    Severity::Warning,
                                    Some(line),
                                    "outline numbering error",
                                    format!(
                                        "the outline starts at {} rather than at its first chapter",
                                        m.number
                                    ),
                                )),
                            }
                        } else if v < expected {
                            diags.push(Diagnostic::new(
                                Severity::Warning,
                                Some(line),
                                "outline numbering error",
                                format!(
                                    "{} {} comes after {}: the chapter numbering goes back",
                                    m.number,
                                    m.title,
                                    chapter_kind.map_or(String::new(), |k| k
                                        .write(expected - 1, crate::text::Lexicon::bundled()))
                                ),
                            ));
                        }
                        chapter_seen = Some(v);
                    } else {
                        chapter_seen = Some(expected);
                    }
                    out.chapters.push(Chapter {
                        number: m.number.clone(),
                        title: m.title.clone(),
                        text: m.rest.clone(),
                        sections: Vec::new(),
                        line,
                    });
                    section_seen = None;
                    item_seen = None;
                    chapter_bg = is_background(&m.title);
                    section_bg = false;
                    level = Some(Level::Chapter);
                }
            } else if kind == section_kind && !out.chapters.is_empty() {
                if push_section(&mut out, m, line, &mut section_seen, &mut item_seen, diags) {
                    breaks.insert(line);
                }
                section_bg = is_background(&m.title);
                level = Some(Level::Section);
            } else if kind == item_kind && section_kind.is_some() {
                level = Some(Level::Item);
                match out.chapters.last_mut().and_then(|c| c.sections.last_mut()) {
                    Some(section) => {
                        let expected = item_seen.map_or(1, |v| v + 1);
                        if let Some(v) = m.value {
                            if v != expected {
                                diags.push(Diagnostic::new(
                                    Severity::Info,
                                    Some(line),
                                    "outline numbering error",
                                    format!(
                                        "item {} {} follows item {} in {}",
                                        m.number,
                                        m.title,
                                        expected.saturating_sub(1),
                                        section.number
                                    ),
                                ));
                            }
                            item_seen = Some(v);
                        }
                        section.items.push(Item {
                            number: m.number.clone(),
                            title: m.title.clone(),
                            text: m.rest.clone(),
                            line,
                        });
                    }
                    None => append_text(&mut out, &p.text),
                }
            } else {
                level = Some(Level::Deeper);
                append_text(&mut out, &p.text);
            }
        } else if p.kind == ParaKind::Text && p.boxed.is_none() {
            append_text(&mut out, &p.text);
        }
        let chapter = out.chapters.len().checked_sub(1);
        let section = out
            .chapters
            .last()
            .and_then(|c| c.sections.len().checked_sub(1));
        out.places.push(Place {
            chapter,
            section,
            level,
            background: chapter.is_some() && (chapter_bg || (section.is_some() && section_bg)),
            appendix: false,
        });
    }
    for gap in gaps {
        report_gap(&out, &gap, &breaks, diags);
    }
    out
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
                "outline numbering error",
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
fn report_gap(out: &Outline, gap: &Gap, breaks: &HashSet<usize>, diags: &mut Vec<Diagnostic>) {
    let Some(before) = out.chapters.get(gap.before) else {
        return;
    };
    let kind_word = |n: u32| {
        if before.number.starts_with('第') {
            Kind::Chapter.write(n, crate::text::Lexicon::bundled())
        } else {
            Kind::CnComma.write(n, crate::text::Lexicon::bundled())
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
        "chapters missing from the outline",
        format!(
            "the chapter numbers jump from {} (line {}) to {} (line {}), so {missing}; {filing}",
            before.number, before.line, gap.after_number, gap.after_line
        ),
    ));
}

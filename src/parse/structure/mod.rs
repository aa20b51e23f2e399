//! The rest of a plan besides its tables: goals, outline, key-project boxes, prose targets.
//!
//! The document's lines (cleaned, with tables of contents and front matter marked) become
//! paragraphs: numbered headings, text joined across the line breaks of a PDF export, and
//! the contents of key-project boxes (专栏). Each part of the plan is then read from them:
//!
//! - [`projects`]: the boxes, read first so their numbered items are not taken for the
//!   outline's;
//! - [`outline`]: chapters, sections and items, with the numbering errors of the source
//!   reported;
//! - [`goals`]: the overall goal, the goals for the target year and the 2035 outlook;
//! - [`prose`]: the targets stated in sentences, then [`link`]ed to the table indicators
//!   they restate.
//!
//! Every scan is linear in the length of the text, and nothing here indexes out of bounds.

mod goals;
mod heading;
mod link;
mod outline;
mod projects;
mod prose;

use crate::model::Plan;
use crate::parse::diagnostic::Diagnostic;
use crate::parse::text::{Line, trim};
use crate::text::Lexicon;
use crate::text::numeral;

use heading::{Kind, Marker};

/// Fills `plan`'s goals, outlook, outline, projects and prose targets from the document's
/// lines. `in_table[k]` is true for lines that belong to an indicator table (or its notes).
pub(crate) fn read(
    lines: &[Line],
    in_table: &[bool],
    plan: &mut Plan,
    diags: &mut Vec<Diagnostic>,
    lex: &Lexicon,
) {
    let rows = rows(lines, in_table);
    let boxes = projects::read(&rows);
    let paras = paragraphs(&rows, &boxes);
    let outline = outline::read(&paras, diags);
    let mut projects = boxes.projects;
    for p in &mut projects {
        p.chapter = outline.chapter_number_at(p.line);
    }
    let goals = goals::read(&paras, &outline);
    plan.overall_goal = goals.overall;
    plan.goals = goals.goals;
    plan.outlook = goals.outlook;
    plan.projects = projects;
    let mut targets = prose::read(&paras, &outline, plan.period, lex, diags);
    link::link(&mut targets, &plan.indicators, lex, diags);
    plan.targets = targets;
    plan.chapters = outline.chapters;
}

/// One line of the body as the readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row<'a> {
    /// A blank line.
    Blank,
    /// An indicator table (all its lines), at its first line.
    Table(usize),
    /// A line of text.
    Text {
        /// 1-based line.
        line: usize,
        /// The text, trimmed.
        text: &'a str,
        /// Whether the line starts with a tab (a table cell in a Word export).
        tabbed: bool,
    },
}

/// The document's lines as rows: skipped lines (contents, page numbers, front matter) are
/// left out, and each table becomes one row.
fn rows<'a>(lines: &'a [Line], in_table: &[bool]) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    for (k, l) in lines.iter().enumerate() {
        if l.skip.is_some() {
            continue;
        }
        if in_table.get(k).copied().unwrap_or(false) {
            if !matches!(out.last(), Some(Row::Table(_))) {
                out.push(Row::Table(l.no));
            }
            continue;
        }
        let text = trim(&l.text);
        if text.is_empty() {
            out.push(Row::Blank);
        } else {
            out.push(Row::Text {
                line: l.no,
                text,
                tabbed: l.text.starts_with('\t'),
            });
        }
    }
    out
}

/// What a paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ParaKind {
    /// A numbered heading.
    Heading(Marker),
    /// Body text.
    Text,
    /// An indicator table stands here.
    Table,
    /// The start of the end matter (附件, an 印发 line): the outline stops here.
    End,
}

/// A paragraph: a heading, or text joined across wrapped lines.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Para {
    /// What it is.
    pub kind: ParaKind,
    /// The text (for a heading, the whole line).
    pub text: String,
    /// Where each source line starts in `text`: (byte offset, 1-based line).
    pub starts: Vec<(usize, usize)>,
    /// The index of the key-project box the paragraph belongs to, if any.
    pub boxed: Option<usize>,
}

impl Para {
    /// The first line.
    pub fn line(&self) -> usize {
        self.starts.first().map_or(0, |s| s.1)
    }

    /// The line of the byte at `offset` in the text.
    pub fn line_at(&self, offset: usize) -> usize {
        let k = self.starts.partition_point(|s| s.0 <= offset);
        self.starts
            .get(k.saturating_sub(1))
            .map_or(self.line(), |s| s.1)
    }

    fn new(kind: ParaKind, text: String, line: usize, boxed: Option<usize>) -> Para {
        Para {
            kind,
            text,
            starts: vec![(0, line)],
            boxed,
        }
    }

    pub fn marker(&self) -> Option<&Marker> {
        match &self.kind {
            ParaKind::Heading(m) => Some(m),
            _ => None,
        }
    }
}

/// Characters that end a line's sentence: a line ending otherwise was wrapped.
fn ends_sentence(s: &str) -> bool {
    s.chars().last().is_none_or(|c| {
        matches!(
            c,
            '。' | '！' | '？' | '；' | '：' | ';' | ':' | '!' | '?' | '…'
        )
    })
}

/// Whether a line is a dash item's title alone (——宽松便捷的市场准入环境进一步优化).
fn dash_title(s: &str) -> bool {
    is_dash(s) && !s.contains('。')
}

/// Whether a line starts with a dash (——, or a run of dashes of other widths).
fn is_dash(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if matches!(c, '—' | '－' | '─' | '―') {
            n += 1;
        } else {
            break;
        }
    }
    n >= 2
}

/// Whether a short line opens the end matter (附件, 附表1) or is an issuing footer (…印发).
fn end_matter(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let n = t.chars().count();
    let attachment = ["附件", "附表", "附录"].iter().any(|p| {
        t.strip_prefix(p).is_some_and(|r| {
            r.chars().all(|c| {
                c.is_ascii_digit()
                    || numeral::is_cn_numeral(Lexicon::bundled(), c)
                    || matches!(c, ':' | '：')
            })
        })
    });
    let footer = n <= 60 && t.ends_with("印发") && t.contains('年') && t.contains('月');
    attachment || footer
}

/// Builds the paragraphs: headings alone, box contents apart, wrapped lines joined, and a
/// heading's title continued on a short line after it (第三章 … 营造高效便捷的市场 / 准入环境).
fn paragraphs(rows: &[Row<'_>], boxes: &projects::Boxes) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    // Whether the last paragraph may take a wrapped continuation.
    let mut open = false;
    // Whether the last paragraph is a heading whose title may go on over a short line.
    let mut title_open = false;
    for (r, row) in rows.iter().enumerate() {
        let (line, text) = match row {
            Row::Blank => continue,
            Row::Table(line) => {
                out.push(Para::new(ParaKind::Table, String::new(), *line, None));
                open = false;
                title_open = false;
                continue;
            }
            Row::Text { line, text, .. } => (*line, *text),
        };
        if let Some(b) = boxes.owner.get(r).copied().flatten() {
            if let Some(item) = boxes.items_at.get(r).and_then(|i| i.as_ref()) {
                let mut p = Para::new(ParaKind::Text, item.text.clone(), line, Some(b));
                p.starts = item.starts.clone();
                out.push(p);
            }
            open = false;
            title_open = false;
            continue;
        }
        if end_matter(text) {
            out.push(Para::new(ParaKind::End, heading::tidy(text), line, None));
            open = false;
            title_open = false;
            continue;
        }
        if let Some(m) = heading::marker(text) {
            title_open = matches!(m.kind, Kind::Chapter | Kind::Section)
                && m.rest.is_empty()
                && (m.title.is_empty() || !ends_sentence(&m.title));
            out.push(Para::new(
                ParaKind::Heading(m),
                heading::tidy(text),
                line,
                None,
            ));
            open = false;
            continue;
        }
        let tidy = heading::tidy(text);
        if let Some(last) = out.last_mut() {
            if std::mem::take(&mut title_open) && continue_heading(last, &tidy) {
                continue;
            }
            if open && !is_dash(&tidy) {
                let offset = last.text.len();
                last.text.push_str(&tidy);
                last.starts.push((offset, line));
                open = !ends_sentence(&last.text) && tidy.chars().count() >= 16;
                continue;
            }
        }
        open = !ends_sentence(&tidy) && tidy.chars().count() >= 16 && !dash_title(&tidy);
        out.push(Para::new(ParaKind::Text, tidy, line, None));
    }
    out
}

/// Appends a short continuation line to a chapter or section title that was broken over
/// two lines; returns whether it did.
fn continue_heading(last: &mut Para, text: &str) -> bool {
    let ParaKind::Heading(m) = &mut last.kind else {
        return false;
    };
    let n = text.chars().count();
    let punct = text.chars().any(|c| {
        matches!(
            c,
            '，' | '。' | '、' | '；' | '：' | ',' | ';' | ':' | '！' | '？'
        )
    });
    if punct || is_dash(text) {
        return false;
    }
    let fits = if m.title.is_empty() { n <= 40 } else { n <= 10 };
    if !fits || text.starts_with("专栏") {
        return false;
    }
    m.title.push_str(text);
    last.text.push_str(text);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_matter_lines() {
        assert!(end_matter("附件"));
        assert!(end_matter("附件1"));
        assert!(end_matter(
            "惠州大亚湾经济技术开发区管理委员会办公室 2021年12月27日印发"
        ));
        assert!(!end_matter("附件所列任务"));
        assert!(!end_matter("第三章 优化市场准入环境"));
    }

    #[test]
    fn dashes() {
        assert!(is_dash("——宽松便捷"));
        assert!(dash_title("——宽松便捷的市场准入环境进一步优化"));
        assert!(!dash_title("——市场准入环境进一步优化。市场准入制度"));
        assert!(!is_dash("—单"));
    }
}

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
//! - [`goals`]: the overall goal, the goals for the target year and the long-range
//!   outlook with its year (到2035年);
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

pub(crate) use prose::Tables as ProseTables;

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
    let boxes = projects::read(&rows, lex);
    let paras = paragraphs(&rows, &boxes, lex);
    let outline = outline::read(&paras, diags, lex, plan.period);
    let mut projects = boxes.projects;
    for p in &mut projects {
        p.chapter = outline.chapter_number_at(p.line);
    }
    let goals = goals::read(&paras, &outline, plan.period, lex);
    plan.overall_goal = goals.overall;
    plan.goals = goals.goals;
    plan.outlook = goals.outlook;
    plan.period.outlook = goals.outlook_year;
    plan.projects = projects;
    let frame = prose::Frame::new(lex, plan.period);
    let mut targets = prose::read(&paras, &outline, &frame, diags);
    link::link(
        &mut targets,
        &plan.indicators,
        frame.populations,
        lex,
        diags,
    );
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
fn ends_sentence(s: &str, lex: &Lexicon) -> bool {
    s.chars()
        .last()
        .is_none_or(|c| lex.document.headings.line_ends.contains(c))
}

/// Whether a line is a dash item's title alone (——宽松便捷的市场准入环境进一步优化).
fn dash_title(s: &str, lex: &Lexicon) -> bool {
    is_dash(s, lex) && !s.contains(lex.document.full_stop.as_str())
}

/// Whether a line starts with a dash (——, or a run of dashes of other widths).
fn is_dash(s: &str, lex: &Lexicon) -> bool {
    let dashes = &lex.document.headings.item_dashes;
    s.chars().take_while(|c| dashes.contains(*c)).count() >= 2
}

/// Whether a short line opens the end matter (附件, 附表1) or is an issuing footer (…印发).
fn end_matter(s: &str, lex: &Lexicon) -> bool {
    // Told from a few characters at either end for most lines: an attachment line starts
    // with the word, a footer ends with 印发 (spacing aside, as below).
    let chrome = &lex.document.chrome;
    let starts = |w: &str| {
        let mut cs = s.chars().filter(|c| !c.is_whitespace());
        w.chars().all(|c| cs.next() == Some(c))
    };
    let ends = |w: &str| {
        let mut cs = s.chars().rev().filter(|c| !c.is_whitespace());
        w.chars().rev().all(|c| cs.next() == Some(c))
    };
    let may_attach = lex.document.headings.attachments.iter().any(starts);
    if !may_attach && !ends(&chrome.issued) {
        return false;
    }
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let n = t.chars().count();
    let attachment = lex.document.headings.attachments.iter().any(|p| {
        t.strip_prefix(p).is_some_and(|r| {
            r.chars().all(|c| {
                c.is_ascii_digit()
                    || numeral::is_cn_numeral(lex, c)
                    || lex.document.headings.colons.contains(c)
            })
        })
    });
    let footer = n <= 60
        && t.ends_with(chrome.issued.as_str())
        && t.contains(chrome.date.year.as_str())
        && t.contains(chrome.date.month.as_str());
    attachment || footer
}

/// Builds the paragraphs: headings alone, box contents apart, wrapped lines joined, and a
/// heading's title continued on a short line after it (第三章 … 营造高效便捷的市场 / 准入环境).
fn paragraphs(rows: &[Row<'_>], boxes: &projects::Boxes, lex: &Lexicon) -> Vec<Para> {
    let mut b = Paragraphs {
        out: Vec::new(),
        open: false,
        title_open: false,
        full: full_width(rows),
        lex,
    };
    for (r, row) in rows.iter().enumerate() {
        let (line, text) = match row {
            Row::Blank => continue,
            Row::Table(line) => {
                b.close(Para::new(ParaKind::Table, String::new(), *line, None));
                continue;
            }
            Row::Text { line, text, .. } => (*line, *text),
        };
        if let Some(owner) = boxes.owner.get(r).copied().flatten() {
            b.box_row(boxes.items_at.get(r).and_then(|i| i.as_ref()), owner, line);
        } else if end_matter(text, lex) {
            b.close(Para::new(ParaKind::End, heading::tidy(text), line, None));
        } else if let Some(m) = heading::marker(text, lex) {
            b.heading(m, text, line);
        } else {
            b.text(heading::tidy(text), line);
        }
    }
    b.out
}

/// The paragraphs built so far, and whether the last one may go on.
struct Paragraphs<'l> {
    out: Vec<Para>,
    /// Whether the last paragraph may take a wrapped continuation.
    open: bool,
    /// Whether the last paragraph is a heading whose title may go on over a short line.
    title_open: bool,
    /// How long a line must be to have been wrapped (see [`full_width`]).
    full: usize,
    lex: &'l Lexicon,
}

impl Paragraphs<'_> {
    /// Adds a paragraph nothing continues.
    fn close(&mut self, p: Para) {
        self.out.push(p);
        self.open = false;
        self.title_open = false;
    }

    /// A row of a key-project box: its item, if one starts here, stands apart.
    fn box_row(&mut self, item: Option<&projects::BoxItem>, owner: usize, line: usize) {
        match item {
            Some(item) => {
                let mut p = Para::new(ParaKind::Text, item.text.clone(), line, Some(owner));
                p.starts = item.starts.clone();
                self.close(p);
            }
            None => {
                self.open = false;
                self.title_open = false;
            }
        }
    }

    /// A numbered heading; a chapter or section title without a full stop may go on.
    fn heading(&mut self, m: Marker, text: &str, line: usize) {
        self.title_open = matches!(m.kind, Kind::Chapter | Kind::Section)
            && m.rest.is_empty()
            && (m.title.is_empty() || !ends_sentence(&m.title, self.lex));
        self.out.push(Para::new(
            ParaKind::Heading(m),
            heading::tidy(text),
            line,
            None,
        ));
        self.open = false;
    }

    /// A line of body text: the rest of a broken heading title, the continuation of a
    /// wrapped paragraph, or a new paragraph.
    fn text(&mut self, tidy: String, line: usize) {
        let lex = self.lex;
        if let Some(last) = self.out.last_mut() {
            if std::mem::take(&mut self.title_open) && continue_heading(last, &tidy, lex) {
                return;
            }
            if self.open && !is_dash(&tidy, lex) {
                let offset = last.text.len();
                last.text.push_str(&tidy);
                last.starts.push((offset, line));
                self.open = !ends_sentence(&last.text, lex) && tidy.chars().count() >= self.full;
                return;
            }
        }
        self.open = !ends_sentence(&tidy, lex)
            && tidy.chars().count() >= self.full
            && !dash_title(&tidy, lex);
        self.out.push(Para::new(ParaKind::Text, tidy, line, None));
    }
}

/// The shortest line that can have been wrapped: at least 16 characters, and near the
/// width at which the document's text wraps (four fifths of the 90th percentile of its text
/// lines' lengths). A line that stops short of the wrap (a headline, a caption) ended
/// where its writer ended it, even without punctuation, and the next line is not joined to
/// it; a PDF's hard-wrapped lines all reach the wrap.
fn full_width(rows: &[Row<'_>]) -> usize {
    let mut lengths: Vec<usize> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Text { text, .. } => Some(text.chars().count()),
            _ => None,
        })
        .filter(|n| *n >= 16)
        .collect();
    if lengths.len() < 10 {
        return 16;
    }
    let k = (lengths.len() * 9 / 10).min(lengths.len() - 1);
    let (_, p90, _) = lengths.select_nth_unstable(k);
    (*p90 * 4 / 5).max(16)
}

/// Appends a short continuation line to a chapter or section title that was broken over
/// two lines; returns whether it did.
fn continue_heading(last: &mut Para, text: &str, lex: &Lexicon) -> bool {
    let ParaKind::Heading(m) = &mut last.kind else {
        return false;
    };
    let n = text.chars().count();
    let punct = text
        .chars()
        .any(|c| lex.document.headings.title_breaks.contains(c));
    if punct || is_dash(text, lex) {
        return false;
    }
    let fits = if m.title.is_empty() { n <= 40 } else { n <= 10 };
    if !fits || text.starts_with(lex.document.boxes.word.as_str()) {
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
        let lex = Lexicon::bundled();
        assert!(end_matter("附件", lex));
        assert!(end_matter("附件1", lex));
        assert!(end_matter(
            "惠州大亚湾经济技术开发区管理委员会办公室 2021年12月27日印发",
            lex
        ));
        // Spacing inside the words, as a PDF export spreads them.
        assert!(end_matter("附 件 2", lex));
        assert!(end_matter(
            "某某市市场监督管理局办公室 2022年1月5日印 发",
            lex
        ));
        assert!(!end_matter("附件所列任务", lex));
        assert!(!end_matter("第三章 优化市场准入环境", lex));
    }

    #[test]
    fn dashes() {
        let lex = Lexicon::bundled();
        assert!(is_dash("——宽松便捷", lex));
        assert!(dash_title("——宽松便捷的市场准入环境进一步优化", lex));
        assert!(!dash_title("——市场准入环境进一步优化。市场准入制度", lex));
        assert!(!is_dash("—单", lex));
    }
}

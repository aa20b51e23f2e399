//! Key-project boxes (专栏): a title line `专栏N 标题`, then the box's items.
//!
//! A box ends where the body resumes: at a chapter or section heading, at a numbered line
//! that does not continue the box's own numbering, at two blank lines in a row, at a table
//! or at the next box. Inside a box, a group of lines where several start with a tab is a
//! row of a table (清远's 专栏3); its cells are joined with ` | `. Lines numbered （1） never
//! end a box: that innermost numbering is what boxes use inside their own rows.

use crate::model::Project;
use crate::text::Lexicon;

use super::Row;
use super::heading::{self, Kind};

/// The boxes of a document and which rows they own.
#[derive(Debug, Default)]
pub(super) struct Boxes {
    /// The boxes, in order (their chapter is filled in later, from the outline).
    pub projects: Vec<Project>,
    /// For each row, the index of the box it belongs to (its title included).
    pub owner: Vec<Option<usize>>,
    /// For each row where a box item starts, the item.
    pub items_at: Vec<Option<BoxItem>>,
}

/// One item of a box, with where its lines start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BoxItem {
    /// The item's text.
    pub text: String,
    /// (byte offset in `text`, 1-based line) for each line the item spans.
    pub starts: Vec<(usize, usize)>,
}

/// Finds the boxes among the rows.
pub(super) fn read(rows: &[Row<'_>], lex: &Lexicon) -> Boxes {
    let mut boxes = Boxes {
        projects: Vec::new(),
        owner: vec![None; rows.len()],
        items_at: vec![None; rows.len()],
    };
    let mut r = 0;
    while r < rows.len() {
        let end = match rows.get(r) {
            Some(Row::Text { line, text, .. }) => heading::box_title(text, lex)
                .map(|(number, title)| boxes.read_box(rows, r, *line, number, title, lex)),
            _ => None,
        };
        r = end.map_or(r + 1, |end| end.max(r + 1));
    }
    boxes
}

impl Boxes {
    /// Reads the box whose title line is row `r` and returns the row where it ends.
    fn read_box(
        &mut self,
        rows: &[Row<'_>],
        r: usize,
        line: usize,
        number: String,
        title: String,
        lex: &Lexicon,
    ) -> usize {
        let index = self.projects.len();
        let (end, mut title, members) = extent(rows, r + 1, title, lex);
        let mut items: Vec<(usize, BoxItem)> = Vec::new();
        for group in members {
            items.extend(group_items(rows, &group, lex));
        }
        if title.is_empty() {
            title = title_from_items(&mut items, lex);
        }
        for k in r..end.max(r + 1) {
            if let Some(o) = self.owner.get_mut(k) {
                *o = Some(index);
            }
        }
        let mut texts = Vec::with_capacity(items.len());
        for (row, item) in items {
            texts.push(item.text.clone());
            if let Some(slot) = self.items_at.get_mut(row) {
                *slot = Some(item);
            }
        }
        self.projects.push(Project {
            number,
            title,
            chapter: None,
            items: texts,
            line,
        });
        end
    }
}

/// A box whose title stood alone on its line takes its first short line as title.
fn title_from_items(items: &mut Vec<(usize, BoxItem)>, lex: &Lexicon) -> String {
    match items.first() {
        Some((_, first))
            if first.text.chars().count() <= 40
                && !first.text.contains(lex.document.full_stop.as_str()) =>
        {
            items.remove(0).1.text
        }
        _ => String::new(),
    }
}

/// Where a box that starts at row `start` ends (exclusive), its title (when the title
/// line held only the number, from the next line), and its text rows grouped by the blank
/// lines between them.
fn extent(
    rows: &[Row<'_>],
    start: usize,
    title: String,
    lex: &Lexicon,
) -> (usize, String, Vec<Vec<usize>>) {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut blanks = 0;
    let mut numbering: Option<(Kind, Option<u32>)> = None;
    let mut any = false;
    let mut end = start;
    let mut r = start;
    while let Some(row) = rows.get(r) {
        match row {
            Row::Blank => {
                blanks += 1;
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
                if (blanks >= 2 && any) || blanks >= 4 {
                    break;
                }
            }
            Row::Table(_) => break,
            Row::Text { text, .. } => {
                if heading::box_title(text, lex).is_some() {
                    break;
                }
                // （1） is the innermost numbering: boxes use it inside their own rows.
                let m = heading::marker(text, lex).filter(|m| m.kind != Kind::DigitParen);
                if let Some(m) = m {
                    match numbered_item(&m, numbering, any) {
                        Some(n) => numbering = Some(n),
                        None => break,
                    }
                }
                blanks = 0;
                any = true;
                current.push(r);
                end = r + 1;
            }
        }
        r += 1;
    }
    if !current.is_empty() {
        groups.push(current);
    }
    (end, title, groups)
}

/// The numbering a box's numbered line continues or starts: (its kind, its value); `None`
/// when the line ends the box instead (a chapter or section heading, a number that does
/// not follow, a numbering that does not start the box). `any`: whether the box has
/// lines already.
fn numbered_item(
    m: &heading::Marker,
    numbering: Option<(Kind, Option<u32>)>,
    any: bool,
) -> Option<(Kind, Option<u32>)> {
    if matches!(m.kind, Kind::Chapter | Kind::Section) {
        return None;
    }
    match numbering {
        Some((kind, last)) => {
            let next = last.map(|v| v + 1);
            (kind == m.kind && next.is_some() && m.value == next).then_some((kind, m.value))
        }
        None => (!any && m.value == Some(1)).then_some((m.kind, m.value)),
    }
}

/// The items of one group of consecutive lines in a box.
fn group_items(rows: &[Row<'_>], group: &[usize], lex: &Lexicon) -> Vec<(usize, BoxItem)> {
    let lines: Vec<(usize, usize, &str, bool)> = group
        .iter()
        .filter_map(|&r| match rows.get(r) {
            Some(Row::Text { line, text, tabbed }) => Some((r, *line, *text, *tabbed)),
            _ => None,
        })
        .collect();
    let tabbed = lines.iter().filter(|l| l.3).count();
    let mut items: Vec<(usize, BoxItem)> = Vec::new();
    if tabbed >= 2 {
        // A table row: a tab starts a cell, other lines continue it.
        let Some(&(row, _, _, _)) = lines.first() else {
            return items;
        };
        let mut item = BoxItem {
            text: String::new(),
            starts: Vec::new(),
        };
        for (k, &(_, line, text, tab)) in lines.iter().enumerate() {
            if tab && k > 0 {
                item.text.push_str(" | ");
            }
            item.starts.push((item.text.len(), line));
            item.text.push_str(&heading::tidy(text));
        }
        items.push((row, item));
        return items;
    }
    for &(row, line, text, _) in &lines {
        let text = heading::tidy(text);
        let numbered = heading::marker(&text, lex).is_some();
        // In a numbered box, an unnumbered line continues the item before it.
        if let Some((_, last)) = items.last_mut() {
            if !numbered && heading::marker(&last.text, lex).is_some() {
                last.starts.push((last.text.len(), line));
                last.text.push_str(&text);
                continue;
            }
        }
        items.push((
            row,
            BoxItem {
                text,
                starts: vec![(0, line)],
            },
        ));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: usize, s: &str) -> Row<'_> {
        Row::Text {
            line,
            text: s.trim(),
            tabbed: s.starts_with('\t'),
        }
    }

    #[test]
    fn a_box_ends_at_two_blank_lines() {
        let rows = vec![
            text(1, "\t 专栏1 某某重点工程"),
            Row::Blank,
            text(3, "\t建立清单管理制度。细化事项。"),
            text(4, "分类推进审批事项改革。"),
            Row::Blank,
            Row::Blank,
            text(7, "3.开展“一照通行”涉企审批服务改革"),
        ];
        let b = read(&rows, Lexicon::bundled());
        assert_eq!(b.projects.len(), 1);
        assert_eq!(b.projects[0].items.len(), 2);
        assert_eq!(b.owner[6], None);
    }

    #[test]
    fn a_numbered_box_ends_at_a_heading() {
        let rows = vec![
            text(1, "专栏2  实施食品安全监管重点工程"),
            Row::Blank,
            text(3, "1.实施工程。到2025年,达到标准。"),
            Row::Blank,
            text(5, "2.开展行动。"),
            Row::Blank,
            text(7, "第二节  强化监管"),
        ];
        let b = read(&rows, Lexicon::bundled());
        assert_eq!(b.projects[0].items.len(), 2);
        assert_eq!(b.projects[0].title, "实施食品安全监管重点工程");
        assert_eq!(b.owner[6], None);
    }

    #[test]
    fn table_rows_in_a_box() {
        let rows = vec![
            text(1, "\t  专栏3 分级标准"),
            Row::Blank,
            text(3, "\t级别"),
            text(4, "\t标准"),
            Row::Blank,
            text(6, "\t重大食品"),
            text(7, "安全事故"),
            text(8, "\t（1）事故危害严重的；"),
            text(9, "（2）其他的。"),
        ];
        let b = read(&rows, Lexicon::bundled());
        assert_eq!(
            b.projects[0].items,
            vec![
                "级别 | 标准",
                "重大食品安全事故 | （1）事故危害严重的；（2）其他的。"
            ]
        );
    }
}

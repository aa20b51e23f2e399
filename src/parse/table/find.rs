//! Finding tables: header cells and the header they make, where a header starts, the
//! caption above it, the lines that end a table, and the cells that start a row.

use super::segments::split_cells;
use super::{Col, Header};
use crate::model::Attribute;
use crate::parse::text::{Line, trim};

/// Classifies a header cell.
pub(super) fn header_kind(cell: &str) -> Option<Col> {
    let t: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '|' | '*'))
        .collect();
    if t.is_empty() || t.chars().count() > 16 {
        return None;
    }
    let kind = match t.as_str() {
        "序号" | "编号" | "序" | "No." | "No" => Col::Seq,
        "类别" | "指标类别" | "类型" | "指标类型" | "领域" | "分类" | "类" | "指标分类"
        | "方面" => Col::Category,
        "主要指标" | "指标" | "指标名称" | "具体指标" | "指标内容" | "名称" | "主要指标名称" => {
            Col::Name
        }
        "单位" | "计量单位" | "指标单位" => Col::Unit,
        "属性" | "指标属性" | "性质" | "指标性质" => Col::Attribute,
        "备注" | "说明" => Col::Notes,
        _ => {
            if t.contains("基期")
                || t.contains("基准")
                || t.contains("现状")
                || t.contains("实现数")
                || t.contains("基数")
            {
                Col::Baseline
            } else if t.contains("规划值") || t.contains("目标") || t.contains("预期值") {
                Col::Target
            } else {
                return None;
            }
        }
    };
    Some(kind)
}

/// A four-digit year in a header cell (`2020年`, `（2025年）`).
pub(super) fn header_year(cell: &str) -> Option<u16> {
    let digits: String = cell.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest: String = cell
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !"年()（）".contains(*c))
        .collect();
    if digits.len() == 4 && rest.chars().count() <= 6 {
        digits.parse().ok().filter(|y| (1949..=2100).contains(y))
    } else {
        None
    }
}

/// Whether a header begins at line `i`.
pub(super) fn header_start(lines: &[Line], i: usize) -> bool {
    let cells = split_cells(&lines[i].text);
    let kinds: Vec<Col> = cells.iter().filter_map(|c| header_kind(c)).collect();
    if cells.len() >= 3 {
        return is_header(&kinds);
    }
    // Cells one per line: the header's cells follow on the next lines.
    if cells.len() != 1
        || !matches!(
            header_kind(&cells[0]),
            Some(Col::Seq | Col::Name | Col::Category)
        )
    {
        return false;
    }
    let mut kinds = Vec::new();
    for l in lines.iter().skip(i).take(24) {
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        match header_kind(t) {
            Some(k) => kinds.push(k),
            None if header_year(t).is_some() => {}
            None => break,
        }
    }
    is_header(&kinds)
}

fn is_header(kinds: &[Col]) -> bool {
    let distinct = [
        Col::Seq,
        Col::Category,
        Col::Name,
        Col::Unit,
        Col::Baseline,
        Col::Target,
        Col::Attribute,
    ]
    .iter()
    .filter(|k| kinds.contains(k))
    .count();
    kinds.contains(&Col::Name)
        && distinct >= 4
        && (kinds.contains(&Col::Target) || kinds.contains(&Col::Attribute))
}

/// Builds the header from its cells (one row, or two with years below).
pub(super) fn header_from(cells: &[String]) -> Header {
    let mut h = Header::default();
    let mut years = Vec::new();
    let mut kinds_seen = 0;
    for c in cells {
        if let Some(k) = header_kind(c) {
            // Years written inside a header cell: 基期值（2020年）.
            if let Some(y) = header_year(c.trim_start_matches(|ch: char| !ch.is_ascii_digit())) {
                years.push((k, y));
            }
            if !(kinds_seen > 0 && h.cols.contains(&k) && k != Col::Notes) {
                h.cols.push(k);
            }
            kinds_seen += 1;
        } else if let Some(y) = header_year(c) {
            years.push((Col::Baseline, y));
        } else if trim(c).is_empty() && h.cols == [Col::Seq] {
            // An unlabelled column between 序号 and the name is the category column.
            h.cols.push(Col::Category);
        } else if !trim(c).is_empty() {
            // A header cell of a kind we do not know still takes a column.
            h.cols.push(Col::Notes);
        }
    }
    if h.cols.iter().filter(|c| **c == Col::Category).count() > 1 {
        h.cols.dedup();
    }
    let mut ys: Vec<u16> = years.iter().map(|(_, y)| *y).collect();
    ys.sort_unstable();
    ys.dedup();
    if let [first, .., last] = ys.as_slice() {
        h.baseline_year = Some(*first);
        h.target_year = Some(*last);
    }
    if !h.has(Col::Baseline) && !h.has(Col::Target) && ys.len() >= 2 {
        // A header with years only (2020年 | 2025年) in place of 基期值 | 规划值.
        let at = h
            .cols
            .iter()
            .position(|c| *c == Col::Attribute)
            .unwrap_or(h.cols.len());
        h.cols.insert(at, Col::Target);
        h.cols.insert(at, Col::Baseline);
    }
    h
}

/// Why a line ends a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    Notes,
    Other,
}

/// Whether a line cannot belong to a table's rows: notes, a heading or prose.
pub(super) fn stop_line(t: &str) -> Option<Stop> {
    let t = trim(t);
    if t.is_empty() {
        return None;
    }
    let notes = ["注：", "注:", "注 ", "备注", "说明：", "说明:", "资料来源"];
    if notes.iter().any(|n| t.starts_with(n)) || t == "注" {
        return Some(Stop::Notes);
    }
    if is_heading(t) || t.chars().count() > 60 || (t.contains('。') && t.chars().count() > 30) {
        return Some(Stop::Other);
    }
    None
}

/// 第三章 …, 第一节 …, 三、…, （一）… : the outline's headings.
pub(crate) fn is_heading(t: &str) -> bool {
    let numerals = |c: char| "一二三四五六七八九十百零〇两".contains(c) || c.is_ascii_digit();
    if let Some(rest) = t.strip_prefix('第') {
        let n = rest.chars().take_while(|c| numerals(*c)).count();
        return n > 0 && rest.chars().nth(n).is_some_and(|c| "章节部篇".contains(c));
    }
    let n = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    if n > 0 && t.chars().nth(n) == Some('、') {
        return true;
    }
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let n = rest
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        return n > 0 && rest.chars().nth(n).is_some_and(|c| c == '）' || c == ')');
    }
    false
}

/// The sequence number a cell holds, if it is one (`1`, `1.`, `（1）`).
pub(super) fn seq_number(t: &str) -> Option<u32> {
    let t = trim(t);
    let t = t.trim_end_matches(['.', '、', '．']);
    let t = t
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .unwrap_or(t);
    if t.is_empty() || t.len() > 6 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

pub(super) fn attribute(t: &str) -> Option<Attribute> {
    let t = trim(t);
    if t.chars().count() > 8 {
        return None;
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    match t.trim_end_matches("指标") {
        "约束性" | "约束" => Some(Attribute::Binding),
        "预期性" | "预期" => Some(Attribute::Expected),
        _ => None,
    }
}

/// The caption above a header: a short line naming an indicator table.
pub(super) fn caption(lines: &[Line], start: usize) -> Option<usize> {
    let mut seen = 0;
    for j in (0..start).rev() {
        let t = lines[j].trimmed();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 3 {
            break;
        }
        if t.contains("指标")
            && (t.ends_with('表') || t.contains("指标表"))
            && t.chars().count() <= 50
        {
            return Some(j);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert!(is_heading("第三章  优化市场准入环境"));
        assert!(is_heading("三、主要任务"));
        assert!(is_heading("（一）营造宽松便捷市场准入环境"));
        assert!(!is_heading("第三方检测"));
        assert!(!is_heading("1.市场准入更加便利"));
    }
}

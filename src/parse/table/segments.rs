//! Splitting a line into cells: at pipes, at tabs, or at runs of spaces measured in display
//! columns, and placing aligned runs under the header's columns.

use unicode_width::UnicodeWidthChar;

use crate::parse::text::trim;

/// Splits a line into cells the way its layout does: pipes, tabs, or runs of spaces.
pub(super) fn split_cells(text: &str) -> Vec<String> {
    let t = trim(text);
    if t.starts_with('|') {
        return pipe_cells(t);
    }
    if t.contains('\t') {
        return t.split('\t').map(|c| trim(c).to_string()).collect();
    }
    aligned_segments(text).into_iter().map(|s| s.text).collect()
}

pub(super) fn pipe_cells(t: &str) -> Vec<String> {
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| trim(c).to_string()).collect()
}

/// A run of text in an aligned line, with its display column.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub(super) text: String,
    pub(super) start: usize,
}

/// Splits a line at runs of whitespace two display columns wide or wider.
///
/// A segment is the line's text from its first character that is not whitespace to its
/// last, narrower gaps kept as written; it is sliced off the line, not built a character
/// at a time.
pub(super) fn aligned_segments(text: &str) -> Vec<Segment> {
    let mut segs = Vec::new();
    let mut col = 0usize;
    // The open segment: its byte range so far and its display column.
    let mut cur: Option<(usize, usize)> = None;
    let mut cur_start = 0usize;
    let mut gap = 0usize;
    for (at, c) in text.char_indices() {
        let w = if c == '\t' {
            8 - col % 8
        } else {
            c.width().unwrap_or(0)
        };
        if c.is_whitespace() {
            gap += w.max(1);
        } else {
            if gap >= 2 {
                if let Some((from, to)) = cur.take() {
                    segs.push(Segment {
                        text: text[from..to].to_string(),
                        start: cur_start,
                    });
                }
            }
            let end = at + c.len_utf8();
            cur = match cur {
                Some((from, _)) => Some((from, end)),
                None => {
                    cur_start = col;
                    Some((at, end))
                }
            };
            gap = 0;
        }
        col += w;
    }
    if let Some((from, to)) = cur {
        segs.push(Segment {
            text: text[from..to].to_string(),
            start: cur_start,
        });
    }
    segs
}

/// Places segments into the header's columns: a segment belongs to the last column that
/// starts at or before it (with two columns of slack for centred text).
pub(super) fn place_segments(segs: Vec<Segment>, cols: &[Segment]) -> Vec<(String, Option<usize>)> {
    let mut out: Vec<(String, Option<usize>)> = Vec::new();
    let mut last_col = None;
    for s in segs {
        let idx = cols
            .iter()
            .rposition(|c| c.start <= s.start + 2)
            .unwrap_or(0);
        // Fill the columns skipped since the last segment with blanks.
        let from = last_col.map_or(0, |l: usize| l + 1);
        for k in from..idx {
            out.push((String::new(), Some(k)));
        }
        out.push((s.text, Some(idx)));
        last_col = Some(last_col.map_or(idx, |l: usize| l.max(idx)));
    }
    let from = last_col.map_or(0, |l| l + 1);
    for k in from..cols.len() {
        out.push((String::new(), Some(k)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_by_display_width() {
        let s = aligned_segments("1   总体数据   期末市场主体总量  万户");
        let starts: Vec<usize> = s.iter().map(|x| x.start).collect();
        assert_eq!(starts, vec![0, 4, 15, 33]);
    }
}

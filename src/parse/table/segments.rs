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

/// How [`split_cells`] cuts a line of aligned columns, told in one pass over its bytes that
/// neither measures nor copies a cell: how many cells, and the first one's text. `None` for
/// a line whose text starts with a pipe or that holds a tab anywhere (a tab's width depends
/// on the columns before it): only the split tells those.
pub(super) fn aligned_cells(text: &str) -> Option<(usize, &str)> {
    let (mut count, mut first, mut at) = (0, 0..0, 0);
    loop {
        // A run of whitespace, and its width (as `aligned_segments` counts a gap).
        let mut gap = 0;
        let len = loop {
            match char_at(text, at) {
                Char::End => return Some((count, &text[first])),
                Char::Tab => return None,
                Char::Space { len, width } => {
                    gap += width.max(1);
                    at += len;
                }
                Char::Other { len } => break len,
            }
        };
        if count == 0 {
            // (As `split_cells` tests it: past byte-order marks, which `trim` strips.)
            let rest = &text[at..];
            if rest.starts_with(['|', '\u{feff}']) && trim(rest).starts_with('|') {
                return None;
            }
            first.start = at;
        }
        if count == 0 || gap >= 2 {
            count += 1;
        }
        // A run of other characters, most of them skipped by their first byte.
        at += len;
        while let Some(&x) = text.as_bytes().get(at) {
            let lead = LEADS[usize::from(x)];
            at += if lead & MAY_BE_SPACE == 0 {
                usize::from(lead & LENGTH)
            } else {
                match char_at(text, at) {
                    Char::Other { len } => len,
                    Char::Tab => return None,
                    _ => break,
                }
            };
        }
        if count == 1 {
            first.end = at;
        }
    }
}

/// A character of a line, as [`aligned_cells`] tells them apart.
enum Char {
    /// Past the end of the line.
    End,
    Tab,
    /// Whitespace other than a tab, and its display width.
    Space {
        len: usize,
        width: usize,
    },
    Other {
        len: usize,
    },
}

/// The character at byte `at` of `text` (the first byte of a character, or its end).
fn char_at(text: &str, at: usize) -> Char {
    let Some(&x) = text.as_bytes().get(at) else {
        return Char::End;
    };
    let lead = LEADS[usize::from(x)];
    if lead & MAY_BE_SPACE == 0 {
        return Char::Other {
            len: usize::from(lead & LENGTH),
        };
    }
    match text[at..].chars().next() {
        Some('\t') => Char::Tab,
        Some(c) if c.is_whitespace() => Char::Space {
            len: c.len_utf8(),
            width: c.width().unwrap_or(0),
        },
        Some(c) => Char::Other { len: c.len_utf8() },
        None => Char::End,
    }
}

/// The low bits of a [`LEADS`] entry: the length of the character the byte starts.
const LENGTH: u8 = 0b111;
/// The bit of a [`LEADS`] entry saying that the character may be whitespace: an ASCII one,
/// or a first byte of a whitespace character's UTF-8 form (U+0085 … U+3000).
const MAY_BE_SPACE: u8 = 0b1000;

/// For each byte that starts a character, its length and whether it may be whitespace.
const LEADS: [u8; 256] = {
    let mut leads = [1u8; 256];
    let mut x = 0;
    while x < 256 {
        leads[x] = match x as u8 {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1 | MAY_BE_SPACE,
            0xC2 => 2 | MAY_BE_SPACE,
            0xE1..=0xE3 => 3 | MAY_BE_SPACE,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xFF => 4,
            _ => 1,
        };
        x += 1;
    }
    leads
};

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
    fn aligned_cells_agree_with_the_split() {
        for text in [
            "序号  指标名称    单位\u{3000}2020年",
            "  1 期末 市场主体总量",
            "\u{feff} 序号  名称",
            "\u{feff}\u{feff}序号",
            "",
            "   ",
        ] {
            let cells = split_cells(text);
            let first = cells.first().map_or("", String::as_str);
            assert_eq!(aligned_cells(text), Some((cells.len(), first)), "{text:?}");
        }
        assert_eq!(aligned_cells(" | 序号 | 名称 |"), None);
        assert_eq!(aligned_cells("\u{feff}|序号|"), None);
        assert_eq!(aligned_cells("\u{feff} |序号|"), None);
        assert_eq!(aligned_cells("序号\t名称"), None);
    }

    proptest::proptest! {
        /// Wherever it tells, `aligned_cells` tells what the split does.
        #[test]
        fn aligned_cells_never_disagree_with_the_split(
            text in "[序号 a|\t\u{3000}\u{a0}\u{2003}\u{feff}“、]{0,12}"
        ) {
            if let Some(told) = aligned_cells(&text) {
                let cells = split_cells(&text);
                let first = cells.first().map_or("", String::as_str);
                proptest::prop_assert_eq!(told, (cells.len(), first));
            }
        }
    }

    #[test]
    fn segments_by_display_width() {
        let s = aligned_segments("1   总体数据   期末市场主体总量  万户");
        let starts: Vec<usize> = s.iter().map(|x| x.start).collect();
        assert_eq!(starts, vec![0, 4, 15, 33]);
    }
}

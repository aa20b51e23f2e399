//! The notes under a table, and the bracket conventions they define.

use super::find::{Stop, stop_line};
use crate::model::{Accumulation, Bracket, BracketConvention, TableNote};
use crate::parse::text::Line;

/// Reads the notes under a table, starting at line `from`.
pub(super) fn read_notes(lines: &[Line], from: usize) -> (Vec<TableNote>, usize) {
    let mut notes = Vec::new();
    let mut i = from;
    let mut started = false;
    while i < lines.len() {
        let l = &lines[i];
        let t = l.trimmed();
        if l.skip.is_some() || t.is_empty() {
            i += 1;
            continue;
        }
        let numbered = t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.chars()
                .find(|c| !c.is_ascii_digit())
                .is_some_and(|c| ".、．)）".contains(c));
        let opens = stop_line(t) == Some(Stop::Notes);
        if opens || (started && numbered) {
            started = true;
            notes.push(TableNote {
                text: t.to_string(),
                line: l.no,
            });
            i += 1;
        } else {
            break;
        }
    }
    if notes.is_empty() {
        (notes, from)
    } else {
        (notes, i)
    }
}

/// Reads a note such as 〔〕内为累计数,〈〉内为规划期间新增数 into the bracket convention.
pub(super) fn define_brackets(note: &str, line: usize, conv: &mut BracketConvention) {
    let chars: Vec<char> = note.chars().collect();
    for b in Bracket::ALL {
        let (open, close) = b.chars();
        let alts: &[(char, char)] = match b {
            Bracket::Square => &[('[', ']'), ('［', '］')],
            Bracket::Angle => &[('〈', '〉'), ('<', '>'), ('《', '》')],
            _ => &[(open, close)],
        };
        for &(o, c) in alts {
            let mut k = 0;
            while k < chars.len() {
                if chars[k] == o {
                    // The close within a few blank characters: 〔　〕, [ ].
                    let mut j = k + 1;
                    while j < chars.len() && j <= k + 3 && chars[j] != c && chars[j].is_whitespace()
                    {
                        j += 1;
                    }
                    if j < chars.len() && chars[j] == c {
                        let tail: String = chars[j + 1..]
                            .iter()
                            .take_while(|ch| !"，,。;；〔〈[［【".contains(**ch))
                            .collect();
                        if tail.contains("累计") {
                            conv.define(b, Accumulation::Cumulative, line);
                        } else if tail.contains("新增")
                            || tail.contains("增量")
                            || tail.contains("增加")
                        {
                            conv.define(b, Accumulation::Increment, line);
                        }
                    }
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_define_brackets() {
        let mut c = BracketConvention::default();
        define_brackets("备注:1.〔〕内为累计数,〈〉内为规划期间新增数。", 7, &mut c);
        assert_eq!(c.meaning(Bracket::Tortoise), Accumulation::Cumulative);
        assert_eq!(c.meaning(Bracket::Angle), Accumulation::Increment);
        assert!(c.is_from_document());
        let mut c = BracketConvention::default();
        define_brackets("2. [] 内为累计数。", 9, &mut c);
        assert_eq!(
            c.meanings
                .iter()
                .find(|m| m.bracket == Bracket::Square)
                .and_then(|m| m.line),
            Some(9)
        );
    }
}

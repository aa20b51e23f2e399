//! The notes under a table, and the bracket conventions they define.

use super::find::{Stop, stop_line};
use crate::model::{Accumulation, BracketConvention, TableNote};
use crate::parse::text::Line;
use crate::text::Lexicon;

/// Reads the notes under a table, starting at line `from`: a line that opens notes (注：),
/// then numbered lines (1. 2、); a note wrapped onto the next line (no blank line between,
/// the note not ended by a sentence mark, the line no heading) goes on there.
pub(super) fn read_notes(lines: &[Line], from: usize, lex: &Lexicon) -> (Vec<TableNote>, usize) {
    let mut notes: Vec<TableNote> = Vec::new();
    let mut i = from;
    let mut last_read = None;
    while i < lines.len() {
        let l = &lines[i];
        let t = l.trimmed();
        if l.skip.is_none() && !t.is_empty() {
            let opens = stop_line(t, lex) == Some(Stop::Notes);
            let new = opens || (!notes.is_empty() && numbered(t, lex));
            let wraps = last_read == Some(i.wrapping_sub(1))
                && stop_line(t, lex) != Some(Stop::Other)
                && notes
                    .last()
                    .is_some_and(|n| !n.text.ends_with(|c| lex.fold.sentence_ends.contains(c)));
            match notes.last_mut() {
                Some(note) if !new && wraps => {
                    note.text.push_str(t);
                    note.end_line = l.no;
                }
                _ if new => notes.push(TableNote {
                    text: t.to_string(),
                    line: l.no,
                    end_line: l.no,
                }),
                _ => break,
            }
            last_read = Some(i);
        }
        i += 1;
    }
    if notes.is_empty() {
        (notes, from)
    } else {
        (notes, i)
    }
}

/// Whether a line starts with a number that a list mark or a parenthesis ends (1. 2、 3）).
fn numbered(t: &str, lex: &Lexicon) -> bool {
    t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars().find(|c| !c.is_ascii_digit()).is_some_and(|c| {
            lex.table.seq_ends.contains(c) || lex.fold.parens.iter().any(|p| p.close == c)
        })
}

/// Reads a note such as 〔〕内为累计数,〈〉内为规划期间新增数 into the bracket convention.
pub(super) fn define_brackets(
    note: &str,
    line: usize,
    conv: &mut BracketConvention,
    lex: &Lexicon,
) {
    let chars: Vec<char> = note.chars().collect();
    for (pair, b) in lex.fold.brackets.iter() {
        for k in (0..chars.len()).filter(|k| chars[*k] == pair.open) {
            // The close within a few blank characters: 〔　〕, [ ].
            let mut j = k + 1;
            while j < chars.len()
                && j <= k + 3
                && chars[j] != pair.close
                && chars[j].is_whitespace()
            {
                j += 1;
            }
            if j < chars.len() && chars[j] == pair.close {
                if let Some(a) = definition(&chars[j + 1..], lex) {
                    conv.define(b, a, line);
                }
            }
        }
    }
}

/// What the words after an empty bracket say its numbers are, up to the end of the clause
/// or the next bracket.
fn definition(after: &[char], lex: &Lexicon) -> Option<Accumulation> {
    let opens_bracket = |c: char| lex.fold.brackets.iter().any(|(p, _)| p.open == c);
    let tail: String = after
        .iter()
        .take_while(|c| !lex.table.definition_ends.contains(**c) && !opens_bracket(**c))
        .collect();
    if lex.table.cumulative.any_in(&tail) {
        Some(Accumulation::Cumulative)
    } else if lex.table.increment.any_in(&tail) {
        Some(Accumulation::Increment)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bracket;

    #[test]
    fn notes_define_brackets() {
        let mut c = BracketConvention::default();
        define_brackets(
            "备注:1.〔〕内为累计数,〈〉内为规划期间新增数。",
            7,
            &mut c,
            Lexicon::bundled(),
        );
        assert_eq!(c.meaning(Bracket::Tortoise), Accumulation::Cumulative);
        assert_eq!(c.meaning(Bracket::Angle), Accumulation::Increment);
        assert!(c.is_from_document());
        let mut c = BracketConvention::default();
        define_brackets("2. [] 内为累计数。", 9, &mut c, Lexicon::bundled());
        assert_eq!(
            c.meanings
                .iter()
                .find(|m| m.bracket == Bracket::Square)
                .and_then(|m| m.line),
            Some(9)
        );
    }
}

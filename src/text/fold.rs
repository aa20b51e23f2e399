//! One spelling for characters that differ only in width, quoting or spacing.
//!
//! The character sets (quotes, titles, brackets, invisible characters) are the lexicon's
//! `[fold]`; the width arithmetic is Unicode's (the full-width forms U+FF01–U+FF5E are
//! ASCII shifted by U+FEE0).

use super::Lexicon;

/// Folds a full-width digit, point, percent, comparison sign, tilde or minus into ASCII;
/// other characters pass. What number scanners see.
pub(crate) fn width(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}'
        | '\u{ff05}'
        | '\u{ff0e}'
        | '\u{ff1c}'
        | '\u{ff1e}'
        | '\u{ff5e}'
        | '\u{ff0d}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// Folds any full-width ASCII form (！ to ～) into ASCII; other characters pass.
pub(crate) fn ascii(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// Whether `c` opens or closes a quotation.
pub(crate) fn is_quote(lex: &Lexicon, c: char) -> bool {
    in_pairs(&lex.fold.quotes, c)
}

/// Whether `c` opens or closes a title (《》).
pub(crate) fn is_title_mark(lex: &Lexicon, c: char) -> bool {
    in_pairs(&lex.fold.titles, c)
}

/// Whether `c` is a parenthesis of either width.
pub(crate) fn is_paren(lex: &Lexicon, c: char) -> bool {
    in_pairs(&lex.fold.parens, c)
}

/// Whether `c` is an invisible character (zero-width space, joiner, bidi mark, BOM).
pub(crate) fn is_invisible(lex: &Lexicon, c: char) -> bool {
    lex.fold.invisible.contains(c)
}

/// The pairs that nest (quotes, titles, parentheses), without those whose two characters
/// are the same (ASCII quotes), which only toggle.
pub(crate) fn nesting_pairs(lex: &Lexicon) -> Vec<&super::Pair> {
    lex.fold
        .quotes
        .iter()
        .chain(&lex.fold.titles)
        .chain(&lex.fold.parens)
        .filter(|p| p.open != p.close)
        .collect()
}

fn in_pairs(pairs: &[super::Pair], c: char) -> bool {
    pairs.iter().any(|p| p.open == c || p.close == c)
}

/// The first bytes of the UTF-8 forms of a set of characters. A text none of whose bytes
/// is one holds none of the characters; a scan tests the bytes and decodes a character only
/// where its first byte is one (in UTF-8 no first byte is part of another character).
#[derive(Debug, Clone)]
pub(crate) struct LeadBytes([bool; 256]);

impl LeadBytes {
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> LeadBytes {
        let mut leads = [false; 256];
        for c in chars {
            leads[lead_byte(c) as usize] = true;
        }
        LeadBytes(leads)
    }

    /// [`LeadBytes::of`] for a constant.
    pub(crate) const fn of_slices(sets: &[&[char]]) -> LeadBytes {
        let mut leads = [false; 256];
        let mut i = 0;
        while i < sets.len() {
            let mut j = 0;
            while j < sets[i].len() {
                leads[lead_byte(sets[i][j]) as usize] = true;
                j += 1;
            }
            i += 1;
        }
        LeadBytes(leads)
    }

    /// Whether a character of `text` satisfies `pred`, which must be false for every
    /// character outside the set: `text.contains(pred)`, with only the set's characters
    /// decoded.
    pub(crate) fn any(&self, text: &str, pred: impl Fn(char) -> bool) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        // `i` stands at the first byte of a char: stepped by the length its first byte gives.
        while let Some(&x) = b.get(i) {
            if self.0[usize::from(x)]
                && text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(&pred)
            {
                return true;
            }
            i += match x {
                0..0xE0 if x < 0x80 => 1,
                0..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
        }
        false
    }
}

/// The characters that are whitespace (`char::is_whitespace`: Unicode's White_Space).
pub(crate) const WHITESPACE: [char; 25] = [
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

/// The characters [`width`] changes.
pub(crate) const WIDTH_FOLDED: [char; 16] = [
    '\u{ff10}', '\u{ff11}', '\u{ff12}', '\u{ff13}', '\u{ff14}', '\u{ff15}', '\u{ff16}', '\u{ff17}',
    '\u{ff18}', '\u{ff19}', '\u{ff05}', '\u{ff0e}', '\u{ff1c}', '\u{ff1e}', '\u{ff5e}', '\u{ff0d}',
];

/// The first byte of `c`'s UTF-8 form.
const fn lead_byte(c: char) -> u8 {
    let c = c as u32;
    if c < 0x80 {
        c as u8
    } else if c < 0x800 {
        0xC0 | (c >> 6) as u8
    } else if c < 0x10000 {
        0xE0 | (c >> 12) as u8
    } else {
        0xF0 | (c >> 18) as u8
    }
}

/// What a quotation mark does: open, close, or toggle (a pair of one character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Toggle,
}

/// The marks that open and close quotations and titles, looked up once per character by
/// [`QuoteMarks::mask`]; built once from the lexicon.
#[derive(Debug, Clone)]
pub(crate) struct QuoteMarks(super::lexicon::CharTable<Mark>);

impl QuoteMarks {
    pub(crate) fn new(lex: &Lexicon) -> QuoteMarks {
        let mut marks: Vec<(char, Mark)> = Vec::new();
        // The first title pair (《》) names a document; the second (〈〉) doubles as a value
        // bracket (〈5〉 is an increment), so a number inside it is a quantity.
        for p in lex.fold.quotes.iter().chain(lex.fold.titles.iter().take(1)) {
            if p.open == p.close {
                marks.push((p.open, Mark::Toggle));
            } else {
                marks.push((p.open, Mark::Open));
                marks.push((p.close, Mark::Close));
            }
        }
        marks.sort_by_key(|(c, _)| *c);
        QuoteMarks(super::lexicon::CharTable::from_sorted(marks))
    }

    /// For each character, whether it stands inside quotes or a title (“一件事一次办”,
    /// 《…》), where numbers are names, not quantities. Nesting is counted; a pair whose
    /// opening and closing characters are the same (ASCII quotes) toggles. Written into
    /// `out`, which is cleared first.
    pub(crate) fn mask(&self, chars: impl Iterator<Item = char>, out: &mut Vec<bool>) {
        let mut depth = 0usize;
        let mut toggled = false;
        out.clear();
        out.extend(chars.map(|c| {
            match self.0.get(c) {
                Some(Mark::Open) => depth += 1,
                Some(Mark::Close) => depth = depth.saturating_sub(1),
                Some(Mark::Toggle) => toggled = !toggled,
                None => {}
            }
            depth > 0 || toggled
        }));
    }
}

/// [`QuoteMarks::mask`] with the lexicon's marks.
#[cfg(test)]
pub(crate) fn quoted_mask(lex: &Lexicon, chars: impl Iterator<Item = char>) -> Vec<bool> {
    let mut out = Vec::new();
    QuoteMarks::new(lex).mask(chars, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(width('１'), '1');
        assert_eq!(width('％'), '%');
        assert_eq!(width('，'), '，');
        assert_eq!(ascii('，'), ',');
    }

    #[test]
    fn the_lists_of_whitespace_and_width_forms_are_whole() {
        let all = (0..=0x10ffffu32).filter_map(char::from_u32);
        let ws: Vec<char> = all.clone().filter(|c| c.is_whitespace()).collect();
        assert_eq!(ws, WHITESPACE.to_vec());
        let mut folded: Vec<char> = all.filter(|c| width(*c) != *c).collect();
        let mut listed: Vec<char> = WIDTH_FOLDED.to_vec();
        folded.sort_unstable();
        listed.sort_unstable();
        assert_eq!(folded, listed);
    }

    #[test]
    fn lead_bytes_are_the_first_bytes() {
        for c in ['a', '\u{85}', '市', '\u{ff10}', '\u{20000}'] {
            let mut buf = [0u8; 4];
            assert_eq!(lead_byte(c), c.encode_utf8(&mut buf).as_bytes()[0]);
        }
    }

    #[test]
    fn lead_bytes_find_what_contains_finds() {
        let leads = LeadBytes::of(['\u{200b}', '\u{c}']);
        let hidden = |c: char| c == '\u{200b}' || c == '\u{c}';
        for s in ["", "abc", "市场“监管”", "a\u{200b}b", "\u{c}", "—\u{2014}"] {
            assert_eq!(leads.any(s, hidden), s.contains(hidden), "{s:?}");
        }
    }

    #[test]
    fn quotes_nest() {
        let lex = Lexicon::bundled();
        let m = quoted_mask(lex, "a“b《c》d”e".chars());
        assert_eq!(
            m,
            vec![false, true, true, true, true, true, true, false, false]
        );
    }
}

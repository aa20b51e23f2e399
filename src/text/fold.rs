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
    fn quotes_nest() {
        let lex = Lexicon::bundled();
        let m = quoted_mask(lex, "a“b《c》d”e".chars());
        assert_eq!(
            m,
            vec![false, true, true, true, true, true, true, false, false]
        );
    }
}

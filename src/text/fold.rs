//! One spelling for characters that differ only in width, quoting or spacing.
//!
//! The character sets (quotes, titles, brackets, invisible characters) are the lexicon's
//! `[fold]`; the width arithmetic is Unicode's (the full-width forms U+FF01–U+FF5E are
//! ASCII shifted by U+FEE0).

use super::Lexicon;
use super::lexicon::PlaneBits;

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

/// The first bytes of the UTF-8 forms of a set of characters, and the set's characters of
/// the Basic Multilingual Plane. A scan steps from char to char by the lengths their first
/// bytes tell (one table lookup a char, with no decoding), and tells a char whose first
/// byte is one of the set's off its bytes (in UTF-8 no first byte is part of another
/// character), decoding only the set's characters.
#[derive(Debug, Clone)]
pub(crate) struct LeadBytes {
    /// For each byte: the length of the char it opens ([`utf8_len`]), with [`LEAD`] set
    /// when it is the first byte of one of the set's chars.
    steps: [u8; 256],
    /// The set's chars of the plane.
    bmp: PlaneBits,
}

/// The flag of [`LeadBytes::steps`] that marks a first byte of the set.
const LEAD: u8 = 0x80;

impl LeadBytes {
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> LeadBytes {
        let mut set = LeadBytes::EMPTY;
        for c in chars {
            set.insert(c);
        }
        set
    }

    /// [`LeadBytes::of`] for a constant.
    pub(crate) const fn of_slices(sets: &[&[char]]) -> LeadBytes {
        let mut set = LeadBytes::EMPTY;
        let mut i = 0;
        while i < sets.len() {
            let mut j = 0;
            while j < sets[i].len() {
                set.insert(sets[i][j]);
                j += 1;
            }
            i += 1;
        }
        set
    }

    const EMPTY: LeadBytes = {
        let mut steps = [0u8; 256];
        let mut x = 0;
        while x < 256 {
            steps[x] = utf8_len(x as u8);
            x += 1;
        }
        LeadBytes {
            steps,
            bmp: PlaneBits::EMPTY,
        }
    };

    const fn insert(&mut self, c: char) {
        self.steps[lead_byte(c) as usize] |= LEAD;
        self.bmp.insert(c);
    }

    /// Whether a character of `text` satisfies `pred`, which must be false for every
    /// character outside the set: `text.contains(pred)`, with only the set's characters
    /// decoded.
    pub(crate) fn any(&self, text: &str, pred: impl Fn(char) -> bool) -> bool {
        let mut from = 0;
        while let Some((at, c)) = self.find(text, from) {
            if pred(c) {
                return true;
            }
            from = at + c.len_utf8();
        }
        false
    }

    /// The first char of `text` from byte `from` (the first byte of a char) on that may be
    /// one of the set's, and where it stands: one of them, for a char of the plane; one
    /// whose first byte is one of theirs, for a char beyond it.
    pub(crate) fn find(&self, text: &str, from: usize) -> Option<(usize, char)> {
        let b = text.as_bytes();
        let mut at = from;
        while let Some(&x) = b.get(at) {
            let step = self.steps[usize::from(x)];
            if step & LEAD != 0 && self.may_hold(b, at) {
                if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
                    return Some((at, c));
                }
            }
            // A continuation byte (only where `from` was none) steps by one.
            at += usize::from(step & !LEAD);
        }
        None
    }

    /// Whether the char whose first byte is `b[i]` may be one of the set's: told off its
    /// bytes for a char of the plane (one, two or three bytes), assumed for one beyond.
    fn may_hold(&self, b: &[u8], i: usize) -> bool {
        let byte = |k: usize| usize::from(b.get(i + k).copied().unwrap_or(0) & 0x3F);
        let x = usize::from(b[i]);
        let c = match x {
            0..0x80 => x,
            0x80..0xE0 => (x & 0x1F) << 6 | byte(1),
            0xE0..0xF0 => (x & 0x0F) << 12 | byte(1) << 6 | byte(2),
            _ => return true,
        };
        self.bmp.holds(c)
    }
}

/// The length of the UTF-8 form of the char whose first byte is `x`: 1 for ASCII, and for
/// a continuation byte (none's first), so that a scan resumes at the next byte.
const fn utf8_len(x: u8) -> u8 {
    match x {
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => 1,
    }
}

/// Up to eight classes of characters, one bit of a `u8` each, told in one lookup a char: an
/// ASCII char in a table of 128, a char of three bytes (Chinese text) off its bytes in a
/// table of 64-char blocks, in which the blocks holding no class share one row of zeros.
/// For a scanner that asks several questions of every char of a text in one pass; the
/// chars beyond the Basic Multilingual Plane are its own to class.
#[derive(Debug, Clone)]
pub(crate) struct CharClasses {
    ascii: [u8; 128],
    /// For each block of 64 code points of the plane, its row of `rows`.
    blocks: Box<[u16; 0x10000 / 64]>,
    /// The classes of each char of a block; row 0 is the blocks without a class.
    rows: Vec<[u8; 64]>,
}

impl CharClasses {
    /// No class for any char.
    pub(crate) fn new() -> CharClasses {
        CharClasses {
            ascii: [0; 128],
            blocks: Box::new([0; 0x10000 / 64]),
            rows: vec![[0; 64]],
        }
    }

    /// Gives `c` the classes `classes` besides those it has (nothing for a char beyond the
    /// plane).
    pub(crate) fn add(&mut self, c: char, classes: u8) {
        let k = c as usize;
        if let Some(slot) = self.ascii.get_mut(k) {
            *slot |= classes;
        }
        let Some(&row) = self.blocks.get(k / 64) else {
            return;
        };
        let row = match usize::from(row) {
            0 => {
                self.rows.push([0; 64]);
                let new = self.rows.len() - 1;
                self.blocks[k / 64] = u16::try_from(new).unwrap_or(u16::MAX);
                new
            }
            r => r,
        };
        if let Some(r) = self.rows.get_mut(row) {
            r[k % 64] |= classes;
        }
    }

    /// The classes of `c`, a char of the plane (`None` beyond it).
    pub(crate) fn of(&self, c: char) -> Option<u8> {
        let k = c as usize;
        let row = self.blocks.get(k / 64)?;
        Some(self.rows.get(usize::from(*row)).map_or(0, |r| r[k % 64]))
    }

    /// The classes of the ASCII char `x`.
    #[inline]
    pub(crate) fn of_ascii(&self, x: u8) -> u8 {
        self.ascii[usize::from(x & 0x7F)]
    }

    /// The classes of the char whose UTF-8 form is the three bytes `x`, `b1`, `b2`, told
    /// off the bytes as [`PlaneBits::holds3`] tells them.
    #[inline]
    pub(crate) fn of3(&self, x: u8, b1: u8, b2: u8) -> u8 {
        let block = usize::from(x & 0x0F) << 6 | usize::from(b1 & 0x3F);
        let row = usize::from(self.blocks[block]);
        self.rows.get(row).map_or(0, |r| r[usize::from(b2 & 0x3F)])
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
        // Chars that share a first byte, or a first and a second, with the set's; chars
        // beyond the plane; at every place of a block of 16 bytes and across its end.
        let set = [
            '\u{200b}',
            '\u{c}',
            '\u{a0}',
            '\u{3000}',
            '\u{ff10}',
            '\u{20000}',
        ];
        let leads = LeadBytes::of(set);
        let member = |c: char| set.contains(&c);
        let near = [
            'a',
            '\u{200a}',
            '\u{200c}',
            '\u{a1}',
            '\u{85}',
            '\u{3001}',
            '\u{ff0c}',
            '\u{20001}',
            '\u{10ffff}',
            '市',
        ];
        for pad in 0..20 {
            for c in near.iter().chain(&set) {
                let s: String = "x".repeat(pad) + &c.to_string() + "市场";
                assert_eq!(leads.any(&s, member), s.contains(member), "{s:?}");
            }
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

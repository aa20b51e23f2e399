//! Script: traditional characters read as simplified, inline pinyin annotations removed,
//! and the marks a failed text extraction leaves.
//!
//! Every function here is one pass over its input and keeps what it does not change: the
//! conversion maps one char to one char, so every column and char offset of a converted
//! text is the original's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::Lexicon;

/// OpenCC's table of traditional characters and their simplified forms (Apache-2.0;
/// data/script/README.md records its source and licence).
const OPENCC_TS_CHARACTERS: &str = include_str!("../../data/script/TSCharacters.txt");

/// A one-char table from traditional to simplified characters.
///
/// Where OpenCC lists several simplified forms for one traditional char (乾 → 干 or 乾),
/// the first, its default, is taken: the table cannot tell them apart by context.
#[derive(Debug)]
pub(crate) struct Simplifier {
    map: HashMap<char, char>,
    /// One bit per char of the Basic Multilingual Plane: whether `map` holds it. Most chars
    /// of a text have no entry and are told so without hashing.
    in_bmp: Box<[u64; 0x10000 / 64]>,
}

/// A text converted to simplified characters.
#[derive(Debug)]
pub(crate) struct Simplified<'t> {
    /// The text, borrowed when no char changed.
    pub text: Cow<'t, str>,
    /// How many chars the table changed.
    pub changed: usize,
    /// How many Han chars the text holds.
    pub han: usize,
    /// The byte offset, in the original, of the first char changed.
    pub first_at: Option<usize>,
}

impl Simplifier {
    /// The bundled table (OpenCC's TSCharacters), parsed once per process.
    pub(crate) fn bundled() -> &'static Simplifier {
        static BUNDLED_TABLE: OnceLock<Simplifier> = OnceLock::new();
        BUNDLED_TABLE.get_or_init(|| Simplifier::from_opencc(OPENCC_TS_CHARACTERS))
    }

    /// Reads a table in OpenCC's dictionary format: `key<TAB>value value …` per line,
    /// `#` comments. Entries whose key is not one char, or whose first value is not one
    /// char or is the key itself, are left out: they change nothing char by char.
    fn from_opencc(text: &str) -> Simplifier {
        let map = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (key, values) = l.split_once('\t')?;
                let first = values.split(' ').next()?;
                Some((one_char(key)?, one_char(first)?))
            })
            .filter(|(k, v)| k != v)
            .collect();
        Simplifier::new(map)
    }

    fn new(map: HashMap<char, char>) -> Simplifier {
        let mut in_bmp = Box::new([0u64; 0x10000 / 64]);
        for &k in map.keys() {
            if let Some(word) = in_bmp.get_mut(k as usize / 64) {
                *word |= 1 << (k as usize % 64);
            }
        }
        Simplifier { map, in_bmp }
    }

    /// The simplified form of `c` (`c` itself when it has none).
    pub(crate) fn char(&self, c: char) -> char {
        if c.is_ascii() {
            return c;
        }
        if let Some(word) = self.in_bmp.get(c as usize / 64) {
            if word & (1 << (c as usize % 64)) == 0 {
                return c;
            }
        }
        self.map.get(&c).copied().unwrap_or(c)
    }

    /// Whether the table changes the char whose code point is `c`.
    fn changes(&self, c: u32) -> bool {
        match self.in_bmp.get(c as usize / 64) {
            Some(word) => word & (1 << (c as usize % 64)) != 0,
            None => char::from_u32(c).is_some_and(|ch| self.map.contains_key(&ch)),
        }
    }

    /// How many Han chars `text` holds, and whether the table changes any of them: one
    /// pass over the bytes (most documents are simplified, and this is all that is asked
    /// of them). A char of three bytes (the whole of Chinese text but for the rare chars
    /// beyond the Basic Multilingual Plane) is told off its bytes without decoding it: its
    /// lead byte's low four bits and its second byte's low six are its block of 64 code
    /// points, the word of `in_bmp` and the entry of [`HAN_BLOCKS`]; its third byte's low
    /// six are its bit in the word.
    fn scan(&self, text: &str) -> (usize, bool) {
        let b = text.as_bytes();
        let (mut i, mut han) = (0, 0);
        while let Some(&x) = b.get(i) {
            if x < 0x80 {
                i += 1;
                continue;
            }
            if let (0xE0..0xF0, Some(&[b1, b2])) = (x, b.get(i + 1..i + 3)) {
                // Below 0x400: both tables are indexed without a bounds check.
                let block = usize::from(x & 0x0F) << 6 | usize::from(b1 & 0x3F);
                if self.in_bmp[block] >> (b2 & 0x3F) & 1 != 0 {
                    return (han, true);
                }
                han += usize::from(HAN_BLOCKS[block]);
                i += 3;
                continue;
            }
            // A char of two or four bytes; `i` stands at its first byte.
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            // A table entry is never ASCII, and `char` leaves ASCII alone.
            if self.changes(c as u32) {
                return (han, true);
            }
            han += usize::from(is_han(c));
            i += c.len_utf8();
        }
        (han, false)
    }

    /// `text` with every char the table knows replaced by its simplified form.
    pub(crate) fn simplify<'t>(&self, text: &'t str) -> Simplified<'t> {
        let (han, changes) = self.scan(text);
        if !changes {
            return Simplified {
                text: Cow::Borrowed(text),
                changed: 0,
                han,
                first_at: None,
            };
        }
        let mut out: Option<String> = None;
        let (mut changed, mut han, mut first_at) = (0, 0, None);
        for (at, c) in text.char_indices() {
            han += usize::from(is_han(c));
            let s = self.char(c);
            if s != c {
                changed += 1;
                first_at.get_or_insert(at);
                out.get_or_insert_with(|| {
                    let mut o = String::with_capacity(text.len());
                    o.push_str(&text[..at]);
                    o
                });
            }
            if let Some(o) = out.as_mut() {
                o.push(s);
            }
        }
        Simplified {
            text: out.map_or(Cow::Borrowed(text), Cow::Owned),
            changed,
            han,
            first_at,
        }
    }
}

fn one_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// For each block of 64 code points of the Basic Multilingual Plane, whether its chars
/// are Han chars ([`is_han`]): the Han ranges of the plane begin and end on such blocks.
const HAN_BLOCKS: [bool; 0x10000 / 64] = {
    let mut blocks = [false; 0x10000 / 64];
    let mut k = 0;
    while k < blocks.len() {
        let first = (k * 64) as u32;
        blocks[k] = matches!(first, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF);
        k += 1;
    }
    blocks
};

/// Whether `c` is a Han character (the CJK Unified Ideographs, their extensions and the
/// compatibility ideographs).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The vowels of Hanyu Pinyin with their tone marks (《汉语拼音方案》, 1958: ā á ǎ à and so
/// on, ü with its tones), and the syllabic nasals ń ň ǹ ḿ, in both cases.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ";

/// How long a parenthesized annotation may be, in chars: four syllables and their spaces.
const MAX_ANNOTATION: usize = 32;

/// What one parenthesized run after a Han char holds, as pinyin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Annotation {
    /// Syllables at least one of which has a tone mark or a tone digit (chǎng, chang3).
    Toned,
    /// Lowercase syllables without tones (de): pinyin only on a line that has toned ones.
    Plain,
}

/// `line` without its inline pinyin annotations (市場(chǎng)監(jiān)管 → 市場監管), and how
/// many were removed.
///
/// An annotation is a run of Latin letters in parentheses of either width right after a
/// Han char, at least one of whose syllables has a tone mark or a tone digit; on a line
/// that has one, lowercase syllables without tone (的(de)) are annotations too. (GB),
/// (ISO 9001) and (试行) are not.
pub(crate) fn strip_pinyin<'l>(line: &'l str, lex: &Lexicon) -> (Cow<'l, str>, usize) {
    // An annotation opens with a parenthesis: a line holding none (most lines) has none.
    if !lex.fold.parens.iter().any(|p| line.contains(p.open)) {
        return (Cow::Borrowed(line), 0);
    }
    let mut spans: Vec<(usize, usize, Annotation)> = Vec::new();
    let (mut pos, mut prev_han) = (0, false);
    while let Some(c) = line[pos..].chars().next() {
        if prev_han {
            if let Some((end, kind)) = annotation_at(line, pos, c, lex) {
                spans.push((pos, end, kind));
                // Once the annotation is gone, what follows its close stands after the Han
                // char, as in the text returned: removing twice removes nothing more.
                pos = end;
                continue;
            }
        }
        prev_han = is_han(c);
        pos += c.len_utf8();
    }
    if !spans.iter().any(|s| s.2 == Annotation::Toned) {
        return (Cow::Borrowed(line), 0);
    }
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    for (start, end, _) in &spans {
        out.push_str(&line[from..*start]);
        from = *end;
    }
    out.push_str(&line[from..]);
    (Cow::Owned(out), spans.len())
}

/// The end (byte offset after the closing parenthesis) and kind of an annotation whose
/// opening parenthesis `open` stands at `at`, if there is one.
fn annotation_at(line: &str, at: usize, open: char, lex: &Lexicon) -> Option<(usize, Annotation)> {
    let pair = lex.fold.parens.iter().find(|p| p.open == open)?;
    let body_start = at + open.len_utf8();
    let (len, _) = line[body_start..]
        .char_indices()
        .take(MAX_ANNOTATION + 1)
        .find(|(_, c)| *c == pair.close)?;
    let kind = pinyin_kind(&line[body_start..body_start + len])?;
    Some((body_start + len + pair.close.len_utf8(), kind))
}

/// Whether `body` reads as pinyin syllables separated by spaces, and of which kind.
fn pinyin_kind(body: &str) -> Option<Annotation> {
    let mut toned = false;
    let mut syllables = 0;
    for syl in body.split([' ', '\'', '’']).filter(|s| !s.is_empty()) {
        toned |= syllable_toned(syl)?;
        syllables += 1;
    }
    match (syllables, toned) {
        (0, _) => None,
        (_, true) => Some(Annotation::Toned),
        (_, false) => Some(Annotation::Plain),
    }
}

/// Whether `syl` reads as one pinyin syllable, and whether it carries a tone: 1 to 7
/// letters with a vowel, at most one tone mark or one tone digit at its end (chǎng,
/// chang3), a capital first letter only with a tone mark (Shì). `None` when it is not
/// one (GB, V2, mp4, H5, A1, 9001).
fn syllable_toned(syl: &str) -> Option<bool> {
    let letters = syl.trim_end_matches(|c: char| ('1'..='5').contains(&c));
    let digits = syl.len() - letters.len();
    let marks = letters.chars().filter(|c| TONED.contains(*c)).count();
    let capital = letters.starts_with(|c: char| c.is_ascii_uppercase());
    let rest = letters.chars().skip(usize::from(capital));
    let lower = rest
        .clone()
        .all(|c| c.is_ascii_lowercase() || c == 'ü' || TONED.contains(c));
    // `v` stands for ü where readings are typed with tone digits (lv4: lǜ).
    let vowel = letters
        .chars()
        .any(|c| "aeiouüvAEIOU".contains(c) || TONED.contains(c));
    let n = letters.chars().count();
    let ok =
        lower && vowel && (1..=7).contains(&n) && marks + digits <= 1 && (!capital || marks == 1);
    ok.then_some(marks + digits == 1)
}

/// The mark of a failed text extraction a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExtractionMark {
    /// `(cid:123)`: a PDF glyph the extractor could not map to a char.
    Cid,
    /// U+FFFD REPLACEMENT CHARACTER: bytes a decoder could not read.
    Replacement,
    /// `?` standing in for every Han char: a line with question marks and no Han char.
    QuestionMarks,
}

impl ExtractionMark {
    /// What the mark is, in English.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            ExtractionMark::Cid => "(cid:N) glyph codes in place of characters",
            ExtractionMark::Replacement => "U+FFFD replacement characters in place of characters",
            ExtractionMark::QuestionMarks => "question marks in place of every Chinese character",
        }
    }
}

/// The mark of a failed extraction in `s`, and how many times it stands there.
pub(crate) fn extraction_mark(s: &str) -> Option<(ExtractionMark, usize)> {
    // Every mark holds `(`, `?` or U+FFFD: a line that holds none of them (most lines) is
    // told by three searches for one byte or char, each faster than a scan for all three.
    let b = s.as_bytes();
    if !(b.contains(&b'(') || b.contains(&b'?') || s.contains('\u{fffd}')) {
        return None;
    }
    // `(` is one byte and no byte of another char: a line without one (most) has no CID.
    let from = s.find('(').map_or("", |at| &s[at..]);
    let cids = from.match_indices("(cid:").filter(|(at, m)| {
        let rest = &from[at + m.len()..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && rest[digits..].starts_with(')')
    });
    let cids = cids.count();
    if cids > 0 {
        return Some((ExtractionMark::Cid, cids));
    }
    if s.contains('\u{fffd}') {
        let replaced = s.chars().filter(|c| *c == '\u{fffd}').count();
        return Some((ExtractionMark::Replacement, replaced));
    }
    // `?` is one byte and no byte of another char: counted on the bytes, and the Han
    // chars looked for only when there are two.
    let questions = s.bytes().filter(|b| *b == b'?').count();
    (questions >= 2 && !s.chars().any(is_han)).then_some((ExtractionMark::QuestionMarks, questions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_maps_one_char_to_one_char() {
        let t = Simplifier::bundled();
        let s = t.simplify("市場監管現代化規劃：覆蓋率達到95%，約束性");
        assert_eq!(s.text, "市场监管现代化规划：覆盖率达到95%，约束性");
        assert_eq!(s.changed, 8);
        assert_eq!(s.first_at, Some("市".len()));
        assert_eq!(s.han, 17);
        let plain = t.simplify("市场监管现代化规划");
        assert!(matches!(plain.text, Cow::Borrowed(_)));
        assert_eq!((plain.changed, plain.first_at), (0, None));
        // One traditional char that stands for several simplified ones takes OpenCC's
        // default: 乾 is 干 (乾燥) here even where it would be 乾 (乾隆).
        assert_eq!(t.char('乾'), '干');
        assert_eq!(t.char('a'), 'a');
    }

    #[test]
    fn han_blocks_are_is_han() {
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            assert_eq!(HAN_BLOCKS[c as usize / 64], is_han(c), "{c:?}");
        }
    }

    #[test]
    fn the_scan_counts_as_the_chars_do() {
        let t = Simplifier::bundled();
        for s in [
            "",
            "abc",
            "市场监管现代化规划：覆盖率达到95%，约束性",
            "ü·\u{20000}\u{2A6DF}𠀀市场",
            "市场\u{3400}\u{4dbf}\u{4dc0}\u{9fff}\u{f900}\u{faff}\u{fb00}",
            "市场監管",
        ] {
            let han = s.chars().filter(|c| is_han(*c)).count();
            let first = s.chars().position(|c| t.char(c) != c);
            let before = s
                .chars()
                .take(first.unwrap_or(usize::MAX))
                .filter(|c| is_han(*c));
            assert_eq!(t.scan(s), (before.count(), first.is_some()), "{s:?}");
            if first.is_none() {
                assert_eq!(t.scan(s).0, han);
            }
        }
    }

    #[test]
    fn the_table_skips_what_changes_nothing() {
        let t = Simplifier::from_opencc("# comment\n著\t著 着\n發\t发 發\n乾隆\t乾隆\nx\n");
        assert_eq!(t.map.len(), 1);
        assert_eq!(t.char('發'), '发');
        assert_eq!(t.char('著'), '著');
    }

    fn strip(s: &str) -> (String, usize) {
        let (t, n) = strip_pinyin(s, Lexicon::bundled());
        (t.into_owned(), n)
    }

    #[test]
    fn pinyin_after_a_han_char_is_removed() {
        assert_eq!(strip("市場(chǎng)監(jiān)管"), ("市場監管".to_string(), 2));
        assert_eq!(strip("市场（shì chǎng）监管"), ("市场监管".to_string(), 1));
        assert_eq!(
            strip("市场(shi4chang3)"),
            ("市场(shi4chang3)".to_string(), 0)
        );
        assert_eq!(strip("市场(shi4 chang3)监管"), ("市场监管".to_string(), 1));
        assert_eq!(
            strip("的(de)市(shì)"),
            ("的市".to_string(), 2),
            "plain beside toned"
        );
        assert_eq!(
            strip("Lǜ(lǜ)"),
            ("Lǜ(lǜ)".to_string(), 0),
            "not after a Han char"
        );
    }

    #[test]
    fn other_parentheses_are_kept() {
        for s in [
            "标准(GB)",
            "认证(ISO 9001)",
            "办法(试行)",
            "的(de)",
            "指标（%）",
            "企业(个)",
            "质量(Quality)",
            "市场(chǎng",
            "版本(V2)",
            "格式(mp4)",
            "页面(H5)",
            "等级(A1)",
        ] {
            assert_eq!(strip(s), (s.to_string(), 0), "{s}");
        }
    }

    use proptest::prelude::*;

    /// Chars that make annotations, near-annotations and traditional text.
    const ALPHABET: &[char] = &[
        '市', '場', '监', '監', '乾', '(', ')', '（', '）', 'a', 'G', 'ǎ', 'ì', '3', ' ', '?',
        '\u{fffd}', '\n', 'c', 'i', 'd', ':',
    ];

    proptest! {
        /// Conversion keeps every char's place; removal is idempotent and only removes.
        #[test]
        fn conversion_keeps_places_and_removal_is_idempotent(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..80)
        ) {
            let text: String = picks.iter().map(|i| ALPHABET[*i]).collect();
            let s = Simplifier::bundled().simplify(&text);
            prop_assert_eq!(s.text.chars().count(), text.chars().count());
            for (a, b) in s.text.chars().zip(text.chars()) {
                prop_assert_eq!(is_han(a), is_han(b));
                prop_assert_eq!(a == '\n', b == '\n');
            }
            let (once, n) = strip_pinyin(&text, Lexicon::bundled());
            let (twice, m) = strip_pinyin(&once, Lexicon::bundled());
            prop_assert_eq!(&twice, &once);
            prop_assert_eq!(m, 0);
            prop_assert!(once.len() <= text.len());
            prop_assert_eq!(n == 0, once == text);
            let _ = extraction_mark(&text);
        }
    }

    #[test]
    fn marks_of_a_failed_extraction() {
        use ExtractionMark::*;
        assert_eq!(extraction_mark("期末(cid:123)(cid:45)总量"), Some((Cid, 2)));
        assert_eq!(
            extraction_mark("期末\u{fffd}\u{fffd}总量"),
            Some((Replacement, 2))
        );
        assert_eq!(
            extraction_mark("1\t??????\t??\t42\t53"),
            Some((QuestionMarks, 8))
        );
        assert_eq!(extraction_mark("是否达标？"), None);
        assert_eq!(extraction_mark("(cid:)期末"), None);
        assert_eq!(extraction_mark("http://x.cn/?id=1"), None);
        assert_eq!(extraction_mark("期末市场主体总量"), None);
    }
}

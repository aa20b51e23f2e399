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
use super::lexicon::PlaneBits;

/// OpenCC's table of traditional characters and their simplified forms (Apache-2.0;
/// data/script/README.md records its source and licence).
const OPENCC_TS_CHARACTERS: &str = include_str!("../../data/script/TSCharacters.txt");

/// A one-char table from traditional to simplified characters.
///
/// Where OpenCC lists several simplified forms for one traditional char (乾 → 干 or 乾),
/// the first, its default, is taken: the table cannot tell them apart by context.
///
/// The keys are a bit set read off the table's text (for the bundled table, at compile
/// time): a simplified document, which has no key, is told so by one scan and never needs
/// the map, which is built the first time a char is converted.
#[derive(Debug)]
pub(crate) struct Simplifier {
    /// The table in OpenCC's format.
    source: &'static str,
    /// The keys of `map` of the Basic Multilingual Plane (a char beyond it, of which
    /// OpenCC has a few keys, is looked up in `map`).
    keys: PlaneBits,
    /// Whether a key lies beyond the plane.
    beyond_plane: bool,
    map: OnceLock<HashMap<char, char>>,
}

/// A text converted to simplified characters.
#[derive(Debug)]
pub(crate) struct Simplified<'t> {
    /// The text, borrowed when no char changed.
    pub text: Cow<'t, str>,
    /// How many chars the table changed.
    pub changed: usize,
    /// How many Han chars the text holds, counted when a char changed (0 otherwise).
    pub han: usize,
    /// The byte offset, in the original, of the first char changed.
    pub first_at: Option<usize>,
}

/// The bundled table (OpenCC's TSCharacters), its keys read at compile time.
static BUNDLED_TABLE: Simplifier = Simplifier::from_opencc(OPENCC_TS_CHARACTERS);

impl Simplifier {
    /// The bundled table (OpenCC's TSCharacters).
    pub(crate) fn bundled() -> &'static Simplifier {
        &BUNDLED_TABLE
    }

    /// Reads a table in OpenCC's dictionary format: `key<TAB>value value …` per line,
    /// `#` comments. Entries whose key is not one char, or whose first value is not one
    /// char or is the key itself, are left out: they change nothing char by char.
    const fn from_opencc(source: &'static str) -> Simplifier {
        let mut keys = PlaneBits::EMPTY;
        let mut beyond_plane = false;
        let b = source.as_bytes();
        let mut start = 0;
        while start < b.len() {
            let end = line_end(b, start);
            if let Some((key, _)) = opencc_entry(b, start, end) {
                keys.insert(key);
                beyond_plane |= key as u32 >= 0x10000;
            }
            start = end + 1;
        }
        Simplifier {
            source,
            keys,
            beyond_plane,
            map: OnceLock::new(),
        }
    }

    /// The table's entries, read once.
    fn map(&self) -> &HashMap<char, char> {
        self.map.get_or_init(|| {
            let b = self.source.as_bytes();
            let mut map = HashMap::new();
            let mut start = 0;
            while start < b.len() {
                let end = line_end(b, start);
                map.extend(opencc_entry(b, start, end));
                start = end + 1;
            }
            map
        })
    }

    /// The simplified form of `c` (`c` itself when it has none).
    pub(crate) fn char(&self, c: char) -> char {
        if self.changes(c) {
            self.map().get(&c).copied().unwrap_or(c)
        } else {
            c
        }
    }

    /// The chars of the plane the table changes.
    pub(crate) fn plane_keys(&self) -> impl Iterator<Item = char> + '_ {
        self.keys.chars()
    }

    /// Whether the table changes `c`.
    pub(crate) fn changes(&self, c: char) -> bool {
        match self.keys.get(c) {
            Some(key) => key,
            None => self.beyond_plane && self.map().contains_key(&c),
        }
    }

    /// Whether the table changes a char of `text`: one pass over the bytes (most documents
    /// are simplified, and this is all that is asked of them). A char of three bytes (the
    /// whole of Chinese text but for the rare chars beyond the Basic Multilingual Plane) is
    /// told off its bytes without decoding it ([`PlaneBits::holds3`]).
    fn scan(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            if x < 0x80 {
                i += 1;
                continue;
            }
            if let (0xE0..0xF0, Some(&[b1, b2])) = (x, b.get(i + 1..i + 3)) {
                if self.keys.holds3(x, b1, b2) {
                    return true;
                }
                i += 3;
                continue;
            }
            // A char of two or four bytes; `i` stands at its first byte.
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if self.changes(c) {
                return true;
            }
            i += c.len_utf8();
        }
        false
    }

    /// `text` with every char the table knows replaced by its simplified form.
    pub(crate) fn simplify<'t>(&self, text: &'t str) -> Simplified<'t> {
        if !self.scan(text) {
            return Simplified {
                text: Cow::Borrowed(text),
                changed: 0,
                han: 0,
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

/// Where the line of `b` that starts at `start` ends: at its `\n`, or at the end of `b`.
const fn line_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// The entry of an OpenCC table's line `b[start..end]` (without its line end) that
/// changes a char: its key and its first value, each one char, and not the same; `None`
/// for a comment, or a line with no such entry. `b` is UTF-8.
const fn opencc_entry(b: &[u8], start: usize, end: usize) -> Option<(char, char)> {
    if start >= end || b[start] == b'#' {
        return None;
    }
    let mut tab = start;
    while tab < end && b[tab] != b'\t' {
        tab += 1;
    }
    let mut value_end = tab + 1;
    while value_end < end && b[value_end] != b' ' {
        value_end += 1;
    }
    if tab >= end {
        return None;
    }
    match (char_at(b, start, tab), char_at(b, tab + 1, value_end)) {
        (Some(key), Some(value)) if key != value => Some((key, value)),
        _ => None,
    }
}

/// The char that `b[start..end]` (UTF-8) is, if it is exactly one.
const fn char_at(b: &[u8], start: usize, end: usize) -> Option<char> {
    if start >= end {
        return None;
    }
    let x = b[start] as u32;
    let (len, mut code) = match x {
        0..0x80 => (1, x),
        0x80..0xE0 => (2, x & 0x1F),
        0xE0..0xF0 => (3, x & 0x0F),
        _ => (4, x & 0x07),
    };
    if end - start != len {
        return None;
    }
    let mut k = 1;
    while k < len {
        code = code << 6 | (b[start + k] & 0x3F) as u32;
        k += 1;
    }
    char::from_u32(code)
}

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
    let opens = |c: char| lex.fold.parens.iter().any(|p| p.open == c);
    // From one opening parenthesis to the next: `from` is where the search goes on.
    let mut from = 0;
    while let Some((at, open)) = line[from..].char_indices().find(|(_, c)| opens(*c)) {
        let at = from + at;
        // Once an annotation is gone, what follows its close stands after the Han char, as
        // in the text returned: removing twice removes nothing more.
        let after_han = match spans.last() {
            Some((_, end, _)) if *end == at => true,
            _ => line[..at].chars().next_back().is_some_and(is_han),
        };
        if let Some((end, kind)) = after_han
            .then(|| annotation_at(line, at, open, lex))
            .flatten()
        {
            spans.push((at, end, kind));
            from = end;
            continue;
        }
        from = at + open.len_utf8();
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
    fn the_scan_finds_what_the_chars_change() {
        let t = Simplifier::bundled();
        for s in [
            "",
            "abc",
            "市场监管现代化规划：覆盖率达到95%，约束性",
            "ü·\u{20000}\u{2A6DF}𠀀市场",
            "市场\u{3400}\u{4dbf}\u{4dc0}\u{9fff}\u{f900}\u{faff}\u{fb00}",
            "市场監管",
            "監",
        ] {
            assert_eq!(t.scan(s), s.chars().any(|c| t.char(c) != c), "{s:?}");
        }
    }

    #[test]
    fn the_keys_are_the_map_s() {
        let t = Simplifier::bundled();
        let mut keys = PlaneBits::EMPTY;
        for k in t.map().keys() {
            keys.insert(*k);
        }
        assert_eq!(keys, t.keys);
        let beyond = t.map().keys().filter(|k| **k as u32 >= 0x10000).count();
        assert_eq!(keys.len() + beyond, t.map().len());
        assert_eq!(t.beyond_plane, beyond > 0);
    }

    #[test]
    fn the_table_skips_what_changes_nothing() {
        let t = Simplifier::from_opencc("# comment\n著\t著 着\n發\t发 發\n乾隆\t乾隆\nx\n");
        assert_eq!(t.map().len(), 1);
        assert_eq!(t.keys.len(), 1);
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

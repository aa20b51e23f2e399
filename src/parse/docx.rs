//! Word documents (.docx): the container and its XML read into a [`Document`].
//!
//! A .docx file is a zip archive of XML parts (Office Open XML, ECMA-376). Four are read:
//! `word/document.xml` (the body), `word/styles.xml` (which styles are headings, and the
//! list numbering a style carries), `word/numbering.xml` (how list numbers are written)
//! and `word/comments.xml` (a reviewer's comments). Each is read with a pull parser in
//! one pass, so time and memory are linear in the part; a part is refused before it is
//! inflated when it would be larger than [`cap`] (a zip bomb).
//!
//! What the body gives:
//! - paragraphs in order, the text of their runs (`w:t`), a `w:tab` as a tab, a `w:br`
//!   or `w:cr` as a line break; text a reviewer deleted (`w:del`, `w:moveFrom`) and field
//!   codes (`w:instrText`) left out, inserted text (`w:ins`) and field results kept;
//! - a page break (`w:br w:type="page"`, `w:lastRenderedPageBreak`, `w:pageBreakBefore`)
//!   as a [`Block::PageBreak`] before the paragraph, or after it when text precedes the
//!   break: a paragraph is never cut in two;
//! - a heading's outline level from the paragraph's `w:outlineLvl`, else from its style
//!   (a style with an outline level, or named `heading N` / `标题 N`);
//! - a list number (`w:numPr`, the paragraph's or its style's) written as Word shows it,
//!   so an auto-numbered chapter heading reads 第一章 …;
//! - tables with their rows (`w:tblHeader` marks a header row), cells (`w:gridSpan`,
//!   `w:vMerge`), a cell's paragraphs joined by `\n`; a table inside a cell gives its text
//!   to that cell, its paragraphs in order;
//! - the paragraphs of a text box (`w:txbxContent`) as blocks of their own after the block
//!   that anchors the box (its VML copy under `mc:Fallback` is skipped);
//! - comments as [`Remark`]s anchored to the block where their range starts.
//!
//! Not body text and left out: footnotes and endnotes (their reference marks too), headers
//! and footers, the text of drawings other than text boxes, hidden-text formatting (read
//! as text).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::error::{Error, ErrorKind};
use crate::parse::diagnostic::{DiagnosticKind, Severity};
use crate::parse::document::{Block, Document, Remark, SourceCell, SourceRow};

/// The largest part inflated, whatever the archive's size.
const MAX_PART: u64 = 512 << 20;
/// How many times the archive's size a part may inflate to.
const MAX_RATIO: u64 = 64;
/// The longest `w:lvlText` honoured (a list number's template); a longer one is cut.
const MAX_LEVEL_TEXT: usize = 64;
/// The longest chain of `w:basedOn` styles followed.
const MAX_STYLE_CHAIN: usize = 16;
/// The list levels Word has (0–8).
const LEVELS: usize = 9;

/// Reads a Word document's paragraphs, tables and comments.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, Error> {
    let mut package = Package::open(bytes)?;
    let Some(body) = package.part("word/document.xml")? else {
        return Err(error(
            "a zip archive but not a Word document: it holds no word/document.xml",
        ));
    };
    let styles = match package.part("word/styles.xml")? {
        Some(xml) => Styles::read(&xml)?,
        None => Styles::default(),
    };
    let numbering = match package.part("word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    let comments = match package.part("word/comments.xml")? {
        Some(xml) => read_comments(&xml)?,
        None => Vec::new(),
    };
    let mut reader = Body::new(&styles, numbering);
    reader.read(&body)?;
    Ok(reader.finish(comments))
}

fn error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Document {
        format: "docx",
        message: message.into(),
    })
}

/// The largest size a part of an archive of `archive` bytes may inflate to.
fn cap(archive: usize) -> u64 {
    (archive as u64).saturating_mul(MAX_RATIO).min(MAX_PART)
}

// ---- the container ------------------------------------------------------------------

/// The zip archive, and the size any part may inflate to.
struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    cap: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Package<'a>, Error> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| error(format!("not a readable zip archive: {e}")))?;
        Ok(Package {
            zip,
            cap: cap(bytes.len()),
        })
    }

    /// The part's bytes, or `None` when the archive holds no such part.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(error(format!("cannot open {name}: {e}"))),
        };
        let refuse = |size: u64| {
            error(format!(
                "{name} inflates to {size} bytes or more, over the cap of {} bytes (64 times the archive, at most 512 MB): a zip bomb?",
                self.cap
            ))
        };
        if file.size() > self.cap {
            return Err(refuse(file.size()));
        }
        // The stated size may lie: read no more than the cap allows.
        let mut out = Vec::with_capacity(file.size() as usize);
        (&mut file)
            .take(self.cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| error(format!("cannot inflate {name}: {e}")))?;
        if out.len() as u64 > self.cap {
            return Err(refuse(out.len() as u64));
        }
        Ok(Some(out))
    }
}

// ---- XML helpers --------------------------------------------------------------------

/// A pull reader over one part, naming the part in its errors.
struct Xml<'x> {
    reader: Reader<&'x [u8]>,
    part: &'static str,
}

impl<'x> Xml<'x> {
    fn new(xml: &'x [u8], part: &'static str) -> Xml<'x> {
        let mut reader = Reader::from_reader(xml);
        reader.config_mut().trim_text(false);
        Xml { reader, part }
    }

    fn next(&mut self) -> Result<Event<'x>, Error> {
        self.reader.read_event().map_err(|e| {
            error(format!(
                "{} is not well-formed XML at byte {}: {e}",
                self.part,
                self.reader.error_position()
            ))
        })
    }

    fn malformed(&self, what: impl std::fmt::Display) -> Error {
        error(format!(
            "{} is not well-formed XML at byte {}: {what}",
            self.part,
            self.reader.buffer_position()
        ))
    }

    /// The text of a text event or an entity reference.
    fn text(&self, event: &Event<'_>) -> Result<String, Error> {
        match event {
            Event::Text(t) => t
                .xml10_content()
                .map(|c| c.into_owned())
                .map_err(|e| self.malformed(e)),
            Event::CData(t) => t
                .decode()
                .map(|c| c.into_owned())
                .map_err(|e| self.malformed(e)),
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| self.malformed(e))? {
                    return Ok(c.to_string());
                }
                let name = r.decode().map_err(|e| self.malformed(e))?;
                quick_xml::escape::resolve_xml_entity(&name)
                    .map(str::to_string)
                    .ok_or_else(|| self.malformed(format!("unknown entity &{name};")))
            }
            _ => Ok(String::new()),
        }
    }
}

/// An attribute's value by its local name (`w:val` is `val`).
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// A toggle property (`<w:tblHeader/>`, `w:val="true"`, `"1"`, `"on"`; off when
/// `"false"`, `"0"`, `"off"`).
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("false" | "0" | "off"))
}

fn number<T: std::str::FromStr>(e: &BytesStart<'_>, name: &[u8]) -> Option<T> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

fn local(e: &BytesStart<'_>) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

// ---- styles -------------------------------------------------------------------------

/// What a paragraph style says about headings and lists.
#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<NumRef>,
}

/// A list a paragraph belongs to: `w:numId` and `w:ilvl`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct NumRef {
    id: Option<u32>,
    level: Option<u8>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn read(xml: &[u8]) -> Result<Styles, Error> {
        let mut x = Xml::new(xml, "word/styles.xml");
        let mut by_id = HashMap::new();
        let mut current: Option<(String, Style)> = None;
        // Inside a style's `w:rPr`, `w:tblPr` …: only its `w:pPr` matters.
        let mut in_ppr = false;
        loop {
            match x.next()? {
                Event::Start(e) | Event::Empty(e) => match local(&e).as_slice() {
                    b"style" => {
                        current = attr(&e, b"styleId").map(|id| (id, Style::default()));
                    }
                    b"pPr" => in_ppr = true,
                    b"name" => {
                        if let (Some((_, s)), Some(name)) = (current.as_mut(), attr(&e, b"val")) {
                            s.outline = s.outline.or(heading_name(&name));
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = attr(&e, b"val");
                        }
                    }
                    b"outlineLvl" if in_ppr => {
                        if let Some((_, s)) = current.as_mut() {
                            s.outline = number::<u8>(&e, b"val").filter(|l| *l < 9);
                        }
                    }
                    b"numId" if in_ppr => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num.get_or_insert_with(NumRef::default).id = number(&e, b"val");
                        }
                    }
                    b"ilvl" if in_ppr => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num.get_or_insert_with(NumRef::default).level = number(&e, b"val");
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"style" => {
                        if let Some((id, s)) = current.take() {
                            by_id.insert(id, s);
                        }
                    }
                    b"pPr" => in_ppr = false,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Styles { by_id })
    }

    /// The style and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.by_id.get(id);
        std::iter::from_fn(move || {
            let s = next?;
            next = s.based_on.as_deref().and_then(|b| self.by_id.get(b));
            Some(s)
        })
        .take(MAX_STYLE_CHAIN)
    }

    fn outline(&self, id: &str) -> Option<u8> {
        self.chain(id).find_map(|s| s.outline)
    }

    fn num(&self, id: &str) -> Option<NumRef> {
        let mut found: Option<NumRef> = None;
        for s in self.chain(id) {
            if let Some(n) = s.num {
                let f = found.get_or_insert_with(NumRef::default);
                f.id = f.id.or(n.id);
                f.level = f.level.or(n.level);
            }
        }
        found
    }
}

/// The outline level a style's name gives: `heading 2` (Word's built-in name, whatever
/// the interface language) or `标题 2` (as some Chinese editors write it) is level 1.
fn heading_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

// ---- numbering ----------------------------------------------------------------------

/// One level of a list: how its number is written.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    /// `w:lvlText`: `第%1章`, `%1.%2`, `（%1）`.
    text: String,
    /// `w:isLgl`: the numbers of all levels written as decimals.
    legal: bool,
    /// The suffix after the number: a tab or a space (both written as a space), or none.
    space_after: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".to_string(),
            text: String::new(),
            legal: false,
            space_after: true,
        }
    }
}

/// A list instance (`w:num`): its abstract list and the levels it restarts.
#[derive(Debug, Default, Clone)]
struct Num {
    abstract_id: u32,
    overrides: Vec<(u8, u32)>,
}

/// The lists of `word/numbering.xml`, and the counters of the lists read so far.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
    /// The current count of each level, by abstract list (lists sharing one continue it).
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
    /// The list instances whose start overrides have been applied.
    started: std::collections::HashSet<u32>,
}

impl Numbering {
    fn read(xml: &[u8]) -> Result<Numbering, Error> {
        let mut x = Xml::new(xml, "word/numbering.xml");
        let mut out = Numbering::default();
        let mut abs: Option<(u32, Vec<Level>)> = None;
        let mut level: Option<usize> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            match x.next()? {
                Event::Start(e) | Event::Empty(e) => {
                    let name = local(&e);
                    match (name.as_slice(), abs.as_mut(), num.as_mut()) {
                        (b"abstractNum", _, _) => {
                            abs = number(&e, b"abstractNumId")
                                .map(|id| (id, vec![Level::default(); LEVELS]));
                        }
                        (b"lvl", Some(_), _) => {
                            level = number::<usize>(&e, b"ilvl").filter(|l| *l < LEVELS);
                        }
                        (b"num", _, _) => {
                            num = number(&e, b"numId").map(|id| (id, Num::default()));
                        }
                        (b"abstractNumId", _, Some((_, n))) => {
                            n.abstract_id = number(&e, b"val").unwrap_or(0);
                        }
                        (b"lvlOverride", _, Some(_)) => {
                            override_level = number::<u8>(&e, b"ilvl").filter(|l| *l < 9);
                        }
                        (b"startOverride", _, Some((_, n))) => {
                            if let (Some(l), Some(v)) = (override_level, number(&e, b"val")) {
                                n.overrides.push((l, v));
                            }
                        }
                        (_, Some((_, levels)), None) => {
                            if let Some(l) = level.and_then(|l| levels.get_mut(l)) {
                                set_level(l, &name, &e);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            out.abstracts.insert(id, levels);
                        }
                    }
                    b"lvl" => level = None,
                    b"num" => {
                        if let Some((id, n)) = num.take() {
                            out.nums.insert(id, n);
                        }
                    }
                    b"lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// The number of the next paragraph of list `r`, as Word writes it, with its suffix.
    fn next(&mut self, r: NumRef) -> Option<String> {
        let id = r.id.filter(|id| *id != 0)?;
        let num = self.nums.get(&id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let ilvl = usize::from(r.level.unwrap_or(0)).min(LEVELS - 1);
        let counters = self.counters.entry(num.abstract_id).or_default();
        if self.started.insert(id) {
            for &(l, v) in &num.overrides {
                // The level starts over at `v`: the next paragraph counts `v`.
                counters[usize::from(l)] = Some(v.saturating_sub(1));
            }
        }
        let lvl = &levels[ilvl];
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => lvl.start,
        });
        for c in &mut counters[ilvl + 1..] {
            *c = None;
        }
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let k = d as usize - 1;
                    let of = &levels[k];
                    let n = counters[k].unwrap_or(of.start);
                    let format = if lvl.legal && k != ilvl {
                        "decimal"
                    } else {
                        of.format.as_str()
                    };
                    out.push_str(&format_number(n, format));
                }
                _ if is_symbol_font(c) => {}
                _ => out.push(c),
            }
        }
        if out.is_empty() {
            return None;
        }
        if lvl.space_after {
            out.push(' ');
        }
        Some(out)
    }
}

/// Reads one property of a list level.
fn set_level(l: &mut Level, name: &[u8], e: &BytesStart<'_>) {
    match name {
        b"start" => l.start = number(e, b"val").unwrap_or(1),
        b"numFmt" => l.format = attr(e, b"val").unwrap_or_default(),
        b"lvlText" => {
            l.text = attr(e, b"val")
                .unwrap_or_default()
                .chars()
                .take(MAX_LEVEL_TEXT)
                .collect();
        }
        b"isLgl" => l.legal = on(e),
        b"suff" => l.space_after = attr(e, b"val").as_deref() != Some("nothing"),
        _ => {}
    }
}

/// A character of a symbol font's private range (a bullet drawn in Wingdings): no text.
fn is_symbol_font(c: char) -> bool {
    ('\u{f000}'..='\u{f0ff}').contains(&c)
}

/// The numerals of ECMA-376's Chinese number formats (§17.18.59), a spec table rather than
/// a word list: the digits 〇–九, then 十 百 千.
const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_UNITS: [char; 3] = ['十', '百', '千'];
const CN_ZERO: char = '零';
/// `chineseLegalSimplified`: 壹 … 玖, then 拾 佰 仟.
const CN_LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CN_LEGAL_UNITS: [char; 3] = ['拾', '佰', '仟'];
/// `ideographTraditional`: the ten heavenly stems.
const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
/// `ideographZodiac`: the twelve earthly branches.
const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// `n` written in a `w:numFmt`; a format not known, or a number the format cannot write
/// in a few characters, as a decimal.
fn format_number(n: u32, format: &str) -> String {
    let cycle = |set: &[char]| set[(n.max(1) as usize - 1) % set.len()].to_string();
    match format {
        "none" => String::new(),
        "bullet" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" if (1..4000).contains(&n) => roman(n),
        "lowerRoman" if (1..4000).contains(&n) => roman(n).to_lowercase(),
        "upperLetter" if (1..=780).contains(&n) => letters(n, b'A'),
        "lowerLetter" if (1..=780).contains(&n) => letters(n, b'a'),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
            if n < 10_000 =>
        {
            chinese(n, &CN_DIGITS, &CN_UNITS, CN_ZERO, true)
        }
        "chineseLegalSimplified" if n < 10_000 => chinese(
            n,
            &CN_LEGAL_DIGITS,
            &CN_LEGAL_UNITS,
            CN_LEGAL_DIGITS[0],
            false,
        ),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .bytes()
            .map(|b| CN_DIGITS[usize::from(b - b'0')])
            .collect(),
        "ideographTraditional" => cycle(&STEMS),
        "ideographZodiac" => cycle(&BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(u32::from(c) - 0x30 + 0xff10))
            .collect(),
        _ => n.to_string(),
    }
}

/// A number below 10 000 in Chinese numerals: 一, 十一, 二十, 一百零五, 三千。
/// `short_ten` writes 10–19 as 十, 十一 rather than 一十, 一十一.
fn chinese(n: u32, digits: &[char; 10], units: &[char; 3], zero: char, short_ten: bool) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (place, unit) in [
        (1000, Some(units[2])),
        (100, Some(units[1])),
        (10, Some(units[0])),
        (1, None),
    ] {
        let d = (n / place % 10) as usize;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        if !(short_ten && place == 10 && d == 1 && out.is_empty()) {
            out.push(digits[d]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Word's letter numbering: A … Z, then AA … ZZ, AAA …
fn letters(n: u32, base: u8) -> String {
    let c = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, (n as usize - 1) / 26 + 1).collect()
}

// ---- comments -----------------------------------------------------------------------

/// A reviewer's comment: its id, author and text.
#[derive(Debug)]
struct Comment {
    id: String,
    author: String,
    text: String,
}

fn read_comments(xml: &[u8]) -> Result<Vec<Comment>, Error> {
    let mut x = Xml::new(xml, "word/comments.xml");
    let mut out = Vec::new();
    let mut current: Option<Comment> = None;
    let mut in_t = false;
    loop {
        let event = x.next()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"comment" => {
                    current = Some(Comment {
                        id: attr(e, b"id").unwrap_or_default(),
                        author: attr(e, b"author").unwrap_or_default(),
                        text: String::new(),
                    });
                }
                b"p" => {
                    if let Some(c) = current.as_mut().filter(|c| !c.text.is_empty()) {
                        c.text.push(' ');
                    }
                }
                b"t" => in_t = matches!(event, Event::Start(_)),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"comment" => out.extend(current.take()),
                b"t" => in_t = false,
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_t => {
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&x.text(&event)?);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

// ---- the body -----------------------------------------------------------------------

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    num: Option<NumRef>,
    break_before: bool,
    break_after: bool,
}

/// A table being read.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<SourceRow>,
    row: Option<SourceRow>,
    cell: Option<SourceCell>,
}

/// What holds the paragraph being read.
#[derive(Debug)]
enum Container {
    /// A table cell of the table on top of the table stack.
    Cell,
    /// A text box: its paragraphs are blocks of their own.
    TextBox,
}

/// The reader of `word/document.xml`.
struct Body<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    blocks: Vec<Block>,
    /// Blocks of text boxes, written after the block that anchors them.
    floating: Vec<Block>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    containers: Vec<Container>,
    /// Depth of tables inside a cell: their rows and cells are not the outer table's.
    nested: usize,
    /// Depth inside elements whose text is not body text (`w:del`, `mc:Fallback`, …).
    skip: usize,
    in_t: bool,
    in_ppr: bool,
    in_rpr: bool,
    /// The run holds a footnote reference with a custom mark: the mark is not text.
    footnote_mark: bool,
    /// Comment id → the block its range starts at.
    anchors: HashMap<String, usize>,
}

/// Elements whose content is not body text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"instrText"
            | b"delInstrText"
            | b"Fallback"
            | b"footnote"
            | b"endnote"
            | b"sdtPr"
            | b"rPrChange"
            | b"pPrChange"
    )
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles, numbering: Numbering) -> Body<'s> {
        Body {
            styles,
            numbering,
            blocks: Vec::new(),
            floating: Vec::new(),
            paras: Vec::new(),
            tables: Vec::new(),
            containers: Vec::new(),
            nested: 0,
            skip: 0,
            in_t: false,
            in_ppr: false,
            in_rpr: false,
            footnote_mark: false,
            anchors: HashMap::new(),
        }
    }

    fn read(&mut self, xml: &[u8]) -> Result<(), Error> {
        let mut x = Xml::new(xml, "word/document.xml");
        loop {
            let event = x.next()?;
            match &event {
                Event::Start(e) => {
                    let name = local(e);
                    if self.skip > 0 || skipped(&name) {
                        self.skip += 1;
                        continue;
                    }
                    self.start(&name, e);
                }
                Event::Empty(e) => {
                    let name = local(e);
                    if self.skip == 0 {
                        self.start(&name, e);
                        self.end(&name);
                    }
                }
                Event::End(e) => {
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    self.end(e.local_name().as_ref());
                }
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
                    if self.in_t && self.skip == 0 && !self.footnote_mark =>
                {
                    let text = x.text(&event)?;
                    if let Some(p) = self.paras.last_mut() {
                        p.text.push_str(&text);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !self.paras.is_empty() || !self.tables.is_empty() {
            return Err(x.malformed("the body ends inside a paragraph or a table"));
        }
        Ok(())
    }

    fn start(&mut self, name: &[u8], e: &BytesStart<'_>) {
        match name {
            b"p" => self.paras.push(Para::default()),
            b"pPr" => self.in_ppr = true,
            b"rPr" => self.in_rpr = true,
            b"r" => self.footnote_mark = false,
            b"t" => self.in_t = true,
            b"txbxContent" => self.containers.push(Container::TextBox),
            b"tbl" => {
                if self.in_cell() {
                    self.nested += 1;
                } else {
                    self.tables.push(Table::default());
                }
            }
            b"tr" if self.nested == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(SourceRow::default());
                }
            }
            b"tc" if self.nested == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(SourceCell::new(String::new()));
                    self.containers.push(Container::Cell);
                }
            }
            b"tblHeader" if self.nested == 0 && on(e) => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.header = true;
                }
            }
            b"gridSpan" if self.nested == 0 => {
                if let Some(cell) = self.cell() {
                    cell.col_span = number(e, b"val").unwrap_or(1).max(1);
                }
            }
            b"vMerge" if self.nested == 0 => {
                if let Some(cell) = self.cell() {
                    cell.continues = attr(e, b"val").as_deref() != Some("restart");
                }
            }
            b"commentRangeStart" | b"commentReference" => {
                if let Some(id) = attr(e, b"id") {
                    let at = self.blocks.len();
                    self.anchors.entry(id).or_insert(at);
                }
            }
            _ => self.paragraph_start(name, e),
        }
    }

    /// The elements inside a paragraph.
    fn paragraph_start(&mut self, name: &[u8], e: &BytesStart<'_>) {
        let (in_ppr, in_rpr) = (self.in_ppr, self.in_rpr);
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match name {
            b"pStyle" if in_ppr && !in_rpr => p.style = attr(e, b"val"),
            b"outlineLvl" if in_ppr && !in_rpr => {
                p.outline = Some(number::<u8>(e, b"val").unwrap_or(9));
            }
            b"ilvl" if in_ppr => {
                p.num.get_or_insert_with(NumRef::default).level = number(e, b"val")
            }
            b"numId" if in_ppr => p.num.get_or_insert_with(NumRef::default).id = number(e, b"val"),
            b"pageBreakBefore" if in_ppr && on(e) => p.break_before = true,
            b"tab" if !in_ppr => p.text.push('\t'),
            b"br" | b"cr" if !in_ppr => {
                if name == b"br" && attr(e, b"type").as_deref() == Some("page") {
                    page_break(p);
                } else if name == b"cr" || attr(e, b"type").is_none_or(|t| t == "textWrapping") {
                    p.text.push('\n');
                }
            }
            b"lastRenderedPageBreak" => page_break(p),
            b"noBreakHyphen" => p.text.push('-'),
            b"footnoteReference" | b"endnoteReference" => {
                self.footnote_mark =
                    attr(e, b"customMarkFollows").is_some_and(|v| v == "1" || v == "true");
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    self.paragraph_end(p);
                }
            }
            b"pPr" => self.in_ppr = false,
            b"rPr" => self.in_rpr = false,
            b"r" => self.footnote_mark = false,
            b"t" => self.in_t = false,
            b"txbxContent" => {
                self.containers.pop();
            }
            b"tbl" => {
                if self.nested > 0 {
                    self.nested -= 1;
                } else if let Some(t) = self.tables.pop() {
                    self.emit(Block::Table(t.rows));
                }
            }
            b"tr" if self.nested == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.extend(t.row.take());
                }
            }
            b"tc" if self.nested == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(row), Some(cell)) = (t.row.as_mut(), t.cell.take()) {
                        row.cells.push(cell);
                    }
                    self.containers.pop();
                }
            }
            _ => {}
        }
    }

    fn paragraph_end(&mut self, p: Para) {
        let style_num = p.style.as_deref().and_then(|s| self.styles.num(s));
        let num = match (p.num, style_num) {
            (Some(own), Some(style)) => Some(NumRef {
                id: own.id.or(style.id),
                level: own.level.or(style.level),
            }),
            (own, style) => own.or(style),
        };
        let mut text = num.and_then(|n| self.numbering.next(n)).unwrap_or_default();
        text.push_str(&p.text);
        match self.containers.last() {
            Some(Container::Cell) => {
                if let Some(cell) = self.cell() {
                    if !cell.text.is_empty() {
                        cell.text.push('\n');
                    }
                    cell.text.push_str(&text);
                }
            }
            Some(Container::TextBox) => self.floating.push(Block::Paragraph {
                text,
                heading: None,
            }),
            None => {
                let heading = p
                    .outline
                    .or_else(|| p.style.as_deref().and_then(|s| self.styles.outline(s)))
                    .filter(|l| *l < 9);
                if p.break_before {
                    self.blocks.push(Block::PageBreak);
                }
                self.emit(Block::Paragraph { text, heading });
                if p.break_after {
                    self.blocks.push(Block::PageBreak);
                }
            }
        }
    }

    /// Writes a block of the body, and the text boxes it anchors after it.
    fn emit(&mut self, block: Block) {
        self.blocks.push(block);
        self.blocks.append(&mut self.floating);
    }

    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.cell.is_some())
    }

    fn cell(&mut self) -> Option<&mut SourceCell> {
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    fn finish(mut self, comments: Vec<Comment>) -> Document {
        let end = self.blocks.len();
        self.blocks.append(&mut self.floating);
        let mut remarks: Vec<Remark> = comments
            .into_iter()
            .map(|c| Remark {
                block: self.anchors.get(&c.id).copied().unwrap_or(end),
                kind: DiagnosticKind::ReviewerComment,
                severity: Severity::Warning,
                message: format!(
                    "a reviewer's comment by {}: {}",
                    if c.author.is_empty() {
                        "an unnamed author"
                    } else {
                        &c.author
                    },
                    c.text.trim()
                ),
            })
            .collect();
        remarks.sort_by_key(|r| r.block);
        Document {
            blocks: self.blocks,
            remarks,
        }
    }
}

/// A page break inside a paragraph: before it when no text precedes, else after it.
fn page_break(p: &mut Para) {
    if p.text.trim().is_empty() {
        p.break_before = true;
    } else {
        p.break_after = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(xml: &str) -> Vec<Block> {
        let styles = Styles::default();
        let mut b = Body::new(&styles, Numbering::default());
        b.read(format!("<w:document><w:body>{xml}</w:body></w:document>").as_bytes())
            .unwrap();
        b.finish(Vec::new()).blocks
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { text, .. } => text.clone(),
                Block::PageBreak => "<page>".to_string(),
                Block::Table(rows) => rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| c.text.clone())
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect::<Vec<_>>()
                    .join("/"),
            })
            .collect()
    }

    #[test]
    fn chinese_and_other_number_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(14, "chineseCounting"), "十四");
        assert_eq!(format_number(20, "chineseCountingThousand"), "二十");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(7, "decimal"), "7");
        // Too large to write in a few characters: a decimal.
        assert_eq!(format_number(u32::MAX, "upperRoman"), u32::MAX.to_string());
    }

    #[test]
    fn list_levels_count_and_restart() {
        let xml = r#"<w:numbering><w:abstractNum w:abstractNumId="3">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
            </w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;
        let mut n = Numbering::read(xml.as_bytes()).unwrap();
        let at = |level| NumRef {
            id: Some(5),
            level: Some(level),
        };
        let got: Vec<_> = [0, 1, 1, 0, 1]
            .into_iter()
            .map(|l| n.next(at(l)).unwrap())
            .collect();
        assert_eq!(got, ["一、", "（一）", "（二）", "二、", "（一）"]);
        assert_eq!(
            n.next(NumRef {
                id: Some(9),
                level: None
            }),
            None
        );
    }

    #[test]
    fn runs_tabs_breaks_deletions_and_fields() {
        let blocks = body(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t>前言</w:t><w:tab/><w:t>5</w:t></w:r>"#,
            r#"<w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>页</w:t></w:r>"#,
            r#"<w:r><w:br/><w:t>次行 &amp; &#x4E00;</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>新页</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            texts(&blocks),
            ["前言\t5页\n次行 & 一", "<page>", "", "<page>", "新页"]
        );
    }

    #[test]
    fn text_boxes_are_blocks_of_their_own_and_their_fallback_is_skipped() {
        let blocks = body(concat!(
            r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>"#,
            r#"<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框中</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>"#,
            r#"</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框中</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"#,
            r#"</mc:AlternateContent></w:r><w:r><w:t>续</w:t></w:r></w:p>"#,
        ));
        assert_eq!(texts(&blocks), ["正文续", "框中"]);
    }

    #[test]
    fn table_cells_spans_merges_and_a_nested_table() {
        let blocks = body(concat!(
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"#,
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        ));
        let Block::Table(rows) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert!(rows[0].header && !rows[1].header);
        assert_eq!(rows[0].cells[0].col_span, 2);
        assert!(!rows[1].cells[0].continues && rows[2].cells[0].continues);
        assert_eq!(texts(&blocks), ["指标/甲\n乙|内\n表/|丙"]);
    }

    #[test]
    fn headings_from_outline_level_and_style_names() {
        let styles = Styles::read(
            concat!(
                r#"<w:styles><w:style w:styleId="a1"><w:name w:val="标题 1"/></w:style>"#,
                r#"<w:style w:styleId="b"><w:name w:val="Body"/><w:basedOn w:val="a1"/></w:style>"#,
                r#"<w:style w:styleId="o"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style></w:styles>"#
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(styles.outline("a1"), Some(0));
        assert_eq!(styles.outline("b"), Some(0));
        assert_eq!(styles.outline("o"), Some(2));
        assert_eq!(heading_name("heading 3"), Some(2));
        assert_eq!(heading_name("Normal"), None);
    }

    #[test]
    fn an_unclosed_body_is_malformed() {
        let styles = Styles::default();
        let mut b = Body::new(&styles, Numbering::default());
        let err = b.read(b"<w:document><w:body><w:p><w:r><w:t>x").unwrap_err();
        assert!(err.to_string().contains("word/document.xml"), "{err}");
    }

    #[test]
    fn the_cap_is_the_smaller_of_the_ratio_and_the_ceiling() {
        assert_eq!(cap(1000), 64_000);
        assert_eq!(cap(100 << 20), MAX_PART);
    }
}

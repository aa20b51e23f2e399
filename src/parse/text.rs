//! From bytes to clean lines: encoding detection, and the debris of Word, web and PDF
//! exports removed (bookmark tags, reviewer comments, footnote markers, form feeds, page
//! numbers, tables of contents, site breadcrumbs and issuing notices).

use std::borrow::Cow;

use crate::error::{Error, ErrorKind};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::text::Lexicon;
use crate::text::fold::{self, CharClasses, LeadBytes, is_invisible};
use crate::text::numeral;
use crate::text::script::{Simplifier, strip_pinyin};

/// Decodes a document's bytes: UTF-8 (with or without BOM) or GB18030/GBK, detected.
/// Anything else (UTF-16, binary data) is an error that says so.
pub fn decode(bytes: &[u8]) -> Result<String, Error> {
    let enc = |m: &str| Error::new(ErrorKind::Encoding(m.to_string()));
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(enc(
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 or GB18030",
        ));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let nuls = body.iter().take(4096).filter(|b| **b == 0).count();
    if nuls > 0 && looks_utf16(body) {
        return Err(enc(
            "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 or GB18030",
        ));
    }
    let text = match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (decoded, had_errors) = encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(body)
                .map_or((None, true), |s| (Some(s), false));
            match decoded {
                Some(s) if !had_errors => s.into_owned(),
                _ => {
                    return Err(enc("the bytes are neither UTF-8 nor GB18030/GBK text"));
                }
            }
        }
    };
    if looks_binary(&text) {
        return Err(enc(
            "the input holds control characters that text does not: it looks like binary data",
        ));
    }
    Ok(text)
}

fn looks_utf16(b: &[u8]) -> bool {
    let sample = &b[..b.len().min(4096)];
    let even = sample.iter().step_by(2).filter(|x| **x == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|x| **x == 0)
        .count();
    let half = sample.len() / 2;
    half > 0 && (even * 4 > half || odd * 4 > half)
}

fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{85}') {
            control += 1;
        }
    }
    total > 0 && control * 100 > total
}

/// One line of the document after cleaning, with its 1-based number in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub no: usize,
    /// The cleaned text: bookmarks, comments, footnote markers, form feeds and invisible
    /// characters removed, without its line end. Leading tabs and padding are kept: they
    /// carry a table's layout.
    pub text: String,
    /// Why the line is not part of the plan, if it is not.
    pub skip: Option<Skip>,
    /// Whether a form feed stood on this line.
    pub form_feed: bool,
    /// What the cleaned text holds, for the passes that look for rare chars.
    pub facts: Facts,
}

/// What a line's text may hold, told by one pass over it when the line is cleaned: the
/// passes that look for rare chars skip the lines that lack them. A fact a line has is one
/// it may hold (a line cleaned of debris keeps the facts of the raw line); a fact it lacks
/// is one it does not hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facts(u8);

impl Facts {
    /// A char that opens debris: a form feed, an invisible char, `[`, a tab, an opening
    /// parenthesis ([`Debris::opens`]).
    const DEBRIS: u8 = 1;
    /// `(`, `?` or U+FFFD, one of which every mark of a failed extraction holds.
    pub const MARKS: u8 = 2;
    /// A char that folds ([`fold::width`]) to the first char of a period's name.
    pub const PERIOD_NAME: u8 = 4;
    /// Four chars in a row, whitespace aside, that fold to digits of either script (ASCII
    /// digits, or the lexicon's numeral digits and units): what a year takes.
    pub const DIGIT_RUN: u8 = 8;
    /// Whitespace: a class of chars, which ends no run of digits.
    const SPACE: u8 = 16;
    /// A char that folds to a digit of either script.
    const DIGIT: u8 = 32;
    /// A char the bundled script table changes ([`Simplifier`]), a traditional char, on
    /// the line as it was written (before cleaning).
    pub const TRADITIONAL: u8 = 64;

    /// Whether the text holds any of the facts `facts`.
    pub fn any(self, facts: u8) -> bool {
        self.0 & facts != 0
    }
}

/// What the line reader derives from the lexicon, built once per lexicon
/// ([`crate::parse::tables`]): the chars cleaning looks for, and the classes of the chars
/// the facts pass tells.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    /// Those removed first: form feeds and the lexicon's invisible characters.
    hidden: LeadBytes,
    /// The classes of every char of the plane that has one.
    classes: CharClasses,
    /// The first chars of the period names.
    firsts: Vec<char>,
}

impl Tables {
    pub(crate) fn new(lex: &Lexicon) -> Tables {
        let firsts: Vec<char> = lex
            .periods
            .iter()
            .filter_map(|p| p.name.chars().next())
            .collect();
        let mut classes = CharClasses::new();
        // Every char with a class: those of the lists the classes are read off.
        let classed = ('\0'..='\u{7f}')
            .chain(fold::WHITESPACE)
            .chain(fold::WIDTH_FOLDED)
            .chain(lex.fold.invisible.chars())
            .chain(lex.fold.parens.iter().map(|p| p.open))
            .chain(['\u{fffd}'])
            .chain(firsts.iter().copied())
            .chain(lex.numerals.single_chars())
            .chain(Simplifier::bundled().plane_keys());
        for c in classed {
            classes.add(c, classes_of(c, &firsts, lex));
        }
        let hidden = lex.fold.invisible.chars().chain(['\u{c}']);
        Tables {
            hidden: LeadBytes::of(hidden),
            classes,
            firsts,
        }
    }
}

/// The classes of `c`, read off the lists (`firsts`: the first chars of the period names).
fn classes_of(c: char, firsts: &[char], lex: &Lexicon) -> u8 {
    let mut classes = 0;
    if Simplifier::bundled().changes(c) {
        classes |= Facts::TRADITIONAL;
    }
    if Debris::opens(c, lex) {
        classes |= Facts::DEBRIS;
    }
    if matches!(c, '(' | '?' | '\u{fffd}') {
        classes |= Facts::MARKS;
    }
    if c.is_whitespace() {
        return classes | Facts::SPACE;
    }
    let f = fold::width(c);
    if firsts.contains(&f) {
        classes |= Facts::PERIOD_NAME;
    }
    if f.is_ascii_digit() || numeral::is_cn_numeral(lex, f) {
        classes |= Facts::DIGIT;
    }
    classes
}

/// The pass that tells a line's [`Facts`]: the classes of every char of the plane in a
/// table, those of a char beyond it read off the lexicon's lists.
struct FactScan<'l> {
    tables: &'l Tables,
    lex: &'l Lexicon,
}

impl<'l> FactScan<'l> {
    fn new(lex: &'l Lexicon) -> FactScan<'l> {
        FactScan {
            tables: &crate::parse::tables(lex).text,
            lex,
        }
    }

    /// The classes of `c`, read off the lists.
    fn classes_of(&self, c: char) -> u8 {
        classes_of(c, &self.tables.firsts, self.lex)
    }

    /// The facts of a line's `text` cleaned from `raw`, whose facts are `of_raw`. Cleaning
    /// only removes chars: what the raw line lacks the cleaned one lacks, so the raw line's
    /// facts stand for it (a fact it may hold), but for a run of digits, which a removal
    /// may join (20[footnoteRef:1]30): read again when the raw line had digits and no run.
    /// [`Facts::TRADITIONAL`] is the raw line's: a document is converted as it was written.
    fn cleaned(&self, of_raw: Facts, raw: &str, text: &str) -> Facts {
        let joinable = of_raw.any(Facts::DIGIT) && !of_raw.any(Facts::DIGIT_RUN);
        match text.len() != raw.len() && joinable {
            true => Facts(self.facts(text).0 | of_raw.0 & Facts::TRADITIONAL),
            false => of_raw,
        }
    }

    /// The facts of `text`: one pass over its bytes, a char of one or three bytes told off
    /// them without decoding it.
    fn facts(&self, text: &str) -> Facts {
        let b = text.as_bytes();
        let (mut facts, mut run) = (0u8, 0u8);
        let mut at = 0;
        while let Some(&x) = b.get(at) {
            let class = if x < 0x80 {
                at += 1;
                self.tables.classes.of_ascii(x)
            } else if let (0xE0..0xF0, Some(&[b1, b2])) = (x, b.get(at + 1..at + 3)) {
                at += 3;
                self.tables.classes.of3(x, b1, b2)
            } else {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                at += c.len_utf8();
                self.tables
                    .classes
                    .of(c)
                    .unwrap_or_else(|| self.classes_of(c))
            };
            // Most chars have no class, and end a run of digits.
            if class == 0 {
                run = 0;
                continue;
            }
            facts |= class;
            if class & Facts::DIGIT != 0 {
                run = run.saturating_add(1);
                if run >= 4 {
                    facts |= Facts::DIGIT_RUN;
                }
            } else if class & Facts::SPACE == 0 {
                run = 0;
            }
        }
        Facts(facts)
    }
}

/// Why a line is not part of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    Contents,
    PageNumber,
    FrontMatter,
}

impl Line {
    pub fn trimmed(&self) -> &str {
        trim(&self.text)
    }

    pub fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }
}

/// Trims ASCII and Unicode whitespace, NBSP and ideographic space included.
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Splits text into cleaned lines, marking what is not the plan.
pub(crate) fn lines(text: &str, diags: &mut Vec<Diagnostic>, lex: &Lexicon) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let debris = Debris::new(lex);
    let mut out: Vec<Line> = RawLines::new(text)
        .enumerate()
        .map(|(i, raw)| clean_line(i + 1, raw, &debris, diags))
        .collect();
    mark_contents(&mut out, diags, lex);
    mark_page_numbers(&mut out, lex);
    mark_site_chrome(&mut out, diags, lex);
    if let Some(notice) = Notice::find(&out, lex) {
        notice.mark(&mut out, diags);
    }
    out
}

/// The 1-based line on which byte `at` of `text` stands, as [`lines`] numbers them.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    let base = text.as_ptr() as usize;
    RawLines::new(text)
        .take_while(|raw| raw.as_ptr() as usize - base <= at)
        .count()
        .max(1)
}

/// Whether `c` ends a line: LF, CR (a CR LF pair ends one line), and NEL (U+0085), LINE
/// SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), the other line ends of the
/// Unicode Standard's newline guidelines (§5.8). Every editor numbers lines at LF, CR LF
/// and a lone CR alike; on the other three they differ (some show them as marks within a
/// line), and a plan that holds them is read as the guidelines say. A form feed does not
/// end a line: it marks a page within one (see [`Line::form_feed`]).
fn is_line_end(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The first [line end](is_line_end) of `text`: where it stands and which it is. Read off
/// the bytes: in UTF-8 the lead byte of a char is never part of another, so LF, CR, NEL
/// (C2 85) and the two separators (E2 80 A8, E2 80 A9) are found without decoding.
fn line_end(text: &str) -> Option<(usize, char)> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = b
        .get(i..)?
        .iter()
        .position(|x| matches!(x, b'\n' | b'\r' | 0xC2 | 0xE2))
    {
        let at = i + k;
        if let Some(c) = text.get(at..).and_then(|r| r.chars().next()) {
            if is_line_end(c) {
                return Some((at, c));
            }
        }
        i = at + 1;
    }
    None
}

/// The lines of a text without their ends, numbered as a text editor numbers them: `\r\n`,
/// `\n` and a lone `\r` (old Mac exports) each end one line, as does each of the other
/// [line ends](is_line_end). A line end at the end of the text does not start another
/// line; an empty text is one empty line.
struct RawLines<'t> {
    rest: Option<&'t str>,
    first: bool,
    /// Whether LF is the text's only line end (most texts): then each line's end is found
    /// by a search for LF alone.
    lf_only: bool,
}

impl<'t> RawLines<'t> {
    fn new(text: &'t str) -> RawLines<'t> {
        let others = ['\r', '\u{85}', '\u{2028}', '\u{2029}'];
        debug_assert!(others.iter().all(|c| is_line_end(*c)));
        // One search per char, for its UTF-8 form as a string: a search for a string tests
        // its first and last bytes together, where one for a char of several bytes stops at
        // each of its last byte (a continuation byte, common in Chinese text).
        let holds = |c: &char| text.contains(&*c.encode_utf8(&mut [0; 4]));
        RawLines {
            rest: Some(text),
            first: true,
            lf_only: !others.iter().any(holds),
        }
    }
}

impl<'t> Iterator for RawLines<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let rest = self.rest?;
        let first = std::mem::replace(&mut self.first, false);
        let end = match self.lf_only {
            true => rest.find('\n').map(|at| (at, '\n')),
            false => line_end(rest),
        };
        let Some((at, end)) = end else {
            self.rest = None;
            return (first || !rest.is_empty()).then_some(rest);
        };
        let len = if rest[at..].starts_with("\r\n") {
            2
        } else {
            end.len_utf8()
        };
        self.rest = Some(&rest[at + len..]);
        Some(&rest[..at])
    }
}

/// The tags Word exports leave in text, each closed by the first `]` after it.
const TAGS: [&str; 3] = ["[bookmark:", "[footnoteRef:", "[footnote:"];

/// The characters cleaning looks for, found without decoding the others, and the pass
/// that tells a line's facts.
struct Debris<'l> {
    /// Those removed first: form feeds and the lexicon's invisible characters.
    hidden: &'l LeadBytes,
    facts: FactScan<'l>,
}

impl<'l> Debris<'l> {
    fn new(lex: &'l Lexicon) -> Debris<'l> {
        let facts = FactScan::new(lex);
        Debris {
            hidden: &facts.tables.hidden,
            facts,
        }
    }

    /// Whether `c` opens debris: a form feed, an invisible char, `[` (a tag), a tab (a
    /// comment) or an opening parenthesis (a pinyin annotation).
    fn opens(c: char, lex: &Lexicon) -> bool {
        matches!(c, '\u{c}' | '[' | '\t')
            || is_invisible(lex, c)
            || lex.fold.parens.iter().any(|p| p.open == c)
    }
}

/// Cleans one line.
fn clean_line(no: usize, raw: &str, debris: &Debris, diags: &mut Vec<Diagnostic>) -> Line {
    let lex = debris.facts.lex;
    let facts = debris.facts.facts(raw);
    // A line without a char that opens debris (most lines) is the line cleaned.
    if !facts.any(Facts::DEBRIS) {
        return Line {
            no,
            text: raw.to_string(),
            skip: None,
            form_feed: false,
            facts,
        };
    }
    let form_feed = raw.contains('\u{c}');
    // Form feeds and invisible characters (zero-width spaces and joiners, bidi controls,
    // byte-order marks: the lexicon's [fold] invisible) first, so that no reader sees them
    // and no tag hides behind them.
    let hidden = |c: char| c == '\u{c}' || is_invisible(lex, c);
    let visible: Cow<str> = if debris.hidden.any(raw, hidden) {
        Cow::Owned(raw.chars().filter(|c| !hidden(*c)).collect())
    } else {
        Cow::Borrowed(raw)
    };
    let mut tagless = String::with_capacity(visible.len());
    remove_tags(&visible, &mut tagless);
    let (unannotated, annotations) = strip_pinyin(&tagless, lex);
    if annotations > 0 {
        diags.push(Diagnostic::new(
            Severity::Info,
            Some(no),
            DiagnosticKind::PinyinRemoved,
            format!("{annotations} inline pinyin annotations removed"),
        ));
    }
    let mut text = match unannotated {
        Cow::Owned(o) => o,
        Cow::Borrowed(_) => tagless,
    };
    // A comment opens with a tab: a line without one (most lines) is not searched.
    let comment_at = if text.contains('\t') {
        text.find("\tComment by ")
    } else {
        None
    };
    if let Some(pos) = comment_at {
        let comment = text[pos..].trim().to_string();
        diags.push(Diagnostic::new(
            Severity::Info,
            Some(no),
            DiagnosticKind::ReviewerComment,
            comment,
        ));
        text.truncate(pos);
    }
    Line {
        no,
        facts: debris.facts.cleaned(facts, raw, &text),
        text,
        skip: None,
        form_feed,
    }
}

/// Appends `line` to `out` without its `[bookmark: …]`, `[footnoteRef:N]` and
/// `[footnote: …]` tags. A tag runs from its opener to the first `]` after it; an opener
/// that no `]` follows is text, and is kept. One pass over the line: whether a `]` follows
/// is read off the position of the line's last `]`, and the text up to a tag's `]` is
/// scanned once, then skipped.
fn remove_tags(line: &str, out: &mut String) {
    let last_close = line.rfind(']');
    let mut rest = line;
    let mut at = 0; // the byte offset of `rest` in `line`
    while let Some(start) = rest.find('[') {
        let (before, tail) = rest.split_at(start);
        out.push_str(before);
        let closed = last_close.is_some_and(|close| close > at + start);
        let tag_end = (closed && TAGS.iter().any(|t| tail.starts_with(t)))
            .then(|| tail.find(']'))
            .flatten();
        let skip = match tag_end {
            Some(end) => end + 1,
            None => {
                out.push('[');
                1
            }
        };
        rest = &tail[skip..];
        at += start + skip;
    }
    out.push_str(rest);
}

/// Whether a line reads as an entry of a table of contents: a heading followed by a page
/// number after a tab, a run of spaces or dotted leaders.
fn contents_entry(s: &str, lex: &Lexicon) -> bool {
    let s = trim(s);
    let body = s.trim_end_matches(|c: char| c.is_ascii_digit());
    if body.len() == s.len() || s.len() - body.len() > 3 {
        return false;
    }
    let leader = body.trim_end_matches(|c: char| lex.document.chrome.leaders.contains(c));
    let had_leader = leader.len() < body.len();
    if !had_leader {
        return false;
    }
    let leader = trim(leader);
    let n = leader.chars().count();
    let letters = leader.chars().filter(|c| c.is_alphabetic()).count();
    // An entry is a title, a number and a title at most: three cells apart before the
    // number are a table row laid out in columns (1  期末市场主体总量  万户  53).
    let gaps = leader
        .split(|c: char| c.is_whitespace())
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0].is_empty() && !w[1].is_empty())
        .count();
    gaps < 2
        && (1..=40).contains(&n)
        && letters >= 2
        && !leader.contains(lex.document.full_stop.as_str())
        && !leader.contains('\t')
}

fn mark_contents(lines: &mut [Line], diags: &mut Vec<Diagnostic>, lex: &Lexicon) {
    let mut i = 0;
    while i < lines.len() {
        // The line without its spaces is one of the titles (compared without a copy).
        let trimmed = lines[i].trimmed();
        let is_title = lex
            .document
            .chrome
            .contents_titles
            .iter()
            .any(|w| w.chars().eq(trimmed.chars().filter(|c| !c.is_whitespace())));
        if is_title || contents_entry(&lines[i].text, lex) {
            let start = i;
            let mut j = i + if is_title { 1 } else { 0 };
            let mut entries = 0;
            while j < lines.len() {
                if contents_entry(&lines[j].text, lex) {
                    entries += 1;
                } else if !lines[j].is_blank() {
                    break;
                }
                j += 1;
            }
            if entries >= 2 || (is_title && entries >= 1) {
                for l in &mut lines[start..j] {
                    l.skip = Some(Skip::Contents);
                }
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        Some(lines[start].no),
                        DiagnosticKind::ContentsSkipped,
                        format!(
                            "{entries} entries, lines {}–{}",
                            lines[start].no,
                            lines[j - 1].no
                        ),
                    )
                    .through(lines[j - 1].no),
                );
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

/// Page numbers: `- 5 -`, `第5页`, `5/20`, and bare numbers next to a form feed. A line
/// that opens with a tab is none: page numbers come from the text of a PDF, which indents
/// with spaces, and a tab-led line is a cell of a table that Word wrote one cell per line
/// (a row number `-2-` there is a damaged cell, for the table reader to account for).
fn mark_page_numbers(lines: &mut [Line], lex: &Lexicon) {
    let chrome = &lex.document.chrome;
    let dash = |c: char| c == '-' || lex.fold.dashes.contains(c);
    let n = lines.len();
    for i in 0..n {
        let t = lines[i].trimmed();
        if t.is_empty() || t.chars().count() > 16 || lines[i].text.starts_with('\t') {
            continue;
        }
        let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let dashed = t
            .strip_prefix(dash)
            .and_then(|r| r.strip_suffix(dash))
            .is_some_and(|m| digits_only(trim(m)));
        let paged = t.starts_with(chrome.page_open.as_str())
            && (t.ends_with(chrome.page_close.as_str()) || t.contains(chrome.page_of.as_str()));
        let near_ff = digits_only(t)
            && (lines[i].form_feed
                || (i + 1 < n && lines[i + 1].form_feed)
                || (i > 0 && lines[i - 1].form_feed));
        if dashed || paged || near_ff {
            lines[i].skip = Some(Skip::PageNumber);
        }
    }
}

/// Web-page breadcrumbs and page tools (您现在的位置, 分享到) among the first lines.
fn mark_site_chrome(lines: &mut [Line], diags: &mut Vec<Diagnostic>, lex: &Lexicon) {
    let markers = &lex.document.chrome.site_markers;
    for line in lines.iter_mut().take(FRONT_LINES) {
        let t = line.trimmed();
        if markers.any_in(t) && t.chars().count() < 120 {
            let t = t.to_string();
            line.skip = Some(Skip::FrontMatter);
            diags.push(Diagnostic::new(
                Severity::Info,
                Some(line.no),
                DiagnosticKind::NavigationSkipped,
                t,
            ));
        }
    }
}

/// How many first lines may hold front matter.
const FRONT_LINES: usize = 60;

/// An issuing notice before the plan itself (关于印发…的通知, its addressees, text and
/// sign-off), as line indices.
struct Notice {
    /// The notice's title.
    first: usize,
    /// The last line of its text, before the sign-off.
    text_end: usize,
    /// The last line of the sign-off (issuer and date).
    last: usize,
}

impl Notice {
    /// The notice among the first lines, if there is one.
    fn find(lines: &[Line], lex: &Lexicon) -> Option<Notice> {
        let text_end = Notice::text_end(lines, lex)?;
        let chrome = &lex.document.chrome;
        let first = lines[..=text_end]
            .iter()
            .position(|l| l.trimmed().contains(chrome.notice_open.as_str()))
            .unwrap_or(0);
        let last = Notice::sign_off_end(lines, text_end, lex);
        Some(Notice {
            first,
            text_end,
            last,
        })
    }

    /// The last line of the notice's title or body text.
    fn text_end(lines: &[Line], lex: &Lexicon) -> Option<usize> {
        let chrome = &lex.document.chrome;
        let mut end = None;
        for (i, line) in lines.iter().enumerate().take(FRONT_LINES) {
            let t = line.trimmed();
            let title = t.contains(chrome.notice_open.as_str())
                && chrome.notice_close.suffix_of(t).is_some();
            if title || (end.is_some() && chrome.notice_body.any_in(t)) {
                end = Some(i);
            }
        }
        end
    }

    /// The sign-off: an issuer and a date within a few lines after the notice text.
    fn sign_off_end(lines: &[Line], text_end: usize, lex: &Lexicon) -> usize {
        let chrome = &lex.document.chrome;
        let mut last = text_end;
        for (j, l) in lines.iter().enumerate().skip(text_end + 1).take(6) {
            let t = l.trimmed();
            if t.is_empty() {
                continue;
            }
            let is_date = is_date(t, lex) && t.chars().count() < 20;
            let is_issuer = t.chars().count() < 30 && chrome.issuers.suffix_of(t).is_some();
            if is_date || is_issuer {
                last = j;
            } else {
                break;
            }
        }
        last
    }

    /// Marks the notice's lines as front matter.
    fn mark(&self, lines: &mut [Line], diags: &mut Vec<Diagnostic>) {
        debug_assert!(self.first <= self.text_end && self.text_end <= self.last);
        for l in &mut lines[self.first..=self.last] {
            if l.skip.is_none() {
                l.skip = Some(Skip::FrontMatter);
            }
        }
        diags.push(Diagnostic::new(
            Severity::Info,
            Some(lines[self.first].no),
            DiagnosticKind::NoticeSkipped,
            format!("lines {}–{}", lines[self.first].no, lines[self.last].no),
        ));
    }
}

/// Whether a line reads as a date (2021年12月27日): it holds a year and a month and ends
/// with a day.
fn is_date(t: &str, lex: &Lexicon) -> bool {
    let date = &lex.document.chrome.date;
    t.contains(date.year.as_str())
        && t.contains(date.month.as_str())
        && t.ends_with(date.day.as_str())
}

/// Whether text `b` appended to text `a` needs a space between: a Latin letter or digit on
/// both sides of the join (Chinese text joins directly).
pub(crate) fn latin_edge(a: &str, b: &str) -> bool {
    a.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::clean_line`] with the lexicon's debris.
    fn clean_line(no: usize, raw: &str, diags: &mut Vec<Diagnostic>, lex: &Lexicon) -> Line {
        super::clean_line(no, raw, &Debris::new(lex), diags)
    }

    #[test]
    fn the_class_table_is_the_lists() {
        let lex = Lexicon::bundled();
        let scan = FactScan::new(lex);
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            assert_eq!(scan.tables.classes.of(c), Some(scan.classes_of(c)), "{c:?}");
        }
    }

    #[test]
    fn facts_of_lines() {
        let lex = Lexicon::bundled();
        let scan = FactScan::new(lex);
        let facts = |s: &str| scan.facts(s);
        assert_eq!(facts("期末市场主体总量"), Facts::default());
        assert!(facts("到2030年").any(Facts::DIGIT_RUN));
        assert!(facts("到２０ ３０年").any(Facts::DIGIT_RUN));
        assert!(facts("二〇三〇年").any(Facts::DIGIT_RUN));
        assert!(!facts("203年，0").any(Facts::DIGIT_RUN));
        assert!(facts("“十四五”").any(Facts::PERIOD_NAME));
        assert!(facts("a\tb").any(Facts::DEBRIS));
        assert!(facts("(cid:1)").any(Facts::MARKS));
        assert!(facts("期末\u{fffd}").any(Facts::MARKS));
        assert!(!facts("期末？").any(Facts::MARKS));
        assert!(facts("市場監管").any(Facts::TRADITIONAL));
        assert!(!facts("市场监管").any(Facts::TRADITIONAL));
    }

    #[test]
    fn cleaning_removes_export_debris() {
        let lex = Lexicon::bundled();
        let mut d = Vec::new();
        let l = clean_line(
            1,
            "[bookmark: _Toc1][bookmark: _Toc2]三、主要任务",
            &mut d,
            lex,
        );
        assert_eq!(l.text, "三、主要任务");
        let l = clean_line(
            2,
            "（一）发展基础\tComment by Microsoft Office User: 请更新。",
            &mut d,
            lex,
        );
        assert_eq!(l.text, "（一）发展基础");
        assert_eq!(d.len(), 1);
        let l = clean_line(3, "“两品一械”[footnoteRef:0]重点", &mut d, lex);
        assert_eq!(l.text, "“两品一械”重点");
        let l = clean_line(4, "[4.15]", &mut d, lex);
        assert_eq!(l.text, "[4.15]");
        let l = clean_line(5, "[bookmark: a[4.15]", &mut d, lex);
        assert_eq!(l.text, "", "a tag runs to the first `]` after it");
        let l = clean_line(6, "[4.15][bookmark: a", &mut d, lex);
        assert_eq!(l.text, "[4.15][bookmark: a", "an unclosed tag is text");
        let l = clean_line(
            7,
            "期末\u{200b}市场\u{202e}主体\u{feff}总量\u{c}",
            &mut d,
            lex,
        );
        assert_eq!(l.text, "期末市场主体总量");
        assert!(l.form_feed);
        let l = clean_line(8, "  期末市场主体总量 “一网通办”（万户）", &mut d, lex);
        assert_eq!(l.text, "  期末市场主体总量 “一网通办”（万户）");
        assert!(!l.form_feed);
        assert_eq!(d.len(), 1, "no diagnostic for a line without debris");
        let l = clean_line(9, "到20[footnoteRef:1]30年", &mut d, lex);
        assert!(l.facts.any(Facts::DIGIT_RUN), "a removal joins digits");
    }

    #[test]
    fn every_line_end_ends_a_line() {
        fn split(t: &str) -> Vec<&str> {
            RawLines::new(t).collect()
        }
        assert_eq!(
            split("a\r\nb\nc\rd\u{2028}e\u{2029}f\u{85}g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert_eq!(split("a\r\r\nb\n"), ["a", "", "b"]);
        assert_eq!(split("a\n\n"), ["a", ""]);
        assert_eq!(split(""), [""]);
        assert_eq!(split("\r"), [""]);
        assert_eq!(split("a\u{c}b"), ["a\u{c}b"]);
    }

    #[test]
    fn contents_entries() {
        let lex = Lexicon::bundled();
        assert!(contents_entry("第一章 发展基础和面临形势\t6", lex));
        assert!(contents_entry(
            "第五章 优化市场准入和竞争环境.....\t33",
            lex
        ));
        assert!(!contents_entry(
            "1\t总体数据\t期末市场主体总量\t万户\t[4.15]\t[6.15]\t预期性",
            lex
        ));
        assert!(!contents_entry("到2025年达到90", lex));
        assert!(!contents_entry("\t0.89", lex));
        assert!(!contents_entry("1.2", lex));
    }

    #[test]
    fn decode_rejects_utf16_and_binary() {
        assert!(decode(&[0xFF, 0xFE, b'a', 0]).is_err_and(|e| e.is_encoding()));
        assert!(decode(&[0, 1, 2, 3, 4, 5, 6, 7, 0xFF, 0x80]).is_err());
        let (gbk, _, _) = encoding_rs::GB18030.encode("期末市场主体总量");
        assert_eq!(decode(&gbk).ok().as_deref(), Some("期末市场主体总量"));
        assert_eq!(
            decode("\u{feff}abc".as_bytes()).ok().as_deref(),
            Some("abc")
        );
    }
}

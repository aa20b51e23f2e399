//! Reading plan documents as they are published: Word exports, web pages, PDF text.
//!
//! [`parse`] takes text; [`parse_bytes`] and [`parse_file`] take a document in any
//! [`Format`] it reads, told from the content. All return the plan with the diagnostics
//! gathered on the way: every table row becomes an indicator or a diagnostic that says
//! why not.

mod diagnostic;
mod document;
mod docx;
mod html;
mod meta;
mod period;
mod script;
pub(crate) mod structure;
mod table;
mod text;

pub use diagnostic::{Diagnostic, DiagnosticKind, Parsed, Severity};
pub(crate) use meta::{locality, places};
pub(crate) use text::decode;

use crate::error::Error;
use crate::model::{Level, Locality, Paragraph, Plan, Script};
use crate::text::Lexicon;

/// A reader of plan documents, with the words it reads them with.
///
/// [`parse`] is `Parser::new().parse`; a `Parser` is for a researcher whose plans need
/// words the bundled lexicon lacks:
///
/// ```
/// use planalign::{Lexicon, Parser};
/// let mut lex = Lexicon::bundled().clone();
/// lex.extend_toml("[scope]\nwords = [\"全旗\", \"全市\"]\ntime = []")?;
/// let parsed = Parser::new().lexicon(&lex).parse("示例旗市场监管规划\n");
/// assert!(parsed.value.indicators.is_empty());
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Parser<'a> {
    lexicon: &'a Lexicon,
    format: Option<Format>,
}

/// The formats a plan document is read in.
///
/// [`parse_bytes`] tells them apart by content, not by file name: a zip archive is a Word
/// file, bytes that open with an HTML tag are a web page, anything else is text in UTF-8
/// or GB18030/GBK. [`Parser::format`] says the format instead.
///
/// ```
/// use planalign::Format;
/// assert_eq!(Format::sniff(b"<!DOCTYPE html><html><body></body></html>"), Format::Html);
/// assert_eq!(Format::sniff(b"PK\x03\x04"), Format::Docx);
/// assert_eq!(Format::sniff("示例市规划".as_bytes()), Format::Text);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Text: a text export, `pdftotext -layout` output, Markdown.
    Text,
    /// A Word document (.docx, Office Open XML).
    Docx,
    /// A web page.
    Html,
}

impl Format {
    /// The format of a document, told from its first bytes.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Format::Docx;
        }
        if html::looks_like_html(bytes) {
            return Format::Html;
        }
        Format::Text
    }
}

impl Default for Parser<'static> {
    fn default() -> Self {
        Parser::new()
    }
}

impl Parser<'static> {
    /// A parser with the bundled lexicon.
    pub fn new() -> Parser<'static> {
        Parser {
            lexicon: Lexicon::bundled(),
            format: None,
        }
    }
}

impl<'a> Parser<'a> {
    /// Reads with `lexicon`'s words instead of the bundled ones.
    pub fn lexicon<'b>(&self, lexicon: &'b Lexicon) -> Parser<'b> {
        Parser {
            lexicon,
            format: self.format,
        }
    }

    /// Reads documents in `format` rather than the format their content shows.
    pub fn format(&self, format: Format) -> Parser<'a> {
        Parser {
            format: Some(format),
            ..*self
        }
    }

    /// Parses a plan document given as text.
    pub fn parse(&self, text: &str) -> Parsed<Plan> {
        read(text, self.lexicon)
    }

    /// Parses a plan document from its bytes: a Word file, a web page, or text in UTF-8
    /// (with or without BOM) or GB18030/GBK ([`Format`]).
    ///
    /// Errors when the bytes are none of these: text in another encoding, a zip archive
    /// that is not a Word document or is broken.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Parsed<Plan>, Error> {
        let (text, mut diags) = self.read_text(bytes)?;
        let mut parsed = self.parse(&text);
        if !diags.is_empty() {
            parsed.diagnostics.append(&mut diags);
            parsed.diagnostics.sort_by_key(|d| d.line.unwrap_or(0));
        }
        Ok(parsed)
    }

    /// The text a document is read as: a text document decoded; a Word file or a web page
    /// written one paragraph or table row per line, with tabs between cells. The line
    /// numbers of the diagnostics count its lines.
    ///
    /// ```
    /// let page = "<html><body><p>示例市规划</p><table><tr><td>序号</td><td>指标</td></tr></table></body></html>";
    /// let text = planalign::Parser::new().text_of(page.as_bytes())?;
    /// assert_eq!(text, "示例市规划\n序号\t指标\n\n");
    /// # Ok::<(), planalign::Error>(())
    /// ```
    pub fn text_of(&self, bytes: &[u8]) -> Result<String, Error> {
        Ok(self.read_text(bytes)?.0)
    }

    fn read_text(&self, bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), Error> {
        match self.format.unwrap_or_else(|| Format::sniff(bytes)) {
            Format::Text => Ok((decode(bytes)?, Vec::new())),
            Format::Docx => Ok(document::write(&docx::read(bytes)?)),
            Format::Html => Ok(document::write(&html::read(bytes, self.lexicon)?)),
        }
    }

    /// Reads and parses a plan document from a file.
    pub fn parse_file(&self, path: impl AsRef<std::path::Path>) -> Result<Parsed<Plan>, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path.display().to_string(), e))?;
        self.parse_bytes(&bytes)
    }
}

/// Parses a plan document.
///
/// ```
/// let text = "示例市市场监管现代化“十四五”规划\n主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n1\t期末市场主体总量\t万户\t42\t53\t预期性\n";
/// let parsed = planalign::parse(text);
/// let plan = &parsed.value;
/// assert_eq!(plan.locality.name, "示例市");
/// assert_eq!(plan.indicators[0].target.number(), Some(53.0));
/// ```
pub fn parse(text: &str) -> Parsed<Plan> {
    Parser::new().parse(text)
}

/// What the readers derive from a lexicon's words: tables of chars and the words built
/// from several lists. Built on a lexicon's first parse and kept with it, so that a
/// document pays only for reading its text.
pub(crate) struct Tables {
    pub text: text::Tables,
    pub prose: structure::ProseTables,
}

/// The tables of `lex`, built on first use.
pub(crate) fn tables(lex: &Lexicon) -> &Tables {
    lex.derived(|lex| Tables {
        text: text::Tables::new(lex),
        prose: structure::ProseTables::new(lex),
    })
}

fn read(text: &str, lex: &Lexicon) -> Parsed<Plan> {
    let mut diags = Vec::new();
    // Before any pass reads structure, every pass sees simplified characters, at the
    // columns the document has them: the lines of a document that holds a traditional
    // char (their facts tell) are those of its converted text; it keeps the lines as
    // written for the names of its indicators.
    let mut line_diags = Vec::new();
    let as_written = text::lines(text, &mut line_diags, lex);
    let traditional = as_written
        .iter()
        .any(|l| l.facts.any(text::Facts::TRADITIONAL));
    let (lines, written, written_in) = if traditional {
        let converted = script::convert(text, &mut diags);
        let lines = text::lines(&converted.text, &mut diags, lex);
        (lines, Some(as_written), converted.script)
    } else {
        diags.append(&mut line_diags);
        (as_written, None, Script::Simplified)
    };
    script::mark_failed_extraction(&lines, &mut diags);
    let tables = table::tables(&lines, lex, &mut diags);

    let title = meta::title(&lines, lex);
    let caption = tables.iter().find_map(|t| t.info.caption.clone());
    let named_by = title
        .as_ref()
        .map(|(_, t)| t.clone())
        .or_else(|| caption.clone())
        .unwrap_or_default();
    let (locality, parent) = meta::locality(&meta::places(&named_by, lex), lex)
        .unwrap_or_else(|| (Locality::new("", Level::Unknown), None));
    if title.is_none() {
        diags.push(Diagnostic::new(
            Severity::Warning,
            None,
            DiagnosticKind::NoTitle,
            match &caption {
                Some(c) => format!("the locality was read from the table caption {c:?}"),
                None => "no line names the plan, and no table caption names a place".to_string(),
            },
        ));
    }
    let title_line = title.as_ref().map(|(no, _)| *no);
    let mut plan = Plan::new(title.map(|(_, t)| t).unwrap_or_default(), locality);
    plan.parent = parent;
    // Before the structure readers, whose year rules use it.
    plan.period = period::read(
        &lines,
        title_line,
        tables.iter().map(|t| &t.info),
        lex,
        &mut diags,
    );
    plan.status = meta::status(&lines, lex);
    plan.script = written_in;

    let mut in_table = vec![false; lines.len()];
    for t in &tables {
        for flag in &mut in_table[t.span.clone()] {
            *flag = true;
        }
    }
    plan.paragraphs = lines
        .iter()
        .zip(&in_table)
        .filter(|(l, inside)| !**inside && l.skip.is_none() && !l.is_blank())
        .map(|(l, _)| Paragraph {
            text: l.trimmed().to_string(),
            line: l.no,
        })
        .collect();
    for t in tables {
        plan.indicators.extend(t.indicators);
        plan.tables.push(t.info);
    }
    script::refuse_garbled_rows(&mut plan.indicators, &mut diags);
    if let Some(written) = &written {
        script::keep_written_names(&mut plan, &lines, written);
    }
    structure::read(&lines, &in_table, &mut plan, &mut diags, lex);
    if plan.tables.is_empty() {
        diags.push(Diagnostic::new(
            Severity::Info,
            None,
            DiagnosticKind::NoTable,
            "no header line naming the columns of an indicator table (sequence, name, unit …) was found; targets may stand in the prose",
        ));
    }
    diags.sort_by_key(|d| d.line.unwrap_or(0));
    Parsed {
        value: plan,
        diagnostics: diags,
    }
}

/// Parses a plan document from its bytes: a Word file, a web page, or text in UTF-8
/// (with or without BOM) or GB18030/GBK, told from the content ([`Format`]).
///
/// Errors when the bytes are none of these (UTF-16, binary data, a broken zip archive).
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed<Plan>, Error> {
    Parser::new().parse_bytes(bytes)
}

/// Reads and parses a plan document from a file.
pub fn parse_file(path: impl AsRef<std::path::Path>) -> Result<Parsed<Plan>, Error> {
    Parser::new().parse_file(path)
}

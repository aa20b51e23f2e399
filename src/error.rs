//! The crate's one error type.
//!
//! An [`Error`] holds what went wrong (its [`ErrorKind`]), where in a text when that is
//! known (a [`Position`]: 1-based line and char column, with the line), and the file it
//! was read from when a caller added it. Adding the file never changes the kind.

use std::fmt;

/// An error from reading, parsing, loading or writing data.
///
/// Inspect it with [`Error::kind`] (match on the [`ErrorKind`]) or the predicates
/// ([`Error::is_io`], [`Error::is_encoding`], …); find the place with
/// [`Error::position`] and [`Error::file`]. Its `Display` renders the offending line with
/// a caret under the column when the error has a position, in the manner of
/// `regex-syntax`.
///
/// ```
/// use planalign::{ErrorKind, registry::Registry};
/// let mut registry = Registry::default();
/// let e = registry.extend_toml("[[indicator]]\nkey = \n").unwrap_err();
/// assert!(matches!(e.kind(), ErrorKind::Toml { .. }));
/// let p = e.position().expect("a TOML error has a position");
/// assert_eq!((p.line, p.column), (2, 7));
/// assert!(e.to_string().contains("2 | key = \n"));
/// ```
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    position: Option<Position>,
    file: Option<String>,
    /// What would have been accepted (the ids a corpus has).
    help: Option<String>,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that was read.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Writing output (a CSV report) failed.
    #[error("cannot write {what}: {source}")]
    Write {
        /// What was being written.
        what: String,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// The bytes are not text in a supported encoding (UTF-8, GB18030/GBK).
    #[error("unsupported encoding: {0}")]
    Encoding(String),
    /// A Word file or web page cannot be read: a broken zip archive, an archive that is not
    /// a Word document, XML that is not well formed.
    #[error("cannot read the {format} document: {message}")]
    Document {
        /// The format it was read as (`docx`, `html`).
        format: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A TOML text (a registry, the corpus files) is not valid TOML or does not have the
    /// expected fields and types. The error has a [`Position`].
    #[error("invalid TOML in {what}: {message}")]
    Toml {
        /// Which file or structure.
        what: String,
        /// What the TOML reader found wrong.
        message: String,
    },
    /// A data file (registry, hierarchy, plan metadata) is well-formed but its content is
    /// wrong: a key that is not a key, a reference to nothing, an alias without a source.
    #[error("malformed {what}: {message}")]
    Data {
        /// Which file or structure.
        what: String,
        /// What is wrong with it.
        message: String,
    },
    /// Two entries conflict (a duplicate key, an alias claimed twice).
    #[error("conflict in {what}: {message}")]
    Conflict {
        /// Which file or structure.
        what: String,
        /// The conflict.
        message: String,
    },
    /// No bundled plan or locality has this id.
    #[error("unknown id {0:?}")]
    UnknownId(String),
    /// The text is not a unit (it is empty).
    #[error("not a unit: {0}")]
    InvalidUnit(String),
    /// Units that cannot be converted into each other.
    #[error("units not commensurable: {0}")]
    Units(String),
    /// Serializing or deserializing JSON failed. Reading has a [`Position`].
    #[error("JSON: {0}")]
    Json(String),
    /// Two plans whose attainment cannot be judged: not of one locality, not of
    /// consecutive periods, or with an unknown indicator table
    /// ([`Comparer::attainment`](crate::Comparer::attainment)).
    #[error("no attainment: {0}")]
    Unpaired(Unpaired),
}

/// Why two plans are not a pair whose attainment can be judged
/// ([`ErrorKind::Unpaired`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unpaired {
    /// The plans are of different localities.
    Localities {
        /// The earlier plan's locality.
        earlier: String,
        /// The later plan's locality.
        later: String,
    },
    /// The earlier plan's end year is not the later plan's baseline year.
    Periods {
        /// The earlier plan's end year (2025).
        earlier_end: u16,
        /// The later plan's baseline year.
        later_baseline: u16,
        /// Whether the later plan ends in the earlier plan's baseline year: the two look
        /// passed in the wrong order.
        swapped: bool,
    },
    /// A plan's indicator table is not known (a plan known only in part).
    IndicatorsUnknown {
        /// The plan's label.
        plan: String,
    },
}

impl fmt::Display for Unpaired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unpaired::Localities { earlier, later } => write!(
                f,
                "the plans are of two localities: {earlier} (earlier) and {later} (later)"
            ),
            Unpaired::Periods {
                earlier_end,
                later_baseline,
                swapped,
            } => {
                write!(
                    f,
                    "the periods are not consecutive: the earlier plan ends in {earlier_end}, \
                     the later plan's baseline is {later_baseline}"
                )?;
                if *swapped {
                    f.write_str(" (the plans look swapped: pass the earlier one first)")?;
                }
                Ok(())
            }
            Unpaired::IndicatorsUnknown { plan } => write!(
                f,
                "the indicator table of {plan} is not known: no target can be judged"
            ),
        }
    }
}

/// A position in a text: 1-based line, 1-based column counted in chars, and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in chars (not bytes).
    pub column: usize,
    /// The text of the line, without its line break.
    pub text: String,
}

impl Position {
    /// The position of the byte at `offset` in `text` (an offset past the end is the end;
    /// one inside a char is that char).
    pub(crate) fn of_offset(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |k| k + 1);
        let line = 1 + text[..line_start].matches('\n').count();
        let column = 1 + text[line_start..offset].chars().count();
        let end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |k| line_start + k);
        let line_text = text[line_start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[line_start..end]);
        Position {
            line,
            column,
            text: line_text.to_string(),
        }
    }

    /// The position of a 1-based line and 1-based byte column in `text`, as serde_json
    /// reports them (the column counts bytes up to the offending one; 0 is the line's
    /// start).
    pub(crate) fn of_line_and_byte_column(text: &str, line: usize, column: usize) -> Position {
        let line_start = if line <= 1 {
            0
        } else {
            text.match_indices('\n')
                .nth(line - 2)
                .map_or(text.len(), |(k, _)| k + 1)
        };
        Position::of_offset(text, line_start + column.saturating_sub(1))
    }
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(Inner {
            kind,
            position: None,
            file: None,
            help: None,
        }))
    }

    /// The same error, with what would have been accepted.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Error {
        self.0.help = Some(help.into());
        self
    }

    pub(crate) fn at(mut self, position: Position) -> Error {
        self.0.position = Some(position);
        self
    }

    /// The same error, at the byte `offset` of `text`, the text it was found in.
    pub(crate) fn at_offset(self, text: &str, offset: usize) -> Error {
        self.at(Position::of_offset(text, offset))
    }

    /// The same error, read from `file`: the kind and position are kept.
    pub(crate) fn in_file(mut self, file: impl Into<String>) -> Error {
        self.0.file = Some(file.into());
        self
    }

    /// Reads the text of `path` and hands it to `read`: an error reading the file is an
    /// I/O error, an error `read` returns keeps its kind and names the file.
    pub(crate) fn reading<T>(
        path: &std::path::Path,
        read: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(name.clone(), e))?;
        read(&text).map_err(|e| e.in_file(name))
    }

    pub(crate) fn data(what: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Data {
            what: what.into(),
            message: message.into(),
        })
    }

    pub(crate) fn conflict(what: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Conflict {
            what: what.into(),
            message: message.into(),
        })
    }

    pub(crate) fn io(path: impl Into<String>, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io {
            path: path.into(),
            source,
        })
    }

    /// Writing `what` failed.
    pub(crate) fn write(
        what: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Error {
        Error::new(ErrorKind::Write {
            what: what.into(),
            source: source.into(),
        })
    }

    /// A TOML error in `text` (the text `e` came from), positioned at the start of its span.
    pub(crate) fn toml(what: impl Into<String>, text: &str, e: &toml::de::Error) -> Error {
        let error = Error::new(ErrorKind::Toml {
            what: what.into(),
            message: e.message().trim().to_string(),
        });
        match e.span() {
            Some(span) => error.at(Position::of_offset(text, span.start)),
            None => error,
        }
    }

    /// A JSON error in `text` (the text `e` came from), positioned at serde_json's line and
    /// column converted to a char column.
    pub(crate) fn json(text: &str, e: serde_json::Error) -> Error {
        Error::json_at(text, ".", e)
    }

    /// [`Error::json`] of the field at `path` (`indicators[3].target`; `.` for the whole
    /// document), which the message names.
    pub(crate) fn json_at(text: &str, path: &str, e: serde_json::Error) -> Error {
        if e.line() == 0 {
            return Error::from(e);
        }
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        let message = match path {
            "." | "" => message.to_string(),
            path => format!("{path}: {message}"),
        };
        Error::new(ErrorKind::Json(message))
            .at(Position::of_line_and_byte_column(text, line, column))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where in the input, when known: TOML and JSON errors have a position.
    pub fn position(&self) -> Option<&Position> {
        self.0.position.as_ref()
    }

    /// The file the input was read from, when the caller named one
    /// ([`crate::registry::Registry::extend_file`]).
    pub fn file(&self) -> Option<&str> {
        self.0.file.as_deref()
    }

    /// What would have been accepted, when the error knows it: for an unknown id, the ids
    /// the corpus has.
    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// Reading input or writing output failed.
    pub fn is_io(&self) -> bool {
        matches!(self.kind(), ErrorKind::Io { .. } | ErrorKind::Write { .. })
    }

    /// The input is not in a supported text encoding.
    pub fn is_encoding(&self) -> bool {
        matches!(self.kind(), ErrorKind::Encoding(_))
    }

    /// A data file is wrong: not valid TOML, malformed content, or conflicting entries.
    pub fn is_data(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Toml { .. } | ErrorKind::Data { .. } | ErrorKind::Conflict { .. }
        )
    }

    /// Two entries of a data file conflict (a duplicate key, an alias claimed twice).
    pub fn is_conflict(&self) -> bool {
        matches!(self.kind(), ErrorKind::Conflict { .. })
    }

    /// No bundled plan or locality has the id asked for.
    pub fn is_unknown_id(&self) -> bool {
        matches!(self.kind(), ErrorKind::UnknownId(_))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("position", &self.0.position)
            .field("file", &self.0.file)
            .field("help", &self.0.help)
            .finish()
    }
}

impl fmt::Display for Error {
    /// `file: kind (line L, column C)`, then the line and a caret under the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.0.file {
            write!(f, "{file}: ")?;
        }
        write!(f, "{}", self.0.kind)?;
        if let Some(help) = &self.0.help {
            write!(f, "; {help}")?;
        }
        if let Some(p) = &self.0.position {
            write!(
                f,
                " (line {}, column {})\n{}",
                p.line,
                p.column,
                render_caret(p)
            )?;
        }
        Ok(())
    }
}

/// Renders `line | text` and a caret under the column, counting display width so the
/// caret sits under the right character in CJK text.
pub(crate) fn render_caret(p: &Position) -> String {
    use unicode_width::UnicodeWidthChar;
    let gutter = format!("{} | ", p.line);
    let pad: usize = p
        .text
        .chars()
        .take(p.column.saturating_sub(1))
        .map(|c| c.width().unwrap_or(0))
        .sum();
    format!(
        "{gutter}{}\n{}^",
        p.text,
        " ".repeat(gutter.chars().count() + pad)
    )
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0.kind)
    }
}

impl From<serde_json::Error> for Error {
    /// A JSON error without its text (serializing): no position.
    fn from(e: serde_json::Error) -> Error {
        Error::new(ErrorKind::Json(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_counts_display_width() {
        let p = Position {
            line: 3,
            column: 3,
            text: "食品x".into(),
        };
        // "3 | " is 4 columns; two CJK chars before the caret are 4 columns.
        assert_eq!(render_caret(&p), "3 | 食品x\n        ^");
    }

    #[test]
    fn an_offset_is_a_line_and_a_char_column() {
        let text = "ab\r\n食品x\n";
        let at = |o| {
            let p = Position::of_offset(text, o);
            (p.line, p.column, p.text)
        };
        assert_eq!(at(0), (1, 1, "ab".into()));
        assert_eq!(at(2), (1, 3, "ab".into()));
        assert_eq!(at(4), (2, 1, "食品x".into()));
        assert_eq!(at(10), (2, 3, "食品x".into()));
        // Inside 品: the char itself.
        assert_eq!(at(8), (2, 2, "食品x".into()));
        // The end of the text is the start of the empty last line.
        assert_eq!(at(99), (3, 1, String::new()));
    }

    #[test]
    fn a_byte_column_is_a_char_column() {
        let text = "{\n  \"食品\": x\n}";
        // serde_json counts bytes: `x` is byte 13 of line 2.
        let p = Position::of_line_and_byte_column(text, 2, 13);
        assert_eq!((p.line, p.column), (2, 9));
        assert_eq!(Position::of_line_and_byte_column(text, 2, 0).column, 1);
    }

    #[test]
    fn a_failed_write_is_an_io_error() {
        struct Failing;
        impl std::io::Write for Failing {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut w = csv::Writer::from_writer(Failing);
        let e = w
            .write_record(["a", "b"])
            .and_then(|()| w.flush().map_err(csv::Error::from))
            .map_err(|e| Error::write("CSV", e))
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Write { .. }), "{e:?}");
        assert!(e.is_io());
        assert!(e.to_string().starts_with("cannot write CSV"), "{e}");
    }

    #[test]
    fn a_file_keeps_the_kind_and_the_position() {
        let text = "a = \n";
        let toml_error = toml::from_str::<toml::Table>(text).unwrap_err();
        let e = Error::toml("registry", text, &toml_error).in_file("mine.toml");
        assert!(matches!(e.kind(), ErrorKind::Toml { .. }));
        assert_eq!(e.position().map(|p| (p.line, p.column)), Some((1, 5)));
        assert_eq!(e.file(), Some("mine.toml"));
        assert!(e.to_string().starts_with("mine.toml: invalid TOML"), "{e}");
    }
}

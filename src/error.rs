//! The crate's one error type.

use std::fmt;

/// An error from reading, parsing or loading data.
///
/// Inspect it with the predicates ([`Error::is_io`], [`Error::is_encoding`], …) or
/// [`Error::kind`]; its `Display` renders the offending line with a caret when the
/// error has a position, in the manner of `regex-syntax`.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    position: Option<Position>,
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
    /// A data file (registry, hierarchy, plan metadata) is malformed.
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
    /// Serializing or deserializing JSON failed.
    #[error("JSON: {0}")]
    Json(String),
}

/// A position in a text: 1-based line, 1-based column counted in chars, and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in chars (not bytes).
    pub column: usize,
    /// The text of the line.
    pub text: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            position: None,
        }
    }

    #[allow(dead_code)]
    pub(crate) fn at(mut self, position: Position) -> Error {
        self.position = Some(position);
        self
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

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where in the input, when known.
    pub fn position(&self) -> Option<&Position> {
        self.position.as_ref()
    }

    /// Reading input or writing output failed.
    pub fn is_io(&self) -> bool {
        matches!(self.kind, ErrorKind::Io { .. } | ErrorKind::Write { .. })
    }

    /// The input is not in a supported text encoding.
    pub fn is_encoding(&self) -> bool {
        matches!(self.kind, ErrorKind::Encoding(_))
    }

    /// A data file is malformed or has conflicting entries.
    pub fn is_data(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Data { .. } | ErrorKind::Conflict { .. }
        )
    }

    /// No bundled plan or locality has the id asked for.
    pub fn is_unknown_id(&self) -> bool {
        matches!(self.kind, ErrorKind::UnknownId(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(p) = &self.position {
            write!(f, "\n{}", render_caret(p))?;
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
        std::error::Error::source(&self.kind)
    }
}

impl From<serde_json::Error> for Error {
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
}

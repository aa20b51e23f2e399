//! Diagnostics: what the parser noticed, as data.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was skipped or inferred as expected (a table of contents, a reviewer comment).
    Info,
    /// Something was read, but with a doubt or a repair the reader should know of.
    Warning,
    /// Something could not be read; the diagnostic carries its text so nothing is lost.
    Error,
}

/// One thing the parser noticed: where, what and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The 1-based line, when the diagnostic has one.
    pub line: Option<usize>,
    /// What happened, in a few words.
    pub what: String,
    /// Why, or the text concerned.
    pub why: String,
}

impl Diagnostic {
    pub(crate) fn new(
        severity: Severity,
        line: Option<usize>,
        what: impl Into<String>,
        why: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            line,
            what: what.into(),
            why: why.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(l) => write!(f, "{sev}: line {l}: {}: {}", self.what, self.why),
            None => write!(f, "{sev}: {}: {}", self.what, self.why),
        }
    }
}

/// A parse result: the value and the diagnostics gathered on the way.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Parsed<T> {
    /// What was parsed.
    pub value: T,
    /// What the parser noticed, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    /// Splits into the value and its diagnostics.
    pub fn into_parts(self) -> (T, Vec<Diagnostic>) {
        (self.value, self.diagnostics)
    }

    /// Whether any diagnostic is an error (something could not be read).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics of at least `severity`.
    pub fn diagnostics_at_least(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.severity >= severity)
    }
}

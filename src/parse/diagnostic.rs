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

/// What a diagnostic is about: the value tests and code match on. The English text of
/// [`Diagnostic::what`] is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// No line names the plan.
    NoTitle,
    /// No indicator table was found.
    NoTable,
    /// Two sources of the plan's period (its title, its text, its table's year columns,
    /// its target sentences) state different periods; the first source's is kept.
    PeriodDisagrees,
    /// Nothing in the document states its period; the default period was assumed.
    PeriodAssumed,
    /// A table header with no row under it.
    HeaderWithoutRows,
    /// A table header names one year only (基期值（2020年） beside a target column without
    /// one, or a lone year wrapped below a column): the table's years are read from two,
    /// and were not read.
    HeaderYearAlone,
    /// A cell stood before the table's first row.
    CellBeforeFirstRow,
    /// Text stood between a table's header and its first row.
    TextBeforeFirstRow,
    /// A line without a row number was joined to the row above.
    RowJoined,
    /// The table's row numbers skip or go back.
    RowNumbersJump,
    /// A table row could not be read; the diagnostic holds its cells.
    RowNotRead,
    /// A table row was read with a doubt (an attribute or unit not understood).
    RowWarning,
    /// A line inside a table that no row took; the diagnostic holds its text.
    LineNotRead,
    /// A table ended at a line that may be a cell of its last row, which is short of cells:
    /// the line was read as text after the table.
    TableEndUncertain,
    /// A web page's declared encoding does not fit its bytes: they were read as UTF-8, or
    /// the sequences the declared encoding cannot decode are lost (U+FFFD).
    EncodingMismatch,
    /// A Word or web table after a page break continues the table before it (its header
    /// repeated, or its rows numbered on): the two were read as one table.
    TableContinued,
    /// The outline's numbering goes wrong (a gap, a repeat, a chapter read as a section).
    OutlineNumbering,
    /// Chapters are missing from the outline; their sections are named.
    ChaptersMissing,
    /// A prose target states another value than the table row it restates.
    ProseDisagrees,
    /// Prose targets could not be linked to table rows.
    ProseNotLinked,
    /// More prose targets than are kept.
    TooManyTargets,
    /// Sentences too long to read targets from.
    LongSentences,
    /// A reviewer's comment left in the text was removed.
    ReviewerComment,
    /// A table of contents was skipped.
    ContentsSkipped,
    /// A web page's navigation was skipped.
    NavigationSkipped,
    /// The issuing notice before the plan was skipped.
    NoticeSkipped,
    /// The document is in traditional characters (all or some), read as simplified; the
    /// diagnostic says how many chars were converted.
    ScriptConverted,
    /// Inline pinyin annotations (市場(chǎng)) were removed from a line; the diagnostic
    /// says how many.
    PinyinRemoved,
    /// A line holds the marks of a failed text extraction (`(cid:123)`, U+FFFD, `?` for
    /// every Chinese character): its text is lost, and nothing is read from the marks.
    ExtractionFailed,
}

impl DiagnosticKind {
    /// The few English words that say what happened.
    pub fn describe(self) -> &'static str {
        match self {
            DiagnosticKind::NoTitle => "no title found",
            DiagnosticKind::NoTable => "no indicator table",
            DiagnosticKind::PeriodDisagrees => "the document states two periods",
            DiagnosticKind::PeriodAssumed => "no period stated; the default assumed",
            DiagnosticKind::HeaderWithoutRows => "indicator table without rows",
            DiagnosticKind::HeaderYearAlone => "table header names one year only",
            DiagnosticKind::CellBeforeFirstRow => "cell before the first row ignored",
            DiagnosticKind::TextBeforeFirstRow => "text between header and first row",
            DiagnosticKind::RowJoined => "line without a row number joined to the row above",
            DiagnosticKind::RowNumbersJump => "row numbers jump",
            DiagnosticKind::RowNotRead => "table row not read",
            DiagnosticKind::RowWarning => "row read with a doubt",
            DiagnosticKind::LineNotRead => "line inside a table not read into any row",
            DiagnosticKind::TableEndUncertain => {
                "table ended at a line that may be a cell of its last row"
            }
            DiagnosticKind::OutlineNumbering => "outline numbering error",
            DiagnosticKind::ChaptersMissing => "chapters missing from the outline",
            DiagnosticKind::ProseDisagrees => "prose target disagrees with the table",
            DiagnosticKind::ProseNotLinked => "prose targets not linked",
            DiagnosticKind::TooManyTargets => "too many prose targets",
            DiagnosticKind::LongSentences => "sentences too long to read targets from",
            DiagnosticKind::ReviewerComment => "reviewer comment removed",
            DiagnosticKind::ContentsSkipped => "table of contents skipped",
            DiagnosticKind::NavigationSkipped => "site navigation skipped",
            DiagnosticKind::NoticeSkipped => "issuing notice skipped",
            DiagnosticKind::EncodingMismatch => "the declared encoding does not fit the bytes",
            DiagnosticKind::TableContinued => "a table continued after a page break",
            DiagnosticKind::ScriptConverted => "traditional characters read as simplified",
            DiagnosticKind::PinyinRemoved => "pinyin annotations removed",
            DiagnosticKind::ExtractionFailed => "text lost in extraction",
        }
    }
}

/// One thing the parser noticed: where, what and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What it is about.
    pub kind: DiagnosticKind,
    /// The 1-based line, when the diagnostic has one.
    pub line: Option<usize>,
    /// The last line of the text concerned, when it runs over several lines (a table
    /// row's cells); `None` means `line` alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    /// What happened, in a few words.
    pub what: String,
    /// Why, or the text concerned.
    pub why: String,
}

impl Diagnostic {
    pub(crate) fn new(
        severity: Severity,
        line: Option<usize>,
        kind: DiagnosticKind,
        why: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            kind,
            line,
            end_line: None,
            what: kind.describe().to_string(),
            why: why.into(),
        }
    }

    /// The same diagnostic covering the lines up to `last`.
    pub(crate) fn through(mut self, last: usize) -> Diagnostic {
        if self.line.is_some_and(|first| last > first) {
            self.end_line = Some(last);
        }
        self
    }

    /// The lines the diagnostic is about, when it has a line.
    pub fn lines(&self) -> Option<crate::model::LineRange> {
        let first = self.line?;
        Some(crate::model::LineRange::new(
            first,
            self.end_line.unwrap_or(first).max(first),
        ))
    }

    /// The same diagnostic saying what happened in other words than its kind's.
    pub(crate) fn saying(mut self, what: impl Into<String>) -> Diagnostic {
        self.what = what.into();
        self
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

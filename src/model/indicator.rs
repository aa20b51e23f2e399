//! Indicators: the rows of a plan's table of main indicators (主要指标表).

use serde::{Deserialize, Serialize};

use super::{BracketConvention, Unit, Value};

/// 属性: whether an indicator is binding or expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribute {
    /// 约束性: binding, an obligation.
    Binding,
    /// 预期性: expected, an aim.
    Expected,
}

impl Attribute {
    /// The Chinese word the documents use (the bundled lexicon's first word for it).
    pub fn chinese(self) -> &'static str {
        self.words(crate::text::Lexicon::bundled())
            .first()
            .unwrap_or_default()
    }

    /// The shortest word for it (约束, 预期), for tight cells.
    pub(crate) fn short(self) -> &'static str {
        self.words(crate::text::Lexicon::bundled())
            .iter()
            .last()
            .unwrap_or_default()
    }

    fn words(self, lex: &crate::text::Lexicon) -> &crate::text::WordList {
        match self {
            Attribute::Binding => &lex.table.binding,
            Attribute::Expected => &lex.table.expected,
        }
    }
}

/// One row of an indicator table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Indicator {
    /// 序号: the row's sequence number as written.
    pub seq: Option<u32>,
    /// 类别: the category, from a merged cell that applies to the rows below it.
    pub category: Option<String>,
    /// The indicator's name, joined across line breaks.
    pub name: String,
    /// The name as the document writes it, when that differs from [`name`](Self::name): a
    /// name in traditional characters, which `name` holds in simplified ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_as_written: Option<String>,
    /// An extra qualifier cell some rows carry (生产领域（地市级、县区级）).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The unit: from the unit cell or, where that is blank, a unit written in the name.
    /// In JSON, the raw unit text or null.
    pub unit: Option<Unit>,
    /// Whether the unit was taken from a parenthesis in the name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unit_from_name: bool,
    /// The baseline value (基期值, 2020年实现数).
    pub baseline: Value,
    /// The target value (规划值, 2025年目标数).
    pub target: Value,
    /// 属性: binding or expected; `None` when the row does not say.
    pub attribute: Option<Attribute>,
    /// Notes attached to this row (a 备注 cell).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The 1-based line of the document where the row starts.
    pub line: usize,
    /// The 1-based line where the row's last cell stands (`line` for a row on one line);
    /// every line from `line` to `end_line` holds the row's cells.
    #[serde(default)]
    pub end_line: usize,
}

impl Indicator {
    /// A row with a name and everything else blank, at `line`.
    pub fn new(name: impl Into<String>, line: usize) -> Indicator {
        Indicator {
            seq: None,
            category: None,
            name: name.into(),
            name_as_written: None,
            qualifier: None,
            unit: None,
            unit_from_name: false,
            baseline: Value::blank(),
            target: Value::blank(),
            attribute: None,
            notes: Vec::new(),
            line,
            end_line: line,
        }
    }

    /// Whether the row is binding (约束性).
    pub fn is_binding(&self) -> bool {
        self.attribute == Some(Attribute::Binding)
    }
}

/// What is known of one indicator table apart from its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TableInfo {
    /// The caption (清远市“十四五”市场监管主要指标表), if the table has one.
    pub caption: Option<String>,
    /// The line of the caption or, without one, of the header.
    pub line: usize,
    /// The year of the baseline column (2020), when the header states it.
    pub baseline_year: Option<u16>,
    /// The year of the target column (2025), when the header states it.
    pub target_year: Option<u16>,
    /// The table's own notes (注, 备注), one per numbered note, with their lines.
    pub notes: Vec<TableNote>,
    /// What the table's brackets mean, from its notes or the common convention.
    pub brackets: BracketConvention,
    /// How many rows the table has (indicators plus rows that could not be read).
    pub rows: usize,
    /// The lines of the header (the caption excluded).
    #[serde(default)]
    pub header: LineRange,
    /// The table's last line: its last row or, where it has notes, its last note. Every
    /// line after the header up to this one holds a row's cells (an indicator's or a
    /// diagnostic's), a note, or nothing.
    #[serde(default)]
    pub end_line: usize,
}

/// A run of lines of a document, 1-based and inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRange {
    /// The first line.
    pub first: usize,
    /// The last line (`first` for one line).
    pub last: usize,
}

impl LineRange {
    /// The lines from `first` to `last`.
    pub fn new(first: usize, last: usize) -> LineRange {
        LineRange { first, last }
    }

    /// Whether `line` is one of them.
    pub fn contains(&self, line: usize) -> bool {
        (self.first..=self.last).contains(&line)
    }
}

/// One note under a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableNote {
    /// The note's text (a note wrapped over lines, joined).
    pub text: String,
    /// Its 1-based line.
    pub line: usize,
    /// The 1-based line it ends on (`line` for a note on one line).
    #[serde(default)]
    pub end_line: usize,
}

impl TableNote {
    /// Whether the note stands on line `no`.
    pub fn holds(&self, no: usize) -> bool {
        (self.line..=self.end_line.max(self.line)).contains(&no)
    }
}

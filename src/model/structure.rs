//! The parts of a plan besides its indicator table: goals, outline, key-project boxes and
//! targets stated in prose.

use serde::{Deserialize, Serialize};

use super::{Unit, Value};

/// A goal for the plan's end year (目标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Goal {
    /// The goal's own title (市场准入更加便利).
    pub title: String,
    /// The text that develops it.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

impl Goal {
    /// A goal with a title and text at a line.
    pub fn new(title: impl Into<String>, text: impl Into<String>, line: usize) -> Goal {
        Goal {
            title: title.into(),
            text: text.into(),
            line,
        }
    }
}

/// A chapter of the plan's outline (第X章, or 一、 in plans numbered that way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Chapter {
    /// The number as written (第三章, 三).
    pub number: String,
    /// The title.
    pub title: String,
    /// Text directly under the chapter heading.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The sections (第X节, （一）).
    pub sections: Vec<Section>,
    /// 1-based line.
    pub line: usize,
}

/// A section of a chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Section {
    /// The number as written.
    pub number: String,
    /// The title.
    pub title: String,
    /// Text directly under the section heading.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Numbered items (1. / （1）).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// 1-based line.
    pub line: usize,
}

/// A numbered item of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Item {
    /// The number as written.
    pub number: String,
    /// The title.
    pub title: String,
    /// The text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

/// A key-project box (专栏).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Project {
    /// The number as written (专栏1 → "1").
    pub number: String,
    /// The title.
    pub title: String,
    /// The number of the chapter the box sits in.
    pub chapter: Option<String>,
    /// The box's items.
    pub items: Vec<String>,
    /// 1-based line.
    pub line: usize,
}

/// A target stated in prose (到2025年，全市市场主体达48万户).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProseTarget {
    /// The phrase measured (市场主体).
    pub phrase: String,
    /// The value with its bound.
    pub value: Value,
    /// The unit, when one is written.
    pub unit: Option<Unit>,
    /// The year the target is for.
    pub year: Option<u16>,
    /// The whole sentence.
    pub sentence: String,
    /// 1-based line.
    pub line: usize,
    /// The index of the table indicator the target restates, if any.
    pub indicator: Option<usize>,
}

/// A paragraph of the plan's body text, cleaned of export debris.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// The text.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

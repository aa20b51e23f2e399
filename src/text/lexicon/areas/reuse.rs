//! `[reuse]`: the text-reuse classifier's words.

use super::super::{CharSet, WordList};
use serde::Deserialize;

/// `[reuse]`: the text-reuse classifier's words and the passage splitter's marks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReuseWords {
    /// Benchmarks of an ambition (国内 national, 一流 first-class, 前列 among the first).
    pub ambition: WordList,
    /// Scope words that are a benchmark when an ambition word follows (全省前列).
    pub benchmark_scopes: WordList,
    /// Localities besides `[scope].words` (各区 each district, 区政府 the district
    /// government, 街道 subdistrict).
    pub localities: WordList,
    /// Place-name stems known without a plan naming them (湛江, 肇庆).
    pub places: WordList,
    /// Suffixes of administrative units (市 city, 区 district, 县 county).
    pub admin_suffixes: CharSet,
    /// Conjunctions between listed localities (和 and, 及 as well as).
    pub joiners: CharSet,
    /// What ends a passage besides `[fold].sentence_ends` (；).
    pub passage_ends: CharSet,
    /// Quote-like ASCII marks the matching fold drops besides `[fold].quotes`.
    pub dropped: CharSet,
    /// Hyphens the matching fold writes as `-`.
    pub hyphens: CharSet,
    /// Marks after a number that make it part of a date (月, 日): a changed date is not a
    /// changed quantity.
    pub date_marks: CharSet,
}

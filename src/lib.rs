//! # planalign
//!
//! Chinese five-year plans as typed data, compared across levels of government.
//!
//! Local governments publish their plans as Word exports, web pages and PDFs. planalign
//! reads them into a typed [`Plan`] (goals, outline, the table of main indicators with
//! units, baselines, targets and attributes), losing nothing: every cell keeps its raw
//! text and everything the parser could not read is reported as a [`Diagnostic`].
//!
//! ```
//! let corpus = planalign::corpus::guangdong()?;
//! let qingyuan = corpus.plan("qingyuan")?;
//! let row = &qingyuan.indicators[8];
//! assert_eq!(row.name, "“明厨亮灶”覆盖率");
//! assert_eq!(row.target.to_string(), "≥90");
//! # Ok::<(), planalign::Error>(())
//! ```
//!
//! The data flow is the module tree: text → [`parse`] → [`model`] → [`registry`] (keys) →
//! [`compare`] → [`report`]; [`reuse`] finds shared text; [`corpus`] holds the bundled plans.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod compare;
pub mod corpus;
mod error;
mod lexicon;
pub mod model;
mod parse;
pub mod registry;
pub mod report;
pub mod reuse;
mod text;

pub use compare::Comparer;
pub use error::{Error, ErrorKind, Position};
pub use text::Lexicon;

/// The design notes (DESIGN.md): the questions the crate's layout and choices answer.
#[doc = include_str!("../DESIGN.md")]
pub mod design {}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

#[doc = include_str!("../COMPARE.md")]
#[cfg(doctest)]
pub struct CompareDoctests;
pub use model::{
    Accumulation, Approximation, Attribute, Bound, Bracket, BracketConvention, Dimension,
    DocumentStatus, Indicator, Level, LineRange, Locality, Missing, Period, Plan, Script, Unit,
    Value, ValueKind,
};
pub use parse::{
    Diagnostic, DiagnosticKind, Format, Parsed, Parser, Severity, parse, parse_bytes, parse_file,
};

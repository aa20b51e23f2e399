//! The ground floor: the crate's words and the small readers every layer shares.
//!
//! - [`Lexicon`]: every word list, loaded once from `data/lexicon.toml`;
//! - `fold`: one spelling for characters that differ only in width, quoting or spacing;
//! - `numeral`: Chinese and Arabic numerals;
//! - `quantity`: bound, approximation and bracket around a number;
//! - `script`: traditional characters read as simplified, pinyin annotations and the marks
//!   of a failed extraction.
//!
//! Nothing here imports any other module of the crate: parse, registry, reuse and compare
//! import from here, never the other way.

pub(crate) mod fold;
mod lexicon;
pub(crate) mod numeral;
pub(crate) mod quantity;
pub(crate) mod script;

pub use lexicon::Lexicon;
#[allow(unused_imports)]
pub(crate) use lexicon::{
    CharBits, CharSet, LowBytes, Pair, PeriodWord, SubjectWords, WordList, WordMap,
};
pub use quantity::{Approximation, Bound, Bracket};

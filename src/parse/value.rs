//! Reading a cell's text into a [`Value`]: the grammar lives in the model; the parser
//! passes its lexicon.

use crate::model::{BracketConvention, Value};
use crate::text::Lexicon;

/// Parses a cell's text under a document's bracket convention.
pub(crate) fn value_with(raw: &str, brackets: &BracketConvention) -> Value {
    Value::read(raw, brackets, Lexicon::bundled())
}

//! Telling a unit cell from a name cell: the grammar lives in the model.

use crate::text::Lexicon;

/// Whether text reads as a unit.
pub(crate) fn looks_like_unit(s: &str) -> bool {
    crate::model::looks_like_unit(s, Lexicon::bundled())
}

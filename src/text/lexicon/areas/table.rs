//! `[table]`: header words, attribute words, note openers.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[table]`: header words, attribute words, note openers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableWords {}

//! `[reuse]`: the text-reuse classifier's words.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[reuse]`: the text-reuse classifier's words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReuseWords {}

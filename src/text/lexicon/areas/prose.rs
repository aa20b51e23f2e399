//! `[prose]`: the prose-target reader's verbs, frames and time words.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[prose]`: the prose-target reader's verbs, frames and time words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProseWords {}

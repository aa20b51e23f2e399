//! `[document]`: page chrome, titles, headings, goals and key-project boxes.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[document]`: page chrome, titles, headings, goals and key-project boxes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentWords {}

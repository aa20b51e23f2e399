//! `[subjects]`: subject nouns and qualifiers, for the resolver's vetoes and for linking.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[subjects]`: subject nouns and qualifiers, for the resolver's vetoes and for linking.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubjectWords {}

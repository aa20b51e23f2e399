//! `[goals]`: goal and task alignment words.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[goals]`: goal and task alignment words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalWords {}

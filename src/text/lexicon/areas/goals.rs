//! `[goals]`: goal and task alignment words.

#[allow(unused_imports)]
use super::super::{CharSet, WordList, WordMap};
use serde::Deserialize;

/// `[goals]`: goal and task alignment words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalWords {
    /// Words without content in titles; titles split at them.
    pub stop: WordList,
    /// The domain's own name (市场监管), which links nothing.
    pub domain: WordList,
    /// Words of chapters that frame a plan rather than set a task.
    pub frame: WordList,
}

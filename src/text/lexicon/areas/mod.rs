//! The sections of the lexicon that one reader owns, one file each.

mod document;
mod goals;
mod prose;
mod reuse;
mod subjects;
mod table;

pub(crate) use document::DocumentWords;
pub(crate) use goals::GoalWords;
pub(crate) use prose::ProseWords;
pub(crate) use reuse::ReuseWords;
pub(crate) use subjects::SubjectWords;
pub(crate) use table::TableWords;

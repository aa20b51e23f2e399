//! The typed model of a plan. Nothing here knows about parsing or reports.

mod indicator;
mod plan;
mod read;
mod structure;
mod unit;
mod value;

pub(crate) use read::{looks_like_unit, unit_in_name};
pub(crate) use value::format_number;

pub use indicator::{Attribute, Indicator, LineRange, TableInfo, TableNote};
pub use plan::{DocumentStatus, Level, Locality, Partial, Period, Plan, Script};
pub use structure::{Chapter, Goal, Item, Paragraph, Project, ProseTarget, Section};
pub use unit::{Dimension, Unit};
pub use value::{
    Accumulation, Approximation, Bound, Bracket, BracketConvention, BracketMeaning, Missing, Value,
    ValueKind,
};

//! The rest of a plan besides its tables: goals, outline, key-project boxes, prose targets.

use crate::model::Plan;
use crate::parse::diagnostic::Diagnostic;
use crate::parse::text::Line;

/// Fills `plan`'s goals, outlook, outline, projects and prose targets from the document's
/// lines. `in_table[k]` is true for lines that belong to an indicator table (or its notes).
pub(crate) fn read(lines: &[Line], in_table: &[bool], plan: &mut Plan, diags: &mut Vec<Diagnostic>) {
    let _ = (lines, in_table, plan, diags);
}

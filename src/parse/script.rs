//! The script hooks of the reader: a traditional-script document converted before it is
//! read, the names of its indicators kept as written, and the lines and rows that hold the
//! marks of a failed extraction named as errors.

use std::borrow::Cow;

use crate::model::{Indicator, Plan, Script};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::text::{Facts, Line, line_of};
use crate::text::script::{Simplifier, extraction_mark};

/// A document converted to simplified characters for reading.
pub(super) struct Converted<'t> {
    /// The text every pass reads.
    pub text: Cow<'t, str>,
    /// The script it was written in.
    pub script: Script,
}

/// Converts `text` to simplified characters char by char, with a diagnostic when any char
/// changed. A simplified text is borrowed as it is.
pub(super) fn convert<'t>(text: &'t str, diags: &mut Vec<Diagnostic>) -> Converted<'t> {
    let s = Simplifier::bundled().simplify(text);
    let Some(first_at) = s.first_at else {
        return Converted {
            text: s.text,
            script: Script::Simplified,
        };
    };
    let first = line_of(text, first_at);
    diags.push(Diagnostic::new(
        Severity::Info,
        Some(first),
        DiagnosticKind::ScriptConverted,
        format!(
            "{} of {} Chinese characters converted from traditional to simplified (OpenCC's TSCharacters, one char for one), the first on line {first}",
            s.changed, s.han
        ),
    ));
    Converted {
        text: s.text,
        script: Script::Traditional,
    }
}

/// An Error diagnostic for every line that holds the marks of a failed extraction.
pub(super) fn mark_failed_extraction(lines: &[Line], diags: &mut Vec<Diagnostic>) {
    for l in lines.iter().filter(|l| l.facts.any(Facts::MARKS)) {
        if let Some((mark, n)) = extraction_mark(&l.text) {
            diags.push(Diagnostic::new(
                Severity::Error,
                Some(l.no),
                DiagnosticKind::ExtractionFailed,
                format!(
                    "{n} {}; extract the text again: {}",
                    mark.describe(),
                    l.trimmed()
                ),
            ));
        }
    }
}

/// Takes out of `indicators` every row one of whose cells holds the marks of a failed
/// extraction, as a RowNotRead error holding its cells: such a cell is never a value.
pub(super) fn refuse_garbled_rows(indicators: &mut Vec<Indicator>, diags: &mut Vec<Diagnostic>) {
    indicators.retain(|ind| {
        let cells = cells(ind);
        let Some((mark, _)) = cells.iter().find_map(|c| extraction_mark(c)) else {
            return true;
        };
        diags.push(
            Diagnostic::new(
                Severity::Error,
                Some(ind.line),
                DiagnosticKind::RowNotRead,
                cells.join(" | "),
            )
            .through(ind.end_line)
            .saying(format!(
                "{}: a cell holds {}",
                DiagnosticKind::RowNotRead.describe(),
                mark.describe()
            )),
        );
        false
    });
}

/// The raw text of a row's cells, in table order.
fn cells(ind: &Indicator) -> Vec<&str> {
    let category = ind.category.as_deref().into_iter();
    category
        .chain([ind.name.as_str()])
        .chain(ind.qualifier.as_deref())
        .chain(ind.unit.as_ref().map(|u| u.raw()))
        .chain([ind.baseline.raw(), ind.target.raw()])
        .chain(ind.notes.iter().map(String::as_str))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Gives each indicator of a converted plan its name as written, read off the original
/// lines at the chars where the converted lines hold its name. `read` and `written` are the
/// converted and the original document's cleaned lines, line for line alike in chars.
pub(super) fn keep_written_names(plan: &mut Plan, read: &[Line], written: &[Line]) {
    for ind in &mut plan.indicators {
        let range = ind.line.saturating_sub(1)..ind.end_line.max(ind.line).min(read.len());
        let (Some(r), Some(w)) = (read.get(range.clone()), written.get(range)) else {
            continue;
        };
        ind.name_as_written = written_name(&ind.name, r, w).filter(|n| *n != ind.name);
    }
}

/// `name` as the `written` lines spell it where the `read` lines hold it, whitespace and
/// line breaks aside; `None` where they do not hold it (a name the reader rewrote).
fn written_name(name: &str, read: &[Line], written: &[Line]) -> Option<String> {
    let solid = |lines: &[Line]| -> String {
        lines
            .iter()
            .flat_map(|l| l.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let (r, w) = (solid(read), solid(written));
    let wanted: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if wanted.is_empty() {
        return None;
    }
    // `str::find` is linear; the char offset of the match is then counted once.
    let at = r[..r.find(&wanted)?].chars().count();
    let mut from_written = w.chars().skip(at);
    name.chars()
        .map(|c| match c.is_whitespace() {
            true => Some(c),
            false => from_written.next(),
        })
        .collect()
}

//! A table-shaped document drawn by `arbitrary` ([`planalign_fuzz::TableDoc`]: four
//! layouts, realistic and arbitrary cells, blank lines inside rows, missing cells,
//! heading-like and note-like cells, long cells, wrapped lines) → `planalign::parse`:
//! never a panic, and the accounting oracle: every non-blank line a row wrote is covered by
//! an indicator, a diagnostic or a table note. Nothing is lost without a word.
#![no_main]

use std::fmt::Write as _;

use libfuzzer_sys::fuzz_target;
use planalign_fuzz::{TableDoc, unaccounted};

fuzz_target!(|doc: TableDoc| {
    let rendered = doc.render();
    let parsed = planalign::parse(&rendered.text);
    let lost: Vec<usize> = rendered
        .row_lines
        .iter()
        .flat_map(|lines| unaccounted(&parsed.value, &parsed.diagnostics, lines))
        .collect();
    if lost.is_empty() {
        return;
    }
    let mut report = format!("lines {lost:?} are in no indicator, diagnostic or note\n");
    for (k, line) in rendered.text.lines().enumerate() {
        let mark = if lost.contains(&(k + 1)) { ">" } else { " " };
        let _ = writeln!(report, "{mark}{:4} {line:?}", k + 1);
    }
    for i in &parsed.value.indicators {
        let _ = writeln!(
            report,
            "indicator {}..={}: {:?}",
            i.line, i.end_line, i.name
        );
    }
    for d in &parsed.diagnostics {
        let _ = writeln!(report, "diagnostic {:?}..={:?}: {d}", d.line, d.end_line);
    }
    panic!("{report}");
});

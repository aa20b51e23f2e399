//! Two texts (the input split at its first NUL) parsed as plans → `compare`, and the
//! comparison rendered as Markdown, CSV and JSON: never a panic; no reported number is
//! infinite or NaN, and the JSON reads back as the same comparison.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planalign::compare::{Comparer, Comparison};
use planalign::report;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\0').unwrap_or((&text, &text));
    let (child, parent) = (planalign::parse(a).value, planalign::parse(b).value);
    let comparer = Comparer::default();
    let c = comparer.compare(&child, &parent);
    for i in &c.indicators {
        let numbers = [i.target_delta, i.escalation_ratio, i.baseline_delta]
            .into_iter()
            .chain(
                [i.child_growth, i.parent_growth]
                    .into_iter()
                    .flat_map(|g| g.map(|g| [g.ratio, g.annual_rate]))
                    .flatten()
                    .map(Some),
            );
        for n in numbers.flatten() {
            assert!(
                n.is_finite(),
                "{}: a number that is not finite in {i:?}",
                i.key
            );
        }
    }
    let _ = report::comparison_markdown(&c);
    let _ = report::comparison_csv(std::slice::from_ref(&c)).expect("CSV");
    let json = c.to_json().expect("JSON");
    let back: Comparison = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("the comparison's JSON does not read back: {e}"));
    assert_eq!(back, c, "the JSON round trip changes the comparison");
    let consensus = comparer.consensus(&[&child, &parent]);
    let _ = report::consensus_markdown(&consensus);
    let _ = report::matrix_markdown(&comparer.matrix(&[&child, &parent]));
});

//! The resolver on a sample of the labelled batch of benches/peer (every 50th of its
//! 100,000 names, written by benches/peer/make_batch.py): few wrong keys, mostly right,
//! and the lean path (`Resolver::key`) agreeing with the explained one (`Registry::resolve`).

mod common;

use common::fixture;
use planalign::Unit;
use planalign::registry::Registry;

struct Row {
    name: String,
    unit: Option<Unit>,
    expected: String,
    kind: String,
}

fn sample() -> Vec<Row> {
    let text = std::fs::read_to_string(fixture("resolve/batch_sample.tsv")).expect("sample");
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 4, "{l}");
            Row {
                name: c[0].to_string(),
                unit: c[1].trim().parse().ok(),
                expected: c[2].to_string(),
                kind: c[3].to_string(),
            }
        })
        .collect()
}

#[test]
fn the_batch_sample_is_mostly_right_and_almost_never_wrong() {
    let reg = Registry::default();
    let rows = sample();
    assert_eq!(rows.len(), 2000);
    let (mut correct, mut wrong) = (0, Vec::new());
    for row in &rows {
        let got = reg.resolve(&row.name, row.unit.as_ref());
        match got.key() {
            Some(k) if k == row.expected => correct += 1,
            None if row.expected.is_empty() => correct += 1,
            Some(k) => wrong.push(format!(
                "{} [{:?}] ({}) → {k}, want {:?}",
                row.name,
                row.unit.as_ref().map(Unit::raw),
                row.kind,
                row.expected
            )),
            None => {}
        }
    }
    // At most 0.05% wrong: one name in 2,000.
    assert!(
        wrong.len() <= 1,
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    let rate = correct as f64 / rows.len() as f64;
    assert!(rate >= 0.80, "correct {:.2}%", 100.0 * rate);
}

#[test]
fn the_lean_path_assigns_what_the_explained_one_does() {
    let reg = Registry::default();
    let mut resolver = reg.resolver();
    for row in sample() {
        let full = reg.resolve(&row.name, row.unit.as_ref());
        let lean = resolver.key(&row.name, row.unit.as_ref());
        assert_eq!(lean.map(|a| a.key), full.key(), "{}", row.name);
        assert_eq!(lean.map(|a| a.how), full.how(), "{}", row.name);
        if let Some(a) = lean {
            assert_eq!(a.score, full.score(), "{}", row.name);
        }
    }
}

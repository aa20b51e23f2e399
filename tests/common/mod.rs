//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use planalign::{Indicator, Value, ValueKind};

/// A value as one line of a golden file: kind, number, bound, accumulation.
pub fn describe_value(v: &Value) -> String {
    let meaning = match v.kind() {
        ValueKind::Number(n) => format!("number {n}"),
        ValueKind::Range { low, high } => format!("range {low}..{high}"),
        ValueKind::Missing(m) => format!("missing {m:?}"),
        ValueKind::Text => "text".to_string(),
        _ => "other".to_string(),
    };
    format!(
        "{:?} = {meaning} {:?} {:?}{}",
        v.raw(),
        v.bound(),
        v.accumulation(),
        if v.is_percent() { " %" } else { "" }
    )
}

/// An indicator as one golden line.
pub fn describe_indicator(i: &Indicator) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}{}\tbaseline {}\ttarget {}\t{}",
        i.seq.map_or("-".to_string(), |s| s.to_string()),
        i.category.as_deref().unwrap_or("-"),
        i.name,
        i.qualifier.as_deref().unwrap_or("-"),
        i.unit.as_ref().map_or("-", |u| u.raw()),
        if i.unit_from_name { " (from name)" } else { "" },
        describe_value(&i.baseline),
        describe_value(&i.target),
        i.attribute.map_or("-", |a| a.chinese()),
    )
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with `UPDATE_GOLDEN=1`
/// rewrites the file instead (review the diff by eye before committing it).
pub fn check_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create golden dir");
        }
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create)",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header("golden", "actual")
            .to_string();
        panic!("{name} differs from its golden file:\n{diff}");
    }
}

/// The path of a test fixture.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

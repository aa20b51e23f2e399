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

/// The accounting oracle: the lines of `text` inside a table, after its header, that hold
/// a letter or digit and that no indicator, no diagnostic (other than the reader's own
/// safety net, `LineNotRead`) and no table note holds. Lines are counted from the text,
/// not from the reader's rows. Lines the text cleaner skips as page furniture (`- 5 -`)
/// are left out.
pub fn unaccounted(text: &str, parsed: &planalign::Parsed<planalign::Plan>) -> Vec<usize> {
    use planalign::DiagnosticKind;
    let plan = &parsed.value;
    let lines: Vec<&str> = text.lines().collect();
    let held = |no: usize| {
        plan.indicators
            .iter()
            .any(|i| (i.line..=i.end_line.max(i.line)).contains(&no))
            || parsed.diagnostics.iter().any(|d| {
                d.kind != DiagnosticKind::LineNotRead && d.lines().is_some_and(|r| r.contains(no))
            })
            || plan
                .tables
                .iter()
                .any(|t| t.notes.iter().any(|n| n.holds(no)))
    };
    let furniture = |t: &str| {
        let t = t.trim();
        let inner = t.trim_matches(|c: char| c == '-' || c == '—' || c.is_whitespace());
        inner.len() < t.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
    };
    let mut out = Vec::new();
    for table in &plan.tables {
        for no in table.header.last + 1..=table.end_line {
            let Some(t) = lines.get(no - 1) else { continue };
            if t.chars().any(char::is_alphanumeric) && !furniture(t) && !held(no) {
                out.push(no);
            }
        }
    }
    out
}

/// How many lines the reader's safety net had to keep (`LineNotRead`): zero when the
/// readers account for every line themselves.
pub fn safety_net(parsed: &planalign::Parsed<planalign::Plan>) -> usize {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == planalign::DiagnosticKind::LineNotRead)
        .count()
}

/// A plan's outline as lines: each chapter's number and title, its sections indented.
pub fn outline(plan: &planalign::Plan) -> Vec<String> {
    plan.chapters
        .iter()
        .flat_map(|c| {
            std::iter::once(format!("{} {}", c.number, c.title)).chain(
                c.sections
                    .iter()
                    .map(|s| format!("  {} {}", s.number, s.title)),
            )
        })
        .collect()
}

/// The path of an example's binary, built beside the test binary (`target/debug/examples`,
/// where `cargo test` builds the examples); built with `cargo build --examples` first when
/// it is missing (a run of one test file, `cargo test --test cli`, does not build them).
pub fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/cli-HASH → target/debug/examples/NAME
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary is in target/PROFILE/deps")
        .join("examples");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !path.is_file() {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["build", "--examples", "--manifest-path"])
            .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo build --examples failed");
    }
    assert!(path.is_file(), "no example binary at {}", path.display());
    path
}

/// A fresh, empty folder for a test's files, under the system's temporary folder.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planalign-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

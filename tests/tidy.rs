//! The tidy tables as their users load them: `report --out` for the bundled corpus, read by
//! pandas (tests/tidy.py: dtypes, the key × plan pivot, every indicator once, the
//! comparison rows against comparisons.json, the workbook through openpyxl), and the
//! workbook read back with calamine, a reader independent of its writer.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use planalign::compare::Comparer;
use planalign::report::{self, Table, TidyTables};

fn tables() -> TidyTables {
    let corpus = planalign::corpus::guangdong().expect("the bundled corpus");
    let comparer = Comparer::default();
    let r = report::corpus_report(&comparer, &corpus).expect("the report");
    r.tidy(&comparer, &corpus)
}

/// Each plan's indicators as the library holds them: its table rows and the prose
/// targets that restate no row (plans without any, such as one whose table is not known,
/// have no record).
fn indicators_per_plan() -> BTreeMap<String, usize> {
    let corpus = planalign::corpus::guangdong().expect("the bundled corpus");
    corpus
        .plans()
        .iter()
        .map(|p| {
            let prose = p.targets.iter().filter(|t| t.indicator.is_none()).count();
            (p.label().to_string(), p.indicators.len() + prose)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Whether `python3` with pandas can be had.
fn pandas() -> bool {
    Command::new("python3")
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn pandas_loads_every_csv_of_report_out_as_typed_tidy_tables() {
    if !pandas() {
        // CI installs pandas: there, its absence is a failure, not a skip.
        assert!(
            std::env::var_os("PLANALIGN_CI").is_none(),
            "python3 with pandas is not available, and .ci/run should have installed it"
        );
        eprintln!("SKIPPED: python3 with pandas is not available (.ci/run installs it)");
        return;
    }
    let dir = common::scratch_dir("tidy-pandas");
    let out = dir.join("out");
    let report = Command::new(common::example("report"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("report runs");
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let expected = serde_json::json!({ "indicators": indicators_per_plan() });
    let expected_path = dir.join("expected.json");
    std::fs::write(&expected_path, expected.to_string()).expect("written");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tidy.py");
    let run = Command::new("python3")
        .arg(script)
        .arg(&out)
        .arg(&expected_path)
        .output()
        .expect("python3 runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "tests/tidy.py:\n{said}");
    assert!(said.contains("0 failed"), "{said}");
}

#[test]
fn every_indicator_of_every_plan_is_one_record() {
    let t = tables();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in &t.indicators {
        *counts.entry(r.plan.clone()).or_default() += 1;
    }
    assert_eq!(counts, indicators_per_plan());
    // The compared records pivot: one per plan and key.
    let mut seen = std::collections::HashSet::new();
    for r in t.indicators.iter().filter(|r| r.compared) {
        let key = r.key.clone().expect("a compared record has a key");
        assert!(seen.insert((r.plan.clone(), key)), "{} twice", r.name);
    }
}

#[test]
fn the_excel_csv_is_the_csv_after_a_byte_order_mark() {
    let t = tables();
    for table in Table::ALL {
        let plain = t.csv(table).expect("CSV");
        let excel = t.csv_for_excel(table).expect("CSV");
        assert!(!plain.starts_with('\u{feff}'));
        assert_eq!(excel.strip_prefix('\u{feff}'), Some(plain.as_str()));
    }
}

/// A record's value (from its JSON Lines twin) and the workbook's cell for it agree: a
/// number is a number cell of the same value, null an empty cell, a boolean a boolean,
/// text the same text (also text that looks like a number, such as a raw target).
fn assert_same(table: &str, column: &str, value: &serde_json::Value, cell: &Data) {
    use serde_json::Value as J;
    let ok = match (value, cell) {
        (J::Null, Data::Empty) => true,
        (J::String(s), Data::Empty) => s.is_empty(),
        (J::Number(n), Data::Float(x)) => n.as_f64() == Some(*x),
        (J::Bool(b), Data::Bool(c)) => b == c,
        (J::String(s), Data::String(c)) => s == c,
        _ => false,
    };
    assert!(ok, "{table}.{column}: record {value}, workbook {cell:?}");
}

#[test]
fn the_workbook_read_with_calamine_holds_the_csv_rows_with_numbers_as_numbers() {
    let t = tables();
    let bytes = t.xlsx().expect("the workbook");
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("calamine opens it");
    let mut numbers = 0;
    for table in Table::ALL {
        let range = wb.worksheet_range(table.name()).expect("a sheet per table");
        let csv = t.csv(table).expect("CSV");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = range.rows();
        let first: Vec<String> = rows
            .next()
            .expect("a header row")
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(first, header, "{}", table.name());
        assert_eq!(
            range.height() - 1,
            reader.records().count(),
            "{}",
            table.name()
        );
        let lines = t.json_lines(table).expect("JSON Lines");
        assert_eq!(lines.lines().count(), t.len(table));
        for (line, row) in lines.lines().zip(rows) {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            for (k, column) in header.iter().enumerate() {
                let cell = row.get(k).unwrap_or(&Data::Empty);
                numbers += usize::from(matches!(cell, Data::Float(_)));
                assert_same(table.name(), column, &record[column], cell);
            }
        }
    }
    assert!(numbers > 0, "no number cell at all");
    // The matrix: one row per key, a number per plan stating one in the canonical unit.
    let matrix = wb.worksheet_range("matrix").expect("the matrix sheet");
    let targets = t.target_matrix();
    assert_eq!(matrix.height() - 1, targets.len());
    for (row, want) in matrix.rows().skip(1).zip(&targets) {
        assert_eq!(row[0].to_string(), want.key);
        for (k, target) in want.targets.iter().enumerate() {
            let cell = row.get(3 + k).unwrap_or(&Data::Empty);
            match target {
                Some(x) => assert_eq!(cell, &Data::Float(*x), "{} {k}", want.key),
                None => assert_eq!(cell, &Data::Empty, "{} {k}", want.key),
            }
        }
    }
}

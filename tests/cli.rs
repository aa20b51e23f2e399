//! The examples as command-line tools, run as processes: `--help` on each, and each misuse
//! of issue 16 with its exit code and message (2 for a usage error, naming what is wrong
//! and what is accepted), and a closed pipe that ends a program quietly.

mod common;

use std::io::Read;
use std::process::{Command, Output, Stdio};

const EXAMPLES: [&str; 7] = [
    "extract",
    "compare",
    "reuse",
    "resolve",
    "binding_gaps",
    "escalations",
    "report",
];

fn run(name: &str, args: &[&str]) -> Output {
    Command::new(common::example(name))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the example runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A usage error: status 2, nothing on stdout, stderr naming each of `words`, then the usage.
fn assert_usage_error(name: &str, args: &[&str], words: &[&str]) {
    let out = run(name, args);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {stderr}");
    assert!(stdout.is_empty(), "{name} {args:?} printed: {stdout}");
    for w in words {
        assert!(stderr.contains(w), "{name} {args:?}: {w:?} not in {stderr}");
    }
    assert!(stderr.contains(&format!("usage: {name}")), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn every_example_prints_its_usage_and_an_example_line_for_help() {
    for name in EXAMPLES {
        let out = run(name, &["--help"]);
        let stdout = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name} --help: {}",
            text(&out.stderr)
        );
        assert!(
            stdout.starts_with(&format!("usage: {name}")),
            "{name}: {stdout}"
        );
        let example = stdout.lines().find(|l| l.starts_with("example: "));
        assert!(
            example.is_some_and(|l| l.contains(&format!("cargo run --release --example {name}"))),
            "{name}: no example line in {stdout}"
        );
    }
}

#[test]
fn every_example_rejects_an_unknown_flag_with_status_2() {
    for name in EXAMPLES {
        assert_usage_error(name, &["--bogus"], &["--bogus"]);
    }
}

#[test]
fn a_misspelt_format_flag_is_an_error_not_markdown() {
    assert_usage_error("compare", &["dinghu", "qingyuan", "--jsn"], &["--jsn"]);
}

#[test]
fn json_and_csv_together_conflict() {
    assert_usage_error(
        "compare",
        &["dinghu", "qingyuan", "--json", "--csv"],
        &["--json", "--csv", "conflict"],
    );
}

#[test]
fn report_rejects_a_bogus_flag() {
    assert_usage_error("report", &["--bogus"], &["--bogus"]);
}

#[test]
fn extract_help_is_help_not_a_file_name() {
    let out = run("extract", &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("PATH_OR_ID"));
    assert!(!text(&out.stderr).contains("cannot read"));
}

/// Every id the corpus accepts, as the error must list them.
fn ids() -> Vec<String> {
    let corpus = planalign::corpus::guangdong().expect("the bundled corpus");
    corpus.ids().map(str::to_string).collect()
}

#[test]
fn an_unknown_plan_id_is_an_error_listing_the_known_ones() {
    let ids = ids();
    let mut words: Vec<&str> = ids.iter().map(String::as_str).collect();
    words.push("dinghuu");
    assert_usage_error("extract", &["dinghuu"], &words);
    words.pop();
    words.push("qingyan");
    assert_usage_error("compare", &["dinghu", "qingyan"], &words);
    words.pop();
    words.push("zhongshna");
    assert_usage_error("reuse", &["zhongshna"], &words);
}

/// A folder that cannot be made: one below a regular file.
fn unwritable() -> std::path::PathBuf {
    let dir = common::scratch_dir("cli-unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").expect("a file");
    file.join("out")
}

#[test]
fn report_names_a_folder_it_cannot_write_before_printing_anything() {
    let mut targets = vec![unwritable()];
    if std::path::Path::new("/proc").is_dir() {
        targets.push("/proc/nope".into());
    }
    for dir in targets {
        let dir = dir.to_str().expect("a UTF-8 path");
        let out = run("report", &["--out", dir]);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stdout.is_empty(),
            "printed before failing: {} bytes",
            stdout.len()
        );
        assert!(
            stderr.contains(&format!("cannot write into {dir}")),
            "{stderr}"
        );
    }
}

#[test]
fn excel_csv_without_out_is_a_usage_error() {
    assert_usage_error("report", &["--excel-csv"], &["--excel-csv", "--out"]);
}

#[test]
fn a_pipe_closed_early_ends_extract_quietly() {
    // extract qingyuan | head -c 10
    let mut child = Command::new(common::example("extract"))
        .arg("qingyuan")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("extract runs");
    let mut stdout = child.stdout.take().expect("a pipe");
    let mut head = [0u8; 10];
    stdout.read_exact(&mut head).expect("ten bytes");
    drop(stdout);
    let out = child.wait_with_output().expect("extract ends");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(text(&head).starts_with('{'));
}

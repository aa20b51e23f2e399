//! Errors you can act on: each is filed under the right kind, a TOML or JSON fault carries
//! its line and char column and renders the line with a caret, and naming the file an
//! error came from keeps its kind.

use std::path::PathBuf;

use planalign::registry::Registry;
use planalign::{Error, ErrorKind, Plan, Unit};

/// A registry entry in the format of `data/registry.toml`, with this key.
fn entry(key: &str) -> String {
    format!(
        r#"[[indicator]]
key = "{key}"
name_zh = "智慧农贸市场覆盖率"
name_en = "Smart farmers' market coverage"
domain = "other"
dimension = "percent"
unit = "%"
kind = "intensive"
direction = "higher"
aliases = [{{ name = "智慧市场覆盖率", source = "our county scheme" }}]
"#
    )
}

/// A file in the temporary directory holding `text`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!(
            "planalign-errors-{}-{name}.toml",
            std::process::id()
        ));
        std::fs::write(&path, text).expect("the temporary directory is writable");
        TempFile(path)
    }

    fn name(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The line and column of an error's position.
fn line_and_column(e: &Error) -> Option<(usize, usize)> {
    e.position().map(|p| (p.line, p.column))
}

/// The caret line under a position whose line has `width` display columns before it.
fn caret_line(line: usize, width: usize) -> String {
    format!("{}^", " ".repeat(format!("{line} | ").len() + width))
}

const NOT_TOML: &str = "[[indicator]]\n\
    key = \"other.smart_market.coverage\"\n\
    name_zh = \"智慧农贸市场覆盖率\" x\n";

#[test]
fn a_toml_syntax_error_in_a_users_registry_has_its_line_and_char_column() {
    let mut registry = Registry::default();
    let before = registry.entries().len();
    let e = registry.extend_toml(NOT_TOML).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Toml { .. }), "{e:?}");
    // The stray `x` is byte 41 of line 3 but char 23: nine CJK chars come before it.
    assert_eq!(line_and_column(&e), Some((3, 23)));
    assert_eq!(
        e.position().map(|p| p.text.as_str()),
        Some("name_zh = \"智慧农贸市场覆盖率\" x")
    );
    let shown = e.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "3 | name_zh = \"智慧农贸市场覆盖率\" x")
        .unwrap_or_else(|| panic!("the offending line is shown:\n{shown}"));
    // 22 chars before the caret, 31 display columns: the nine CJK chars are wide.
    assert_eq!(lines.get(at + 1).copied(), Some(caret_line(3, 31).as_str()));
    assert_eq!(
        registry.entries().len(),
        before,
        "a failed extension leaves the registry unchanged"
    );
}

#[test]
fn a_toml_type_error_is_positioned_at_the_value() {
    let e = Registry::from_toml("[[indicator]]\nkey = 3\n").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Toml { .. }), "{e:?}");
    assert_eq!(line_and_column(&e), Some((2, 7)));
}

const MALFORMED_PLAN: &str = "{\n  \"title\": \"中山市规划\",\n  \"locality\": {\"name\": \"中山市\", \"level\": \"prefecture_city\",},\n}";

#[test]
fn a_malformed_plan_json_has_its_line_and_char_column() {
    let e = Plan::from_json(MALFORMED_PLAN).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Json(_)), "{e:?}");
    // serde_json reports byte column 64; the `}` after the trailing comma is char 58.
    assert_eq!(line_and_column(&e), Some((3, 58)));
    let line = "  \"locality\": {\"name\": \"中山市\", \"level\": \"prefecture_city\",},";
    let shown = e.to_string();
    assert!(
        !shown.contains("column 64"),
        "the byte column is not shown: {shown}"
    );
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == format!("3 | {line}"))
        .unwrap_or_else(|| panic!("the offending line is shown:\n{shown}"));
    // 57 chars before the caret, three of them wide.
    assert_eq!(lines.get(at + 1).copied(), Some(caret_line(3, 60).as_str()));
}

#[test]
fn json_that_is_not_a_plan_is_positioned_too() {
    let e = Plan::from_json("{\n  \"title\": 5\n}").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Json(_)), "{e:?}");
    assert_eq!(line_and_column(&e), Some((2, 12)));
}

#[test]
fn a_duplicate_key_in_a_file_is_a_conflict_naming_the_file() {
    let file = TempFile::new("duplicate", &entry("market_entities.total"));
    let mut registry = Registry::default();
    let e = registry.extend_file(&file.0).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Conflict { .. }), "{e:?}");
    assert!(e.is_conflict() && !e.is_io());
    assert_eq!(e.file(), Some(file.name().as_str()));
    let shown = e.to_string();
    assert!(shown.contains(&file.name()), "{shown}");
    assert!(
        shown.contains("duplicate key market_entities.total"),
        "{shown}"
    );
}

#[test]
fn a_toml_error_in_a_file_keeps_its_kind_and_position() {
    let file = TempFile::new("not_toml", NOT_TOML);
    let e = Registry::default().extend_file(&file.0).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Toml { .. }), "{e:?}");
    assert_eq!(line_and_column(&e), Some((3, 23)));
    assert_eq!(e.file(), Some(file.name().as_str()));
    assert!(
        e.to_string().starts_with(&format!("{}: ", file.name())),
        "{e}"
    );
}

#[test]
fn a_good_file_extends_the_registry() {
    let file = TempFile::new("good", &entry("other.smart_market.coverage"));
    let mut registry = Registry::default();
    registry.extend_file(&file.0).expect("the entry is valid");
    assert_eq!(
        registry.resolve("智慧市场覆盖率", None).key(),
        Some("other.smart_market.coverage")
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let path = std::env::temp_dir().join("planalign-errors-no-such-file.toml");
    let e = Registry::default().extend_file(&path).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }), "{e:?}");
    assert!(e.is_io() && !e.is_data());
}

#[test]
fn an_empty_unit_is_not_a_unit_rather_than_incommensurable() {
    for text in ["", "  ", "\u{3000}"] {
        let e = text.parse::<Unit>().unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidUnit(_)), "{e:?}");
        assert!(!e.to_string().contains("commensurable"), "{e}");
    }
}

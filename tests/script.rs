//! Documents as mirrors publish them: in traditional characters, with inline pinyin, or
//! with the marks of a failed text extraction.
//!
//! The traditional copies under tests/fixtures/traditional/ and the pinyin copy under
//! tests/fixtures/pinyin/ are written by the scripts beside them (make.py), with converters
//! independent of the crate's (OpenCC's phrase tables in Python, pypinyin).

mod common;

use std::collections::HashMap;

use common::{describe_indicator, fixture};
use planalign::registry::Registry;
use planalign::{Diagnostic, DiagnosticKind, Plan, Script, Severity, corpus, parse};

const IDS: [&str; 5] = ["zhongshan", "zhanjiang", "qingyuan", "dinghu", "dayawan"];

fn plain(id: &str) -> (Plan, Vec<Diagnostic>) {
    parse(corpus::text(id).expect("bundled plan")).into_parts()
}

fn copy(dir: &str, id: &str) -> (Plan, Vec<Diagnostic>, String) {
    let path = fixture(&format!("{dir}/{id}.txt"));
    let text = std::fs::read_to_string(&path).expect("fixture; run its make.py");
    let (plan, diags) = parse(&text).into_parts();
    (plan, diags, text)
}

/// The diagnostics as kind, severity and lines, without those of `skip`.
fn shape(diags: &[Diagnostic], skip: DiagnosticKind) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.kind != skip)
        .map(|d| format!("{:?} {:?} {:?}", d.kind, d.severity, d.lines()))
        .collect()
}

/// The crate's table (OpenCC's TSCharacters): each traditional char with its simplified
/// forms, the first the one the crate reads it as.
fn table() -> HashMap<char, Vec<char>> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/script/TSCharacters.txt"),
    )
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(k, v)| {
            Some((
                k.chars().next()?,
                v.split(' ').flat_map(str::chars).collect(),
            ))
        })
        .collect()
}

/// Whether `got`, read from a traditional copy, says what `want`, read from the simplified
/// plan, says: char for char alike, but where the copy's converter wrote a traditional char
/// that the crate's table maps by default to itself or another char, and lists `want`'s
/// char as one of its other simplified forms (家具 → 傢俱 → 家俱: 俱 is 俱 or 具 by context).
/// Returns how many chars differ so.
fn agrees(what: &str, want: &impl serde::Serialize, got: &impl serde::Serialize) -> usize {
    let table = table();
    let want: Vec<char> = serde_json::to_string(want).unwrap().chars().collect();
    let got: Vec<char> = serde_json::to_string(got).unwrap().chars().collect();
    assert_eq!(want.len(), got.len(), "{what}: lengths differ");
    let mut ambiguous = 0;
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        if w != g {
            let context: String = want[i.saturating_sub(10)..(i + 10).min(want.len())]
                .iter()
                .collect();
            let forms = table.get(g).cloned().unwrap_or_default();
            assert!(
                forms.contains(w) && forms.first() != Some(w),
                "{what}: {g} for {w} in {context}"
            );
            ambiguous += 1;
        }
    }
    ambiguous
}

fn rows(plan: &Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|i| format!("{} @{}-{}", describe_indicator(i), i.line, i.end_line))
        .collect()
}

#[test]
fn traditional_copies_read_as_the_simplified_plans() {
    let (mut total, mut ambiguous) = (0, 0);
    for id in IDS {
        let (want, want_diags) = plain(id);
        let (got, got_diags, _) = copy("traditional", id);
        ambiguous += agrees(&format!("{id} rows"), &rows(&want), &rows(&got));
        for (what, w, g) in [
            ("title", &want.title, &got.title),
            ("locality", &want.locality.name, &got.locality.name),
        ] {
            assert_eq!(g, w, "{id}: {what}");
        }
        assert_eq!(got.period, want.period, "{id}: period");
        ambiguous += agrees(&format!("{id} goals"), &want.goals, &got.goals);
        ambiguous += agrees(&format!("{id} chapters"), &want.chapters, &got.chapters);
        ambiguous += agrees(&format!("{id} targets"), &want.targets, &got.targets);
        ambiguous += agrees(&format!("{id} tables"), &want.tables, &got.tables);
        assert_eq!(got.goals.len(), want.goals.len());
        assert_eq!(got.chapters.len(), want.chapters.len());
        assert_eq!(got.targets.len(), want.targets.len());
        assert_eq!(
            shape(&got_diags, DiagnosticKind::ScriptConverted),
            shape(&want_diags, DiagnosticKind::ScriptConverted),
            "{id}: diagnostics"
        );
        total += got.indicators.len();
    }
    assert_eq!(total, 85);
    // The one-to-many chars the table cannot tell apart stay few (measured: 7).
    assert!(ambiguous < 20, "{ambiguous}");
}

#[test]
fn a_traditional_copy_says_it_was_converted_and_keeps_what_was_written() {
    for id in IDS {
        let (got, diags, text) = copy("traditional", id);
        assert_eq!(got.script, Script::Traditional, "{id}");
        let converted: Vec<_> = diags
            .iter()
            .filter(|d| d.kind == DiagnosticKind::ScriptConverted)
            .collect();
        assert_eq!(converted.len(), 1, "{id}");
        assert_eq!(converted[0].severity, Severity::Info);
        assert!(converted[0].why.contains("converted"), "{}", converted[0]);
        let solid: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let solid_name = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
        for ind in &got.indicators {
            // A name is kept as written where it differs, and the document holds it so.
            let w = solid_name(ind.name_as_written.as_deref().unwrap_or(&ind.name));
            assert!(solid.contains(&w), "{id}: {w} is not in the document");
            assert_eq!(w.chars().count(), solid_name(&ind.name).chars().count());
            assert_ne!(ind.name_as_written.as_ref(), Some(&ind.name));
        }
        // Measured: all 85 names hold a traditional char.
        assert!(
            got.indicators.iter().any(|i| i.name_as_written.is_some()),
            "{id}"
        );
        assert!(
            got.to_json()
                .unwrap()
                .contains("\"script\": \"traditional\"")
        );
    }
}

#[test]
fn traditional_names_resolve_to_the_same_keys() {
    let reg = Registry::default();
    let keys = |plan: &Plan| -> Vec<Option<String>> {
        plan.indicators
            .iter()
            .map(|i| reg.resolve_indicator(i).key().map(str::to_string))
            .collect()
    };
    for id in IDS {
        let (want, _) = plain(id);
        let (got, _, _) = copy("traditional", id);
        assert_eq!(keys(&got), keys(&want), "{id}");
    }
}

#[test]
fn simplified_plans_are_not_converted() {
    for id in IDS {
        let (plan, diags) = plain(id);
        assert_eq!(plan.script, Script::Simplified);
        assert!(plan.indicators.iter().all(|i| i.name_as_written.is_none()));
        assert!(!diags.iter().any(|d| matches!(
            d.kind,
            DiagnosticKind::ScriptConverted
                | DiagnosticKind::PinyinRemoved
                | DiagnosticKind::ExtractionFailed
        )));
        let json = plan.to_json().unwrap();
        assert!(!json.contains("\"script\"") && !json.contains("name_as_written"));
    }
}

#[test]
fn a_pinyin_annotated_copy_reads_as_the_plain_plan() {
    let (want, want_diags) = plain("qingyuan");
    let (got, got_diags, _) = copy("pinyin", "qingyuan");
    assert_eq!(rows(&got), rows(&want));
    assert_eq!(got.title, want.title);
    assert_eq!(got.goals, want.goals);
    assert_eq!(got.chapters, want.chapters);
    assert_eq!(got.targets, want.targets);
    assert_eq!(got.paragraphs, want.paragraphs);
    assert_eq!(
        shape(&got_diags, DiagnosticKind::PinyinRemoved),
        shape(&want_diags, DiagnosticKind::PinyinRemoved)
    );
    let removed: Vec<_> = got_diags
        .iter()
        .filter(|d| d.kind == DiagnosticKind::PinyinRemoved)
        .collect();
    assert!(removed.len() > 100, "{}", removed.len());
    let first = removed[0];
    let line = first.line.expect("a line");
    assert!(
        first.to_string().contains(&format!("line {line}: ")),
        "{first}"
    );
    assert!(first.why.contains("annotations removed"), "{first}");
}

#[test]
fn a_pinyin_annotated_traditional_copy_reads_as_the_traditional_one() {
    let (_, want_diags, _) = copy("traditional", "zhongshan");
    let (want, _, _) = copy("traditional", "zhongshan");
    let (got, got_diags, text) = copy("pinyin", "zhongshan-traditional");
    assert!(text.contains("(chǎng)") || text.contains("（chǎng）"));
    assert_eq!(rows(&got), rows(&want));
    assert_eq!(got.goals, want.goals);
    assert_eq!(got.chapters, want.chapters);
    assert_eq!(got.targets, want.targets);
    assert_eq!(got.script, Script::Traditional);
    let names = |p: &Plan| -> Vec<Option<String>> {
        p.indicators
            .iter()
            .map(|i| i.name_as_written.clone())
            .collect()
    };
    assert_eq!(
        names(&got),
        names(&want),
        "names as written, without their pinyin"
    );
    let kinds = |d: &[Diagnostic]| -> Vec<String> {
        shape(d, DiagnosticKind::PinyinRemoved)
            .into_iter()
            .filter(|s| !s.starts_with("ScriptConverted"))
            .collect()
    };
    assert_eq!(kinds(&got_diags), kinds(&want_diags));
}

/// A small plan whose second row is `row`.
fn with_row(row: &str) -> String {
    format!(
        "示例市市场监管现代化“十四五”规划\n主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n1\t期末市场主体总量\t万户\t42\t53\t预期性\n{row}\n"
    )
}

fn failed_lines(diags: &[Diagnostic]) -> Vec<usize> {
    diags
        .iter()
        .filter(|d| d.kind == DiagnosticKind::ExtractionFailed)
        .inspect(|d| assert_eq!(d.severity, Severity::Error))
        .filter_map(|d| d.line)
        .collect()
}

#[test]
fn failed_extraction_marks_are_errors_naming_the_line() {
    for (row, name) in [
        (
            "2\t食品(cid:3021)(cid:77)合格率\t%\t80\t90\t约束性",
            "食品(cid:3021)(cid:77)合格率",
        ),
        (
            "2\t食品\u{fffd}\u{fffd}合格率\t%\t80\t90\t约束性",
            "食品\u{fffd}\u{fffd}合格率",
        ),
        ("2\t食品抽检合格率\t%\t(cid:19)\t90\t约束性", "(cid:19)"),
        ("2\t??????\t%\t80\t90\t???", "??????"),
    ] {
        let (plan, diags) = parse(&with_row(row)).into_parts();
        assert_eq!(failed_lines(&diags), [5], "{name}");
        let failed = diags
            .iter()
            .find(|d| d.kind == DiagnosticKind::ExtractionFailed)
            .unwrap();
        assert!(
            failed.to_string().starts_with("error: line 5: "),
            "{failed}"
        );
        // The row is a diagnostic holding its cells, not an indicator.
        assert_eq!(plan.indicators.len(), 1, "{name}");
        let row_diag = diags
            .iter()
            .find(|d| d.kind == DiagnosticKind::RowNotRead)
            .unwrap_or_else(|| panic!("{name}: no row diagnostic: {diags:#?}"));
        assert_eq!(
            (row_diag.severity, row_diag.line),
            (Severity::Error, Some(5))
        );
        assert!(row_diag.why.contains(name), "{row_diag}");
    }
}

#[test]
fn question_marks_for_every_chinese_character_are_found_in_a_plan() {
    let text = corpus::text("dayawan").unwrap();
    let (plain_plan, _) = plain("dayawan");
    let row = plain_plan
        .indicators
        .iter()
        .find(|i| i.line == i.end_line)
        .expect("a row on one line");
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| match i + 1 == row.line {
            true => l
                .chars()
                .map(|c| {
                    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                        '?'
                    } else {
                        c
                    }
                })
                .collect(),
            false => l.to_string(),
        })
        .collect();
    let (plan, diags) = parse(&lines.join("\n")).into_parts();
    assert!(
        failed_lines(&diags).contains(&row.line),
        "{:?}",
        failed_lines(&diags)
    );
    assert!(plan.indicators.iter().all(|i| !i.name.contains('?')));
    assert!(plan.indicators.len() < plain_plan.indicators.len());
}

/// A line of 400 000 chars of openings that look like annotations and never close, of
/// traditional chars, and of annotations: a conversion or removal that rescanned the line
/// at each parenthesis would take hours at this size.
#[test]
fn conversion_and_pinyin_removal_are_linear() {
    let mut line = String::new();
    for _ in 0..50_000 {
        line.push_str("市(shì場（chǎng監(jiān)");
    }
    let text = format!("示例市市场监管规划\n{line}\n");
    let (plan, diags) = parse(&text).into_parts();
    assert_eq!(plan.script, Script::Traditional);
    let removed = diags
        .iter()
        .find(|d| d.kind == DiagnosticKind::PinyinRemoved)
        .expect("annotations removed");
    assert!(removed.why.starts_with("50000 "), "{}", removed.why);
}

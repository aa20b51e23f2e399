//! Indicator tables: the five published documents, the same tables in every other layout,
//! encodings, and inputs that must not break the parser.

mod common;

use common::{check_golden, describe_indicator, fixture};
use planalign::DiagnosticKind;
use planalign::corpus;
use planalign::{Accumulation, Attribute, Bound, Missing, Plan, Severity, parse, parse_bytes};

fn parsed(id: &str) -> Plan {
    let text = corpus::text(id).expect("bundled plan");
    let p = parse(text);
    assert!(!p.has_errors(), "{id}: {:#?}", p.diagnostics);
    p.value
}

fn golden_of(plan: &Plan) -> String {
    let mut out = String::new();
    for t in &plan.tables {
        out.push_str(&format!(
            "# table {:?} line {} years {:?}-{:?}\n",
            t.caption, t.line, t.baseline_year, t.target_year
        ));
        for n in &t.notes {
            out.push_str(&format!("# note line {}: {}\n", n.line, n.text));
        }
        for m in t.brackets.meanings.iter().filter(|m| m.line.is_some()) {
            out.push_str(&format!(
                "# bracket {:?} = {:?} (line {:?})\n",
                m.bracket, m.accumulation, m.line
            ));
        }
    }
    for i in &plan.indicators {
        out.push_str(&describe_indicator(i));
        out.push('\n');
    }
    out
}

#[test]
fn every_document_matches_its_golden_indicators() {
    for &id in corpus::ids() {
        check_golden(&format!("indicators/{id}.tsv"), &golden_of(&parsed(id)));
    }
}

#[test]
fn the_five_documents_have_85_rows() {
    let counts: Vec<usize> = corpus::ids()
        .iter()
        .map(|id| parsed(id).indicators.len())
        .collect();
    assert_eq!(counts, vec![21, 19, 12, 14, 19]);
    assert_eq!(counts.iter().sum::<usize>(), 85);
}

#[test]
fn rows_keep_what_the_document_says() {
    let q = parsed("qingyuan");
    let first = &q.indicators[0];
    assert_eq!(
        first.category.as_deref(),
        Some("市场主体准入"),
        "category split over three lines"
    );
    assert_eq!(first.baseline.accumulation(), Accumulation::Cumulative);
    assert_eq!(
        q.indicators[6].unit.as_ref().map(|u| u.raw()),
        Some("批次/千人"),
        "unit split over two lines"
    );
    assert_eq!(
        q.indicators[10].qualifier.as_deref(),
        Some("生产领域（地市级、县区级）")
    );
    assert_eq!(q.indicators[5].attribute, Some(Attribute::Binding));
    assert_eq!(q.tables[0].baseline_year, Some(2020));

    let z = parsed("zhongshan");
    assert_eq!(z.indicators[0].baseline.number(), Some(42.0));
    assert_eq!(
        z.indicators[1].baseline.missing(),
        Some(Missing::Placeholder)
    );
    assert_eq!(
        z.indicators[18].target.missing(),
        Some(Missing::Placeholder)
    );
    assert_eq!(z.indicators[18].target.bound(), Bound::Ge);
    assert_eq!(
        z.indicators[13].baseline.missing(),
        Some(Missing::NotApplicable)
    );
    assert_eq!(
        z.indicators[20].name,
        "自修订国际标准、国家标准、行业标准、地方标准、团体标准量"
    );
    assert!(z.indicators.iter().all(|i| i.category.is_none()));

    let d = parsed("dinghu");
    assert_eq!(d.indicators[1].unit, None, "a blank unit cell stays blank");
    assert_eq!(
        d.indicators[3].target.accumulation(),
        Accumulation::Increment
    );
    assert!(d.tables[0].brackets.is_from_document());
    assert_eq!(d.status, planalign::DocumentStatus::Issued);

    let j = parsed("zhanjiang");
    assert_eq!(j.status, planalign::DocumentStatus::DraftForComments);
    assert_eq!(
        j.indicators[2].target.missing(),
        Some(Missing::Undetermined)
    );
    assert_eq!(
        j.indicators[13].unit.as_ref().map(|u| u.multiplier()),
        Some(4)
    );

    let y = parsed("dayawan");
    assert!(matches!(
        y.indicators[17].target.kind(),
        planalign::ValueKind::Text
    ));
    assert_eq!(
        y.indicators[11].baseline.missing(),
        Some(Missing::NotApplicable)
    );
}

/// What must agree between two parses of the same table in different layouts.
fn core(plan: &Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|i| {
            let extra = i
                .qualifier
                .clone()
                .or_else(|| i.notes.first().cloned())
                .unwrap_or_default();
            format!(
                "{:?}|{:?}|{}|{}|{:?}|{}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
                i.seq,
                i.category,
                i.name,
                extra,
                i.unit.as_ref().map(|u| u.raw().to_string()),
                i.baseline.raw(),
                i.baseline.number(),
                i.baseline.accumulation(),
                i.target.raw(),
                i.target.number(),
                i.target.bound(),
                i.attribute
            )
        })
        .collect()
}

#[test]
fn every_layout_parses_to_the_same_rows() {
    let qingyuan = core(&parsed("qingyuan"));
    let dayawan = core(&parsed("dayawan"));
    let cases = [
        ("layouts/qingyuan_pipe.md.txt", &qingyuan),
        ("layouts/qingyuan_layout.txt", &qingyuan),
        ("layouts/qingyuan_rows_tab.txt", &qingyuan),
        ("layouts/qingyuan_padded.txt", &qingyuan),
        ("layouts/qingyuan_glued.txt", &qingyuan),
        ("layouts/qingyuan_crlf_bom.txt", &qingyuan),
        ("layouts/dayawan_noise.txt", &dayawan),
    ];
    for (name, expected) in cases {
        let p = planalign::parse_file(fixture(name)).expect(name);
        assert!(!p.has_errors(), "{name}: {:#?}", p.diagnostics);
        assert_eq!(&core(&p.value), expected, "{name}");
    }
}

#[test]
fn noise_around_a_table_is_skipped_and_reported() {
    let p = planalign::parse_file(fixture("layouts/dayawan_noise.txt")).expect("fixture");
    let whats: Vec<DiagnosticKind> = p.diagnostics.iter().map(|d| d.kind).collect();
    assert!(
        whats.contains(&DiagnosticKind::ContentsSkipped),
        "{whats:?}"
    );
    assert!(
        whats.contains(&DiagnosticKind::ReviewerComment),
        "{whats:?}"
    );
    assert!(
        whats.contains(&DiagnosticKind::NavigationSkipped),
        "{whats:?}"
    );
    assert!(
        p.value
            .paragraphs
            .iter()
            .all(|para| !para.text.contains("[bookmark"))
    );
    assert!(
        p.value
            .paragraphs
            .iter()
            .all(|para| !para.text.contains("您现在的位置"))
    );
}

#[test]
fn gb18030_input_is_detected() {
    let text = corpus::text("qingyuan").expect("bundled");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let p = parse_bytes(&bytes).expect("GB18030 decodes");
    assert_eq!(core(&p.value), core(&parsed("qingyuan")));
}

#[test]
fn utf16_and_binary_are_clear_errors() {
    let text = "序号\t主要指标\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let e = parse_bytes(&le).expect_err("UTF-16 LE");
    assert!(e.is_encoding());
    assert!(e.to_string().contains("UTF-16"), "{e}");
    let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert!(parse_bytes(&no_bom).is_err_and(|e| e.is_encoding()));
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(parse_bytes(&garbage).is_err_and(|e| e.is_encoding()));
}

#[test]
fn empty_and_tableless_input_give_an_empty_plan() {
    for text in ["", "\n\n", "\u{feff}", "只有一句话。"] {
        let p = parse(text);
        assert!(p.value.indicators.is_empty());
        assert!(
            p.diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::NoTable)
        );
    }
}

#[test]
fn a_five_megabyte_line_is_read() {
    let line = "市场监管".repeat(5 * 1024 * 1024 / 12);
    let p = parse(&line);
    assert_eq!(p.value.paragraphs.len(), 1);
    let brackets = "[".repeat(1_000_000);
    let p = parse(&brackets);
    assert_eq!(p.value.paragraphs.len(), 1);
}

#[test]
fn a_table_cut_off_mid_row_reports_the_incomplete_row() {
    let text = corpus::text("qingyuan").expect("bundled");
    // Cut inside row 10, after its baseline: the row has five of its eight cells.
    let cut = text.find("\t≥99").expect("row 10's target");
    let p = parse(&text[..cut]);
    assert_eq!(p.value.indicators.len(), 9);
    let errors: Vec<_> = p.diagnostics_at_least(Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].why.contains("药品抽检合格率"),
        "the incomplete row's text is kept: {errors:#?}"
    );
}

#[test]
fn a_hundred_thousand_rows_are_read() {
    let mut text = String::from(
        "示例市市场监管现代化“十四五”规划\n主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n",
    );
    for k in 1..=100_000 {
        text.push_str(&format!("{k}\t指标{k}\t%\t{k}\t≥{k}\t预期性\n"));
    }
    let p = parse(&text);
    assert_eq!(p.value.indicators.len(), 100_000);
    assert_eq!(p.value.indicators[99_999].target.number(), Some(100_000.0));
}

#[test]
fn a_header_without_rows_is_reported() {
    let p = parse("主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n\n第三章 主要任务\n");
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::HeaderWithoutRows)
    );
}

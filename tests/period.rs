//! Any five-year period: a plan's years come from what the document states (its title, its
//! text, its table's year columns, its target sentences), its outlook year only from an
//! outlook it states, and every year rule uses the plan's own period.
//!
//! The plans are synthetic, under `tests/fixtures/periods/`, or written inline.

mod common;

use planalign::{Diagnostic, DiagnosticKind, Period, Plan, Severity, corpus, parse};

fn fixture(name: &str) -> String {
    let path = common::fixture(&format!("periods/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn of(kind: DiagnosticKind, diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.kind == kind).collect()
}

/// The period diagnostics of a parse.
fn period_diags(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                DiagnosticKind::PeriodDisagrees | DiagnosticKind::PeriodAssumed
            )
        })
        .collect()
}

fn years(p: Period) -> (u16, u16, u16) {
    (p.start, p.end, p.baseline)
}

/// The fixture 十五五 plan with a paragraph put at the end of its goals, before its table.
fn fifteenth_with(paragraph: &str) -> String {
    let text = fixture("fifteenth.txt");
    let at = text.find("\n主要指标表").expect("table caption");
    format!("{}\n{paragraph}{}", &text[..at], &text[at..])
}

#[test]
fn a_fifteenth_plan_is_2026_to_2030_with_baseline_2025_and_no_outlook() {
    let (plan, diags) = parse(&fixture("fifteenth.txt")).into_parts();
    assert_eq!(years(plan.period), (2026, 2030, 2025));
    assert_eq!(plan.period, Period::FIFTEENTH);
    assert_eq!(plan.period.outlook, None);
    assert_eq!(plan.outlook, None);
    assert!(period_diags(&diags).is_empty(), "{diags:#?}");
}

#[test]
fn a_stated_outlook_gives_the_outlook_year() {
    for outlook in [
        "展望2035年，全市市场监管体系和监管能力现代化基本实现。",
        "到二〇三五年，全市市场监管体系和监管能力现代化基本实现。",
    ] {
        let plan = parse(&fifteenth_with(outlook)).value;
        assert_eq!(plan.period.outlook, Some(2035), "{outlook}");
        assert_eq!(plan.outlook.as_deref(), Some(outlook));
        assert_eq!(years(plan.period), (2026, 2030, 2025));
    }
}

#[test]
fn a_title_naming_the_long_range_goals_states_the_outlook_year() {
    let text = fixture("fifteenth.txt").replacen(
        "示例市市场监管现代化“十五五”规划",
        "示例市市场监管现代化“十五五”规划和二〇三五年远景目标纲要",
        1,
    );
    let plan = parse(&text).value;
    assert_eq!(plan.locality.name, "示例市");
    assert_eq!(plan.period, Period::FIFTEENTH.with_outlook(2035));
    // A year that is no outlook's (the target year) states none.
    let text = fixture("fifteenth.txt").replacen("规划\n", "规划和2030年目标\n", 1);
    assert_eq!(parse(&text).value.period.outlook, None);
}

#[test]
fn a_plan_without_period_words_takes_its_table_years() {
    let text = fixture("no_period_words.txt");
    let (plan, diags) = parse(&text).into_parts();
    assert!(!text.contains("五五") && !text.contains("十四五"));
    assert_eq!(plan.tables[0].target_year, Some(2030));
    assert_eq!(plan.period, Period::FIFTEENTH);
    assert!(period_diags(&diags).is_empty(), "{diags:#?}");

    let earlier = text.replace("2025年\t2030年", "2020年\t2025年");
    let (plan, diags) = parse(&earlier).into_parts();
    assert_eq!(years(plan.period), (2021, 2025, 2020));
    assert!(period_diags(&diags).is_empty(), "{diags:#?}");
}

#[test]
fn a_title_and_a_table_that_disagree_give_a_warning() {
    let (plan, diags) = parse(&fixture("fourteenth_title_later_table.txt")).into_parts();
    // The title is trusted first.
    assert_eq!(plan.period, Period::FOURTEENTH);
    let warned = of(DiagnosticKind::PeriodDisagrees, &diags);
    assert_eq!(warned.len(), 1, "{diags:#?}");
    let d = warned[0];
    assert_eq!(d.severity, Severity::Warning);
    // At the table's header, naming both sources and both lines.
    assert_eq!(d.line, Some(7));
    for part in [
        "title",
        "line 1",
        "table",
        "line 7",
        "2026–2030",
        "2021–2025",
    ] {
        assert!(d.why.contains(part), "{part:?} not in {d}");
    }
}

#[test]
fn the_text_is_trusted_before_the_table() {
    let text = fixture("no_period_words.txt").replacen(
        "制定本规划。",
        "制定本规划。规划期为2021—2025年。",
        1,
    );
    let (plan, diags) = parse(&text).into_parts();
    assert_eq!(plan.period, Period::FOURTEENTH);
    let warned = of(DiagnosticKind::PeriodDisagrees, &diags);
    assert_eq!(warned.len(), 1, "{diags:#?}");
    assert!(warned[0].why.contains("2021—2025"), "{}", warned[0]);
}

#[test]
fn years_written_out_state_the_period() {
    let no_title_period = fixture("fifteenth.txt").replacen(
        "示例市市场监管现代化“十五五”规划",
        "示例市市场监管现代化规划（2026—2030年）",
        1,
    );
    let (plan, diags) = parse(&no_title_period).into_parts();
    assert_eq!(plan.title, "示例市市场监管现代化规划");
    assert_eq!(plan.period, Period::FIFTEENTH);
    assert!(period_diags(&diags).is_empty(), "{diags:#?}");

    for written in [
        "（2026-2030年）",
        "二〇二六年至二〇三〇年",
        "2026年至2030年",
    ] {
        let text = format!("示例市市场监管规划\n{written}\n");
        let (plan, diags) = parse(&text).into_parts();
        assert_eq!(plan.period, Period::FIFTEENTH, "{written}");
        assert!(period_diags(&diags).is_empty(), "{written}: {diags:#?}");
    }
}

#[test]
fn target_sentences_state_the_period_last() {
    let text = "示例市市场监管工作方案\n到2030年，全市市场主体总量达到60万户。\n至2030年，企业达到15万户。\n";
    let (plan, diags) = parse(text).into_parts();
    assert_eq!(plan.period, Period::FIFTEENTH);
    assert!(period_diags(&diags).is_empty(), "{diags:#?}");
}

#[test]
fn nothing_stating_a_period_is_said() {
    let (plan, diags) = parse("示例市市场监管规划\n全面推行企业开办“一网通办”。\n").into_parts();
    assert_eq!(plan.period, Period::default());
    assert_eq!(plan.period.outlook, None);
    let assumed = of(DiagnosticKind::PeriodAssumed, &diags);
    assert_eq!(assumed.len(), 1, "{diags:#?}");
    assert!(assumed[0].why.contains("2021–2025"), "{}", assumed[0]);
}

fn target<'p>(plan: &'p Plan, phrase: &str) -> &'p planalign::model::ProseTarget {
    plan.targets
        .iter()
        .find(|t| t.phrase.contains(phrase))
        .unwrap_or_else(|| panic!("no target {phrase:?} in {:#?}", plan.targets))
}

#[test]
fn prose_targets_of_a_fifteenth_plan_are_for_2030() {
    let plan = parse(&fixture("fifteenth.txt")).value;
    assert!(!plan.targets.is_empty());
    assert!(
        plan.targets.iter().all(|t| t.year == Some(2030)),
        "{:#?}",
        plan.targets
    );
    // Stated with 到2030年 …
    assert_eq!(target(&plan, "市场主体总量").value.number(), Some(60.0));
    // … and without a year: the plan's end year.
    let opening = target(&plan, "企业开办时间");
    assert!(!opening.sentence.contains("2030"), "{}", opening.sentence);
    assert_eq!(opening.year, Some(2030));
    assert_eq!(target(&plan, "药品抽检合格率").year, Some(2030));
}

#[test]
fn the_fourteenth_period_is_the_look_back_of_a_fifteenth_plan() {
    let text = fixture("fifteenth.txt");
    let review = text.find("二、总体要求").expect("review ends");
    let review_lines = text[..review].lines().count();
    let plan = parse(&text).value;
    // The review chapter (“十四五”时期主要成效) states no target, nor 到2025年 in it.
    assert!(
        plan.targets.iter().all(|t| t.line > review_lines),
        "{:#?}",
        plan.targets
    );
    // The same text as a 十四五 plan: the chapter names the plan's own period, and its
    // 到2025年 sentence is a target for 2025.
    let fourteenth = text.replacen("“十五五”规划", "“十四五”规划", 1);
    let plan = parse(&fourteenth).value;
    assert_eq!(years(plan.period), (2021, 2025, 2020));
    let review_targets: Vec<_> = plan
        .targets
        .iter()
        .filter(|t| t.line <= review_lines)
        .map(|t| (t.phrase.as_str(), t.year))
        .collect();
    assert!(
        review_targets.contains(&("全市食品评价性抽检合格率", Some(2025))),
        "{review_targets:?}"
    );
}

#[test]
fn a_past_year_in_the_forward_part_states_no_target() {
    // 到2025年 in a 十五五 plan is the baseline, not a target; in a 十四五 plan it is one.
    let sentence = "到2025年，全市已建成食品快检室30个。";
    let text = fifteenth_with(sentence);
    let plan = parse(&text).value;
    assert!(
        plan.targets.iter().all(|t| !t.sentence.contains("快检室")),
        "{:#?}",
        plan.targets
    );
    let plan = parse(&text.replacen("“十五五”规划", "“十四五”规划", 1)).value;
    assert_eq!(target(&plan, "快检室").year, Some(2025));
}

#[test]
fn the_bundled_plans_keep_2021_to_2025() {
    for id in corpus::ids() {
        let text = corpus::text(id).expect("bundled plan");
        let (plan, diags) = parse(text).into_parts();
        assert_eq!(years(plan.period), (2021, 2025, 2020), "{id}");
        assert!(period_diags(&diags).is_empty(), "{id}: {diags:#?}");
        // The outlook year only where the text states the outlook.
        let states = text.contains("到2035年") || text.contains("展望2035年");
        assert_eq!(plan.period.outlook.is_some(), states, "{id}");
        assert_eq!(plan.outlook.is_some(), states, "{id}");
    }
}

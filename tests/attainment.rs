//! Attainment across periods: the bundled 清远市 十四五 plan's 2025 targets against the 2025
//! baselines of a synthetic 清远市 十五五 plan, tests/fixtures/fifteenth/qingyuan_15th.txt.
//!
//! The fixture is written for these tests: a 十五五 plan (title, 规划背景 reviewing the
//! 十四五 period, 发展目标 with a goal sentence for 2030, the indicator table as a
//! Markdown pipe table with the columns 序号/指标名称/单位/2025年基数/2030年目标/属性, a
//! bracket note, and a few task chapters). Its 2025 baselines are chosen against the 十四五
//! targets (data/plans/qingyuan.txt, table lines 94–186 and prose lines 529 and 575):
//!
//! | key | 十四五 target | 2025 baseline | outcome | why |
//! |---|---|---|---|---|
//! | market_entities.total | 〔32〕 万户 | 〔336512〕 户 | exceeded | 336 512 户 ≥ 320 000 + 5 000 (half of 1 万户): the unit conversion case, 万户 → 户 |
//! | market_entities.enterprises.per_1000_pop | 18 | 18.3 | met | a plain number is a level to reach; 0.3 < 0.5 |
//! | ip.high_value_invention_patents.per_10k_pop | 1.2 | 1.1 | missed | short |
//! | standards.international_and_national | 〔50〕 | 48 | not_comparable | accumulation: a cumulative total against a level |
//! | standards.local | 〔25〕 | 〔25〕 | met | both cumulative, equal |
//! | enforcement.random_inspection.general_items_ratio | ≥5 | 5 | met | at the floor |
//! | food.sampling.per_1000 | ≥6 | 6.2 | met | within half a unit of the floor |
//! | food.evaluative_sampling.pass_rate | ≥98 | 98.6 (市级…) | not_comparable | qualifier: 市级 against none |
//! | food.bright_kitchen.coverage | ≥90 | 95 | exceeded | beyond the floor by more than 0.5 |
//! | drugs.sampling.pass_rate | ≥99 | 98.2 | missed | short of the floor |
//! | product_quality.spot_check.coverage | ≥2 | X | not_comparable | no numeric achieved value |
//! | special_equipment.elevator_insurance.coverage | 92 | 92 | met | equal |
//! | credit.annual_report.rate | 99% (prose, line 529) | 97.5 | missed | a prose target judged |
//! | enforcement.major_decisions.legal_review_rate | 100% (prose, line 575) | 100 | met | a prose target judged |
//!
//! Two prose targets of the earlier plan (food.producers.safety_manager_assessment_rate,
//! food.nonconforming.disposal_rate) have no row in the fixture: they are unreported.
//!
//! The lower-is-better key: none of the five bundled 十四五 plans sets a target on a
//! lower-is-better key (checked by resolving every table row and prose target of each), so
//! the fixture's 企业开办时间 row (market_entities.startup.days, 0.5 个工作日) has no
//! target to meet in the bundled plan. The lower-is-better test gives the earlier plan
//! that target (≤1 个工作日, a row added to a clone of the bundled plan): 0.5 is exceeded,
//! 1 met, 1.5 missed. The key's unit is 天, which 个工作日 does not convert into; both
//! plans write 个工作日, so the values are compared in it.
//!
//! The other not_comparable reasons (no numeric target, another year, units that do not
//! convert) come from small edits of the two plans in the tests
//! that name them.

use planalign::compare::{Attainment, Comparer, Incomparable, Origin, Outcome, Unpaired};
use planalign::model::Partial;
use planalign::{ErrorKind, Indicator, Plan, Unit, Value};

const FIXTURE: &str = include_str!("fixtures/fifteenth/qingyuan_15th.txt");

fn earlier() -> Plan {
    planalign::corpus::guangdong()
        .and_then(|c| c.plan("qingyuan").cloned())
        .expect("the bundled 清远市 plan")
}

fn later() -> Plan {
    let mut plan = planalign::parse(FIXTURE).value;
    plan.id = Some("qingyuan_15th".into());
    plan
}

fn attainment(earlier: &Plan, later: &Plan) -> Attainment {
    Comparer::default()
        .attainment(earlier, later)
        .expect("a consecutive pair")
}

fn unit(s: &str) -> Unit {
    s.parse().expect("a unit")
}

fn value(s: &str) -> Value {
    s.parse().expect("a value")
}

/// The bundled plan with a lower-is-better target it does not have: 企业开办时间 ≤1
/// 个工作日 (see the comment at the top).
fn with_startup_target() -> Plan {
    let mut plan = earlier();
    let mut startup = Indicator::new("企业开办时间", 1);
    startup.unit = Some(unit("个工作日"));
    startup.target = value("≤1");
    plan.indicators.push(startup);
    plan
}

/// The later plan's row with this name.
fn row_named<'p>(plan: &'p mut Plan, name: &str) -> &'p mut Indicator {
    plan.indicators
        .iter_mut()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn the_fixture_is_a_fifteenth_plan_of_qingyuan() {
    let parsed = planalign::parse(FIXTURE);
    assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
    let plan = parsed.value;
    assert_eq!(plan.title, "清远市市场监管现代化“十五五”规划");
    assert_eq!(plan.locality.name, "清远市");
    assert_eq!(
        (plan.period.start, plan.period.end, plan.period.baseline),
        (2026, 2030, 2025)
    );
    assert_eq!(plan.indicators.len(), 15);
    assert_eq!(plan.tables[0].baseline_year, Some(2025));
    assert!(!plan.goals.is_empty() && plan.chapters.len() >= 4);
}

#[test]
fn each_designed_outcome_comes_out() {
    let a = attainment(&earlier(), &later());
    assert_eq!(a.locality, "清远市");
    assert_eq!(
        (a.earlier.as_str(), a.later.as_str()),
        ("qingyuan", "qingyuan_15th")
    );
    assert_eq!(a.year, 2025);
    use Outcome::*;
    let designed = [
        ("market_entities.total", Exceeded),
        ("market_entities.enterprises.per_1000_pop", Met),
        ("ip.high_value_invention_patents.per_10k_pop", Missed),
        ("standards.international_and_national", NotComparable),
        ("standards.local", Met),
        ("enforcement.random_inspection.general_items_ratio", Met),
        ("food.sampling.per_1000", Met),
        ("food.evaluative_sampling.pass_rate", NotComparable),
        ("food.bright_kitchen.coverage", Exceeded),
        ("drugs.sampling.pass_rate", Missed),
        ("product_quality.spot_check.coverage", NotComparable),
        ("special_equipment.elevator_insurance.coverage", Met),
        ("credit.annual_report.rate", Missed),
        ("enforcement.major_decisions.legal_review_rate", Met),
    ];
    let got: Vec<(&str, Outcome)> = a.rows.iter().map(|r| (r.key.as_str(), r.outcome)).collect();
    assert_eq!(got, designed);
    assert_eq!(
        a.unreported,
        [
            "food.producers.safety_manager_assessment_rate",
            "food.nonconforming.disposal_rate"
        ]
    );
    // Raw values as written, and the achieved value's line in the fixture.
    let kitchen = a.row("food.bright_kitchen.coverage").expect("row");
    assert_eq!(
        (kitchen.target.as_str(), kitchen.achieved.as_str()),
        ("≥90", "95")
    );
    assert_eq!(kitchen.target_evidence.origin, Origin::Table);
    assert_eq!(kitchen.target_evidence.line, 161);
    assert_eq!(
        FIXTURE
            .lines()
            .nth(kitchen.achieved_evidence.line - 1)
            .map(|l| l.contains("明厨亮灶")),
        Some(true)
    );
}

#[test]
fn a_lower_is_better_key_is_judged_the_right_way_round() {
    let earlier = with_startup_target();
    let outcome = |achieved: &str| {
        let mut later = later();
        row_named(&mut later, "企业开办时间").baseline = value(achieved);
        let a = attainment(&earlier, &later);
        a.row("market_entities.startup.days")
            .expect("both carry it")
            .clone()
    };
    let fixture = outcome("0.5");
    assert_eq!(fixture.direction, planalign::registry::Direction::Lower);
    assert_eq!(fixture.outcome, Outcome::Exceeded, "less time is better");
    // The key counts 天; both plans count working days, and are compared in them.
    assert_eq!(fixture.unit, unit("个工作日"));
    assert!(
        fixture.notes.iter().any(|n| n.contains("个工作日")),
        "{:?}",
        fixture.notes
    );
    assert_eq!(outcome("1").outcome, Outcome::Met);
    assert_eq!(outcome("0.8").outcome, Outcome::Met);
    assert_eq!(
        outcome("1.5").outcome,
        Outcome::Missed,
        "more time is short of it"
    );
}

#[test]
fn units_convert_before_judging() {
    let a = attainment(&earlier(), &later());
    let total = a.row("market_entities.total").expect("row");
    assert_eq!(total.unit, unit("户"));
    let (t, v) = (&total.target_evidence, &total.achieved_evidence);
    assert_eq!(
        (t.unit.clone(), t.factor, t.value),
        (Some(unit("万户")), Some(10_000.0), Some(320_000.0))
    );
    assert_eq!(
        (v.unit.clone(), v.factor, v.value),
        (Some(unit("户")), Some(1.0), Some(336_512.0))
    );
    // The same total written in 万户 is the same outcome; 32.3 万户 is within the
    // target's precision (half of 1 万户), 32.6 beyond it.
    for (written, outcome) in [
        ("〔33.6512〕", Outcome::Exceeded),
        ("〔32.3〕", Outcome::Met),
        ("〔31.9〕", Outcome::Missed),
    ] {
        let mut later = later();
        let row = row_named(&mut later, "期末市场主体总量");
        row.unit = Some(unit("万户"));
        row.baseline = value(written);
        let a = attainment(&earlier(), &later);
        assert_eq!(
            a.row("market_entities.total").map(|r| r.outcome),
            Some(outcome),
            "{written}"
        );
    }
    // A per-capita base converts too: 62 批次/万人 is 6.2 批次/千人.
    let mut later = later();
    let row = row_named(&mut later, "千人食品检验量");
    row.name = "每万人食品检验量".into();
    row.unit = Some(unit("批次/万人"));
    row.baseline = value("62");
    let a = attainment(&earlier(), &later);
    let sampling = a.row("food.sampling.per_1000").expect("row");
    assert_eq!(sampling.achieved_evidence.factor, Some(0.1));
    assert_eq!(sampling.outcome, Outcome::Met);
}

#[test]
fn not_comparable_rows_say_why() {
    let why = |a: &Attainment, key: &str| {
        let row = a.row(key).unwrap_or_else(|| panic!("no row {key}"));
        assert_eq!(row.outcome, Outcome::NotComparable, "{key}");
        assert!(row.reason.is_some(), "{key}");
        row.why
    };
    let a = attainment(&earlier(), &later());
    assert_eq!(
        why(&a, "standards.international_and_national"),
        Some(Incomparable::Accumulation)
    );
    assert_eq!(
        why(&a, "food.evaluative_sampling.pass_rate"),
        Some(Incomparable::Qualifier)
    );
    assert_eq!(
        why(&a, "product_quality.spot_check.coverage"),
        Some(Incomparable::NoNumericAchieved)
    );
    let evaluative = a.row("food.evaluative_sampling.pass_rate").expect("row");
    assert!(
        evaluative
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("市级"))
    );
    assert!(
        a.rows
            .iter()
            .filter(|r| r.outcome != Outcome::NotComparable)
            .all(|r| r.why.is_none() && r.reason.is_none())
    );

    // A text mandate is no numeric target.
    let mut mandate = earlier();
    mandate.indicators[9].target = value("完成省下达任务");
    let a = attainment(&mandate, &later());
    assert_eq!(
        why(&a, "drugs.sampling.pass_rate"),
        Some(Incomparable::NoNumericTarget)
    );

    // A table whose base column is 2024年 states no 2025 values.
    let mut early_base = later();
    early_base.tables[0].baseline_year = Some(2024);
    let a = attainment(&earlier(), &early_base);
    assert!(a.rows.iter().filter(|r| r.why.is_some()).count() == a.rows.len());
    assert_eq!(
        why(&a, "drugs.sampling.pass_rate"),
        Some(Incomparable::Year)
    );

    // Calendar days and working days are both durations that do not convert.
    let earlier = with_startup_target();
    let mut days = later();
    row_named(&mut days, "企业开办时间").unit = Some(unit("天"));
    let a = attainment(&earlier, &days);
    assert_eq!(
        why(&a, "market_entities.startup.days"),
        Some(Incomparable::Units)
    );
    let reason = a
        .row("market_entities.startup.days")
        .and_then(|r| r.reason.clone());
    assert!(reason.is_some_and(|r| r.contains("个工作日") && r.contains("天")));
}

#[test]
fn prose_targets_of_the_earlier_plan_are_judged() {
    let a = attainment(&earlier(), &later());
    let report = a.row("credit.annual_report.rate").expect("row");
    assert_eq!(report.outcome, Outcome::Missed);
    assert_eq!(
        (report.target.as_str(), report.achieved.as_str()),
        ("99%", "97.5")
    );
    let from = &report.target_evidence;
    assert_eq!((from.origin, from.line), (Origin::Prose, 529));
    assert!(
        from.sentence
            .as_deref()
            .is_some_and(|s| s.contains("企业年报公示率达到99%"))
    );
    assert_eq!(report.achieved_evidence.origin, Origin::Table);
    let review = a
        .row("enforcement.major_decisions.legal_review_rate")
        .expect("row");
    assert_eq!(
        (review.outcome, review.target_evidence.origin),
        (Outcome::Met, Origin::Prose)
    );
}

#[test]
fn plans_of_periods_that_do_not_follow_are_an_error() {
    let (earlier, later) = (earlier(), later());
    let comparer = Comparer::default();
    let same = comparer
        .attainment(&earlier, &earlier)
        .expect_err("2025 is not 2020");
    assert!(
        matches!(same.kind(), ErrorKind::Unpaired(Unpaired::Periods { .. })),
        "{same}"
    );
    assert!(same.to_string().contains("ends in 2025"), "{same}");
    let swapped = comparer.attainment(&later, &earlier).expect_err("swapped");
    assert!(matches!(
        swapped.kind(),
        ErrorKind::Unpaired(Unpaired::Periods { .. })
    ));
    assert!(swapped.to_string().contains("swapped"), "{swapped}");
}

#[test]
fn plans_of_two_localities_are_an_error() {
    let corpus = planalign::corpus::guangdong().expect("corpus");
    let zhongshan = corpus.plan("zhongshan").expect("plan");
    let e = Comparer::default()
        .attainment(zhongshan, &later())
        .expect_err("two localities");
    match e.kind() {
        ErrorKind::Unpaired(Unpaired::Localities { earlier, later }) => {
            assert_eq!((earlier.as_str(), later.as_str()), ("中山市", "清远市"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_plan_whose_table_is_unknown_is_an_error() {
    let mut later = later();
    let mut partial = Partial::default();
    partial.indicators_unknown = true;
    later.partial = Some(partial);
    let e = Comparer::default()
        .attainment(&earlier(), &later)
        .expect_err("unknown table");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Unpaired(Unpaired::IndicatorsUnknown { .. })
        ),
        "{e}"
    );
}

#[test]
fn attainment_round_trips_through_json_with_snake_case_outcomes() {
    let a = attainment(&earlier(), &later());
    let json = a.to_json().expect("json");
    for word in [
        "\"met\"",
        "\"exceeded\"",
        "\"missed\"",
        "\"not_comparable\"",
        "\"accumulation\"",
        "\"prose\"",
    ] {
        assert!(json.contains(word), "{word} in {json}");
    }
    let back: Attainment = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, a);
    // The format is closed: an unknown field is an error, not ignored.
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["rows"][0]["verdict"] = "met".into();
    assert!(serde_json::from_value::<Attainment>(v).is_err());
}

//! A researcher's own parent plan: the synthetic 肇庆市 plan of tests/fixtures/zhaoqing/
//! against the bundled 鼎湖区 plan, the district it governs.
//!
//! # The design of the fixture
//!
//! tests/fixtures/zhaoqing/zhaoqing.txt is 《肇庆市市场监管现代化“十四五”规划》 written for
//! these tests, in a layout no bundled plan uses: a PDF export as `pdftotext -layout`
//! prints it (hard-wrapped paragraphs, the indicator table in columns aligned with runs of
//! spaces, one row name wrapped onto a second line, page numbers and form feeds). Its names
//! are worded as a city would write them, most of them differently from 鼎湖's; the bundled
//! registry resolves each to the key below. With 鼎湖 as child and 肇庆 as parent (an
//! ancestor: stricter and looser are escalation and shortfall), key by key:
//!
//! | 肇庆 row | key | 鼎湖 target | 肇庆 target | verdict | why |
//! |---|---|---|---|---|---|
//! | 1 市场主体总量 | market_entities.total | 〔3.12〕万户 | 〔50〕万户 | incomparable | extensive: a district against its city; Δ −468 800 户 after 万户 → 户 |
//! | 2 每千人拥有市场主体数 | market_entities.per_1000_pop | 144.45户 (prose only, line 296) | 120 户 | stricter, in prose | 鼎湖 states it in a sentence, not its table |
//! | 3 每千人口企业数 | market_entities.enterprises.per_1000_pop | 〔25.64〕 | 30 户 | looser | 25.64 < 30 |
//! | 4 每万人高价值发明专利拥有量 | ip.high_value_invention_patents.per_10k_pop | 〔3〕 | 3 件 | equal | the same number |
//! | 5 知识产权质押融资金额 | ip.pledge_financing.amount | 〈5〉亿元 | 〈300000〉万元 | incomparable | extensive; Δ −2.5e9 元 after 亿元 and 万元 → 元 |
//! | 6 生产领域市级工业产品质量监督抽查覆盖率 | product_quality.spot_check.coverage | ≥1 % | ≥0.8 % | stricter | 1 > 0.8 (区级 against 市级, noted) |
//! | 7 每千人口食品抽检量 (约束性) | food.sampling.per_1000 | 6 (约束性) | ≥6 | equal | 6 against ≥6 is the same requirement |
//! | 8 餐饮服务单位“明厨亮灶”覆盖率 (约束性) | food.bright_kitchen.coverage | ≥90 % (约束性) | ≥95 % | looser | 90 < 95 |
//! | 9 药品监督抽检合格率 (约束性) | drugs.sampling.pass_rate | ≥99 % (预期性) | ≥99 % | equal, weakening | binding above, expected below |
//! | 10 每万人口执业药师人数 | drugs.licensed_pharmacists.per_10k_pop | ≥4.6 人/万人口 | ≥4.5 人 | stricter | 4.6 > 4.5; 肇庆's cell gives the numerator, its name the base |
//! | 11 特种设备万台死亡率 (约束性) | special_equipment.death_rate_per_10k_units | — | ≤0.3 人 | **binding gap** | 鼎湖 has it neither in its table nor in its prose |
//! | 12 一般事项“双随机、一公开”抽查比例 | enforcement.random_inspection.general_items_ratio | — | ≥5 % | gap | expected above, so not a binding gap |
//! | 13 重大执法决定法制审核率 (约束性) | enforcement.major_decisions.legal_review_rate | 100% (prose only, line 555) | 100 % | equal, in prose | binding above, stated below in a sentence: no gap |
//!
//! 鼎湖's own rows that 肇庆's table lacks are its extensions: standards.local,
//! standards.enterprise, certification.valid_certificates, devices.sampling.batches,
//! cosmetics.sampling.batches.

use planalign::compare::{Comparer, Comparison, Relation, Side, Status, Verdict};
use planalign::registry::Registry;
use planalign::{DiagnosticKind, Parsed, Plan, Severity, corpus};

const FIXTURE: &str = include_str!("fixtures/zhaoqing/zhaoqing.txt");
const CORPUS_TOML: &str = include_str!("fixtures/zhaoqing/corpus.toml");

/// 肇庆's rows in table order: the key each must resolve to.
const ROW_KEYS: [&str; 13] = [
    "market_entities.total",
    "market_entities.per_1000_pop",
    "market_entities.enterprises.per_1000_pop",
    "ip.high_value_invention_patents.per_10k_pop",
    "ip.pledge_financing.amount",
    "product_quality.spot_check.coverage",
    "food.sampling.per_1000",
    "food.bright_kitchen.coverage",
    "drugs.sampling.pass_rate",
    "drugs.licensed_pharmacists.per_10k_pop",
    "special_equipment.death_rate_per_10k_units",
    "enforcement.random_inspection.general_items_ratio",
    "enforcement.major_decisions.legal_review_rate",
];

/// The designed outcome of every key of the comparison: its status and verdict.
const DESIGN: [(&str, Status, Option<Verdict>); 18] = [
    (
        "market_entities.total",
        Status::Aligned,
        Some(Verdict::Incomparable),
    ),
    (
        "market_entities.per_1000_pop",
        Status::InProse,
        Some(Verdict::Stricter),
    ),
    (
        "market_entities.enterprises.per_1000_pop",
        Status::Aligned,
        Some(Verdict::Looser),
    ),
    (
        "ip.high_value_invention_patents.per_10k_pop",
        Status::Aligned,
        Some(Verdict::Equal),
    ),
    (
        "ip.pledge_financing.amount",
        Status::Aligned,
        Some(Verdict::Incomparable),
    ),
    (
        "product_quality.spot_check.coverage",
        Status::Aligned,
        Some(Verdict::Stricter),
    ),
    (
        "food.sampling.per_1000",
        Status::Aligned,
        Some(Verdict::Equal),
    ),
    (
        "food.bright_kitchen.coverage",
        Status::Aligned,
        Some(Verdict::Looser),
    ),
    (
        "drugs.sampling.pass_rate",
        Status::Aligned,
        Some(Verdict::Equal),
    ),
    (
        "drugs.licensed_pharmacists.per_10k_pop",
        Status::Aligned,
        Some(Verdict::Stricter),
    ),
    (
        "special_equipment.death_rate_per_10k_units",
        Status::Gap,
        None,
    ),
    (
        "enforcement.random_inspection.general_items_ratio",
        Status::Gap,
        None,
    ),
    (
        "enforcement.major_decisions.legal_review_rate",
        Status::InProse,
        Some(Verdict::Equal),
    ),
    ("standards.local", Status::Extension, None),
    ("standards.enterprise", Status::Extension, None),
    ("certification.valid_certificates", Status::Extension, None),
    ("devices.sampling.batches", Status::Extension, None),
    ("cosmetics.sampling.batches", Status::Extension, None),
];

fn zhaoqing() -> Parsed<Plan> {
    planalign::parse(FIXTURE)
}

/// 鼎湖 (bundled) against 肇庆 (the fixture), as a child against its parent.
fn dinghu_against_zhaoqing() -> Comparison {
    let corpus = corpus::guangdong().expect("bundled corpus");
    let registry = Registry::default();
    let comparer = Comparer::new(&registry);
    let dinghu = corpus.plan("dinghu").expect("bundled dinghu");
    comparer.compare(dinghu, &zhaoqing().value)
}

fn assert_close(actual: Option<f64>, expected: f64, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what}: no number"));
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "{what}: {actual} against {expected}"
    );
}

#[test]
fn the_fixture_parses_without_errors_every_row_an_indicator() {
    let parsed = zhaoqing();
    assert!(!parsed.has_errors(), "{:#?}", parsed.diagnostics);
    let unread: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity >= Severity::Warning
                || matches!(
                    d.kind,
                    DiagnosticKind::RowNotRead
                        | DiagnosticKind::LineNotRead
                        | DiagnosticKind::RowWarning
                )
        })
        .collect();
    assert!(unread.is_empty(), "{unread:#?}");
    let plan = &parsed.value;
    assert_eq!(plan.title, "肇庆市市场监管现代化“十四五”规划");
    assert_eq!(plan.locality.name, "肇庆市");
    assert_eq!(plan.locality.level, planalign::Level::PrefectureCity);
    assert_eq!(
        (plan.period.start, plan.period.end, plan.period.baseline),
        (2021, 2025, 2020)
    );
    assert_eq!(plan.goals.len(), 7, "{:#?}", plan.goals);
    assert_eq!(plan.tables.len(), 1);
    let table = &plan.tables[0];
    assert_eq!(table.rows, ROW_KEYS.len());
    assert_eq!(plan.indicators.len(), ROW_KEYS.len());
    assert_eq!(table.notes.len(), 2, "{:#?}", table.notes);
    let seqs: Vec<Option<u32>> = plan.indicators.iter().map(|i| i.seq).collect();
    let expected: Vec<Option<u32>> = (1..=13).map(Some).collect();
    assert_eq!(seqs, expected);
    for i in &plan.indicators {
        assert!(i.attribute.is_some(), "row {:?} has no attribute", i.seq);
        assert!(i.unit.is_some(), "row {:?} has no unit", i.seq);
        assert!(
            i.baseline.is_number() && i.target.is_number(),
            "row {:?}: {} → {}",
            i.seq,
            i.baseline.raw(),
            i.target.raw()
        );
    }
    // Row 6's name wraps onto a line of its own, as pdftotext prints a wrapped cell.
    let spot = &plan.indicators[5];
    assert_eq!(spot.name, "生产领域市级工业产品质量监督抽查覆盖率");
    assert_eq!(spot.end_line, spot.line + 1);
}

#[test]
fn the_fixture_is_in_a_layout_no_bundled_plan_uses() {
    // No tab-led cells, no tab rows: every table row stands on one line, its cells
    // separated by runs of spaces.
    assert!(!FIXTURE.contains('\t'));
    let plan = zhaoqing().value;
    let lines: Vec<&str> = FIXTURE.lines().collect();
    for i in &plan.indicators {
        let line = lines[i.line - 1];
        let mut cells = vec![i.baseline.raw(), i.target.raw()];
        // A name wrapped onto a second line (row 6) is not whole on the row's line.
        if i.end_line == i.line {
            cells.push(i.name.as_str());
        }
        for cell in cells {
            assert!(
                line.contains(cell),
                "row {:?}: {cell} not on line {}",
                i.seq,
                i.line
            );
        }
        assert!(line.contains("   "), "line {} is not aligned", i.line);
    }
}

#[test]
fn every_fixture_name_resolves_to_its_designed_key() {
    let registry = Registry::default();
    let plan = zhaoqing().value;
    for (i, key) in plan.indicators.iter().zip(ROW_KEYS) {
        let r = registry.resolve_indicator(i);
        assert_eq!(r.key(), Some(key), "{}: {r:#?}", i.name);
    }
    // Most are worded differently from 鼎湖's rows of the same key.
    let corpus = corpus::guangdong().expect("bundled corpus");
    let dinghu = corpus.plan("dinghu").expect("bundled dinghu");
    let renamed = plan
        .indicators
        .iter()
        .filter(|z| {
            let key = registry.resolve_indicator(z).key().map(str::to_string);
            dinghu.indicators.iter().any(|d| {
                registry.resolve_indicator(d).key().map(str::to_string) == key && d.name != z.name
            })
        })
        .count();
    assert!(renamed >= 7, "{renamed} renamed rows");
}

#[test]
fn dinghu_against_zhaoqing_gives_each_designed_verdict() {
    let c = dinghu_against_zhaoqing();
    assert_eq!(c.relation, Relation::Ancestor);
    assert!(c.unresolved.is_empty(), "{:#?}", c.unresolved);
    for (key, status, verdict) in DESIGN {
        let a = c
            .indicator(key)
            .unwrap_or_else(|| panic!("{key} is not in the comparison"));
        assert_eq!((a.status, a.verdict), (status, verdict), "{key}: {a:#?}");
    }
    let mut keys: Vec<&str> = c.indicators.iter().map(|i| i.key.as_str()).collect();
    let mut designed: Vec<&str> = DESIGN.iter().map(|d| d.0).collect();
    keys.sort_unstable();
    designed.sort_unstable();
    assert_eq!(keys, designed, "keys outside the design");
    // Some of 鼎湖's targets are stricter, some equal, some looser than 肇庆's.
    for v in [Verdict::Stricter, Verdict::Equal, Verdict::Looser] {
        let n = c.indicators.iter().filter(|i| i.verdict == Some(v)).count();
        assert!(n >= 2, "{n} × {v:?}");
    }
}

#[test]
fn the_numbers_behind_the_verdicts() {
    let c = dinghu_against_zhaoqing();
    let get = |key: &str| c.indicator(key).expect(key);
    // 鼎湖's six per 1000 people against 肇庆's ≥6: equal, and no weakening (both binding).
    let food = get("food.sampling.per_1000");
    assert_close(food.target_delta, 0.0, "food sampling Δ");
    assert!(!food.weakening);
    assert_close(
        get("food.bright_kitchen.coverage").target_delta,
        -5.0,
        "明厨亮灶 Δ",
    );
    assert_close(
        get("product_quality.spot_check.coverage").target_delta,
        0.2,
        "spot check Δ",
    );
    assert!(
        get("product_quality.spot_check.coverage")
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("市级") && r.contains("区级")),
        "the levels the coverage counts differ"
    );
    assert_close(
        get("drugs.licensed_pharmacists.per_10k_pop").target_delta,
        0.1,
        "pharmacists Δ",
    );
    assert_close(
        get("market_entities.enterprises.per_1000_pop").target_delta,
        25.64 - 30.0,
        "enterprises per 1000 Δ",
    );
    // Binding in 肇庆, expected in 鼎湖: equal targets, and a weakening.
    let drugs = get("drugs.sampling.pass_rate");
    assert!(drugs.weakening);
    assert!(drugs.parent.as_ref().is_some_and(|p| p.is_binding()));
    assert!(drugs.child.as_ref().is_some_and(|p| !p.is_binding()));
}

#[test]
fn units_are_converted_before_they_are_compared() {
    let c = dinghu_against_zhaoqing();
    // 万户 on both sides, stated in 户: 3.12万 − 50万.
    let total = c.indicator("market_entities.total").expect("aligned");
    assert_eq!(total.canonical_unit.as_ref().map(|u| u.raw()), Some("户"));
    assert_close(
        total.target_delta,
        31_200.0 - 500_000.0,
        "market entities Δ",
    );
    assert!(
        total
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("extensive"))
    );
    // 亿元 against 万元, both in 元: 5亿 − 30亿.
    let pledge = c.indicator("ip.pledge_financing.amount").expect("aligned");
    let raw = |i: Option<&planalign::Indicator>| {
        i.and_then(|i| i.unit.as_ref()).map(|u| u.raw().to_string())
    };
    assert_eq!(raw(pledge.child.as_ref()).as_deref(), Some("亿元"));
    assert_eq!(raw(pledge.parent.as_ref()).as_deref(), Some("万元"));
    assert_eq!(pledge.canonical_unit.as_ref().map(|u| u.raw()), Some("元"));
    assert_close(pledge.target_delta, 5e8 - 3e9, "pledge financing Δ");
    assert_close(pledge.escalation_ratio, 5e8 / 3e9, "pledge financing ratio");
}

#[test]
fn prose_targets_of_dinghu_are_linked_not_counted_as_gaps() {
    let c = dinghu_against_zhaoqing();
    for (key, number) in [
        ("market_entities.per_1000_pop", 144.45),
        ("enforcement.major_decisions.legal_review_rate", 100.0),
    ] {
        let a = c.indicator(key).expect(key);
        let prose = a.prose.as_ref().expect("prose evidence");
        assert_eq!(prose.side, Side::Child, "{key}");
        assert!(
            a.child.is_some(),
            "{key}: the prose value stands as the child's"
        );
        assert_close(
            a.child.as_ref().and_then(|i| i.target.number()),
            number,
            key,
        );
        assert!(!a.is_binding_gap(), "{key}");
    }
}

#[test]
fn the_one_binding_gap_is_special_equipment_deaths() {
    let c = dinghu_against_zhaoqing();
    let gaps: Vec<&str> = c.binding_gaps().map(|i| i.key.as_str()).collect();
    assert_eq!(gaps, ["special_equipment.death_rate_per_10k_units"]);
    let gap = c
        .indicator("special_equipment.death_rate_per_10k_units")
        .expect("gap");
    assert_eq!(
        gap.status,
        Status::Gap,
        "neither in 鼎湖's table nor its prose"
    );
    assert!(gap.child.is_none() && gap.prose.is_none());
    assert_eq!(
        gap.parent.as_ref().map(|p| p.target.raw()),
        Some("≤0.3"),
        "{gap:#?}"
    );
    // The expected indicator 鼎湖 also lacks is a gap, not a binding one.
    let random = c
        .indicator("enforcement.random_inspection.general_items_ratio")
        .expect("gap");
    assert_eq!(random.status, Status::Gap);
    assert!(!random.is_binding_gap());
    let cov = c.coverage;
    assert_eq!(
        (cov.parent_keys, cov.carried, cov.in_prose),
        (13, 9, 2),
        "{cov:?}"
    );
    assert_eq!(
        (
            cov.parent_binding,
            cov.binding_carried,
            cov.binding_in_prose
        ),
        (5, 3, 1),
        "{cov:?}"
    );
}

#[test]
fn the_fixture_corpus_declares_the_bundled_zhaoqing() {
    let user: toml::Value = toml::from_str(CORPUS_TOML).expect("fixture corpus.toml");
    let bundled: toml::Value =
        toml::from_str(include_str!("../data/corpus.toml")).expect("bundled corpus.toml");
    let plans = user["plan"].as_array().expect("plans");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["id"].as_str(), Some("zhaoqing"));
    assert_eq!(plans[0]["file"].as_str(), Some("zhaoqing.txt"));
    assert_eq!(plans[0]["locality"].as_str(), Some("肇庆市"));
    // The file it names parses to the locality it is filed under.
    assert_eq!(zhaoqing().value.locality.name, "肇庆市");
    // Each locality it declares is the bundled one: same level, same parent.
    let find = |corpus: &toml::Value, name: &str| {
        corpus["locality"]
            .as_array()
            .expect("localities")
            .iter()
            .find(|l| l["name"].as_str() == Some(name))
            .cloned()
    };
    for name in ["广东省", "肇庆市"] {
        let (u, b) = (
            find(&user, name).expect(name),
            find(&bundled, name).expect(name),
        );
        assert_eq!(u.get("level"), b.get("level"), "{name}");
        assert_eq!(u.get("parent"), b.get("parent"), "{name}");
    }
    assert!(
        find(&bundled, "肇庆市").is_some_and(|l| l.get("plan").is_none()),
        "the bundled corpus has no plan of 肇庆市"
    );
}

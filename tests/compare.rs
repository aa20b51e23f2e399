//! Cross-plan comparison: the findings on the bundled plans, and the laws of comparing.

use std::collections::BTreeMap;

use planalign::compare::{Comparer, ParentIndicators, Status, Verdict, compare};
use planalign::{Plan, corpus};
use proptest::prelude::*;

fn corpus() -> corpus::Corpus {
    corpus::guangdong().expect("corpus")
}

#[test]
fn dinghu_against_qingyuan() {
    let corpus = corpus();
    let c = compare(
        corpus.plan("dinghu").expect("plan"),
        corpus.plan("qingyuan").expect("plan"),
    );
    for key in [
        "market_entities.total",
        "market_entities.enterprises.per_1000_pop",
        "ip.high_value_invention_patents.per_10k_pop",
        "standards.local",
        "food.sampling.per_1000",
        "food.bright_kitchen.coverage",
        "product_quality.spot_check.coverage",
        "drugs.sampling.pass_rate",
    ] {
        assert_eq!(
            c.indicator(key).map(|i| i.status),
            Some(Status::Aligned),
            "{key}"
        );
    }
    let kitchen = c
        .indicator("food.bright_kitchen.coverage")
        .expect("aligned");
    assert_eq!(kitchen.verdict, Some(Verdict::Equal), "≥90 against ≥90");
    let spot = c
        .indicator("product_quality.spot_check.coverage")
        .expect("aligned");
    assert_eq!(spot.verdict, Some(Verdict::Looser), "≥1 against ≥2");
    assert_eq!(spot.target_delta, Some(-1.0));
    assert_eq!(spot.escalation_ratio, Some(0.5));
    let entities = c.indicator("market_entities.total").expect("aligned");
    assert_eq!(entities.verdict, Some(Verdict::Incomparable));
    assert!(
        entities
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("extensive"))
    );
    let (cg, pg) = (
        entities.child_growth.expect("growth"),
        entities.parent_growth.expect("growth"),
    );
    assert!((cg.ratio - 3.12 / 1.89).abs() < 1e-9);
    assert!((pg.ratio - 32.0 / 25.2).abs() < 1e-9);
}

#[test]
fn zhongshan_against_qingyuan() {
    let corpus = corpus();
    let c = compare(
        corpus.plan("zhongshan").expect("plan"),
        corpus.plan("qingyuan").expect("plan"),
    );
    let gaps: Vec<&str> = c.binding_gaps().map(|g| g.key.as_str()).collect();
    assert_eq!(
        gaps,
        vec!["enforcement.random_inspection.general_items_ratio"]
    );
    let food = c.indicator("food.sampling.per_1000").expect("aligned");
    assert_eq!(
        food.verdict,
        Some(Verdict::Looser),
        "3.5 批次/千人年 against ≥6 批次/千人"
    );
    assert_eq!(food.target_delta, Some(-2.5));
    assert_eq!(c.coverage.parent_binding, 3);
    assert_eq!(c.coverage.binding_carried, 2);
}

#[test]
fn trademarks_in_wan_jian_and_jian_compare_after_conversion() {
    let corpus = corpus();
    let c = compare(
        corpus.plan("dayawan").expect("plan"),
        corpus.plan("zhanjiang").expect("plan"),
    );
    let t = c
        .indicator("ip.trademarks.valid_registrations")
        .expect("aligned");
    assert_eq!(t.canonical_unit.as_ref().map(|u| u.raw()), Some("件"));
    assert_eq!(t.target_delta, Some(10_000.0 - 80_000.0));
    let g = t.parent_growth.expect("growth");
    assert!((g.ratio - 8.0 / 6.06).abs() < 1e-9);
}

#[test]
fn a_missing_or_partial_parent_is_said_not_invented() {
    let corpus = corpus();
    let chain = Comparer::default()
        .against_ancestors(&corpus, "dinghu")
        .expect("chain");
    assert_eq!(chain[0].locality, "肇庆市");
    assert!(chain[0].comparison.is_none());
    assert!(
        chain[0]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("not in this corpus"))
    );
    let province = chain[1].comparison.as_ref().expect("province");
    assert!(province.indicators.is_empty());
    assert_eq!(
        province.parent_indicators,
        ParentIndicators::Unknown { declared: Some(27) }
    );
    assert!(
        chain[1]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("27 indicators declared"))
    );
    assert!(
        !province.goals.links.is_empty(),
        "goals still align against the partial plan"
    );
}

/// The provincial goal each plan goal expresses (None: none does).
const GOALS: [(&str, &str, Option<&str>); 34] = [
    (
        "zhongshan",
        "宽松便捷的市场准入环境进一步优化",
        Some("市场准入更加便利"),
    ),
    (
        "zhongshan",
        "监管高效的市场安全环境进一步完善",
        Some("安全监管形势更加稳定"),
    ),
    (
        "zhongshan",
        "品质优良的市场创新环境进一步提升",
        Some("质量供给更加高效"),
    ),
    (
        "zhongshan",
        "公平有序的市场竞争环境进一步规范",
        Some("市场竞争更加公平"),
    ),
    (
        "zhongshan",
        "安全放心的市场消费环境进一步形成",
        Some("消费环境更加放心"),
    ),
    (
        "zhongshan",
        "公正统一的市场法治环境进一步健全",
        Some("市场监管法治体系更加健全"),
    ),
    ("zhanjiang", "市场准入进一步便利", Some("市场准入更加便利")),
    ("zhanjiang", "市场竞争进一步规范", Some("市场竞争更加公平")),
    ("zhanjiang", "消费环境进一步安全", Some("消费环境更加放心")),
    (
        "zhanjiang",
        "市场安全底线进一步稳固",
        Some("安全监管形势更加稳定"),
    ),
    (
        "zhanjiang",
        "市场供给质量进一步提升",
        Some("质量供给更加高效"),
    ),
    (
        "zhanjiang",
        "知识产权工作进一步加强",
        Some("创新发展动能更加强劲"),
    ),
    (
        "zhanjiang",
        "市场监管法治体系进一步健全",
        Some("市场监管法治体系更加健全"),
    ),
    ("qingyuan", "市场准入更加便利", Some("市场准入更加便利")),
    ("qingyuan", "市场竞争更加公平", Some("市场竞争更加公平")),
    ("qingyuan", "消费环境更加放心", Some("消费环境更加放心")),
    (
        "qingyuan",
        "安全监管形势更加稳定",
        Some("安全监管形势更加稳定"),
    ),
    ("qingyuan", "质量供给更加高效", Some("质量供给更加高效")),
    (
        "qingyuan",
        "创新发展动能更加强劲",
        Some("创新发展动能更加强劲"),
    ),
    (
        "qingyuan",
        "市场监管法治体系更加健全",
        Some("市场监管法治体系更加健全"),
    ),
    ("dinghu", "市场准入进一步便利", Some("市场准入更加便利")),
    ("dinghu", "市场竞争进一步规范", Some("市场竞争更加公平")),
    ("dinghu", "消费环境进一步安全", Some("消费环境更加放心")),
    (
        "dinghu",
        "市场安全底线进一步稳固",
        Some("安全监管形势更加稳定"),
    ),
    ("dinghu", "市场供给质量进一步提升", Some("质量供给更加高效")),
    (
        "dinghu",
        "知识产权工作进一步加强",
        Some("创新发展动能更加强劲"),
    ),
    (
        "dinghu",
        "市场监管法治体系进一步健全",
        Some("市场监管法治体系更加健全"),
    ),
    (
        "dayawan",
        "市场准入环境进一步优化",
        Some("市场准入更加便利"),
    ),
    (
        "dayawan",
        "市场竞争秩序进一步规范",
        Some("市场竞争更加公平"),
    ),
    (
        "dayawan",
        "市场消费环境进一步改善",
        Some("消费环境更加放心"),
    ),
    (
        "dayawan",
        "安全监管形势更加稳定",
        Some("安全监管形势更加稳定"),
    ),
    ("dayawan", "质量水平进一步提升", Some("质量供给更加高效")),
    (
        "dayawan",
        "市场监管体制机制进一步完善",
        Some("市场监管法治体系更加健全"),
    ),
    ("dayawan", "监管理念和方式更加先进", None),
];

#[test]
fn every_goal_maps_to_the_provincial_goal_it_expresses() {
    let corpus = corpus();
    let province = corpus.plan("guangdong").expect("province");
    let comparer = Comparer::default();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, goal, want) in GOALS {
        let c = comparer.compare(corpus.plan(id).expect("plan"), province);
        let got = c
            .goals
            .primary()
            .find(|g| g.child == goal)
            .map(|g| g.parent.as_str());
        assert_eq!(got, want, "{id}: {goal}");
        if want.is_none() {
            assert!(
                c.goals.unmatched.iter().any(|g| g == goal),
                "{goal} is reported as expressing no provincial goal"
            );
        }
        *seen.entry(id).or_default() += 1;
    }
    for &id in corpus::ids() {
        assert_eq!(
            seen.get(id).copied(),
            Some(corpus.plan(id).expect("plan").goals.len()),
            "{id}: every goal is in the table"
        );
    }
}

fn ids() -> impl Strategy<Value = (usize, usize)> {
    (0usize..5, 0usize..5)
}

fn plan(corpus: &corpus::Corpus, k: usize) -> Plan {
    corpus.plan(corpus::ids()[k]).expect("plan").clone()
}

#[test]
fn a_plan_against_itself_is_all_aligned_and_never_stricter_or_looser() {
    let corpus = corpus();
    for &id in corpus::ids() {
        let p = corpus.plan(id).expect("plan");
        let c = compare(p, p);
        assert!(
            c.indicators.iter().all(|i| i.status == Status::Aligned),
            "{id}"
        );
        assert_eq!(c.binding_gaps().count(), 0);
        for i in &c.indicators {
            match i.verdict {
                Some(Verdict::Equal) => assert_eq!(i.target_delta, Some(0.0), "{id} {}", i.key),
                Some(Verdict::Incomparable) => {
                    let why = i.reason.as_deref().unwrap_or("");
                    assert!(why.contains("no numeric value"), "{id} {}: {why}", i.key);
                }
                other => panic!("{id} {}: {other:?}", i.key),
            }
        }
        assert_eq!(c.coverage.share(), Some(1.0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 25, ..ProptestConfig::default() })]

    #[test]
    fn swapping_child_and_parent_swaps_gaps_and_extensions_and_negates_deltas((a, b) in ids(), keep in proptest::collection::vec(any::<bool>(), 21)) {
        let corpus = corpus();
        let mut pa = plan(&corpus, a);
        // Drop some rows so the laws are tested on plans of many shapes.
        let mut k = 0;
        pa.indicators.retain(|_| { k += 1; keep[(k - 1) % keep.len()] });
        let pb = plan(&corpus, b);
        let ab = compare(&pa, &pb);
        let ba = compare(&pb, &pa);
        for x in &ab.indicators {
            let y = ba.indicator(&x.key).expect("the same keys both ways");
            let swapped = match x.status { Status::Gap => Status::Extension, Status::Extension => Status::Gap, s => s };
            prop_assert_eq!(y.status, swapped);
            if let (Some(d1), Some(d2)) = (x.target_delta, y.target_delta) {
                prop_assert!((d1 + d2).abs() < 1e-6 * d1.abs().max(1.0), "{} {} {}", x.key, d1, d2);
            }
            prop_assert_eq!(x.target_delta.is_some(), y.target_delta.is_some());
            let flipped = match x.verdict { Some(Verdict::Stricter) => Some(Verdict::Looser), Some(Verdict::Looser) => Some(Verdict::Stricter), v => v };
            prop_assert_eq!(y.verdict, flipped, "{}", x.key);
        }
        prop_assert_eq!(ab.indicators.len(), ba.indicators.len());
    }
}

/// A word or title bigram that more than half of the parent's tasks hold (食品安全 in a plan
/// whose every chapter is about food) says nothing about which task a section addresses: it
/// links no section to every chapter, and stands in no link's evidence. The word only one
/// chapter holds still links its sections there.
#[test]
fn a_word_most_tasks_share_links_no_section_to_all_of_them() {
    let mut parent = String::from("示例省市场监管现代化“十四五”规划\n");
    for (k, topic) in [
        "婴幼儿配方",
        "校园食堂",
        "农贸市场",
        "网络餐饮",
        "冷链物流",
        "保健食品",
    ]
    .iter()
    .enumerate()
    {
        parent.push_str(&format!("第{}章 加强{topic}食品安全监管\n", k + 1));
        parent.push_str("持续提升监管能力。\n");
    }
    let parent = planalign::parse(&parent).value;
    let child = planalign::parse(
        "示例市市场监管现代化“十四五”规划\n第一章 守牢食品安全底线\n（一）规范校园食堂管理\n持续提升监管能力。\n第二章 优化营商环境\n持续提升服务水平。\n",
    )
    .value;
    assert_eq!(parent.chapters.len(), 6, "{:#?}", parent.chapters);
    assert_eq!(child.chapters.len(), 2, "{:#?}", child.chapters);
    let tasks = planalign::Comparer::default().align_tasks(&child, &parent);
    let chapter: Vec<&str> = tasks
        .links
        .iter()
        .filter(|l| !l.child.contains('/'))
        .map(|l| &*l.parent)
        .collect();
    assert_eq!(chapter, Vec::<&str>::new(), "{:#?}", tasks.links);
    let section: Vec<&str> = tasks
        .links
        .iter()
        .filter(|l| l.child.contains('/'))
        .map(|l| &*l.parent)
        .collect();
    assert_eq!(
        section,
        vec!["加强校园食堂食品安全监管"],
        "{:#?}",
        tasks.links
    );
    assert!(
        tasks
            .links
            .iter()
            .all(|l| l.evidence.iter().all(|e| !e.contains("食品安全"))),
        "{:#?}",
        tasks.links
    );
}

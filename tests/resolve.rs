//! Canonical keys: every row of the five plans, variants worded as other localities word
//! them, near misses that must not match, and the resolver's laws.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use common::{check_golden, fixture};
use planalign::registry::{How, Registry, UnitSource, normalize};
use planalign::{Unit, corpus};
use proptest::prelude::*;

/// Built once: the properties below run hundreds of cases.
static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);
static ROWS: LazyLock<Vec<(String, planalign::Indicator)>> = LazyLock::new(rows);

fn rows() -> Vec<(String, planalign::Indicator)> {
    let corpus = corpus::guangdong().expect("corpus");
    corpus::ids()
        .iter()
        .flat_map(|id| {
            corpus
                .plan(id)
                .expect("plan")
                .indicators
                .iter()
                .map(|i| (id.to_string(), i.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn key_of(reg: &Registry, i: &planalign::Indicator) -> Option<String> {
    reg.resolve_indicator(i).key().map(str::to_string)
}

#[test]
fn every_row_of_the_five_plans_gets_a_key_with_certainty() {
    let reg = Registry::default();
    let mut golden = String::new();
    let mut missing = Vec::new();
    for (id, i) in rows() {
        let r = reg.resolve_indicator(&i);
        match r.key() {
            Some(k) => golden.push_str(&format!(
                "{id}:{}\t{}\t{}\t{k}\t{}\n",
                i.seq.unwrap_or(0),
                i.name,
                i.unit.as_ref().map_or("-", |u| u.raw()),
                r.how().map_or("-".to_string(), |h| h.to_string())
            )),
            None => missing.push(format!(
                "{id}:{} {} {:?}",
                i.seq.unwrap_or(0),
                i.name,
                r.candidates.first()
            )),
        }
    }
    assert!(missing.is_empty(), "rows without a key: {missing:#?}");
    assert_eq!(golden.lines().count(), 85);
    check_golden("keys.tsv", &golden);
}

#[test]
fn rows_measuring_the_same_quantity_share_a_key() {
    let reg = Registry::default();
    let rows = rows();
    let keys_named = |pred: &dyn Fn(&str, Option<&Unit>) -> bool| -> BTreeSet<String> {
        rows.iter()
            .filter(|(_, i)| pred(&i.name, i.unit.as_ref()))
            .filter_map(|(_, i)| key_of(&reg, i))
            .collect()
    };
    let bright = keys_named(&|n, _| n.contains("明厨亮灶"));
    assert_eq!(bright.len(), 1, "{bright:?}");
    assert_eq!(
        rows.iter()
            .filter(|(_, i)| i.name.contains("明厨亮灶"))
            .count(),
        5
    );
    let entities = keys_named(&|n, _| n == "期末市场主体总量");
    assert_eq!(entities.len(), 1);
    let per_1000 =
        keys_named(&|_, u| u.is_some_and(|u| u.base() == "批次" && u.per_population() == Some(3)));
    assert_eq!(
        per_1000.len(),
        1,
        "the three per-1,000 food sampling rows: {per_1000:?}"
    );
    assert_eq!(
        rows.iter()
            .filter(|(_, i)| i
                .unit
                .as_ref()
                .is_some_and(|u| u.per_population() == Some(3) && u.base() == "批次"))
            .count(),
        3
    );
}

#[test]
fn rows_measuring_different_quantities_never_share_a_key() {
    let reg = Registry::default();
    let rows = rows();
    let key = |name: &str| -> BTreeSet<String> {
        rows.iter()
            .filter(|(_, i)| i.name == name)
            .filter_map(|(_, i)| key_of(&reg, i))
            .collect()
    };
    let distinct = |names: &[&str]| {
        let keys: Vec<BTreeSet<String>> = names.iter().map(|n| key(n)).collect();
        for (a, ka) in names.iter().zip(&keys) {
            assert_eq!(ka.len(), 1, "{a} resolves: {ka:?}");
            for (b, kb) in names.iter().zip(&keys) {
                if a != b {
                    assert!(ka.is_disjoint(kb), "{a} and {b} share {ka:?}");
                }
            }
        }
    };
    distinct(&[
        "药品不良反应报告数",
        "医疗器械不良反应报告数",
        "化妆品不良反应报告数",
    ]);
    distinct(&["药品抽检合格率", "药品抽检批次数"]);
    distinct(&["千人食品检验量", "食品安全抽样检验量"]);
    distinct(&["国家标准", "行业标准", "地方标准", "团体标准", "企业标准"]);
    distinct(&[
        "食品抽检合格率",
        "食品评价性抽检合格率",
        "网络订餐抽检合格率",
    ]);
    distinct(&["期末企业总量", "每千人拥有企业户", "期末市场主体总量"]);
}

fn tsv(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixture(name)).expect(name);
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn unit(s: &str) -> Option<Unit> {
    (!s.trim().is_empty()).then(|| s.parse().expect("unit"))
}

#[test]
fn variants_worded_as_other_localities_resolve() {
    let reg = Registry::default();
    let cases = tsv("resolve/variants.tsv");
    assert!(cases.len() >= 60, "{} variants", cases.len());
    let mut wrong = Vec::new();
    for c in &cases {
        let r = reg.resolve(&c[0], unit(&c[1]).as_ref());
        if r.key() != Some(c[2].as_str()) {
            wrong.push(format!(
                "{} [{}] → {:?} (want {}); best {:?}",
                c[0],
                c[1],
                r.key(),
                c[2],
                r.candidates.first().map(|x| (&x.key, x.score, &x.evidence))
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn near_misses_are_not_assigned_the_key_they_resemble() {
    let reg = Registry::default();
    let cases = tsv("resolve/near_misses.tsv");
    assert!(cases.len() >= 30, "{} near misses", cases.len());
    let mut wrong = Vec::new();
    for c in &cases {
        let r = reg.resolve(&c[0], unit(&c[1]).as_ref());
        if r.key() == Some(c[2].as_str()) {
            wrong.push(format!("{} [{}] → {} by {:?}", c[0], c[1], c[2], r.how()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_typo_resolves_with_evidence_and_the_unit_decides_shared_names() {
    let reg = Registry::default();
    let pct: Unit = "%".parse().expect("unit");
    let r = reg.resolve("名厨亮灶覆盖率", Some(&pct));
    assert_eq!(r.key(), Some("food.bright_kitchen.coverage"));
    // A typo the registry has never seen: found by similarity, assigned on evidence.
    let r = reg.resolve("明厨量灶覆盖率", Some(&pct));
    assert_eq!(r.key(), Some("food.bright_kitchen.coverage"));
    assert_eq!(r.how(), Some(How::FuzzyWithEvidence));
    assert!(r.candidates[0].is_match && !r.candidates[0].evidence.is_empty());
    let per: Unit = "批次/千人年".parse().expect("unit");
    let total: Unit = "万批次/年".parse().expect("unit");
    let a = reg.resolve("食品检验量", Some(&per));
    let b = reg.resolve("食品检验量", Some(&total));
    assert_eq!(a.how(), Some(How::UnitDisambiguated));
    assert_ne!(a.key(), b.key());
    assert!(b.key().is_some());
    assert_eq!(
        reg.resolve("食品检验量", None).key(),
        None,
        "without a unit the name is ambiguous"
    );
}

#[test]
fn values_are_expressed_in_the_canonical_unit() {
    let reg = Registry::default();
    let corpus = corpus::guangdong().expect("corpus");
    let zhanjiang = corpus.plan("zhanjiang").expect("plan");
    let entities = &zhanjiang.indicators[0];
    let key = key_of(&reg, entities).expect("key");
    let c = reg.canonical(entities, &key).expect("entry");
    assert_eq!(c.unit.raw(), "户");
    assert_eq!(c.target.and_then(|v| v.number()), Some(480_000.0));
    let trademarks = &zhanjiang.indicators[4];
    let c = reg
        .canonical(trademarks, &key_of(&reg, trademarks).expect("key"))
        .expect("entry");
    assert_eq!(c.target.and_then(|v| v.number()), Some(80_000.0));
    let sampling = &zhanjiang.indicators[13];
    let c = reg
        .canonical(sampling, &key_of(&reg, sampling).expect("key"))
        .expect("entry");
    assert_eq!(c.unit.raw(), "批次/年");
    assert_eq!(c.target.and_then(|v| v.number()), Some(36_700.0));
    // A blank unit cell: the registry's unit is used, and the fact recorded.
    let dinghu = corpus.plan("dinghu").expect("plan");
    let standards = &dinghu.indicators[4];
    let c = reg
        .canonical(standards, &key_of(&reg, standards).expect("key"))
        .expect("entry");
    assert_eq!(c.source, UnitSource::Registry);
    assert!(c.problem.is_none());
    // Every resolved row converts, or says why not.
    for (id, i) in rows() {
        let key = key_of(&reg, &i).expect("key");
        let c = reg.canonical(&i, &key).expect("entry");
        assert!(c.factor.is_some() || c.problem.is_some(), "{id} {}", i.name);
        assert!(c.problem.is_none(), "{id} {}: {:?}", i.name, c.problem);
    }
}

fn width_variants(s: &str) -> Vec<String> {
    let full: String = s
        .chars()
        .map(|c| match c {
            '0'..='9' | 'a'..='z' | 'A'..='Z' | '%' | '(' | ')' => {
                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
            }
            c => c,
        })
        .collect();
    let curly = format!("“{s}”");
    let straight = format!("\"{s}\"");
    let corner = format!("「{s}」");
    let spaced = format!("  {s}\u{3000}\t");
    vec![full, curly, straight, corner, spaced]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn normalization_is_idempotent(s in ".{0,40}") {
        let once = normalize(&s).text;
        prop_assert_eq!(normalize(&once).text, once.clone());
    }

    #[test]
    fn resolution_ignores_quotes_width_and_whitespace(k in 0usize..85) {
        let reg = &*REGISTRY;
        let all = &*ROWS;
        let (_, i) = &all[k % all.len()];
        let base = reg.resolve(&i.name, i.unit.as_ref());
        for v in width_variants(&i.name) {
            let r = reg.resolve(&v, i.unit.as_ref());
            prop_assert_eq!(r.key(), base.key(), "{:?}", v);
        }
    }

    #[test]
    fn a_name_never_resolves_to_two_keys(s in "[食品药化妆医疗器械抽检合格率量批次覆盖明厨亮灶标准市场主体不]{1,12}") {
        let reg = &*REGISTRY;
        let r = reg.resolve(&s, None);
        prop_assert!(r.candidates.iter().filter(|c| c.is_match).count() <= 1);
        if let Some(k) = r.key() {
            prop_assert!(r.candidates.iter().any(|c| c.is_match && c.key == k));
        }
        let again = reg.resolve(&s, None);
        prop_assert_eq!(again.key(), r.key());
    }
}

#[test]
fn the_registry_has_at_least_a_hundred_keys() {
    let reg = Registry::default();
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for e in reg.entries() {
        *per.entry(format!("{:?}", e.domain)).or_default() += 1;
    }
    assert!(reg.entries().len() >= 100, "{per:?}");
}

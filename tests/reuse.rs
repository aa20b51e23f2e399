//! Text alignment: which passages a plan shares with another, and what it changed.

use planalign::corpus::{self, Corpus};
use planalign::model::Paragraph;
use planalign::reuse::{ChangeClass, PassageKind, TextAlignment, align_text, corpus_matrix};
use planalign::{Level, Locality, Plan};
use proptest::prelude::*;

fn corpus() -> Corpus {
    match corpus::guangdong() {
        Ok(c) => c,
        Err(e) => panic!("the bundled corpus loads: {e}"),
    }
}

fn plan<'c>(corpus: &'c Corpus, id: &str) -> &'c Plan {
    match corpus.plan(id) {
        Ok(p) => p,
        Err(e) => panic!("{id}: {e}"),
    }
}

/// A plan of the given paragraphs.
fn plan_of(name: &str, paragraphs: &[String]) -> Plan {
    let mut p = Plan::new(name, Locality::new(name, Level::CountyDistrict));
    p.id = Some(name.to_string());
    p.paragraphs = paragraphs
        .iter()
        .enumerate()
        .map(|(k, t)| Paragraph {
            text: t.clone(),
            line: k + 1,
        })
        .collect();
    p
}

fn zhanjiang_dinghu(c: &Corpus) -> TextAlignment {
    align_text(plan(c, "zhanjiang"), plan(c, "dinghu"))
}

/// The rows of an alignment in a canonical order, for comparing alignments whose rows
/// are ordered differently.
fn canonical(t: &TextAlignment) -> Vec<String> {
    let mut rows: Vec<String> = t
        .passages()
        .iter()
        .map(|p| {
            let at = |s: Option<&planalign::reuse::Passage>| {
                s.map(|s| (s.location().line(), s.location().column()))
            };
            format!(
                "{:?} {:?} {:?} {} {:?}",
                p.kind(),
                at(p.a()),
                at(p.b()),
                p.similarity(),
                p.changes()
            )
        })
        .collect();
    rows.sort();
    rows
}

fn check_shares(t: &TextAlignment) {
    for s in [t.a_shares(), t.b_shares()] {
        for x in [s.identical(), s.adapted(), s.own(), s.shared()] {
            assert!((0.0..=1.0).contains(&x), "share {x} out of [0, 1]");
        }
        if s.chars() > 0 {
            let sum = s.identical() + s.adapted() + s.own();
            assert!((sum - 1.0).abs() < 1e-9, "shares sum to {sum}");
        }
    }
    for c in t.a_chapters().iter().chain(t.b_chapters()) {
        let s = c.shares();
        assert!((0.0..=1.0).contains(&s.shared()));
    }
}

#[test]
fn zhanjiang_and_dinghu_share_over_a_hundred_identical_passages() {
    let c = corpus();
    let t = zhanjiang_dinghu(&c);
    let identical = t.count(PassageKind::Identical);
    assert!(identical >= 100, "{identical} identical passages");
    // Not merely headings: most identical passages are whole sentences.
    let long = t
        .of_kind(PassageKind::Identical)
        .filter(|p| p.a().is_some_and(|a| a.normalized().chars().count() >= 15))
        .count();
    assert!(long >= 100, "{long} identical passages of 15 chars or more");
    assert!(t.count(PassageKind::Adapted) >= 50);
    assert!(t.a_share() > 0.5 && t.b_share() > 0.5);
    check_shares(&t);
}

#[test]
fn the_ambition_change_from_national_to_provincial_is_found() {
    let c = corpus();
    let t = zhanjiang_dinghu(&c);
    let row = t.of_kind(PassageKind::Adapted).find(|p| {
        p.a()
            .is_some_and(|a| a.text().contains("企业开办全流程便利度达到国内一流水平"))
    });
    let Some(row) = row else {
        panic!("the passage of 企业开办全流程便利度 is not adapted");
    };
    let b = row.b().map(|b| b.text()).unwrap_or_default();
    assert!(b.contains("企业开办全流程便利度达到省内一流水平"), "{b}");
    let classes: Vec<(&str, &str, ChangeClass)> = row
        .changes()
        .iter()
        .map(|c| (c.a(), c.b(), c.class()))
        .collect();
    assert_eq!(classes, [("国内", "省内", ChangeClass::Ambition)]);
    assert_eq!(row.a().map(|a| a.location().line()), Some(38));
    assert_eq!(row.b().map(|b| b.location().line()), Some(87));
}

#[test]
fn the_market_entity_target_is_adapted_with_its_numbers() {
    let c = corpus();
    let t = zhanjiang_dinghu(&c);
    let row = t.of_kind(PassageKind::Adapted).find(|p| {
        p.a().is_some_and(|a| a.text().contains("市场主体达48万户"))
            && p.b()
                .is_some_and(|b| b.text().contains("市场主体达3.12万户"))
    });
    let Some(row) = row else {
        panic!("the market-entity target of 湛江 is not matched to 鼎湖's as adapted");
    };
    let numbers: Vec<(&str, &str, f64, f64)> = row
        .changes()
        .iter()
        .filter(|c| c.class() == ChangeClass::Number)
        .filter_map(|c| c.quantities())
        .map(|(a, b)| (a.text(), b.text(), a.number(), b.number()))
        .collect();
    assert!(
        numbers.contains(&("48万户", "3.12万户", 48.0, 3.12)),
        "{numbers:?}"
    );
    let scope = row
        .changes()
        .iter()
        .any(|c| c.class() == ChangeClass::Scope && c.a() == "全市" && c.b() == "全区");
    assert!(scope, "{:?}", row.changes());
}

#[test]
fn zhanjiang_and_dinghu_are_each_others_nearest() {
    let c = corpus();
    let m = corpus_matrix(c.plans());
    let name = |i: Option<usize>| i.map(|i| m.labels()[i].as_str());
    let nearest = |id: &str| name(m.index_of(id).and_then(|i| m.nearest(i)).map(|(j, _)| j));
    assert_eq!(nearest("zhanjiang"), Some("dinghu"));
    assert_eq!(nearest("dinghu"), Some("zhanjiang"));
    // The partial provincial plan has no text: it shares nothing.
    assert_eq!(nearest("guangdong"), None);
    for i in 0..m.len() {
        for j in 0..m.len() {
            assert!((0.0..=1.0).contains(&m.share(i, j)));
        }
    }
    // The matrix agrees with the pairwise alignment.
    let t = zhanjiang_dinghu(&c);
    let (z, d) = (m.index_of("zhanjiang"), m.index_of("dinghu"));
    let (Some(z), Some(d)) = (z, d) else {
        panic!("labels missing");
    };
    assert_eq!(m.share(z, d), t.a_share());
    assert_eq!(m.share(d, z), t.b_share());
    assert_eq!(m.identical(z, d), t.count(PassageKind::Identical));
    assert!(planalign::report::reuse_matrix_markdown(&m).contains("| zhanjiang |"));
}

/// A deterministic shuffle (xorshift) of the chars of each paragraph.
fn shuffled(p: &Plan) -> Vec<String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    p.paragraphs
        .iter()
        .map(|para| {
            let mut cs: Vec<char> = para.text.chars().collect();
            for k in (1..cs.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                cs.swap(k, (state % (k as u64 + 1)) as usize);
            }
            cs.into_iter().collect()
        })
        .collect()
}

fn assert_nothing_matched(t: &TextAlignment) {
    let matched: Vec<String> = t
        .passages()
        .iter()
        .filter(|p| p.kind() != PassageKind::Unmatched)
        .map(|p| {
            format!(
                "{:?}: {:?} / {:?}",
                p.kind(),
                p.a().map(|a| a.text()),
                p.b().map(|b| b.text())
            )
        })
        .collect();
    assert!(matched.is_empty(), "{matched:#?}");
    let best = t
        .passages()
        .iter()
        .map(|p| p.similarity())
        .fold(0.0, f64::max);
    assert!(best < t.threshold(), "best similarity {best}");
    assert_eq!(t.a_share(), 0.0);
    assert_eq!(t.b_share(), 0.0);
}

#[test]
fn shuffled_text_matches_nothing() {
    let c = corpus();
    for id in ["zhanjiang", "dinghu"] {
        let original = plan(&c, id);
        let noise = plan_of("shuffled", &shuffled(original));
        assert_nothing_matched(&align_text(original, &noise));
        let other = if id == "zhanjiang" {
            "dinghu"
        } else {
            "zhanjiang"
        };
        assert_nothing_matched(&align_text(plan(&c, other), &noise));
    }
}

#[test]
fn foreign_text_matches_nothing() {
    let english = [
        "The committee reviewed the annual budget and approved funding for the new library.",
        "Market regulation in the city will be modernised; food safety inspections will double by 2025.",
        "Volunteers planted two thousand trees along the river during the spring festival.",
    ];
    let chinese = [
        "清晨的山谷里雾气弥漫，远处传来几声鸟鸣，村口的老槐树下坐着几位晒太阳的老人。",
        "他把刚出锅的饺子端上桌，又倒了一碗醋，窗外的雪越下越大，孩子们在院子里堆起了雪人。",
        "这部小说讲述了一位年轻画家在海边小镇度过的夏天，以及他与一位渔夫之间的友谊。",
        "球队在下半场连进两球，最终以三比一逆转取胜，看台上的球迷久久不愿离去。",
    ];
    let c = corpus();
    for text in [&english[..], &chinese[..]] {
        let paragraphs: Vec<String> = text.iter().map(|s| (*s).to_string()).collect();
        let foreign = plan_of("foreign", &paragraphs);
        for &id in corpus::ids() {
            assert_nothing_matched(&align_text(plan(&c, id), &foreign));
        }
    }
}

#[test]
fn every_plan_aligned_with_itself_is_all_identical() {
    let c = corpus();
    for p in c.plans() {
        let t = align_text(p, p);
        assert!(
            t.passages()
                .iter()
                .all(|r| r.kind() == PassageKind::Identical)
        );
        assert!(t.passages().iter().all(|r| r.similarity() == 1.0));
        if p.paragraphs.is_empty() {
            assert!(t.passages().is_empty());
            assert_eq!(t.a_shares().chars(), 0);
        } else {
            assert_eq!(t.a_shares().identical(), 1.0);
            assert_eq!(t.b_share(), 1.0);
        }
    }
}

#[test]
fn alignments_of_the_corpus_mirror_each_other() {
    let c = corpus();
    let plans = c.plans();
    for (k, a) in plans.iter().enumerate() {
        for b in &plans[k + 1..] {
            let ab = align_text(a, b);
            let ba = align_text(b, a);
            assert_eq!(
                canonical(&ab.mirrored()),
                canonical(&ba),
                "{} / {}",
                a.label(),
                b.label()
            );
            assert_eq!(ab.a_shares(), ba.b_shares());
            assert_eq!(ab.b_shares(), ba.a_shares());
            check_shares(&ab);
        }
    }
}

#[test]
fn json_has_the_documented_shape() {
    let c = corpus();
    let t = zhanjiang_dinghu(&c);
    let json = match t.to_json() {
        Ok(j) => j,
        Err(e) => panic!("{e}"),
    };
    let v: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    assert!(
        v["a_share"]
            .as_f64()
            .is_some_and(|x| (0.0..=1.0).contains(&x))
    );
    assert!(
        v["b_share"]
            .as_f64()
            .is_some_and(|x| (0.0..=1.0).contains(&x))
    );
    let Some(rows) = v["passages"].as_array() else {
        panic!("no passages array");
    };
    assert_eq!(rows.len(), t.passages().len());
    for r in rows {
        let kind = r["kind"].as_str().unwrap_or_default();
        assert!(
            ["identical", "adapted", "unmatched"].contains(&kind),
            "{kind}"
        );
        assert!(r["a_text"].is_string() || r["b_text"].is_string());
        assert!(r["similarity"].is_number());
        let Some(changes) = r["changes"].as_array() else {
            panic!("no changes array");
        };
        for ch in changes {
            assert!(ch["a"].is_string() && ch["b"].is_string());
            let class = ch["class"].as_str().unwrap_or_default();
            assert!(
                [
                    "number",
                    "numbering",
                    "date",
                    "scope",
                    "ambition",
                    "clause",
                    "other"
                ]
                .contains(&class)
            );
        }
    }
    let ambition = rows
        .iter()
        .flat_map(|r| r["changes"].as_array().into_iter().flatten())
        .any(|ch| ch["a"] == "国内" && ch["b"] == "省内" && ch["class"] == "ambition");
    assert!(ambition);
    let numbers = rows
        .iter()
        .flat_map(|r| r["changes"].as_array().into_iter().flatten())
        .any(|ch| ch["numbers"][0]["text"] == "48万户" && ch["numbers"][1]["text"] == "3.12万户");
    assert!(numbers);
}

#[test]
fn markdown_shows_adapted_passages_side_by_side() {
    let c = corpus();
    let md = planalign::report::alignment_markdown(&zhanjiang_dinghu(&c));
    assert!(md.contains("达到[-国内-]一流水平"), "a side marked");
    assert!(md.contains("达到{+省内+}一流水平"), "b side marked");
    assert!(md.contains("ambition `[-国内-]{+省内+}`"));
    assert!(md.contains("| zhanjiang | dinghu |"));
}

#[test]
fn a_partial_plan_without_text_aligns_with_nothing() {
    let c = corpus();
    let t = align_text(plan(&c, "guangdong"), plan(&c, "dinghu"));
    assert_eq!(
        t.count(PassageKind::Identical) + t.count(PassageKind::Adapted),
        0
    );
    assert_eq!(t.a_shares().chars(), 0);
    assert_eq!(t.a_share(), 0.0);
    assert_eq!(t.b_share(), 0.0);
    assert!(t.b_shares().own() > 0.99);
}

#[test]
fn adversarial_inputs_stay_bounded() {
    // A 5 MB single line without sentence ends, against itself and a plan.
    let line: String = "市场监管现代化规划质量强区"
        .chars()
        .cycle()
        .take(5_000_000 / 3)
        .collect();
    let huge = plan_of("huge", &[line]);
    let t = align_text(&huge, &huge);
    assert_eq!(t.count(PassageKind::Identical), 1);
    let c = corpus();
    let t = align_text(&huge, plan(&c, "dinghu"));
    assert_eq!(t.count(PassageKind::Adapted), 0);

    // The same sentence twenty thousand times on both sides: paired in order.
    let same = vec![
        "全面落实市场准入负面清单制度，各类市场主体均可以依法平等进入。".to_string();
        20_000
    ];
    let a = plan_of("a", &same);
    let t = align_text(&a, &plan_of("b", &same[..15_000]));
    assert_eq!(t.count(PassageKind::Identical), 15_000);
    assert_eq!(t.count(PassageKind::Unmatched), 5_000);

    // Near-duplicates: ten thousand sentences differing only in a number, each similar to
    // every other; candidates per passage are capped.
    let near: Vec<String> = (0..10_000)
        .map(|k| format!("第{k}项：全面落实市场准入负面清单制度，各类市场主体均可以依法平等进入。"))
        .collect();
    let shifted: Vec<String> = near.iter().map(|s| s.replace("全面", "严格")).collect();
    let t = align_text(&plan_of("a", &near), &plan_of("b", &shifted));
    // Whatever is matched is matched to its own counterpart.
    for row in t.of_kind(PassageKind::Adapted) {
        let (Some(a), Some(b)) = (row.a(), row.b()) else {
            panic!("an adapted row without two sides");
        };
        assert_eq!(a.text().replace("全面", "严格"), b.text());
    }
    check_shares(&t);
}

const ALPHABET: &str =
    "[市场监管质量安全食品药品企业服务创新发展全区省内国一流48.万户，、。；\n]{0,80}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_text_aligned_with_itself_is_all_identical(paras in prop::collection::vec(ALPHABET, 0..12)) {
        let p = plan_of("p", &paras);
        let t = align_text(&p, &p);
        prop_assert!(t.passages().iter().all(|r| r.kind() == PassageKind::Identical));
        prop_assert!(t.a_share() == 1.0 || t.a_shares().chars() == 0);
    }

    #[test]
    fn random_alignments_mirror_and_shares_lie_in_the_unit_interval(
        paras in prop::collection::vec(ALPHABET, 0..10),
        other in prop::collection::vec(ALPHABET, 0..6),
        every in 3usize..9,
    ) {
        // b: a's paragraphs with every n-th char replaced, then unrelated ones.
        let mut b: Vec<String> = paras
            .iter()
            .map(|s| s.chars().enumerate().map(|(k, c)| if k % every == 0 { '改' } else { c }).collect())
            .collect();
        b.extend(other);
        let (pa, pb) = (plan_of("a", &paras), plan_of("b", &b));
        let ab = align_text(&pa, &pb);
        let ba = align_text(&pb, &pa);
        prop_assert_eq!(canonical(&ab.mirrored()), canonical(&ba));
        check_shares(&ab);
        check_shares(&ba);
    }
}

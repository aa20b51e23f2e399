//! The findings audit of issue "Findings a researcher can put in a paper": one test per
//! finding that was wrong, on the smallest fixture that shows it, asserting the corrected
//! result (and, where the issue names it, the bundled corpus's case).

use planalign::compare::{Comparer, Relation, Side, Status, Verdict, compare};
use planalign::{Accumulation, corpus, parse, report};

const HEADER: &str = "序号\t指标名称\t单位\t2020年\t2025年\t属性\n";

fn plan(title: &str, rows: &str, prose: &str) -> planalign::Plan {
    parse(&format!("{title}\n主要指标表\n{HEADER}{rows}\n{prose}\n")).value
}

/// A target the child's table lacks and its prose states is `in_prose`, judged on the
/// prose value, with the sentence as evidence; it is not a binding gap.
#[test]
fn a_target_stated_in_prose_is_not_a_gap() {
    let parent = plan(
        "示例市市场监管现代化“十四五”规划",
        "1\t“明厨亮灶”覆盖率\t%\t80\t90\t约束性\n",
        "",
    );
    let child = plan(
        "示例区市场监管现代化“十四五”规划",
        "1\t期末市场主体总量\t万户\t3\t4\t预期性\n",
        "到2025年，全区“明厨亮灶”覆盖率达到95%以上。",
    );
    let c = compare(&child, &parent);
    let kitchen = c
        .indicator("food.bright_kitchen.coverage")
        .expect("the key");
    assert_eq!(kitchen.status, Status::InProse);
    assert_eq!(kitchen.verdict, Some(Verdict::Stricter));
    let evidence = kitchen.prose.as_ref().expect("evidence");
    assert_eq!(evidence.side, Side::Child);
    assert!(evidence.sentence.contains("95%"));
    assert_eq!(c.binding_gaps().count(), 0);
    assert_eq!(c.coverage.in_prose, 1);
    assert_eq!(c.coverage.binding_in_prose, 1);
}

/// The case: 鼎湖 against 中山 lists none of the three binding indicators its
/// prose states as gaps.
#[test]
fn dinghu_states_three_of_zhongshans_binding_indicators_in_prose() {
    let corpus = corpus::guangdong().expect("bundled");
    let c = compare(
        corpus.plan("dinghu").expect("dinghu"),
        corpus.plan("zhongshan").expect("zhongshan"),
    );
    for (key, verdict) in [
        (
            "cosmetics.adverse_reaction.reports_per_million",
            Verdict::Equal,
        ),
        ("food.practitioners.health_certificate_rate", Verdict::Equal),
        ("devices.adverse_event.reports_per_million", Verdict::Looser),
    ] {
        let a = c.indicator(key).expect(key);
        assert_eq!(
            (a.status, a.verdict),
            (Status::InProse, Some(verdict)),
            "{key}"
        );
        assert!(!a.is_binding_gap(), "{key}");
    }
}

/// A bracket convention that makes numbers cumulative does not make a per-capita ratio
/// cumulative: 每千人拥有企业数 〔25.64〕 is a level, and against 18 it is stricter.
#[test]
fn a_per_capita_stock_in_brackets_is_a_level() {
    let text = format!(
        "示例区市场监管现代化“十四五”规划\n主要指标表\n{HEADER}1\t每千人拥有企业数\t户\t〔16.22〕\t〔25.64〕\t预期性\n2\t期末市场主体总量\t万户\t〔1.89〕\t〔3.12〕\t预期性\n\n备注:1.〔〕内为累计数。\n"
    );
    let p = parse(&text);
    let rows = &p.value.indicators;
    assert_eq!(rows[0].target.accumulation(), Accumulation::Level);
    assert_eq!(rows[1].target.accumulation(), Accumulation::Cumulative);
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.line == Some(rows[0].line) && d.what.contains("note on line")),
        "{:#?}",
        p.diagnostics
    );
    let corpus = corpus::guangdong().expect("bundled");
    let c = compare(
        corpus.plan("dinghu").expect("dinghu"),
        corpus.plan("qingyuan").expect("qingyuan"),
    );
    let a = c
        .indicator("market_entities.enterprises.per_1000_pop")
        .expect("both carry it");
    assert_eq!(a.verdict, Some(Verdict::Stricter), "{:?}", a.reason);
}

/// A name that says its numbers are the increment over the period makes them one.
#[test]
fn an_increment_the_name_states_is_an_increment() {
    let p = plan(
        "示例市市场监管现代化“十四五”规划",
        "1\t知识产权质押融资金额（规划期间新增数）\t亿元\t0.73\t5\t预期性\n",
        "",
    );
    assert_eq!(
        p.indicators[0].target.accumulation(),
        Accumulation::Increment
    );
    let corpus = corpus::guangdong().expect("bundled");
    let zhanjiang = corpus.plan("zhanjiang").expect("zhanjiang");
    let pledge = zhanjiang
        .indicators
        .iter()
        .find(|i| i.name.contains("质押融资"))
        .expect("the pledge-financing row");
    assert_eq!(pledge.target.accumulation(), Accumulation::Increment);
}

/// Escalation is a relation between a plan and its ancestors: peers are above or below,
/// and the report's escalation table holds ancestor pairs only.
#[test]
fn escalations_are_between_a_plan_and_its_ancestors_only() {
    let corpus = corpus::guangdong().expect("bundled");
    let comparer = Comparer::default();
    let r = report::corpus_report(&comparer, &corpus).expect("report");
    for c in &r.peers {
        assert_ne!(c.relation, Relation::Ancestor, "{} {}", c.child, c.parent);
    }
    let dayawan_qingyuan = r
        .peers
        .iter()
        .find(|c| c.child == "dayawan" && c.parent == "qingyuan")
        .expect("a reference pair");
    assert_eq!(dayawan_qingyuan.relation, Relation::Reference);
    let md = r.to_markdown();
    let section = md
        .split("## Largest escalations")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the section");
    assert!(!section.contains("| dayawan | qingyuan |"), "{section}");
    assert_eq!(Relation::Peer.verdict_words(Verdict::Stricter), "above");
    assert_eq!(
        Relation::Ancestor.verdict_words(Verdict::Stricter),
        "stricter"
    );
}

/// A prose target keeps the scope word a reader needs and loses the verbs before it.
#[test]
fn prose_names_keep_their_scope_and_lose_their_verbs() {
    let p =
        parse("示例县市场监管现代化“十四五”规划\n到2025年，全县稳步实现食品检验量达到4万批次。\n")
            .value;
    let phrases: Vec<&str> = p.targets.iter().map(|t| t.phrase.as_str()).collect();
    assert_eq!(phrases, ["全县食品检验量"]);
}

/// Two rows of one key counted under different qualifiers (区级 against 市级 spot checks)
/// are compared with a note saying so.
#[test]
fn a_comparison_across_qualifiers_says_so() {
    let corpus = corpus::guangdong().expect("bundled");
    let c = compare(
        corpus.plan("dinghu").expect("dinghu"),
        corpus.plan("zhanjiang").expect("zhanjiang"),
    );
    let a = c
        .indicator("product_quality.spot_check.coverage")
        .expect("both carry it");
    let reason = a.reason.as_deref().unwrap_or("");
    assert!(reason.contains("qualified differently"), "{reason}");
    assert!(
        reason.contains("区级") && reason.contains("市级"),
        "{reason}"
    );
}

/// An increment over the period has no growth from its baseline, in a comparison or in
/// the consensus.
#[test]
fn an_increment_has_no_growth() {
    let corpus = corpus::guangdong().expect("bundled");
    let comparer = Comparer::default();
    let zhanjiang = corpus.plan("zhanjiang").expect("zhanjiang");
    let consensus = comparer.consensus(&[zhanjiang]);
    let pledge = consensus
        .iter()
        .find(|k| k.key == "ip.pledge_financing.amount")
        .expect("the key");
    assert_eq!(pledge.median_growth, None);
}

/// Labels: an intensive key without a numeric target is not called extensive; a percent
/// is not followed by its unit again; Δ names its unit.
#[test]
fn labels_say_what_they_mean() {
    let corpus = corpus::guangdong().expect("bundled");
    let r = report::corpus_report(&Comparer::default(), &corpus).expect("report");
    let md = r.to_markdown();
    assert!(!md.contains("% %)"), "a percent followed by its unit");
    let line = md
        .lines()
        .find(|l| l.starts_with("| market_entities.total |") && l.contains("-288800"))
        .expect("dinghu's market entities against qingyuan");
    assert!(line.contains("-288800 户"), "{line}");
    let p = parse(
        "示例市市场监管现代化“十四五”规划\n到2025年，全市食品抽检合格率达到98%以上。\n主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t食品抽检合格率\t%\t97\t≥90\t约束性\n",
    );
    for d in &p.diagnostics {
        assert!(!d.why.contains("% %"), "{d}");
    }
}

/// Reuse changes without noise: a numeral written two ways is no change, an outline
/// renumbering is `numbering`, and every `number` change has a quantity on both sides
/// with different values.
#[test]
fn reuse_number_changes_are_changes_of_quantity() {
    use planalign::reuse::{ChangeClass, align_text};
    let corpus = corpus::guangdong().expect("bundled");
    let alignment = align_text(
        corpus.plan("dinghu").expect("dinghu"),
        corpus.plan("zhanjiang").expect("zhanjiang"),
    );
    let changes: Vec<_> = alignment
        .passages()
        .iter()
        .flat_map(|p| p.changes())
        .collect();
    let numbers: Vec<_> = changes
        .iter()
        .filter(|c| c.class() == ChangeClass::Number)
        .collect();
    assert!(!numbers.is_empty());
    for c in &numbers {
        let (a, b) = c.quantities().expect("a quantity on both sides");
        assert!(
            a.number() != b.number() || a.unit() != b.unit(),
            "{} → {}",
            c.a(),
            c.b()
        );
    }
    assert!(
        changes
            .iter()
            .all(|c| !(c.a() == "二〇三五" && c.b() == "2035")),
        "二〇三五 → 2035 is no change"
    );
    assert!(
        changes
            .iter()
            .filter(|c| c.a().starts_with('第') || c.b().starts_with('第'))
            .all(|c| c.class() != ChangeClass::Number),
        "chapter numbers are numbering"
    );
    assert!(changes.iter().any(|c| c.class() == ChangeClass::Numbering));
}

/// An approximate or striven-for target is a number, and its comparison says what kind.
#[test]
fn an_approximate_target_is_judged_and_said_to_be_approximate() {
    let parent = plan(
        "示例市市场监管现代化“十四五”规划",
        "1\t“明厨亮灶”覆盖率\t%\t80\t90\t约束性\n",
        "",
    );
    let child = plan(
        "示例区市场监管现代化“十四五”规划",
        "1\t“明厨亮灶”覆盖率\t%\t80\t力争95\t约束性\n",
        "",
    );
    let a = compare(&child, &parent)
        .indicator("food.bright_kitchen.coverage")
        .cloned()
        .expect("the key");
    assert_eq!(a.verdict, Some(Verdict::Stricter));
    assert!(
        a.reason.as_deref().unwrap_or("").contains("striven for"),
        "{:?}",
        a.reason
    );
}

/// Linking is never skipped: a document of 16 copies links every target one copy links
/// (tests/linking.rs holds the 64-copy case).
#[test]
fn linking_has_no_ceiling() {
    let text = corpus::text("dinghu").expect("bundled");
    let one = parse(text).value;
    let many = parse(&vec![text; 16].join("\n")).value;
    let linked = |p: &planalign::Plan| p.targets.iter().filter(|t| t.indicator.is_some()).count();
    assert_eq!(linked(&many), 16 * linked(&one));
}

/// A line that stops short of the wrap (a headline) is not joined to the next (an image
/// caption), so a target is not named after the headline; hard-wrapped lines still join.
#[test]
fn a_headline_does_not_run_into_its_caption() {
    let wrapped = "到2025年，全市市场监管现代化水平明显提升，市场主体活力进一步激发，全市市场\n主体总量达到53万户，食品抽检合格率稳定在98%以上，营商环境持续优化，市场\n";
    let mut text = String::from("示例市市场监管现代化“十四五”规划\n");
    for _ in 0..6 {
        text.push_str(wrapped);
    }
    text.push_str("质量安全底线进一步筑牢，人民群众满意度不断提升。\n");
    text.push_str("《长三角区域市场监管一体化发展规划》\n");
    text.push_str("覆盖城市达到18个\n");
    let p = parse(&text).value;
    let phrases: Vec<&str> = p.targets.iter().map(|t| t.phrase.as_str()).collect();
    assert!(
        phrases.iter().any(|p| p.contains("市场主体总量")),
        "{phrases:?}"
    );
    assert!(!phrases.iter().any(|p| p.contains("规划》")), "{phrases:?}");
}

/// A level-qualified name resolves to the shared key with its qualifier in the evidence.
#[test]
fn a_qualified_name_keeps_its_qualifier_in_the_evidence() {
    let reg = planalign::registry::Registry::default();
    let r = reg.resolve("生产领域区级工业产品质量监督抽查覆盖率", None);
    assert_eq!(r.key(), Some("product_quality.spot_check.coverage"));
    let evidence: Vec<&str> = r
        .candidates
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.what.as_str()))
        .collect();
    assert!(evidence.iter().any(|e| e.contains("区级")), "{evidence:?}");
}

/// A changed date is a date change, not a number `1 → 3`.
#[test]
fn a_changed_date_is_a_date() {
    use planalign::reuse::{ChangeClass, align_text};
    let body = |date: &str| {
        format!(
            "示例市市场监管现代化“十四五”规划\n第一章 发展基础\n全面推进市场主体登记确认制改革，于2023年{date}前实现企业开办全程网上办理，持续压缩企业开办时间。\n"
        )
    };
    let a = parse(&body("1月2日")).value;
    let b = parse(&body("3月9日")).value;
    let alignment = align_text(&a, &b);
    let changes: Vec<_> = alignment
        .passages()
        .iter()
        .flat_map(|p| p.changes())
        .collect();
    assert!(
        changes.iter().any(|c| c.class() == ChangeClass::Date),
        "{:?}",
        changes
            .iter()
            .map(|c| (c.a(), c.b(), c.class()))
            .collect::<Vec<_>>()
    );
    assert!(changes.iter().all(|c| c.class() != ChangeClass::Number));
}

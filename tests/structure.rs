//! The rest of a plan: goals, outline, key-project boxes and targets stated in prose, in
//! the five published documents, in a county scheme with targets only in prose, and on
//! inputs that must not break the parser.
//!
//! The golden files `tests/golden/structure/<id>.txt` list each document's goals, outline,
//! boxes, prose targets with their links, and the diagnostics about them. Regenerate them
//! with `UPDATE_GOLDEN=1 cargo test --test structure` and review the diff by eye.

mod common;

use common::check_golden;
use planalign::DiagnosticKind;
use planalign::model::ProseTarget;
use planalign::{Diagnostic, Plan, Severity, corpus, parse};
use proptest::prelude::*;

/// The diagnostics this part of the parser emits.
const OURS: [DiagnosticKind; 5] = [
    DiagnosticKind::OutlineNumbering,
    DiagnosticKind::ChaptersMissing,
    DiagnosticKind::ProseDisagrees,
    DiagnosticKind::TooManyTargets,
    DiagnosticKind::LongSentences,
];

fn parsed(id: &str) -> (Plan, Vec<Diagnostic>) {
    let text = corpus::text(id).expect("bundled plan");
    parse(text).into_parts()
}

fn head(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

fn describe_target(plan: &Plan, t: &ProseTarget) -> String {
    let link = t
        .indicator
        .and_then(|k| plan.indicators.get(k))
        .map_or("-".to_string(), |i| {
            format!(
                "#{} {} ({})",
                i.seq.map_or("?".to_string(), |s| s.to_string()),
                i.name,
                i.target
            )
        });
    format!(
        "line {} | {} | {} | {:?} | {} | {} | -> {}\n    {}\n",
        t.line,
        t.phrase,
        t.value,
        t.value.raw(),
        t.unit.as_ref().map_or("-", |u| u.raw()),
        t.year.map_or("-".to_string(), |y| y.to_string()),
        link,
        t.sentence
    )
}

fn golden_of(plan: &Plan, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    out.push_str("# overall goal\n");
    out.push_str(&format!(
        "{}\n",
        plan.overall_goal
            .as_deref()
            .map_or("-".to_string(), |s| head(s, 60))
    ));
    out.push_str(&format!("# goals ({})\n", plan.goals.len()));
    for g in &plan.goals {
        out.push_str(&format!(
            "line {} | {} | {}\n",
            g.line,
            g.title,
            head(&g.text, 30)
        ));
    }
    out.push_str("# outlook\n");
    out.push_str(&format!(
        "{}\n",
        plan.outlook
            .as_deref()
            .map_or("-".to_string(), |s| head(s, 60))
    ));
    let sections: usize = plan.chapters.iter().map(|c| c.sections.len()).sum();
    out.push_str(&format!(
        "# outline ({} chapters, {sections} sections)\n",
        plan.chapters.len()
    ));
    for c in &plan.chapters {
        out.push_str(&format!("{} {} (line {})\n", c.number, c.title, c.line));
        for s in &c.sections {
            out.push_str(&format!("  {} {} (line {})\n", s.number, s.title, s.line));
            for i in &s.items {
                out.push_str(&format!("    {} {} (line {})\n", i.number, i.title, i.line));
            }
        }
    }
    out.push_str(&format!("# projects ({})\n", plan.projects.len()));
    for p in &plan.projects {
        out.push_str(&format!(
            "专栏{} {} (line {}, in {}, {} items)\n",
            p.number,
            p.title,
            p.line,
            p.chapter.as_deref().unwrap_or("-"),
            p.items.len()
        ));
    }
    let linked = plan
        .targets
        .iter()
        .filter(|t| t.indicator.is_some())
        .count();
    out.push_str(&format!(
        "# targets ({}, {linked} linked)\n",
        plan.targets.len()
    ));
    for t in &plan.targets {
        out.push_str(&describe_target(plan, t));
    }
    out.push_str("# diagnostics\n");
    for d in diags.iter().filter(|d| OURS.contains(&d.kind)) {
        out.push_str(&format!("{d}\n"));
    }
    out
}

#[test]
fn every_document_matches_its_golden_structure() {
    for &id in corpus::ids() {
        let (plan, diags) = parsed(id);
        check_golden(&format!("structure/{id}.txt"), &golden_of(&plan, &diags));
    }
}

fn titles(plan: &Plan) -> Vec<&str> {
    plan.goals.iter().map(|g| g.title.as_str()).collect()
}

#[test]
fn goals_have_the_documents_own_titles() {
    let expected: [(&str, &[&str]); 5] = [
        (
            "qingyuan",
            &[
                "市场准入更加便利",
                "市场竞争更加公平",
                "消费环境更加放心",
                "安全监管形势更加稳定",
                "质量供给更加高效",
                "创新发展动能更加强劲",
                "市场监管法治体系更加健全",
            ],
        ),
        (
            "zhanjiang",
            &[
                "市场准入进一步便利",
                "市场竞争进一步规范",
                "消费环境进一步安全",
                "市场安全底线进一步稳固",
                "市场供给质量进一步提升",
                "知识产权工作进一步加强",
                "市场监管法治体系进一步健全",
            ],
        ),
        (
            "dinghu",
            &[
                "市场准入进一步便利",
                "市场竞争进一步规范",
                "消费环境进一步安全",
                "市场安全底线进一步稳固",
                "市场供给质量进一步提升",
                "知识产权工作进一步加强",
                "市场监管法治体系进一步健全",
            ],
        ),
        (
            "zhongshan",
            &[
                "宽松便捷的市场准入环境进一步优化",
                "监管高效的市场安全环境进一步完善",
                "品质优良的市场创新环境进一步提升",
                "公平有序的市场竞争环境进一步规范",
                "安全放心的市场消费环境进一步形成",
                "公正统一的市场法治环境进一步健全",
            ],
        ),
        (
            "dayawan",
            &[
                "市场准入环境进一步优化",
                "市场竞争秩序进一步规范",
                "市场消费环境进一步改善",
                "安全监管形势更加稳定",
                "质量水平进一步提升",
                "市场监管体制机制进一步完善",
                "监管理念和方式更加先进",
            ],
        ),
    ];
    for (id, want) in expected {
        let (plan, _) = parsed(id);
        assert_eq!(titles(&plan), want, "{id}");
        assert!(
            plan.goals.iter().all(|g| !g.text.is_empty()),
            "{id}: every goal has its text"
        );
    }
}

#[test]
fn the_overall_goal_and_the_outlook_are_kept_apart() {
    for &id in corpus::ids() {
        let (plan, _) = parsed(id);
        let overall = plan.overall_goal.as_deref().unwrap_or_default();
        assert!(overall.contains("2025"), "{id}: {overall}");
        assert!(plan.goals.iter().all(|g| !g.text.contains("2035")), "{id}");
        match plan.outlook.as_deref() {
            Some(o) => assert!(o.contains("2035年") && id != "zhongshan", "{id}: {o}"),
            None => assert_eq!(id, "zhongshan", "only 中山 has no 2035 outlook"),
        }
    }
    // 湛江 and 鼎湖 run their goals together in one paragraph: one line, seven goals.
    let (zhanjiang, _) = parsed("zhanjiang");
    assert!(zhanjiang.goals.iter().all(|g| g.line == 38));
    assert_eq!(zhanjiang.goals[0].text.chars().next(), Some('商'));
}

#[test]
fn chapters_and_sections_match_each_outline() {
    // (id, chapters, sections, first chapter number, last chapter title)
    let expected = [
        ("zhongshan", 5, 21, "一", "保障措施"),
        ("qingyuan", 14, 51, "第一章", "保障措施"),
        ("dinghu", 12, 32, "第一章", "保障机制"),
        ("dayawan", 11, 36, "第一章", "保障措施"),
        ("zhanjiang", 8, 24, "第一章", "保障措施"),
    ];
    for (id, chapters, sections, first, last) in expected {
        let (plan, _) = parsed(id);
        let n: usize = plan.chapters.iter().map(|c| c.sections.len()).sum();
        assert_eq!((plan.chapters.len(), n), (chapters, sections), "{id}");
        assert_eq!(
            plan.chapters.first().map(|c| c.number.as_str()),
            Some(first),
            "{id}"
        );
        assert_eq!(
            plan.chapters.last().map(|c| c.title.as_str()),
            Some(last),
            "{id}"
        );
    }
    // 中山: 一、 to 五、 with （一） sections.
    let (zhongshan, _) = parsed("zhongshan");
    let numbers: Vec<&str> = zhongshan
        .chapters
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    assert_eq!(numbers, ["一", "二", "三", "四", "五"]);
    assert_eq!(zhongshan.chapters[2].sections[0].number, "（一）");
    // 清远: a chapter title broken over two lines is joined.
    let (qingyuan, _) = parsed("qingyuan");
    assert_eq!(
        qingyuan.chapters[2].title,
        "深入推进商事制度改革 营造高效便捷的市场准入环境"
    );
    // 大亚湾: the table of contents is not the outline.
    let (dayawan, _) = parsed("dayawan");
    assert_eq!(dayawan.chapters[0].line, 66);
}

#[test]
fn numbering_errors_are_tolerated_and_reported() {
    let (zhanjiang, diags) = parsed("zhanjiang");
    let numbers: Vec<&str> = zhanjiang
        .chapters
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    assert_eq!(
        numbers,
        [
            "第一章",
            "第二章",
            "第三章",
            "第四章",
            "第八章",
            "第九章",
            "第十章",
            "第十一章"
        ]
    );
    let gap = diags
        .iter()
        .find(|d| d.kind == DiagnosticKind::ChaptersMissing)
        .expect("the gap is reported");
    assert_eq!(gap.severity, Severity::Warning);
    assert!(gap.why.contains("第五章 to 第七章"), "{}", gap.why);
    assert!(
        gap.why.contains("强化特种设备安全监管 (line 258)"),
        "{}",
        gap.why
    );
    // The orphaned sections stay with the chapter before the gap.
    assert_eq!(zhanjiang.chapters[3].sections.len(), 4);

    let (dinghu, diags) = parsed("dinghu");
    assert_eq!(dinghu.chapters[1].sections[0].title, "指导思想");
    assert!(
        diags
            .iter()
            .any(|d| d.kind == DiagnosticKind::OutlineNumbering
                && d.severity == Severity::Warning
                && d.line == Some(61))
    );
}

#[test]
fn key_project_boxes_are_found_in_their_chapters() {
    let (qingyuan, _) = parsed("qingyuan");
    let boxes: Vec<(&str, Option<&str>)> = qingyuan
        .projects
        .iter()
        .map(|p| (p.number.as_str(), p.chapter.as_deref()))
        .collect();
    assert_eq!(
        boxes,
        [
            ("1", Some("第三章")),
            ("2", Some("第六章")),
            ("3", Some("第六章")),
            ("4", Some("第七章")),
            ("5", Some("第十章")),
            ("6", Some("第十章")),
            ("7", Some("第十二章")),
        ]
    );
    assert_eq!(qingyuan.projects[0].items.len(), 4);
    let (dinghu, _) = parsed("dinghu");
    assert_eq!(dinghu.projects.len(), 5);
    assert_eq!(dinghu.projects[1].title, "实施食品安全监管重点工程");
    assert_eq!(dinghu.projects[1].items.len(), 3);
    // A box's numbered items are not the outline's.
    let section = &dinghu.chapters[5].sections[0];
    assert!(section.items.is_empty(), "{:?}", section.items);
    for id in ["zhongshan", "zhanjiang", "dayawan"] {
        assert!(parsed(id).0.projects.is_empty(), "{id}");
    }
}

fn target<'a>(plan: &'a Plan, phrase: &str) -> &'a ProseTarget {
    plan.targets
        .iter()
        .find(|t| t.phrase == phrase)
        .unwrap_or_else(|| panic!("no target {phrase}: {:#?}", plan.targets))
}

fn linked_name<'a>(plan: &'a Plan, t: &ProseTarget) -> Option<&'a str> {
    t.indicator
        .and_then(|k| plan.indicators.get(k))
        .map(|i| i.name.as_str())
}

#[test]
fn prose_targets_are_found_and_linked() {
    // 中山's 名厨亮灶 sentence (sic), linked to the table's 明厨亮灶 row.
    let (zhongshan, _) = parsed("zhongshan");
    let t = target(&zhongshan, "我市“名厨亮灶”覆盖");
    assert!(
        t.sentence
            .contains("到2025年基本实现我市“名厨亮灶”覆盖达90%")
    );
    assert_eq!(
        (t.value.number(), t.value.is_percent(), t.year),
        (Some(90.0), true, Some(2025))
    );
    assert_eq!(linked_name(&zhongshan, t), Some("“明厨亮灶”覆盖率"));
    // 抽检合格率96% restates 网络订餐抽检合格率 (96), not 食品抽检合格率 (98).
    assert_eq!(
        linked_name(&zhongshan, target(&zhongshan, "抽检合格率")),
        Some("网络订餐抽检合格率")
    );

    // Several targets in one sentence.
    let (dinghu, _) = parsed("dinghu");
    let first: Vec<&ProseTarget> = dinghu.targets.iter().filter(|t| t.line == 296).collect();
    assert_eq!(first.len(), 3);
    assert_eq!(first[0].unit.as_ref().map(|u| u.raw()), Some("万户"));
    assert_eq!(first[2].phrase, "每千人拥有企业");
    assert_eq!(linked_name(&dinghu, first[0]), Some("期末市场主体总量"));
    assert_eq!(
        linked_name(&dinghu, first[1]),
        None,
        "per 1,000 people is not the total"
    );
    assert_eq!(linked_name(&dinghu, first[2]), Some("全区每千人拥有企业户"));
    assert_eq!(
        linked_name(&dinghu, target(&dinghu, "每万人口执业药师数")),
        Some("执业药师数")
    );

    // One value shared by a list, and values taken in turn.
    let (qingyuan, _) = parsed("qingyuan");
    let shared: Vec<&str> = qingyuan
        .targets
        .iter()
        .filter(|t| t.line == 268)
        .map(|t| t.phrase.as_str())
        .collect();
    assert_eq!(
        shared,
        [
            "全市学校食堂“互联网+智慧监管”覆盖率",
            "食品安全自查报告率",
            "食品安全管理员抽查考核率"
        ]
    );
    assert_eq!(target(&qingyuan, "按时完成率").value.number(), Some(85.0));
    assert_eq!(target(&qingyuan, "立案率").value.number(), Some(65.0));
    assert_eq!(
        linked_name(&qingyuan, target(&qingyuan, "全市电梯保险覆盖率")),
        Some("电梯保险覆盖率")
    );

    // A range, and Chinese numerals.
    let (dayawan, _) = parsed("dayawan");
    let t = target(&dayawan, "高水平计量所");
    assert_eq!((t.value.number(), t.value.upper()), (Some(1.0), Some(2.0)));
    assert_eq!(
        target(&zhongshan, "领域开展质量提升").value.number(),
        Some(1.0)
    );
    // The review of the last period is not a target.
    assert!(
        zhongshan
            .targets
            .iter()
            .all(|t| !t.sentence.contains("截至2020年底"))
    );
    assert!(qingyuan.targets.iter().all(|t| t.line > 78));
}

#[test]
fn the_zhanjiang_disagreement_is_reported() {
    let (zhanjiang, diags) = parsed("zhanjiang");
    let t = target(&zhanjiang, "全市食品安全抽样检验量");
    assert_eq!(linked_name(&zhanjiang, t), Some("食品安全抽样检验量"));
    assert_eq!(t.unit.as_ref().map(|u| u.raw()), Some("批次/千人"));
    let d = diags
        .iter()
        .find(|d| d.kind == DiagnosticKind::ProseDisagrees)
        .expect("a disagreement");
    assert_eq!((d.severity, d.line), (Severity::Warning, Some(251)));
    assert!(
        d.why.contains("每千人5批次以上") && d.why.contains("3.67 万批次/年"),
        "{}",
        d.why
    );
    // The same sentence's 3.67万批次 a year agrees with the table: no second warning.
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.kind == DiagnosticKind::ProseDisagrees)
            .count(),
        1
    );
}

#[test]
fn a_scheme_with_targets_only_in_prose_yields_them() {
    let text = std::fs::read_to_string(common::fixture("prose_only_scheme.txt")).expect("fixture");
    let (plan, diags) = parse(&text).into_parts();
    assert!(plan.indicators.is_empty());
    assert!(diags.iter().any(|d| d.kind == DiagnosticKind::NoTable));
    assert_eq!(
        titles(&plan),
        ["市场准入更加便利", "市场环境更加放心", "质量供给更加优化"]
    );
    assert!(
        plan.overall_goal
            .as_deref()
            .is_some_and(|o| o.starts_with("到2025年"))
    );
    assert_eq!(
        plan.outlook.as_deref(),
        Some("到2035年，全县市场监管体系和监管能力现代化基本实现。")
    );
    assert_eq!(plan.chapters.len(), 4);
    assert_eq!(plan.projects.len(), 1);
    let got: Vec<String> = plan
        .targets
        .iter()
        .map(|t| {
            format!(
                "{} {} {}",
                t.phrase,
                t.value,
                t.unit.as_ref().map_or("-", |u| u.raw())
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "全县市场主体总量 2.6 万户",
            "企业 0.45 万户",
            "每千人拥有企业数 11 户/千人",
            "企业开办时间 ≤1 个工作日",
            "食品安全抽检量 ≥4 批次/千人",
            "食品评价性抽检合格率 ≥98% %",
            "全县学校食堂、养老机构食堂、中央厨房“明厨亮灶”覆盖率 100% %",
            "领域开展质量提升 ≥1 个/年",
            "地理标志产品生产企业 力争≥2 家",
            "12315投诉按时办结率 95% %",
            "快检数量 ≥1.5 万批次/年",
            "农贸市场完成标准化改造 ≥90% %",
            "药品抽检合格率 99% %",
            "医疗器械抽检合格率 98% %",
            "化妆品抽检合格率 95% %",
            "包保督导任务完成率 100% %",
            "县级计量检定站 力争1–2 家",
        ]
    );
    // The review of the 十三五 period states no target.
    assert!(plan.targets.iter().all(|t| t.line > 10));
}

/// The plan's cleaned text (export debris and skipped lines removed) with all spacing
/// removed: what a target's sentence must occur in.
fn cleaned(plan: &Plan) -> String {
    plan.paragraphs
        .iter()
        .flat_map(|p| p.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn assert_laws(plan: &Plan) -> Result<(), TestCaseError> {
    // Outline line numbers increase: chapters, their sections, their items.
    let mut last = 0;
    for c in &plan.chapters {
        prop_assert!(
            c.line > last,
            "chapter {} at {} after {}",
            c.number,
            c.line,
            last
        );
        last = c.line;
        for s in &c.sections {
            prop_assert!(
                s.line > last,
                "section {} at {} after {}",
                s.number,
                s.line,
                last
            );
            last = s.line;
            for i in &s.items {
                prop_assert!(
                    i.line > last,
                    "item {} at {} after {}",
                    i.number,
                    i.line,
                    last
                );
                last = i.line;
            }
        }
    }
    // Every prose target's sentence occurs in the source.
    let text = cleaned(plan);
    for t in &plan.targets {
        let s: String = t.sentence.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert!(
            text.contains(&s),
            "sentence not in the source: {}",
            t.sentence
        );
        prop_assert!(t.sentence.contains(t.value.raw()) || t.value.raw().is_empty());
    }
    Ok(())
}

#[test]
fn the_laws_hold_on_the_published_documents() {
    for &id in corpus::ids() {
        let (plan, _) = parsed(id);
        if let Err(e) = assert_laws(&plan) {
            panic!("{id}: {e}");
        }
    }
}

/// Text made of what outlines, goals and prose targets are made of.
fn structured() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\t".to_string()),
            Just("。".to_string()),
            Just("，".to_string()),
            Just("；".to_string()),
            Just("、".to_string()),
            Just("第一章 总体要求".to_string()),
            Just("第三章".to_string()),
            Just("第二节 发展目标".to_string()),
            Just("一、".to_string()),
            Just("（一）".to_string()),
            Just("1.".to_string()),
            Just("（1）".to_string()),
            Just("——".to_string()),
            Just("专栏1 重点工程".to_string()),
            Just("附件".to_string()),
            Just("到2025年".to_string()),
            Just("2035年".to_string()),
            Just("“十三五”".to_string()),
            Just("达到".to_string()),
            Just("不少于".to_string()),
            Just("以上".to_string()),
            Just("均达".to_string()),
            Just("分别达到".to_string()),
            Just("每千人".to_string()),
            Just("百分之".to_string()),
            Just("一个".to_string()),
            Just("两家".to_string()),
            Just("万户".to_string()),
            Just("批次".to_string()),
            Just("%".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("市场准入进一步便利".to_string()),
            Just("市场主体".to_string()),
            Just("的".to_string()),
            "[0-9]{1,4}",
            "[0-9]{1,2}\\.[0-9]{1,2}",
            "[0-9]-[0-9]",
            "[一二两三十百九]{1,3}",
            "[\\u4e00-\\u4e30]{1,6}",
        ],
        0..160,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let plan = parse(&text).value;
        assert_laws(&plan)?;
    }

    #[test]
    fn structured_text_never_panics_and_keeps_the_laws(text in structured()) {
        let plan = parse(&text).value;
        assert_laws(&plan)?;
    }
}

#[test]
fn a_five_megabyte_line_is_read_in_bounded_time() {
    let sentence = "到2025年，全市市场主体达48万户，每千人拥有企业达25.64户，";
    let unit = sentence.len();
    let long: String = sentence.repeat(5_000_000 / unit);
    let start = std::time::Instant::now();
    let parsed = parse(&long);
    assert!(
        parsed.value.targets.is_empty(),
        "one sentence of 5 MB is not read"
    );
    // The same with full stops: many sentences, the targets capped.
    let many: String = "到2025年，全市市场主体达48万户。".repeat(5_000_000 / 45);
    let parsed = parse(&many);
    assert!(!parsed.value.targets.is_empty());
    assert!(parsed.value.targets.len() <= 10_000);
    // And a heading on every line.
    let headings: String = "第一章 总体要求\n（一）目标\n".repeat(5_000_000 / 40);
    let parsed = parse(&headings);
    assert!(!parsed.value.chapters.is_empty());
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}

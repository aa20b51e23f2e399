//! Linear bounds and clean input: inputs that were quadratic in time or memory run at a
//! size where quadratic behaviour would take minutes, and what a text editor treats as one
//! character or one line the reader treats alike (invisible characters, line ends).
//!
//! No test here measures time: each runs at a size where the quadratic code took minutes
//! (or gigabytes), so on that code it hangs rather than passes. Their doc comments give the
//! size and what the quadratic code cost.

use planalign::{DiagnosticKind, corpus, parse};

// ---- 7. bookmark tags ------------------------------------------------------------------

/// 300,000 unclosed `[bookmark:` tags on one line (4.5 MB). The line cleaner rescanned to
/// the end of the line for each tag: 3 s in release for 100,000 tags, 20 s for 200,000,
/// minutes for this size. One pass keeps every character of an unclosed tag.
#[test]
fn unclosed_bookmark_tags_are_one_pass_and_keep_their_text() {
    let tag = "[bookmark: _Toc";
    let text = tag.repeat(300_000);
    let parsed = parse(&text);
    let kept: String = parsed
        .value
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(kept, text, "an unclosed tag is text, kept whole");
}

/// A closed tag after many unclosed ones is still removed, and only it.
#[test]
fn a_closed_tag_after_unclosed_ones_is_removed() {
    let text = format!(
        "{}[bookmark: _Toc1]三、主要任务\n",
        "[bookmark: a".repeat(1_000)
    );
    let parsed = parse(&text);
    let line = &parsed.value.paragraphs[0].text;
    // The first tag's `]` closes it: everything from there up to the `]` is the tag.
    assert_eq!(line, "三、主要任务");
    let unclosed = format!("{}三、主要任务", "[footnote: 1".repeat(1_000));
    let parsed = parse(&unclosed);
    assert_eq!(parsed.value.paragraphs[0].text, unclosed);
}

// ---- 8. comparing outlines -------------------------------------------------------------

/// Two distinct CJK characters naming chapter `k` (k < 4,096), from blocks that hold no
/// stop word, domain word or frame word of the lexicon.
fn chapter_name(k: usize) -> String {
    let a = char::from_u32(0x5000 + (k / 64) as u32).unwrap_or('甲');
    let b = char::from_u32(0x6100 + (k % 64) as u32).unwrap_or('乙');
    format!("{a}{b}")
}

/// A plan of `n` chapters `第k章`, each titled by its own two characters and a theme every
/// chapter shares (食品安全), with four sections （一）…（四） and a sentence of text under
/// each; no table.
fn outline_plan(n: usize) -> String {
    let mut s = String::from("示例市市场监管现代化“十四五”规划\n");
    for k in 1..=n {
        let name = chapter_name(k);
        s.push_str(&format!("第{k}章 加强{name}和食品安全建设\n"));
        for (j, number) in ["一", "二", "三", "四"].iter().enumerate() {
            s.push_str(&format!("（{number}）推进{name}第{j}项食品安全工作\n"));
            s.push_str(&format!("围绕{name}持续推进食品安全监管能力建设。\n"));
        }
    }
    s
}

/// A 2,000-chapter plan (10,000 chapters and sections, 8,000 shared-theme section titles)
/// compared with itself. Every title shares 食品安全 with every task, so every pair scored
/// at least 0.3: the quadratic code scored 20 million pairs and kept 20 million links,
/// over 100 s and 2.3 GB in release. Indexed, each unit scores a bounded number of
/// candidates and keeps its best links.
#[test]
fn a_two_thousand_chapter_plan_compares_with_itself_in_linear_time() {
    let n = 2_000;
    let plan = parse(&outline_plan(n)).value;
    assert_eq!(plan.chapters.len(), n);
    let tasks = planalign::Comparer::default().align_tasks(&plan, &plan);
    assert!(tasks.unaddressed.is_empty(), "{:?}", tasks.unaddressed);
    for c in &plan.chapters {
        let label = format!("{} {}", c.number, c.title);
        let own = tasks
            .links
            .iter()
            .find(|l| l.child == label && l.parent == c.title);
        assert!(
            own.is_some_and(|l| l.score >= 0.99),
            "{label}: {own:?} links its own task best"
        );
    }
    let units = n * 5;
    assert!(
        tasks.links.len() <= units * 16,
        "{} links for {units} units: each keeps only its best",
        tasks.links.len()
    );
}

const HEADER: &str =
    "示例市市场监管现代化“十四五”规划\n主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n";

#[test]
fn a_name_of_invisible_characters_is_not_an_indicator() {
    let text = format!(
        "{HEADER}1\t期末市场主体总量\t万户\t42\t53\t预期性\n2\t\u{200b}\u{200b}\t万户\t42\t53\t预期性\n3\t食品抽检合格率\t%\t95\t98\t约束性\n"
    );
    let parsed = parse(&text);
    let names: Vec<&str> = parsed
        .value
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["期末市场主体总量", "食品抽检合格率"]);
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.line == Some(5) && d.kind == DiagnosticKind::RowNotRead),
        "{:?}",
        parsed.diagnostics
    );
}

#[test]
fn invisible_characters_in_cells_are_removed() {
    let text =
        format!("{HEADER}1\t期末\u{200b}市场\u{2066}主体总量\u{feff}\t万户\t42\t53\t预期性\n");
    let parsed = parse(&text);
    let names: Vec<&str> = parsed
        .value
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["期末市场主体总量"]);
}

// ---- 13. line ends ---------------------------------------------------------------------

fn qingyuan() -> &'static str {
    match corpus::text("qingyuan") {
        Some(t) => t,
        None => panic!("qingyuan is bundled"),
    }
}

/// The indicators of a text as (line, name).
fn indicators(text: &str) -> Vec<(usize, String)> {
    parse(text)
        .value
        .indicators
        .iter()
        .map(|i| (i.line, i.name.clone()))
        .collect()
}

#[test]
fn a_carriage_return_file_reads_as_its_line_feed_original() {
    let original = indicators(qingyuan());
    assert!(original.len() >= 10);
    for end in ["\r", "\r\n", "\u{2028}", "\u{2029}", "\u{85}"] {
        let text = qingyuan().replace('\n', end);
        assert_eq!(indicators(&text), original, "lines ended by {end:?}");
    }
}

#[test]
fn a_lone_carriage_return_ends_a_row() {
    let text = format!(
        "{HEADER}1\t期末市场主体总量\t万户\t42\t53\t预期性\r2\t食品抽检合格率\t%\t95\t98\t约束性\n"
    );
    let got = indicators(&text);
    assert_eq!(
        got,
        [
            (4, "期末市场主体总量".to_string()),
            (5, "食品抽检合格率".to_string())
        ]
    );
}

#[test]
fn line_numbers_count_every_kind_of_line_end() {
    // A CR LF pair is one line end; a lone CR and a lone LF are one each.
    let text = "示例市市场监管现代化“十四五”规划\r\n\r\r\n第一章 发展基础\n正文一。\r正文二。\r\n";
    let plan = parse(text).value;
    let lines: Vec<(usize, &str)> = plan
        .paragraphs
        .iter()
        .map(|p| (p.line, p.text.as_str()))
        .collect();
    assert!(lines.contains(&(4, "第一章 发展基础")), "{lines:?}");
    assert!(lines.contains(&(5, "正文一。")), "{lines:?}");
    assert!(lines.contains(&(6, "正文二。")), "{lines:?}");
}

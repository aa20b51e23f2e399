//! Linear bounds and clean input: inputs that were quadratic in time or memory run at a
//! size where quadratic behaviour would take minutes, and what a text editor treats as one
//! character or one line the reader treats alike (invisible characters, line ends).
//!
//! No test here measures time: each runs at a size where the quadratic code took minutes
//! (or gigabytes), so on that code it hangs rather than passes. Their doc comments give the
//! size and what the quadratic code cost.

use planalign::model::Paragraph;
use planalign::registry::{Registry, normalize};
use planalign::reuse::{PassageKind, align_text};
use planalign::{DiagnosticKind, Level, Locality, Plan, corpus, parse};

#[path = "common/counting.rs"]
mod counting;
use counting::{allocations, peak_bytes};

// ---- 7. bookmark tags ------------------------------------------------------------------

/// 300,000 unclosed `[bookmark:` tags on one line (4.5 MB). The line cleaner rescanned to
/// the end of the line for each tag: 3 s in release for 100,000 tags, 20 s for 200,000,
/// 42 s for this size in the test profile. One pass takes well under a second and keeps
/// every character of an unclosed tag.
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

/// A plan of `n` chapters `第k章`, each titled by its own two characters and a theme
/// (chapter `k` the theme `themes[k % themes.len()]`), with four sections （一）…（四） and a
/// sentence of text under each; no table.
fn outline_plan(n: usize, themes: &[&str]) -> String {
    let mut s = String::from("示例市市场监管现代化“十四五”规划\n");
    for k in 1..=n {
        let name = chapter_name(k);
        let theme = themes[k % themes.len()];
        s.push_str(&format!("第{k}章 加强{name}和{theme}建设\n"));
        for (j, number) in ["一", "二", "三", "四"].iter().enumerate() {
            s.push_str(&format!("（{number}）推进{name}第{j}项{theme}工作\n"));
            s.push_str(&format!("围绕{name}持续推进{theme}监管能力建设。\n"));
        }
    }
    s
}

/// A 2,000-chapter plan (10,000 chapters and sections, 8,000 shared-theme section titles)
/// compared with itself. Every title shares 食品安全 with every task, so every pair scored
/// at least 0.3: the quadratic code scored 20 million pairs and kept 20 million links,
/// over 100 s and 2.3 GB in release (killed at 300 s and 6.8 GB in the test profile).
/// Indexed, each unit scores a bounded number of candidates and keeps its best links; and
/// a word every task holds nominates none.
#[test]
fn a_two_thousand_chapter_plan_compares_with_itself_in_linear_time() {
    for themes in [&["食品安全"][..], &["食品安全", "药品安全", "特种设备"]] {
        two_thousand_chapters(themes);
    }
}

/// One run of the test above: with one theme, a word every task holds (it links nothing);
/// with three, each in a third of the tasks, so that every unit nominates hundreds of
/// tasks and keeps its best eight.
fn two_thousand_chapters(themes: &[&str]) {
    let n = 2_000;
    let plan = parse(&outline_plan(n, themes)).value;
    assert_eq!(plan.chapters.len(), n);
    let tasks = planalign::Comparer::default().align_tasks(&plan, &plan);
    assert!(tasks.unaddressed.is_empty(), "{:?}", tasks.unaddressed);
    for c in &plan.chapters {
        let label = format!("{} {}", c.number, c.title);
        let own = tasks
            .links
            .iter()
            .find(|l| *l.child == *label && *l.parent == *c.title);
        assert!(
            own.is_some_and(|l| l.score >= 0.99),
            "{label}: {own:?} links its own task best"
        );
    }
    let units = n * 5;
    assert!(
        tasks.links.len() <= units * 8,
        "{} links for {units} units: each keeps only its best",
        tasks.links.len()
    );
}

// ---- 9. reuse: chapters and identical sentences ---------------------------------------

/// A plan of `n` chapters headed （一）, each a paragraph of its own (as a plan numbered
/// only with （一） reads), built through the public API.
fn headings_plan(n: usize) -> Plan {
    let template = parse("测试市市场监管规划\n第一章 加强监管\n第二章 优化服务\n").value;
    let Some(chapter) = template.chapters.first() else {
        panic!("第一章 heads a chapter");
    };
    let mut plan = Plan::new("t", Locality::new("测试市", Level::PrefectureCity));
    for k in 0..n {
        let mut c = chapter.clone();
        c.number = "（一）".to_string();
        c.title = format!("加强监管{k}");
        c.line = k + 1;
        plan.chapters.push(c);
        plan.paragraphs.push(Paragraph {
            text: format!("（一）加强监管{k}"),
            line: k + 1,
        });
    }
    plan
}

/// 100,000 chapters headed （一） aligned with themselves. The chapter shares looked up
/// each passage's chapter among all chapters seen so far: 5·10^9 comparisons, 20 s in
/// release and a minute in the test profile. With a map from chapter to group, one pass.
#[test]
fn a_hundred_thousand_headings_align_in_linear_time() {
    let n = 100_000;
    let plan = headings_plan(n);
    let alignment = align_text(&plan, &plan);
    assert_eq!(alignment.count(PassageKind::Identical), n);
    let chapters = alignment.a_chapters();
    assert_eq!(chapters.len(), n);
    for (k, c) in chapters.iter().enumerate() {
        assert_eq!(c.chapter().map(|h| h.line()), Some(k + 1));
        assert_eq!(c.shares().identical(), 1.0);
    }
}

/// 200,000 identical sentences in one paragraph (10 MB) aligned with themselves: every
/// passage of one plan is identical to every passage of the other. The memory was about
/// 2.2 KB per passage (3 GB for a million); passages that share their text now share
/// what is derived from it, and the whole alignment stays under 1 KB per passage.
#[test]
fn identical_sentences_align_in_bounded_memory() {
    let n = 200_000;
    let text = "持续推进监管能力建设提升服务水平。".repeat(n);
    let mut plan = Plan::new("t", Locality::new("测试市", Level::PrefectureCity));
    plan.paragraphs.push(Paragraph { text, line: 1 });
    let (alignment, peak) = peak_bytes(|| align_text(&plan, &plan));
    assert_eq!(alignment.count(PassageKind::Identical), n);
    assert!(
        peak < n * 1_000,
        "{peak} bytes at peak for {n} passages: {} per passage",
        peak / n
    );
}

// ---- 10. registry extension ------------------------------------------------------------

/// A registry file of `n` aliases over `n / 10` entries.
fn aliases_file(n: usize) -> String {
    let mut s = String::new();
    for e in 0..n / 10 {
        s.push_str(&format!(
            "[[indicator]]\nkey = \"other.synthetic.k{e}\"\nname_zh = \"{}指标{e}\"\nname_en = \"x\"\ndomain = \"other\"\ndimension = \"count\"\nunit = \"个\"\nkind = \"extensive\"\ndirection = \"higher\"\naliases = [",
            chapter_name(e % 4096)
        ));
        for a in 0..10 {
            s.push_str(&format!(
                "{{ name = \"{}别名{e}号{a}\", source = \"test\" }},",
                chapter_name(e % 4096)
            ));
        }
        s.push_str("]\n");
    }
    s
}

/// A registry extended with 20,000 aliases resolves them, in few allocations per alias.
/// Extending was linear but slow (1–2 s for 100,000 aliases in release), much of it
/// allocation: a list per text and per character gram, a set per name, the population
/// phrases formatted anew for every name, 52 allocations per alias of this file. Now about
/// 21, most of them the TOML reader's. (The time for 100,000 aliases is measured by
/// `benches/scaling.rs`.)
#[test]
fn a_registry_extends_with_many_aliases_in_few_allocations() {
    let n = 20_000;
    let file = aliases_file(n);
    let mut registry = Registry::default();
    let (extended, count) = allocations(|| registry.extend_toml(&file).is_ok());
    assert!(extended);
    assert!(
        count < 30 * n,
        "{count} allocations for {n} aliases: {} per alias",
        count / n
    );
    let name = format!("{}别名1234号5", chapter_name(1234));
    assert_eq!(
        registry.resolve(&name, None).key(),
        Some("other.synthetic.k1234")
    );
}

/// A registry file of `n` entries, each with a qualifier word of its own.
fn qualified_file(n: usize) -> String {
    let mut s = String::new();
    for e in 0..n {
        let word = format!("{}限定{e}", chapter_name(e % 4096));
        s.push_str(&format!(
            "[[indicator]]\nkey = \"other.qualified.k{e}\"\nname_zh = \"{word}指标{e}\"\nname_en = \"x\"\ndomain = \"other\"\ndimension = \"count\"\nunit = \"个\"\nkind = \"extensive\"\ndirection = \"higher\"\nqualifiers = [\"{word}\"]\n"
        ));
    }
    s
}

/// 40,000 entries with a qualifier word each, and every key looked up. Building the
/// registry numbered each entry's qualifiers by a scan of all of them and found the words
/// inside each word by testing every other word (1.6 billion substring tests at this
/// size), and `Registry::entry` scanned the entries for each key: each of the three
/// quadratic. Now each is an index.
#[test]
fn a_registry_with_many_qualified_entries_builds_and_looks_up_in_linear_time() {
    let n = 40_000;
    let mut registry = Registry::default();
    registry
        .extend_toml(&qualified_file(n))
        .expect("the file is a valid registry");
    for e in (0..n).rev() {
        let key = format!("other.qualified.k{e}");
        assert_eq!(
            registry.entry(&key).map(|x| x.key.as_str()),
            Some(key.as_str())
        );
    }
    let name = format!("{}限定777指标777", chapter_name(777));
    assert_eq!(
        registry.resolve(&name, None).key(),
        Some("other.qualified.k777")
    );
}

// ---- 12. invisible characters ----------------------------------------------------------

/// Invisible characters of the lexicon's [fold]: zero-width space, non-joiner and joiner,
/// word joiner, the byte-order mark, bidi controls and marks, the soft hyphen, an
/// interlinear annotation mark.
const INVISIBLE: [char; 13] = [
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{202a}', '\u{202e}', '\u{2066}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{ad}', '\u{fff9}',
];

#[test]
fn invisible_characters_do_not_change_a_name() {
    let registry = Registry::default();
    let plain = registry.resolve("期末市场主体总量", None);
    assert!(plain.key().is_some());
    for c in INVISIBLE {
        let name = format!("期末{c}市场主体总量{c}");
        assert_eq!(normalize(&name).text, normalize("期末市场主体总量").text);
        assert_eq!(registry.resolve(&name, None).key(), plain.key(), "{c:?}");
    }
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

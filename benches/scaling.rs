//! How the passes that were quadratic grow: each input at 1× and 4×, so that the ratio of
//! the two medians reads off the growth (linear: 4; the aim: at most 5). The 1× inputs are
//! the sizes issue "Nothing lost" reproduced each defect at, so that both sizes are well
//! past the caches and the ratio measures the pass, not the step out of L2.
//!
//! - `tags`: a line of unclosed `[bookmark:` tags parsed (100,000 and 400,000 tags).
//! - `compare`: a plan of chapters, each with four sections, compared with itself (500 and
//!   2,000 chapters); every title shares a theme word with every task (a word common to
//!   the tasks, which links nothing). `compare/third`: the same with three theme words, each
//!   in a third of the tasks, so that every unit nominates hundreds of tasks and keeps its
//!   eight best links (the bound of links per unit), the most links a unit can keep.
//! - `reuse/headings`: a plan of chapters headed （一）, one paragraph each, aligned with
//!   itself (100,000 and 400,000 chapters).
//! - `reuse/identical`: one paragraph of identical sentences aligned with itself (1,000,000
//!   and 4,000,000 sentences).
//! - `registry`: the bundled registry extended with a file of aliases (100,000 and 400,000
//!   aliases, ten per entry).
//!
//! ```text
//! cargo bench --bench scaling -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planalign::model::Paragraph;
use planalign::registry::Registry;
use planalign::reuse::align_text;
use planalign::{Comparer, Level, Locality, Plan, parse};

/// Two distinct CJK characters naming item `k` (k < 4,096), from blocks that hold no stop
/// word, domain word or frame word of the lexicon.
fn name(k: usize) -> String {
    let a = char::from_u32(0x5000 + (k % 4096 / 64) as u32).unwrap_or('甲');
    let b = char::from_u32(0x6100 + (k % 64) as u32).unwrap_or('乙');
    format!("{a}{b}")
}

/// A plan of `n` chapters with four sections each and a sentence under each section,
/// chapter `k` about the theme `themes[k % themes.len()]`.
fn outline_plan(n: usize, themes: &[&str]) -> Plan {
    let mut s = String::from("示例市市场监管现代化“十四五”规划\n");
    for k in 1..=n {
        let name = name(k);
        let theme = themes[k % themes.len()];
        s.push_str(&format!("第{k}章 加强{name}和{theme}建设\n"));
        for (j, number) in ["一", "二", "三", "四"].iter().enumerate() {
            s.push_str(&format!("（{number}）推进{name}第{j}项{theme}工作\n"));
            s.push_str(&format!("围绕{name}持续推进{theme}监管能力建设。\n"));
        }
    }
    parse(&s).value
}

/// A plan of `n` chapters headed （一）, each a paragraph of its own.
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

/// A plan of one paragraph of `n` identical sentences.
fn identical_plan(n: usize) -> Plan {
    let mut plan = Plan::new("t", Locality::new("测试市", Level::PrefectureCity));
    plan.paragraphs.push(Paragraph {
        text: "持续推进监管能力建设提升服务水平。".repeat(n),
        line: 1,
    });
    plan
}

/// A registry file of `n` aliases, ten per entry.
fn aliases_file(n: usize) -> String {
    let mut s = String::new();
    for e in 0..n / 10 {
        let name = name(e);
        s.push_str(&format!(
            "[[indicator]]\nkey = \"other.synthetic.k{e}\"\nname_zh = \"{name}指标{e}\"\nname_en = \"x\"\ndomain = \"other\"\ndimension = \"count\"\nunit = \"个\"\nkind = \"extensive\"\ndirection = \"higher\"\naliases = ["
        ));
        for a in 0..10 {
            s.push_str(&format!(
                "{{ name = \"{name}别名{e}号{a}\", source = \"bench\" }},"
            ));
        }
        s.push_str("]\n");
    }
    s
}

fn tags(c: &mut Criterion) {
    let mut group = c.benchmark_group("tags");
    group.sample_size(10);
    for n in [100_000, 400_000] {
        let text = "[bookmark: _Toc".repeat(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| parse(text))
        });
    }
    group.finish();
}

fn compare(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    let comparer = Comparer::default();
    for n in [500, 2_000] {
        let plan = outline_plan(n, &["食品安全"]);
        group.bench_with_input(BenchmarkId::from_parameter(n), &plan, |b, plan| {
            b.iter(|| comparer.compare(plan, plan))
        });
    }
    for n in [500, 2_000] {
        let plan = outline_plan(n, &["食品安全", "药品安全", "特种设备"]);
        group.bench_with_input(BenchmarkId::new("third", n), &plan, |b, plan| {
            b.iter(|| comparer.compare(plan, plan))
        });
    }
    group.finish();
}

fn reuse(c: &mut Criterion) {
    let mut group = c.benchmark_group("reuse");
    group.sample_size(10);
    for n in [100_000, 400_000] {
        let plan = headings_plan(n);
        group.bench_with_input(BenchmarkId::new("headings", n), &plan, |b, plan| {
            b.iter(|| align_text(plan, plan))
        });
    }
    for n in [1_000_000, 4_000_000] {
        let plan = identical_plan(n);
        group.bench_with_input(BenchmarkId::new("identical", n), &plan, |b, plan| {
            b.iter(|| align_text(plan, plan))
        });
    }
    group.finish();
}

fn registry(c: &mut Criterion) {
    let mut group = c.benchmark_group("registry");
    group.sample_size(10);
    let bundled = Registry::default();
    for n in [100_000, 400_000] {
        let file = aliases_file(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &file, |b, file| {
            // The extended registry is dropped outside the measurement: what is measured is
            // the extension (reading the file, preparing and indexing every name).
            b.iter_with_large_drop(|| {
                let mut r = bundled.clone();
                r.extend_toml(file).map(|()| r)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, tags, compare, reuse, registry);
criterion_main!(benches);

//! Parsing cost: the bundled documents, against a naive baseline in the same run (a plain
//! line split and per-line tab split, the least any parser must do), and the hostile inputs
//! of the plans-as-data issue (a 5 MB line, 100,000 rows, a GB18030 file).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planalign::{corpus, parse, parse_bytes};

fn naive(text: &str) -> usize {
    text.lines().map(|l| l.split('\t').count()).sum()
}

fn documents(c: &mut Criterion) {
    let all: String = corpus::ids()
        .iter()
        .filter_map(|id| corpus::text(id))
        .collect::<Vec<_>>()
        .join("\n");
    let mut g = c.benchmark_group("documents");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_function("parse/five plans", |b| {
        b.iter(|| {
            for &id in corpus::ids() {
                if let Some(t) = corpus::text(id) {
                    black_box(parse(t));
                }
            }
        })
    });
    g.bench_function("naive split/five plans", |b| {
        b.iter(|| black_box(naive(&all)))
    });
    g.finish();
}

fn hostile(c: &mut Criterion) {
    let long_line = "市场监管".repeat(5 * 1024 * 1024 / 12);
    let mut rows = String::from("主要指标表\n序号\t主要指标\t单位\t基期值\t规划值\t属性\n");
    for k in 1..=100_000 {
        rows.push_str(&format!("{k}\t指标{k}\t%\t{k}\t≥{k}\t预期性\n"));
    }
    let (gbk, _, _) = encoding_rs::GB18030.encode(corpus::text("qingyuan").unwrap_or(""));
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    g.bench_function("parse/5 MB line", |b| {
        b.iter(|| black_box(parse(&long_line)))
    });
    g.bench_function("naive split/5 MB line", |b| {
        b.iter(|| black_box(naive(&long_line)))
    });
    g.bench_function("parse/100k rows", |b| b.iter(|| black_box(parse(&rows))));
    g.bench_function("naive split/100k rows", |b| {
        b.iter(|| black_box(naive(&rows)))
    });
    g.bench_function("parse_bytes/GB18030 plan", |b| {
        b.iter(|| black_box(parse_bytes(&gbk)))
    });
    g.finish();
}

criterion_group!(benches, documents, hostile);
criterion_main!(benches);

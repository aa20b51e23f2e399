//! Comparing plans: one pair of bundled plans, and every ordered pair of the bundled
//! corpus, with one comparer (keys resolved once and reused, as a corpus report does).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planalign::Comparer;

fn bench(c: &mut Criterion) {
    let Ok(corpus) = planalign::corpus::guangdong() else {
        panic!("the bundled corpus builds");
    };
    let comparer = Comparer::default();
    let plans: Vec<_> = corpus.plans().iter().collect();
    let (Ok(child), Ok(parent)) = (corpus.plan("dinghu"), corpus.plan("zhanjiang")) else {
        panic!("the bundled plans are there");
    };
    let mut g = c.benchmark_group("compare");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one pair (dinghu, zhanjiang)", |b| {
        b.iter(|| black_box(comparer.compare(child, parent)))
    });
    let pairs = plans.len() * (plans.len() - 1);
    g.throughput(Throughput::Elements(pairs as u64));
    g.bench_function(format!("all {pairs} ordered pairs"), |b| {
        b.iter(|| {
            for a in &plans {
                for p in &plans {
                    if !std::ptr::eq(*a, *p) {
                        black_box(comparer.compare(a, p));
                    }
                }
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

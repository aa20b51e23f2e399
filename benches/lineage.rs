//! The cost of corpus-scale lineage as the corpus grows: `lineage/40` and `lineage/160`
//! run [`planalign::reuse::lineage`] on synthetic corpora of 40 and 160 plans
//! (examples/common/synth.rs, seed 14: the five bundled plans and plans derived from them
//! in chains). Linear scaling reads as 4× the time for 4× the plans; every pair would be
//! 16×.
//!
//! ```text
//! cargo bench --bench lineage
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use planalign::reuse::lineage;

#[path = "../examples/common/synth.rs"]
mod synth;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("lineage");
    group.sample_size(10);
    for n in [40, 160] {
        let corpus = match synth::corpus(n, 14) {
            Ok(c) => c,
            Err(e) => panic!("the bundled corpus loads: {e}"),
        };
        group.bench_function(format!("{n}"), |bench| {
            bench.iter(|| lineage(std::hint::black_box(&corpus.plans)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

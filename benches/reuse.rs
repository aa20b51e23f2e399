//! The cost of text alignment as the text grows.
//!
//! `align/1x` aligns 湛江 with 鼎湖; `align/2x` and `align/4x` align two and four copies of
//! each, every copy written in a different "script" (the CJK ideographs of copy `k` are
//! shifted by a fixed offset) so that copies do not match each other: the text grows k
//! times with the same structure of reuse, as a bigger corpus of distinct plans would.
//! `corpus_matrix` aligns all pairs of the bundled corpus.
//!
//! ```text
//! cargo bench --bench reuse
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use planalign::reuse::{align_text, corpus_matrix};

#[path = "../examples/common/scaled.rs"]
mod scaled;
use scaled::scaled;

fn bench(c: &mut Criterion) {
    let corpus = match planalign::corpus::guangdong() {
        Ok(c) => c,
        Err(e) => panic!("the bundled corpus loads: {e}"),
    };
    let (Ok(a), Ok(b)) = (corpus.plan("zhanjiang"), corpus.plan("dinghu")) else {
        panic!("zhanjiang and dinghu are bundled");
    };
    let mut group = c.benchmark_group("align");
    group.sample_size(30);
    for copies in [1, 2, 4] {
        let (a, b) = (scaled(a, copies), scaled(b, copies));
        group.bench_function(format!("{copies}x"), |bench| {
            bench.iter(|| align_text(std::hint::black_box(&a), std::hint::black_box(&b)))
        });
    }
    group.finish();

    let plans = corpus.plans().to_vec();
    c.bench_function("corpus_matrix", |bench| {
        bench.iter(|| corpus_matrix(std::hint::black_box(&plans)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

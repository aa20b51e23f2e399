//! Reading a plan as a Word file against reading its text, in the same run: both through
//! `parse_bytes`. Acceptance (issue 13): the .docx costs no more than 3× the text.

#[path = "../tests/common/docx_writer.rs"]
mod docx_writer;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docx_writer::{Options, plan_docx};
use planalign::parse_bytes;

fn docx_vs_text(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/plans/qingyuan.txt");
    let text = std::fs::read(&path).unwrap();
    let options = Options {
        numbered_chapters: true,
        numbered_sections: true,
        two_header_rows: true,
        revisions: true,
    };
    let (docx, _) = plan_docx(&path, options);
    let mut g = c.benchmark_group("docx");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("parse_bytes/qingyuan text", |b| {
        b.iter(|| black_box(parse_bytes(black_box(&text)).unwrap()))
    });
    g.bench_function("parse_bytes/qingyuan docx", |b| {
        b.iter(|| black_box(parse_bytes(black_box(&docx)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, docx_vs_text);
criterion_main!(benches);

//! Parallel work gives the same bytes whatever the number of threads, and the public
//! types can be shared across threads.

use planalign::compare::Comparison;
use planalign::corpus::{Corpus, CorpusBuilder};
use planalign::registry::Registry;
use planalign::report::{CorpusReport, corpus_report};
use planalign::reuse::TextAlignment;
use planalign::{Comparer, Diagnostic, Error, Lexicon, Parsed, Parser, Plan};

fn shared<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    shared::<Plan>();
    shared::<Parser<'static>>();
    shared::<Parsed<Plan>>();
    shared::<Diagnostic>();
    shared::<Lexicon>();
    shared::<Registry>();
    shared::<Comparer<'static>>();
    shared::<Comparison>();
    shared::<Corpus>();
    shared::<CorpusBuilder<'static>>();
    shared::<CorpusReport>();
    shared::<TextAlignment>();
    shared::<Error>();
}

/// Runs `f` in a pool of `threads` threads.
fn with_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(f),
        Err(e) => panic!("a pool of {threads} threads: {e}"),
    }
}

/// The bundled plans read from their folder (parsed in parallel) and the corpus report of
/// the bundled corpus (keyed and compared in parallel), as bytes.
fn outputs() -> (String, String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/plans");
    let mut builder = CorpusBuilder::new();
    if let Err(e) = builder.add_dir(dir) {
        panic!("the bundled plans' folder reads: {e}");
    }
    let folder = match builder.build() {
        Ok(c) => c,
        Err(e) => panic!("the folder builds a corpus: {e}"),
    };
    let plans: Vec<String> = folder
        .plans()
        .iter()
        .map(|p| p.to_json().unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let corpus = planalign::corpus::guangdong().unwrap_or_else(|e| panic!("{e}"));
    let report = corpus_report(&Comparer::default(), &corpus).unwrap_or_else(|e| panic!("{e}"));
    (
        plans.join("\n"),
        report.to_json().unwrap_or_else(|e| panic!("{e}")),
        report.to_markdown(),
    )
}

#[test]
fn one_thread_and_two_give_the_same_bytes() {
    let one = with_threads(1, outputs);
    let two = with_threads(2, outputs);
    assert!(!one.0.is_empty() && one.1.len() > 1000 && one.2.len() > 1000);
    assert!(one.0 == two.0, "the plans read from a folder differ");
    assert!(one.1 == two.1, "the corpus report's JSON differs");
    assert!(one.2 == two.2, "the corpus report's Markdown differs");
}

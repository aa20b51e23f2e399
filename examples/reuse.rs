//! Text reuse between two plans, or across the bundled corpus.
//!
//! ```text
//! cargo run --release --example reuse -- A B [--json]
//! cargo run --release --example reuse -- [--json]
//! ```
//!
//! `A` and `B` are bundled plan ids (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
//! guangdong) or paths of plan documents. With both, prints the alignment of A with B as
//! Markdown (the adapted passages side by side, their changes marked), or as JSON with
//! `--json`. With one or none, prints the corpus-wide matrix of shared text (the bundled
//! corpus, plus A when it is a path).

use std::process::ExitCode;

use planalign::corpus::{self, Corpus};
use planalign::reuse::{align_text, corpus_matrix};
use planalign::{Plan, parse_file, report};

mod common;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let plans: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if plans.len() > 2 || args.iter().any(|a| a.starts_with("--") && a != "--json") {
        eprintln!(
            "usage: reuse [A [B]] [--json]   (ids: {}, guangdong; or paths)",
            corpus::ids().join(", ")
        );
        return ExitCode::FAILURE;
    }
    common::run("reuse", |out| {
        Ok(out.write_all(run(&plans, json)?.as_bytes())?)
    })
}

/// The report asked for, as text.
fn run(args: &[&str], json: bool) -> Result<String, planalign::Error> {
    let corpus = corpus::guangdong()?;
    if let [a, b] = args {
        let (a, b) = (load(&corpus, a)?, load(&corpus, b)?);
        let alignment = align_text(&a, &b);
        return Ok(if json {
            alignment.to_json()? + "\n"
        } else {
            report::alignment_markdown(&alignment)
        });
    }
    let mut plans: Vec<Plan> = corpus.plans().to_vec();
    if let [a] = args {
        if !is_bundled(a) {
            plans.push(load(&corpus, a)?);
        }
    }
    let matrix = corpus_matrix(&plans);
    Ok(if json {
        matrix.to_json()? + "\n"
    } else {
        report::reuse_matrix_markdown(&matrix)
    })
}

fn is_bundled(arg: &str) -> bool {
    corpus::ids().contains(&arg) || arg == "guangdong"
}

/// A bundled plan by id, or a plan document by path.
fn load(corpus: &Corpus, arg: &str) -> Result<Plan, planalign::Error> {
    if is_bundled(arg) {
        return Ok(corpus.plan(arg)?.clone());
    }
    let (mut plan, _diagnostics) = parse_file(arg)?.into_parts();
    if plan.id.is_none() {
        let stem = std::path::Path::new(arg)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(arg);
        plan.id = Some(stem.to_string());
    }
    Ok(plan)
}

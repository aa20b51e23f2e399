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

const USAGE: &str = "\
usage: reuse [A [B]] [--json]

  A, B              bundled plan ids (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
                    guangdong) or paths of plan documents; with both, A aligned with B;
                    with one or none, the corpus-wide matrix (plus A when it is a path)
  --json            JSON instead of Markdown
  --help            this text

example: cargo run --release --example reuse -- dinghu zhanjiang --json";

/// What the command line asks for.
#[derive(Default)]
struct Args {
    plans: Vec<String>,
    json: bool,
}

fn parse_args() -> Result<Option<Args>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args::default();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => args.json = true,
            Long("help") | Short('h') => return Ok(None),
            Value(v) if args.plans.len() < 2 => args.plans.push(common::plan_arg(v)?),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(Some(args))
}

fn main() -> ExitCode {
    match common::command_line("reuse", USAGE, parse_args) {
        Ok(args) => common::run("reuse", |out| {
            let plans: Vec<&str> = args.plans.iter().map(String::as_str).collect();
            Ok(out.write_all(run(&plans, args.json)?.as_bytes())?)
        }),
        Err(code) => code,
    }
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
    common::bundled_ids().contains(&arg)
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

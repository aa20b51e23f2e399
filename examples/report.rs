//! The main job: a whole corpus, each plan against its ancestors and its peers, the keys ×
//! plans matrix, binding gaps, the largest escalations and loosenings, goal and task
//! coverage, attainment across periods, and the text the plans share. Markdown on stdout.
//! The report itself is [`planalign::report::corpus_report`]; this is its command line.
//!
//! ```text
//! cargo run --release --example report [-- OPTIONS]
//!
//!   --corpus PATH     the user's plans: a folder (with or without a corpus.toml), a
//!                     corpus.toml, or one plan file; without it, the bundled corpus
//!   --with-bundled    add the bundled Guangdong corpus to --corpus
//!   --registry FILE   extend the registry with FILE (repeatable)
//!   --out DIR         also write report.md, comparisons.csv, comparisons.json,
//!                     matrix.csv, matrix.json, consensus.json and, when the corpus has
//!                     plans of one locality in consecutive periods, attainment.json
//!   --help            this text
//! ```
//!
//! Example: `cargo run --release --example report -- --corpus my-plans/ --with-bundled --out out/`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use planalign::compare::Comparer;
use planalign::corpus::{self, Corpus, CorpusBuilder};
use planalign::registry::Registry;
use planalign::report::{self, CorpusReport};

mod common;

const USAGE: &str = "\
usage: report [--corpus PATH [--with-bundled]] [--registry FILE]... [--out DIR]

  --corpus PATH     the user's plans: a folder (with or without a corpus.toml),
                    a corpus.toml, or one plan file; without it, the bundled corpus
  --with-bundled    add the bundled Guangdong corpus to --corpus
  --registry FILE   extend the registry with FILE (repeatable)
  --out DIR         also write the report's tables (Markdown, CSV, JSON) into DIR
  --help            this text

example: cargo run --release --example report -- --corpus my-plans/ --with-bundled --out out/";

/// What the command line asks for.
#[derive(Default)]
struct Args {
    corpus: Option<PathBuf>,
    with_bundled: bool,
    registries: Vec<PathBuf>,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Option<Args>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args::default();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("corpus") => args.corpus = Some(parser.value()?.into()),
            Long("with-bundled") => args.with_bundled = true,
            Long("registry") => args.registries.push(parser.value()?.into()),
            Long("out") => args.out = Some(parser.value()?.into()),
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(arg.unexpected()),
        }
    }
    if args.with_bundled && args.corpus.is_none() {
        return Err(
            "--with-bundled adds the bundled corpus to --corpus PATH, which is missing".into(),
        );
    }
    Ok(Some(args))
}

fn main() -> ExitCode {
    match common::command_line("report", USAGE, parse_args) {
        Ok(args) => common::run("report", |stdout| run(&args, stdout)),
        Err(code) => code,
    }
}

fn load(args: &Args) -> Result<Corpus, planalign::Error> {
    let Some(path) = &args.corpus else {
        return corpus::guangdong();
    };
    let mut builder = if args.with_bundled {
        CorpusBuilder::guangdong()?
    } else {
        CorpusBuilder::new()
    };
    builder.add_path(path)?;
    builder.build()
}

fn run(args: &Args, stdout: &mut dyn Write) -> common::Result {
    let corpus = load(args)?;
    for note in corpus.notes() {
        eprintln!("report: {note}");
    }
    let mut registry = Registry::default();
    for file in &args.registries {
        registry.extend_file(file)?;
    }
    let comparer = Comparer::new(&registry);
    let report = report::corpus_report(&comparer, &corpus)?;
    let md = report.to_markdown();
    write!(stdout, "{md}")?;
    if let Some(dir) = &args.out {
        let html = report::html::render(&comparer, &corpus, &report)?;
        let written = write(dir, &report, &md, &html)
            .map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
        eprintln!("wrote {} to {}", written.join(", "), dir.display());
    }
    Ok(())
}

/// Writes the report's files into `dir`; their names.
fn write(
    dir: &Path,
    report: &CorpusReport,
    md: &str,
    html: &str,
) -> Result<Vec<&'static str>, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let mut files: Vec<(&str, String)> = vec![
        ("report.md", md.to_string()),
        ("report.html", html.to_string()),
        ("comparisons.csv", report.comparisons_csv()?),
        ("comparisons.json", report.comparisons_json()?),
        ("matrix.csv", report::matrix_csv(&report.matrix)?),
        ("matrix.json", serde_json::to_string_pretty(&report.matrix)?),
        (
            "consensus.json",
            serde_json::to_string_pretty(&report.consensus)?,
        ),
    ];
    if !report.attainment.is_empty() {
        files.push(("attainment.json", report.attainment_json()?));
    }
    for (name, text) in &files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

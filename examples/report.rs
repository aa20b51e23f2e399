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
//!   --out DIR         also write report.md; the tidy tables indicators, comparisons,
//!                     attainment, reuse and lineage as .csv and .jsonl; planalign.xlsx
//!                     (those tables and the keys × plans matrix); comparisons.json,
//!                     matrix.csv, matrix.json, consensus.json and, when the corpus has
//!                     plans of one locality in consecutive periods, attainment.json
//!   --excel-csv       write the CSV files with a byte-order mark, for Excel
//!   --help            this text
//! ```
//!
//! The files are written before the report is printed: a DIR that cannot be written is
//! an error naming it, and nothing is printed.
//!
//! ```text
//! ```
//!
//! Example: `cargo run --release --example report -- --corpus my-plans/ --with-bundled --out out/`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use planalign::compare::Comparer;
use planalign::corpus::{self, Corpus, CorpusBuilder};
use planalign::registry::Registry;
use planalign::report::{self, CorpusReport, Table};

mod common;

const USAGE: &str = "\
usage: report [--corpus PATH [--with-bundled]] [--registry FILE]... [--out DIR [--excel-csv]]

  --corpus PATH     the user's plans: a folder (with or without a corpus.toml),
                    a corpus.toml, or one plan file; without it, the bundled corpus
  --with-bundled    add the bundled Guangdong corpus to --corpus
  --registry FILE   extend the registry with FILE (repeatable)
  --out DIR         also write the report's tables into DIR: report.md, tidy CSV and
                    JSON Lines (indicators, comparisons, attainment, reuse, lineage),
                    planalign.xlsx, and the JSON of comparisons, matrix and consensus
  --excel-csv       write the CSV files with a byte-order mark, for Excel
  --help            this text

example: cargo run --release --example report -- --corpus my-plans/ --with-bundled --out out/";

/// What the command line asks for.
#[derive(Default)]
struct Args {
    corpus: Option<PathBuf>,
    with_bundled: bool,
    registries: Vec<PathBuf>,
    out: Option<PathBuf>,
    excel_csv: bool,
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
            Long("excel-csv") => args.excel_csv = true,
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(arg.unexpected()),
        }
    }
    if args.with_bundled && args.corpus.is_none() {
        return Err(
            "--with-bundled adds the bundled corpus to --corpus PATH, which is missing".into(),
        );
    }
    if args.excel_csv && args.out.is_none() {
        return Err(
            "--excel-csv says how --out DIR writes its CSV files, and --out is missing".into(),
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
    // The files first: a folder that cannot be written is an error before any output.
    if let Some(dir) = &args.out {
        let html = report::html::render(&comparer, &corpus, &report)?;
        let files = files(&report, &comparer, &corpus, &md, &html, args.excel_csv)?;
        write(dir, &files).map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        eprintln!("wrote {} to {}", names.join(", "), dir.display());
    }
    write!(stdout, "{md}")?;
    Ok(())
}

/// The files `--out` writes: their names and contents.
fn files(
    report: &CorpusReport,
    comparer: &Comparer<'_>,
    corpus: &Corpus,
    md: &str,
    html: &str,
    excel_csv: bool,
) -> common::Result<Vec<(String, Vec<u8>)>> {
    let tables = report.tidy(comparer, corpus);
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("report.md".into(), md.into()),
        ("report.html".into(), html.into()),
    ];
    // matrix.csv, the report's own, takes the same mark.
    let csv = |text: String| -> Vec<u8> {
        if excel_csv {
            format!("\u{feff}{text}").into_bytes()
        } else {
            text.into_bytes()
        }
    };
    for table in Table::ALL {
        let text = if excel_csv {
            tables.csv_for_excel(table)?
        } else {
            tables.csv(table)?
        };
        files.push((format!("{}.csv", table.name()), text.into_bytes()));
        let jsonl = tables.json_lines(table)?;
        files.push((format!("{}.jsonl", table.name()), jsonl.into_bytes()));
    }
    files.push(("planalign.xlsx".into(), tables.xlsx()?));
    files.extend([
        (
            "comparisons.json".into(),
            report.comparisons_json()?.into_bytes(),
        ),
        (
            "matrix.csv".into(),
            csv(report::matrix_csv(&report.matrix)?),
        ),
        (
            "matrix.json".into(),
            serde_json::to_string_pretty(&report.matrix)?.into_bytes(),
        ),
        (
            "consensus.json".into(),
            serde_json::to_string_pretty(&report.consensus)?.into_bytes(),
        ),
    ]);
    if !report.attainment.is_empty() {
        files.push((
            "attainment.json".into(),
            report.attainment_json()?.into_bytes(),
        ));
    }
    Ok(files)
}

/// Writes `files` into `dir`, creating it.
fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

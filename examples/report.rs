//! The main job: the whole bundled Guangdong corpus, each plan against its ancestors and
//! its peers, the keys × plans matrix, binding gaps, the largest escalations and
//! loosenings, goal and task coverage, and the text the plans share. Markdown on stdout.
//! The report itself is [`planalign::report::corpus_report`]; this is its command line.
//!
//! ```text
//! cargo run --release --example report [-- --out DIR]
//! ```
//!
//! With `--out DIR`, also writes `report.md`, `comparisons.csv`, `comparisons.json`,
//! `matrix.csv`, `matrix.json` and `consensus.json` into DIR.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use planalign::compare::Comparer;
use planalign::report::{self, CorpusReport};
use planalign::{corpus, registry::Registry};

mod common;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args.iter().position(|a| a == "--out") {
        Some(k) => match args.get(k + 1) {
            Some(d) => Some(PathBuf::from(d)),
            None => {
                eprintln!("report: --out needs a directory");
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    common::run("report", |stdout| run(out.as_deref(), stdout))
}

fn run(out: Option<&Path>, stdout: &mut dyn Write) -> common::Result {
    let corpus = corpus::guangdong()?;
    let registry = Registry::default();
    let report = report::corpus_report(&Comparer::new(&registry), &corpus)?;
    let md = report.to_markdown();
    write!(stdout, "{md}")?;
    if let Some(dir) = out {
        write(dir, &report, &md)?;
        eprintln!(
            "wrote report.md, comparisons.csv, comparisons.json, matrix.csv, matrix.json, consensus.json to {}",
            dir.display()
        );
    }
    Ok(())
}

fn write(dir: &Path, report: &CorpusReport, md: &str) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("report.md"), md)?;
    std::fs::write(dir.join("comparisons.csv"), report.comparisons_csv()?)?;
    std::fs::write(dir.join("comparisons.json"), report.comparisons_json()?)?;
    std::fs::write(dir.join("matrix.csv"), report::matrix_csv(&report.matrix)?)?;
    std::fs::write(
        dir.join("matrix.json"),
        serde_json::to_string_pretty(&report.matrix)?,
    )?;
    std::fs::write(
        dir.join("consensus.json"),
        serde_json::to_string_pretty(&report.consensus)?,
    )?;
    Ok(())
}

//! Resolves indicator names to canonical keys, one per input line.
//!
//! ```text
//! printf '明厨亮灶覆盖率\n食品检验量\t批次/千人年\n' | cargo run --release --example resolve [-- --registry FILE]...
//! ```
//!
//! `--registry FILE` extends the registry (repeatable: aliases, withdrawals, new keys).
//!
//! Input lines are `NAME` or `NAME<TAB>UNIT`. Output lines are
//! `NAME<TAB>KEY<TAB>SCORE<TAB>HOW<TAB>SUGGESTIONS`: KEY is `-` when nothing is assigned,
//! HOW is exact, alias, unit or fuzzy (`-` when nothing is assigned), and SUGGESTIONS the
//! top three candidate keys with their scores, comma-separated.
//!
//! Names repeat in real data (a few thousand distinct names in millions of rows), so
//! each distinct `NAME<TAB>UNIT` is resolved once and its output line remembered; the
//! memo holds at most 200,000 lines and is cleared when full.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::process::ExitCode;

use planalign::Unit;
use planalign::registry::Registry;

mod common;

const USAGE: &str = "\
usage: resolve [--registry FILE]...   (names on stdin, one per line: NAME or NAME<TAB>UNIT)

example: printf '明厨亮灶覆盖率\\n' | cargo run --release --example resolve";

fn parse_args() -> Result<Option<Vec<std::path::PathBuf>>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut files = Vec::new();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("registry") => files.push(parser.value()?.into()),
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(Some(files))
}

fn main() -> ExitCode {
    match common::command_line("resolve", USAGE, parse_args) {
        Ok(files) => common::run("resolve", |out| run(&files, out)),
        Err(code) => code,
    }
}

fn run(files: &[std::path::PathBuf], out: &mut dyn Write) -> common::Result {
    let mut registry = Registry::default();
    for file in files {
        registry.extend_file(file)?;
    }
    let stdin = std::io::stdin().lock();
    let mut memo: HashMap<String, String> = HashMap::new();
    for (n, line) in stdin.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if let Some(done) = memo.get(line) {
            writeln!(out, "{done}")?;
            continue;
        }
        let (name, unit_text) = line.split_once('\t').unwrap_or((line, ""));
        let unit: Option<Unit> = unit_text.trim().parse().ok();
        let r = registry.resolve(name, unit.as_ref());
        let suggestions: Vec<String> = r
            .candidates
            .iter()
            .filter(|c| !c.is_vetoed())
            .take(3)
            .map(|c| format!("{}:{:.2}", c.key, c.score))
            .collect();
        let done = format!(
            "{name}\t{}\t{:.3}\t{}\t{}",
            r.key().unwrap_or("-"),
            r.score(),
            r.how().map_or("-".to_string(), |h| h.to_string()),
            suggestions.join(",")
        );
        writeln!(out, "{done}")?;
        if memo.len() >= 200_000 {
            memo.clear();
        }
        memo.insert(line.to_string(), done);
    }
    Ok(())
}

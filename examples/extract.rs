//! Prints a parsed plan as pretty JSON on stdout and its diagnostics on stderr.
//!
//! ```text
//! cargo run --release --example extract -- PATH_OR_ID
//! ```
//!
//! `PATH_OR_ID` is a bundled plan id (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
//! guangdong) or the path of a plan document in UTF-8 or GB18030.

use std::io::Write;
use std::process::ExitCode;

use planalign::corpus;

mod common;

const USAGE: &str = "\
usage: extract PATH_OR_ID

  PATH_OR_ID        a bundled plan id (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
                    guangdong) or the path of a plan document (UTF-8 or GB18030, .docx,
                    .html)
  --help            this text

example: cargo run --release --example extract -- qingyuan";

fn parse_args() -> Result<Option<String>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut plan = None;
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("help") | Short('h') => return Ok(None),
            Value(v) if plan.is_none() => plan = Some(common::plan_arg(v)?),
            _ => return Err(arg.unexpected()),
        }
    }
    plan.map(Some)
        .ok_or_else(|| "expected PATH_OR_ID, a plan to extract".into())
}

fn main() -> ExitCode {
    match common::command_line("extract", USAGE, parse_args) {
        Ok(arg) => common::run(&format!("extract: {arg}"), |out| run(&arg, out)),
        Err(code) => code,
    }
}

fn run(arg: &str, out: &mut dyn Write) -> common::Result {
    let (plan, diagnostics) = if common::bundled_ids().contains(&arg) {
        let corpus = corpus::guangdong()?;
        (corpus.plan(arg)?.clone(), corpus.diagnostics(arg).to_vec())
    } else {
        planalign::parse_file(arg)?.into_parts()
    };
    writeln!(out, "{}", plan.to_json()?)?;
    for d in diagnostics {
        eprintln!("{d}");
    }
    Ok(())
}

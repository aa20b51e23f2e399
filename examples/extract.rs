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

fn main() -> ExitCode {
    let Some(arg) = std::env::args().nth(1) else {
        eprintln!(
            "usage: extract PATH_OR_ID   (ids: {}, guangdong)",
            corpus::ids().join(", ")
        );
        return ExitCode::FAILURE;
    };
    common::run(&format!("extract: {arg}"), |out| run(&arg, out))
}

fn run(arg: &str, out: &mut dyn Write) -> common::Result {
    let (plan, diagnostics) = if corpus::ids().contains(&arg) || arg == "guangdong" {
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

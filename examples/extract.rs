//! Prints a parsed plan as pretty JSON on stdout and its diagnostics on stderr.
//!
//! ```text
//! cargo run --release --example extract -- PATH_OR_ID
//! ```
//!
//! `PATH_OR_ID` is a bundled plan id (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
//! guangdong) or the path of a plan document in UTF-8 or GB18030.

use std::process::ExitCode;

use planalign::corpus;

fn main() -> ExitCode {
    let Some(arg) = std::env::args().nth(1) else {
        eprintln!(
            "usage: extract PATH_OR_ID   (ids: {}, guangdong)",
            corpus::ids().join(", ")
        );
        return ExitCode::FAILURE;
    };
    match run(&arg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract: {arg}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(arg: &str) -> Result<(), planalign::Error> {
    let (plan, diagnostics) = if corpus::ids().contains(&arg) || arg == "guangdong" {
        let corpus = corpus::guangdong()?;
        (corpus.plan(arg)?.clone(), corpus.diagnostics(arg).to_vec())
    } else {
        planalign::parse_file(arg)?.into_parts()
    };
    println!("{}", plan.to_json()?);
    for d in diagnostics {
        eprintln!("{d}");
    }
    Ok(())
}

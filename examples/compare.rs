//! Compares a child plan with a parent plan.
//!
//! ```text
//! cargo run --release --example compare -- CHILD PARENT [--json|--csv]
//! ```
//!
//! CHILD and PARENT are bundled ids (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
//! guangdong) or paths of plan documents. Markdown by default.

use std::io::Write;
use std::process::ExitCode;

use planalign::{Plan, compare::compare, corpus, report};

mod common;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags: Vec<&str> = args
        .iter()
        .filter(|a| a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let ids: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let [child, parent] = ids.as_slice() else {
        eprintln!("usage: compare CHILD PARENT [--json|--csv]");
        return ExitCode::FAILURE;
    };
    common::run("compare", |out| run(child, parent, &flags, out))
}

fn load(arg: &str, corpus: &corpus::Corpus) -> Result<Plan, planalign::Error> {
    match corpus.plan(arg) {
        Ok(p) => Ok(p.clone()),
        Err(e) if e.is_unknown_id() && std::path::Path::new(arg).exists() => {
            let (mut plan, diags) = planalign::parse_file(arg)?.into_parts();
            for d in diags
                .iter()
                .filter(|d| d.severity >= planalign::Severity::Warning)
            {
                eprintln!("{arg}: {d}");
            }
            plan.id.get_or_insert_with(|| arg.to_string());
            Ok(plan)
        }
        Err(e) => Err(e),
    }
}

fn run(child: &str, parent: &str, flags: &[&str], out: &mut dyn Write) -> common::Result {
    let corpus = corpus::guangdong()?;
    let c = compare(&load(child, &corpus)?, &load(parent, &corpus)?);
    if flags.contains(&"--json") {
        writeln!(out, "{}", c.to_json()?)?;
    } else if flags.contains(&"--csv") {
        write!(out, "{}", report::comparison_csv(&[c])?)?;
    } else {
        write!(out, "{}", report::comparison_markdown(&c))?;
    }
    Ok(())
}

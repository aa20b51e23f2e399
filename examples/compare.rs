//! Compares a child plan with a parent plan.
//!
//! ```text
//! cargo run --release --example compare -- CHILD PARENT [--json|--csv] [--registry FILE]...
//! ```
//!
//! CHILD and PARENT are bundled ids (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
//! guangdong) or paths of plan documents. Markdown by default. `--registry FILE` extends
//! the registry (repeatable).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use planalign::registry::Registry;
use planalign::{Comparer, Plan, corpus, report};

mod common;

const USAGE: &str = "\
usage: compare CHILD PARENT [--json | --csv] [--registry FILE]...

  CHILD, PARENT     bundled ids (zhongshan, zhanjiang, qingyuan, dinghu, dayawan,
                    guangdong) or paths of plan documents
  --json, --csv     the comparison as JSON or CSV instead of Markdown
  --registry FILE   extend the registry with FILE (repeatable)

example: cargo run --release --example compare -- dinghu qingyuan --json";

#[derive(Default)]
struct Args {
    plans: Vec<String>,
    format: Option<&'static str>,
    registries: Vec<PathBuf>,
}

fn parse_args() -> Result<Option<Args>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args::default();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        let format = match arg {
            Long("json") => "json",
            Long("csv") => "csv",
            Long("registry") => {
                args.registries.push(parser.value()?.into());
                continue;
            }
            Long("help") | Short('h') => return Ok(None),
            Value(v) => {
                args.plans.push(common::plan_arg(v)?);
                continue;
            }
            _ => return Err(arg.unexpected()),
        };
        if let Some(other) = args.format.replace(format) {
            if other != format {
                return Err(format!("--{other} and --{format} conflict: choose one").into());
            }
        }
    }
    if args.plans.len() != 2 {
        return Err(format!("expected CHILD and PARENT, got {} plans", args.plans.len()).into());
    }
    Ok(Some(args))
}

fn main() -> ExitCode {
    match common::command_line("compare", USAGE, parse_args) {
        Ok(args) => common::run("compare", |out| run(&args, out)),
        Err(code) => code,
    }
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

fn run(args: &Args, out: &mut dyn Write) -> common::Result {
    let corpus = corpus::guangdong()?;
    let mut registry = Registry::default();
    for file in &args.registries {
        registry.extend_file(file)?;
    }
    let [child, parent] = [&args.plans[0], &args.plans[1]].map(|p| load(p, &corpus));
    let c = Comparer::new(&registry).compare(&child?, &parent?);
    match args.format {
        Some("json") => writeln!(out, "{}", c.to_json()?)?,
        Some(_) => write!(out, "{}", report::comparison_csv(&[c])?)?,
        None => write!(out, "{}", report::comparison_markdown(&c))?,
    }
    Ok(())
}

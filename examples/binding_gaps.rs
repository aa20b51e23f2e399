//! Which binding (约束性) indicators of higher or peer plans do the lower plans drop?
//!
//! ```text
//! cargo run --release --example binding_gaps
//! ```
//!
//! For every county-level plan, against every city plan in the corpus (their own cities'
//! plans are not in it), lists the city's binding indicators the county plan lacks.

use std::io::Write;
use std::process::ExitCode;

use planalign::compare::Comparer;
use planalign::{Level, corpus};

mod common;

const USAGE: &str = "\
usage: binding_gaps   (no arguments; the bundled corpus)

  --help            this text

example: cargo run --release --example binding_gaps";

fn main() -> ExitCode {
    match common::command_line("binding_gaps", USAGE, common::no_arguments) {
        Ok(()) => common::run("binding_gaps", run),
        Err(code) => code,
    }
}

fn run(out: &mut dyn Write) -> common::Result {
    let corpus = corpus::guangdong()?;
    let comparer = Comparer::default();
    let plans = corpus.plans();
    let cities: Vec<_> = plans
        .iter()
        .filter(|p| p.locality.level == Level::PrefectureCity)
        .collect();
    let lower: Vec<_> = plans
        .iter()
        .filter(|p| p.locality.level.depth() == Some(3))
        .collect();
    writeln!(out, "plan\tagainst\tkey\tindicator\tits target")?;
    for d in &lower {
        for c in &cities {
            for g in comparer.compare(d, c).binding_gaps() {
                let target = g.parent.as_ref().map_or(String::new(), |p| {
                    format!(
                        "{} {}",
                        p.target.raw(),
                        p.unit.as_ref().map_or("", |u| u.raw())
                    )
                });
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    d.label(),
                    c.label(),
                    g.key,
                    g.name,
                    target.trim()
                )?;
            }
        }
    }
    Ok(())
}

//! Where do lower plans set targets above (层层加码) or below the plans above them?
//!
//! ```text
//! cargo run --release --example escalations
//! ```
//!
//! For every pair of a county-level plan and a city plan, and every pair of city plans,
//! prints the keys judged stricter or looser, with the escalation ratio, strongest first.

use std::io::Write;
use std::process::ExitCode;

use planalign::compare::{Comparer, Verdict};
use planalign::{Level, corpus};

mod common;

fn main() -> ExitCode {
    common::run("escalations", run)
}

fn run(out: &mut dyn Write) -> common::Result {
    let corpus = corpus::guangdong()?;
    let comparer = Comparer::default();
    let plans = corpus.plans();
    let cities: Vec<_> = plans
        .iter()
        .filter(|p| p.locality.level == Level::PrefectureCity)
        .collect();
    let mut rows = Vec::new();
    for child in plans.iter().filter(|p| p.locality.level.depth() >= Some(2)) {
        for parent in &cities {
            if child.id == parent.id
                || (child.locality.level == Level::PrefectureCity && child.label() > parent.label())
            {
                continue;
            }
            for i in comparer.compare(child, parent).indicators {
                if let (Some(v @ (Verdict::Stricter | Verdict::Looser)), Some(r)) =
                    (i.verdict, i.escalation_ratio)
                {
                    rows.push((
                        r.ln().abs(),
                        child.label().to_string(),
                        parent.label().to_string(),
                        i.name,
                        v,
                        r,
                    ));
                }
            }
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    writeln!(out, "plan\tagainst\tindicator\tverdict\tratio")?;
    for (_, c, p, name, v, r) in rows {
        // The verdict's serde name, as in the JSON and the reports.
        let v = serde_json::to_value(v)?;
        writeln!(
            out,
            "{c}\t{p}\t{name}\t{}\t{r:.2}",
            v.as_str().unwrap_or("")
        )?;
    }
    Ok(())
}

//! Where do lower plans set targets above (层层加码) or below the plans above them?
//!
//! ```text
//! cargo run --release --example escalations
//! ```
//!
//! Escalation is a relation between a plan and its ancestors: for every local plan and
//! every ancestor whose plan is in the corpus, prints the keys judged stricter or looser,
//! with the ratio, strongest first. Then, apart, the city plans against each other: a
//! peer is above or below, never escalated.

use std::io::Write;
use std::process::ExitCode;

use planalign::compare::{Comparer, Comparison, Relation, Verdict};
use planalign::{Level, corpus};

mod common;

const USAGE: &str = "\
usage: escalations   (no arguments; the bundled corpus)

  --help            this text

example: cargo run --release --example escalations";

fn main() -> ExitCode {
    match common::command_line("escalations", USAGE, common::no_arguments) {
        Ok(()) => common::run("escalations", run),
        Err(code) => code,
    }
}

/// The keys of a comparison judged stricter or looser, with the size of the difference.
fn judged(c: &Comparison) -> Vec<(f64, String, String, String, Verdict, f64)> {
    c.indicators
        .iter()
        .filter_map(|i| match (i.verdict, i.escalation_ratio) {
            (Some(v @ (Verdict::Stricter | Verdict::Looser)), Some(r)) => Some((
                r.ln().abs(),
                c.child.clone(),
                c.parent.clone(),
                i.name.clone(),
                v,
                r,
            )),
            _ => None,
        })
        .collect()
}

fn run(out: &mut dyn Write) -> common::Result {
    let corpus = corpus::guangdong()?;
    let comparer = Comparer::default();
    let mut ancestors = Vec::new();
    for plan in corpus.plans().iter().filter(|p| p.parent.is_some()) {
        for a in comparer.against_ancestors(&corpus, plan.label())? {
            ancestors.extend(a.comparison.iter().flat_map(judged));
        }
    }
    let cities: Vec<_> = corpus
        .plans()
        .iter()
        .filter(|p| p.locality.level == Level::PrefectureCity)
        .collect();
    let mut peers = Vec::new();
    for (k, a) in cities.iter().enumerate() {
        for b in &cities[k + 1..] {
            peers.extend(judged(&comparer.compare_as(a, b, Relation::Peer)));
        }
    }
    writeln!(out, "relation\tplan\tagainst\tindicator\tverdict\tratio")?;
    if ancestors.is_empty() {
        writeln!(
            out,
            "# no plan has an ancestor in the corpus whose indicator table is known: no escalation to list"
        )?;
    }
    for (relation, mut rows) in [(Relation::Ancestor, ancestors), (Relation::Peer, peers)] {
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, c, p, name, v, r) in rows {
            writeln!(
                out,
                "{relation:?}\t{c}\t{p}\t{name}\t{}\t{r:.2}",
                relation.verdict_words(v)
            )?;
        }
    }
    Ok(())
}

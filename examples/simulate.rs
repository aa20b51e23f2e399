//! Synthetic corpora at scale, timed: one line per measurement, naming its count and its
//! time.
//!
//! ```text
//! cargo run --release --example simulate -- province [--cities 21 --districts 120]
//! cargo run --release --example simulate -- lineage 1000 [--seed 14]
//! cargo run --release --example simulate -- reuse 1 2 4 8
//! ```
//!
//! `province` builds a synthetic province from the bundled plans (examples/common/province.rs:
//! one provincial plan, 21 cities and 120 districts, each plan a bundled plan renamed with
//! its targets moved by a seeded factor) and times [`planalign::Comparer::compare_all`] on
//! its 426 comparisons, three for every plan (a district with its city, the province and a
//! sibling; a city with the province and its two neighbouring cities; the province with
//! three of its cities).
//!
//! `lineage N` generates a corpus of N plans from the bundled ones (examples/common/synth.rs:
//! the five bundled local plans as roots, every other plan derived from a planted source,
//! chapters reordered, scope words and numbers changed, sentences dropped, fresh sentences
//! inserted), runs [`planalign::reuse::lineage`] on it and prints the times, the peak
//! memory of the process (`VmHWM`, generation included) and how well the "adapted from"
//! edges recover the planted ones:
//!
//! - a *planted* edge is a pair (plan, its planted source), one for every derived plan;
//! - a *recovered* edge is a pair (plan, source) of the lineage's edges, except those
//!   between two bundled plans (their sources are not planted, so not known);
//! - a recovered edge is *correct* when it is a planted edge, or when its direction is
//!   undetermined and it is a planted edge turned round (the lineage then says the two
//!   plans are source and adaptation without saying which is which);
//! - precision = correct recovered edges / recovered edges; recall = planted edges matched
//!   by a correct recovered edge / planted edges (`synth::Score`, which the tests use too).
//!
//! `reuse K…` times [`planalign::reuse::align_text`] on 湛江 and 鼎湖 at K times their text
//! (K copies of each plan's paragraphs, copy k with its CJK ideographs shifted by k · 997
//! within their block, as benches/reuse.rs makes them), the median of five runs, beside
//! the difflib peer `benches/peer/reuse_difflib.py` on the same input.
//!
//! Also printed for lineage: recall by derivation (one level down, the next period, the same period
//! and level), and how often the planted source is among the plan's listed sources.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use planalign::reuse::lineage;

mod common;
#[path = "common/province.rs"]
mod province;
#[path = "common/scaled.rs"]
mod scaled;
#[path = "common/synth.rs"]
mod synth;

use scaled::scaled;
use synth::Derivation;

const USAGE: &str = "\
usage: simulate province [--cities C] [--districts D] [--seed S]
       simulate lineage N [--seed S]
       simulate reuse K...

  province          build a synthetic province from the bundled plans (1 province, C
                    cities, D districts; default 21 and 120) and time its comparisons,
                    three for every plan

  lineage N         generate a synthetic corpus of N plans from the bundled ones (each
                    derived from a planted source), run the corpus lineage on it, and
                    print its time, the peak memory and the precision and recall of the
                    recovered \"adapted from\" edges against the planted ones
  --seed S          the generator's seed (default 14)
  --cities C        the province's cities (default 21)
  --districts D     the province's districts, spread over its cities (default 120)
  reuse K...        time align_text on zhanjiang and dinghu at K times their text
  --help            this text

example: cargo run --release --example simulate -- lineage 1000";

/// What the command line asks for.
enum Command {
    /// `lineage N`: the corpus lineage of N synthetic plans.
    Lineage { plans: usize, seed: u64 },
    /// `reuse K…`: two-plan text reuse at K times the text.
    Reuse { copies: Vec<u32> },
    /// `province`: the synthetic province's comparisons.
    Province { shape: province::Shape, seed: u64 },
}

fn parse_args() -> Result<Option<Command>, lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut command: Option<String> = None;
    let mut counts: Vec<usize> = Vec::new();
    let mut seed = 14u64;
    let mut shape = province::Shape {
        cities: 21,
        districts: 120,
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("help") | Short('h') => return Ok(None),
            Long("seed") => seed = parser.value()?.parse()?,
            Long("cities") => shape.cities = parser.value()?.parse()?,
            Long("districts") => shape.districts = parser.value()?.parse()?,
            Value(v) if command.is_none() => {
                let v = v.string()?;
                match v.as_str() {
                    "province" | "lineage" | "reuse" => command = Some(v),
                    _ => {
                        return Err(format!(
                            "unknown command {v:?}: expected province, lineage or reuse"
                        )
                        .into());
                    }
                }
            }
            Value(v) if command.as_deref() == Some("reuse") || counts.is_empty() => {
                counts.push(v.parse()?);
            }
            _ => return Err(arg.unexpected()),
        }
    }
    match (command.as_deref(), counts.as_slice()) {
        (Some("province"), []) if shape.cities == 0 => Err("a province needs a city".into()),
        (Some("province"), []) => Ok(Some(Command::Province { shape, seed })),
        (Some("province"), _) => {
            Err("province takes no count: use --cities and --districts".into())
        }
        (Some("lineage"), [plans]) => Ok(Some(Command::Lineage {
            plans: *plans,
            seed,
        })),
        (Some("reuse"), copies) if !copies.is_empty() => {
            let copies = copies
                .iter()
                .map(|&k| u32::try_from(k).ok().filter(|k| (1..=64).contains(k)))
                .collect::<Option<Vec<u32>>>()
                .ok_or("K must be from 1 to 64")?;
            Ok(Some(Command::Reuse { copies }))
        }
        (Some("lineage"), _) => Err("expected N, the number of plans".into()),
        (Some(_), _) => Err("expected K, how many times the text".into()),
        _ => Err("expected a command: province, lineage N, or reuse K...".into()),
    }
}

fn main() -> ExitCode {
    match common::command_line("simulate", USAGE, parse_args) {
        Ok(Command::Lineage { plans, seed }) => {
            common::run("simulate", |out| run_lineage(out, plans, seed))
        }
        Ok(Command::Province { shape, seed }) => {
            common::run("simulate", |out| province::run(out, shape, seed))
        }
        Ok(Command::Reuse { copies }) => common::run("simulate", |out| run_reuse(out, &copies)),
        Err(code) => code,
    }
}

fn run_reuse(out: &mut dyn Write, copies: &[u32]) -> common::Result {
    const RUNS: usize = 5;
    let corpus = planalign::corpus::guangdong()?;
    let (a, b) = (corpus.plan("zhanjiang")?, corpus.plan("dinghu")?);
    for &k in copies {
        let (a, b) = (scaled(a, k), scaled(b, k));
        let mut times = Vec::with_capacity(RUNS);
        let mut shares = (0.0, 0.0);
        for _ in 0..RUNS {
            let start = Instant::now();
            let t = planalign::reuse::align_text(&a, &b);
            times.push(start.elapsed().as_secs_f64());
            shares = (t.a_share(), t.b_share());
        }
        times.sort_by(f64::total_cmp);
        writeln!(
            out,
            "zhanjiang x dinghu at {k}x: align_text in {:.1} ms (median of {RUNS}; a_share {:.3} b_share {:.3})",
            times[RUNS / 2] * 1e3,
            shares.0,
            shares.1
        )?;
    }
    Ok(())
}

fn run_lineage(out: &mut dyn Write, n: usize, seed: u64) -> common::Result {
    let start = Instant::now();
    let corpus = synth::corpus(n, seed)?;
    let n = corpus.plans.len();
    writeln!(
        out,
        "{n} plans generated in {:.2} s",
        start.elapsed().as_secs_f64()
    )?;
    let start = Instant::now();
    let found = lineage(&corpus.plans);
    let pairs = n * n.saturating_sub(1) / 2;
    writeln!(
        out,
        "{n} plans: lineage in {:.2} s ({} pairs aligned of {pairs})",
        start.elapsed().as_secs_f64(),
        found.pairs_aligned()
    )?;
    match peak_memory() {
        Some(bytes) => writeln!(out, "peak memory {:.2} GB", bytes as f64 / 1e9)?,
        None => writeln!(out, "peak memory unknown (no /proc/self/status)")?,
    }
    let score = synth::Score::of(&corpus, &found);
    writeln!(
        out,
        "{} planted edges, {} recovered ({} undetermined), {} correct",
        score.planted, score.recovered, score.undetermined, score.correct
    )?;
    for (how, name) in [
        (Derivation::Lower, "one level down"),
        (Derivation::Later, "the next period"),
        (Derivation::SameRank, "same period and level"),
    ] {
        let (hit, of) = score.by_derivation(how);
        let recall = if of == 0 { 1.0 } else { hit as f64 / of as f64 };
        writeln!(out, "recall {recall:.3} of {of} plans derived {name}")?;
    }
    writeln!(
        out,
        "planted source among the listed sources for {} of {} plans",
        score.listed, score.planted
    )?;
    writeln!(
        out,
        "precision {:.3} recall {:.3}",
        score.precision(),
        score.recall()
    )?;
    Ok(())
}

/// The process's peak resident memory in bytes (`VmHWM` of /proc/self/status).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

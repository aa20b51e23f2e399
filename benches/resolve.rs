//! Resolver throughput against a naive baseline in the same run: normalized Levenshtein
//! of the normalized name against every alias, best key above 0.8. Accuracy of both on
//! the test tables (variants that must resolve, near misses that must not) is printed
//! first, so speed is never bought with accuracy.
//!
//! Then the labelled batch of benches/peer (`python3 benches/peer/make_batch.py` writes
//! benches/peer/batch.tsv, 100,000 distinct names; without it, the 2,000-name sample in
//! tests/fixtures/resolve): [`Resolver::key`](planalign::registry::Resolver::key) over all
//! of it, and `Registry::resolve` (candidates and evidence written out) over the sample.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planalign::Unit;
use planalign::registry::{Registry, normalize};

struct Case {
    name: String,
    unit: Option<Unit>,
    want: Option<String>,
    not: Option<String>,
}

fn cases() -> Vec<Case> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/resolve/");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap_or_default();
    let mut out = Vec::new();
    for (file, positive) in [("variants.tsv", true), ("near_misses.tsv", false)] {
        for l in read(file).lines().skip(1) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() < 3 {
                continue;
            }
            out.push(Case {
                name: c[0].to_string(),
                unit: c[1].trim().parse().ok(),
                want: positive.then(|| c[2].to_string()),
                not: (!positive).then(|| c[2].to_string()),
            });
        }
    }
    out
}

/// The naive baseline: every alias of every key, scored with normalized Levenshtein.
struct Naive {
    names: Vec<(String, String)>,
}

impl Naive {
    fn new(r: &Registry) -> Naive {
        let mut names = Vec::new();
        for e in r.entries() {
            names.push((normalize(&e.name_zh).text, e.key.clone()));
            for a in e.aliases.iter().chain(&e.ambiguous_aliases) {
                names.push((normalize(&a.name).text, e.key.clone()));
            }
        }
        Naive { names }
    }

    fn resolve(&self, name: &str) -> Option<&str> {
        let q = normalize(name).text;
        let mut best = (0.0, None);
        for (n, k) in &self.names {
            let s = strsim::normalized_levenshtein(&q, n);
            if s > best.0 {
                best = (s, Some(k.as_str()));
            }
        }
        if best.0 >= 0.8 { best.1 } else { None }
    }
}

fn accuracy(cases: &[Case], f: impl Fn(&Case) -> Option<String>) -> (usize, usize) {
    let right = cases
        .iter()
        .filter(|c| {
            let got = f(c);
            match (&c.want, &c.not) {
                (Some(w), _) => got.as_deref() == Some(w.as_str()),
                (None, Some(n)) => got.as_deref() != Some(n.as_str()),
                _ => true,
            }
        })
        .count();
    (right, cases.len())
}

/// The rows of a labelled batch: name, unit, expected key.
fn batch(path: &str) -> Option<Vec<(String, Option<Unit>, String)>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 4)
                    .then(|| (c[0].to_string(), c[1].trim().parse().ok(), c[2].to_string()))
            })
            .collect(),
    )
}

fn bench_batch(c: &mut Criterion) {
    let reg = Registry::default();
    let dir = env!("CARGO_MANIFEST_DIR");
    let sample =
        batch(&format!("{dir}/tests/fixtures/resolve/batch_sample.tsv")).unwrap_or_default();
    let (label, rows) = match batch(&format!("{dir}/benches/peer/batch.tsv")) {
        Some(rows) => ("batch", rows),
        None => {
            eprintln!(
                "benches/peer/batch.tsv not found (make_batch.py writes it): the sample instead"
            );
            ("batch sample", sample.clone())
        }
    };
    let mut resolver = reg.resolver();
    let right = rows
        .iter()
        .filter(|(n, u, want)| resolver.key(n, u.as_ref()).map_or("", |a| a.key) == want)
        .count();
    eprintln!("{label}: {right}/{} correct", rows.len());
    let mut g = c.benchmark_group("resolve batch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rows.len() as u64));
    g.bench_function(format!("Resolver::key, {label} of {}", rows.len()), |bch| {
        bch.iter(|| {
            for (name, unit, _) in &rows {
                black_box(resolver.key(name, unit.as_ref()));
            }
        })
    });
    g.throughput(Throughput::Elements(sample.len() as u64));
    g.bench_function(
        format!(
            "Registry::resolve with evidence, sample of {}",
            sample.len()
        ),
        |bch| {
            bch.iter(|| {
                for (name, unit, _) in &sample {
                    black_box(reg.resolve(name, unit.as_ref()));
                }
            })
        },
    );
    g.finish();
}

fn bench(c: &mut Criterion) {
    let reg = Registry::default();
    let naive = Naive::new(&reg);
    let cases = cases();
    let (a, n) = accuracy(&cases, |c| {
        reg.resolve(&c.name, c.unit.as_ref())
            .key()
            .map(str::to_string)
    });
    let (b, _) = accuracy(&cases, |c| naive.resolve(&c.name).map(str::to_string));
    eprintln!("accuracy on {n} test names: resolver {a}/{n}, naive baseline {b}/{n}");
    let mut g = c.benchmark_group("resolve");
    g.throughput(Throughput::Elements(cases.len() as u64));
    g.bench_function("resolver", |bch| {
        bch.iter(|| {
            for c in &cases {
                black_box(reg.resolve(&c.name, c.unit.as_ref()));
            }
        })
    });
    g.bench_function("naive levenshtein baseline", |bch| {
        bch.iter(|| {
            for c in &cases {
                black_box(naive.resolve(&c.name));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_batch);
criterion_main!(benches);

//! The mutation test of issue "Nothing lost": for each bundled plan, each row of its table
//! is in turn deleted, duplicated, blanked and corrupted (a deterministic set), and no row
//! may be lost without a diagnostic: every line of the table is held by an indicator, a
//! diagnostic or a note (the accounting oracle, counted from the text), the reader's safety
//! net never has to step in, and every row left untouched is still read under its name.

mod common;

use common::{safety_net, unaccounted};
use planalign::{Indicator, parse};

/// What is done to one row's lines.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    Delete,
    Duplicate,
    /// Every cell emptied; the row's layout (tabs, pipes) kept.
    Blank,
    /// The name replaced with a text of this kind.
    Name(&'static str),
    /// The target replaced with a text of this kind.
    Target(&'static str),
}

const NAMES: [&str; 6] = [
    "注：含分支机构",
    "三、市场主体",
    "第二章  市场主体",
    "（一）市场主体",
    "全面推进市场主体登记确认制改革，实现企业开办全程网上办理，持续压缩开办时间。",
    "市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量市场主体总量",
];
const TARGETS: [&str; 3] = ["2", "不详", "说明：另行下达"];

fn mutations() -> Vec<Mutation> {
    let mut m = vec![Mutation::Delete, Mutation::Duplicate, Mutation::Blank];
    m.extend(NAMES.iter().map(|n| Mutation::Name(n)));
    m.extend(TARGETS.iter().map(|t| Mutation::Target(t)));
    m
}

/// Replaces the first occurrence of `old` on the row's lines with `new`; false when the
/// row's lines do not hold `old` whole.
fn replace_in(lines: &mut [String], rows: std::ops::Range<usize>, old: &str, new: &str) -> bool {
    if old.is_empty() {
        return false;
    }
    for l in &mut lines[rows] {
        if let Some(at) = l.find(old) {
            l.replace_range(at..at + old.len(), new);
            return true;
        }
    }
    false
}

/// The document with `m` applied to `row`, or `None` when the mutation does not apply.
fn mutate(text: &str, row: &Indicator, m: Mutation) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let rows = row.line - 1..row.end_line;
    match m {
        Mutation::Delete => {
            lines.drain(rows);
        }
        Mutation::Duplicate => {
            let copy: Vec<String> = lines[rows.clone()].to_vec();
            lines.splice(rows.end..rows.end, copy);
        }
        Mutation::Blank => {
            for l in &mut lines[rows] {
                *l = l
                    .chars()
                    .filter(|c| matches!(c, '\t' | '|'))
                    .collect::<String>();
            }
        }
        Mutation::Name(new) => {
            if !replace_in(&mut lines, rows, &row.name, new) {
                return None;
            }
        }
        Mutation::Target(new) => {
            if !replace_in(&mut lines, rows, row.target.raw(), new) {
                return None;
            }
        }
    }
    Some(lines.join("\n"))
}

#[test]
fn no_row_is_lost_without_a_diagnostic() {
    let mut tried = 0;
    let mut failures = Vec::new();
    for id in planalign::corpus::ids() {
        let text = planalign::corpus::text(id).expect("bundled");
        let original = parse(text).value;
        for (k, row) in original.indicators.iter().enumerate() {
            for m in mutations() {
                let Some(mutated) = mutate(text, row, m) else {
                    continue;
                };
                tried += 1;
                let p = parse(&mutated);
                let lost = unaccounted(&mutated, &p);
                let net = safety_net(&p);
                // Every other row is still read under its name.
                let missing: Vec<&str> = original
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, r)| r.name.as_str())
                    .filter(|name| {
                        !p.value.indicators.iter().any(|i| i.name == *name)
                            && !p.diagnostics.iter().any(|d| d.why.contains(name))
                    })
                    .collect();
                if !lost.is_empty() || net > 0 || !missing.is_empty() {
                    failures.push(format!(
                        "{id} row {:?} {m:?}: lines not held {lost:?}, safety net {net}, rows missing {missing:?}",
                        row.seq
                    ));
                }
            }
        }
    }
    assert!(tried > 800, "only {tried} mutations applied");
    assert!(
        failures.is_empty(),
        "{} of {tried} mutations lost rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

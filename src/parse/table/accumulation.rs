//! What a row's numbers add up to: the words of its name (规划期间新增, 累计) and its
//! table's bracket convention, applied only where the quantity can accumulate.
//!
//! A rate, a share or a per-capita ratio (%, 每千人…, …率) is a level whatever bracket it
//! stands in: a note saying 〔〕 holds cumulative totals speaks of the counts of the table,
//! and 每千人拥有企业数 〔25.64〕 is 25.64 per thousand, not a total over five years.

use crate::model::{Accumulation, BracketConvention, Indicator, Value};
use crate::text::Lexicon;
use crate::text::quantity::population_in;

/// Settles the accumulation of a row's baseline and target; returns the warnings to give.
pub(super) fn settle(
    ind: &mut Indicator,
    brackets: &BracketConvention,
    lex: &Lexicon,
) -> Vec<String> {
    let mut warnings = Vec::new();
    let named = named(&ind.name, lex);
    let intensive = intensive(ind, lex);
    let name = ind.name.clone();
    for v in [&mut ind.baseline, &mut ind.target] {
        if v.number().is_none() {
            continue;
        }
        if let Some(a) = named {
            if v.bracket().is_some() && v.accumulation() != a {
                warnings.push(format!(
                    "the name says {a:?} but the value's bracket says {:?}: read as the name says",
                    v.accumulation()
                ));
            }
            set(v, a);
        } else if intensive && v.accumulation() == Accumulation::Cumulative {
            let note = v
                .bracket()
                .and_then(|b| brackets.meanings.iter().find(|m| m.bracket == b))
                .and_then(|m| m.line)
                .map_or("the common convention".to_string(), |l| {
                    format!("the note on line {l}")
                });
            warnings.push(format!(
                "{note} makes {} cumulative, but {name} is a rate or per-capita quantity, which does not add up over years: read as a level",
                v.raw()
            ));
            set(v, Accumulation::Level);
        }
    }
    warnings.dedup();
    warnings
}

fn set(v: &mut Value, a: Accumulation) {
    v.accumulation = a;
}

/// The accumulation a name states: the increment over the period (规划期间新增数) or a
/// cumulative total (累计).
fn named(name: &str, lex: &Lexicon) -> Option<Accumulation> {
    if lex.table.name_increment.any_in(name) {
        Some(Accumulation::Increment)
    } else if lex.table.name_cumulative.any_in(name) {
        Some(Accumulation::Cumulative)
    } else {
        None
    }
}

/// Whether a row's quantity is a rate, a share or a per-capita ratio.
fn intensive(ind: &Indicator, lex: &Lexicon) -> bool {
    let unit = ind.unit.as_ref();
    unit.is_some_and(|u| u.is_percent() || u.per_population().is_some())
        || ind.target.is_percent()
        || ind.baseline.is_percent()
        || population_in(lex, &ind.name).is_some()
        || lex.subjects.per_capita.any_in(&ind.name)
        || lex
            .subjects
            .rate_words
            .suffix_of(bare_name(&ind.name, lex))
            .is_some()
}

/// A name without a parenthesis closing it (每千人拥有企业数（户）).
fn bare_name<'s>(name: &'s str, lex: &Lexicon) -> &'s str {
    let parens = &lex.fold.parens;
    let t = name.trim();
    match t.strip_suffix(|c| parens.iter().any(|p| p.close == c)) {
        Some(inner) => inner
            .rfind(|c| parens.iter().any(|p| p.open == c))
            .map_or(t, |at| &t[..at]),
        None => t,
    }
}

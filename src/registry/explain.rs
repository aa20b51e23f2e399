//! A decision written out: the candidates of a [`Resolution`] with their evidence in
//! words, from what the resolver saw as numbers and flags. Only [`Registry::resolve`] and
//! [`Resolver::resolve`](super::Resolver::resolve) come here; [`Resolver::key`](super::Resolver::key)
//! never writes anything out.

use super::entry::Entry;
use super::resolve::{
    Cand, Evidence, Outcome, Resolution, Resolver, Seen, flag, per_capita_query, rate_query,
    remove_words, unit_fits,
};
use super::words::{Features, lists, words_of};
use super::{Name, Registry, normalize};
use crate::model::Unit;
use crate::text::Lexicon;

impl Resolver<'_> {
    /// Resolves a name (and unit, when known) with its candidates and their evidence, as
    /// [`Registry::resolve`] does.
    pub fn resolve(&mut self, name: &str, unit: Option<&Unit>) -> Resolution {
        let (seen, o) = self.seen(name, unit);
        let seen = Written {
            query: name,
            unit: unit.or(seen.name_unit),
            seen,
        };
        resolution(seen.seen.registry, &seen, o)
    }
}

/// What the resolver saw, with the name as given and the unit it read by.
struct Written<'a> {
    query: &'a str,
    /// The unit given, else the unit written in the name.
    unit: Option<&'a Unit>,
    seen: Seen<'a>,
}

fn resolution(reg: &Registry, seen: &Written<'_>, o: Outcome) -> Resolution {
    // A qualifier of what is counted (区级, 生产领域) stays in the evidence: the key is
    // shared, what the plan counts under it is qualified (a district's spot checks, not a
    // city's), and a comparison across qualifiers says so.
    let qualifiers: Vec<&str> = Lexicon::bundled()
        .subjects
        .count_qualifiers
        .iter()
        .filter(|w| seen.query.contains(*w))
        .collect();
    let qualified = (!qualifiers.is_empty())
        .then(|| Evidence::for_(format!("the name is qualified: {}", qualifiers.join(", "))));
    let candidates = seen
        .seen
        .candidates
        .iter()
        .map(|c| {
            let name = &reg.names[c.name];
            let entry = &reg.entries[c.entry];
            let mut evidence = if c.flags & flag::EXACT != 0 {
                exact_evidence(c, entry, seen.unit)
            } else {
                fuzzy_evidence(reg, c, name, entry, seen, o)
            };
            evidence.extend(qualified.clone());
            super::Candidate {
                key: entry.key.clone(),
                name: name.text.clone(),
                score: c.score,
                is_match: c.is_match,
                evidence,
            }
        })
        .collect();
    Resolution::new(
        seen.query,
        seen.seen.text,
        o.entry.map(|e| reg.entries[e].key.clone()),
        o.how,
        o.score,
        candidates,
    )
}

fn exact_evidence(c: &Cand, entry: &Entry, unit: Option<&Unit>) -> Vec<Evidence> {
    let mut evidence = vec![Evidence::for_(if c.flags & flag::PREFERRED != 0 {
        "the key's preferred name"
    } else {
        "an alias of the key"
    })];
    evidence.extend(unit_evidence(c, entry, unit));
    if c.flags & flag::ALIAS_UNIT != 0 {
        if let Some(u) = unit {
            evidence.push(Evidence::veto(format!(
                "the alias is written with another unit than {}",
                u.raw()
            )));
        }
    }
    evidence
}

/// The unit's evidence: it fits, it does not (why), or there is none and one is needed.
fn unit_evidence(c: &Cand, entry: &Entry, unit: Option<&Unit>) -> Option<Evidence> {
    if c.flags & flag::NO_UNIT != 0 {
        return Some(Evidence::no_unit());
    }
    let u = unit?;
    if c.flags & flag::UNIT_FITS != 0 {
        return Some(Evidence::for_(format!(
            "unit {} fits {}",
            u.raw(),
            entry.unit.raw()
        )));
    }
    if c.flags & flag::UNIT != 0 {
        // The flag was set by the same test: this is its reason.
        let why = unit_fits(u, entry, false)
            .err()
            .unwrap_or_else(|| format!("unit {} does not fit {}", u.raw(), entry.key));
        return Some(Evidence::veto(why));
    }
    None
}

fn fuzzy_evidence(
    reg: &Registry,
    c: &Cand,
    name: &Name,
    entry: &Entry,
    seen: &Written<'_>,
    o: Outcome,
) -> Vec<Evidence> {
    let q_core = remove_words(seen.seen.core, &reg.entry_qualifiers[name.entry]);
    let q = Features::of(&q_core);
    let mut evidence = vec![Evidence::for_(format!(
        "characters close to “{}”",
        name.text
    ))];
    let l = lists();
    if c.flags & flag::POLARITY != 0 {
        evidence.push(Evidence::veto(
            "polarity differs (a negation on one side only)",
        ));
    }
    if c.flags & flag::SUBJECT != 0 {
        evidence.push(Evidence::veto(format!(
            "subject differs: {} against {}",
            words_of(&l.nouns, &q.subjects).join("、"),
            words_of(&l.nouns, &name.features.subjects).join("、")
        )));
    }
    if c.flags & flag::QUALIFIER != 0 {
        let one_sided: Vec<&str> = q
            .qualifiers
            .iter()
            .filter(|w| !name.features.qualifiers.contains(w))
            .chain(
                name.features
                    .qualifiers
                    .iter()
                    .filter(|w| !q.qualifiers.contains(w)),
            )
            .map(|k| l.qualifiers.word(*k))
            .collect();
        evidence.push(Evidence::veto(format!(
            "qualifier on one side only: {}",
            one_sided.join("、")
        )));
    }
    if c.flags & flag::MONEY != 0 {
        evidence.push(Evidence::veto("an amount of money against a count"));
    }
    if c.flags & flag::RATE != 0 {
        evidence.push(Evidence::veto(if rate_query(&q, seen.unit) {
            "a rate against a count"
        } else {
            "a count against a rate"
        }));
    }
    if c.flags & flag::PER_CAPITA != 0 {
        evidence.push(Evidence::veto(if per_capita_query(&q, seen.unit) {
            "per-capita against absolute"
        } else {
            "absolute against per-capita"
        }));
    }
    evidence.extend(unit_evidence(c, entry, seen.unit));
    if c.flags & flag::WITHDRAWN != 0 {
        evidence.push(withdrawal(entry, seen));
    }
    if c.is_match {
        evidence.push(Evidence::for_(format!(
            "no veto, and a lead of {:.2} over the next key",
            o.lead
        )));
    }
    evidence
}

/// The veto on a key a name (normalized) was withdrawn from, with why.
fn withdrawal(entry: &Entry, seen: &Written<'_>) -> Evidence {
    let why = entry
        .withdrawn
        .iter()
        .find(|w| {
            let n = normalize(&w.name).text;
            n == seen.seen.text || n == seen.seen.core
        })
        .map_or("", |w| w.source.as_str());
    Evidence::veto(format!("the name was withdrawn from {}: {why}", entry.key))
}

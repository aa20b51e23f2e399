//! The resolver: normalize, then exact name, alias, unit-disambiguated alias, and last
//! fuzzy candidates with hard vetoes. A fuzzy score never assigns a key alone.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::entry::{Entry, UnitDimension};
use super::normalize::normalize;
use super::{Registry, grams_of};
use crate::model::Unit;
use crate::text::Lexicon;
use crate::text::quantity::population_in;

/// How a key was assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum How {
    /// The normalized name is the key's preferred name.
    Exact,
    /// The normalized name is one of the key's aliases.
    Alias,
    /// The name is shared by several keys and the unit picked one.
    UnitDisambiguated,
    /// A close name, with no veto, a unit that fits and a clear lead over the next key.
    FuzzyWithEvidence,
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            How::Exact => "exact",
            How::Alias => "alias",
            How::UnitDisambiguated => "unit",
            How::FuzzyWithEvidence => "fuzzy",
        })
    }
}

/// One piece of evidence for or against a candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// Whether it speaks for the candidate.
    pub supports: bool,
    /// Whether it rules the candidate out (a hard veto).
    pub veto: bool,
    /// What was observed.
    pub what: String,
    /// Whether it is that the query has no unit to tell the key from another of its name.
    #[serde(skip)]
    no_unit: bool,
}

impl Evidence {
    fn for_(what: impl Into<String>) -> Evidence {
        Evidence {
            supports: true,
            veto: false,
            what: what.into(),
            no_unit: false,
        }
    }

    /// Against: the query has no unit, and only a unit tells this key from another.
    fn no_unit() -> Evidence {
        Evidence {
            no_unit: true,
            ..Evidence::against(NO_UNIT)
        }
    }

    fn against(what: impl Into<String>) -> Evidence {
        Evidence {
            supports: false,
            veto: false,
            what: what.into(),
            no_unit: false,
        }
    }

    fn veto(what: impl Into<String>) -> Evidence {
        Evidence {
            supports: false,
            veto: true,
            what: what.into(),
            no_unit: false,
        }
    }
}

/// A candidate key, in the manner of OpenRefine's reconciliation candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Candidate {
    /// The key.
    pub key: String,
    /// The name of the key that matched best (normalized).
    pub name: String,
    /// Character similarity of the query to that name, in [0, 1].
    pub score: f64,
    /// Whether the resolver is certain of this candidate.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// The evidence for and against.
    pub evidence: Vec<Evidence>,
}

impl Candidate {
    /// Whether a hard veto rules the candidate out.
    pub fn is_vetoed(&self) -> bool {
        self.evidence.iter().any(|e| e.veto)
    }
}

/// The outcome of resolving one name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Resolution {
    /// The name as given.
    pub query: String,
    /// The name after normalization.
    pub normalized: String,
    key: Option<String>,
    how: Option<How>,
    score: f64,
    /// Ranked candidates, best first, with their evidence.
    pub candidates: Vec<Candidate>,
}

impl Resolution {
    /// The key assigned, only when the resolver is certain.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// How the key was assigned.
    pub fn how(&self) -> Option<How> {
        self.how
    }

    /// The score of the assignment (1 for exact and alias matches), or of the best
    /// candidate when nothing was assigned.
    pub fn score(&self) -> f64 {
        self.score
    }
}

// The vetoes' words are the lexicon's [subjects], shared with the parser's linker.
// TODO(lexicon): the registry reads names with the bundled lexicon; a registry built with a
// user's lexicon is the next step (issue "The researcher's own corpus").
fn words() -> &'static crate::text::SubjectWords {
    &Lexicon::bundled().subjects
}

/// How many negations a name holds (不合格, 未按期), not counting words that only look
/// negative (不良反应).
fn polarity(s: &str) -> usize {
    let w = words();
    if !s.chars().any(|c| w.polarity.contains(c)) {
        return 0;
    }
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(k, c)| {
            w.polarity.contains(**c)
                && !w.polarity_exempt.iter().any(|e| {
                    chars[*k..]
                        .iter()
                        .copied()
                        .take(e.chars().count())
                        .eq(e.chars())
                })
        })
        .count()
}

/// The words of a list by their first character, so that the words a name holds are found
/// in one pass over the name rather than one substring search per word: a registry
/// prepares every name it holds, a hundred thousand for a large one.
struct Finder {
    list: &'static crate::text::WordList,
    /// (first character, words starting with it), sorted by character.
    by_first: Vec<(char, Vec<&'static str>)>,
    /// Bit `c mod 128` set for each first character `c`: most characters of a name start
    /// no word, and are passed over on one test.
    mask: u128,
    /// Words without a first character (an empty word occurs in every name).
    empty: bool,
}

impl Finder {
    fn new(list: &'static crate::text::WordList) -> Finder {
        let mut by_first: Vec<(char, Vec<&'static str>)> = Vec::new();
        let mut empty = false;
        for w in list.iter() {
            let Some(c) = w.chars().next() else {
                empty = true;
                continue;
            };
            match by_first.iter_mut().find(|(f, _)| *f == c) {
                Some((_, ws)) => ws.push(w),
                None => by_first.push((c, vec![w])),
            }
        }
        by_first.sort_unstable_by_key(|(c, _)| *c);
        let mask = by_first.iter().fold(0, |m, (c, _)| m | Finder::bit(*c));
        Finder {
            list,
            by_first,
            mask,
            empty,
        }
    }

    /// The words of the list that occur in `s`, in the list's order.
    fn in_name(&self, s: &str) -> Vec<&'static str> {
        let mut hits: Vec<&'static str> = Vec::new();
        for (at, c) in s.char_indices() {
            for w in self.starting_with(c) {
                if s[at..].starts_with(w) && !hits.contains(w) {
                    hits.push(w);
                }
            }
        }
        if hits.is_empty() && !self.empty {
            return hits;
        }
        self.list
            .iter()
            .filter(|w| (self.empty && w.is_empty()) || hits.contains(w))
            .collect()
    }

    /// Whether a word of the list occurs in `s`.
    fn any_in(&self, s: &str) -> bool {
        self.empty
            || s.char_indices()
                .any(|(at, c)| self.starting_with(c).iter().any(|w| s[at..].starts_with(w)))
    }

    fn bit(c: char) -> u128 {
        1 << (u32::from(c) % 128)
    }

    fn starting_with(&self, c: char) -> &[&'static str] {
        if self.mask & Finder::bit(c) == 0 {
            return &[];
        }
        match self.by_first.binary_search_by_key(&c, |(f, _)| *f) {
            Ok(k) => &self.by_first[k].1,
            Err(_) => &[],
        }
    }
}

/// The finders of the vetoes' word lists, made once from [`words`] and the population
/// words of the bundled lexicon.
struct Finders {
    nouns: Finder,
    qualifiers: Finder,
    per_capita: Finder,
    people: Finder,
}

fn finders() -> &'static Finders {
    static FINDERS: std::sync::LazyLock<Finders> = std::sync::LazyLock::new(|| Finders {
        nouns: Finder::new(&words().nouns),
        qualifiers: Finder::new(&words().qualifiers),
        per_capita: Finder::new(&words().per_capita),
        people: Finder::new(&Lexicon::bundled().population.people),
    });
    &FINDERS
}

/// The words a finder's list holds that occur in `s`, a longer word speaking for the
/// shorter ones it contains (企业标准 contains 企业).
fn occurring(finder: &Finder, s: &str) -> Vec<&'static str> {
    let mut found = finder.in_name(s);
    let longer = found.clone();
    found.retain(|w| !longer.iter().any(|l| l != w && l.contains(*w)));
    found.sort_unstable();
    found
}

fn subjects(s: &str) -> Vec<&'static str> {
    occurring(&finders().nouns, s)
}

fn qualifiers(s: &str) -> Vec<&'static str> {
    occurring(&finders().qualifiers, s)
}

fn is_rate_name(s: &str) -> bool {
    words().rate_words.suffix_of(s).is_some()
}

fn is_money_name(s: &str) -> bool {
    words().money_ends.suffix_of(s).is_some()
}

pub(super) fn per_capita_name(s: &str) -> bool {
    let f = finders();
    // A population base (每万人口) names its people: a name without them has none.
    f.per_capita.any_in(s) || (f.people.any_in(s) && population_in(Lexicon::bundled(), s).is_some())
}

/// Whether a unit fits an entry: the same dimension, per-capita with per-capita.
/// `per_capita_name` lets a numerator-only unit (件 for 每万人口…拥有量) fit a per-capita key.
pub(crate) fn unit_fits(unit: &Unit, entry: &Entry, per_capita_name: bool) -> Result<(), String> {
    let dim = unit.dimension();
    let numerator_only = entry.dimension == UnitDimension::PerCapita
        && per_capita_name
        && unit.base() == entry.unit.base()
        && !unit.is_per_year();
    let ok = entry.dimension.admits(dim) || numerator_only;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "unit {} ({:?}) does not fit {} ({:?}, {})",
            unit.raw(),
            dim,
            entry.key,
            entry.dimension,
            entry.unit.raw()
        ))
    }
}

/// What the vetoes look at in a name, computed once per name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Features {
    polarity: usize,
    subjects: Vec<&'static str>,
    qualifiers: Vec<&'static str>,
    rate: bool,
    money: bool,
    per_capita: bool,
}

impl Features {
    pub(crate) fn of(s: &str) -> Features {
        Features {
            polarity: polarity(s),
            subjects: subjects(s),
            qualifiers: qualifiers(s),
            rate: is_rate_name(s),
            money: is_money_name(s),
            per_capita: per_capita_name(s),
        }
    }
}

/// The hard vetoes between a query and one name of a candidate key.
fn vetoes(q: &Features, name: &Features, entry: &Entry, unit: Option<&Unit>) -> Vec<Evidence> {
    let mut out = Vec::new();
    if q.polarity != name.polarity {
        out.push(Evidence::veto(
            "polarity differs (a negation on one side only)",
        ));
    }
    if q.subjects != name.subjects {
        out.push(Evidence::veto(format!(
            "subject differs: {} against {}",
            q.subjects.join("、"),
            name.subjects.join("、")
        )));
    }
    let one_sided: Vec<&str> = q
        .qualifiers
        .iter()
        .filter(|w| !name.qualifiers.contains(w))
        .chain(name.qualifiers.iter().filter(|w| !q.qualifiers.contains(w)))
        .copied()
        .collect();
    if !one_sided.is_empty() {
        out.push(Evidence::veto(format!(
            "qualifier on one side only: {}",
            one_sided.join("、")
        )));
    }
    if q.money != name.money {
        out.push(Evidence::veto("an amount of money against a count"));
    }
    let rate_q = unit.is_some_and(Unit::is_percent) || q.rate;
    let rate_key = entry.dimension == UnitDimension::Percent || name.rate;
    if rate_q != rate_key {
        out.push(Evidence::veto(if rate_q {
            "a rate against a count"
        } else {
            "a count against a rate"
        }));
    }
    // Per-capita against absolute: the unit decides where it is known.
    let pc_q = unit.is_some_and(|u| u.per_population().is_some()) || q.per_capita;
    if pc_q != entry.is_per_capita() && entry.dimension != UnitDimension::Ratio {
        out.push(Evidence::veto(if pc_q {
            "per-capita against absolute"
        } else {
            "absolute against per-capita"
        }));
    }
    out
}

/// A key assigned to a name, without the candidates and evidence of a [`Resolution`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Assignment<'r> {
    /// The key.
    pub key: &'r str,
    /// How it was assigned.
    pub how: How,
    /// The score of the assignment (1 for exact and alias matches).
    pub score: f64,
}

/// Resolves many names in a row with one working memory.
#[derive(Debug)]
pub struct Resolver<'r> {
    registry: &'r Registry,
}

impl<'r> Resolver<'r> {
    pub(super) fn new(registry: &'r Registry) -> Resolver<'r> {
        Resolver { registry }
    }

    /// The key of a name, when the resolver is certain.
    pub fn key(&mut self, name: &str, unit: Option<&Unit>) -> Option<Assignment<'r>> {
        let r = resolve(self.registry, name, unit);
        let key = r.key()?;
        let entry = self.registry.entry(key)?;
        Some(Assignment { key: &entry.key, how: r.how()?, score: r.score() })
    }
}

/// The similarity a fuzzy match needs.
const SUGGESTION_SCORE: f64 = 0.8;
/// The lead over the next key a fuzzy match needs.
const MARGIN: f64 = 0.08;

pub(crate) fn resolve(reg: &Registry, query: &str, unit: Option<&Unit>) -> Resolution {
    let mut res = resolve_name(reg, query, unit);
    // A qualifier of what is counted (区级, 生产领域) stays in the evidence: the key is
    // shared, what the plan counts under it is qualified (a district's spot checks, not a
    // city's), and a comparison across qualifiers says so.
    let qualifiers: Vec<&str> = Lexicon::bundled()
        .subjects
        .count_qualifiers
        .iter()
        .filter(|w| query.contains(*w))
        .collect();
    if !qualifiers.is_empty() {
        let what = format!("the name is qualified: {}", qualifiers.join(", "));
        for c in &mut res.candidates {
            c.evidence.push(Evidence::for_(what.clone()));
        }
    }
    res
}

fn resolve_name(reg: &Registry, query: &str, unit: Option<&Unit>) -> Resolution {
    let n = normalize(query);
    let unit = unit.or(n.unit.as_ref());
    let q = n.text;
    let mut res = Resolution {
        query: query.to_string(),
        normalized: q.clone(),
        key: None,
        how: None,
        score: 0.0,
        candidates: Vec::new(),
    };
    if q.is_empty() {
        return res;
    }
    let pc_name = per_capita_name(&q);
    let ids = reg.named(&q);
    if !ids.is_empty() && lookup(reg, &ids, unit, pc_name, &mut res) {
        return res;
    }
    // The same with one qualifier word removed, accepted only for keys that list it
    // (生产领域区级工业产品质量监督抽查覆盖率 → 工业产品质量监督抽查覆盖率), and that the
    // name was not withdrawn from.
    let withdrawn = reg.withdrawn_from(&q);
    for w in &reg.qualifiers {
        if !q.contains(w.as_str()) || q.chars().count() <= w.chars().count() + 1 {
            continue;
        }
        let stripped = q.replacen(w.as_str(), "", 1);
        let ids: Vec<usize> = reg
            .named(&stripped)
            .into_iter()
            .filter(|i| reg.entry_qualifiers[reg.names[*i].entry].contains(w))
            .filter(|i| !withdrawn.contains(&reg.names[*i].entry))
            .collect();
        if !ids.is_empty() && lookup(reg, &ids, unit, pc_name, &mut res) {
            return res;
        }
    }
    fuzzy(reg, &q, unit, pc_name, &mut res);
    res
}

/// Resolves through names that match exactly. Returns whether a key was assigned.
fn lookup(
    reg: &Registry,
    ids: &[usize],
    unit: Option<&Unit>,
    pc_name: bool,
    res: &mut Resolution,
) -> bool {
    let mut fitting = Vec::new();
    for &i in ids {
        let name = &reg.names[i];
        let entry = &reg.entries[name.entry];
        let (evidence, fits) = exact_evidence(name, entry, unit, pc_name);
        push_candidate(res, entry, &name.text, 1.0, evidence);
        if fits {
            fitting.push(i);
        }
    }
    let mut keys: Vec<usize> = fitting.iter().map(|i| reg.names[*i].entry).collect();
    keys.sort_unstable();
    keys.dedup();
    let [only] = keys.as_slice() else {
        return false;
    };
    let names: Vec<&super::Name> = fitting.iter().map(|i| &reg.names[*i]).collect();
    let plain = names.iter().any(|n| !n.ambiguous);
    let how = if names.iter().any(|n| n.preferred) {
        How::Exact
    } else if unit.is_some() && names.iter().all(|n| n.unit.is_some() || n.ambiguous) {
        How::UnitDisambiguated
    } else if plain && !(unit.is_none() && reg.entries[*only].unit_disambiguates) {
        How::Alias
    } else {
        return false;
    };
    let key = reg.entries[*only].key.clone();
    for c in &mut res.candidates {
        c.is_match = c.key == key;
    }
    res.candidates.sort_by_key(|c| !c.is_match);
    res.key = Some(key);
    res.how = Some(how);
    res.score = 1.0;
    true
}

/// The evidence on a name that matches exactly, and whether the unit lets it stand.
fn exact_evidence(
    name: &super::Name,
    entry: &Entry,
    unit: Option<&Unit>,
    pc_name: bool,
) -> (Vec<Evidence>, bool) {
    let mut evidence = vec![Evidence::for_(if name.preferred {
        "the key's preferred name"
    } else {
        "an alias of the key"
    })];
    let fits = match unit {
        Some(u) => {
            let alias_unit_ok = name
                .unit
                .as_ref()
                .is_none_or(|au| au.is_commensurable(u) || au.dimension() == u.dimension());
            match (unit_fits(u, entry, pc_name), alias_unit_ok) {
                (Ok(()), true) => {
                    evidence.push(Evidence::for_(format!(
                        "unit {} fits {}",
                        u.raw(),
                        entry.unit.raw()
                    )));
                    true
                }
                (Err(why), _) => {
                    evidence.push(Evidence::veto(why));
                    false
                }
                (_, false) => {
                    evidence.push(Evidence::veto(format!(
                        "the alias is written with another unit than {}",
                        u.raw()
                    )));
                    false
                }
            }
        }
        None => {
            if name.ambiguous || entry.unit_disambiguates {
                evidence.push(Evidence::no_unit());
            }
            true
        }
    };
    (evidence, fits)
}

const NO_UNIT: &str = "no unit to tell this key from another of the same name";

fn push_candidate(
    res: &mut Resolution,
    entry: &Entry,
    name: &str,
    score: f64,
    evidence: Vec<Evidence>,
) {
    if let Some(c) = res.candidates.iter_mut().find(|c| c.key == entry.key) {
        if score > c.score || (c.is_vetoed() && !evidence.iter().any(|e| e.veto)) {
            c.score = score;
            c.name = name.to_string();
            c.evidence = evidence;
        }
        return;
    }
    res.candidates.push(Candidate {
        key: entry.key.clone(),
        name: name.to_string(),
        score,
        is_match: false,
        evidence,
    });
}

/// How many names the n-gram index hands to the scorer, and how many keys are reported.
const SCORED: usize = 16;
const REPORTED: usize = 8;

/// Candidates through the n-gram index, scored on characters, vetoed, and assigned only
/// with evidence beyond the score.
fn fuzzy(reg: &Registry, q: &str, unit: Option<&Unit>, pc_name: bool, res: &mut Resolution) {
    let query = Query {
        text: q,
        unit,
        per_capita_name: pc_name,
        features: Features::of(q),
    };
    let withdrawn = reg.withdrawn_from(q);
    for scored in score_names(reg, q, near_names(reg, q)) {
        let name = &reg.names[scored.name];
        let entry = &reg.entries[name.entry];
        let mut evidence = query.evidence(name, entry, &scored.q_core);
        if withdrawn.contains(&name.entry) {
            evidence.push(withdrawal(entry, q));
        }
        push_candidate(res, entry, &name.text, scored.score, evidence);
    }
    // A name withdrawn from a key resolves only as another key's own name: a close match
    // would bring it back, to the key it was withdrawn from or to one that never claimed it.
    choose(res, withdrawn.is_empty());
    // And it is the last suggestion, after every key it was not withdrawn from.
    if !withdrawn.is_empty() {
        let withdrawn_keys: Vec<&str> = withdrawn
            .iter()
            .map(|w| reg.entries[*w].key.as_str())
            .collect();
        res.candidates
            .sort_by_key(|c| withdrawn_keys.contains(&c.key.as_str()));
    }
}

/// The veto on a key a name (normalized) was withdrawn from, with why.
fn withdrawal(entry: &Entry, q: &str) -> Evidence {
    let why = entry
        .withdrawn
        .iter()
        .find(|w| normalize(&w.name).text == q)
        .map_or("", |w| w.source.as_str());
    Evidence::veto(format!("the name was withdrawn from {}: {why}", entry.key))
}

/// What the fuzzy phases know of the query.
struct Query<'a> {
    /// The normalized name.
    text: &'a str,
    unit: Option<&'a Unit>,
    per_capita_name: bool,
    /// What the vetoes look at in the name.
    features: Features,
}

/// One name scored against the query.
struct Scored<'q> {
    /// Character similarity in [0, 1].
    score: f64,
    /// The index into the registry's names.
    name: usize,
    /// The query without the qualifier words the name's key lists.
    q_core: Cow<'q, str>,
}

/// The names that share the most character unigrams and bigrams with the query, at most
/// `SCORED` of them, as (grams shared, index into the names).
fn near_names(reg: &Registry, q: &str) -> Vec<(u16, usize)> {
    let mut counts: Vec<u16> = vec![0; reg.names.len()];
    for g in grams_of(q) {
        for &i in reg.grams.get(g) {
            if let Some(c) = counts.get_mut(i as usize) {
                *c = c.saturating_add(1);
            }
        }
    }
    let mut order: Vec<(u16, usize)> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(i, c)| (*c, i))
        .collect();
    if order.len() > SCORED {
        order.select_nth_unstable_by(SCORED, |a, b| b.cmp(a));
        order.truncate(SCORED);
    }
    order
}

/// Scores the near names on characters and keeps each key's best name, the best
/// `REPORTED` keys first.
fn score_names<'q>(reg: &Registry, q: &'q str, near: Vec<(u16, usize)>) -> Vec<Scored<'q>> {
    let q_chars: Vec<char> = q.chars().collect();
    let mut row = Vec::new();
    let mut scored: Vec<Scored<'q>> = Vec::with_capacity(near.len());
    for (_, i) in near {
        let name = &reg.names[i];
        let q_core = remove_words(q, &reg.entry_qualifiers[name.entry]);
        let owned;
        let qc: &[char] = if q_core.len() == q.len() {
            &q_chars
        } else {
            owned = q_core.chars().collect::<Vec<char>>();
            &owned
        };
        let Some(score) = similarity(qc, &name.core_chars, &mut row) else {
            continue;
        };
        match scored
            .iter_mut()
            .find(|s| reg.names[s.name].entry == name.entry)
        {
            Some(best) if best.score >= score => {}
            Some(best) => {
                *best = Scored {
                    score,
                    name: i,
                    q_core,
                }
            }
            None => scored.push(Scored {
                score,
                name: i,
                q_core,
            }),
        }
    }
    scored.sort_by(|a, b| b.score.total_cmp(&a.score));
    scored.truncate(REPORTED);
    scored
}

/// Similarity on characters, one minus the edit distance over the longer length; `None`
/// when the length difference alone puts it below one half.
fn similarity(a: &[char], b: &[char], row: &mut Vec<usize>) -> Option<f64> {
    let (la, lb) = (a.len(), b.len());
    let longer = la.max(lb).max(1) as f64;
    // The length difference alone bounds the similarity: skip hopeless pairs.
    let bound = 1.0 - la.abs_diff(lb) as f64 / longer;
    if bound < 0.5 {
        return None;
    }
    Some(1.0 - levenshtein(a, b, row) as f64 / longer)
}

impl Query<'_> {
    /// The evidence on one scored name: its closeness, the vetoes, and the unit.
    fn evidence(&self, name: &super::Name, entry: &Entry, q_core: &str) -> Vec<Evidence> {
        let core_features;
        let features = if q_core == self.text {
            &self.features
        } else {
            core_features = Features::of(q_core);
            &core_features
        };
        let mut evidence = vec![Evidence::for_(format!(
            "characters close to “{}”",
            name.text
        ))];
        evidence.extend(vetoes(features, &name.features, entry, self.unit));
        match self.unit {
            Some(u) => match unit_fits(u, entry, self.per_capita_name) {
                Ok(()) => evidence.push(Evidence::for_(format!(
                    "unit {} fits {}",
                    u.raw(),
                    entry.unit.raw()
                ))),
                Err(why) => evidence.push(Evidence::veto(why)),
            },
            None if entry.unit_disambiguates || name.ambiguous => {
                evidence.push(Evidence::no_unit())
            }
            None => {}
        }
        evidence
    }
}

/// Ranks the candidates, unvetoed first, and assigns the best (when `assign`) only when it
/// is unvetoed, close enough, clearly ahead of the next key, and needs no unit to tell it
/// apart.
fn choose(res: &mut Resolution, assign: bool) {
    res.candidates.sort_by(|a, b| {
        a.is_vetoed()
            .cmp(&b.is_vetoed())
            .then(b.score.total_cmp(&a.score))
    });
    let Some(best) = res.candidates.first() else {
        return;
    };
    res.score = best.score;
    let next = res
        .candidates
        .iter()
        .skip(1)
        .find(|c| !c.is_vetoed())
        .map_or(0.0, |c| c.score);
    let needs_unit = best.evidence.iter().any(|e| e.no_unit);
    if assign
        && !best.is_vetoed()
        && best.score >= SUGGESTION_SCORE
        && best.score - next >= MARGIN
        && !needs_unit
    {
        let key = best.key.clone();
        if let Some(b) = res.candidates.first_mut() {
            b.is_match = true;
            b.evidence.push(Evidence::for_(format!(
                "no veto, and a lead of {:.2} over the next key",
                b.score - next
            )));
        }
        res.key = Some(key);
        res.how = Some(How::FuzzyWithEvidence);
    }
}

/// Edit distance on characters (the same measure as `strsim::levenshtein`), one row of
/// the table reused across calls.
fn levenshtein(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Removes qualifier words (already normalized) from a name, keeping at least two chars.
pub(crate) fn remove_words<'a>(s: &'a str, words: &[String]) -> std::borrow::Cow<'a, str> {
    let mut out = std::borrow::Cow::Borrowed(s);
    for w in words {
        if out.contains(w.as_str()) && out.chars().count() > w.chars().count() + 1 {
            out = std::borrow::Cow::Owned(out.replacen(w.as_str(), "", 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_agrees_with_strsim() {
        let mut row = Vec::new();
        for (a, b) in [
            ("明厨亮灶覆盖率", "名厨亮灶覆盖率"),
            ("", "食品"),
            ("食品抽检合格率", "药品抽检批次数"),
            ("kitten", "sitting"),
        ] {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(
                levenshtein(&x, &y, &mut row),
                strsim::levenshtein(a, b),
                "{a} {b}"
            );
        }
    }

    #[test]
    fn veto_words() {
        assert_eq!(polarity("食品抽检不合格率"), 1);
        assert_eq!(polarity("药品不良反应报告数"), 0);
        assert_eq!(subjects("企业标准"), vec!["企业标准"]);
        assert_eq!(subjects("农产品和食品抽检量"), vec!["农产品", "食品"]);
        assert_eq!(qualifiers("网络订餐抽检合格率"), vec!["网络订餐"]);
        for name in [
            "企业标准",
            "农产品和食品抽检量",
            "网络订餐抽检合格率",
            "",
            "食品食品",
        ] {
            let slow = |list: &'static crate::text::WordList| {
                let mut found: Vec<&str> = list.iter().filter(|w| name.contains(*w)).collect();
                let longer = found.clone();
                found.retain(|w| !longer.iter().any(|l| l != w && l.contains(*w)));
                found.sort_unstable();
                found
            };
            assert_eq!(subjects(name), slow(&words().nouns), "{name}");
            assert_eq!(qualifiers(name), slow(&words().qualifiers), "{name}");
        }
        assert!(is_rate_name("明厨亮灶覆盖率"));
        assert!(per_capita_name("千人食品检验量"));
    }
}

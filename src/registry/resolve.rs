//! The resolver: normalize, then exact name, alias, unit-disambiguated alias, and last
//! fuzzy candidates with hard vetoes. A fuzzy score never assigns a key alone.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::distance::Pattern;
use super::entry::{Entry, UnitDimension};
use super::normalize;
pub(crate) use super::words::Features;
use super::words::lists;
use super::{Registry, grams_of};
use crate::model::Unit;

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
    pub(super) fn for_(what: impl Into<String>) -> Evidence {
        Evidence {
            supports: true,
            veto: false,
            what: what.into(),
            no_unit: false,
        }
    }

    /// Against: the query has no unit, and only a unit tells this key from another.
    pub(super) fn no_unit() -> Evidence {
        Evidence {
            no_unit: true,
            ..Evidence::against("no unit to tell this key from another of the same name")
        }
    }

    pub(super) fn against(what: impl Into<String>) -> Evidence {
        Evidence {
            supports: false,
            veto: false,
            what: what.into(),
            no_unit: false,
        }
    }

    pub(super) fn veto(what: impl Into<String>) -> Evidence {
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
    pub(super) fn new(
        query: &str,
        normalized: &str,
        key: Option<String>,
        how: Option<How>,
        score: f64,
        candidates: Vec<Candidate>,
    ) -> Resolution {
        Resolution {
            query: query.to_string(),
            normalized: normalized.to_string(),
            key,
            how,
            score,
            candidates,
        }
    }

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

/// Resolves many names in a row, reusing its working memory: [`Resolver::key`] decides
/// without writing any evidence out, [`Resolver::resolve`] also gives the candidates and
/// their evidence. Both decide alike, and as [`Registry::resolve`] does.
///
/// ```
/// use planalign::registry::{How, Registry};
/// let registry = Registry::default();
/// let mut resolver = registry.resolver();
/// let a = resolver.key("年度全市“明厨亮灶”覆盖率（%）", None);
/// assert_eq!(a.map(|a| (a.key, a.how)), Some(("food.bright_kitchen.coverage", How::Exact)));
/// assert_eq!(resolver.key("森林覆盖率", None), None);
/// let r = resolver.resolve("明厨量灶覆盖率", Some(&"%".parse()?));
/// assert_eq!(r.how(), Some(How::FuzzyWithEvidence));
/// assert!(!r.candidates[0].evidence.is_empty());
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug)]
pub struct Resolver<'r> {
    registry: &'r Registry,
    memory: Memory,
}

/// The resolver's working memory: cleared, never freed, between names.
#[derive(Debug, Default)]
struct Memory {
    /// The normalized name.
    text: String,
    /// The unit written in the name.
    unit: Option<Unit>,
    units: normalize::UnitMemo,
    /// The normalized name without the scope words before it (年度, 省级).
    core: String,
    /// A name looked up with a word removed.
    probe: String,
    /// Names that matched exactly: (index into the names, whether the unit lets it stand).
    exact: Vec<(usize, bool)>,
    /// The entries the name (or its core) was withdrawn from.
    withdrawn: Vec<usize>,
    /// The numbers of the registry's qualifier words the core holds.
    qualifiers: Vec<super::words::WordNo>,
    /// Grams shared with the core, per name, and the names counted.
    counts: Vec<u16>,
    touched: Vec<u32>,
    near: Vec<(u16, u32)>,
    /// Each scored key's best name: (score, index into the names, query without the key's
    /// qualifier words differs from the core).
    scored: Vec<(f64, usize, bool)>,
    pattern: Pattern,
    other: Pattern,
    features: Features,
    other_features: Features,
    candidates: Vec<Cand>,
}

/// One candidate key and what was seen of its best name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cand {
    pub entry: usize,
    pub name: usize,
    pub score: f64,
    pub flags: u16,
    pub is_match: bool,
}

impl Cand {
    pub fn is_vetoed(&self) -> bool {
        self.flags & flag::VETOES != 0
    }
}

/// What was seen of a candidate, one bit each.
pub(super) mod flag {
    /// Found by an exact lookup of its name (else by closeness).
    pub const EXACT: u16 = 1;
    /// The key's preferred name (else an alias).
    pub const PREFERRED: u16 = 1 << 1;
    /// A unit was given, and it fits the key.
    pub const UNIT_FITS: u16 = 1 << 2;
    /// No unit, and only a unit tells this key from another of its name.
    pub const NO_UNIT: u16 = 1 << 3;
    /// Vetoes.
    pub const UNIT: u16 = 1 << 4;
    pub const ALIAS_UNIT: u16 = 1 << 5;
    pub const POLARITY: u16 = 1 << 6;
    pub const SUBJECT: u16 = 1 << 7;
    pub const QUALIFIER: u16 = 1 << 8;
    pub const MONEY: u16 = 1 << 9;
    pub const RATE: u16 = 1 << 10;
    pub const PER_CAPITA: u16 = 1 << 11;
    pub const WITHDRAWN: u16 = 1 << 12;
    /// The vetoes of the words a name holds.
    pub const WORDS: u16 = POLARITY | SUBJECT | QUALIFIER;
    pub const VETOES: u16 =
        UNIT | ALIAS_UNIT | POLARITY | SUBJECT | QUALIFIER | MONEY | RATE | PER_CAPITA | WITHDRAWN;
}

/// What the resolver saw of a name, for writing its evidence out.
pub(super) struct Seen<'a> {
    pub registry: &'a Registry,
    /// The normalized name.
    pub text: &'a str,
    /// Without the scope words before it.
    pub core: &'a str,
    /// The unit written in the name.
    pub name_unit: Option<&'a Unit>,
    pub candidates: &'a [Cand],
}

/// What a decision is for: the key alone, or the candidates too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Key,
    Candidates,
}

impl Need {
    /// The least similarity a close name is scored and kept at. A name below one half is
    /// no candidate; below `SUGGESTION_SCORE - MARGIN` it can neither be assigned nor
    /// come within the margin of one that is, so it changes no key.
    fn floor(self) -> f64 {
        match self {
            // Less a hair, so that rounding never drops a name at the edge.
            Need::Key => SUGGESTION_SCORE - MARGIN - 1e-9,
            Need::Candidates => 0.5,
        }
    }
}

/// What a decision came to.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Outcome {
    /// The entry assigned.
    pub entry: Option<usize>,
    pub how: Option<How>,
    pub score: f64,
    /// A fuzzy match's lead over the next key.
    pub lead: f64,
}

impl<'r> Resolver<'r> {
    pub(super) fn new(registry: &'r Registry) -> Resolver<'r> {
        Resolver {
            registry,
            memory: Memory::default(),
        }
    }

    /// The key of a name (and unit, when known), when the resolver is certain; nothing is
    /// written out of why.
    pub fn key(&mut self, name: &str, unit: Option<&Unit>) -> Option<Assignment<'r>> {
        let o = self.decide(name, unit, Need::Key);
        let entry = self.registry.entries.get(o.entry?)?;
        Some(Assignment {
            key: &entry.key,
            how: o.how?,
            score: o.score,
        })
    }

    /// Decides with the candidates kept for writing out (`explain.rs`, which holds
    /// `Resolver::resolve`): what was seen, and the outcome.
    pub(super) fn seen(&mut self, name: &'_ str, unit: Option<&Unit>) -> (Seen<'_>, Outcome) {
        let o = self.decide(name, unit, Need::Candidates);
        let m = &self.memory;
        let seen = Seen {
            registry: self.registry,
            text: &m.text,
            core: &m.core,
            name_unit: m.unit.as_ref(),
            candidates: &m.candidates,
        };
        (seen, o)
    }

    fn decide(&mut self, name: &str, unit: Option<&Unit>, need: Need) -> Outcome {
        let reg = self.registry;
        let m = &mut self.memory;
        m.candidates.clear();
        m.withdrawn.clear();
        let name_unit = normalize::bundled().normalize_with(name, &mut m.text, None, &mut m.units);
        m.core.clear();
        m.core.push_str(&m.text);
        let outcome = m.stages(reg, unit.or(name_unit.as_ref()), need);
        m.unit = name_unit;
        outcome
    }
}

impl Memory {
    /// Exact name, a key's qualifier removed, the scope words before the name removed,
    /// and last close names.
    fn stages(&mut self, reg: &Registry, unit: Option<&Unit>, need: Need) -> Outcome {
        if self.text.is_empty() {
            return Outcome::default();
        }
        // Only a unit's fit reads it.
        let pc_name = unit.is_some() && lists().per_capita_name(&self.text);
        if let Some(o) = self.exact_lookup(reg, unit, pc_name) {
            return o;
        }
        self.withdrawn
            .extend_from_slice(reg.withdrawn_from(&self.text));
        if let Some(o) = self.without_qualifier(reg, unit, pc_name) {
            return o;
        }
        if let Some(o) = self.without_scope(reg, unit, pc_name) {
            return o;
        }
        self.fuzzy(reg, unit, pc_name, need)
    }
}

impl Memory {
    /// Resolves through the names whose text is the probe's. Returns the outcome when a key
    /// was assigned.
    fn lookup(&mut self, reg: &Registry, unit: Option<&Unit>, pc_name: bool) -> Option<Outcome> {
        let mut only = None;
        let mut several = false;
        for &(i, fits) in &self.exact {
            let name = &reg.names[i];
            let entry = &reg.entries[name.entry];
            let flags = exact_flags(name, entry, unit, pc_name);
            push_candidate(&mut self.candidates, name.entry, i, 1.0, flags);
            debug_assert_eq!(fits, flags & flag::VETOES == 0);
            if fits {
                several |= only.is_some_and(|e| e != name.entry);
                only = Some(name.entry);
            }
        }
        let only = only.filter(|_| !several)?;
        let fitting = || {
            self.exact
                .iter()
                .filter(|(_, fits)| *fits)
                .map(|(i, _)| &reg.names[*i])
        };
        let plain = fitting().any(|n| !n.ambiguous);
        let how = if fitting().any(|n| n.preferred) {
            How::Exact
        } else if unit.is_some() && fitting().all(|n| n.unit.is_some() || n.ambiguous) {
            How::UnitDisambiguated
        } else if plain && !(unit.is_none() && reg.entries[only].unit_disambiguates) {
            How::Alias
        } else {
            return None;
        };
        for c in &mut self.candidates {
            c.is_match = c.entry == only;
        }
        self.candidates.sort_by_key(|c| !c.is_match);
        Some(Outcome {
            entry: Some(only),
            how: Some(how),
            score: 1.0,
            lead: 0.0,
        })
    }

    /// The names whose text is `text`, but for those of keys `keep` refuses, into `exact`.
    fn collect(
        &mut self,
        reg: &Registry,
        text: &str,
        unit: Option<&Unit>,
        pc_name: bool,
        keep: impl Fn(&super::Name) -> bool,
    ) {
        self.exact.clear();
        for i in reg.named(text) {
            let name = &reg.names[i];
            if keep(name) {
                let entry = &reg.entries[name.entry];
                let fits = exact_flags(name, entry, unit, pc_name) & flag::VETOES == 0;
                self.exact.push((i, fits));
            }
        }
    }

    fn exact_lookup(
        &mut self,
        reg: &Registry,
        unit: Option<&Unit>,
        pc_name: bool,
    ) -> Option<Outcome> {
        let text = std::mem::take(&mut self.text);
        self.collect(reg, &text, unit, pc_name, |_| true);
        self.text = text;
        if self.exact.is_empty() {
            return None;
        }
        self.lookup(reg, unit, pc_name)
    }

    /// The same with one qualifier word removed, accepted only for keys that list it
    /// (生产领域区级工业产品质量监督抽查覆盖率 → 工业产品质量监督抽查覆盖率), and that the
    /// name was not withdrawn from.
    fn without_qualifier(
        &mut self,
        reg: &Registry,
        unit: Option<&Unit>,
        pc_name: bool,
    ) -> Option<Outcome> {
        reg.qualifier_index
            .in_name(&self.text, &mut self.qualifiers);
        let length = self.text.chars().count();
        for k in 0..self.qualifiers.len() {
            let w = reg.qualifier_index.word(self.qualifiers[k]);
            if length <= w.chars().count() + 1 {
                continue;
            }
            let mut probe = std::mem::take(&mut self.probe);
            probe.clear();
            probe.push_str(&self.text);
            if let Some(at) = probe.find(w) {
                probe.replace_range(at..at + w.len(), "");
            }
            let withdrawn = std::mem::take(&mut self.withdrawn);
            self.collect(reg, &probe, unit, pc_name, |n| {
                reg.entry_qualifiers[n.entry].iter().any(|q| q == w)
                    && !withdrawn.contains(&n.entry)
            });
            self.withdrawn = withdrawn;
            self.probe = probe;
            if !self.exact.is_empty() {
                if let Some(o) = self.lookup(reg, unit, pc_name) {
                    return Some(o);
                }
            }
        }
        None
    }

    /// The name without the scope words before it, the lexicon's territory, time and level
    /// words (年度全市…, 省级…): they say where and when a quantity is counted, not which.
    /// The core is what the fuzzy phase reads.
    fn without_scope(
        &mut self,
        reg: &Registry,
        unit: Option<&Unit>,
        pc_name: bool,
    ) -> Option<Outcome> {
        let before = &lists().scope_before;
        let mut cut = 0;
        while let Some((_, w)) = before.prefix_of(&self.text[cut..]) {
            if self.text[cut..].chars().count() <= w.chars().count() + 1 {
                break;
            }
            cut += w.len();
        }
        if cut == 0 {
            return None;
        }
        self.core.clear();
        self.core.push_str(&self.text[cut..]);
        let core = std::mem::take(&mut self.core);
        for &e in reg.withdrawn_from(&core) {
            if !self.withdrawn.contains(&e) {
                self.withdrawn.push(e);
            }
        }
        let withdrawn = std::mem::take(&mut self.withdrawn);
        self.collect(reg, &core, unit, pc_name, |n| !withdrawn.contains(&n.entry));
        self.withdrawn = withdrawn;
        self.core = core;
        if self.exact.is_empty() {
            return None;
        }
        self.lookup(reg, unit, pc_name)
    }

    /// Candidates through the n-gram index, scored on characters, vetoed, and assigned only
    /// with evidence beyond the score.
    fn fuzzy(&mut self, reg: &Registry, unit: Option<&Unit>, pc_name: bool, need: Need) -> Outcome {
        let core = std::mem::take(&mut self.core);
        if core.len() != self.text.len() {
            reg.qualifier_index.in_name(&core, &mut self.qualifiers);
        }
        self.pattern.prepare(core.chars(), &reg.alphabet);
        self.near_names(reg, &core);
        self.score_names(reg, &core, need.floor());
        if !self.scored.is_empty() {
            self.features.read(&core);
        }
        for k in 0..self.scored.len() {
            let (score, i, other) = self.scored[k];
            let name = &reg.names[i];
            let entry = &reg.entries[name.entry];
            let features = if other {
                self.other_features
                    .read(&remove_words(&core, &reg.entry_qualifiers[name.entry]));
                &self.other_features
            } else {
                &self.features
            };
            let mut flags = veto_flags(features, &name.features, entry, unit);
            flags |= fuzzy_unit_flags(name, entry, unit, pc_name);
            if self.withdrawn.contains(&name.entry) {
                flags |= flag::WITHDRAWN;
            }
            push_candidate(&mut self.candidates, name.entry, i, score, flags);
        }
        self.core = core;
        // A name withdrawn from a key resolves only as another key's own name: a close match
        // would bring it back, to the key it was withdrawn from or to one that never claimed it.
        let outcome = choose(&mut self.candidates, self.withdrawn.is_empty());
        // And it is the last suggestion, after every key it was not withdrawn from.
        if !self.withdrawn.is_empty() {
            let withdrawn = &self.withdrawn;
            self.candidates
                .sort_by_key(|c| withdrawn.contains(&c.entry));
        }
        outcome
    }

    /// The names that share the most character bigrams and rare unigrams with the core,
    /// at most `SCORED` of them, into `near`; names whose length alone keeps them below
    /// half the similarity are not counted. A unigram held by more than `RARE` names (率,
    /// 数) says little and costs most: it is passed over.
    fn near_names(&mut self, reg: &Registry, core: &str) {
        self.counts.resize(reg.names.len(), 0);
        self.touched.clear();
        for g in grams_of(core) {
            let names = reg.grams.get(g);
            if g >> 63 == 0 && names.len() > RARE {
                continue;
            }
            for &i in names {
                if let Some(c) = self.counts.get_mut(i as usize) {
                    if *c == 0 {
                        self.touched.push(i);
                    }
                    *c = c.saturating_add(1);
                }
            }
        }
        let length = self.pattern.len();
        self.near.clear();
        for &i in &self.touched {
            let c = &mut self.counts[i as usize];
            let other = usize::from(reg.name_lengths[i as usize]);
            if 2 * length.abs_diff(other) <= length.max(other) {
                self.near.push((*c, i));
            }
            *c = 0;
        }
        if self.near.len() > SCORED {
            // Only the names counted at least as often as the `SCORED`-th can be among the
            // first `SCORED`: a histogram of the counts finds that count.
            let mut histogram = [0usize; 64];
            for &(c, _) in &self.near {
                histogram[usize::from(c).min(63)] += 1;
            }
            let mut at_least = 0;
            let mut threshold = 0;
            for c in (0..64).rev() {
                at_least += histogram[c];
                if at_least >= SCORED {
                    threshold = c as u16;
                    break;
                }
            }
            self.near.retain(|&(c, _)| c >= threshold);
            if self.near.len() > SCORED {
                self.near.select_nth_unstable_by(SCORED, |a, b| b.cmp(a));
                self.near.truncate(SCORED);
            }
        }
        self.near.sort_unstable_by(|a, b| b.cmp(a));
    }

    /// Scores the near names on characters and keeps each key's best name, the best
    /// `REPORTED` keys first, into `scored`.
    fn score_names(&mut self, reg: &Registry, core: &str, floor: f64) {
        self.scored.clear();
        for k in 0..self.near.len() {
            let i = self.near[k].1 as usize;
            let name = &reg.names[i];
            let words = &reg.entry_qualifier_ids[name.entry];
            let q_core = if words.iter().any(|w| self.qualifiers.contains(w)) {
                remove_words(core, &reg.entry_qualifiers[name.entry])
            } else {
                Cow::Borrowed(core)
            };
            let other = q_core.len() != core.len();
            let score = if other {
                self.other.prepare(q_core.chars(), &reg.alphabet);
                similarity(&mut self.other, &name.core_letters, floor)
            } else {
                similarity(&mut self.pattern, &name.core_letters, floor)
            };
            let Some(score) = score.filter(|s| *s >= floor) else {
                continue;
            };
            match self
                .scored
                .iter_mut()
                .find(|s| reg.names[s.1].entry == name.entry)
            {
                Some(best) if best.0 >= score => {}
                Some(best) => *best = (score, i, other),
                None => self.scored.push((score, i, other)),
            }
        }
        self.scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        self.scored.truncate(REPORTED);
    }
}

/// Similarity on characters, one minus the edit distance over the longer length; `None`
/// when the length difference alone puts it below `floor`.
fn similarity(query: &mut Pattern, name: &[u16], floor: f64) -> Option<f64> {
    let (la, lb) = (query.len(), name.len());
    let longer = la.max(lb).max(1) as f64;
    // The length difference alone bounds the similarity: skip hopeless pairs.
    let bound = 1.0 - la.abs_diff(lb) as f64 / longer;
    if bound < floor {
        return None;
    }
    Some(1.0 - query.distance(name) as f64 / longer)
}

/// Keeps each key's best name: a higher score, or one without a veto for one with.
fn push_candidate(cands: &mut Vec<Cand>, entry: usize, name: usize, score: f64, flags: u16) {
    let vetoed = flags & flag::VETOES != 0;
    if let Some(c) = cands.iter_mut().find(|c| c.entry == entry) {
        if score > c.score || (c.is_vetoed() && !vetoed) {
            c.score = score;
            c.name = name;
            c.flags = flags;
        }
        return;
    }
    cands.push(Cand {
        entry,
        name,
        score,
        flags,
        is_match: false,
    });
}

/// What is seen of a name that matches exactly: whether the unit lets it stand.
fn exact_flags(name: &super::Name, entry: &Entry, unit: Option<&Unit>, pc_name: bool) -> u16 {
    let mut flags = flag::EXACT;
    if name.preferred {
        flags |= flag::PREFERRED;
    }
    match unit {
        Some(u) => {
            let alias_unit_ok = name
                .unit
                .as_ref()
                .is_none_or(|au| au.is_commensurable(u) || au.dimension() == u.dimension());
            flags |= if !unit_fits_ok(u, entry, pc_name) {
                flag::UNIT
            } else if !alias_unit_ok {
                flag::ALIAS_UNIT
            } else {
                flag::UNIT_FITS
            };
        }
        None if name.ambiguous || entry.unit_disambiguates => flags |= flag::NO_UNIT,
        None => {}
    }
    flags
}

/// The unit's part of what is seen of a close name.
fn fuzzy_unit_flags(name: &super::Name, entry: &Entry, unit: Option<&Unit>, pc_name: bool) -> u16 {
    match unit {
        Some(u) if unit_fits_ok(u, entry, pc_name) => flag::UNIT_FITS,
        Some(_) => flag::UNIT,
        None if entry.unit_disambiguates || name.ambiguous => flag::NO_UNIT,
        None => 0,
    }
}

/// The hard vetoes between a query and one name of a candidate key.
fn veto_flags(q: &Features, name: &Features, entry: &Entry, unit: Option<&Unit>) -> u16 {
    let mut flags = 0;
    if q.polarity != name.polarity {
        flags |= flag::POLARITY;
    }
    if q.subjects != name.subjects {
        flags |= flag::SUBJECT;
    }
    if q.qualifiers != name.qualifiers {
        flags |= flag::QUALIFIER;
    }
    if q.money != name.money {
        flags |= flag::MONEY;
    }
    if rate_query(q, unit) != (entry.dimension == UnitDimension::Percent || name.rate) {
        flags |= flag::RATE;
    }
    // Per-capita against absolute: the unit decides where it is known.
    if per_capita_query(q, unit) != entry.is_per_capita() && entry.dimension != UnitDimension::Ratio
    {
        flags |= flag::PER_CAPITA;
    }
    flags
}

pub(super) fn rate_query(q: &Features, unit: Option<&Unit>) -> bool {
    unit.is_some_and(Unit::is_percent) || q.rate
}

pub(super) fn per_capita_query(q: &Features, unit: Option<&Unit>) -> bool {
    unit.is_some_and(|u| u.per_population().is_some()) || q.per_capita
}

/// The similarity a fuzzy match needs.
const SUGGESTION_SCORE: f64 = 0.8;
/// The lead over the next key a fuzzy match needs.
const MARGIN: f64 = 0.08;

/// Ranks the candidates, unvetoed first, and assigns the best (when `assign`) only when it
/// is unvetoed, close enough, clearly ahead of the next key, and needs no unit to tell it
/// apart.
fn choose(cands: &mut [Cand], assign: bool) -> Outcome {
    cands.sort_by(|a, b| {
        a.is_vetoed()
            .cmp(&b.is_vetoed())
            .then(b.score.total_cmp(&a.score))
    });
    let Some(best) = cands.first().copied() else {
        return Outcome::default();
    };
    let next = cands
        .iter()
        .skip(1)
        .find(|c| !c.is_vetoed())
        .map_or(0.0, |c| c.score);
    let mut outcome = Outcome {
        score: best.score,
        ..Outcome::default()
    };
    let needs_unit = best.flags & flag::NO_UNIT != 0;
    // A name closer than the best, of a key it differs from by a word (a subject, a
    // qualifier, a negation): the query may be that name with the word mistyped
    // (每万人高价发明专利拥有量 is 高价值 with 值 dropped), and is too uncertain to assign.
    let closer_by_a_word = cands
        .iter()
        .any(|c| c.flags & flag::WORDS != 0 && c.score > best.score);
    if assign
        && !closer_by_a_word
        && !best.is_vetoed()
        && best.score >= SUGGESTION_SCORE
        && best.score - next >= MARGIN
        && !needs_unit
    {
        cands[0].is_match = true;
        outcome.entry = Some(best.entry);
        outcome.how = Some(How::FuzzyWithEvidence);
        outcome.lead = best.score - next;
    }
    outcome
}

pub(crate) fn resolve(reg: &Registry, query: &str, unit: Option<&Unit>) -> Resolution {
    Resolver::new(reg).resolve(query, unit)
}

pub(super) fn per_capita_name(s: &str) -> bool {
    lists().per_capita_name(s)
}

/// Whether a unit fits an entry: the same dimension, per-capita with per-capita.
/// `per_capita_name` lets a numerator-only unit (件 for 每万人口…拥有量) fit a per-capita key.
fn unit_fits_ok(unit: &Unit, entry: &Entry, per_capita_name: bool) -> bool {
    let numerator_only = entry.dimension == UnitDimension::PerCapita
        && per_capita_name
        && unit.base() == entry.unit.base()
        && !unit.is_per_year();
    entry.dimension.admits(unit.dimension()) || numerator_only
}

/// [`unit_fits_ok`], with why not.
pub(crate) fn unit_fits(unit: &Unit, entry: &Entry, per_capita_name: bool) -> Result<(), String> {
    if unit_fits_ok(unit, entry, per_capita_name) {
        Ok(())
    } else {
        Err(format!(
            "unit {} ({:?}) does not fit {} ({:?}, {})",
            unit.raw(),
            unit.dimension(),
            entry.key,
            entry.dimension,
            entry.unit.raw()
        ))
    }
}

/// How many names the n-gram index hands to the scorer, and how many keys are reported.
const SCORED: usize = 12;
const REPORTED: usize = 8;
/// A unigram held by more names than this does not nominate them.
const RARE: usize = 8;

/// Removes qualifier words (already normalized) from a name, keeping at least two chars.
pub(crate) fn remove_words<'a>(s: &'a str, words: &[String]) -> Cow<'a, str> {
    let mut out = Cow::Borrowed(s);
    for w in words {
        if out.contains(w.as_str()) && out.chars().count() > w.chars().count() + 1 {
            out = Cow::Owned(out.replacen(w.as_str(), "", 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resolver_decides_as_resolve_does_name_after_name() {
        let reg = Registry::default();
        let mut resolver = reg.resolver();
        for name in [
            "明厨亮灶覆盖率",
            "名厨量灶覆盖率",
            "食品检验量",
            "",
            "全市年度企业总量",
            "森林覆盖率",
        ] {
            let full = reg.resolve(name, None);
            assert_eq!(
                resolver.key(name, None).map(|a| a.key),
                full.key(),
                "{name}"
            );
            assert_eq!(resolver.resolve(name, None), full, "{name}");
        }
    }
}

//! Lineage across a whole corpus: for each plan the plans it took its text from, and who
//! adapted whom. The method is told on [`lineage`].

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::align;
use super::branching::{Link, max_branching};
use super::corpus_index::{CorpusIndex, Scratch};
use super::text::{self, Piece};
use crate::error::Error;
use crate::model::Plan;

/// How many candidate sources each plan aligns with among the plans ahead of it (of an
/// earlier period or a higher level) …
const AHEAD: usize = 4;

/// … and among the plans of undetermined direction.
const BESIDE: usize = 2;

/// How many sources [`Lineage::sources`] lists for a plan.
const MAX_SOURCES: usize = 5;

/// The share of a plan's text (in characters) a source must hold for an edge.
const MIN_SHARE: f64 = 0.3;

/// The specific share (characters weighted by the idf of their shingles) a source must
/// hold for an edge: text found in every plan does not count towards it.
const MIN_SPECIFIC_SHARE: f64 = 0.2;

/// Why a plan is taken as the source of another, rather than the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// The source's period ends earlier, and its level is the same, higher or unknown.
    Earlier,
    /// The same period, and the source's level is higher (province > city >
    /// county-level district, county or development zone).
    Higher,
    /// Periods and levels do not say: the same period and level (or level unknown), or
    /// an earlier period at a lower level. The edge's direction is the branching's
    /// reading of the shares, not a fact of the plans.
    Undetermined,
}

impl Direction {
    /// How the metadata orders `source` and `plan`: `None` when `plan` is the earlier or
    /// higher one, so that `source` cannot be its source.
    pub fn between(source: &Plan, plan: &Plan) -> Option<Direction> {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let period = source.period.end.cmp(&plan.period.end);
        let level = match (source.locality.level.depth(), plan.locality.level.depth()) {
            (Some(s), Some(p)) => s.cmp(&p),
            _ => Equal,
        };
        match (period, level) {
            (Less, Less | Equal) => Some(Direction::Earlier),
            (Equal, Less) => Some(Direction::Higher),
            (Equal, Equal) | (Less, Greater) | (Greater, Less) => Some(Direction::Undetermined),
            (Greater, Greater | Equal) | (Equal, Greater) => None,
        }
    }
}

/// A plan that may be the source of another, and how much of the other's text it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SourceShare {
    source: usize,
    share: f64,
    specific_share: f64,
    direction: Direction,
}

impl SourceShare {
    /// The index of the source plan in the corpus given to [`lineage`].
    pub fn source(&self) -> usize {
        self.source
    }

    /// The fraction of the plan's text (in normalized characters) in passages identical
    /// to or adapted from passages of the source, in [0, 1]: the `a_share` of
    /// [`align_text`](super::align_text)`(plan, source)`, up to the index each side of
    /// the pair is matched through.
    pub fn share(&self) -> f64 {
        self.share
    }

    /// The same fraction with each passage weighed by its specificity (its characters
    /// times the mean inverse document frequency of its shingles in the corpus): a
    /// passage found in every plan weighs nothing.
    pub fn specific_share(&self) -> f64 {
        self.specific_share
    }

    /// Why the source, rather than the plan, would be the one adapted from.
    pub fn direction(&self) -> Direction {
        self.direction
    }
}

/// An "adapted from" edge: plan `plan` adapted from plan `source`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineageEdge {
    plan: usize,
    source: SourceShare,
}

impl LineageEdge {
    /// The index of the plan that adapted the source.
    pub fn plan(&self) -> usize {
        self.plan
    }

    /// The index of the source plan.
    pub fn source(&self) -> usize {
        self.source.source
    }

    /// The fraction of the plan's text taken from the source ([`SourceShare::share`]).
    pub fn share(&self) -> f64 {
        self.source.share
    }

    /// The same, weighed by specificity ([`SourceShare::specific_share`]).
    pub fn specific_share(&self) -> f64 {
        self.source.specific_share
    }

    /// Whether periods or levels say that the source came first.
    pub fn direction(&self) -> Direction {
        self.source.direction
    }
}

/// The lineage of a corpus. Made by [`lineage`].
#[derive(Debug, Clone, PartialEq)]
pub struct Lineage {
    labels: Vec<String>,
    chars: Vec<usize>,
    sources: Vec<Vec<SourceShare>>,
    edges: Vec<LineageEdge>,
    pairs: usize,
}

impl Lineage {
    /// The number of plans.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the corpus had no plans.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The plans' labels ([`Plan::label`]), in the order given.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The number of characters of plan `i`'s text (0 for a plan without paragraphs,
    /// which has no sources and is no source).
    pub fn chars(&self, i: usize) -> usize {
        self.chars.get(i).copied().unwrap_or(0)
    }

    /// The nearest sources of plan `i`: the plans that may be its source and share text
    /// with it, best first by specific share (then share, then position): the best five,
    /// and the source of the plan's edge if it ranks below them. Empty for an index out of
    /// range.
    pub fn sources(&self, i: usize) -> &[SourceShare] {
        self.sources.get(i).map_or(&[], Vec::as_slice)
    }

    /// The "adapted from" edges, by plan: each plan at most once, and no plan its own
    /// ancestor.
    pub fn edges(&self) -> &[LineageEdge] {
        &self.edges
    }

    /// The edge of plan `i`: the source it was adapted from, if any.
    pub fn source_of(&self, i: usize) -> Option<&LineageEdge> {
        self.edges
            .binary_search_by_key(&i, |e| e.plan)
            .ok()
            .and_then(|k| self.edges.get(k))
    }

    /// The number of pairs of plans aligned: the work done, against `n·(n−1)/2` for every
    /// pair.
    pub fn pairs_aligned(&self) -> usize {
        self.pairs
    }

    /// The lineage as pretty JSON: `plans` (for each plan `index`, `label`, `chars` and
    /// `sources`: `source`, `source_label`, `share`, `specific_share`, `direction`),
    /// `edges` (`plan`, `plan_label`, `source`, `source_label`, `share`,
    /// `specific_share`, `direction`: "earlier", "higher" or "undetermined"), and
    /// `pairs_aligned`. Indices are positions in the corpus given.
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }
}

/// A source as JSON, with its label.
struct SourceRow<'l> {
    lineage: &'l Lineage,
    plan: Option<usize>,
    source: &'l SourceShare,
}

impl Serialize for SourceRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let label = |i: usize| self.lineage.labels.get(i).map(String::as_str);
        let mut st = s.serialize_struct("SourceShare", 7)?;
        if let Some(plan) = self.plan {
            st.serialize_field("plan", &plan)?;
            st.serialize_field("plan_label", &label(plan))?;
        }
        st.serialize_field("source", &self.source.source)?;
        st.serialize_field("source_label", &label(self.source.source))?;
        st.serialize_field("share", &self.source.share)?;
        st.serialize_field("specific_share", &self.source.specific_share)?;
        st.serialize_field("direction", &self.source.direction)?;
        st.end()
    }
}

impl Serialize for Lineage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct PlanRow<'l> {
            index: usize,
            label: &'l str,
            chars: usize,
            sources: Vec<SourceRow<'l>>,
        }
        let plans: Vec<PlanRow<'_>> = (0..self.len())
            .map(|i| PlanRow {
                index: i,
                label: &self.labels[i],
                chars: self.chars(i),
                sources: self
                    .sources(i)
                    .iter()
                    .map(|source| SourceRow {
                        lineage: self,
                        plan: None,
                        source,
                    })
                    .collect(),
            })
            .collect();
        let edges: Vec<SourceRow<'_>> = self
            .edges
            .iter()
            .map(|e| SourceRow {
                lineage: self,
                plan: Some(e.plan),
                source: &e.source,
            })
            .collect();
        let mut st = s.serialize_struct("Lineage", 3)?;
        st.serialize_field("plans", &plans)?;
        st.serialize_field("edges", &edges)?;
        st.serialize_field("pairs_aligned", &self.pairs)?;
        st.end()
    }
}

/// The lineage of a corpus of plans: for each plan its nearest sources with the share of
/// its text each holds, and the "adapted from" edges.
///
/// Aligning every pair ([`corpus_matrix`](super::corpus_matrix)) costs `n²/2` alignments,
/// and a country's county plans of one sector number about 3,000. This aligns only the
/// pairs that one index of the whole corpus proposes:
///
/// 1. Each plan is split into passages once, as [`align_text`](super::align_text) splits
///    it, and the shingles (character 4-grams) of its passages are collected as a set:
///    reordered chapters have the same shingles.
/// 2. One index counts, for every shingle, how many plans hold it (its document
///    frequency). A shingle held by few plans (24 at most) makes them all candidates of
///    each other; one held by more is boilerplate or a widely handed-down template, and
///    makes each plan holding it a candidate of the shingle's four *origins* only: the
///    holders of the earliest period and highest level, then those holding the most of
///    the corpus's common text. Each shared shingle weighs its inverse document frequency,
///    ln(plans / df): a sentence found in every plan weighs nothing.
/// 3. Each plan keeps the candidates that best explain its shingles: the best-scoring
///    plan, then the best at what it leaves unexplained, and so on (so that a template's
///    copies do not crowd out the plan that holds what the template lacks); four among
///    the plans ahead of it ([`Direction::between`]: earlier or higher) and two among
///    those of undetermined direction. Each candidate pair is aligned as `align_text`
///    aligns it, with each side's shingle index holding the passages left without an
///    identical partner.
/// 4. A plan's [`sources`](Lineage::sources) are its aligned candidates, each with the
///    share of the plan's text it holds and that share weighed by specificity (each
///    passage weighing its characters times the mean idf of its shingles), best first.
/// 5. The "adapted from" [`edges`](Lineage::edges) are a maximum-weight branching of
///    those specific shares (Chu–Liu/Edmonds): each plan adapted from one source at most,
///    no plan its own ancestor, the sum of specific shares as large as possible. An edge
///    needs 30% of the plan's text and 20% of its specific text: text shared by every
///    plan makes no edge.
///
/// Time and memory are linear in the corpus's text: each plan is split, indexed and
/// weighed once, a shingle links at most 24 plans, and at most six pairs are aligned per
/// plan.
///
/// A source is the earlier or higher-level plan where periods or levels say so
/// ([`Direction`]); a plan of the same period and level may be either, and its edges say
/// [`Direction::Undetermined`]. The output depends only on the plans and their order:
/// the same with any number of threads (the work runs on rayon's current pool).
///
/// ```
/// use planalign::reuse::{Direction, lineage};
///
/// let corpus = planalign::corpus::guangdong()?;
/// let lineage = lineage(corpus.plans());
/// let dinghu = lineage.labels().iter().position(|l| l == "dinghu").unwrap();
/// let edge = lineage.source_of(dinghu).unwrap();
/// assert_eq!(lineage.labels()[edge.source()], "zhanjiang");
/// assert_eq!(edge.direction(), Direction::Higher); // a city above a district
/// assert!(edge.share() > 0.5);
/// # Ok::<(), planalign::Error>(())
/// ```
pub fn lineage(plans: &[Plan]) -> Lineage {
    let (texts, shingles): (Vec<PlanText>, Vec<Vec<u64>>) =
        plans.par_iter().map(PlanText::new).unzip();
    let index = CorpusIndex::new(&shingles, |p| {
        let plan = &plans[p];
        (
            plan.period.end,
            plan.locality.level.depth().unwrap_or(u8::MAX),
        )
    });
    let texts: Vec<PlanText> = texts.into_par_iter().map(|t| t.weighed(&index)).collect();
    let pairs = candidate_pairs(plans, &index, &shingles);
    drop(shingles);
    drop(index);
    let aligned: Vec<PairShares> = pairs
        .par_iter()
        .map(|&(a, b)| PairShares::of(&texts[a], &texts[b]))
        .collect();
    let mut sources = sources_of(plans, &pairs, &aligned);
    let edges = edges_of(plans.len(), &sources);
    // The best few, and the edge's source wherever it ranks (after them, as it ranks).
    for (plan, list) in sources.iter_mut().enumerate() {
        let kept = edges
            .binary_search_by_key(&plan, |e| e.plan)
            .ok()
            .and_then(|k| edges.get(k))
            .map(|e| e.source.source);
        let mut rank = 0;
        list.retain(|s| {
            rank += 1;
            rank <= MAX_SOURCES || Some(s.source) == kept
        });
    }
    Lineage {
        labels: plans.iter().map(|p| p.label().to_string()).collect(),
        chars: texts.iter().map(|t| t.chars).collect(),
        sources,
        edges,
        pairs: pairs.len(),
    }
}

/// A plan's passages, and what the shares count of each.
struct PlanText {
    units: Vec<Piece>,
    /// The specificity of each passage (0 until weighed).
    weights: Vec<f64>,
    chars: usize,
    weight: f64,
}

impl PlanText {
    /// Splits a plan into passages, and collects its sorted, deduplicated shingles: those
    /// of its fuzzy passages, and one for the text of each passage too long to match
    /// fuzzily.
    fn new(plan: &Plan) -> (PlanText, Vec<u64>) {
        let units = text::units(plan, crate::text::Lexicon::bundled());
        let mut shingles: Vec<u64> = Vec::new();
        for u in &units {
            if u.fuzzy() {
                shingles.extend_from_slice(u.shingles());
            } else if !u.short() {
                shingles.push(whole_text(u));
            }
        }
        shingles.sort_unstable();
        shingles.dedup();
        let chars = units.iter().map(Piece::len).sum();
        let text = PlanText {
            units,
            weights: Vec::new(),
            chars,
            weight: 0.0,
        };
        (text, shingles)
    }

    /// Weighs each passage: its characters times the mean idf of its shingles (of its
    /// text, for a passage too long to match fuzzily); 0 for a short passage.
    fn weighed(mut self, index: &CorpusIndex) -> PlanText {
        self.weights = self
            .units
            .iter()
            .map(|u| {
                let idf = if u.fuzzy() {
                    let s = u.shingles();
                    s.iter().map(|s| index.idf(*s)).sum::<f64>() / s.len().max(1) as f64
                } else if !u.short() {
                    index.idf(whole_text(u))
                } else {
                    0.0
                };
                u.len() as f64 * idf
            })
            .collect();
        self.weight = self.weights.iter().sum();
        self
    }
}

/// A shingle standing for a passage's whole text.
fn whole_text(u: &Piece) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    for c in u.chars() {
        h = (h ^ u64::from(u32::from(*c))).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ h >> 31
}

/// The pairs of plans to align, `(a, b)` with `a < b`, sorted: for each plan its best
/// [`AHEAD`] candidates among the plans that periods or levels put ahead of it, and its
/// best [`BESIDE`] among those of undetermined direction.
///
/// The two are chosen apart because a plan's own descendants of its period and level
/// hold what it took from its source: among the same candidates, one of them would
/// explain the source's text, and the source would not be proposed.
fn candidate_pairs(
    plans: &[Plan],
    index: &CorpusIndex,
    shingles: &[Vec<u64>],
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = (0..plans.len())
        .into_par_iter()
        .map_init(Scratch::default, |scratch, p| {
            let direction = |q: usize| Direction::between(&plans[q], &plans[p]);
            let ahead =
                |q: usize| matches!(direction(q), Some(Direction::Earlier | Direction::Higher));
            let beside = |q: usize| direction(q) == Some(Direction::Undetermined);
            let meets = index.meets(&shingles[p]);
            let mut found = index.candidates(p, &meets, AHEAD, ahead, scratch);
            found.extend(index.candidates(p, &meets, BESIDE, beside, scratch));
            found
                .into_iter()
                .map(|q| {
                    let q = q as usize;
                    (p.min(q), p.max(q))
                })
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// What each plan of an aligned pair shares with the other.
struct PairShares {
    /// The share and specific share of `a`'s text held by `b`.
    a: (f64, f64),
    /// Those of `b`'s text held by `a`.
    b: (f64, f64),
}

impl PairShares {
    fn of(a: &PlanText, b: &PlanText) -> PairShares {
        let (matched_a, matched_b) = align::matched_units(&a.units, &b.units);
        PairShares {
            a: a.shares(&matched_a),
            b: b.shares(&matched_b),
        }
    }
}

impl PlanText {
    /// The share and specific share of the text in the passages `matched`.
    fn shares(&self, matched: &[bool]) -> (f64, f64) {
        let (mut chars, mut weight) = (0usize, 0.0f64);
        for ((u, w), m) in self.units.iter().zip(&self.weights).zip(matched) {
            if *m {
                chars += u.len();
                weight += w;
            }
        }
        let fraction = |part: f64, whole: f64| {
            if whole > 0.0 {
                (part / whole).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        (
            fraction(chars as f64, self.chars as f64),
            fraction(weight, self.weight),
        )
    }
}

/// Each plan's sources among its aligned pairs, best first.
fn sources_of(
    plans: &[Plan],
    pairs: &[(usize, usize)],
    aligned: &[PairShares],
) -> Vec<Vec<SourceShare>> {
    let mut sources: Vec<Vec<SourceShare>> = vec![Vec::new(); plans.len()];
    let mut add = |plan: usize, source: usize, (share, specific_share): (f64, f64)| {
        if share <= 0.0 {
            return;
        }
        if let Some(direction) = Direction::between(&plans[source], &plans[plan]) {
            sources[plan].push(SourceShare {
                source,
                share,
                specific_share,
                direction,
            });
        }
    };
    for (&(a, b), s) in pairs.iter().zip(aligned) {
        add(a, b, s.a);
        add(b, a, s.b);
    }
    for list in &mut sources {
        list.sort_by(|x, y| {
            y.specific_share
                .total_cmp(&x.specific_share)
                .then(y.share.total_cmp(&x.share))
                .then(x.source.cmp(&y.source))
        });
    }
    sources
}

/// The "adapted from" edges: a maximum branching of the sources that hold enough of a
/// plan's text, weighed by specific share.
fn edges_of(plans: usize, sources: &[Vec<SourceShare>]) -> Vec<LineageEdge> {
    let mut links: Vec<Link> = Vec::new();
    let mut shares: Vec<(usize, SourceShare)> = Vec::new();
    for (plan, list) in sources.iter().enumerate() {
        for s in list {
            if s.share >= MIN_SHARE && s.specific_share >= MIN_SPECIFIC_SHARE {
                links.push(Link {
                    from: s.source,
                    to: plan,
                    weight: s.specific_share,
                });
                shares.push((plan, *s));
            }
        }
    }
    max_branching(plans, &links)
        .into_iter()
        .flatten()
        .filter_map(|k| shares.get(k))
        .map(|&(plan, source)| LineageEdge { plan, source })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, Locality, Period};

    fn plan(level: Level, end: u16) -> Plan {
        let mut p = Plan::new("t", Locality::new("t", level));
        p.period = Period::ending(end);
        p
    }

    #[test]
    fn direction_follows_periods_then_levels() {
        let city = plan(Level::PrefectureCity, 2025);
        let district = plan(Level::CountyDistrict, 2025);
        let later_district = plan(Level::CountyDistrict, 2030);
        let later_city = plan(Level::PrefectureCity, 2030);
        let unknown = plan(Level::Unknown, 2025);
        assert_eq!(
            Direction::between(&city, &district),
            Some(Direction::Higher)
        );
        assert_eq!(Direction::between(&district, &city), None);
        assert_eq!(
            Direction::between(&district, &later_district),
            Some(Direction::Earlier)
        );
        assert_eq!(
            Direction::between(&city, &later_district),
            Some(Direction::Earlier)
        );
        assert_eq!(Direction::between(&later_district, &district), None);
        assert_eq!(
            Direction::between(&district, &later_city),
            Some(Direction::Undetermined)
        );
        assert_eq!(
            Direction::between(&later_city, &district),
            Some(Direction::Undetermined)
        );
        assert_eq!(
            Direction::between(&district, &district),
            Some(Direction::Undetermined)
        );
        assert_eq!(
            Direction::between(&unknown, &city),
            Some(Direction::Undetermined)
        );
    }
}

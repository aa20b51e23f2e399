//! Aligning the passages of two plans: identical ones first, then adapted ones among the
//! candidates of the shingle index, one to one, best similarity first.

use hashbrown::HashMap;
use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::change::{self, Change, Vocabulary};
use super::index::{self, Index};
use super::lcs;
use super::text::{self, Heading, Passage, Piece};
use crate::error::Error;
use crate::model::Plan;

/// The similarity from which two passages count as the same passage adapted: the share
/// of their characters that a character diff finds in common, 2·matches / (|a| + |b|).
///
/// Passages below it are not matched. At 0.5 half of the two texts together must be
/// common to both, in order; text that merely uses the same vocabulary (shuffled
/// characters of a plan, another plan on another subject) stays well below.
pub(crate) const PASSAGE_SIMILARITY: f64 = 0.5;

/// How a passage of one plan relates to the other plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PassageKind {
    /// The same text after normalization (widths, spaces and quotation marks aside).
    Identical,
    /// The same passage with changes: similarity at least [`TextAlignment::threshold`].
    Adapted,
    /// No passage of the other plan matches: the plan's own text.
    Unmatched,
}

impl PassageKind {
    /// The lowercase name used in JSON and reports ("identical", "adapted", "unmatched").
    pub fn name(self) -> &'static str {
        match self {
            PassageKind::Identical => "identical",
            PassageKind::Adapted => "adapted",
            PassageKind::Unmatched => "unmatched",
        }
    }
}

/// A row of an alignment: a passage of `a` matched to a passage of `b`, or a passage of
/// either plan left unmatched.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedPassage {
    kind: PassageKind,
    a: Option<Passage>,
    b: Option<Passage>,
    similarity: f64,
    changes: Vec<Change>,
}

impl AlignedPassage {
    /// Identical, adapted, or unmatched.
    pub fn kind(&self) -> PassageKind {
        self.kind
    }

    /// The passage of plan `a`, if the row has one.
    pub fn a(&self) -> Option<&Passage> {
        self.a.as_ref()
    }

    /// The passage of plan `b`, if the row has one.
    pub fn b(&self) -> Option<&Passage> {
        self.b.as_ref()
    }

    /// The similarity of the two passages in [0, 1]: 1 for identical passages, at least
    /// [`TextAlignment::threshold`] for adapted ones. For an unmatched passage, the best similarity to
    /// any passage of the other plan that the index proposed (0 when it proposed none);
    /// it can reach the threshold when that passage was matched more closely elsewhere.
    pub fn similarity(&self) -> f64 {
        self.similarity
    }

    /// What an adapted passage changed, span by span, in order; empty otherwise.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    fn mirrored(&self) -> AlignedPassage {
        AlignedPassage {
            kind: self.kind,
            a: self.b.clone(),
            b: self.a.clone(),
            similarity: self.similarity,
            changes: self.changes.iter().map(Change::mirrored).collect(),
        }
    }
}

impl Serialize for AlignedPassage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let adapted = self.kind == PassageKind::Adapted;
        let mut st = s.serialize_struct("AlignedPassage", 9)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("similarity", &self.similarity)?;
        st.serialize_field("a_text", &self.a.as_ref().map(Passage::text))?;
        st.serialize_field("b_text", &self.b.as_ref().map(Passage::text))?;
        st.serialize_field("a_location", &self.a.as_ref().map(Passage::location))?;
        st.serialize_field("b_location", &self.b.as_ref().map(Passage::location))?;
        if adapted {
            st.serialize_field("a_normalized", &self.a.as_ref().map(Passage::normalized))?;
            st.serialize_field("b_normalized", &self.b.as_ref().map(Passage::normalized))?;
        } else {
            st.skip_field("a_normalized")?;
            st.skip_field("b_normalized")?;
        }
        st.serialize_field("changes", &self.changes)?;
        st.end()
    }
}

/// How much of a plan's text (counted in normalized characters) is identical to, adapted
/// from, or absent from the other plan. The three fractions lie in [0, 1] and sum to 1,
/// or are all 0 for a plan without text.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Shares {
    chars: usize,
    identical: f64,
    adapted: f64,
    own: f64,
}

impl Shares {
    fn from_counts(identical: usize, adapted: usize, total: usize) -> Shares {
        if total == 0 {
            return Shares::default();
        }
        let f = |n: usize| (n as f64 / total as f64).clamp(0.0, 1.0);
        Shares {
            chars: total,
            identical: f(identical),
            adapted: f(adapted),
            own: f(total.saturating_sub(identical + adapted)),
        }
    }

    /// The number of characters of the text measured.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The fraction in identical passages.
    pub fn identical(&self) -> f64 {
        self.identical
    }

    /// The fraction in adapted passages.
    pub fn adapted(&self) -> f64 {
        self.adapted
    }

    /// The fraction in unmatched passages: the plan's own text.
    pub fn own(&self) -> f64 {
        self.own
    }

    /// The fraction shared with the other plan: identical and adapted together.
    pub fn shared(&self) -> f64 {
        (self.identical + self.adapted).min(1.0)
    }
}

/// The shares of one chapter of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterShare {
    #[serde(serialize_with = "text::shared")]
    chapter: Option<Arc<Heading>>,
    shares: Shares,
}

impl ChapterShare {
    /// The chapter, or `None` for text outside any chapter (all of it when the plan has
    /// no outline).
    pub fn chapter(&self) -> Option<&Heading> {
        self.chapter.as_deref()
    }

    /// Its shares.
    pub fn shares(&self) -> &Shares {
        &self.shares
    }
}

/// The text alignment of two plans: which passages plan `a` shares with plan `b`, and
/// what was changed. Made by [`align_text`].
#[derive(Debug, Clone, PartialEq)]
pub struct TextAlignment {
    a_label: String,
    b_label: String,
    passages: Vec<AlignedPassage>,
    a_shares: Shares,
    b_shares: Shares,
    a_chapters: Vec<ChapterShare>,
    b_chapters: Vec<ChapterShare>,
}

impl TextAlignment {
    /// The label of plan `a` (its id, or its locality).
    pub fn a_label(&self) -> &str {
        &self.a_label
    }

    /// The label of plan `b`.
    pub fn b_label(&self) -> &str {
        &self.b_label
    }

    /// All rows: matched pairs and the passages of `a` in `a`'s order, each unmatched
    /// passage of `b` after the row of the `b` passage before it.
    pub fn passages(&self) -> &[AlignedPassage] {
        &self.passages
    }

    /// The rows of one kind.
    pub fn of_kind(&self, kind: PassageKind) -> impl Iterator<Item = &AlignedPassage> {
        self.passages.iter().filter(move |p| p.kind == kind)
    }

    /// The number of rows of one kind.
    pub fn count(&self, kind: PassageKind) -> usize {
        self.of_kind(kind).count()
    }

    /// The shares of plan `a`'s text.
    pub fn a_shares(&self) -> &Shares {
        &self.a_shares
    }

    /// The shares of plan `b`'s text.
    pub fn b_shares(&self) -> &Shares {
        &self.b_shares
    }

    /// The fraction of plan `a`'s text in identical or adapted passages.
    pub fn a_share(&self) -> f64 {
        self.a_shares.shared()
    }

    /// The fraction of plan `b`'s text in identical or adapted passages.
    pub fn b_share(&self) -> f64 {
        self.b_shares.shared()
    }

    /// The shares of each chapter of plan `a`, in the plan's order.
    pub fn a_chapters(&self) -> &[ChapterShare] {
        &self.a_chapters
    }

    /// The shares of each chapter of plan `b`, in the plan's order.
    pub fn b_chapters(&self) -> &[ChapterShare] {
        &self.b_chapters
    }

    /// The alignment as pretty JSON.
    ///
    /// Its fields: `a`, `b` (the plans' labels), `threshold`, `a_share` and `b_share`
    /// (fractions of each plan's characters in identical or adapted passages), `a_shares`
    /// and `b_shares` (`chars`, `identical`, `adapted`, `own`), `counts`, `a_chapters` and
    /// `b_chapters` (`chapter`, `shares`), and `passages`: one object per row with `kind`
    /// ("identical", "adapted" or "unmatched"), `similarity`, `a_text` and `b_text` (as
    /// written, `null` for a missing side), `a_location` and `b_location` (`line`,
    /// `column`, `chapter`, `section`), for adapted rows `a_normalized` and
    /// `b_normalized`, and `changes`: objects with `a`, `b`, `class` ("number", "scope",
    /// "ambition", "clause" or "other"), `a_offset`, `b_offset` and, for numbers,
    /// `numbers` (two objects with `text`, `number` and `unit`).
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// The similarity from which two passages count as the same passage adapted (0.5): the
    /// share of their characters a character diff finds in common, 2·matches / (|a| + |b|).
    /// Passages below it are not matched. Rendered as Markdown by
    /// [`report::alignment_markdown`](crate::report::alignment_markdown).
    pub fn threshold(&self) -> f64 {
        PASSAGE_SIMILARITY
    }

    /// The same alignment seen from `b`: what `align_text(b, a)` returns, up to the order
    /// of rows.
    pub fn mirrored(&self) -> TextAlignment {
        TextAlignment {
            a_label: self.b_label.clone(),
            b_label: self.a_label.clone(),
            passages: self.passages.iter().map(AlignedPassage::mirrored).collect(),
            a_shares: self.b_shares,
            b_shares: self.a_shares,
            a_chapters: self.b_chapters.clone(),
            b_chapters: self.a_chapters.clone(),
        }
    }
}

impl Serialize for TextAlignment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Counts {
            identical: usize,
            adapted: usize,
            a_unmatched: usize,
            b_unmatched: usize,
        }
        let unmatched = |side_a: bool| {
            self.of_kind(PassageKind::Unmatched)
                .filter(|p| p.a.is_some() == side_a)
                .count()
        };
        let mut st = s.serialize_struct("TextAlignment", 11)?;
        st.serialize_field("a", &self.a_label)?;
        st.serialize_field("b", &self.b_label)?;
        st.serialize_field("threshold", &PASSAGE_SIMILARITY)?;
        st.serialize_field("a_share", &self.a_share())?;
        st.serialize_field("b_share", &self.b_share())?;
        st.serialize_field("a_shares", &self.a_shares)?;
        st.serialize_field("b_shares", &self.b_shares)?;
        st.serialize_field(
            "counts",
            &Counts {
                identical: self.count(PassageKind::Identical),
                adapted: self.count(PassageKind::Adapted),
                a_unmatched: unmatched(true),
                b_unmatched: unmatched(false),
            },
        )?;
        st.serialize_field("a_chapters", &self.a_chapters)?;
        st.serialize_field("b_chapters", &self.b_chapters)?;
        st.serialize_field("passages", &self.passages)?;
        st.end()
    }
}

/// Aligns the text of two plans: which passages (sentences) of `a` reappear in `b`,
/// identical or adapted, and what the adapted ones changed.
///
/// Passages are the sentences of the plans' [paragraphs](Plan::paragraphs); a plan
/// without paragraphs (a partial plan) aligns with nothing. Identical passages are paired
/// first, in order; adapted pairs are then chosen among the candidates of a character
/// 4-gram index, one to one and best first, so that `align_text(b, a)` is the
/// [mirror](TextAlignment::mirrored) of `align_text(a, b)`.
///
/// ```
/// use planalign::reuse::{PassageKind, align_text};
///
/// let corpus = planalign::corpus::guangdong()?;
/// let alignment = align_text(corpus.plan("zhanjiang")?, corpus.plan("dinghu")?);
/// assert!(alignment.count(PassageKind::Identical) >= 100);
/// assert!(alignment.a_share() > 0.5);
/// # Ok::<(), planalign::Error>(())
/// ```
pub fn align_text(a: &Plan, b: &Plan) -> TextAlignment {
    align(&Prepared::new(a), &Prepared::new(b))
}

/// A plan's passages and their index, built once per plan.
pub(crate) struct Prepared<'p> {
    plan: &'p Plan,
    units: Vec<Piece>,
    index: Index,
}

impl<'p> Prepared<'p> {
    pub fn new(plan: &'p Plan) -> Prepared<'p> {
        let units = text::units(plan, crate::text::Lexicon::bundled());
        let index = Index::new(&units);
        Prepared { plan, units, index }
    }

    pub fn chars(&self) -> usize {
        self.units.iter().map(Piece::len).sum()
    }
}

/// A matched pair of passages.
struct Pair {
    i: usize,
    j: usize,
    similarity: f64,
}

/// The matched pairs of two prepared plans, and for each passage the best similarity
/// scored for it.
struct Matching {
    pairs: Vec<Pair>,
    best_a: Vec<f64>,
    best_b: Vec<f64>,
}

/// Pairs identical short passages that continue a run of matched passages: `a[i]` with
/// `b[j]` when their texts are equal and `a[i-1]`, `b[j-1]` are matched (or both plans
/// start there), forward, then likewise backward from `a[i+1]`, `b[j+1]`. Each passage
/// can only continue one run, so the outcome does not depend on the orientation.
fn anchor_short(ua: &[Piece], ub: &[Piece], pairs: &mut Vec<Pair>) {
    let mut partner_a: Vec<Option<usize>> = vec![None; ua.len()];
    let mut partner_b: Vec<Option<usize>> = vec![None; ub.len()];
    for p in pairs.iter() {
        partner_a[p.i] = Some(p.j);
        partner_b[p.j] = Some(p.i);
    }
    let mut claim =
        |i: usize, j: usize, partner_a: &mut [Option<usize>], partner_b: &mut [Option<usize>]| {
            let (Some(x), Some(y)) = (ua.get(i), ub.get(j)) else {
                return;
            };
            if x.short() && partner_a[i].is_none() && partner_b[j].is_none() && x.same_text(y) {
                partner_a[i] = Some(j);
                partner_b[j] = Some(i);
                pairs.push(Pair {
                    i,
                    j,
                    similarity: 1.0,
                });
            }
        };
    for i in 0..ua.len() {
        let j = match i.checked_sub(1) {
            None => Some(0),
            Some(prev) => partner_a[prev].map(|j| j + 1),
        };
        if let Some(j) = j {
            claim(i, j, &mut partner_a, &mut partner_b);
        }
    }
    for i in (0..ua.len()).rev() {
        if let Some(j) = partner_a
            .get(i + 1)
            .copied()
            .flatten()
            .and_then(|j| j.checked_sub(1))
        {
            claim(i, j, &mut partner_a, &mut partner_b);
        }
    }
}

/// Aligns two prepared plans, with every row and change.
pub(crate) fn align(a: &Prepared<'_>, b: &Prepared<'_>) -> TextAlignment {
    let m = matching(a, b);
    let names = [a.plan, b.plan].into_iter().flat_map(|p| {
        std::iter::once(p.locality.name.as_str()).chain(p.parent.as_ref().map(|l| l.name.as_str()))
    });
    let vocab = Vocabulary::new(crate::text::Lexicon::bundled(), names);
    assemble(a, b, m, &vocab)
}

/// The shares of two prepared plans and the number of identical pairs, without building
/// rows (for the corpus matrix).
pub(crate) fn align_shares(a: &Prepared<'_>, b: &Prepared<'_>) -> (Shares, Shares, usize) {
    let m = matching(a, b);
    let mut kind_a = vec![PassageKind::Unmatched; a.units.len()];
    let mut kind_b = vec![PassageKind::Unmatched; b.units.len()];
    let mut identical = 0;
    for p in &m.pairs {
        let kind = if a.units[p.i].same_text(&b.units[p.j]) {
            identical += 1;
            PassageKind::Identical
        } else {
            PassageKind::Adapted
        };
        kind_a[p.i] = kind;
        kind_b[p.j] = kind;
    }
    (
        shares(&a.units, &kind_a),
        shares(&b.units, &kind_b),
        identical,
    )
}

fn matching(a: &Prepared<'_>, b: &Prepared<'_>) -> Matching {
    let (ua, ub) = (&a.units, &b.units);
    let mut m = Matched::new(ua.len(), ub.len());
    pair_identical(ua, ub, &mut m);
    let (best_a, best_b) = pair_adapted(ua, &a.index, ub, &b.index, &mut m);
    let mut pairs = m.pairs;
    anchor_short(ua, ub, &mut pairs);
    Matching {
        pairs,
        best_a,
        best_b,
    }
}

/// Which passages of `a` and `b` have a partner in the other plan (identical or adapted),
/// matched as by [`align_text`], except that the shingle index of each side holds only
/// the passages left without an identical partner: a pair of plans that share most of
/// their text indexes the few passages that differ, rather than both plans (the corpus
/// lineage aligns thousands of such pairs). For each passage of `a`, then of `b`:
/// whether it is matched.
pub(crate) fn matched_units(ua: &[Piece], ub: &[Piece]) -> (Vec<bool>, Vec<bool>) {
    let mut m = Matched::new(ua.len(), ub.len());
    pair_identical(ua, ub, &mut m);
    let ia = Index::of_unused(ua, &m.used_a);
    let ib = Index::of_unused(ub, &m.used_b);
    pair_adapted(ua, &ia, ub, &ib, &mut m);
    let mut pairs = m.pairs;
    anchor_short(ua, ub, &mut pairs);
    let mut matched_a = vec![false; ua.len()];
    let mut matched_b = vec![false; ub.len()];
    for p in &pairs {
        matched_a[p.i] = true;
        matched_b[p.j] = true;
    }
    (matched_a, matched_b)
}

/// The pairs matched so far, and which passages of each side they use.
struct Matched {
    pairs: Vec<Pair>,
    used_a: Vec<bool>,
    used_b: Vec<bool>,
}

impl Matched {
    fn new(a: usize, b: usize) -> Matched {
        Matched {
            pairs: Vec::new(),
            used_a: vec![false; a],
            used_b: vec![false; b],
        }
    }
}

/// Identical passages: the k-th occurrence of a text in `a` with its k-th in `b`.
///
/// Short passages (headings, list markers, table debris such as 序号 or 2025年) are left
/// for the anchored pass ([`anchor_short`]): alone they prove nothing. For each text, the
/// first passage of `b` not yet paired; for each passage, the next one of its text.
fn pair_identical(ua: &[Piece], ub: &[Piece], m: &mut Matched) {
    let mut first: HashMap<&str, Option<usize>> = HashMap::with_capacity(ub.len());
    let mut next: Vec<Option<usize>> = vec![None; ub.len()];
    for (j, u) in ub.iter().enumerate().rev().filter(|(_, u)| !u.short()) {
        next[j] = first.insert(u.passage.normalized(), Some(j)).flatten();
    }
    for (i, u) in ua.iter().enumerate().filter(|(_, u)| !u.short()) {
        if let Some(slot) = first.get_mut(u.passage.normalized()) {
            if let Some(j) = *slot {
                *slot = next[j];
                m.used_a[i] = true;
                m.used_b[j] = true;
                m.pairs.push(Pair {
                    i,
                    j,
                    similarity: 1.0,
                });
            }
        }
    }
}

/// Adapted passages: scores the index's candidates among the passages still unmatched,
/// then matches them greedily, best first. Returns, for each passage of `a` and of `b`,
/// the best similarity scored for it.
fn pair_adapted(
    ua: &[Piece],
    ia: &Index,
    ub: &[Piece],
    ib: &Index,
    m: &mut Matched,
) -> (Vec<f64>, Vec<f64>) {
    let mut best_a = vec![0.0f64; ua.len()];
    let mut best_b = vec![0.0f64; ub.len()];
    let mut scored: Vec<Pair> = Vec::new();
    for (i, j) in index::candidates(ua, ia, &m.used_a, ub, ib, &m.used_b) {
        let (x, y) = (&ua[i], &ub[j]);
        let (short, total) = (x.len().min(y.len()), x.len() + y.len());
        // The ratio cannot exceed 2·|shorter| / total, nor 2·|common chars| / total: skip
        // pairs that cannot reach the threshold without diffing them.
        if (2 * short) as f64 / (total as f64) < PASSAGE_SIMILARITY
            || (2 * text::common_chars(x.bag(), y.bag())) as f64 / (total as f64)
                < PASSAGE_SIMILARITY
        {
            continue;
        }
        // Scored by the length of the longest common subsequence: the diff's own
        // ratio, at a cost bounded by the texts' lengths (see `lcs`).
        let similarity = (2 * lcs::lcs_len(x.chars(), y.chars())) as f64 / total as f64;
        best_a[i] = best_a[i].max(similarity);
        best_b[j] = best_b[j].max(similarity);
        if similarity >= PASSAGE_SIMILARITY {
            scored.push(Pair { i, j, similarity });
        }
    }
    // A tie-break that reads the same from both sides: pairs that compete for a passage
    // never tie on i + j, so the outcome does not depend on the orientation.
    scored.sort_by(|p, q| {
        q.similarity
            .total_cmp(&p.similarity)
            .then((p.i + p.j).cmp(&(q.i + q.j)))
            .then(p.i.cmp(&q.i))
    });
    for p in scored {
        if !m.used_a[p.i] && !m.used_b[p.j] {
            m.used_a[p.i] = true;
            m.used_b[p.j] = true;
            m.pairs.push(p);
        }
    }
    (best_a, best_b)
}

fn assemble(a: &Prepared<'_>, b: &Prepared<'_>, m: Matching, vocab: &Vocabulary) -> TextAlignment {
    let (ua, ub) = (&a.units, &b.units);
    let Matching {
        pairs,
        best_a,
        best_b,
    } = m;
    let mut kind_a = vec![PassageKind::Unmatched; ua.len()];
    let mut kind_b = vec![PassageKind::Unmatched; ub.len()];
    // For each passage of b, the a passage it is matched to.
    let mut partner_b: Vec<Option<usize>> = vec![None; ub.len()];
    let mut pair_at: Vec<Option<usize>> = vec![None; ua.len()];
    for (k, p) in pairs.iter().enumerate() {
        pair_at[p.i] = Some(k);
        partner_b[p.j] = Some(p.i);
    }
    let slots = unmatched_slots(&partner_b);
    let unmatched_b = |j: usize| AlignedPassage {
        kind: PassageKind::Unmatched,
        a: None,
        b: Some(ub[j].passage.clone()),
        similarity: best_b[j],
        changes: Vec::new(),
    };
    let mut rows: Vec<AlignedPassage> = Vec::with_capacity(ua.len() + slots.len());
    let mut slots = slots.into_iter().peekable();
    for i in 0..=ua.len() {
        while let Some((_, j)) = slots.next_if(|(s, _)| *s == i) {
            rows.push(unmatched_b(j));
        }
        let Some(x) = ua.get(i) else { break };
        let row = match pair_at[i].and_then(|k| pairs.get(k)) {
            Some(p) => {
                let y = &ub[p.j];
                let identical = x.same_text(y);
                let kind = if identical {
                    PassageKind::Identical
                } else {
                    PassageKind::Adapted
                };
                kind_a[i] = kind;
                kind_b[p.j] = kind;
                let changes = if identical {
                    Vec::new()
                } else {
                    let (_, hunks) = change::diff(x.chars(), y.chars());
                    change::changes(x.chars(), y.chars(), &hunks, vocab)
                };
                AlignedPassage {
                    kind,
                    a: Some(x.passage.clone()),
                    b: Some(y.passage.clone()),
                    similarity: if identical { 1.0 } else { p.similarity },
                    changes,
                }
            }
            None => AlignedPassage {
                kind: PassageKind::Unmatched,
                a: Some(x.passage.clone()),
                b: None,
                similarity: best_a[i],
                changes: Vec::new(),
            },
        };
        rows.push(row);
    }

    TextAlignment {
        a_label: a.plan.label().to_string(),
        b_label: b.plan.label().to_string(),
        passages: rows,
        a_shares: shares(ua, &kind_a),
        b_shares: shares(ub, &kind_b),
        a_chapters: chapter_shares(ua, &kind_a),
        b_chapters: chapter_shares(ub, &kind_b),
    }
}

/// Where the rows of the unmatched passages of b go, as (slot, j): slot i + 1 after the row
/// of a[i] when a[i] is the partner of the last matched b passage before b[j], slot 0
/// before every row when no b passage before it is matched; sorted, so that within a slot
/// they keep b's order.
fn unmatched_slots(partner_b: &[Option<usize>]) -> Vec<(usize, usize)> {
    let mut slots: Vec<(usize, usize)> = Vec::new();
    let mut slot = 0;
    for (j, partner) in partner_b.iter().enumerate() {
        match partner {
            Some(i) => slot = i + 1,
            None => slots.push((slot, j)),
        }
    }
    slots.sort_unstable();
    slots
}

fn shares(units: &[Piece], kinds: &[PassageKind]) -> Shares {
    let (mut identical, mut adapted, mut total) = (0, 0, 0);
    for (u, k) in units.iter().zip(kinds) {
        total += u.len();
        match k {
            PassageKind::Identical => identical += u.len(),
            PassageKind::Adapted => adapted += u.len(),
            PassageKind::Unmatched => {}
        }
    }
    Shares::from_counts(identical, adapted, total)
}

fn chapter_shares(units: &[Piece], kinds: &[PassageKind]) -> Vec<ChapterShare> {
    /// The passages of one chapter: its heading and counts of chars.
    struct Group {
        heading: Option<Arc<Heading>>,
        identical: usize,
        adapted: usize,
        total: usize,
    }
    // Groups in order of first appearance, found by chapter index: slot 0 for text
    // outside any chapter, slot k + 1 for chapter k.
    let mut groups: Vec<Group> = Vec::new();
    let slots = units
        .iter()
        .filter_map(|u| u.chapter)
        .max()
        .map_or(1, |k| k + 2);
    let mut group_of: Vec<Option<usize>> = vec![None; slots];
    for (u, k) in units.iter().zip(kinds) {
        let slot = u.chapter.map_or(0, |c| c + 1);
        let pos = *group_of[slot].get_or_insert_with(|| {
            groups.push(Group {
                heading: u.passage.location().chapter_shared(),
                identical: 0,
                adapted: 0,
                total: 0,
            });
            groups.len() - 1
        });
        if let Some(g) = groups.get_mut(pos) {
            g.total += u.len();
            match k {
                PassageKind::Identical => g.identical += u.len(),
                PassageKind::Adapted => g.adapted += u.len(),
                PassageKind::Unmatched => {}
            }
        }
    }
    groups
        .into_iter()
        .map(|g| ChapterShare {
            chapter: g.heading,
            shares: Shares::from_counts(g.identical, g.adapted, g.total),
        })
        .collect()
}

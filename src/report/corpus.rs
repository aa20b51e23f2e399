//! The corpus report: every plan of a corpus against its ancestors and its peers, the peer
//! consensus, the keys × plans matrix and the text the plans share, gathered once and
//! rendered as Markdown, CSV and JSON.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::{
    comparison_csv, comparison_markdown, consensus_markdown, matrix_markdown, name,
    reuse_matrix_markdown,
};
use crate::compare::KeyedPlans;
use crate::compare::{
    AncestorComparison, Attainment, Comparer, Comparison, IndicatorAlignment, KeyConsensus, Matrix,
    Outcome, Relation, Standing, Status, Verdict,
};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::model::{DocumentStatus, Level, Plan};
use crate::reuse::{ReuseMatrix, corpus_matrix};

/// The peer comparisons shown key by key in the Markdown unless [`CorpusReport::detail`]
/// says otherwise; pairs the corpus lacks are skipped.
const DETAILED: [(&str, &str); 2] = [("zhongshan", "qingyuan"), ("dinghu", "qingyuan")];

/// How many escalations and loosenings the Markdown lists.
const ESCALATIONS: usize = 15;

/// One plan of the corpus, in figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PlanSummary {
    /// The plan's label.
    pub id: String,
    /// Its locality's name.
    pub locality: String,
    /// Its locality's level.
    pub level: Level,
    /// The name of the locality above, if known.
    pub parent: Option<String>,
    /// Issued or a draft.
    pub status: DocumentStatus,
    /// How many indicator rows it has; `None` when its table is not known.
    pub indicators: Option<usize>,
    /// How many of them are binding.
    pub binding: usize,
    /// How many goals it sets.
    pub goals: usize,
    /// How many chapters it has.
    pub chapters: usize,
    /// How many diagnostics parsing it produced.
    pub diagnostics: usize,
}

/// A plan against each of its ancestors, nearest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PlanAncestors {
    /// The plan's id.
    pub id: String,
    /// The comparisons, one per ancestor.
    pub ancestors: Vec<AncestorComparison>,
}

/// A plan's standing against the consensus of the cities.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PlanStanding {
    /// The plan's id.
    pub id: String,
    /// Key by key.
    pub standing: Vec<Standing>,
}

/// The whole corpus compared: what `cargo run --example report` prints. Made by
/// [`corpus_report`].
///
/// ```
/// use planalign::{compare::Comparer, report};
/// let corpus = planalign::corpus::guangdong()?;
/// let r = report::corpus_report(&Comparer::default(), &corpus)?;
/// let md = r.to_markdown();
/// assert!(md.contains("## Keys × plans"));
/// let csv = r.comparisons_csv()?;
/// assert!(csv.starts_with("child,parent,relation,key,"));
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CorpusReport {
    /// What the report is about: the corpus's top localities and its periods.
    pub title: String,
    /// Every plan, in corpus order.
    pub plans: Vec<PlanSummary>,
    /// What the corpus inferred rather than read from a declaration.
    pub notes: Vec<String>,
    /// Each local plan against its ancestors.
    pub ancestors: Vec<PlanAncestors>,
    /// Cities against cities (peers), and the other local plans against the cities of
    /// other branches (references).
    pub peers: Vec<Comparison>,
    /// The consensus of the cities per key.
    pub consensus: Vec<KeyConsensus>,
    /// Where each plan below the cities stands against that consensus.
    pub standings: Vec<PlanStanding>,
    /// Keys × plans, over every plan with a known table.
    pub matrix: Matrix,
    /// The shared text of every pair of plans.
    pub reuse: ReuseMatrix,
    /// For each locality with plans of consecutive periods, whether the earlier plan's
    /// targets were met by the values the later plan states for its baseline year.
    pub attainment: Vec<Attainment>,
    /// The peer comparisons shown key by key in the Markdown.
    #[serde(skip)]
    detailed: Vec<(String, String)>,
}

/// Compares the whole corpus with `comparer`: each local plan against its ancestors, the
/// cities against each other and the other local plans against the cities, the cities'
/// consensus and where the others stand, the keys × plans matrix, and the shared text.
pub fn corpus_report(comparer: &Comparer<'_>, corpus: &Corpus) -> Result<CorpusReport, Error> {
    let locals: Vec<&Plan> = corpus
        .plans()
        .iter()
        .filter(|p| p.parent.is_some())
        .collect();
    // Each plan is keyed once; the comparisons run in parallel, collected in order.
    let all: Vec<&Plan> = corpus.plans().iter().collect();
    let keyed = comparer.key_all(&all);
    let ancestors = locals
        .par_iter()
        .map(|p| {
            Ok(PlanAncestors {
                id: p.label().to_string(),
                ancestors: comparer.against_ancestors_keyed(corpus, p.label(), &keyed)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    // Peers, the consensus and standings are within one period: the one most plans share
    // (the latest on a tie); plans of other periods meet them through attainment.
    let main = main_period(&locals);
    let in_main = |p: &&&Plan| Some((p.period.start, p.period.end)) == main;
    let (cities, lower): (Vec<&Plan>, Vec<&Plan>) = locals
        .iter()
        .filter(in_main)
        .partition(|p| p.locality.level == Level::PrefectureCity);
    let consensus = comparer.consensus(&cities);
    let standings = lower
        .iter()
        .map(|p| PlanStanding {
            id: p.label().to_string(),
            standing: comparer.standing(p, &consensus),
        })
        .collect();
    let attainment = corpus
        .consecutive()
        .into_iter()
        .map(|(earlier, later)| comparer.attainment(earlier, later))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(CorpusReport {
        title: title(corpus),
        plans: corpus.plans().iter().map(|p| summary(corpus, p)).collect(),
        notes: corpus.notes().iter().map(ToString::to_string).collect(),
        ancestors,
        peers: peers(comparer, &keyed, &cities, &lower),
        consensus,
        standings,
        matrix: comparer.matrix(&all),
        reuse: corpus_matrix(corpus.plans()),
        attainment,
        detailed: DETAILED
            .iter()
            .map(|(c, p)| (c.to_string(), p.to_string()))
            .collect(),
    })
}

/// The period most of the plans share, the latest on a tie.
fn main_period(plans: &[&Plan]) -> Option<(u16, u16)> {
    let mut counts: Vec<((u16, u16), usize)> = Vec::new();
    for p in plans {
        let span = (p.period.start, p.period.end);
        match counts.iter_mut().find(|(s, _)| *s == span) {
            Some((_, n)) => *n += 1,
            None => counts.push((span, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(span, n)| (n, span))
        .map(|(span, _)| span)
}

/// `广东省 market-regulation plans, 2021–2025`: the top localities and the periods.
fn title(corpus: &Corpus) -> String {
    let mut roots: Vec<&str> = Vec::new();
    for l in corpus.localities().iter().filter(|l| l.parent.is_none()) {
        if !roots.contains(&l.name.as_str()) {
            roots.push(&l.name);
        }
    }
    let mut spans: Vec<(u16, u16)> = corpus
        .plans()
        .iter()
        .map(|p| (p.period.start, p.period.end))
        .collect();
    spans.sort_unstable();
    spans.dedup();
    let spans: Vec<String> = spans.iter().map(|(a, b)| format!("{a}–{b}")).collect();
    format!(
        "{} market-regulation plans, {}",
        roots.join(", "),
        spans.join(" and ")
    )
}

fn summary(corpus: &Corpus, p: &Plan) -> PlanSummary {
    PlanSummary {
        id: p.label().to_string(),
        locality: p.locality.name.clone(),
        level: p.locality.level,
        parent: p.parent.as_ref().map(|l| l.name.clone()),
        status: p.status,
        indicators: (!p.indicators_unknown()).then_some(p.indicators.len()),
        binding: p.indicators.iter().filter(|i| i.is_binding()).count(),
        goals: p.goals.len(),
        chapters: p.chapters.len(),
        diagnostics: corpus.diagnostics(p.label()).len(),
    }
}

/// Cities against each other (peers: one level, one province), then each lower plan
/// against each city that is not its own (references: a city of another branch).
fn peers(
    comparer: &Comparer<'_>,
    keyed: &KeyedPlans<'_>,
    cities: &[&Plan],
    lower: &[&Plan],
) -> Vec<Comparison> {
    let mut pairs: Vec<(&Plan, &Plan, Relation)> = Vec::new();
    for (k, a) in cities.iter().enumerate() {
        pairs.extend(cities[k + 1..].iter().map(|b| (*a, *b, Relation::Peer)));
    }
    for d in lower {
        let own = |c: &Plan| d.parent.as_ref().is_some_and(|p| p.name == c.locality.name);
        pairs.extend(
            cities
                .iter()
                .filter(|c| !own(c))
                .map(|c| (*d, *c, Relation::Reference)),
        );
    }
    pairs
        .into_par_iter()
        .map(|(a, b, relation)| match (keyed.get(a), keyed.get(b)) {
            (Some(ka), Some(kb)) => Comparison {
                relation,
                ..comparer.compare_keyed(ka, kb)
            },
            _ => comparer.compare_as(a, b, relation),
        })
        .collect()
}

impl CorpusReport {
    /// Chooses the peer comparisons shown key by key in the Markdown, as (child, parent)
    /// labels; by default dinghu and zhongshan against qingyuan.
    pub fn detail<C: Into<String>, P: Into<String>>(
        &mut self,
        pairs: impl IntoIterator<Item = (C, P)>,
    ) -> &mut CorpusReport {
        self.detailed = pairs
            .into_iter()
            .map(|(c, p)| (c.into(), p.into()))
            .collect();
        self
    }

    /// Every comparison of the report: the ancestor comparisons, then the peers.
    pub fn comparisons(&self) -> impl Iterator<Item = &Comparison> {
        self.ancestor_comparisons().chain(&self.peers)
    }

    fn ancestor_comparisons(&self) -> impl Iterator<Item = &Comparison> {
        self.ancestors
            .iter()
            .flat_map(|p| &p.ancestors)
            .filter_map(|a| a.comparison.as_ref())
    }

    /// Every comparison as wide CSV: one row per key and plan pair, both sides' cells as
    /// written. For typed numbers in the canonical unit, see the tidy
    /// [`ComparisonRecord`](super::ComparisonRecord)s of [`CorpusReport::tidy`].
    pub fn comparisons_csv(&self) -> Result<String, Error> {
        let all: Vec<Comparison> = self.comparisons().cloned().collect();
        comparison_csv(&all)
    }

    /// Every comparison as pretty JSON (an array).
    pub fn comparisons_json(&self) -> Result<String, Error> {
        let all: Vec<&Comparison> = self.comparisons().collect();
        Ok(serde_json::to_string_pretty(&all)?)
    }

    /// The attainment across periods as pretty JSON: an array of objects with
    /// `locality`, `earlier`, `later` (plan ids) and `rows`, each row with `key`,
    /// `target` (the earlier plan's, raw), `achieved` (the later plan's baseline, raw) and
    /// `outcome` (`met`, `exceeded`, `missed`, `not_comparable`), with their evidence.
    pub fn attainment_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(&self.attainment)?)
    }

    /// The whole report as pretty JSON.
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// The report as Markdown, section by section.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# {}: how they line up\n", self.title);
        let _ = writeln!(
            s,
            "Generated by planalign from a corpus of {} plans. Each table row comes from the plans' own indicator tables; keys come from the canonical registry.\n",
            self.plans.len()
        );
        self.plans_section(&mut s);
        self.notes_section(&mut s);
        self.ancestors_section(&mut s);
        self.ancestor_tables_section(&mut s);
        self.provincial_section(&mut s);
        self.peers_section(&mut s);
        self.binding_gaps_section(&mut s);
        self.escalations_section(&mut s);
        self.consensus_section(&mut s);
        self.matrix_section(&mut s);
        self.attainment_section(&mut s);
        let _ = writeln!(s, "\n## Shared text between the plans\n");
        let _ = writeln!(s, "{}", reuse_matrix_markdown(&self.reuse));
        s
    }

    fn plan(&self, id: &str) -> Option<&PlanSummary> {
        self.plans.iter().find(|p| p.id == id)
    }

    fn plans_section(&self, s: &mut String) {
        let _ = writeln!(s, "## The plans\n");
        let _ = writeln!(
            s,
            "| id | locality | level | parent | status | indicators | binding | goals | chapters | diagnostics |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
        for p in &self.plans {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                p.id,
                p.locality,
                name(p.level),
                p.parent.as_deref().unwrap_or("—"),
                name(p.status),
                p.indicators
                    .map_or("unknown".to_string(), |n| n.to_string()),
                p.binding,
                p.goals,
                p.chapters,
                p.diagnostics
            );
        }
    }

    fn notes_section(&self, s: &mut String) {
        if self.notes.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n## Inferred, not declared\n");
        for n in &self.notes {
            let _ = writeln!(s, "- {n}");
        }
    }

    /// Each plan against the ancestors whose indicator table is known, key by key.
    fn ancestor_tables_section(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "\n## Each plan against its ancestors, indicator by indicator\n"
        );
        let known: Vec<&Comparison> = self
            .ancestor_comparisons()
            .filter(|c| c.parent_indicators_note().is_none())
            .collect();
        if known.is_empty() {
            let _ = writeln!(
                s,
                "No ancestor in the corpus has a known indicator table: no indicator is judged against an ancestor."
            );
        }
        for c in known {
            let _ = writeln!(s, "{}", comparison_markdown(c));
        }
    }

    fn ancestors_section(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Each plan against its ancestors\n");
        for p in &self.ancestors {
            for a in &p.ancestors {
                let _ = writeln!(s, "{}", self.ancestor_line(&p.id, a));
            }
        }
    }

    fn ancestor_line(&self, id: &str, a: &AncestorComparison) -> String {
        let note = a.note.as_deref();
        let Some(c) = &a.comparison else {
            return format!("- **{id} → {}**: {}", a.locality, note.unwrap_or("no plan"));
        };
        let parent = a.plan.as_deref().and_then(|p| self.plan(p));
        let (goals, tasks) = parent.map_or((0, 0), |p| (p.goals, p.chapters));
        format!(
            "- **{id} → {}**: its goals address {} of the {goals} goals above ({} of its own goals express none); its chapters address {} of the {tasks} key tasks. {}",
            a.locality,
            goals.saturating_sub(c.goals.unaddressed.len()),
            c.goals.unmatched.len(),
            tasks.saturating_sub(c.tasks.unaddressed.len()),
            note.unwrap_or("")
        )
    }

    fn provincial_section(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Goals and key tasks against the provincial plan\n");
        let provincial = |c: &&Comparison| {
            self.plan(&c.parent)
                .is_some_and(|p| p.level == Level::Province)
        };
        for c in self.ancestor_comparisons().filter(provincial) {
            let _ = writeln!(s, "{}", comparison_markdown(c));
        }
    }

    fn peers_section(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Peers, indicator by indicator\n");
        let _ = writeln!(
            s,
            "| child | against | relation | aligned | above | equal | below | incomparable | binding indicators missing | coverage |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
        for c in &self.peers {
            let count = |v: Verdict| c.indicators.iter().filter(|i| i.verdict == Some(v)).count();
            let aligned = c
                .indicators
                .iter()
                .filter(|i| i.status == Status::Aligned)
                .count();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {aligned} | {} | {} | {} | {} | {} | {} of {} |",
                c.child,
                c.parent,
                name(c.relation),
                count(Verdict::Stricter),
                count(Verdict::Equal),
                count(Verdict::Looser),
                count(Verdict::Incomparable),
                c.binding_gaps().count(),
                match c.coverage.in_prose {
                    0 => c.coverage.carried.to_string(),
                    n => format!("{} (+{n} in prose)", c.coverage.carried),
                },
                c.coverage.parent_keys
            );
        }
        let _ = writeln!(
            s,
            "\nThe full key-by-key tables are in comparisons.csv / comparisons.json (`--out DIR`); two of them follow.\n"
        );
        let detailed = |c: &&Comparison| {
            self.detailed
                .iter()
                .any(|(child, parent)| *child == c.child && *parent == c.parent)
        };
        for c in self.peers.iter().filter(detailed) {
            let _ = writeln!(s, "{}", comparison_markdown(c));
        }
    }

    fn binding_gaps_section(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Binding indicators missing below\n");
        let _ = writeln!(s, "| plan | lacks, from | indicator | its target |");
        let _ = writeln!(s, "|---|---|---|---|");
        for c in self.comparisons() {
            for g in c.binding_gaps() {
                let t = g.parent.as_ref().map_or(String::new(), |p| {
                    format!(
                        "{} {}",
                        p.target.raw(),
                        p.unit.as_ref().map_or("", |u| u.raw())
                    )
                });
                let _ = writeln!(
                    s,
                    "| {} | {} | {} ({}) | {} |",
                    c.child,
                    c.parent,
                    g.name,
                    g.key,
                    t.trim()
                );
            }
        }
    }

    fn escalations_section(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "\n## Largest escalations and loosenings (intensive keys)\n"
        );
        // 层层加码 is a relation between a plan and its ancestors: peers and references are
        // above or below each other, never escalated.
        let mut judged: Vec<(&Comparison, &IndicatorAlignment)> = self
            .ancestor_comparisons()
            .filter(|c| c.relation == Relation::Ancestor)
            .flat_map(|c| c.indicators.iter().map(move |i| (c, i)))
            .filter(|(_, i)| {
                matches!(i.verdict, Some(Verdict::Stricter | Verdict::Looser))
                    && i.escalation_ratio.is_some()
            })
            .collect();
        let deviation = |x: &IndicatorAlignment| x.escalation_ratio.map_or(0.0, |r| r.ln().abs());
        judged.sort_by(|a, b| deviation(b.1).total_cmp(&deviation(a.1)));
        if judged.is_empty() {
            let _ = writeln!(
                s,
                "No plan of the corpus has an ancestor whose indicator table is known and differs from it: there is no escalation to list. Peers and references are above or below each other (the peer tables above), which is not an escalation."
            );
            return;
        }
        let _ = writeln!(
            s,
            "| plan | against | indicator | verdict | child target | parent target | ratio |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        for (c, i) in judged.iter().take(ESCALATIONS) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {:.2} |",
                c.child,
                c.parent,
                i.name,
                name(i.verdict),
                i.child.as_ref().map_or("", |x| x.target.raw()),
                i.parent.as_ref().map_or("", |x| x.target.raw()),
                i.escalation_ratio.unwrap_or(1.0)
            );
        }
    }

    fn consensus_section(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "\n## Consensus of the cities, and where the districts stand\n"
        );
        let _ = writeln!(s, "{}", consensus_markdown(&self.consensus));
        for p in self.standings.iter().filter(|p| !p.standing.is_empty()) {
            let items: Vec<String> = p
                .standing
                .iter()
                .map(|x| {
                    format!(
                        "{} {} (target {} vs median {})",
                        x.key,
                        name(x.position),
                        x.target,
                        x.median
                    )
                })
                .collect();
            let _ = writeln!(s, "- **{}**: {}", p.id, items.join("; "));
        }
    }

    fn attainment_section(&self, s: &mut String) {
        if self.attainment.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n## Targets met across periods\n");
        for a in &self.attainment {
            let _ = writeln!(
                s,
                "### {}: {} targets for {} against {}'s baseline\n",
                a.locality, a.earlier, a.year, a.later
            );
            let _ = writeln!(
                s,
                "{} met, {} exceeded, {} missed, {} not comparable; {} keys set but not reported.\n",
                a.count(Outcome::Met),
                a.count(Outcome::Exceeded),
                a.count(Outcome::Missed),
                a.count(Outcome::NotComparable),
                a.unreported.len()
            );
            let _ = writeln!(s, "| key | indicator | target | achieved | outcome | why |");
            let _ = writeln!(s, "|---|---|---|---|---|---|");
            for r in &a.rows {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} |",
                    r.key,
                    r.name,
                    r.target,
                    r.achieved,
                    name(r.outcome),
                    r.reason.as_deref().unwrap_or("")
                );
            }
        }
    }

    fn matrix_section(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Keys × plans\n");
        let all_carry: Vec<&str> = self
            .matrix
            .carried_by_all()
            .map(|r| r.name.as_str())
            .collect();
        let _ = writeln!(
            s,
            "Carried by every plan: {}. Carried by one plan only: {} keys.\n",
            all_carry.join("、"),
            self.matrix.carried_by_one().count()
        );
        let _ = writeln!(s, "{}", matrix_markdown(&self.matrix));
    }
}

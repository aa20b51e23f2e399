//! Corpus-scale lineage: who adapted whom across a corpus, found through one shingle index
//! rather than by aligning every pair.

use std::sync::OnceLock;

use planalign::model::Paragraph;
use planalign::reuse::{Direction, Lineage, align_text, lineage};
use planalign::{Level, Locality, Period, Plan};

#[path = "../examples/common/synth.rs"]
mod synth;

use synth::{Derivation, Rng, Score, Synthetic};

/// A synthetic corpus of 100 plans: the five bundled roots and 95 derived plans, enough
/// for a root's text to be common (held by more plans than the index links pairwise).
fn corpus() -> &'static Synthetic {
    static CORPUS: OnceLock<Synthetic> = OnceLock::new();
    CORPUS.get_or_init(|| match synth::corpus(100, 14) {
        Ok(c) => c,
        Err(e) => panic!("the bundled corpus loads: {e}"),
    })
}

/// Its lineage, on a pool of `threads` threads.
fn lineage_on(threads: usize, plans: &[Plan]) -> Lineage {
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| lineage(plans)),
        Err(e) => panic!("a pool of {threads} threads: {e}"),
    }
}

fn found() -> &'static Lineage {
    static FOUND: OnceLock<Lineage> = OnceLock::new();
    FOUND.get_or_init(|| lineage_on(2, &corpus().plans))
}

/// A plan of a locality, level and period with the given paragraphs.
fn plan_of(name: &str, level: Level, end: u16, paragraphs: &[String]) -> Plan {
    let mut p = Plan::new(name, Locality::new(name, level));
    p.id = Some(name.to_string());
    p.period = Period::ending(end);
    p.paragraphs = paragraphs
        .iter()
        .enumerate()
        .map(|(k, t)| Paragraph {
            text: t.clone(),
            line: k + 1,
        })
        .collect();
    p
}

/// `n` paragraphs of fresh sentences from `rng`, four sentences each.
fn fresh(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| (0..4).map(|_| synth::fresh_sentence(rng)).collect())
        .collect()
}

#[test]
fn planted_sources_are_recovered() {
    let corpus = corpus();
    let score = Score::of(corpus, found());
    assert_eq!(score.planted, 95);
    assert!(
        score.precision() >= 0.95 && score.recall() >= 0.95,
        "precision {} recall {}: {score:?}",
        score.precision(),
        score.recall()
    );
    // Every kind of derivation is planted and found.
    for how in [Derivation::Lower, Derivation::Later, Derivation::SameRank] {
        let (hit, of) = score.by_derivation(how);
        assert!(of > 0 && hit * 10 >= of * 9, "{how:?}: {hit} of {of}");
    }
    // Fewer pairs aligned than every pair.
    let n = corpus.plans.len();
    assert!(found().pairs_aligned() < n * (n - 1) / 4);
}

#[test]
fn edges_point_from_the_earlier_or_higher_plan() {
    let corpus = corpus();
    let found = found();
    let mut determined = 0;
    for e in found.edges() {
        let (plan, source) = (&corpus.plans[e.plan()], &corpus.plans[e.source()]);
        assert_eq!(Direction::between(source, plan), Some(e.direction()));
        assert!(e.share() >= 0.3 && e.share() <= 1.0, "{e:?}");
        if e.direction() != Direction::Undetermined {
            determined += 1;
            let earlier = source.period.end < plan.period.end;
            let higher = source.locality.level.depth() < plan.locality.level.depth();
            assert!(earlier || higher, "{e:?}");
        }
    }
    assert!(determined > 30, "{determined}");
    // One edge per plan at most, sorted by plan, and no plan its own ancestor.
    let plans: Vec<usize> = found.edges().iter().map(|e| e.plan()).collect();
    assert!(plans.windows(2).all(|w| w[0] < w[1]));
    for start in 0..found.len() {
        let mut at = start;
        for _ in 0..=found.len() {
            match found.source_of(at) {
                Some(e) => at = e.source(),
                None => break,
            }
            assert_ne!(at, start, "a cycle through {start}");
        }
    }
}

#[test]
fn sources_are_listed_best_first_with_their_shares() {
    let found = found();
    for i in 0..found.len() {
        let sources = found.sources(i);
        assert!(sources.len() <= 6);
        for w in sources.windows(2) {
            assert!(w[0].specific_share() >= w[1].specific_share());
        }
        for s in sources {
            assert_ne!(s.source(), i);
            assert!((0.0..=1.0).contains(&s.share()));
            assert!((0.0..=1.0).contains(&s.specific_share()));
        }
        if let Some(e) = found.source_of(i) {
            assert!(sources.iter().any(|s| s.source() == e.source()));
        }
    }
}

/// The edges are the same bytes whatever the number of threads.
#[test]
fn lineage_is_the_same_with_one_and_two_threads() {
    let plans = &corpus().plans;
    let one = lineage_on(1, plans);
    let two = found();
    let (Ok(a), Ok(b)) = (one.to_json(), two.to_json()) else {
        panic!("the lineage serializes");
    };
    assert!(one.edges().len() > 40);
    assert_eq!(a, b);
    assert_eq!(&one, two);
}

/// Boilerplate in every plan (here 60% of each plan's text) says nothing about who copied
/// whom: no edge, though every pair shares that text.
#[test]
fn boilerplate_shared_by_all_plans_makes_no_edge() {
    let mut rng = Rng::new(3);
    let boilerplate = fresh(&mut rng, 12);
    let plans: Vec<Plan> = (0..30)
        .map(|k| {
            let mut paragraphs = boilerplate.clone();
            paragraphs.extend(fresh(&mut rng, 8));
            plan_of(&format!("p{k}"), Level::CountyDistrict, 2025, &paragraphs)
        })
        .collect();
    // Any two plans share more than half their text.
    assert!(align_text(&plans[0], &plans[1]).a_share() > 0.5);
    let found = lineage(&plans);
    assert!(found.edges().is_empty(), "{:?}", found.edges());
    assert!((0..30).all(|i| found.sources(i).iter().all(|s| s.specific_share() < 0.1)));

    // A plan that copies another's own text is still found beside the boilerplate.
    let mut copied = boilerplate.clone();
    copied.extend(plans[4].paragraphs[12..].iter().map(|p| p.text.clone()));
    copied.extend(fresh(&mut rng, 2));
    let mut with_copy = plans.clone();
    with_copy.push(plan_of("copy", Level::CountyDistrict, 2030, &copied));
    let found = lineage(&with_copy);
    let edges: Vec<(usize, usize, Direction)> = found
        .edges()
        .iter()
        .map(|e| (e.plan(), e.source(), e.direction()))
        .collect();
    assert_eq!(edges, [(30, 4, Direction::Earlier)]);
}

/// A plan's chapters in another order.
fn chapters_reversed(plan: &Plan) -> Plan {
    let mut lines: Vec<usize> = plan
        .chapters
        .iter()
        .map(|c| c.line)
        .filter(|l| *l > 0)
        .collect();
    lines.sort_unstable();
    let block = |line: usize| lines.partition_point(|l| *l <= line);
    let mut paragraphs = plan.paragraphs.clone();
    // Stable: within a chapter the paragraphs keep their order.
    paragraphs.sort_by_key(|p| std::cmp::Reverse(block(p.line)));
    let mut out = plan.clone();
    out.chapters.clear();
    out.paragraphs = paragraphs
        .into_iter()
        .enumerate()
        .map(|(k, p)| Paragraph {
            text: p.text,
            line: k + 1,
        })
        .collect();
    out
}

#[test]
fn reordered_chapters_are_still_found() {
    let roots = match synth::roots() {
        Ok(r) => r,
        Err(e) => panic!("the bundled corpus loads: {e}"),
    };
    let Some(at) = roots.iter().position(|p| p.label() == "qingyuan") else {
        panic!("qingyuan is bundled");
    };
    let mut copy = chapters_reversed(&roots[at]);
    copy.id = Some("copy".to_string());
    copy.locality = Locality::new("复制区", Level::CountyDistrict);
    // The copy's text is the plan's, in another order.
    assert_ne!(copy.paragraphs[0].text, roots[at].paragraphs[0].text);
    let mut plans = roots.clone();
    plans.push(copy);
    let found = lineage(&plans);
    let Some(edge) = found.source_of(plans.len() - 1) else {
        panic!(
            "the copy has a source: {:?}",
            found.sources(plans.len() - 1)
        );
    };
    assert_eq!(edge.source(), at);
    assert_eq!(edge.direction(), Direction::Higher);
    assert!(edge.share() > 0.99, "{edge:?}");
}

#[test]
fn identical_plans_of_one_rank_make_one_edge_of_undetermined_direction() {
    let mut rng = Rng::new(5);
    let text = fresh(&mut rng, 10);
    let plans = [
        plan_of("a", Level::CountyDistrict, 2025, &text),
        plan_of("b", Level::CountyDistrict, 2025, &text),
        plan_of("c", Level::CountyDistrict, 2025, &fresh(&mut rng, 10)),
    ];
    let found = lineage(&plans);
    assert_eq!(found.edges().len(), 1, "{:?}", found.edges());
    let e = found.edges()[0];
    assert_eq!((e.plan().min(e.source()), e.plan().max(e.source())), (0, 1));
    assert_eq!(e.direction(), Direction::Undetermined);
    assert_eq!(e.share(), 1.0);
}

#[test]
fn plans_without_text_have_no_sources_and_are_no_source() {
    assert!(lineage(&[]).is_empty());
    let mut rng = Rng::new(9);
    let text = fresh(&mut rng, 6);
    let plans = [
        plan_of("empty", Level::PrefectureCity, 2025, &[]),
        plan_of("a", Level::PrefectureCity, 2025, &text),
        plan_of("b", Level::CountyDistrict, 2025, &text),
        plan_of(
            "blank",
            Level::CountyDistrict,
            2025,
            &[String::new(), "。；".to_string()],
        ),
    ];
    let found = lineage(&plans);
    assert_eq!(found.len(), 4);
    assert_eq!((found.chars(0), found.chars(3)), (0, 0));
    assert!(found.sources(0).is_empty() && found.sources(3).is_empty());
    assert!(found.sources(99).is_empty() && found.source_of(99).is_none());
    let edges: Vec<(usize, usize)> = found
        .edges()
        .iter()
        .map(|e| (e.plan(), e.source()))
        .collect();
    assert_eq!(edges, [(2, 1)]);
}

#[test]
fn the_json_names_plans_and_edges() {
    let found = found();
    let json = match found.to_json() {
        Ok(j) => j,
        Err(e) => panic!("the lineage serializes: {e}"),
    };
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("the JSON reads back: {e}"),
    };
    assert_eq!(value["plans"].as_array().map(Vec::len), Some(found.len()));
    let edge = &value["edges"][0];
    for field in [
        "plan",
        "plan_label",
        "source",
        "source_label",
        "share",
        "specific_share",
        "direction",
    ] {
        assert!(!edge[field].is_null(), "{field} in {edge}");
    }
    assert_eq!(
        value["pairs_aligned"].as_u64(),
        Some(found.pairs_aligned() as u64)
    );
    let first = &found.edges()[0];
    assert_eq!(
        edge["plan_label"].as_str(),
        Some(found.labels()[first.plan()].as_str())
    );
}

#[test]
fn public_lineage_types_are_send_and_sync() {
    fn both<T: Send + Sync>() {}
    both::<Lineage>();
    both::<planalign::reuse::LineageEdge>();
    both::<planalign::reuse::SourceShare>();
    both::<Direction>();
}

// The synthetic corpus itself: what the lineage is scored against.

#[test]
fn the_synthetic_corpus_follows_from_its_seed() {
    let (Ok(a), Ok(b), Ok(c)) = (
        synth::corpus(20, 1),
        synth::corpus(20, 1),
        synth::corpus(20, 2),
    ) else {
        panic!("the bundled corpus loads");
    };
    assert_eq!(a.plans, b.plans);
    assert_eq!(a.planted, b.planted);
    assert_ne!(a.plans, c.plans);
}

#[test]
fn planted_sources_come_before_and_above_or_earlier() {
    let corpus = corpus();
    assert_eq!(corpus.planted[..corpus.roots], vec![None; corpus.roots]);
    for (k, (planted, how)) in corpus.planted.iter().zip(&corpus.derivation).enumerate() {
        let (Some(s), Some(how)) = (planted, how) else {
            continue;
        };
        assert!(*s < k);
        let (plan, source) = (&corpus.plans[k], &corpus.plans[*s]);
        let direction = Direction::between(source, plan);
        let expected = match how {
            Derivation::Lower => Direction::Higher,
            Derivation::Later => Direction::Earlier,
            Derivation::SameRank => Direction::Undetermined,
        };
        assert_eq!(direction, Some(expected), "{k} from {s}");
        assert!(!plan.paragraphs.is_empty());
    }
    // Chains: some plans derive from derived plans.
    assert!(corpus.planted.iter().flatten().any(|s| *s >= corpus.roots));
}

#[test]
fn fresh_sentences_are_new_text() {
    let texts: Vec<String> = planalign::corpus::ids()
        .iter()
        .filter_map(|id| planalign::corpus::text(id))
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    assert_eq!(texts.len(), 5);
    let mut rng = Rng::new(11);
    let sentences: Vec<String> = (0..2000).map(|_| synth::fresh_sentence(&mut rng)).collect();
    for s in &sentences {
        let body = s.trim_end_matches('。');
        assert!(body.chars().count() >= 15, "{s}");
        assert!(
            texts.iter().all(|t| !t.contains(body)),
            "{s} is in a bundled plan"
        );
    }
    let mut distinct = sentences.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), sentences.len());
}

#[test]
fn derived_plans_change_what_they_take() {
    let corpus = corpus();
    let roots = corpus.roots;
    let (mut reordered, mut scope, mut figures) = (false, false, false);
    for (k, planted) in corpus.planted.iter().enumerate().skip(roots) {
        let Some(s) = planted else { continue };
        let (plan, source) = (&corpus.plans[k], &corpus.plans[*s]);
        let first = |p: &Plan| p.chapters.first().map(|c| c.title.clone());
        reordered |= first(plan)
            != first(source).map(|t| t.replace(&source.locality.name, &plan.locality.name));
        let text = |p: &Plan| {
            p.paragraphs
                .iter()
                .map(|x| x.text.as_str())
                .collect::<String>()
        };
        let (a, b) = (text(source), text(plan));
        scope |= a.contains("全市") && b.contains("全区") && !b.contains("全市");
        figures |= a.chars().filter(char::is_ascii_digit).count() > 0 && a != b;
        assert!(!b.contains(source.locality.name.as_str()) || source.locality.name.is_empty());
    }
    assert!(reordered && scope && figures);
}

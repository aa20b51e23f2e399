//! The context a comparison uses is the caller's: a registry the user extends reaches every
//! entry point (a comparison, the ancestors, the consensus, the standing, the matrix and the
//! corpus report), and nothing falls back to the bundled registry behind the caller's back.
//!
//! The extension adds a key whose ambiguous alias is 食品检验量, the bare name 中山 gives its
//! per-capita food sampling row (unit 批次/千人年). With the bundled registry the unit picks
//! food.sampling.per_1000; with the extension two per-capita keys share the name, and the
//! resolver, which assigns a key only when it is certain, leaves the row without one.

use planalign::compare::{Comparer, Side, Status};
use planalign::corpus::{self, Corpus};
use planalign::registry::Registry;
use planalign::report;

const EXTENSION: &str = r#"
[[indicator]]
key = "food.quick_test.per_1000"
name_zh = "千人食品快检量"
name_en = "Food quick tests per 1,000 residents per year"
domain = "food"
dimension = "per_capita"
unit = "批次/千人"
kind = "intensive"
direction = "higher"
unit_disambiguates = true
aliases = [{ name = "千人食品快检量", source = "a county's own scheme" }]
ambiguous_aliases = [{ name = "食品检验量", source = "the county calls its quick tests 食品检验量" }]
"#;

const KEY: &str = "food.sampling.per_1000";

fn corpus() -> Corpus {
    corpus::guangdong().expect("corpus")
}

fn extended() -> Registry {
    let mut r = Registry::default();
    r.extend_toml(EXTENSION).expect("a valid extension");
    r
}

fn cities(corpus: &Corpus) -> Vec<&planalign::Plan> {
    ["zhongshan", "zhanjiang", "qingyuan"]
        .iter()
        .map(|id| corpus.plan(id).expect("plan"))
        .collect()
}

#[test]
fn the_extension_changes_the_key_of_one_bundled_row() {
    let corpus = corpus();
    let row = &corpus.plan("zhongshan").expect("plan").indicators[1];
    assert_eq!(row.name, "食品检验量");
    assert_eq!(Registry::default().resolve_indicator(row).key(), Some(KEY));
    assert_eq!(extended().resolve_indicator(row).key(), None);
}

#[test]
fn a_comparison_uses_the_comparers_registry() {
    let corpus = corpus();
    let (zhongshan, qingyuan) = (
        corpus.plan("zhongshan").expect("plan"),
        corpus.plan("qingyuan").expect("plan"),
    );
    let bundled = Comparer::default().compare(zhongshan, qingyuan);
    assert_eq!(
        bundled.indicator(KEY).map(|i| i.status),
        Some(Status::Aligned)
    );
    let registry = extended();
    let c = Comparer::new(&registry).compare(zhongshan, qingyuan);
    assert_eq!(c.indicator(KEY).map(|i| i.status), Some(Status::Gap));
    assert!(
        c.unresolved
            .iter()
            .any(|u| u.side == Side::Child && u.name == "食品检验量")
    );
}

#[test]
fn the_ancestors_use_the_comparers_registry() {
    let corpus = corpus();
    let unresolved = |registry: &Registry| -> Vec<String> {
        let chain = Comparer::new(registry)
            .against_ancestors(&corpus, "zhongshan")
            .expect("chain");
        let province = chain[0].comparison.as_ref().expect("the province's plan");
        province.unresolved.iter().map(|u| u.name.clone()).collect()
    };
    assert!(!unresolved(&Registry::default()).contains(&"食品检验量".to_string()));
    assert!(unresolved(&extended()).contains(&"食品检验量".to_string()));
}

#[test]
fn the_consensus_and_the_standing_use_the_comparers_registry() {
    let corpus = corpus();
    let dinghu = corpus.plan("dinghu").expect("plan");
    let bundled = Registry::default();
    let registry = extended();
    let (before, after) = (Comparer::new(&bundled), Comparer::new(&registry));
    let carriers = |comparer: &Comparer<'_>| {
        let consensus = comparer.consensus(&cities(&corpus));
        let k = consensus.iter().find(|c| c.key == KEY).expect("the key");
        let median = comparer
            .standing(dinghu, &consensus)
            .into_iter()
            .find(|s| s.key == KEY)
            .map(|s| s.median);
        (k.carriers.clone(), median)
    };
    let (was, median_was) = carriers(&before);
    let (is, median_is) = carriers(&after);
    assert_eq!(was, ["zhongshan", "qingyuan"]);
    assert_eq!(is, ["qingyuan"]);
    assert_ne!(
        median_was, median_is,
        "dinghu stands against another median"
    );
}

#[test]
fn the_matrix_uses_the_comparers_registry() {
    let corpus = corpus();
    let plans: Vec<&planalign::Plan> = corpus.plans().iter().collect();
    let cell = |registry: &Registry| {
        let m = Comparer::new(registry).matrix(&plans);
        let col = m
            .plans
            .iter()
            .position(|p| p == "zhongshan")
            .expect("column");
        let row = m.rows.iter().find(|r| r.key == KEY).expect("row");
        row.cells[col].is_some()
    };
    assert!(cell(&Registry::default()));
    assert!(!cell(&extended()));
}

#[test]
fn the_corpus_report_uses_the_comparers_registry() {
    let corpus = corpus();
    let bundled = Registry::default();
    let registry = extended();
    let before = report::corpus_report(&Comparer::new(&bundled), &corpus).expect("report");
    let after = report::corpus_report(&Comparer::new(&registry), &corpus).expect("report");
    let carriers = |r: &report::CorpusReport| {
        r.consensus
            .iter()
            .find(|c| c.key == KEY)
            .map(|c| c.carriers.len())
    };
    assert_eq!(carriers(&before), Some(2));
    assert_eq!(carriers(&after), Some(1));
    let unresolved = |r: &report::CorpusReport| {
        r.comparisons()
            .flat_map(|c| &c.unresolved)
            .filter(|u| u.name == "食品检验量")
            .count()
    };
    assert_eq!(unresolved(&before), 0);
    assert!(unresolved(&after) > 0);
    assert_ne!(before.to_markdown(), after.to_markdown());
    assert_ne!(
        before.comparisons_csv().expect("csv"),
        after.comparisons_csv().expect("csv")
    );
}

#[test]
fn a_comparer_resolves_with_its_registry_only() {
    // Two comparers side by side keep their own keys: nothing is shared between them.
    let corpus = corpus();
    let bundled = Registry::default();
    let registry = extended();
    let (a, b) = (Comparer::new(&bundled), Comparer::new(&registry));
    let plans = cities(&corpus);
    for _ in 0..2 {
        assert!(
            a.matrix(&plans)
                .rows
                .iter()
                .any(|r| r.key == KEY && r.carriers() == 2)
        );
        assert!(
            b.matrix(&plans)
                .rows
                .iter()
                .any(|r| r.key == KEY && r.carriers() == 1)
        );
    }
}

//! The lexicon is one: every bound and approximation word means the same in a table cell
//! and in a sentence, and a user's lexicon reaches the parser.

use planalign::{Approximation, Bound, Lexicon, Value};
use proptest::prelude::*;

/// Where a word of a list stands, and what it means.
#[derive(Debug, Clone)]
struct Word {
    list: String,
    word: String,
    before: bool,
    bound: Bound,
    approximation: Option<Approximation>,
}

fn words() -> Vec<Word> {
    Lexicon::bundled()
        .entries()
        .into_iter()
        .filter_map(|(list, word)| {
            let (before, bound, approximation) = match list.as_str() {
                "bounds.ge_before" => (true, Bound::Ge, None),
                "bounds.le_before" => (true, Bound::Le, None),
                "bounds.gt_before" => (true, Bound::Gt, None),
                "bounds.lt_before" => (true, Bound::Lt, None),
                "bounds.ge_after" => (false, Bound::Ge, None),
                "bounds.le_after" => (false, Bound::Le, None),
                "approx.about_before" => (true, Bound::Eq, Some(Approximation::About)),
                "approx.about_after" => (false, Bound::Eq, Some(Approximation::About)),
                "approx.aspire_before" => (true, Bound::Eq, Some(Approximation::Aspired)),
                _ => return None,
            };
            Some(Word {
                list,
                word,
                before,
                bound,
                approximation,
            })
        })
        .collect()
}

#[test]
fn every_bound_and_approximation_list_is_covered() {
    let w = words();
    for list in [
        "bounds.ge_before",
        "bounds.le_before",
        "bounds.gt_before",
        "bounds.lt_before",
        "bounds.ge_after",
        "bounds.le_after",
        "approx.about_before",
        "approx.about_after",
        "approx.aspire_before",
    ] {
        assert!(
            w.iter().any(|x| x.list == list),
            "{list} is empty or missing"
        );
    }
}

/// A plan whose only text is one sentence stating a target.
fn prose_value(sentence: &str) -> Option<Value> {
    let doc = format!("示例市市场监管现代化规划\n{sentence}\n");
    let parsed = planalign::parse(&doc);
    parsed.value.targets.first().map(|t| t.value.clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cell_and_prose_readers_agree(k in 0usize..1000, whole in 1u32..1000, tenth in 0u32..10) {
        let all = words();
        let w = &all[k % all.len()];
        let n = if tenth == 0 { whole.to_string() } else { format!("{whole}.{tenth}") };
        let cell = if w.before { format!("{}{n}%", w.word) } else { format!("{n}%{}", w.word) };
        let v: Value = cell.parse().expect("a value always parses");
        let number: f64 = n.parse().expect("a number");
        prop_assert_eq!(v.number(), Some(number), "cell {:?} ({})", cell, w.list);
        prop_assert_eq!(v.bound(), w.bound, "cell {:?} ({})", cell, w.list);
        prop_assert_eq!(v.approximation(), w.approximation, "cell {:?} ({})", cell, w.list);

        let sentence = format!("到2030年，食品抽检合格率达到{cell}。");
        let p = prose_value(&sentence);
        prop_assert!(p.is_some(), "no target read from {:?} ({})", sentence, w.list);
        let p = p.expect("checked");
        prop_assert_eq!(p.number(), Some(number), "prose {:?} ({})", sentence, w.list);
        prop_assert_eq!(p.bound(), w.bound, "prose {:?} ({})", sentence, w.list);
        prop_assert_eq!(p.approximation(), w.approximation, "prose {:?} ({})", sentence, w.list);
    }
}

#[test]
fn the_issue_examples() {
    let v = |s: &str| s.parse::<Value>().expect("a value always parses");
    assert_eq!(
        (v("0.15及以下").number(), v("0.15及以下").bound()),
        (Some(0.15), Bound::Le)
    );
    assert_eq!(
        (v("不多于5").number(), v("不多于5").bound()),
        (Some(5.0), Bound::Le)
    );
    assert_eq!(
        (v("不得低于90").number(), v("不得低于90").bound()),
        (Some(90.0), Bound::Ge)
    );
    let about = v("约90");
    assert_eq!(about.number(), Some(90.0));
    assert_eq!(about.approximation(), Some(Approximation::About));
    assert_eq!(about.bound(), Bound::Eq);
}

#[test]
fn a_users_lexicon_reaches_the_parser() {
    // 保底 is not a bound word of the bundled lexicon; a user makes it one.
    let doc = "示例市市场监管现代化规划\n食品抽检合格率保底95%。\n";
    let bundled = planalign::parse(doc);
    let mut lex = Lexicon::bundled().clone();
    let mut ge: Vec<String> = Lexicon::bundled()
        .entries()
        .into_iter()
        .filter(|(l, _)| l == "bounds.ge_before")
        .map(|(_, w)| w)
        .collect();
    ge.push("保底".into());
    let list = ge
        .iter()
        .map(|w| format!("{w:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    lex.extend_toml(&format!("[bounds]\nge_before = [{list}]"))
        .expect("a valid extension");
    let mine = planalign::Parser::new().lexicon(&lex).parse(doc);
    let bound =
        |p: &planalign::Parsed<planalign::Plan>| p.value.targets.first().map(|t| t.value.bound());
    assert_ne!(bound(&bundled), Some(Bound::Ge));
    assert_eq!(bound(&mine), Some(Bound::Ge));
}

#[test]
fn a_malformed_extension_is_refused_with_its_line() {
    let mut lex = Lexicon::bundled().clone();
    let e = lex
        .extend_toml("[bounds]\nge_before = [\"至少\",\n")
        .expect_err("unclosed array");
    assert!(e.position().is_some_and(|p| p.line >= 2), "{e}");
    let e = lex
        .extend_toml("[bounds]\nge_before = 3\n")
        .expect_err("a number is not a list");
    assert!(e.to_string().contains("lexicon"), "{e}");
}

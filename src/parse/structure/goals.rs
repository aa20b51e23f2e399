//! The goals for the target year, the overall goal and the long-range outlook.
//!
//! The goals stand under a heading such as 发展目标 / 总体目标 / 主要目标. Plans write them as
//! dash items (`——宽松便捷的市场准入环境进一步优化`), as numbered items
//! (`1.市场准入更加便利`), or as sentences run together in one paragraph
//! (`市场准入进一步便利。商事登记制度逐步完善……市场竞争进一步规范。……`). In the last form
//! the paragraph is split on its goal sentences only: short sentences without a comma
//! that end in a degree word and a predicate (进一步便利, 更加公平). The text before the
//! first goal is the overall goal; a paragraph about a year after the plan's period (到2035年)
//! is the outlook, and that year the outlook year.

use crate::model::{Goal, Period};
use crate::parse::period;
use crate::text::Lexicon;

use super::outline::{Level, Outline};
use super::{Para, ParaKind, is_dash};

/// What the goals section holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Goals {
    /// The overall goal paragraph(s).
    pub overall: Option<String>,
    /// The goals.
    pub goals: Vec<Goal>,
    /// The long-range outlook (到2035年 …).
    pub outlook: Option<String>,
    /// The outlook year the plan states (2035), if it states one.
    pub outlook_year: Option<u16>,
}

/// Reads the goals, the overall goal, the outlook and its year.
pub(super) fn read(paras: &[Para], outline: &Outline, period: Period, lex: &Lexicon) -> Goals {
    let cx = Context { lex, period };
    let mut goals = Goals::default();
    if let Some(g) = goals_heading(paras, outline, lex) {
        let region = region(paras, outline, g);
        read_region(paras, &region, &mut goals, &cx);
    }
    // Outside the review of the last period and the appendices.
    let forward = || {
        paras
            .iter()
            .zip(&outline.places)
            .filter(|(p, place)| !place.background && !place.appendix && p.boxed.is_none())
            .map(|(p, _)| p)
    };
    if goals.outlook.is_none() {
        goals.outlook = forward()
            .find(|p| p.kind == ParaKind::Text && cx.opens_outlook(&p.text))
            .map(|p| p.text.clone());
    }
    goals.outlook_year = goals
        .outlook
        .as_deref()
        .and_then(|o| cx.later_year(o))
        .or_else(|| forward().find_map(|p| cx.named_outlook(&p.text)));
    goals
}

/// What the goal readers share: the words, and the period after which the outlook lies.
struct Context<'l> {
    lex: &'l Lexicon,
    period: Period,
}

impl Context<'_> {
    /// The first year after the plan's period a text writes (2035 of 到2035年, 二〇三五年).
    fn later_year(&self, text: &str) -> Option<u16> {
        let years = period::years(&period::folded(text), self.lex);
        period::year_after(&years, self.period.end).map(|y| y.value)
    }

    /// Whether a paragraph opens the outlook: 展望2035, 到2035年, 展望远景.
    fn opens_outlook(&self, text: &str) -> bool {
        let words = &self.lex.document.goals;
        let by_year = words
            .outlook_before_year
            .strip_prefix(text)
            .is_some_and(|rest| {
                let head: String = rest.chars().take(8).collect();
                let rest = period::folded(&head);
                period::years(&rest, self.lex)
                    .first()
                    .is_some_and(|y| y.start == 0 && y.value > self.period.end)
            });
        by_year || words.outlook_openers.prefix_of(text).is_some()
    }

    /// Whether a paragraph is about the outlook: a year after the plan's period among its
    /// first characters.
    fn is_outlook(&self, text: &str) -> bool {
        let head: String = text.chars().take(16).collect();
        self.later_year(&head).is_some()
    }

    /// The year of the long-range goals a text names wherever they stand: a year after the
    /// plan's period before an outlook word (…和二〇三五年远景目标纲要).
    fn named_outlook(&self, text: &str) -> Option<u16> {
        let words = &self.lex.document.goals.outlook_words;
        let year_mark = self.lex.units.year.as_str();
        let text = period::folded(text);
        period::years(&text, self.lex)
            .into_iter()
            .filter(|y| y.value > self.period.end)
            .find(|y| {
                let rest = text.get(y.end..).unwrap_or("");
                let rest = rest.strip_prefix(year_mark).unwrap_or(rest);
                words.prefix_of(rest).is_some()
            })
            .map(|y| y.value)
    }
}

/// The heading that announces the goals (发展目标, 主要目标), outside the review of the
/// last period and the appendices.
fn goals_heading(paras: &[Para], outline: &Outline, lex: &Lexicon) -> Option<usize> {
    let words = &lex.document.goals;
    paras.iter().zip(&outline.places).position(|(p, place)| {
        p.boxed.is_none()
            && !place.background
            && !place.appendix
            && matches!(
                place.level,
                Some(Level::Chapter | Level::Section | Level::Item)
            )
            && p.marker().is_some_and(|m| {
                let t: String = m.title.chars().filter(|c| !c.is_whitespace()).collect();
                t == words.heading || words.headings.any_in(&t)
            })
    })
}

/// The paragraphs under the goals heading at `g`, up to the next heading of its level, a
/// table or the end matter; boxes left out.
fn region(paras: &[Para], outline: &Outline, g: usize) -> Vec<usize> {
    let level = outline
        .places
        .get(g)
        .and_then(|p| p.level)
        .unwrap_or(Level::Chapter);
    (g + 1..paras.len())
        .take_while(|&k| {
            let p = paras.get(k);
            let place = outline.places.get(k).copied().unwrap_or_default();
            let stop = match p.map(|p| &p.kind) {
                None | Some(ParaKind::Table | ParaKind::End) => true,
                Some(ParaKind::Heading(_)) => place.level.is_some_and(|l| l <= level),
                Some(ParaKind::Text) => false,
            };
            !stop
        })
        .filter(|&k| paras.get(k).is_some_and(|p| p.boxed.is_none()))
        .collect()
}

/// How the goals of a region are written.
enum Form {
    Dash,
    Numbered,
    RunTogether(usize),
}

fn read_region(paras: &[Para], region: &[usize], goals: &mut Goals, cx: &Context<'_>) {
    let form = form_of(paras, region, cx.lex);
    let mut overall: Vec<String> = Vec::new();
    let mut outlook: Vec<String> = Vec::new();
    let mut current: Option<Goal> = None;
    for &k in region {
        let Some(p) = paras.get(k) else { continue };
        if p.kind == ParaKind::Text && cx.is_outlook(&p.text) || !outlook.is_empty() {
            outlook.push(p.text.clone());
            continue;
        }
        match opened_goals(form.as_ref(), p, k, &mut overall, cx.lex) {
            Some(mut opened) => {
                let last = opened.pop();
                goals.goals.extend(current.take());
                goals.goals.extend(opened);
                current = last;
            }
            None => match current.as_mut() {
                Some(goal) => {
                    if !goal.text.is_empty() {
                        goal.text.push('\n');
                    }
                    goal.text.push_str(&p.text);
                }
                None => overall.push(p.text.clone()),
            },
        }
    }
    goals.goals.extend(current);
    if !overall.is_empty() {
        goals.overall = Some(overall.join("\n"));
    }
    if !outlook.is_empty() {
        goals.outlook = Some(outlook.join("\n"));
    }
}

/// How the region's goals are written: dash items, numbered items, or sentences run
/// together in one paragraph.
fn form_of(paras: &[Para], region: &[usize], lex: &Lexicon) -> Option<Form> {
    let text_of = |k: usize| paras.get(k).map_or("", |p| p.text.as_str());
    let is_text = |k: usize| paras.get(k).is_some_and(|p| p.kind == ParaKind::Text);
    let dashes = region
        .iter()
        .filter(|&&k| is_text(k) && is_dash(text_of(k), lex))
        .count();
    let numbered = region
        .iter()
        .filter(|&&k| paras.get(k).is_some_and(|p| p.marker().is_some()))
        .count();
    let run = region
        .iter()
        .copied()
        .find(|&k| is_text(k) && goal_sentences(text_of(k), lex) >= 2);
    if dashes >= 2 && dashes >= numbered {
        Some(Form::Dash)
    } else if numbered >= 2 {
        Some(Form::Numbered)
    } else {
        run.map(Form::RunTogether)
    }
}

/// The goals paragraph `p` (at `k`) opens in the region's form, if it opens any; the text
/// of a run-together paragraph before its first goal goes to `overall`.
fn opened_goals(
    form: Option<&Form>,
    p: &Para,
    k: usize,
    overall: &mut Vec<String>,
    lex: &Lexicon,
) -> Option<Vec<Goal>> {
    match (form, &p.kind) {
        (Some(Form::Dash), ParaKind::Text) if is_dash(&p.text, lex) => {
            let dashes = &lex.document.headings.item_dashes;
            let body = p.text.trim_start_matches(|c| dashes.contains(c)).trim();
            let (title, text) = split_sentence(body, lex);
            Some(vec![Goal::new(title, text, p.line())])
        }
        (Some(Form::Numbered), ParaKind::Heading(m)) => {
            Some(vec![Goal::new(m.title.clone(), m.rest.clone(), p.line())])
        }
        (Some(Form::RunTogether(r)), ParaKind::Text) if *r == k => {
            let (lead, run_goals) = split_run(p, lex);
            if !lead.is_empty() {
                overall.push(lead);
            }
            Some(run_goals)
        }
        _ => None,
    }
}

/// Splits text at its first full stop: (the first sentence, the rest).
fn split_sentence(s: &str, lex: &Lexicon) -> (String, String) {
    let stop = lex.document.full_stop.as_str();
    match s.find(stop).filter(|_| !stop.is_empty()) {
        Some(p) => {
            let (a, b) = s.split_at(p);
            (
                a.trim().to_string(),
                b.trim_start_matches(stop).trim().to_string(),
            )
        }
        None => (s.trim().to_string(), String::new()),
    }
}

/// Whether a sentence (without its full stop) reads as a goal's title: short, without a
/// comma, ending in a degree word and a short predicate (市场准入进一步便利).
fn is_goal_sentence(s: &str, lex: &Lexicon) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    let clause = |c: char| lex.fold.clause_ends.contains(c) || lex.fold.list_marks.contains(c);
    if !(4..=18).contains(&n) || s.contains(clause) {
        return false;
    }
    lex.document.goals.degree.iter().any(|d| {
        s.rfind(d).is_some_and(|p| {
            let after = s.get(p + d.len()..).map_or(0, |r| r.chars().count());
            (1..=3).contains(&after) && p > 0
        })
    })
}

/// How many goal sentences a paragraph has.
fn goal_sentences(text: &str, lex: &Lexicon) -> usize {
    text.split(lex.document.full_stop.as_str())
        .filter(|s| is_goal_sentence(s, lex))
        .count()
}

/// Splits a paragraph of goals run together: the sentences before the first goal, and the
/// goals with their text.
fn split_run(p: &Para, lex: &Lexicon) -> (String, Vec<Goal>) {
    let stop = lex.document.full_stop.as_str();
    let mut lead = String::new();
    let mut goals: Vec<Goal> = Vec::new();
    let mut offset = 0;
    for piece in p.text.split_inclusive(stop) {
        let sentence = piece.trim_end_matches(stop);
        if is_goal_sentence(sentence, lex) {
            goals.push(Goal::new(sentence.trim(), "", p.line_at(offset)));
        } else {
            let target = match goals.last_mut() {
                Some(g) => &mut g.text,
                None => &mut lead,
            };
            target.push_str(piece.trim());
        }
        offset += piece.len();
    }
    (lead, goals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_sentences_are_told_from_other_sentences() {
        let lex = Lexicon::bundled();
        assert!(is_goal_sentence("市场准入进一步便利", lex));
        assert!(is_goal_sentence("市场监管法治体系进一步健全", lex));
        assert!(is_goal_sentence("市场准入更加便利", lex));
        assert!(!is_goal_sentence(
            "商事登记制度逐步完善，企业开办全流程便利度达到国内一流水平",
            lex
        ));
        assert!(!is_goal_sentence("健全失信联合惩戒机制", lex));
        assert!(!is_goal_sentence("进一步", lex));
    }

    #[test]
    fn a_run_together_paragraph_splits_on_its_goals() {
        let p = Para::new(
            ParaKind::Text,
            "市场准入进一步便利。商事登记制度逐步完善，市场主体活力充分释放。市场竞争进一步规范。竞争机制基本完善，执法不断强化。".to_string(),
            7,
            None,
        );
        let (lead, goals) = split_run(&p, Lexicon::bundled());
        assert!(lead.is_empty());
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[1].title, "市场竞争进一步规范");
        assert_eq!(goals[1].text, "竞争机制基本完善，执法不断强化。");
    }
}

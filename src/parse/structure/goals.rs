//! The goals for the target year, the overall goal and the 2035 outlook.
//!
//! The goals stand under a heading such as 发展目标 / 总体目标 / 主要目标. Plans write them as
//! dash items (`——宽松便捷的市场准入环境进一步优化`), as numbered items
//! (`1.市场准入更加便利`), or as sentences run together in one paragraph
//! (`市场准入进一步便利。商事登记制度逐步完善……市场竞争进一步规范。……`). In the last form
//! the paragraph is split on its goal sentences only: short sentences without a comma
//! that end in a degree word and a predicate (进一步便利, 更加公平). The text before the
//! first goal is the overall goal; a paragraph about 2035 is the outlook.

use crate::model::Goal;

use super::outline::{Level, Outline};
use super::{Para, ParaKind, is_dash};

/// What the goals section holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Goals {
    /// The overall goal paragraph(s).
    pub overall: Option<String>,
    /// The goals.
    pub goals: Vec<Goal>,
    /// The 2035 outlook.
    pub outlook: Option<String>,
}

/// Heading titles that announce the goals.
const GOAL_HEADINGS: [&str; 8] = [
    "发展目标",
    "总体目标",
    "主要目标",
    "工作目标",
    "规划目标",
    "预期目标",
    "目标任务",
    "具体目标",
];

/// Words of degree that close a goal sentence before its predicate (进一步便利, 更加公平).
const DEGREE: [&str; 14] = [
    "进一步",
    "更加",
    "更为",
    "持续",
    "显著",
    "明显",
    "全面",
    "不断",
    "基本",
    "大幅",
    "稳步",
    "有效",
    "逐步",
    "日益",
];

/// Reads the goals, the overall goal and the outlook.
pub(super) fn read(paras: &[Para], outline: &Outline) -> Goals {
    let mut goals = Goals::default();
    let start = paras.iter().zip(&outline.places).position(|(p, place)| {
        p.boxed.is_none()
            && !place.background
            && !place.appendix
            && matches!(
                place.level,
                Some(Level::Chapter | Level::Section | Level::Item)
            )
            && p.marker().is_some_and(|m| {
                let t: String = m.title.chars().filter(|c| !c.is_whitespace()).collect();
                t == "目标" || GOAL_HEADINGS.iter().any(|w| t.contains(w))
            })
    });
    if let Some(g) = start {
        let level = outline
            .places
            .get(g)
            .and_then(|p| p.level)
            .unwrap_or(Level::Chapter);
        let region: Vec<usize> = (g + 1..paras.len())
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
            .collect();
        read_region(paras, &region, &mut goals);
    }
    if goals.outlook.is_none() {
        goals.outlook = paras
            .iter()
            .zip(&outline.places)
            .find(|(p, place)| {
                p.kind == ParaKind::Text
                    && p.boxed.is_none()
                    && !place.background
                    && !place.appendix
                    && ["展望2035", "到2035年", "至2035年", "展望远景"]
                        .iter()
                        .any(|w| p.text.starts_with(w))
            })
            .map(|(p, _)| p.text.clone());
    }
    goals
}

/// Whether a paragraph is about the 2035 outlook.
fn is_outlook(text: &str) -> bool {
    let head: String = text.chars().take(16).collect();
    head.contains("2035")
}

/// How the goals of a region are written.
enum Form {
    Dash,
    Numbered,
    RunTogether(usize),
}

fn read_region(paras: &[Para], region: &[usize], goals: &mut Goals) {
    let text_of = |k: usize| paras.get(k).map_or("", |p| p.text.as_str());
    let is_text = |k: usize| paras.get(k).is_some_and(|p| p.kind == ParaKind::Text);
    let dashes = region
        .iter()
        .filter(|&&k| is_text(k) && is_dash(text_of(k)))
        .count();
    let numbered = region
        .iter()
        .filter(|&&k| paras.get(k).is_some_and(|p| p.marker().is_some()))
        .count();
    let run = region
        .iter()
        .copied()
        .find(|&k| is_text(k) && goal_sentences(text_of(k)) >= 2);
    let form = if dashes >= 2 && dashes >= numbered {
        Some(Form::Dash)
    } else if numbered >= 2 {
        Some(Form::Numbered)
    } else {
        run.map(Form::RunTogether)
    };
    let mut overall: Vec<String> = Vec::new();
    let mut outlook: Vec<String> = Vec::new();
    let mut current: Option<Goal> = None;
    for &k in region {
        let Some(p) = paras.get(k) else { continue };
        if p.kind == ParaKind::Text && is_outlook(&p.text) || !outlook.is_empty() {
            outlook.push(p.text.clone());
            continue;
        }
        let opened = match (&form, &p.kind) {
            (Some(Form::Dash), ParaKind::Text) if is_dash(&p.text) => {
                let body = p.text.trim_start_matches(['—', '－', '─', '―']).trim();
                let (title, text) = split_sentence(body);
                Some(vec![Goal::new(title, text, p.line())])
            }
            (Some(Form::Numbered), ParaKind::Heading(m)) => {
                Some(vec![Goal::new(m.title.clone(), m.rest.clone(), p.line())])
            }
            (Some(Form::RunTogether(r)), ParaKind::Text) if *r == k => {
                let (lead, run_goals) = split_run(p);
                if !lead.is_empty() {
                    overall.push(lead);
                }
                Some(run_goals)
            }
            _ => None,
        };
        match opened {
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

/// Splits text at its first full stop: (the first sentence, the rest).
fn split_sentence(s: &str) -> (String, String) {
    match s.find('。') {
        Some(p) => {
            let (a, b) = s.split_at(p);
            (
                a.trim().to_string(),
                b.trim_start_matches('。').trim().to_string(),
            )
        }
        None => (s.trim().to_string(), String::new()),
    }
}

/// Whether a sentence (without its full stop) reads as a goal's title: short, without a
/// comma, ending in a degree word and a short predicate (市场准入进一步便利).
fn is_goal_sentence(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if !(4..=18).contains(&n) || s.contains(['，', ',', '、', '；', ';', '：', ':']) {
        return false;
    }
    DEGREE.iter().any(|d| {
        s.rfind(d).is_some_and(|p| {
            let after = s.get(p + d.len()..).map_or(0, |r| r.chars().count());
            (1..=3).contains(&after) && p > 0
        })
    })
}

/// How many goal sentences a paragraph has.
fn goal_sentences(text: &str) -> usize {
    text.split('。').filter(|s| is_goal_sentence(s)).count()
}

/// Splits a paragraph of goals run together: the sentences before the first goal, and the
/// goals with their text.
fn split_run(p: &Para) -> (String, Vec<Goal>) {
    let mut lead = String::new();
    let mut goals: Vec<Goal> = Vec::new();
    let mut offset = 0;
    for piece in p.text.split_inclusive('。') {
        let sentence = piece.trim_end_matches('。');
        if is_goal_sentence(sentence) {
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
        assert!(is_goal_sentence("市场准入进一步便利"));
        assert!(is_goal_sentence("市场监管法治体系进一步健全"));
        assert!(is_goal_sentence("市场准入更加便利"));
        assert!(!is_goal_sentence(
            "商事登记制度逐步完善，企业开办全流程便利度达到国内一流水平"
        ));
        assert!(!is_goal_sentence("健全失信联合惩戒机制"));
        assert!(!is_goal_sentence("进一步"));
    }

    #[test]
    fn a_run_together_paragraph_splits_on_its_goals() {
        let p = Para::new(
            ParaKind::Text,
            "市场准入进一步便利。商事登记制度逐步完善，市场主体活力充分释放。市场竞争进一步规范。竞争机制基本完善，执法不断强化。".to_string(),
            7,
            None,
        );
        let (lead, goals) = split_run(&p);
        assert!(lead.is_empty());
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[1].title, "市场竞争进一步规范");
        assert_eq!(goals[1].text, "竞争机制基本完善，执法不断强化。");
    }
}

//! Goal and task alignment: a plan's goals against a parent plan's goals, and its chapters
//! and sections against the parent's key tasks. Wordings differ widely (市场准入进一步便利 /
//! 宽松便捷的市场准入环境进一步优化 / 市场准入更加便利), so alignment works on the content
//! words of the parent's titles plus theme words where the corpus supplies them, matched
//! in the child's titles (strong evidence) and texts (weak evidence).

use serde::{Deserialize, Serialize};

use super::Comparer;
use crate::corpus::Themes;
use crate::model::Plan;
use crate::text::Lexicon;

/// One child goal linked to one parent goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoalLink {
    /// The child goal's title.
    pub child: String,
    /// The parent goal's title.
    pub parent: String,
    /// The strength of the link, in [0, 1].
    pub score: f64,
    /// Whether this is the child goal's best link.
    pub primary: bool,
    /// The words that matched: in the title, then in the text.
    pub evidence: Vec<String>,
}

/// One chapter or section of the child linked to one parent task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskLink {
    /// The child's chapter or section, as `number title`.
    pub child: String,
    /// The parent task (chapter) title.
    pub parent: String,
    /// The strength of the link, in [0, 1].
    pub score: f64,
    /// The words that matched.
    pub evidence: Vec<String>,
}

/// The child's goals against the parent's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct GoalAlignment {
    /// Each child goal's links to parent goals, best first.
    pub links: Vec<GoalLink>,
    /// Parent goals no child goal addresses.
    pub unaddressed: Vec<String>,
    /// Child goals that express no parent goal.
    pub unmatched: Vec<String>,
}

impl GoalAlignment {
    /// Each child goal's best link.
    pub fn primary(&self) -> impl Iterator<Item = &GoalLink> {
        self.links.iter().filter(|l| l.primary)
    }
}

/// The child's chapters and sections against the parent's key tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct TaskAlignment {
    /// The links of the child's chapters, sections and items to parent tasks.
    pub links: Vec<TaskLink>,
    /// Parent tasks no chapter or section of the child addresses.
    pub unaddressed: Vec<String>,
}

/// The least score that links a goal or task.
const LINK: f64 = 0.3;

/// The content words of a title: it split at stop words, pieces of two characters or more.
fn content_words(title: &str, lex: &Lexicon) -> Vec<String> {
    let mut pieces = vec![title.to_string()];
    for s in lex.goals.stop.iter() {
        pieces = pieces
            .iter()
            .flat_map(|p| p.split(s).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let mut out: Vec<String> = pieces
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| p.chars().count() >= 2)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The words that speak for a parent goal or task: its title's content words and its
/// theme words.
fn words_of(parent_title: &str, themes: &Themes, lex: &Lexicon) -> Vec<String> {
    let mut w = content_words(parent_title, lex);
    w.extend(themes.get(parent_title).iter().cloned());
    w.sort();
    w.dedup();
    w.retain(|x| !lex.goals.domain.contains(x));
    w
}

/// Character bigrams of a title's content words.
fn bigrams(title: &str, lex: &Lexicon) -> Vec<(char, char)> {
    let pairs = |w: &str| {
        let c: Vec<char> = w.chars().collect();
        c.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
    };
    // The domain's own name (市场监管) is in every title: its bigrams say nothing.
    let domain: Vec<(char, char)> = lex.goals.domain.iter().flat_map(pairs).collect();
    let mut out: Vec<(char, char)> = content_words(title, lex)
        .iter()
        .flat_map(|w| pairs(w))
        .filter(|b| !domain.contains(b))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice similarity of two titles' content bigrams, on characters.
fn title_dice(a: &str, b: &str, lex: &Lexicon) -> f64 {
    let (x, y) = (bigrams(a, lex), bigrams(b, lex));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let shared = x.iter().filter(|g| y.contains(g)).count();
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Chapters that frame a plan rather than set a task.
fn is_frame(title: &str, lex: &Lexicon) -> bool {
    lex.goals.frame.any_in(title)
}

fn score(title: &str, text: &str, words: &[String]) -> (f64, Vec<String>) {
    let in_title: Vec<String> = words
        .iter()
        .filter(|w| title.contains(w.as_str()))
        .cloned()
        .collect();
    let in_text: Vec<String> = words
        .iter()
        .filter(|w| !title.contains(w.as_str()) && text.contains(w.as_str()))
        .cloned()
        .collect();
    let s = (0.45 * in_title.len() as f64 + 0.08 * in_text.len().min(5) as f64).min(1.0);
    let mut evidence = in_title;
    evidence.extend(in_text.into_iter().map(|w| format!("({w})")));
    (s, evidence)
}

impl Comparer<'_> {
    /// Aligns the child's goals with the parent's: the links, the parent goals no child
    /// goal addresses, and the child goals that express no parent goal.
    pub fn align_goals(&self, child: &Plan, parent: &Plan) -> GoalAlignment {
        align_goals(child, parent, self.themes(), self.lexicon())
    }

    /// Aligns the child's chapters and sections with the parent's key tasks (its
    /// chapters): the links, and the parent tasks nothing in the child addresses.
    pub fn align_tasks(&self, child: &Plan, parent: &Plan) -> TaskAlignment {
        align_tasks(child, parent, self.themes(), self.lexicon())
    }
}

fn align_goals(child: &Plan, parent: &Plan, themes: &Themes, lex: &Lexicon) -> GoalAlignment {
    let parents: Vec<(String, Vec<String>)> = parent
        .goals
        .iter()
        .map(|g| (g.title.clone(), words_of(&g.title, themes, lex)))
        .collect();
    let mut links = Vec::new();
    let mut unmatched = Vec::new();
    for g in &child.goals {
        let mut mine: Vec<GoalLink> = parents
            .iter()
            .map(|(pt, words)| {
                let (s, evidence) = score(&g.title, &g.text, words);
                GoalLink {
                    child: g.title.clone(),
                    parent: pt.clone(),
                    score: s,
                    primary: false,
                    evidence,
                }
            })
            .filter(|l| l.score >= LINK)
            .collect();
        mine.sort_by(|a, b| b.score.total_cmp(&a.score));
        match mine.first_mut() {
            Some(best) => best.primary = true,
            None => unmatched.push(g.title.clone()),
        }
        links.extend(mine);
    }
    let unaddressed = parents
        .iter()
        .filter(|(pt, _)| !links.iter().any(|l| &l.parent == pt))
        .map(|(pt, _)| pt.clone())
        .collect();
    GoalAlignment {
        links,
        unaddressed,
        unmatched,
    }
}

fn align_tasks(child: &Plan, parent: &Plan, themes: &Themes, lex: &Lexicon) -> TaskAlignment {
    let tasks: Vec<(String, Vec<String>)> = parent
        .chapters
        .iter()
        .filter(|c| !is_frame(&c.title, lex))
        .map(|c| (c.title.clone(), words_of(&c.title, themes, lex)))
        .collect();
    let mut units: Vec<(String, String, String)> = Vec::new();
    for c in &child.chapters {
        let sections: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
        units.push((
            format!("{} {}", c.number, c.title),
            c.title.clone(),
            sections.join("；"),
        ));
        for s in &c.sections {
            let items: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
            units.push((
                format!("{} {} / {} {}", c.number, c.title, s.number, s.title),
                s.title.clone(),
                items.join("；"),
            ));
            for i in &s.items {
                units.push((
                    format!(
                        "{} {} / {} {} / {} {}",
                        c.number, c.title, s.number, s.title, i.number, i.title
                    ),
                    i.title.clone(),
                    String::new(),
                ));
            }
        }
    }
    let mut links = Vec::new();
    for (label, title, text) in &units {
        for (pt, words) in &tasks {
            let (kw, mut evidence) = score(title, text, words);
            let dice = title_dice(title, pt, lex);
            if dice > kw {
                evidence.push(format!("title bigram similarity {dice:.2}"));
            }
            let s = kw.max(dice);
            if s >= LINK {
                links.push(TaskLink {
                    child: label.clone(),
                    parent: pt.clone(),
                    score: s,
                    evidence,
                });
            }
        }
    }
    let unaddressed = tasks
        .iter()
        .filter(|(pt, _)| !links.iter().any(|l| &l.parent == pt))
        .map(|(pt, _)| pt.clone())
        .collect();
    TaskAlignment { links, unaddressed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_drop_the_connectives() {
        assert_eq!(
            content_words("市场准入更加便利", Lexicon::bundled()),
            vec!["便利", "市场准入"]
        );
        assert_eq!(
            content_words("安全监管形势更加稳定", Lexicon::bundled()),
            vec!["安全监管形势", "稳定"]
        );
    }
}

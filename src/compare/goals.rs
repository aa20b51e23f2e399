//! Goal and task alignment: a plan's goals against a parent plan's goals, and its chapters
//! and sections against the parent's key tasks. Wordings differ widely (市场准入进一步便利 /
//! 宽松便捷的市场准入环境进一步优化 / 市场准入更加便利), so alignment works on the content
//! words of the parent's titles plus theme words where the corpus supplies them, matched
//! in the child's titles (strong evidence) and texts (weak evidence).

use std::mem::take;
use std::sync::Arc;

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
///
/// The texts are shared ([`Arc<str>`]): a unit's label, a task's title and a word stand once
/// in memory however many links name them, so that an alignment of long outlines (tens of
/// thousands of links) costs a few words per link. Compare them as `&str`
/// (`&*link.parent == "…"`); they serialize as plain strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskLink {
    /// The child's chapter or section, as `number title`, with the chapter (and section)
    /// above it: `第三章 … / （一）…`.
    pub child: Arc<str>,
    /// The parent task (chapter) title.
    pub parent: Arc<str>,
    /// The strength of the link, in [0, 1].
    pub score: f64,
    /// The words that matched: those in the title, then those only in the text (in
    /// brackets), then the title bigram similarity when it decided.
    pub evidence: Vec<Arc<str>>,
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
    /// The links of the child's chapters, sections and items to parent tasks, in the
    /// child's order, each unit's in the parent's order: those scoring at least 0.3, at
    /// most the best eight per unit.
    pub links: Vec<TaskLink>,
    /// Parent tasks no chapter or section of the child addresses.
    pub unaddressed: Vec<String>,
}

/// The least score that links a goal or task.
const LINK: f64 = 0.3;

/// The content words of a title: it split at stop words, pieces of two characters or more.
///
/// The stop words cut the title longest first, each only where no longer word has cut
/// already (as splitting the pieces again word by word would), in one buffer of marks.
fn content_words(title: &str, lex: &Lexicon) -> Vec<String> {
    content_pieces(title, lex)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// [`content_words`] as slices of the title.
fn content_pieces<'t>(title: &'t str, lex: &Lexicon) -> Vec<&'t str> {
    let mut cut = vec![false; title.len()];
    let bytes = title.as_bytes();
    for stop in lex.goals.stop.iter() {
        let (Some(&first), word) = (stop.as_bytes().first(), stop.as_bytes()) else {
            continue;
        };
        let mut at = 0;
        while at < bytes.len() {
            let end = at + word.len();
            // The first byte first: most positions start no stop word.
            let here = bytes[at] == first
                && bytes[at..].starts_with(word)
                && !cut[at..end].contains(&true);
            if here {
                cut[at..end].fill(true);
                at = end;
            } else {
                at += title[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    let mut out: Vec<&str> = Vec::new();
    let mut start = None;
    for (i, _) in title.char_indices().chain([(title.len(), ' ')]) {
        let kept = i < title.len() && !cut[i];
        match (kept, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let piece = title[s..i].trim();
                if piece.chars().nth(1).is_some() {
                    out.push(piece);
                }
                start = None;
            }
            _ => {}
        }
    }
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
    // An empty theme word would be found in every title.
    w.retain(|x| !x.is_empty() && !lex.goals.domain.contains(x));
    w
}

/// The character bigrams of a word.
fn pairs(w: &str) -> impl Iterator<Item = (char, char)> + '_ {
    w.chars().zip(w.chars().skip(1))
}

/// The bigrams of the domain's own name (市场监管), in every title: they say nothing.
fn domain_bigrams(lex: &Lexicon) -> Vec<(char, char)> {
    lex.goals.domain.iter().flat_map(pairs).collect()
}

/// Character bigrams of a title's content words, sorted and deduplicated, without the
/// domain's ([`domain_bigrams`]).
fn bigrams(title: &str, domain: &[(char, char)], lex: &Lexicon) -> Vec<(char, char)> {
    let mut out: Vec<(char, char)> = content_pieces(title, lex)
        .into_iter()
        .flat_map(pairs)
        .filter(|b| !domain.contains(b))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice similarity of two titles' content bigrams (each sorted and deduplicated, as
/// [`bigrams`] gives them).
fn dice(x: &[(char, char)], y: &[(char, char)]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(a), Some(b)) = (x.get(i), y.get(j)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Chapters that frame a plan rather than set a task.
fn is_frame(title: &str, lex: &Lexicon) -> bool {
    lex.goals.frame.any_in(title)
}

/// The score of a parent's words found in a child's title (strong evidence) and only in
/// its text (weak evidence, counted up to five).
fn keyword_score(in_title: usize, in_text: usize) -> f64 {
    (0.45 * in_title as f64 + 0.08 * in_text.min(5) as f64).min(1.0)
}

/// The score of a child goal against a parent goal's words, and its evidence when the
/// score links them: the words in the title, then those only in the text, in brackets.
fn score(title: &str, text: &str, words: &[String]) -> Option<(f64, Vec<String>)> {
    let in_title = |w: &&String| title.contains(w.as_str());
    let in_text = |w: &&String| !in_title(w) && text.contains(w.as_str());
    let s = keyword_score(
        words.iter().filter(in_title).count(),
        words.iter().filter(in_text).count(),
    );
    if s < LINK {
        return None;
    }
    let mut evidence: Vec<String> = words.iter().filter(in_title).cloned().collect();
    evidence.extend(words.iter().filter(in_text).map(|w| format!("({w})")));
    Some((s, evidence))
}

impl Comparer<'_> {
    /// Aligns the child's goals with the parent's: the links, the parent goals no child
    /// goal addresses, and the child goals that express no parent goal.
    pub fn align_goals(&self, child: &Plan, parent: &Plan) -> GoalAlignment {
        align_goals(child, &self.parent_side(parent))
    }

    /// Aligns the child's chapters and sections with the parent's key tasks (its
    /// chapters): the links, and the parent tasks nothing in the child addresses.
    ///
    /// The cost grows with the outlines, not with their product: each unit of the child
    /// (chapter, section, item) scores only the tasks sharing a word or a title bigram
    /// with it, at most 64, rarest words first, and keeps its best eight links. Bundled
    /// plans have ten to twenty tasks and link a unit to at most three, so the bounds only
    /// bind for outlines of hundreds of chapters.
    pub fn align_tasks(&self, child: &Plan, parent: &Plan) -> TaskAlignment {
        align_tasks(&self.child_side(child), &self.parent_side(parent))
    }

    /// What goal and task alignment read of a plan as the parent.
    pub(crate) fn parent_side(&self, parent: &Plan) -> ParentSide {
        ParentSide::new(parent, self.themes(), self.lexicon())
    }

    /// What task alignment reads of a plan as the child.
    pub(crate) fn child_side(&self, child: &Plan) -> ChildSide {
        ChildSide::new(child, self.lexicon())
    }
}

/// A plan's goals and tasks as the parent of an alignment: each goal's and each task's
/// words, derived once per plan and read by every child compared with it.
pub(crate) struct ParentSide {
    goals: Vec<(String, Vec<String>)>,
    tasks: TaskIndex,
}

impl ParentSide {
    fn new(parent: &Plan, themes: &Themes, lex: &Lexicon) -> ParentSide {
        ParentSide {
            goals: parent
                .goals
                .iter()
                .map(|g| (g.title.clone(), words_of(&g.title, themes, lex)))
                .collect(),
            tasks: TaskIndex::new(parent, themes, lex),
        }
    }
}

/// A plan's chapters, sections and items as the child of a task alignment, each with its
/// title bigrams, derived once per plan.
pub(crate) struct ChildSide {
    units: Vec<Unit>,
}

impl ChildSide {
    fn new(child: &Plan, lex: &Lexicon) -> ChildSide {
        ChildSide {
            units: units(child, &domain_bigrams(lex), lex),
        }
    }
}

/// Aligns a child's goals with a parent's.
pub(crate) fn align_goals(child: &Plan, parent: &ParentSide) -> GoalAlignment {
    let parents = &parent.goals;
    let mut links = Vec::new();
    let mut unmatched = Vec::new();
    for g in &child.goals {
        let mut mine: Vec<GoalLink> = parents
            .iter()
            .filter_map(|(pt, words)| {
                let (s, evidence) = score(&g.title, &g.text, words)?;
                Some(GoalLink {
                    child: g.title.clone(),
                    parent: pt.clone(),
                    score: s,
                    primary: false,
                    evidence,
                })
            })
            .collect();
        mine.sort_by(|a, b| b.score.total_cmp(&a.score));
        match mine.first_mut() {
            Some(best) => best.primary = true,
            None => unmatched.push(g.title.clone()),
        }
        links.extend(mine);
    }
    let linked: std::collections::HashSet<&str> = links.iter().map(|l| l.parent.as_str()).collect();
    let unaddressed = parents
        .iter()
        .filter(|(pt, _)| !linked.contains(pt.as_str()))
        .map(|(pt, _)| pt.clone())
        .collect();
    GoalAlignment {
        links,
        unaddressed,
        unmatched,
    }
}

/// A chapter, section or item of the child, the unit a task link starts from.
struct Unit {
    /// `number title`, with the chapter and section above it.
    label: Arc<str>,
    title: String,
    /// The titles below it (a chapter's sections, a section's items), joined.
    text: String,
    /// The title's content bigrams ([`bigrams`]).
    bigrams: Vec<(char, char)>,
}

/// The child's chapters, sections and items, in the outline's order.
fn units(child: &Plan, domain: &[(char, char)], lex: &Lexicon) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut unit = |label: String, title: &str, text: String| {
        units.push(Unit {
            label: label.into(),
            title: title.to_string(),
            text,
            bigrams: bigrams(title, domain, lex),
        });
    };
    for c in &child.chapters {
        let chapter = format!("{} {}", c.number, c.title);
        let sections: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
        unit(chapter.clone(), &c.title, sections.join("；"));
        for s in &c.sections {
            let section = format!("{chapter} / {} {}", s.number, s.title);
            let items: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
            unit(section.clone(), &s.title, items.join("；"));
            for i in &s.items {
                let label = format!("{section} / {} {}", i.number, i.title);
                unit(label, &i.title, String::new());
            }
        }
    }
    units
}

/// At most this many parent tasks are scored for one unit of the child: those sharing its
/// rarest words and title bigrams first. Plans have ten to twenty tasks, so the bound
/// only matters for outlines of hundreds of chapters, where scoring every pair was
/// quadratic.
const MAX_CANDIDATES: usize = 64;

/// At most this many links are kept per unit of the child, its best (by score, then the
/// parent's order). A section of a bundled plan links to at most three tasks.
const MAX_LINKS: usize = 8;

/// A word or title bigram is common to the parent's tasks when more than half of them, and
/// at least this many, hold it: it says nothing about which task a unit addresses (in a
/// plan whose every chapter is about food safety, 食品安全 links each section to every
/// chapter), so it neither nominates, scores nor stands as evidence. The bundled plans
/// have ten to twenty tasks and no common word.
const MIN_COMMON: usize = 4;

/// Whether `holders` of `tasks` tasks make a word or bigram common ([`MIN_COMMON`]).
fn is_common(holders: usize, tasks: usize) -> bool {
    holders >= MIN_COMMON && 2 * holders > tasks
}

/// A parent task, with what scoring needs derived once: its words (as ids of the
/// [`TaskIndex`]) and its title's content bigrams, those common to the tasks left out.
struct Task {
    title: Arc<str>,
    words: Vec<u32>,
    bigrams: Vec<(char, char)>,
}

/// The parent's tasks indexed for the child's units: the tasks' words in a trie, so that
/// the words a title or text contains are found in one pass over it, and for each word
/// and each title bigram the tasks that hold it.
struct TaskIndex {
    tasks: Vec<Task>,
    /// The distinct words of all tasks, by id, as evidence shows them: found in a title,
    /// and found only in a text (in brackets).
    words: Vec<(Arc<str>, Arc<str>)>,
    trie: Trie,
    /// Word id → the tasks holding the word.
    by_word: Vec<Vec<u32>>,
    /// Title bigram → the tasks whose title holds it; common bigrams are not kept.
    by_bigram: hashbrown::HashMap<(char, char), Vec<u32>>,
    /// The bigrams common to the tasks' titles.
    common_bigrams: hashbrown::HashSet<(char, char)>,
}

impl TaskIndex {
    fn new(parent: &Plan, themes: &Themes, lex: &Lexicon) -> TaskIndex {
        let mut index = TaskIndex {
            tasks: Vec::new(),
            words: Vec::new(),
            trie: Trie::default(),
            by_word: Vec::new(),
            by_bigram: hashbrown::HashMap::new(),
            common_bigrams: hashbrown::HashSet::new(),
        };
        let domain = domain_bigrams(lex);
        let chapters = parent.chapters.iter().filter(|c| !is_frame(&c.title, lex));
        for (t, c) in chapters.enumerate() {
            let t = t as u32;
            let words: Vec<u32> = words_of(&c.title, themes, lex)
                .into_iter()
                .map(|w| index.word_id(w))
                .collect();
            for &w in &words {
                index.by_word[w as usize].push(t);
            }
            let bigrams = bigrams(&c.title, &domain, lex);
            for b in &bigrams {
                index.by_bigram.entry(*b).or_default().push(t);
            }
            index.tasks.push(Task {
                title: c.title.as_str().into(),
                words,
                bigrams,
            });
        }
        index.drop_common();
        index
    }

    /// Takes the common words and bigrams ([`is_common`]) out of the tasks and the lists.
    fn drop_common(&mut self) {
        let n = self.tasks.len();
        let common: Vec<bool> = self.by_word.iter().map(|l| is_common(l.len(), n)).collect();
        let common_bigrams = &mut self.common_bigrams;
        self.by_bigram.retain(|b, l| {
            let common = is_common(l.len(), n);
            if common {
                common_bigrams.insert(*b);
            }
            !common
        });
        for (w, list) in self.by_word.iter_mut().enumerate() {
            if common[w] {
                list.clear();
            }
        }
        for t in &mut self.tasks {
            t.words.retain(|&w| !common[w as usize]);
            t.bigrams.retain(|b| self.by_bigram.contains_key(b));
        }
    }

    /// The unit's title bigrams that the tasks may share, in `out`: common ones left out,
    /// as they are left out of the tasks', so that the Dice similarity compares like with
    /// like.
    fn shared_bigrams(&self, unit: &Unit, out: &mut Vec<(char, char)>) {
        out.clear();
        out.extend(
            unit.bigrams
                .iter()
                .filter(|b| !self.common_bigrams.contains(*b))
                .copied(),
        );
    }

    fn word_id(&mut self, word: String) -> u32 {
        let next = self.words.len() as u32;
        let id = self.trie.insert(&word, next);
        if id == next {
            let bracketed = format!("({word})").into();
            self.words.push((word.into(), bracketed));
            self.by_word.push(Vec::new());
        }
        id
    }

    /// The links of one unit: its candidates scored, the best [`MAX_LINKS`] of those
    /// reaching [`LINK`], in the parent's order.
    fn links(&self, unit: &Unit, marks: &mut Marks, out: &mut Vec<TaskLink>) {
        // The unit's buffers are the marks' own, taken for the unit and given back: one
        // set of allocations for the whole alignment, not one per unit.
        let (mut in_title, mut in_text) = (take(&mut marks.in_title), take(&mut marks.in_text));
        let (mut candidates, mut scores) = (take(&mut marks.candidates), take(&mut marks.scores));
        let mut bigrams = take(&mut marks.bigrams);
        self.trie.words_in(&unit.title, &mut in_title);
        self.trie.words_in(&unit.text, &mut in_text);
        self.shared_bigrams(unit, &mut bigrams);
        marks.next_unit();
        for &w in &in_title {
            marks.title[w as usize] = marks.unit;
        }
        for &w in &in_text {
            marks.text[w as usize] = marks.unit;
        }
        self.candidates(&in_title, &in_text, &bigrams, marks, &mut candidates);
        scores.clear();
        scores.extend(
            candidates
                .iter()
                .filter_map(|&t| self.score(t, &bigrams, marks)),
        );
        if scores.len() > MAX_LINKS {
            scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.task.cmp(&b.task)));
            scores.truncate(MAX_LINKS);
        }
        scores.sort_by_key(|s| s.task);
        out.extend(scores.iter().map(|s| self.link(unit, s, marks)));
        (marks.in_title, marks.in_text) = (in_title, in_text);
        (marks.candidates, marks.scores) = (candidates, scores);
        marks.bigrams = bigrams;
    }

    /// The tasks sharing a word or a title bigram with the unit, rarest first, at most
    /// [`MAX_CANDIDATES`], reading at most that many tasks of each list.
    fn candidates(
        &self,
        in_title: &[u32],
        in_text: &[u32],
        bigrams: &[(char, char)],
        marks: &mut Marks,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        let mut lists: Vec<&[u32]> = in_title
            .iter()
            .chain(in_text)
            .map(|w| self.by_word[*w as usize].as_slice())
            .chain(
                bigrams
                    .iter()
                    .filter_map(|b| self.by_bigram.get(b).map(Vec::as_slice)),
            )
            .collect();
        lists.sort_by_key(|l| l.len());
        for list in lists {
            for &t in list.iter().take(MAX_CANDIDATES) {
                if out.len() == MAX_CANDIDATES {
                    return;
                }
                let seen = &mut marks.task[t as usize];
                if *seen != marks.unit {
                    *seen = marks.unit;
                    out.push(t);
                }
            }
        }
    }

    /// The score of a unit against a task, if it reaches [`LINK`]: the task's words in the
    /// unit's title (strong) and text (weak), or the Dice similarity of the two titles'
    /// content bigrams, whichever is higher.
    fn score(&self, task: u32, bigrams: &[(char, char)], marks: &Marks) -> Option<Score> {
        let t = &self.tasks[task as usize];
        let (mut title, mut text) = (0, 0);
        for &w in &t.words {
            if marks.title[w as usize] == marks.unit {
                title += 1;
            } else if marks.text[w as usize] == marks.unit {
                text += 1;
            }
        }
        let kw = keyword_score(title, text);
        let dice = dice(bigrams, &t.bigrams);
        let score = kw.max(dice);
        (score >= LINK).then_some(Score {
            task,
            score,
            kw,
            dice,
        })
    }

    /// The link a score makes, with its evidence: the words in the title, then those in
    /// the text, then the bigram similarity when it decided.
    fn link(&self, unit: &Unit, s: &Score, marks: &Marks) -> TaskLink {
        let task = &self.tasks[s.task as usize];
        let word = |w: &u32| &self.words[*w as usize];
        let in_title = |w: &&u32| marks.title[**w as usize] == marks.unit;
        let in_text = |w: &&u32| !in_title(w) && marks.text[**w as usize] == marks.unit;
        // Sized to what it holds: a comparison of long outlines keeps tens of thousands.
        let held = task
            .words
            .iter()
            .filter(|w| in_title(w) || in_text(w))
            .count();
        let mut evidence: Vec<Arc<str>> = Vec::with_capacity(held + usize::from(s.dice > s.kw));
        evidence.extend(
            task.words
                .iter()
                .filter(in_title)
                .map(|w| Arc::clone(&word(w).0)),
        );
        evidence.extend(
            task.words
                .iter()
                .filter(in_text)
                .map(|w| Arc::clone(&word(w).1)),
        );
        if s.dice > s.kw {
            evidence.push(format!("title bigram similarity {:.2}", s.dice).into());
        }
        TaskLink {
            child: Arc::clone(&unit.label),
            parent: Arc::clone(&task.title),
            score: s.score,
            evidence,
        }
    }
}

/// A unit's score against one task, before the link is written out.
struct Score {
    task: u32,
    score: f64,
    /// The score of the words.
    kw: f64,
    /// The bigram similarity of the titles.
    dice: f64,
}

/// Which words and tasks the current unit has seen, marked with the unit's number so that
/// nothing is cleared between units.
/// They also hold the buffers of a unit's words, candidates and scores, reused from one
/// unit to the next.
struct Marks {
    unit: u32,
    title: Vec<u32>,
    text: Vec<u32>,
    task: Vec<u32>,
    in_title: Vec<u32>,
    in_text: Vec<u32>,
    candidates: Vec<u32>,
    scores: Vec<Score>,
    bigrams: Vec<(char, char)>,
}

impl Marks {
    fn new(index: &TaskIndex) -> Marks {
        Marks {
            unit: 0,
            title: vec![0; index.words.len()],
            text: vec![0; index.words.len()],
            task: vec![0; index.tasks.len()],
            in_title: Vec::new(),
            in_text: Vec::new(),
            candidates: Vec::new(),
            scores: Vec::new(),
            bigrams: Vec::new(),
        }
    }

    fn next_unit(&mut self) {
        self.unit += 1;
    }
}

/// A trie of words, for finding every word a text contains in one pass over the text (a
/// pass per starting character, as deep as the longest word).
#[derive(Default)]
struct Trie {
    /// (node, next char) → node; the root is node 0.
    next: hashbrown::HashMap<(u32, char), u32>,
    /// Node → the id of the word ending there. Node 0 (the empty word) holds none.
    word: Vec<Option<u32>>,
}

impl Trie {
    /// Inserts a word with the id `id`, unless it is there already: the word's id.
    fn insert(&mut self, word: &str, id: u32) -> u32 {
        if self.word.is_empty() {
            self.word.push(None);
        }
        let mut node = 0u32;
        for c in word.chars() {
            let fresh = self.word.len() as u32;
            node = *self.next.entry((node, c)).or_insert(fresh);
            if node == fresh {
                self.word.push(None);
            }
        }
        *self.word[node as usize].get_or_insert(id)
    }

    /// The ids of the words `text` contains, each once, sorted, in `out`.
    fn words_in(&self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        for (start, _) in text.char_indices() {
            let mut node = 0u32;
            for c in text[start..].chars() {
                match self.next.get(&(node, c)) {
                    Some(&n) => node = n,
                    None => break,
                }
                if let Some(w) = self.word[node as usize] {
                    out.push(w);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Aligns a child's units with a parent's tasks.
pub(crate) fn align_tasks(child: &ChildSide, parent: &ParentSide) -> TaskAlignment {
    let index = &parent.tasks;
    let mut marks = Marks::new(index);
    let mut links: Vec<TaskLink> = Vec::new();
    for unit in &child.units {
        index.links(unit, &mut marks, &mut links);
    }
    let linked: std::collections::HashSet<&str> = links.iter().map(|l| &*l.parent).collect();
    let unaddressed = index
        .tasks
        .iter()
        .filter(|t| !linked.contains(&*t.title))
        .map(|t| t.title.to_string())
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

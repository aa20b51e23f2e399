//! The bundled Guangdong corpus: five local plans as published, the provincial plan as far
//! as it is known, and the hierarchy of localities. Everything is embedded in the crate.
//!
//! ```
//! let corpus = planalign::corpus::guangdong()?;
//! assert_eq!(corpus.plans().len(), 6);
//! let dinghu = corpus.plan("dinghu")?;
//! assert_eq!(dinghu.locality.name, "鼎湖区");
//! // 肇庆市 has no plan here: the nearest ancestor with one is the province.
//! let chain = corpus.ancestors("dinghu")?;
//! assert_eq!(chain[0].locality.name, "肇庆市");
//! assert!(chain[0].plan.is_none());
//! assert_eq!(chain[1].plan.as_deref(), Some("guangdong"));
//! # Ok::<(), planalign::Error>(())
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::error::{Error, ErrorKind};
use crate::model::{Chapter, DocumentStatus, Goal, Level, Locality, Partial, Plan};
use crate::parse::{Diagnostic, parse};

/// The ids of the bundled local plans.
const PLAN_IDS: [&str; 5] = ["zhongshan", "zhanjiang", "qingyuan", "dinghu", "dayawan"];

/// The ids of the bundled local plans, in corpus order (the province's is `guangdong`).
///
/// ```
/// assert_eq!(planalign::corpus::ids()[0], "zhongshan");
/// ```
pub fn ids() -> &'static [&'static str] {
    &PLAN_IDS
}

const CORPUS: &str = include_str!("../data/corpus.toml");
const PROVINCE: &str = include_str!("../data/provincial/guangdong.toml");
const PROVINCE_PATH: &str = "data/provincial/guangdong.toml";

/// The text of a bundled plan document, byte for byte as published (`data/plans/ID.txt`),
/// for a researcher who wants to read or re-parse it.
///
/// ```
/// let text = planalign::corpus::text("dinghu").expect("a bundled plan");
/// assert!(text.contains("鼎湖区"));
/// ```
pub fn text(id: &str) -> Option<&'static str> {
    Some(match id {
        "zhongshan" => include_str!("../data/plans/zhongshan.txt"),
        "zhanjiang" => include_str!("../data/plans/zhanjiang.txt"),
        "qingyuan" => include_str!("../data/plans/qingyuan.txt"),
        "dinghu" => include_str!("../data/plans/dinghu.txt"),
        "dayawan" => include_str!("../data/plans/dayawan.txt"),
        _ => return None,
    })
}

#[derive(Deserialize)]
struct CorpusFile {
    plan: Vec<PlanEntry>,
    locality: Vec<LocalityEntry>,
}

#[derive(Deserialize)]
struct PlanEntry {
    id: String,
    locality: String,
    title: Option<String>,
}

/// One locality of the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub struct LocalityEntry {
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// Its parent's name.
    #[serde(default)]
    pub parent: Option<String>,
    /// The id of its bundled plan; `None` when its plan is not in the corpus.
    #[serde(default)]
    pub plan: Option<String>,
    /// Other names the locality goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What is known of it.
    #[serde(default)]
    pub note: Option<String>,
}

impl LocalityEntry {
    /// The locality as a model value.
    pub fn locality(&self) -> Locality {
        Locality::new(self.name.clone(), self.level)
    }
}

#[derive(Deserialize)]
struct ProvinceFile {
    id: String,
    title: String,
    locality: String,
    status: DocumentStatus,
    source: String,
    declared_indicators: u32,
    declared_projects: u32,
    goals: Vec<String>,
    tasks: Vec<String>,
    #[serde(default)]
    goal_themes: Vec<Vec<String>>,
    #[serde(default)]
    task_themes: Vec<Vec<String>>,
}

/// Theme words for parent goals and key tasks, by title: domain knowledge of what each
/// covers, which goal and task alignment adds to the words of the title itself. The bundled
/// ones (for the provincial plan) are kept in `data/provincial/guangdong.toml`, apart from
/// the plan's own text.
///
/// ```
/// use planalign::corpus::Themes;
/// let mut themes = Themes::new();
/// themes.insert("市场准入更加便利", ["开办企业", "证照分离"]);
/// assert_eq!(themes.get("市场准入更加便利"), ["开办企业", "证照分离"]);
/// assert!(themes.get("another title").is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Themes {
    by_title: HashMap<String, Vec<String>>,
}

impl Themes {
    /// No themes: goals and tasks are aligned on their titles' words alone.
    pub fn new() -> Themes {
        Themes::default()
    }

    /// Sets the theme words of a parent goal or task title.
    pub fn insert<W: Into<String>>(
        &mut self,
        title: impl Into<String>,
        words: impl IntoIterator<Item = W>,
    ) -> &mut Themes {
        self.by_title
            .insert(title.into(), words.into_iter().map(Into::into).collect());
        self
    }

    /// The theme words of a title; empty for a title without any.
    pub fn get(&self, title: &str) -> &[String] {
        self.by_title.get(title).map_or(&[], Vec::as_slice)
    }

    /// The themes of the bundled provincial plan, read from its file once per process.
    pub fn bundled() -> &'static Themes {
        static THEMES: LazyLock<Themes> = LazyLock::new(|| {
            let Ok(p) = province_file() else {
                return Themes::new();
            };
            let mut themes = Themes::new();
            let pairs = p
                .goals
                .iter()
                .zip(&p.goal_themes)
                .chain(p.tasks.iter().zip(&p.task_themes));
            for (title, words) in pairs {
                themes
                    .by_title
                    .entry(title.clone())
                    .or_insert_with(|| words.clone());
            }
            themes
        });
        &THEMES
    }
}

/// The provincial file, parsed once per process.
fn province_file() -> Result<&'static ProvinceFile, Error> {
    static PARSED: LazyLock<Result<ProvinceFile, String>> =
        LazyLock::new(|| toml::from_str(PROVINCE).map_err(|e| e.to_string()));
    PARSED
        .as_ref()
        .map_err(|e| Error::data(PROVINCE_PATH, e.clone()))
}

/// The bundled plans, parsed, with the hierarchy of their localities.
#[derive(Debug, Clone)]
pub struct Corpus {
    plans: Vec<Plan>,
    diagnostics: Vec<Vec<Diagnostic>>,
    localities: Vec<LocalityEntry>,
}

/// The Guangdong corpus: the five local plans and the provincial plan as far as known.
///
/// The bundled documents are parsed on the first call; later calls clone that corpus.
pub fn guangdong() -> Result<Corpus, Error> {
    static PARSED: LazyLock<Result<Corpus, String>> =
        LazyLock::new(|| load().map_err(|e| e.to_string()));
    PARSED
        .clone()
        .map_err(|e| Error::data("the bundled corpus", e))
}

fn load() -> Result<Corpus, Error> {
    let file: CorpusFile =
        toml::from_str(CORPUS).map_err(|e| Error::toml("data/corpus.toml", CORPUS, &e))?;
    let mut corpus = Corpus {
        plans: Vec::new(),
        diagnostics: Vec::new(),
        localities: file.locality,
    };
    corpus.check_hierarchy()?;
    corpus.add(province()?, Vec::new());
    for entry in &file.plan {
        let text =
            text(&entry.id).ok_or_else(|| Error::new(ErrorKind::UnknownId(entry.id.clone())))?;
        let (mut plan, diags) = parse(text).into_parts();
        plan.id = Some(entry.id.clone());
        if plan.title.is_empty() {
            if let Some(t) = &entry.title {
                plan.title = t.clone();
            }
        }
        let loc = corpus.locality(&entry.locality).ok_or_else(|| {
            Error::data(
                "data/corpus.toml",
                format!(
                    "plan {} names unknown locality {}",
                    entry.id, entry.locality
                ),
            )
        })?;
        plan.locality = loc.locality();
        plan.parent = loc
            .parent
            .as_deref()
            .and_then(|p| corpus.locality(p))
            .map(LocalityEntry::locality);
        corpus.add(plan, diags);
    }
    Ok(corpus)
}

fn province() -> Result<Plan, Error> {
    let p = province_file()?;
    let mut plan = Plan::new(
        p.title.clone(),
        Locality::new(p.locality.clone(), Level::Province),
    );
    plan.id = Some(p.id.clone());
    plan.status = p.status;
    plan.goals = p.goals.iter().map(|g| Goal::new(g, "", 0)).collect();
    plan.chapters = p
        .tasks
        .iter()
        .cloned()
        .enumerate()
        .map(|(k, t)| Chapter {
            number: (k + 1).to_string(),
            title: t,
            text: String::new(),
            sections: Vec::new(),
            line: 0,
        })
        .collect();
    plan.partial = Some(Partial {
        indicators_unknown: true,
        declared_indicators: Some(p.declared_indicators),
        declared_projects: Some(p.declared_projects),
        source: p.source.clone(),
    });
    Ok(plan)
}

/// A locality above a plan's, and the id of its plan when the corpus has one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ancestor {
    /// The locality.
    pub locality: Locality,
    /// The id of its plan, or `None` when its plan is not in the corpus.
    pub plan: Option<String>,
    /// What is known of the locality's plan when it is missing.
    pub note: Option<String>,
}

impl Corpus {
    fn add(&mut self, plan: Plan, diags: Vec<Diagnostic>) {
        self.plans.push(plan);
        self.diagnostics.push(diags);
    }

    fn check_hierarchy(&self) -> Result<(), Error> {
        for l in &self.localities {
            if let Some(p) = &l.parent {
                if self.locality(p).is_none() {
                    return Err(Error::data(
                        "data/corpus.toml",
                        format!("{} has unknown parent {p}", l.name),
                    ));
                }
            }
        }
        Ok(())
    }

    /// All plans: the province first, then the local plans in corpus order.
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// The plan with this id (zhongshan, zhanjiang, qingyuan, dinghu, dayawan, guangdong).
    pub fn plan(&self, id: &str) -> Result<&Plan, Error> {
        self.plans
            .iter()
            .find(|p| p.id.as_deref() == Some(id))
            .ok_or_else(|| Error::new(ErrorKind::UnknownId(id.to_string())))
    }

    /// The diagnostics parsing the plan with this id produced.
    pub fn diagnostics(&self, id: &str) -> &[Diagnostic] {
        self.plans
            .iter()
            .position(|p| p.id.as_deref() == Some(id))
            .map_or(&[], |k| &self.diagnostics[k])
    }

    /// The hierarchy of localities.
    pub fn localities(&self) -> &[LocalityEntry] {
        &self.localities
    }

    /// The locality with this name or alias.
    pub fn locality(&self, name: &str) -> Option<&LocalityEntry> {
        self.localities
            .iter()
            .find(|l| l.name == name || l.aliases.iter().any(|a| a == name))
    }

    /// The localities above a plan's, nearest first, each with its plan id if bundled.
    pub fn ancestors(&self, id: &str) -> Result<Vec<Ancestor>, Error> {
        let plan = self.plan(id)?;
        let mut out = Vec::new();
        let mut cur = self
            .locality(&plan.locality.name)
            .and_then(|l| l.parent.clone());
        while let Some(name) = cur {
            let Some(entry) = self.locality(&name) else {
                break;
            };
            out.push(Ancestor {
                locality: entry.locality(),
                plan: entry.plan.clone(),
                note: entry.note.clone(),
            });
            cur = entry.parent.clone();
            if out.len() > 16 {
                break;
            }
        }
        Ok(out)
    }

    /// The ids of the plans of localities at the same level as this plan's (its peers).
    pub fn peers(&self, id: &str) -> Result<Vec<&str>, Error> {
        let plan = self.plan(id)?;
        let depth = plan.locality.level.depth();
        Ok(self
            .plans
            .iter()
            .filter(|p| p.id.as_deref() != Some(id) && p.locality.level.depth() == depth)
            .filter_map(|p| p.id.as_deref())
            .collect())
    }
}

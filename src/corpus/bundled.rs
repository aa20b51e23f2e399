//! The bundled Guangdong corpus: the five local plans as published, the provincial plan
//! as far as it is known, and the hierarchy of localities, all embedded in the crate.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{Corpus, CorpusBuilder};
use crate::error::Error;
use crate::model::{Chapter, DocumentStatus, Goal, Level, Locality, Partial, Plan};

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

const CORPUS: &str = include_str!("../../data/corpus.toml");
const PROVINCE: &str = include_str!("../../data/provincial/guangdong.toml");
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
        "zhongshan" => include_str!("../../data/plans/zhongshan.txt"),
        "zhanjiang" => include_str!("../../data/plans/zhanjiang.txt"),
        "qingyuan" => include_str!("../../data/plans/qingyuan.txt"),
        "dinghu" => include_str!("../../data/plans/dinghu.txt"),
        "dayawan" => include_str!("../../data/plans/dayawan.txt"),
        _ => return None,
    })
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

/// The Guangdong corpus: the five local plans and the provincial plan as far as known.
///
/// The bundled documents are parsed on the first call; later calls clone that corpus. To
/// add plans of your own to it, start from [`CorpusBuilder::guangdong`].
pub fn guangdong() -> Result<Corpus, Error> {
    static PARSED: LazyLock<Result<Corpus, String>> = LazyLock::new(|| {
        CorpusBuilder::guangdong()
            .and_then(CorpusBuilder::build)
            .map_err(|e| e.to_string())
    });
    PARSED
        .clone()
        .map_err(|e| Error::data("the bundled corpus", e))
}

/// Adds the bundled corpus to `builder`: its hierarchy, the provincial plan and the five
/// local plans.
pub(super) fn add_to(builder: &mut CorpusBuilder<'_>) -> Result<(), Error> {
    builder.add_plan(province()?, Vec::new());
    // The bundled manifest's files are `plans/ID.txt`, embedded.
    builder.read_manifest(CORPUS, "data/corpus.toml", &|file| {
        let id = file
            .strip_prefix("plans/")
            .and_then(|f| f.strip_suffix(".txt"))
            .unwrap_or(file);
        text(id).map(|t| t.as_bytes().to_vec()).ok_or_else(|| {
            Error::data(
                "data/corpus.toml",
                format!("no bundled plan is the file {file:?}"),
            )
        })
    })?;
    Ok(())
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

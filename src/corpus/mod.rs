//! Corpora of plans: the bundled Guangdong corpus, and the researcher's own.
//!
//! A [`Corpus`] holds plans, the diagnostics of reading them, and the hierarchy of
//! localities above them. Take the bundled one with [`guangdong`], build one of your own
//! with a [`CorpusBuilder`] or load a folder with [`Corpus::load`]:
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
//!
//! A folder of the user's plans, with or without a `corpus.toml` naming their localities:
//!
//! ```no_run
//! let corpus = planalign::corpus::Corpus::load("my-plans/")?;
//! for note in corpus.notes() {
//!     println!("{note}"); // what was inferred rather than declared
//! }
//! # Ok::<(), planalign::Error>(())
//! ```

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind};
use crate::model::{Level, Locality, Period, Plan};
use crate::parse::Diagnostic;

mod build;
mod bundled;

pub use build::{CorpusBuilder, MANIFEST};
pub use bundled::{Themes, guangdong, ids, text};

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
    /// The id of its plan in the corpus (the latest period's when it has several); `None`
    /// when its plan is not in the corpus. In a manifest, `plan = "id"` gives that plan
    /// this locality.
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
    /// A locality of this name and level, with no parent, plan, alias or note.
    pub fn new(name: impl Into<String>, level: Level) -> LocalityEntry {
        LocalityEntry {
            name: name.into(),
            level,
            parent: None,
            plan: None,
            aliases: Vec::new(),
            note: None,
        }
    }

    /// Whether it goes by `name` (its name or an alias).
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.iter().any(|a| a == name)
    }

    /// The locality as a model value.
    pub fn locality(&self) -> Locality {
        Locality::new(self.name.clone(), self.level)
    }
}

/// Something the corpus decided that no file declared: a locality inferred from a plan's
/// text, a plan placed by its title, a file of a folder that was not read as a plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CorpusNote {
    /// The file (or the text's name) it is about.
    pub file: Option<String>,
    /// The id of the plan it is about.
    pub plan: Option<String>,
    /// What was decided, and from what.
    pub message: String,
}

impl CorpusNote {
    fn new(file: Option<String>, plan: Option<String>, message: impl Into<String>) -> CorpusNote {
        CorpusNote {
            file,
            plan,
            message: message.into(),
        }
    }
}

impl fmt::Display for CorpusNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.plan, &self.file) {
            (Some(p), _) => write!(f, "{p}: {}", self.message),
            (None, Some(file)) => write!(f, "{file}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// Plans, the diagnostics of reading them, and the hierarchy of their localities.
#[derive(Debug, Clone)]
pub struct Corpus {
    plans: Vec<Plan>,
    diagnostics: Vec<Vec<Diagnostic>>,
    localities: Vec<LocalityEntry>,
    notes: Vec<CorpusNote>,
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
    /// A builder for a corpus of the user's plans ([`CorpusBuilder::guangdong`] starts
    /// from the bundled one).
    pub fn builder() -> CorpusBuilder<'static> {
        CorpusBuilder::new()
    }

    /// Loads a folder of plans (with or without a `corpus.toml`), a `corpus.toml`, or one
    /// plan file: [`CorpusBuilder::add_path`] then [`CorpusBuilder::build`].
    pub fn load(path: impl AsRef<Path>) -> Result<Corpus, Error> {
        let mut builder = CorpusBuilder::new();
        builder.add_path(path)?;
        builder.build()
    }

    fn assemble(
        plans: Vec<Plan>,
        diagnostics: Vec<Vec<Diagnostic>>,
        mut localities: Vec<LocalityEntry>,
        notes: Vec<CorpusNote>,
    ) -> Corpus {
        for l in &mut localities {
            l.plan = plans
                .iter()
                .filter(|p| l.is_named(&p.locality.name))
                .max_by_key(|p| p.period.end)
                .and_then(|p| p.id.clone());
        }
        Corpus {
            plans,
            diagnostics,
            localities,
            notes,
        }
    }

    /// What was inferred rather than declared, in the order it was decided.
    pub fn notes(&self) -> &[CorpusNote] {
        &self.notes
    }

    /// The ids of its plans, in corpus order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.plans.iter().map(Plan::label)
    }

    /// The plans of a locality (by name or alias), earliest period first.
    pub fn plans_of(&self, locality: &str) -> Vec<&Plan> {
        let Some(entry) = self.locality(locality) else {
            return Vec::new();
        };
        let mut out: Vec<&Plan> = self
            .plans
            .iter()
            .filter(|p| entry.is_named(&p.locality.name))
            .collect();
        out.sort_by_key(|p| p.period.end);
        out
    }

    /// Pairs of plans of one locality from consecutive periods (the earlier one's target
    /// year is the later one's baseline year), earlier first: the pairs whose attainment
    /// can be judged.
    pub fn consecutive(&self) -> Vec<(&Plan, &Plan)> {
        let mut out = Vec::new();
        for l in &self.localities {
            let plans = self.plans_of(&l.name);
            for (k, a) in plans.iter().enumerate() {
                out.extend(
                    plans[k + 1..]
                        .iter()
                        .filter(|b| b.period.baseline == a.period.end)
                        .map(|b| (*a, *b)),
                );
            }
        }
        out
    }

    /// All plans, in corpus order (the bundled corpus: the province first, then the local
    /// plans).
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// The plan with this id (in the bundled corpus: zhongshan, zhanjiang, qingyuan,
    /// dinghu, dayawan, guangdong). An unknown id is an [`ErrorKind::UnknownId`] whose
    /// message lists the corpus's ids.
    pub fn plan(&self, id: &str) -> Result<&Plan, Error> {
        self.plans
            .iter()
            .find(|p| p.id.as_deref() == Some(id))
            .ok_or_else(|| {
                let known: Vec<&str> = self.ids().collect();
                Error::new(ErrorKind::UnknownId(id.to_string()))
                    .with_help(format!("the corpus has {}", known.join(", ")))
            })
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

    /// The localities above a plan's, nearest first, each with the id of its plan of the
    /// same period when the corpus has one.
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
            let same = self.plan_in(entry, plan.period);
            let other = self.plans_of(&entry.name).into_iter().next_back();
            let note = match (same, other) {
                (None, Some(o)) => Some(format!(
                    "its plan in the corpus ({}) is of another period, {}–{}",
                    o.label(),
                    o.period.start,
                    o.period.end
                )),
                _ => entry.note.clone(),
            };
            out.push(Ancestor {
                locality: entry.locality(),
                plan: same.map(|p| p.label().to_string()),
                note,
            });
            cur = entry.parent.clone();
            if out.len() > self.localities.len() {
                break;
            }
        }
        Ok(out)
    }

    /// The locality's plan of `period` (the same start and end years), if the corpus has it.
    fn plan_in(&self, entry: &LocalityEntry, period: Period) -> Option<&Plan> {
        self.plans.iter().find(|p| {
            entry.is_named(&p.locality.name)
                && (p.period.start, p.period.end) == (period.start, period.end)
        })
    }

    /// The ids of the plans of the same period of localities at the same level as this
    /// plan's (its peers).
    pub fn peers(&self, id: &str) -> Result<Vec<&str>, Error> {
        let plan = self.plan(id)?;
        let depth = plan.locality.level.depth();
        let span = (plan.period.start, plan.period.end);
        Ok(self
            .plans
            .iter()
            .filter(|p| p.id.as_deref() != Some(id) && p.locality.level.depth() == depth)
            .filter(|p| (p.period.start, p.period.end) == span)
            .filter_map(|p| p.id.as_deref())
            .collect())
    }
}

//! The context of a comparison: the registry and themes it uses, and the keys of the rows
//! it has resolved, kept so that no row is resolved twice.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use rayon::prelude::*;

use super::goals::{ChildSide, ParentSide};

use crate::corpus::Themes;
use crate::model::{Indicator, Plan, ProseTarget};
use crate::registry::{self, Registry};
use crate::text::Lexicon;

/// What every comparison uses, passed rather than hidden: the registry that gives rows
/// their keys and the theme words of parent goals and tasks.
///
/// A comparer resolves each distinct row (name and unit) once and reuses its key in every
/// comparison, consensus and matrix it makes; make one and use it for a whole corpus.
///
/// ```
/// use planalign::compare::{Comparer, Verdict};
/// use planalign::registry::Registry;
///
/// let registry = Registry::default(); // or your own, extended with Registry::extend_toml
/// let comparer = Comparer::new(&registry);
/// let corpus = planalign::corpus::guangdong()?;
/// let cities = ["zhongshan", "zhanjiang", "qingyuan"]
///     .into_iter()
///     .map(|id| corpus.plan(id))
///     .collect::<Result<Vec<_>, _>>()?;
/// let consensus = comparer.consensus(&cities);
/// let standing = comparer.standing(corpus.plan("dinghu")?, &consensus);
/// let kitchen = standing.iter().find(|s| s.key == "food.bright_kitchen.coverage");
/// assert_eq!(kitchen.map(|s| s.position), Some(Verdict::Equal)); // 90 against a median of 90
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug)]
pub struct Comparer<'r> {
    registry: &'r Registry,
    themes: &'r Themes,
    lexicon: &'r Lexicon,
    resolved: Mutex<HashMap<RowName, RowKey>>,
}

/// What a row is resolved from: its name and the unit as written.
type RowName = (String, Option<String>);

/// What resolving a row gave: its key, or the best suggestion.
#[derive(Debug, Clone)]
struct RowKey {
    key: Option<String>,
    how: Option<registry::How>,
    suggestion: Option<String>,
}

impl Default for Comparer<'static> {
    /// A comparer with the bundled registry and the bundled provincial themes.
    fn default() -> Comparer<'static> {
        Comparer::new(registry::bundled())
    }
}

impl Clone for Comparer<'_> {
    fn clone(&self) -> Self {
        Comparer {
            registry: self.registry,
            themes: self.themes,
            lexicon: self.lexicon,
            resolved: Mutex::new(self.lock().clone()),
        }
    }
}

impl<'r> Comparer<'r> {
    /// A comparer resolving keys with `registry`, with the bundled provincial themes.
    pub fn new(registry: &'r Registry) -> Comparer<'r> {
        Comparer::with_themes(registry, Themes::bundled())
    }

    /// A comparer resolving keys with `registry` and aligning goals and tasks with `themes`.
    pub fn with_themes(registry: &'r Registry, themes: &'r Themes) -> Comparer<'r> {
        Comparer {
            registry,
            themes,
            lexicon: Lexicon::bundled(),
            resolved: Mutex::new(HashMap::new()),
        }
    }

    /// The same comparer reading goal and task titles with `lexicon`'s words (its
    /// `[goals]` lists) instead of the bundled ones.
    pub fn with_lexicon(self, lexicon: &'r Lexicon) -> Comparer<'r> {
        Comparer { lexicon, ..self }
    }

    /// The lexicon goal and task titles are read with.
    pub fn lexicon(&self) -> &'r Lexicon {
        self.lexicon
    }

    /// The registry keys are resolved with.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// The theme words of parent goals and tasks.
    pub fn themes(&self) -> &'r Themes {
        self.themes
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<RowName, RowKey>> {
        // The map only ever holds finished resolutions, so a panic elsewhere cannot leave
        // it inconsistent.
        self.resolved.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The key of a row, resolved on first sight.
    fn resolve(&self, row: &Indicator) -> RowKey {
        let name = (
            row.name.clone(),
            row.unit.as_ref().map(|u| u.raw().to_string()),
        );
        if let Some(k) = self.lock().get(&name) {
            return k.clone();
        }
        let r = self.registry.resolve_indicator(row);
        let k = RowKey {
            key: r.key().map(str::to_string),
            how: r.how(),
            suggestion: r
                .candidates
                .iter()
                .find(|c| !c.is_vetoed())
                .map(|c| c.key.clone()),
        };
        self.lock().insert(name, k.clone());
        k
    }

    /// The key a row resolves to and how it was assigned (resolved once, as for
    /// comparisons); `None` for a row without a key.
    pub(crate) fn key_of(&self, row: &Indicator) -> Option<(String, registry::How)> {
        let k = self.resolve(row);
        k.key.zip(k.how)
    }

    /// A plan with its rows' keys, and the keys its prose states that its table lacks.
    pub(crate) fn key<'p>(&self, plan: &'p Plan) -> KeyedPlan<'p> {
        let mut out = KeyedPlan {
            plan,
            rows: Vec::new(),
            prose: Vec::new(),
            unresolved: Vec::new(),
            by_key: HashMap::new(),
            as_parent: OnceLock::new(),
            as_child: OnceLock::new(),
        };
        for row in &plan.indicators {
            let k = self.resolve(row);
            match k.key {
                Some(key) if out.row(&key).is_none() => {
                    out.by_key.insert(key.clone(), Stated::Row(out.rows.len()));
                    out.rows.push((key, row));
                }
                Some(_) => {}
                None => out.unresolved.push(UnresolvedRow {
                    name: row.name.clone(),
                    suggestion: k.suggestion,
                }),
            }
        }
        // A target stated in prose and linked to no table row is a statement of the plan
        // too: a key the table lacks is stated in prose (the first sentence that states it).
        for target in plan.targets.iter().filter(|t| t.indicator.is_none()) {
            if target.value.number().is_none() {
                continue;
            }
            let row = prose_row(target);
            if let Some(key) = self.resolve(&row).key {
                if !out.by_key.contains_key(&key) {
                    out.by_key
                        .insert(key.clone(), Stated::Prose(out.prose.len()));
                    out.prose.push(ProseRow { key, row, target });
                }
            }
        }
        out
    }
}

/// Plans with their keys, each keyed once, in parallel, and shared by every comparison it
/// is in. A plan is known by its address: two plans may share a label.
pub(crate) struct KeyedPlans<'p> {
    by_address: HashMap<usize, KeyedPlan<'p>>,
}

/// Where a plan is in memory, the identity [`KeyedPlans`] knows it by.
fn address(plan: &Plan) -> usize {
    std::ptr::from_ref(plan) as usize
}

impl KeyedPlans<'_> {
    /// The keyed plan of a plan given to [`Comparer::key_all`].
    pub(crate) fn get(&self, plan: &Plan) -> Option<&KeyedPlan<'_>> {
        self.by_address.get(&address(plan))
    }
}

impl Comparer<'_> {
    /// Keys each distinct plan once, in parallel.
    pub(crate) fn key_all<'p>(&self, plans: &[&'p Plan]) -> KeyedPlans<'p> {
        let mut distinct: Vec<&'p Plan> = plans.to_vec();
        distinct.sort_by_key(|p| address(p));
        distinct.dedup_by_key(|p| address(p));
        KeyedPlans {
            by_address: distinct
                .par_iter()
                .map(|p| (address(p), self.key(p)))
                .collect::<Vec<_>>()
                .into_iter()
                .collect(),
        }
    }
}

/// A prose target as a row: its phrase, unit and value, at its line.
pub(crate) fn prose_row(t: &ProseTarget) -> Indicator {
    let mut row = Indicator::new(t.phrase.clone(), t.line);
    row.unit = t.unit.clone();
    row.target = t.value.clone();
    row
}

/// A key a plan states only in its prose: the target as a row, and the target itself.
pub(crate) struct ProseRow<'p> {
    pub(crate) key: String,
    pub(crate) row: Indicator,
    pub(crate) target: &'p ProseTarget,
}

/// A plan's rows with their keys: the first row of each key, in the plan's order, and the
/// rows without a key; and what goal and task alignment read of it, derived on first use
/// and then shared by every comparison the plan is in.
pub(crate) struct KeyedPlan<'p> {
    pub(crate) plan: &'p Plan,
    pub(crate) rows: Vec<(String, &'p Indicator)>,
    /// Keys the table lacks and the prose states.
    pub(crate) prose: Vec<ProseRow<'p>>,
    pub(crate) unresolved: Vec<UnresolvedRow>,
    /// Each key of `rows` and `prose` → where it is stated.
    by_key: HashMap<String, Stated>,
    pub(crate) as_parent: OnceLock<ParentSide>,
    pub(crate) as_child: OnceLock<ChildSide>,
}

/// Where a keyed plan states a key: its table's row, or its prose.
#[derive(Debug, Clone, Copy)]
enum Stated {
    Row(usize),
    Prose(usize),
}

/// A row without a key, with the best suggestion.
pub(crate) struct UnresolvedRow {
    pub(crate) name: String,
    pub(crate) suggestion: Option<String>,
}

impl<'p> KeyedPlan<'p> {
    /// The plan's row for a key.
    pub(crate) fn row(&self, key: &str) -> Option<&'p Indicator> {
        match self.by_key.get(key)? {
            Stated::Row(i) => self.rows.get(*i).map(|(_, row)| *row),
            Stated::Prose(_) => None,
        }
    }

    /// The plan's statement of a key in its prose, when its table lacks the key.
    pub(crate) fn prose_row(&self, key: &str) -> Option<&ProseRow<'p>> {
        match self.by_key.get(key)? {
            Stated::Prose(i) => self.prose.get(*i),
            Stated::Row(_) => None,
        }
    }
}

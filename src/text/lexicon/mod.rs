//! The crate's words, loaded once from `data/lexicon.toml` and typed.
//!
//! Every list the readers use lives in the lexicon file, each once, with a comment on where
//! its entries come from. The code names lists (`lex.bounds`, `lex.scope.words`); it does
//! not spell them. A user may replace any list with [`Lexicon::extend_toml`].

mod areas;
mod words;

use std::any::Any;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

pub(crate) use areas::{
    DocumentWords, GoalWords, ProseWords, ReuseWords, SubjectWords, TableWords,
};
pub(crate) use words::{CharBits, CharSet, CharTable, LowBytes, PlaneBits, WordList, WordMap};

use super::quantity::{Bound, Bracket};

/// The bundled lexicon's text.
const BUNDLED: &str = include_str!("../../../data/lexicon.toml");

/// Every word list the crate reads plans with.
///
/// [`Lexicon::bundled`] is the crate's own, loaded once per process. A researcher whose
/// plans use words the bundled lists lack starts from it and replaces lists with
/// `Lexicon::extend_toml`.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The merged TOML it was built from, kept so that extensions merge into it.
    source: toml::Table,
    pub(crate) fold: Fold,
    pub(crate) numerals: Numerals,
    pub(crate) bounds: Bounds,
    pub(crate) approx: Approx,
    pub(crate) values: Values,
    pub(crate) units: Units,
    pub(crate) population: Population,
    pub(crate) scope: Scope,
    pub(crate) periods: Vec<PeriodWord>,
    pub(crate) prose: ProseWords,
    pub(crate) document: DocumentWords,
    pub(crate) subjects: SubjectWords,
    pub(crate) table: TableWords,
    pub(crate) goals: GoalWords,
    pub(crate) reuse: ReuseWords,
    /// What a reader derives from these words, built on first use and kept: a lexicon
    /// does not change once built ([`Lexicon::derived`]).
    derived: OnceLock<Arc<dyn Any + Send + Sync>>,
}

/// The file's shape, as serde reads it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    fold: Fold,
    numerals: Numerals,
    bounds: Bounds,
    approx: Approx,
    values: Values,
    units: Units,
    population: Population,
    scope: Scope,
    periods: Vec<PeriodWord>,
    #[serde(default)]
    prose: ProseWords,
    #[serde(default)]
    document: DocumentWords,
    #[serde(default)]
    subjects: SubjectWords,
    #[serde(default)]
    table: TableWords,
    #[serde(default)]
    goals: GoalWords,
    #[serde(default)]
    reuse: ReuseWords,
}

/// Characters that are the same for every matching purpose.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fold {
    pub quotes: Vec<Pair>,
    pub titles: Vec<Pair>,
    pub parens: Vec<Pair>,
    pub brackets: BracketPairs,
    pub sentence_ends: CharSet,
    pub clause_ends: CharSet,
    pub list_marks: CharSet,
    pub dashes: CharSet,
    pub unit_dots: CharSet,
    pub invisible: CharSet,
}

/// An opening and a closing character, written together (`“”`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub open: char,
    pub close: char,
}

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Pair, D::Error> {
        let s = String::deserialize(d)?;
        let mut cs = s.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(open), Some(close), None) => Ok(Pair { open, close }),
            _ => Err(serde::de::Error::custom(format!(
                "a pair is two characters, an opening and a closing one; {s:?} is not"
            ))),
        }
    }
}

/// The value brackets, by kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BracketPairs {
    tortoise: Vec<Pair>,
    square: Vec<Pair>,
    angle: Vec<Pair>,
    lenticular: Vec<Pair>,
}

impl BracketPairs {
    /// Every pair with the kind of bracket it writes.
    pub fn iter(&self) -> impl Iterator<Item = (Pair, Bracket)> + '_ {
        let kinds = [
            (&self.tortoise, Bracket::Tortoise),
            (&self.square, Bracket::Square),
            (&self.angle, Bracket::Angle),
            (&self.lenticular, Bracket::Lenticular),
        ];
        kinds
            .into_iter()
            .flat_map(|(pairs, b)| pairs.iter().map(move |p| (*p, b)))
    }
}

/// Chinese numerals.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Numerals {
    pub digits: WordMap,
    pub written: CharSet,
    pub units: WordMap,
    pub percent_of: String,
    /// The characters of `digits` (whose value is a digit's) and `units`: derived when the
    /// lexicon is built, for `numeral::is_cn_numeral`.
    #[serde(skip)]
    pub chars: CharBits,
}

impl Numerals {
    /// Whether `c` is a digit (with a value that is a digit's) or a numeral unit, read off
    /// the lists.
    pub(crate) fn listed(&self, c: char) -> bool {
        self.digits
            .get_char(c)
            .is_some_and(|d| u32::try_from(d).is_ok())
            || self.units.get_char(c).is_some()
    }

    /// The one-character words of `digits` and `units`: every char `listed` may hold, and
    /// a few more (a digit word whose value is no digit's).
    pub(crate) fn single_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.digits
            .iter()
            .chain(self.units.iter())
            .filter_map(|(w, _)| {
                let mut cs = w.chars();
                cs.next().filter(|_| cs.next().is_none())
            })
    }

    fn derive_chars(&mut self) {
        let candidates: Vec<char> = self.single_chars().collect();
        let chars = candidates.into_iter().filter(|c| self.listed(*c));
        self.chars = CharBits::from_chars(chars);
    }
}

/// Bound words before and after a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, from = "BoundLists")]
pub(crate) struct Bounds {
    /// Before a number, longest first.
    pub before: Vec<(String, Bound)>,
    /// After a number and its unit, longest first.
    pub after: Vec<(String, Bound)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoundLists {
    ge_before: Vec<String>,
    le_before: Vec<String>,
    gt_before: Vec<String>,
    lt_before: Vec<String>,
    ge_after: Vec<String>,
    le_after: Vec<String>,
}

impl From<BoundLists> for Bounds {
    fn from(l: BoundLists) -> Bounds {
        let tag = |v: Vec<String>, b: Bound| v.into_iter().map(move |w| (w, b));
        let mut before: Vec<(String, Bound)> = tag(l.ge_before, Bound::Ge)
            .chain(tag(l.le_before, Bound::Le))
            .chain(tag(l.gt_before, Bound::Gt))
            .chain(tag(l.lt_before, Bound::Lt))
            .collect();
        let mut after: Vec<(String, Bound)> = tag(l.ge_after, Bound::Ge)
            .chain(tag(l.le_after, Bound::Le))
            .collect();
        let longest_first = |a: &(String, Bound), b: &(String, Bound)| {
            b.0.chars().count().cmp(&a.0.chars().count())
        };
        before.sort_by(longest_first);
        after.sort_by(longest_first);
        Bounds { before, after }
    }
}

/// Approximation and aspiration words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Approx {
    pub about_before: WordList,
    pub about_after: WordList,
    pub aspire_before: WordList,
}

/// Cell values that are not numbers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Values {
    pub not_applicable: WordList,
    pub undetermined: WordList,
    pub placeholders: CharSet,
    pub range_marks: WordList,
}

/// Unit words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Units {
    pub multipliers: WordMap,
    pub percent: WordList,
    pub points: WordList,
    pub money: WordList,
    pub duration: WordList,
    pub counts: WordList,
    pub generic: String,
    pub per: String,
    pub year: String,
}

/// Population bases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Population {
    pub people: WordList,
    pub qualifiers: WordList,
}

/// Scope words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scope {
    pub words: WordList,
    pub time: WordList,
}

/// A five-year period's name and years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodWord {
    pub name: String,
    pub start: u16,
    pub end: u16,
}

impl Lexicon {
    /// The bundled lexicon, parsed once per process.
    pub fn bundled() -> &'static Lexicon {
        static BUNDLED_LEXICON: OnceLock<Lexicon> = OnceLock::new();
        BUNDLED_LEXICON.get_or_init(|| {
            match toml::from_str(BUNDLED).and_then(Lexicon::from_table) {
                Ok(lex) => lex,
                // The bundled file is checked by the crate's tests; this cannot happen in a
                // released crate.
                Err(e) => panic!("the bundled lexicon is malformed: {e}"),
            }
        })
    }

    /// What `build` derives from this lexicon, built on the first call and kept with it.
    ///
    /// The lexicon holds one derived value, of the type its first caller asks for; the
    /// crate has one caller (the readers' tables, `parse::tables`), so the layer that
    /// owns the words names nothing of the layers that read them.
    pub(crate) fn derived<T: Any + Send + Sync>(&self, build: impl FnOnce(&Lexicon) -> T) -> &T {
        self.derived
            .get_or_init(|| Arc::new(build(self)))
            .downcast_ref()
            .expect("a lexicon's derived value is of the one type the crate derives")
    }

    /// The lexicon with the lists `extra` gives replacing its own: each list named there
    /// replaces the one here whole; lists it does not name are kept.
    pub(crate) fn merged(&self, extra: toml::Table) -> Result<Lexicon, toml::de::Error> {
        let mut merged = self.source.clone();
        merge(&mut merged, extra);
        Lexicon::from_table(merged)
    }

    /// A lexicon from a parsed TOML table with every section.
    pub(crate) fn from_table(source: toml::Table) -> Result<Lexicon, toml::de::Error> {
        let f: File = source.clone().try_into()?;
        let mut numerals = f.numerals;
        numerals.derive_chars();
        let mut table = f.table;
        table.derive_header_firsts();
        Ok(Lexicon {
            source,
            fold: f.fold,
            numerals,
            bounds: f.bounds,
            approx: f.approx,
            values: f.values,
            units: f.units,
            population: f.population,
            scope: f.scope,
            periods: f.periods,
            prose: f.prose,
            document: f.document,
            subjects: f.subjects,
            table,
            goals: f.goals,
            reuse: f.reuse,
            derived: OnceLock::new(),
        })
    }

    /// Every entry of every list, with the list's path (`bounds.ge_before`): what the
    /// crate's tests check the source against.
    pub fn entries(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        collect(
            &mut out,
            String::new(),
            &toml::Value::Table(self.source.clone()),
        );
        out
    }

    /// The word that writes an aspired number (力争), for display.
    pub(crate) fn aspiration_word(&self) -> &str {
        self.approx.aspire_before.first().unwrap_or("~")
    }
}

/// Tables merge key by key; anything else replaces.
fn merge(into: &mut toml::Table, from: toml::Table) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

fn collect(out: &mut Vec<(String, String)>, path: String, v: &toml::Value) {
    match v {
        toml::Value::String(s) => out.push((path, s.clone())),
        toml::Value::Array(a) => a.iter().for_each(|x| collect(out, path.clone(), x)),
        toml::Value::Table(t) => {
            for (k, x) in t {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                // A map of words to numbers (digits, multipliers): the keys are the words.
                if let (toml::Value::Integer(_), false) = (x, k.is_ascii()) {
                    out.push((path.clone(), k.clone()));
                } else if !matches!(x, toml::Value::Integer(_)) {
                    collect(out, p, x);
                }
            }
        }
        _ => {}
    }
}

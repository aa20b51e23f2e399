//! The canonical indicator registry: one key per quantity, the names plans use for it,
//! and a resolver that assigns keys only when it is certain.
//!
//! ```
//! use planalign::registry::{How, Registry};
//! let registry = Registry::default();
//! // A typo the registry has never seen, found on evidence beyond its score.
//! let r = registry.resolve("全市“明厨量灶”覆盖率", Some(&"%".parse()?));
//! assert_eq!(r.key(), Some("food.bright_kitchen.coverage"));
//! assert_eq!(r.how(), Some(How::FuzzyWithEvidence));
//! // A near miss is never assigned the key it resembles.
//! let r = registry.resolve("食品抽检不合格率", Some(&"%".parse()?));
//! assert_ne!(r.key(), Some("food.sampling.pass_rate"));
//! # Ok::<(), planalign::Error>(())
//! ```
//!
//! # A registry file of your own
//!
//! [`Registry::extend_toml`] and [`Registry::extend_file`] read a file in the format of
//! `data/registry.toml`. Besides whole `[[indicator]]` entries it may hold:
//!
//! - `[[alias]]`: a name for a key that exists (in the registry extended, or among the
//!   file's own entries), with the `source` where the name was found. The source is kept
//!   with the key's aliases ([`Entry::aliases`]), beside the bundled ones.
//! - `[[withdraw]]`: a name taken from a key of the registry extended, with the `source`
//!   that says why. The name no longer resolves to the key, not even as a close match: it
//!   resolves only to another key that has it as its own name, else to nothing. Every
//!   spelling of the key that normalizes alike goes with it (the preferred name stays the
//!   key's label); the withdrawal is kept in [`Entry::withdrawn`], and a later file may
//!   give the name back with an `[[alias]]`.
//!
//! Each table has exactly the fields `key`, `name` and `source`. A fault is an error at
//! the line and column of the value: a key that does not exist, a name claimed by two
//! keys, a withdrawal of a name the key does not have, an unknown field, and in entries a
//! unit the unit reader cannot read or one whose dimension contradicts the key's (`户` on a
//! percent key).
//!
//! ```
//! use planalign::registry::Registry;
//! let mut registry = Registry::default();
//! registry.extend_toml(r#"
//! [[alias]]
//! key = "food.bright_kitchen.coverage"
//! name = "阳光厨房覆盖率"
//! source = "our county's plan, table row 4"
//!
//! [[withdraw]]
//! key = "food.sampling.annual_total"
//! name = "食品安全抽样检验量"
//! source = "our plans state it per 1,000 residents"
//! "#)?;
//! let percent = "%".parse()?;
//! let r = registry.resolve("阳光厨房覆盖率", Some(&percent));
//! assert_eq!(r.key(), Some("food.bright_kitchen.coverage"));
//! assert_eq!(registry.resolve("食品安全抽样检验量", Some(&"批次/年".parse()?)).key(), None);
//!
//! // A fault is shown at its value.
//! let e = registry.extend_toml("[[alias]]\nkey = \"food.no_such_key\"\nname = \"某率\"\nsource = \"x\"\n")
//!     .unwrap_err();
//! assert_eq!(e.position().map(|p| (p.line, p.column)), Some((2, 7)));
//! # Ok::<(), planalign::Error>(())
//! ```

mod convert;
mod distance;
mod entry;
mod explain;
mod file;
mod normalize;
mod postings;
mod resolve;
mod words;

use std::collections::{HashMap, HashSet};

pub use convert::{Canonical, UnitSource};
pub use entry::{Alias, Direction, Domain, Entry, Extent, UnitDimension};
use normalize::Normalizer;
pub use normalize::{NormalizedName, normalize};
pub use resolve::{Assignment, Candidate, Evidence, How, Resolution, Resolver};

use crate::error::Error;
use crate::model::{Indicator, Unit};
use crate::text::Lexicon;
use file::{At, Fault, Field, File, Slot};
use postings::{Postings, text_key};

const BUNDLED: &str = include_str!("../../data/registry.toml");

/// One name the resolver knows, prepared for lookup.
#[derive(Debug, Clone)]
struct Name {
    /// Normalized text.
    text: String,
    /// The entry it names.
    entry: usize,
    /// A unit written in the alias itself (食品检验量（批次/千人）).
    unit: Option<Unit>,
    /// Shared with another key; only the unit decides.
    ambiguous: bool,
    /// The entry's preferred name.
    preferred: bool,
    /// The text with the entry's qualifier words removed, as chars, for fuzzy scoring.
    core_chars: Vec<char>,
    /// The same as letters of the registry's [`distance::Alphabet`].
    core_letters: Vec<u16>,
    /// What the vetoes look at, computed once.
    features: resolve::Features,
}

/// The canonical indicators and the prepared lookup structures of the resolver.
#[derive(Debug, Clone)]
pub struct Registry {
    entries: Vec<Entry>,
    names: Vec<Name>,
    /// Normalized text, hashed ([`text_key`]) → indices into `names` (see
    /// [`Registry::named`]).
    by_text: Postings,
    /// Character unigram and bigram → indices into `names` (the fuzzy candidates' index).
    grams: Postings,
    /// Each name's length in characters without its key's qualifiers (`core_chars`), at
    /// most `u16::MAX`: what the candidates' length filter reads, packed.
    name_lengths: Vec<u16>,
    /// The characters of the names, numbered for the scorer.
    alphabet: distance::Alphabet,
    /// Each entry's key → its place in `entries` (what [`Registry::entry`] reads).
    by_key: HashMap<String, usize>,
    /// Qualifier words of two characters or more, longest first, each once, stripped
    /// before lookup; a word's number is its place.
    qualifier_index: words::WordIndex,
    /// Each entry's qualifier words, normalized, two characters or more.
    entry_qualifiers: Vec<Vec<String>>,
    /// The same as numbers of `qualifier_index`.
    entry_qualifier_ids: Vec<Vec<words::WordNo>>,
    /// Normalized names withdrawn from keys → the entries they were withdrawn from.
    withdrawn: HashMap<String, Vec<usize>>,
}

impl Default for Registry {
    /// The bundled registry (`data/registry.toml`): a clone of the one parsed on first use.
    fn default() -> Registry {
        bundled().clone()
    }
}

/// The bundled registry, parsed once per process. A cache of the default value, which
/// callers still pass explicitly (see `compare::Comparer`); nothing resolves through it
/// behind the caller's back.
pub(crate) fn bundled() -> &'static Registry {
    static PARSED: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(|| {
        // The bundled file is checked by the crate's tests; failing here is a build defect,
        // not a property of any input.
        Registry::from_toml(BUNDLED)
            .unwrap_or_else(|e| panic!("the bundled registry is malformed: {e}"))
    });
    &PARSED
}

impl Registry {
    /// Reads a registry from TOML in the format of `data/registry.toml` (with the
    /// `[[alias]]` tables of a user's file, see the [module docs](self)).
    ///
    /// Errors on malformed TOML, unknown fields, duplicate keys, an alias claimed by two
    /// keys, a reference (broader, narrower, see_also) to a key that does not exist, or a
    /// unit whose dimension contradicts its key's; each at the value in the text.
    pub fn from_toml(text: &str) -> Result<Registry, Error> {
        let mut r = Registry {
            entries: Vec::new(),
            names: Vec::new(),
            by_text: Postings::default(),
            grams: Postings::default(),
            name_lengths: Vec::new(),
            by_key: HashMap::new(),
            alphabet: distance::Alphabet::default(),
            qualifier_index: words::WordIndex::new([]),
            entry_qualifiers: Vec::new(),
            entry_qualifier_ids: Vec::new(),
            withdrawn: HashMap::new(),
        };
        r.extend_toml(text)?;
        Ok(r)
    }

    /// Adds the entries of a user's TOML file to this registry, the names its `[[alias]]`
    /// tables give to keys and withdraws those its `[[withdraw]]` tables take (see the
    /// [module docs](self)), with the same checks. On error the registry is unchanged.
    ///
    /// Every error has the [`Position`](crate::Position) of the value at fault when the
    /// value is in `text`. Text that is not TOML, or not in the registry's format (an
    /// unknown field, a unit the unit reader cannot read), is an
    /// [`ErrorKind::Toml`](crate::ErrorKind::Toml) error; duplicate keys, aliases claimed
    /// twice and a name both withdrawn and added are
    /// [`ErrorKind::Conflict`](crate::ErrorKind::Conflict) errors; an unknown key, a
    /// withdrawal of a name the key does not have, a unit whose dimension contradicts the
    /// key's and an alias without a source are [`ErrorKind::Data`](crate::ErrorKind::Data)
    /// errors.
    ///
    /// ```
    /// let mut registry = planalign::registry::Registry::default();
    /// registry.extend_toml(r#"
    /// [[indicator]]
    /// key = "other.smart_market.coverage"
    /// name_zh = "智慧农贸市场覆盖率"
    /// name_en = "Smart farmers' market coverage"
    /// domain = "other"
    /// dimension = "percent"
    /// unit = "%"
    /// kind = "intensive"
    /// direction = "higher"
    /// aliases = [{ name = "智慧市场覆盖率", source = "our county scheme" }]
    /// "#)?;
    /// assert_eq!(registry.resolve("智慧市场覆盖率", None).key(), Some("other.smart_market.coverage"));
    /// # Ok::<(), planalign::Error>(())
    /// ```
    pub fn extend_toml(&mut self, text: &str) -> Result<(), Error> {
        let draft = File::read(text)?.apply(&self.entries, text)?;
        let built = Registry::build(draft.entries).map_err(|f| draft.places.locate(f, text))?;
        *self = built;
        Ok(())
    }

    /// Reads a user's registry file and adds its entries, with the checks of
    /// [`Registry::extend_toml`]. On error the registry is unchanged.
    ///
    /// An error in the file's content keeps its kind (a duplicate key is still an
    /// [`ErrorKind::Conflict`], invalid TOML an [`ErrorKind::Toml`] with its position) and
    /// names the file ([`Error::file`]); a file that cannot be read is an [`ErrorKind::Io`].
    ///
    /// [`ErrorKind::Conflict`]: crate::ErrorKind::Conflict
    /// [`ErrorKind::Toml`]: crate::ErrorKind::Toml
    /// [`ErrorKind::Io`]: crate::ErrorKind::Io
    pub fn extend_file(&mut self, path: impl AsRef<std::path::Path>) -> Result<(), Error> {
        Error::reading(path.as_ref(), |text| self.extend_toml(text))
    }

    fn build(entries: Vec<Entry>) -> Result<Registry, Fault> {
        check_keys(&entries)?;
        check_units(&entries)?;
        let entry_qualifiers: Vec<Vec<String>> = entries.iter().map(qualifier_words).collect();
        let withdrawn = withdrawn_names(&entries);
        let (mut names, slots) = prepare_names(&entries, &entry_qualifiers, &withdrawn)?;
        let alphabet = distance::Alphabet::new(names.iter().map(|n| n.core_chars.as_slice()));
        for n in &mut names {
            alphabet.spell(n.core_chars.iter().copied(), &mut n.core_letters);
        }
        let by_text = Postings::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (text_key(&n.text), i as u32)),
        );
        check_claims(&entries, &names, &slots, &by_text)?;
        let grams = gram_index(&names);
        let qualifier_index =
            words::WordIndex::new(all_qualifiers(&entries).iter().map(String::as_str));
        let entry_qualifier_ids = entry_qualifiers
            .iter()
            .map(|ws| {
                ws.iter()
                    .filter_map(|w| qualifier_index.number(w))
                    .collect()
            })
            .collect();
        let by_key = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        let name_lengths = names
            .iter()
            .map(|n| u16::try_from(n.core_chars.len()).unwrap_or(u16::MAX))
            .collect();
        Ok(Registry {
            entries,
            names,
            by_text,
            grams,
            name_lengths,
            by_key,
            alphabet,
            qualifier_index,
            entry_qualifiers,
            entry_qualifier_ids,
            withdrawn,
        })
    }

    /// The entries `text` (a normalized name) was withdrawn from.
    fn withdrawn_from(&self, text: &str) -> &[usize] {
        if self.withdrawn.is_empty() {
            return &[];
        }
        self.withdrawn.get(text).map_or(&[], Vec::as_slice)
    }

    /// The indices of the names whose normalized text is `text`.
    fn named<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.by_text
            .get(text_key(text))
            .iter()
            .map(|i| *i as usize)
            .filter(move |i| self.names.get(*i).is_some_and(|n| n.text == text))
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of a key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).and_then(|&i| self.entries.get(i))
    }

    /// Resolves an indicator's name (and unit, when known) to a canonical key.
    pub fn resolve(&self, name: &str, unit: Option<&Unit>) -> Resolution {
        resolve::resolve(self, name, unit)
    }

    /// A resolver for many names in a row (see [`Resolver`]).
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(self)
    }

    /// Resolves a table row: its name, and its unit cell or the unit in its name.
    pub fn resolve_indicator(&self, indicator: &Indicator) -> Resolution {
        self.resolve(&indicator.name, indicator.unit.as_ref())
    }

    /// Expresses an indicator's baseline and target in the registry's canonical unit for
    /// `key`, or says why that cannot be done.
    pub fn canonical(&self, indicator: &Indicator, key: &str) -> Result<Canonical, Error> {
        let entry = self
            .entry(key)
            .ok_or_else(|| Error::new(crate::error::ErrorKind::UnknownId(key.to_string())))?;
        Ok(convert::canonical(indicator, entry))
    }
}

/// Every key is dotted lowercase ASCII and unique, and every key an entry refers to
/// (broader, narrower, see_also) exists.
fn check_keys(entries: &[Entry]) -> Result<(), Fault> {
    let mut keys = HashSet::new();
    for (i, e) in entries.iter().enumerate() {
        let at = At {
            entry: i,
            field: Field::Key,
        };
        if !valid_key(&e.key) {
            return Err(Fault::at(
                Error::data(
                    "registry",
                    format!("key {:?} is not dotted lowercase ASCII", e.key),
                ),
                at,
            ));
        }
        if !keys.insert(e.key.as_str()) {
            return Err(Fault::at(
                Error::conflict("registry", format!("duplicate key {}", e.key)),
                at,
            ));
        }
    }
    for (i, e) in entries.iter().enumerate() {
        let references = e.broader.iter().chain(&e.narrower).chain(&e.see_also);
        for (k, r) in references.enumerate() {
            if !keys.contains(r.as_str()) {
                return Err(Fault::at(
                    Error::data("registry", format!("{} refers to unknown key {r}", e.key)),
                    At {
                        entry: i,
                        field: Field::Reference(k),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// Every entry's unit measures what its dimension declares: `户` is no unit of a percent
/// key. (A unit the unit reader cannot read does not get this far: reading the entry
/// fails at it.)
fn check_units(entries: &[Entry]) -> Result<(), Fault> {
    for (i, e) in entries.iter().enumerate() {
        let dimension = e.unit.dimension();
        if !e.dimension.admits(dimension) {
            return Err(Fault::at(
                Error::data(
                    "registry",
                    format!(
                        "unit {} of {} measures {} and contradicts the key's dimension {}",
                        e.unit.raw(),
                        e.key,
                        serde_name(&dimension),
                        serde_name(&e.dimension),
                    ),
                ),
                At {
                    entry: i,
                    field: Field::Unit,
                },
            ));
        }
    }
    Ok(())
}

/// A dimension's name as a registry file writes it (`per_capita`).
fn serde_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Each name withdrawn from a key, normalized → the entries it was withdrawn from.
fn withdrawn_names(entries: &[Entry]) -> HashMap<String, Vec<usize>> {
    let mut withdrawn: HashMap<String, Vec<usize>> = HashMap::new();
    let normalizer = Normalizer::new(Lexicon::bundled());
    for (k, e) in entries.iter().enumerate() {
        for w in &e.withdrawn {
            let list = withdrawn
                .entry(normalizer.normalize(&w.name).text)
                .or_default();
            if !list.contains(&k) {
                list.push(k);
            }
        }
    }
    withdrawn
}

/// An entry's qualifier words, normalized, two characters or more, longest first.
fn qualifier_words(e: &Entry) -> Vec<String> {
    let mut q: Vec<String> = e
        .qualifiers
        .iter()
        .map(|q| normalize(q).text)
        .filter(|q| q.chars().count() >= 2)
        .collect();
    q.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    q
}

/// Every entry's preferred name and aliases, normalized and prepared for lookup, but for
/// the names withdrawn from it; with each name's slot in its entry. An alias without a
/// source or empty once normalized is an error, and so is a unit written in an alias that
/// does not fit its key.
fn prepare_names(
    entries: &[Entry],
    entry_qualifiers: &[Vec<String>],
    withdrawn: &HashMap<String, Vec<usize>>,
) -> Result<(Vec<Name>, Vec<Slot>), Fault> {
    let name =
        |text: String, entry: usize, unit: Option<Unit>, ambiguous: bool, preferred: bool| {
            let core = resolve::remove_words(&text, &entry_qualifiers[entry]);
            let features = resolve::Features::of(&core);
            let mut core_chars = Vec::with_capacity(core.chars().count());
            core_chars.extend(core.chars());
            Name {
                text,
                entry,
                unit,
                ambiguous,
                preferred,
                core_chars,
                core_letters: Vec::new(),
                features,
            }
        };
    let count = entries
        .iter()
        .map(|e| 1 + e.aliases.len() + e.ambiguous_aliases.len())
        .sum();
    let mut names = Vec::with_capacity(count);
    let mut slots = Vec::with_capacity(count);
    let normalizer = Normalizer::new(Lexicon::bundled());
    let normalize = |name: &str| normalizer.normalize(name);
    let is_withdrawn = |text: &str, k: usize| {
        !withdrawn.is_empty() && withdrawn.get(text).is_some_and(|es| es.contains(&k))
    };
    for (k, e) in entries.iter().enumerate() {
        let fault = |message: String, field: Field| {
            Fault::at(Error::data("registry", message), At { entry: k, field })
        };
        let preferred = normalize(&e.name_zh);
        if !is_withdrawn(&preferred.text, k) {
            names.push(name(preferred.text, k, preferred.unit, false, true));
            slots.push(Slot::Preferred);
        }
        for (aliases, ambiguous) in [(&e.aliases, false), (&e.ambiguous_aliases, true)] {
            for (j, a) in aliases.iter().enumerate() {
                let slot = if ambiguous {
                    Slot::Ambiguous(j)
                } else {
                    Slot::Alias(j)
                };
                if a.source.trim().is_empty() {
                    let message = format!("alias {:?} of {} has no source", a.name, e.key);
                    return Err(fault(message, Field::Source(slot)));
                }
                let n = normalize(&a.name);
                if n.text.is_empty() {
                    let message = format!("alias {:?} of {} is empty", a.name, e.key);
                    return Err(fault(message, Field::Name(slot)));
                }
                if let Some(u) = &n.unit {
                    if let Err(why) = resolve::unit_fits(u, e, resolve::per_capita_name(&n.text)) {
                        let message = format!("alias {:?}: {why}", a.name);
                        return Err(fault(message, Field::Name(slot)));
                    }
                }
                if is_withdrawn(&n.text, k) {
                    continue;
                }
                names.push(name(n.text, k, n.unit, ambiguous, false));
                slots.push(slot);
            }
        }
    }
    Ok((names, slots))
}

/// Each name's character unigrams and bigrams → the names holding them, each name once.
fn gram_index(names: &[Name]) -> Postings {
    let mut mine: Vec<u64> = Vec::new();
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        mine.clear();
        mine.extend(grams_of(&n.text));
        mine.sort_unstable();
        mine.dedup();
        pairs.extend(mine.iter().map(|g| (*g, i as u32)));
    }
    Postings::new(pairs)
}

/// All entries' qualifier words of two characters or more, normalized, longest first.
fn all_qualifiers(entries: &[Entry]) -> Vec<String> {
    let mut qualifiers: Vec<String> = entries
        .iter()
        .flat_map(|e| e.qualifiers.iter())
        .map(|q| normalize(q).text)
        .filter(|q| q.chars().count() >= 2)
        .collect();
    qualifiers.sort_by_key(|q| std::cmp::Reverse(q.chars().count()));
    let mut seen = HashSet::new();
    qualifiers.retain(|q| seen.insert(q.clone()));
    qualifiers
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.split('.').all(|p| !p.is_empty())
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

/// An alias text may belong to one key only, unless the names carry units that tell them
/// apart or the alias is declared ambiguous (the unit decides). The fault is at the later
/// name (the one a file extending the registry brings), else at the earlier.
fn check_claims(
    entries: &[Entry],
    names: &[Name],
    slots: &[Slot],
    by_text: &Postings,
) -> Result<(), Fault> {
    for ids in by_text.runs() {
        let claims: Vec<usize> = ids
            .iter()
            .map(|i| *i as usize)
            .filter(|i| !names[*i].ambiguous)
            .collect();
        // Most texts are one key's: nothing to tell apart.
        if claims
            .iter()
            .all(|i| names[*i].entry == names[claims[0]].entry)
        {
            continue;
        }
        let pairs = claims
            .iter()
            .enumerate()
            .flat_map(|(k, a)| claims.iter().skip(k + 1).map(move |b| (*a, *b)));
        for (i, j) in pairs {
            let (a, b) = (&names[i], &names[j]);
            // Names of one key, or of texts that only share a hash.
            if a.entry == b.entry || a.text != b.text {
                continue;
            }
            let told_apart = match (&a.unit, &b.unit) {
                (Some(x), Some(y)) => !x.is_commensurable(y),
                _ => false,
            };
            if !told_apart {
                let at = |n: usize| At {
                    entry: names[n].entry,
                    field: Field::Name(slots[n]),
                };
                let (first, second) = if i < j {
                    (at(j), at(i))
                } else {
                    (at(i), at(j))
                };
                return Err(Fault::between(
                    Error::conflict(
                        "registry",
                        format!(
                            "alias {:?} is claimed by {} and {}",
                            a.text, entries[a.entry].key, entries[b.entry].key
                        ),
                    ),
                    first,
                    second,
                ));
            }
        }
    }
    Ok(())
}

/// Character unigrams and bigrams of a name, hashed, for the candidates' index.
fn grams_of(text: &str) -> impl Iterator<Item = u64> + '_ {
    let uni = text.chars().map(|c| u64::from(c as u32));
    let bi = text
        .chars()
        .zip(text.chars().skip(1))
        .map(|(a, b)| (u64::from(a as u32) << 32 | u64::from(b as u32)) | 1 << 63);
    uni.chain(bi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_registry_loads() {
        let r = Registry::from_toml(BUNDLED);
        assert!(r.is_ok(), "{:?}", r.err().map(|e| e.to_string()));
    }

    #[test]
    fn conflicts_are_errors() {
        let one = |key: &str, alias: &str| {
            format!(
                "[[indicator]]\nkey = \"{key}\"\nname_zh = \"{key}名\"\nname_en = \"x\"\ndomain = \"other\"\ndimension = \"percent\"\nunit = \"%\"\nkind = \"intensive\"\ndirection = \"higher\"\naliases = [{{ name = \"{alias}\", source = \"test\" }}]\n"
            )
        };
        let dup = format!("{}{}", one("a.b", "甲"), one("a.b", "乙"));
        assert!(Registry::from_toml(&dup).is_err_and(|e| e.to_string().contains("duplicate key")));
        let claimed = format!("{}{}", one("a.b", "甲"), one("a.c", "“甲”"));
        assert!(Registry::from_toml(&claimed).is_err_and(|e| e.to_string().contains("claimed by")));
        assert!(Registry::from_toml("[[indicator]]\nkey = 3\n").is_err_and(|e| e.is_data()));
        let bad_ref = one("a.b", "甲").replace("aliases", "see_also = [\"a.z\"]\naliases");
        assert!(
            Registry::from_toml(&bad_ref).is_err_and(|e| e.to_string().contains("unknown key"))
        );
        let mut r = Registry::default();
        let n = r.entries().len();
        assert!(
            r.extend_toml(&one("food.bright_kitchen.coverage", "某"))
                .is_err()
        );
        assert_eq!(
            r.entries().len(),
            n,
            "a failed extension leaves the registry unchanged"
        );
    }
}

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

mod convert;
mod entry;
mod normalize;
mod postings;
mod resolve;

use std::collections::HashSet;

use serde::Deserialize;

pub use convert::{Canonical, UnitSource};
pub use entry::{Alias, Direction, Domain, Entry, Extent, UnitDimension};
use normalize::Normalizer;
pub use normalize::{NormalizedName, normalize};
pub use resolve::{Candidate, Evidence, How, Resolution};

use crate::error::Error;
use crate::model::{Indicator, Unit};
use crate::text::Lexicon;
use postings::{Postings, text_key};

const BUNDLED: &str = include_str!("../../data/registry.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    indicator: Vec<Entry>,
}

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
    /// Qualifier words of two characters or more, longest first, stripped before lookup.
    qualifiers: Vec<String>,
    /// Each entry's qualifier words, normalized, two characters or more.
    entry_qualifiers: Vec<Vec<String>>,
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
    /// Reads a registry from TOML in the format of `data/registry.toml`.
    ///
    /// Errors on malformed TOML, unknown fields, duplicate keys, an alias claimed by two
    /// keys, or a reference (broader, narrower, see_also) to a key that does not exist.
    pub fn from_toml(text: &str) -> Result<Registry, Error> {
        let mut r = Registry {
            entries: Vec::new(),
            names: Vec::new(),
            by_text: Postings::default(),
            grams: Postings::default(),
            qualifiers: Vec::new(),
            entry_qualifiers: Vec::new(),
        };
        r.extend_toml(text)?;
        Ok(r)
    }

    /// Adds the entries of a user's TOML file to this registry, with the same checks.
    /// On error the registry is unchanged.
    ///
    /// Text that is not TOML, or not in the registry's format, is an
    /// [`ErrorKind::Toml`](crate::ErrorKind::Toml) error with the
    /// [`Position`](crate::Position) of the fault; duplicate keys and aliases claimed twice
    /// are [`ErrorKind::Conflict`](crate::ErrorKind::Conflict) errors.
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
        let file: File = toml::from_str(text).map_err(|e| Error::toml("registry", text, &e))?;
        let mut entries = self.entries.clone();
        entries.extend(file.indicator);
        let built = Registry::build(entries)?;
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

    fn build(entries: Vec<Entry>) -> Result<Registry, Error> {
        check_keys(&entries)?;
        let entry_qualifiers: Vec<Vec<String>> = entries.iter().map(qualifier_words).collect();
        let names = prepare_names(&entries, &entry_qualifiers)?;
        let by_text = Postings::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (text_key(&n.text), i as u32)),
        );
        check_claims(&entries, &names, &by_text)?;
        let grams = gram_index(&names);
        let qualifiers = all_qualifiers(&entries);
        Ok(Registry {
            entries,
            names,
            by_text,
            grams,
            qualifiers,
            entry_qualifiers,
        })
    }

    /// The indices of the names whose normalized text is `text`.
    fn named(&self, text: &str) -> Vec<usize> {
        self.by_text
            .get(text_key(text))
            .iter()
            .map(|i| *i as usize)
            .filter(|i| self.names.get(*i).is_some_and(|n| n.text == text))
            .collect()
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of a key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Resolves an indicator's name (and unit, when known) to a canonical key.
    pub fn resolve(&self, name: &str, unit: Option<&Unit>) -> Resolution {
        resolve::resolve(self, name, unit)
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
fn check_keys(entries: &[Entry]) -> Result<(), Error> {
    let mut keys = HashSet::new();
    for e in entries {
        if !valid_key(&e.key) {
            return Err(Error::data(
                "registry",
                format!("key {:?} is not dotted lowercase ASCII", e.key),
            ));
        }
        if !keys.insert(e.key.as_str()) {
            return Err(Error::conflict(
                "registry",
                format!("duplicate key {}", e.key),
            ));
        }
    }
    for e in entries {
        for r in e.broader.iter().chain(&e.narrower).chain(&e.see_also) {
            if !keys.contains(r.as_str()) {
                return Err(Error::data(
                    "registry",
                    format!("{} refers to unknown key {r}", e.key),
                ));
            }
        }
    }
    Ok(())
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

/// Every entry's preferred name and aliases, normalized and prepared for lookup; an alias
/// without a source or empty once normalized is an error.
fn prepare_names(entries: &[Entry], entry_qualifiers: &[Vec<String>]) -> Result<Vec<Name>, Error> {
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
                features,
            }
        };
    let count = entries
        .iter()
        .map(|e| 1 + e.aliases.len() + e.ambiguous_aliases.len())
        .sum();
    let mut names = Vec::with_capacity(count);
    let normalizer = Normalizer::new(Lexicon::bundled());
    let normalize = |name: &str| normalizer.normalize(name);
    for (k, e) in entries.iter().enumerate() {
        let preferred = normalize(&e.name_zh);
        names.push(name(preferred.text, k, preferred.unit, false, true));
        for (aliases, ambiguous) in [(&e.aliases, false), (&e.ambiguous_aliases, true)] {
            for a in aliases {
                if a.source.trim().is_empty() {
                    return Err(Error::data(
                        "registry",
                        format!("alias {:?} of {} has no source", a.name, e.key),
                    ));
                }
                let n = normalize(&a.name);
                if n.text.is_empty() {
                    return Err(Error::data(
                        "registry",
                        format!("alias {:?} of {} is empty", a.name, e.key),
                    ));
                }
                names.push(name(n.text, k, n.unit, ambiguous, false));
            }
        }
    }
    Ok(names)
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
    qualifiers.dedup();
    qualifiers
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.split('.').all(|p| !p.is_empty())
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

/// An alias text may belong to one key only, unless the names carry units that tell them
/// apart or the alias is declared ambiguous (the unit decides).
fn check_claims(entries: &[Entry], names: &[Name], by_text: &Postings) -> Result<(), Error> {
    for ids in by_text.runs() {
        let claims: Vec<&Name> = ids
            .iter()
            .map(|i| &names[*i as usize])
            .filter(|n| !n.ambiguous)
            .collect();
        // Most texts are one key's: nothing to tell apart.
        if claims.iter().all(|n| n.entry == claims[0].entry) {
            continue;
        }
        let pairs = claims
            .iter()
            .enumerate()
            .flat_map(|(k, a)| claims.iter().skip(k + 1).map(move |b| (a, b)));
        for (a, b) in pairs {
            // Names of one key, or of texts that only share a hash.
            if a.entry == b.entry || a.text != b.text {
                continue;
            }
            let told_apart = match (&a.unit, &b.unit) {
                (Some(x), Some(y)) => !x.is_commensurable(y),
                _ => false,
            };
            if !told_apart {
                return Err(Error::conflict(
                    "registry",
                    format!(
                        "alias {:?} is claimed by {} and {}",
                        a.text, entries[a.entry].key, entries[b.entry].key
                    ),
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

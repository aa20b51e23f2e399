//! A registry file: whole `[[indicator]]` entries, `[[alias]]` names added to keys and
//! `[[withdraw]]` names taken from them, each with its source. A file is applied to the
//! entries it extends; a fault the checks find is shown at the value of the file that
//! holds it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use super::entry::{Alias, Entry};
use super::normalize::Normalizer;
use crate::error::Error;
use crate::text::Lexicon;

/// A registry file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    #[serde(default)]
    indicator: Vec<Entry>,
    #[serde(default)]
    alias: Vec<Edit>,
    #[serde(default)]
    withdraw: Vec<Edit>,
}

/// An `[[alias]]` or `[[withdraw]]` table: a name of a key, and where the name was found
/// or why it is withdrawn.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    key: Spanned<String>,
    name: Spanned<String>,
    source: Spanned<String>,
}

/// The entries a file makes of the ones it extends, and where their values stand in it.
pub(super) struct Draft {
    pub(super) entries: Vec<Entry>,
    pub(super) places: Places,
}

/// What it takes to find an entry's value in the file: the entries before the file's own,
/// and the names `[[alias]]` tables added.
pub(super) struct Places {
    before: usize,
    /// (entry, index among its aliases) → the byte range of the `[[alias]]` name.
    added: HashMap<(usize, usize), Range<usize>>,
}

/// A check of the entries that failed: the error, and the values at fault, the one to
/// show first (the first the file holds is shown).
pub(super) struct Fault {
    error: Error,
    at: Vec<At>,
}

/// A value of an entry: the entry's index and the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct At {
    pub(super) entry: usize,
    pub(super) field: Field,
}

/// A field of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Key,
    Unit,
    /// The k-th key of `broader`, `narrower` and `see_also`, in that order.
    Reference(usize),
    /// A name.
    Name(Slot),
    /// The source of an alias.
    Source(Slot),
}

/// Where an entry holds one of its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// `name_zh`.
    Preferred,
    /// `aliases[k]`.
    Alias(usize),
    /// `ambiguous_aliases[k]`.
    Ambiguous(usize),
}

impl Fault {
    /// A fault of the value at `at`.
    pub(super) fn at(error: Error, at: At) -> Fault {
        Fault {
            error,
            at: vec![at],
        }
    }

    /// A fault of two values: `first` is shown when the file holds it, else `second`.
    pub(super) fn between(error: Error, first: At, second: At) -> Fault {
        Fault {
            error,
            at: vec![first, second],
        }
    }
}

impl File {
    /// Reads a registry file: TOML in the format of `data/registry.toml`, with `[[alias]]`
    /// and `[[withdraw]]` tables.
    pub(super) fn read(text: &str) -> Result<File, Error> {
        toml::from_str(text).map_err(|e| Error::toml("registry", text, &e))
    }

    /// The entries this file (its `text`) makes of `entries`: its own appended, then the
    /// names it withdraws taken from the keys before it, then the names it adds given to
    /// theirs. Errors, at the value, on an edit without a source, of a key that does not
    /// exist, withdrawing a name the key does not have, or adding a name it withdraws.
    pub(super) fn apply(self, entries: &[Entry], text: &str) -> Result<Draft, Error> {
        let mut edits = Edits {
            text,
            entries: Vec::with_capacity(entries.len() + self.indicator.len()),
            before: entries.len(),
            keys: HashMap::new(),
            normalizer: Normalizer::new(Lexicon::bundled()),
            withdrawn: HashSet::new(),
            added: HashMap::new(),
        };
        edits.entries.extend_from_slice(entries);
        edits.entries.extend(self.indicator);
        if !self.alias.is_empty() || !self.withdraw.is_empty() {
            edits.index_keys();
        }
        for w in self.withdraw {
            edits.withdraw(w)?;
        }
        for a in self.alias {
            edits.add(a)?;
        }
        Ok(Draft {
            entries: edits.entries,
            places: Places {
                before: edits.before,
                added: edits.added,
            },
        })
    }
}

/// What applying a file's edits works on.
struct Edits<'t> {
    text: &'t str,
    entries: Vec<Entry>,
    before: usize,
    /// Key → the index of its (first) entry.
    keys: HashMap<String, usize>,
    normalizer: Normalizer<'static>,
    /// (entry, normalized name) this file withdraws.
    withdrawn: HashSet<(usize, String)>,
    added: HashMap<(usize, usize), Range<usize>>,
}

impl Edits<'_> {
    fn index_keys(&mut self) {
        self.keys.reserve(self.entries.len());
        for (i, e) in self.entries.iter().enumerate() {
            self.keys.entry(e.key.clone()).or_insert(i);
        }
    }

    /// The error at the value of the file that spans `at`.
    fn at(&self, error: Error, at: &Range<usize>) -> Error {
        error.at_offset(self.text, at.start)
    }

    /// The entry an edit names, its name normalized, after checking its source.
    fn target(&self, edit: &Edit, table: &str) -> Result<(usize, String), Error> {
        if edit.source.get_ref().trim().is_empty() {
            return Err(self.at(
                Error::data(
                    "registry",
                    format!(
                        "[[{table}]] {:?} of {} has no source",
                        edit.name.get_ref(),
                        edit.key.get_ref()
                    ),
                ),
                &edit.source.span(),
            ));
        }
        let Some(&entry) = self.keys.get(edit.key.get_ref()) else {
            return Err(self.at(
                Error::data(
                    "registry",
                    format!("[[{table}]] refers to unknown key {}", edit.key.get_ref()),
                ),
                &edit.key.span(),
            ));
        };
        let text = self.normalizer.normalize(edit.name.get_ref()).text;
        if text.is_empty() {
            return Err(self.at(
                Error::data(
                    "registry",
                    format!(
                        "[[{table}]] {:?} of {} is empty",
                        edit.name.get_ref(),
                        edit.key.get_ref()
                    ),
                ),
                &edit.name.span(),
            ));
        }
        Ok((entry, text))
    }

    /// Takes a name from a key of the registry the file extends: every name of the key
    /// that normalizes alike (its preferred name stays its label, and is no longer
    /// resolved).
    fn withdraw(&mut self, w: Edit) -> Result<(), Error> {
        let (entry, text) = self.target(&w, "withdraw")?;
        if entry >= self.before {
            return Err(self.at(
                Error::data(
                    "registry",
                    format!(
                        "[[withdraw]] names {}, a key this file defines: leave {:?} out of its aliases instead",
                        w.key.get_ref(),
                        w.name.get_ref()
                    ),
                ),
                &w.key.span(),
            ));
        }
        let normalizer = &self.normalizer;
        let e = &mut self.entries[entry];
        let withdrawn_before = e
            .withdrawn
            .iter()
            .any(|a| normalizer.normalize(&a.name).text == text);
        let mut found = !withdrawn_before && normalizer.normalize(&e.name_zh).text == text;
        for list in [&mut e.aliases, &mut e.ambiguous_aliases] {
            let n = list.len();
            list.retain(|a| normalizer.normalize(&a.name).text != text);
            found |= list.len() < n;
        }
        if !found {
            return Err(self.at(
                Error::data(
                    "registry",
                    format!(
                        "[[withdraw]]: {} has no name {:?} to withdraw",
                        w.key.get_ref(),
                        w.name.get_ref()
                    ),
                ),
                &w.name.span(),
            ));
        }
        e.withdrawn.push(Alias {
            name: w.name.into_inner(),
            source: w.source.into_inner(),
        });
        self.withdrawn.insert((entry, text));
        Ok(())
    }

    /// Gives a name to a key, with its source; a name an earlier file withdrew from the
    /// key is its name again.
    fn add(&mut self, a: Edit) -> Result<(), Error> {
        let (entry, text) = self.target(&a, "alias")?;
        let span = a.name.span();
        if self.withdrawn.contains(&(entry, text.clone())) {
            return Err(self.at(
                Error::conflict(
                    "registry",
                    format!(
                        "{:?} is both withdrawn from and added to {}",
                        a.name.get_ref(),
                        a.key.get_ref()
                    ),
                ),
                &span,
            ));
        }
        let normalizer = &self.normalizer;
        let e = &mut self.entries[entry];
        e.withdrawn
            .retain(|w| normalizer.normalize(&w.name).text != text);
        e.aliases.push(Alias {
            name: a.name.into_inner(),
            source: a.source.into_inner(),
        });
        self.added.insert((entry, e.aliases.len() - 1), span);
        Ok(())
    }
}

impl Places {
    /// The fault as an error positioned at the first of its values the file (`text`)
    /// holds; values of the entries before the file have no position in it.
    pub(super) fn locate(&self, fault: Fault, text: &str) -> Error {
        let mut spans: Option<FileSpans> = None;
        for at in &fault.at {
            if let Some(span) = self.added_span(*at) {
                return fault.error.at_offset(text, span.start);
            }
            let Some(own) = at.entry.checked_sub(self.before) else {
                continue;
            };
            // Read again only now: the file read once, so it reads again.
            let spans = spans.get_or_insert_with(|| toml::from_str(text).unwrap_or_default());
            if let Some(span) = spans.indicator.get(own).and_then(|e| e.span(at.field)) {
                return fault.error.at_offset(text, span.start);
            }
        }
        fault.error
    }

    /// The name an `[[alias]]` table added, when the fault is at it.
    fn added_span(&self, at: At) -> Option<&Range<usize>> {
        match at.field {
            Field::Name(Slot::Alias(k)) | Field::Source(Slot::Alias(k)) => {
                self.added.get(&(at.entry, k))
            }
            _ => None,
        }
    }
}

/// Where the values of a file's `[[indicator]]` tables stand: read only to position a
/// fault, without the checks of [`File`].
#[derive(Deserialize, Default)]
struct FileSpans {
    #[serde(default)]
    indicator: Vec<EntrySpans>,
}

type Span = Option<Spanned<IgnoredAny>>;

#[derive(Deserialize)]
struct EntrySpans {
    key: Span,
    name_zh: Span,
    unit: Span,
    #[serde(default)]
    broader: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    narrower: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    see_also: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    aliases: Vec<AliasSpans>,
    #[serde(default)]
    ambiguous_aliases: Vec<AliasSpans>,
}

#[derive(Deserialize)]
struct AliasSpans {
    name: Span,
    source: Span,
}

impl EntrySpans {
    fn span(&self, field: Field) -> Option<Range<usize>> {
        let alias = |slot: Slot| match slot {
            Slot::Preferred => None,
            Slot::Alias(k) => self.aliases.get(k),
            Slot::Ambiguous(k) => self.ambiguous_aliases.get(k),
        };
        let value = match field {
            Field::Key => self.key.as_ref(),
            Field::Unit => self.unit.as_ref(),
            Field::Reference(k) => self
                .broader
                .iter()
                .chain(&self.narrower)
                .chain(&self.see_also)
                .nth(k),
            Field::Name(Slot::Preferred) => self.name_zh.as_ref(),
            Field::Name(slot) => alias(slot).and_then(|a| a.name.as_ref()),
            Field::Source(slot) => alias(slot).and_then(|a| a.source.as_ref()),
        };
        value.map(Spanned::span)
    }
}

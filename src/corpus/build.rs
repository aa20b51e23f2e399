//! Building a corpus: plans from texts, files, folders and `corpus.toml` manifests; the
//! hierarchy declared, merged with what is already there, or inferred from the plans.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use super::{Corpus, CorpusNote, LocalityEntry};
use crate::error::{Error, Position};
use crate::model::{Level, Locality, Plan};
use crate::parse::{self, Diagnostic, Parser};
use crate::text::Lexicon;

/// The name of the manifest a folder of plans may hold.
pub const MANIFEST: &str = "corpus.toml";

/// The extensions of the files a folder scan reads as plans.
const PLAN_EXTENSIONS: [&str; 6] = ["txt", "md", "text", "docx", "html", "htm"];

/// Where a plan or a locality was declared: a file (or a text's name) and, in a manifest,
/// the position of the entry's value.
#[derive(Debug, Clone)]
struct Origin {
    file: String,
    position: Option<Position>,
}

impl Origin {
    fn of(file: &str) -> Origin {
        Origin {
            file: file.to_string(),
            position: None,
        }
    }

    fn at(file: &str, text: &str, offset: usize) -> Origin {
        Origin {
            file: file.to_string(),
            position: Some(Position::of_offset(text, offset)),
        }
    }

    /// `error`, placed here.
    fn place(&self, error: Error) -> Error {
        let error = match &self.position {
            Some(p) => error.at(p.clone()),
            None => error,
        };
        error.in_file(self.file.clone())
    }

    fn describe(&self) -> String {
        match &self.position {
            Some(p) => format!("{} line {}", self.file, p.line),
            None => self.file.clone(),
        }
    }
}

/// A plan waiting for its place in the hierarchy.
struct Slot {
    plan: Plan,
    diagnostics: Vec<Diagnostic>,
    origin: Origin,
    /// The locality a manifest gave it.
    locality: Option<(String, Origin)>,
    /// The title a manifest gave it, for a document without a title line.
    title: Option<String>,
}

/// Builds a [`Corpus`] from the user's plans and hierarchy, or from the bundled corpus and
/// the user's additions.
///
/// Plans come from texts ([`add_text`](Self::add_text)), files
/// ([`add_file`](Self::add_file)), folders ([`add_dir`](Self::add_dir)) and
/// `corpus.toml` manifests ([`add_manifest`](Self::add_manifest)), in the schema of the
/// bundled `data/corpus.toml`:
///
/// ```toml
/// [[plan]]
/// id = "zhaoqing"            # unique in the corpus
/// file = "zhaoqing.txt"      # relative to the manifest
/// locality = "肇庆市"        # optional: else read from the plan's title
/// title = "…"                # optional: for a document without a title line
///
/// [[locality]]
/// name = "肇庆市"
/// level = "prefecture_city"  # province, prefecture_city, county_district, development_zone
/// parent = "广东省"
/// aliases = ["肇庆"]
/// ```
///
/// A locality declared twice (by the bundled hierarchy and by the user's manifest) is one
/// locality: the second entry may add aliases, a parent or a note, and gives it its plans;
/// a different level or parent is an error. A plan whose locality no entry declares is
/// placed from its own text (the title's places, the parent plan it cites), and the
/// corpus says so in its [`notes`](Corpus::notes). Errors name the file and, in a
/// manifest, the line: a plan file that cannot be read, a parent that is not in the
/// hierarchy, a cycle of parents, two plans claiming one id.
///
/// ```
/// use planalign::corpus::CorpusBuilder;
/// let mut builder = CorpusBuilder::guangdong()?;
/// builder.add_text(
///     "zhaoqing",
///     "肇庆市市场监管现代化“十四五”规划\n主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t食品抽检合格率\t%\t98\t98.5\t约束性\n",
/// );
/// let corpus = builder.build()?;
/// // 鼎湖区's nearest ancestor with a plan is now its city's.
/// let chain = corpus.ancestors("dinghu")?;
/// assert_eq!(chain[0].plan.as_deref(), Some("zhaoqing"));
/// # Ok::<(), planalign::Error>(())
/// ```
pub struct CorpusBuilder<'a> {
    parser: Parser<'a>,
    lexicon: &'a Lexicon,
    slots: Vec<Slot>,
    localities: Vec<(LocalityEntry, Origin)>,
    /// Where each locality's parent was declared, by locality name.
    parents_at: Vec<(String, Origin)>,
    /// Plans a locality entry names as its own (`plan = "id"`).
    claimed: Vec<(String, String, Origin)>,
    notes: Vec<CorpusNote>,
}

impl Default for CorpusBuilder<'static> {
    fn default() -> Self {
        CorpusBuilder::new()
    }
}

impl CorpusBuilder<'static> {
    /// An empty corpus, read with the bundled lexicon.
    pub fn new() -> CorpusBuilder<'static> {
        CorpusBuilder::with_lexicon(Lexicon::bundled())
    }

    /// The bundled Guangdong corpus (its hierarchy, the provincial plan and the five local
    /// plans), to add the user's plans to.
    pub fn guangdong() -> Result<CorpusBuilder<'static>, Error> {
        let mut builder = CorpusBuilder::new();
        super::bundled::add_to(&mut builder)?;
        Ok(builder)
    }
}

impl<'a> CorpusBuilder<'a> {
    /// An empty corpus whose plans are read with `lexicon`'s words.
    pub fn with_lexicon(lexicon: &'a Lexicon) -> CorpusBuilder<'a> {
        CorpusBuilder {
            parser: Parser::new().lexicon(lexicon),
            lexicon,
            slots: Vec::new(),
            localities: Vec::new(),
            parents_at: Vec::new(),
            claimed: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a plan document's text under `id`.
    pub fn add_text(&mut self, id: impl Into<String>, text: &str) -> &mut Self {
        let id = id.into();
        let (plan, diagnostics) = self.parser.parse(text).into_parts();
        let origin = Origin::of(&format!("the text added as {id}"));
        self.add_slot(id, plan, diagnostics, origin);
        self
    }

    /// Adds a plan already read, under its label (its `id`, else its locality's name).
    pub fn add_plan(&mut self, plan: Plan, diagnostics: Vec<Diagnostic>) -> &mut Self {
        let id = plan.label().to_string();
        let origin = Origin::of(&format!("the plan added as {id}"));
        self.add_slot(id, plan, diagnostics, origin);
        self
    }

    /// Adds the plan document at `path` (UTF-8 or GB18030 text), its id the file's stem.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        let (plan, diagnostics) = self.parser.parse_file(path)?.into_parts();
        let origin = Origin::of(&path.display().to_string());
        self.add_slot(stem(path), plan, diagnostics, origin);
        Ok(self)
    }

    /// Adds a folder of plans: its `corpus.toml` when it has one, and every plan file
    /// (`.txt`, `.md`) the manifest does not list, placed from its own text. A file of the
    /// folder that reads as no plan (no title naming a place, no indicator table) is left
    /// out with a note.
    pub fn add_dir(&mut self, dir: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let dir = dir.as_ref();
        let manifest = dir.join(MANIFEST);
        let mut listed = Vec::new();
        if manifest.is_file() {
            listed = self.add_manifest_listing(&manifest)?;
        }
        // Each path is made canonical once: comparing every file with every listed one
        // would cost a pair of system calls per pair.
        let listed: HashSet<PathBuf> = listed.iter().map(|l| canonical(l)).collect();
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir.display().to_string(), e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && is_plan_file(p) && !listed.contains(&canonical(p)))
            .collect();
        files.sort();
        // The files are read and parsed in parallel and added in their sorted order; the
        // first error, in that order, is the one returned.
        let parser = self.parser;
        let parsed: Vec<_> = files.par_iter().map(|p| parser.parse_file(p)).collect();
        for (path, parsed) in files.iter().zip(parsed) {
            let (plan, diagnostics) = parsed?.into_parts();
            let name = path.display().to_string();
            if plan.title.is_empty() && plan.indicators.is_empty() && plan.locality.name.is_empty()
            {
                self.notes.push(CorpusNote::new(
                    Some(name),
                    None,
                    "not read as a plan: no title naming a place and no indicator table",
                ));
                continue;
            }
            self.add_slot(stem(path), plan, diagnostics, Origin::of(&name));
        }
        Ok(self)
    }

    /// Adds what a `corpus.toml` manifest declares: its localities and its plans (files
    /// relative to the manifest's folder).
    pub fn add_manifest(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        self.add_manifest_listing(path.as_ref())?;
        Ok(self)
    }

    /// Adds a folder ([`add_dir`](Self::add_dir)), a manifest (a file named
    /// `corpus.toml` or ending in `.toml`) or one plan file.
    pub fn add_path(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        if path.is_dir() {
            self.add_dir(path)
        } else if path.extension().is_some_and(|e| e == "toml") {
            self.add_manifest(path)
        } else {
            self.add_file(path)
        }
    }

    /// Adds a locality to the hierarchy, or merges it into the one of that name.
    pub fn add_locality(&mut self, entry: LocalityEntry) -> Result<&mut Self, Error> {
        let origin = Origin::of(&format!("the locality added as {}", entry.name));
        self.merge_locality(entry, origin)?;
        Ok(self)
    }

    /// Reads the manifest at `path`; the plan files it lists.
    fn add_manifest_listing(&mut self, path: &Path) -> Result<Vec<PathBuf>, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(name.clone(), e))?;
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let files = self.read_manifest(&text, &name, &|file| {
            let at = dir.join(file);
            std::fs::read(&at).map_err(|e| Error::io(at.display().to_string(), e))
        })?;
        Ok(files.iter().map(|f| dir.join(f)).collect())
    }

    /// Reads a manifest's text (`name` for errors), each plan's bytes from `read` given
    /// its `file`; the files it lists.
    pub(super) fn read_manifest(
        &mut self,
        text: &str,
        name: &str,
        read: &dyn Fn(&str) -> Result<Vec<u8>, Error>,
    ) -> Result<Vec<String>, Error> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| Error::toml(name, text, &e))?;
        for l in manifest.locality {
            let origin = Origin::at(name, text, l.name.span().start);
            if let Some(p) = &l.plan {
                let at = Origin::at(name, text, p.span().start);
                self.claimed
                    .push((p.get_ref().clone(), l.name.get_ref().clone(), at));
            }
            if let Some(p) = &l.parent {
                let at = Origin::at(name, text, p.span().start);
                self.parents_at.push((l.name.get_ref().clone(), at));
            }
            let entry = LocalityEntry {
                name: l.name.into_inner(),
                level: l.level,
                parent: l.parent.map(Spanned::into_inner),
                plan: None,
                aliases: l.aliases,
                note: l.note,
            };
            self.merge_locality(entry, origin)?;
        }
        // The files are read in the manifest's order, parsed in parallel, and added in
        // that order; the first error, in that order, is the one returned.
        let mut read_plans = Vec::new();
        for p in manifest.plan {
            let origin = Origin::at(name, text, p.file.span().start);
            let bytes = read(p.file.get_ref()).map_err(|e| origin.place(e))?;
            read_plans.push((p, origin, bytes));
        }
        let parser = self.parser;
        let parsed: Vec<_> = read_plans
            .par_iter()
            .map(|(_, _, bytes)| parser.parse_bytes(bytes))
            .collect();
        let mut files = Vec::new();
        for ((p, origin, _), parsed) in read_plans.into_iter().zip(parsed) {
            files.push(p.file.get_ref().clone());
            let (plan, diagnostics) = parsed.map_err(|e| origin.place(e))?.into_parts();
            let id_origin = Origin::at(name, text, p.id.span().start);
            self.add_slot(p.id.into_inner(), plan, diagnostics, id_origin);
            let slot = self.slots.last_mut().expect("a slot was just added");
            slot.locality = p
                .locality
                .map(|l| (l.get_ref().clone(), Origin::at(name, text, l.span().start)));
            slot.title = p.title;
        }
        Ok(files)
    }

    fn add_slot(
        &mut self,
        id: String,
        mut plan: Plan,
        diagnostics: Vec<Diagnostic>,
        origin: Origin,
    ) {
        plan.id = Some(id);
        self.slots.push(Slot {
            plan,
            diagnostics,
            origin,
            locality: None,
            title: None,
        });
    }

    /// Adds a locality, or merges it into the one of its name or alias.
    fn merge_locality(&mut self, entry: LocalityEntry, origin: Origin) -> Result<(), Error> {
        let found = self.localities.iter().position(|(l, _)| {
            l.is_named(&entry.name) || entry.aliases.iter().any(|a| l.is_named(a))
        });
        let Some(k) = found else {
            self.localities.push((entry, origin));
            return Ok(());
        };
        let (have, first) = &mut self.localities[k];
        let conflict = |what: &str, a: &str, b: &str| {
            origin.place(Error::conflict(
                "the hierarchy",
                format!(
                    "{} is declared with {what} {a} at {} and {b} here",
                    have.name,
                    first.describe()
                ),
            ))
        };
        let unknown = |l: Level| l == Level::Unknown;
        if have.level != entry.level && !unknown(have.level) && !unknown(entry.level) {
            return Err(conflict(
                "level",
                &format!("{:?}", have.level),
                &format!("{:?}", entry.level),
            ));
        }
        if unknown(have.level) {
            have.level = entry.level;
        }
        match (&have.parent, &entry.parent) {
            (Some(a), Some(b)) if a != b => return Err(conflict("parent", a, b)),
            (None, Some(b)) => have.parent = Some(b.clone()),
            _ => {}
        }
        for a in entry
            .aliases
            .into_iter()
            .chain((entry.name != have.name).then_some(entry.name))
        {
            if !have.is_named(&a) {
                have.aliases.push(a);
            }
        }
        if have.note.is_none() {
            have.note = entry.note;
        }
        Ok(())
    }

    /// Places every plan in the hierarchy, checks the hierarchy, and builds the corpus.
    pub fn build(mut self) -> Result<Corpus, Error> {
        self.check_ids()?;
        self.apply_claims()?;
        let slots = std::mem::take(&mut self.slots);
        let mut plans = Vec::with_capacity(slots.len());
        let mut diagnostics = Vec::with_capacity(slots.len());
        for mut slot in slots {
            if slot.plan.title.is_empty() {
                if let Some(t) = slot.title.take() {
                    slot.plan.title = t;
                }
            }
            let name = self.place(&slot);
            plans.push((slot.plan, name));
            diagnostics.push(slot.diagnostics);
        }
        self.check_hierarchy()?;
        let localities: Vec<LocalityEntry> = self.localities.into_iter().map(|(l, _)| l).collect();
        let find = |name: &str| localities.iter().find(|l| l.is_named(name));
        let plans: Vec<Plan> = plans
            .into_iter()
            .map(|(mut plan, name)| {
                if let Some(entry) = name.as_deref().and_then(find) {
                    plan.locality = entry.locality();
                    plan.parent = entry
                        .parent
                        .as_deref()
                        .and_then(find)
                        .map(LocalityEntry::locality);
                }
                plan
            })
            .collect();
        Ok(Corpus::assemble(plans, diagnostics, localities, self.notes))
    }

    /// Two plans claiming one id is an error naming both.
    fn check_ids(&self) -> Result<(), Error> {
        let mut seen: HashMap<&str, &Origin> = HashMap::new();
        for s in &self.slots {
            if let Some(first) = seen.insert(s.plan.label(), &s.origin) {
                return Err(s.origin.place(Error::conflict(
                    "the corpus",
                    format!(
                        "two plans claim the id {:?}: {} and {}",
                        s.plan.label(),
                        first.describe(),
                        s.origin.describe()
                    ),
                )));
            }
        }
        Ok(())
    }

    /// A locality entry's `plan = "id"` gives that plan its locality.
    fn apply_claims(&mut self) -> Result<(), Error> {
        for (id, locality, origin) in std::mem::take(&mut self.claimed) {
            let Some(slot) = self.slots.iter_mut().find(|s| s.plan.label() == id) else {
                return Err(origin.place(Error::data(
                    "the hierarchy",
                    format!("{locality} names the plan {id:?}, which is not in the corpus"),
                )));
            };
            match &slot.locality {
                Some((other, at)) if other != &locality => {
                    return Err(origin.place(Error::conflict(
                        "the hierarchy",
                        format!(
                            "the plan {id:?} is given to {locality} here and to {other} at {}",
                            at.describe()
                        ),
                    )));
                }
                Some(_) => {}
                None => slot.locality = Some((locality, origin)),
            }
        }
        Ok(())
    }

    /// The name of the locality a plan belongs to, adding what the plan's own text shows
    /// when no entry declares it (with a note); `None` for a plan that names no place.
    fn place(&mut self, slot: &Slot) -> Option<String> {
        let id = slot.plan.label().to_string();
        let declared = slot.locality.as_ref().map(|(n, _)| n.clone());
        let name = declared
            .clone()
            .unwrap_or_else(|| slot.plan.locality.name.clone());
        if name.is_empty() {
            self.notes.push(CorpusNote::new(
                Some(slot.origin.file.clone()),
                Some(id),
                "no locality: the plan's title names no place and no manifest entry gives one; it stands outside the hierarchy",
            ));
            return None;
        }
        if let Some(entry) = self.find(&name) {
            if declared.is_none() {
                let entry = entry.name.clone();
                self.notes.push(CorpusNote::new(
                    Some(slot.origin.file.clone()),
                    Some(id),
                    format!("placed under {entry}: the locality its title names"),
                ));
            }
            return Some(name);
        }
        // A locality no entry declares: its level and parent from the plan's text.
        let own = slot.plan.locality.name == name;
        let level = if own {
            slot.plan.locality.level
        } else {
            Level::Unknown
        };
        let (parent, evidence) = match (
            slot.plan.parent.as_ref().filter(|_| own),
            self.cited(&slot.plan, level),
        ) {
            (Some(p), _) => (Some(p.clone()), "its title".to_string()),
            (None, Some((p, line))) => (Some(p), format!("the plan it cites at line {line}")),
            (None, None) => (None, String::new()),
        };
        if let Some(p) = &parent {
            if self.find(&p.name).is_none() {
                self.localities.push((
                    LocalityEntry::new(p.name.clone(), p.level),
                    slot.origin.clone(),
                ));
            }
        }
        let message = match &parent {
            Some(p) => format!(
                "{name} ({level:?}) is in no hierarchy entry: inferred from the plan, under {} from {evidence}",
                p.name
            ),
            None => format!(
                "{name} ({level:?}) is in no hierarchy entry: inferred from the plan, with no parent"
            ),
        };
        self.notes.push(CorpusNote::new(
            Some(slot.origin.file.clone()),
            Some(id),
            message,
        ));
        let mut entry = LocalityEntry::new(name.clone(), level);
        entry.parent = parent.map(|p| p.name);
        self.localities.push((entry, slot.origin.clone()));
        Some(name)
    }

    /// The nearest locality above `level` whose plan `plan` cites by title
    /// (《肇庆市市场监管现代化“十四五”规划》 in a district's plan), with the line.
    fn cited(&self, plan: &Plan, level: Level) -> Option<(Locality, usize)> {
        let depth = level.depth()?;
        let titles = &self.lexicon.fold.titles;
        let mut best: Option<(Locality, usize)> = None;
        for para in &plan.paragraphs {
            for pair in titles {
                let mut rest = para.text.as_str();
                while let Some(open) = rest.find(pair.open) {
                    let after = &rest[open + pair.open.len_utf8()..];
                    let Some(close) = after.find(pair.close) else {
                        break;
                    };
                    let cited = &after[..close];
                    rest = &after[close + pair.close.len_utf8()..];
                    let places = parse::places(cited, self.lexicon);
                    let Some((locality, _)) = parse::locality(&places, self.lexicon) else {
                        continue;
                    };
                    let d = locality.level.depth();
                    let nearer = match &best {
                        Some((b, _)) => d > b.level.depth(),
                        None => true,
                    };
                    if d.is_some_and(|d| d < depth) && nearer && locality.name != plan.locality.name
                    {
                        best = Some((locality, para.line));
                    }
                }
            }
        }
        best
    }

    fn find(&self, name: &str) -> Option<&LocalityEntry> {
        self.localities
            .iter()
            .map(|(l, _)| l)
            .find(|l| l.is_named(name))
    }

    /// Every parent is in the hierarchy, and no chain of parents comes back on itself;
    /// errors are placed at the `parent` that is wrong.
    fn check_hierarchy(&self) -> Result<(), Error> {
        let parent_at = |l: &LocalityEntry, origin: &Origin| {
            self.parents_at
                .iter()
                .rev()
                .find(|(n, _)| l.is_named(n))
                .map_or(origin.clone(), |(_, at)| at.clone())
        };
        for (l, origin) in &self.localities {
            if let Some(p) = &l.parent {
                if self.find(p).is_none() {
                    return Err(parent_at(l, origin).place(Error::data(
                        "the hierarchy",
                        format!(
                            "{} has the parent {p}, which is not in the hierarchy",
                            l.name
                        ),
                    )));
                }
            }
        }
        for (l, origin) in &self.localities {
            let mut chain = vec![l.name.as_str()];
            let mut cur = l.parent.as_deref().and_then(|p| self.find(p));
            while let Some(next) = cur {
                chain.push(&next.name);
                if next.name == l.name {
                    return Err(parent_at(l, origin).place(Error::data(
                        "the hierarchy",
                        format!("the parents form a cycle: {}", chain.join(" → ")),
                    )));
                }
                if chain.len() > self.localities.len() + 1 {
                    break;
                }
                cur = next.parent.as_deref().and_then(|p| self.find(p));
            }
        }
        Ok(())
    }
}

/// The manifest's schema, the bundled `data/corpus.toml`'s.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    plan: Vec<ManifestPlan>,
    #[serde(default)]
    locality: Vec<ManifestLocality>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestPlan {
    id: Spanned<String>,
    file: Spanned<String>,
    #[serde(default)]
    locality: Option<Spanned<String>>,
    #[serde(default)]
    title: Option<String>,
    /// How the document was published (free text, for the reader of the manifest).
    #[serde(default)]
    #[allow(dead_code)]
    form: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestLocality {
    name: Spanned<String>,
    level: Level,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    #[serde(default)]
    plan: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn is_plan_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PLAN_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The path made canonical, or as it is when it cannot be (a file that does not exist).
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

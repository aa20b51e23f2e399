//! The crate's layout as a specification: words live in data/lexicon.toml, not in string
//! literals; imports run down the layers (text → parse → model … ) with no cycle between files.
//!
//! Both checks read the source with `syn`, skipping `#[cfg(test)]` items and doc comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Every `.rs` file under src/, with its module path (`["parse", "table"]`).
fn sources() -> Vec<(PathBuf, Vec<String>, syn::File)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).expect("under src/");
                let mut module: Vec<String> = rel
                    .with_extension("")
                    .iter()
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
                let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel:?}: {e}"));
                out.push((rel.to_path_buf(), module, file));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().contains("test"))
    })
}

/// Whether an item is compiled for tests only (`#[cfg(test)] mod tests`, a test helper).
fn is_test_item(i: &syn::Item) -> bool {
    let attrs = match i {
        syn::Item::Mod(m) => &m.attrs,
        syn::Item::Fn(f) => &f.attrs,
        syn::Item::Impl(m) => &m.attrs,
        syn::Item::Const(m) => &m.attrs,
        syn::Item::Static(m) => &m.attrs,
        syn::Item::Use(m) => &m.attrs,
        _ => return false,
    };
    is_cfg_test(attrs)
}

/// The string literals of non-test code, macro arguments included.
#[derive(Default)]
struct Literals {
    found: Vec<(usize, String)>,
}

impl Literals {
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        for t in tokens {
            match t {
                proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                proc_macro2::TokenTree::Literal(l) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                        self.found.push((l.span().start().line, s.value()));
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Literals {
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
    fn visit_item(&mut self, i: &'ast syn::Item) {
        if !is_test_item(i) {
            syn::visit::visit_item(self, i);
        }
    }
    fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
        self.found.push((l.span().start().line, l.value()));
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
    }
}

#[test]
fn no_lexicon_word_is_spelled_in_the_source() {
    let lex = planalign::Lexicon::bundled();
    let words: BTreeMap<String, String> = lex
        .entries()
        .into_iter()
        // Words of two or more characters with at least one that is not ASCII: the lists of
        // ASCII signs (`--`, `>=`, `No.`) also spell Markdown tables and English messages.
        .filter(|(_, w)| w.chars().count() >= 2 && !w.is_ascii())
        .map(|(list, w)| (w, list))
        .collect();
    assert!(words.len() > 100, "the lexicon has {} words", words.len());
    let mut spelled = Vec::new();
    for (path, _, file) in sources() {
        let mut lits = Literals::default();
        lits.visit_file(&file);
        for (line, lit) in lits.found {
            for (w, list) in &words {
                if lit.contains(w.as_str()) {
                    spelled.push(format!(
                        "src/{}:{line}: {lit:?} spells {w:?} of {list}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(
        spelled.is_empty(),
        "{} literal(s) spell lexicon words:\n{}",
        spelled.len(),
        spelled.join("\n")
    );
}

/// The paths a file's non-test code names: `use` trees and paths in code, made absolute.
#[derive(Default)]
struct Paths {
    module: Vec<String>,
    /// Whether the file is a `mod.rs`/`lib.rs` (its `super` is one level up).
    found: BTreeSet<Vec<String>>,
    /// Paths named only by `pub use` re-exports.
    reexports: BTreeSet<Vec<String>>,
    in_pub_use: bool,
}

impl Paths {
    fn absolute(&self, segs: &[String]) -> Option<Vec<String>> {
        let first = segs.first()?;
        let mut base: Vec<String> = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.clone(),
            "super" => {
                let mut m = self.module.clone();
                m.pop();
                m
            }
            _ => return None,
        };
        let mut rest = &segs[1..];
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn record(&mut self, segs: Vec<String>) {
        if let Some(p) = self.absolute(&segs) {
            if self.in_pub_use {
                self.reexports.insert(p);
            } else {
                self.found.insert(p);
            }
        }
    }

    fn tree(&mut self, prefix: &mut Vec<String>, t: &syn::UseTree) {
        match t {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut s = prefix.clone();
                s.push(n.ident.to_string());
                self.record(s);
            }
            syn::UseTree::Rename(n) => {
                let mut s = prefix.clone();
                s.push(n.ident.to_string());
                self.record(s);
            }
            syn::UseTree::Glob(_) => self.record(prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|i| self.tree(prefix, i)),
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        match i {
            i if is_test_item(i) => {}
            syn::Item::Use(u) => {
                self.in_pub_use = !matches!(u.vis, syn::Visibility::Inherited);
                self.tree(&mut Vec::new(), &u.tree);
                self.in_pub_use = false;
            }
            _ => syn::visit::visit_item(self, i),
        }
    }
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.record(segs);
        syn::visit::visit_path(self, p);
    }
}

/// The file-level import graph: for each module, the modules its non-test code names.
/// A module re-exporting its own descendants (`pub use child::X` in a `mod.rs`) is a
/// facade, not an import, and is left out.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = sources();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(_, m, _)| m.clone()).collect();
    let owner = |p: &[String]| -> Option<Vec<String>> {
        (0..=p.len())
            .rev()
            .map(|n| p[..n].to_vec())
            .find(|m| modules.contains(m))
    };
    let mut g = BTreeMap::new();
    for (_, module, file) in &files {
        // `super` in a.rs and in a/mod.rs alike is a's parent.
        let mut v = Paths {
            module: module.clone(),
            ..Paths::default()
        };
        v.visit_file(file);
        let mut edges = BTreeSet::new();
        for p in &v.found {
            if let Some(m) = owner(p) {
                if &m != module {
                    edges.insert(m);
                }
            }
        }
        for p in &v.reexports {
            if let Some(m) = owner(p) {
                if &m != module && !m.starts_with(module) {
                    edges.insert(m);
                }
            }
        }
        g.insert(module.clone(), edges);
    }
    g
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn model_knows_nothing_of_parsing_and_text_imports_nothing() {
    let g = graph();
    let mut wrong = Vec::new();
    for (m, deps) in &g {
        for d in deps {
            let top = d.first().map(String::as_str);
            if m.first().is_some_and(|s| s == "model") && top == Some("parse") {
                wrong.push(format!("{} imports {}", name(m), name(d)));
            }
            if m.first().is_some_and(|s| s == "text") && top != Some("text") {
                wrong.push(format!("{} imports {}", name(m), name(d)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_import_cycle_between_files() {
    let g = graph();
    // Tarjan's strongly connected components.
    struct State<'g> {
        g: &'g BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'g Vec<String>, usize>,
        low: BTreeMap<&'g Vec<String>, usize>,
        stack: Vec<&'g Vec<String>>,
        on: BTreeSet<&'g Vec<String>>,
        sccs: Vec<Vec<&'g Vec<String>>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        for w in s.g.get(v).into_iter().flatten() {
            let Some((w, _)) = s.g.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                scc.push(w);
                if w == v {
                    break;
                }
            }
            s.sccs.push(scc);
        }
    }
    let mut s = State {
        g: &g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        sccs: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    let cycles: Vec<String> = s
        .sccs
        .iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.iter().map(|m| name(m)).collect::<Vec<_>>().join(" ↔ "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

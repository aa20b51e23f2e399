//! Web pages: the page's text and tables read into a [`Document`].
//!
//! The bytes are decoded as a browser decodes them (a byte-order mark, else the charset
//! the page declares in its first kilobyte, else UTF-8 when valid, else GB18030), then
//! parsed by html5ever, a parser that follows the HTML standard: unclosed tags, implied
//! `<tbody>`, stray text in tables and character references are handled as browsers
//! handle them. The tree is walked once, in document order, without recursion:
//!
//! - block elements (`p`, `div`, `li`, `h1`–`h6` …) are paragraphs, `h1`–`h6` with
//!   their level as heading; inline elements are joined; `<br>` is a line break;
//! - a table is a table: `tr` a row, `td`/`th` a cell with its `colspan` and `rowspan`,
//!   the rows of `<thead>` and rows of `<th>` only its header; a table nested in a cell
//!   gives its text to that cell;
//! - a layout table (one that holds a heading, or holds a table while no row of its own
//!   has four cells, or says `role="presentation"`) is not a table: its cells are
//!   blocks, so that a page laid out in tables, as many government sites are, keeps its
//!   text and the indicator table inside;
//! - `head`, `script`, `style`, `noscript`, `template` are not text and are left out
//!   silently; site chrome (`nav`, `aside`, `header` and `footer` outside an `article`
//!   or `main`, elements whose id or class names navigation, breadcrumbs, a share bar, a
//!   menu or a footer: the lexicon's `site_parts`) is left out with a
//!   [`NavigationSkipped`](DiagnosticKind::NavigationSkipped) remark holding its text.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use ego_tree::{NodeId, Tree, iter::Edge};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};

use crate::error::{Error, ErrorKind};
use crate::parse::diagnostic::{DiagnosticKind, Severity};
use crate::parse::document::{Block, Document, Remark, SourceCell, SourceRow};
use crate::text::{Lexicon, WordList};

/// Whether bytes open as a web page does: after a byte-order mark and white space, a
/// doctype, an `<html>`, `<head>`, `<body>` or `<meta>` tag (or a tag a page saved as a
/// fragment opens with: `<title>`, `<div>`, `<table>`, `<p>`), or an XML declaration or
/// comment followed within the first kilobyte by an `<html` tag.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head = &b[start..b.len().min(start + 1024)];
    let opens = |tag: &[u8]| {
        head.len() > tag.len()
            && head[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(head[tag.len()], b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')
    };
    if [
        &b"<!doctype"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<div",
        b"<table",
        b"<p",
    ]
    .iter()
    .any(|t| opens(t))
    {
        return true;
    }
    (head.starts_with(b"<?xml") || head.starts_with(b"<!--"))
        && head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"))
}

/// Reads a web page's paragraphs and tables.
pub(crate) fn read(bytes: &[u8], lex: &Lexicon) -> Result<Document, Error> {
    // A tendril holds at most u32::MAX bytes; a page is far smaller.
    if bytes.len() > (u32::MAX / 2) as usize {
        return Err(Error::new(ErrorKind::Document {
            format: "html",
            message: format!(
                "the page is {} bytes, more than a web page holds",
                bytes.len()
            ),
        }));
    }
    let decoded = decode(bytes)?;
    let tree = parse(&decoded.text)?;
    let mut walk = Walk::new(&tree, &lex.document.chrome.site_parts);
    walk.doc.remarks.extend(decoded.remark);
    walk.run();
    Ok(walk.doc)
}

/// The page parsed, fed to html5ever a chunk at a time so that a page nesting elements
/// deeper than [`MAX_DEPTH`] is refused before its depth costs: the tree builder looks
/// through its stack of open elements at each start tag, and 40,000 nested `<div>`s took
/// 10 s where 10,000 took 0.4 s.
fn parse(text: &str) -> Result<Tree<Node>, Error> {
    let mut parser = html5ever::parse_document(Sink::default(), Default::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        if parser.tokenizer.sink.sink.too_deep.get() {
            let read = text.len() - rest.len();
            return Err(Error::new(ErrorKind::Document {
                format: "html",
                message: format!(
                    "the page nests elements more than {MAX_DEPTH} deep within its first {read} bytes; no web page does, and it is not read"
                ),
            }));
        }
    }
    Ok(parser.finish())
}

/// The bytes of text html5ever is given at a time.
const CHUNK: usize = 4096;
/// The deepest elements nest in a page that is read (real pages nest a few dozen deep,
/// sloppy ones with unclosed `<font>`s a few hundred).
const MAX_DEPTH: u32 = 1024;

// ---- decoding ----------------------------------------------------------------------

/// A page's text, and the remark that its declared encoding was wrong.
struct Decoded {
    text: String,
    remark: Option<Remark>,
}

/// Decodes a page: a byte-order mark, else the declared charset, else UTF-8 when valid,
/// else GB18030 (the text rules, [`super::decode`]).
fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: text.into_owned(),
            remark: None,
        });
    }
    let Some(declared) = prescan(&bytes[..bytes.len().min(1024)]) else {
        return Ok(Decoded {
            text: super::decode(bytes)?,
            remark: None,
        });
    };
    let name = declared.name();
    // Bytes beyond ASCII that are valid UTF-8 are UTF-8 whatever the page declares (a
    // page re-saved without its meta tag changed): GBK text is not valid UTF-8 by chance,
    // though UTF-8 bytes decode as GBK without an error (and as nonsense).
    if declared != encoding_rs::UTF_8 && !bytes.is_ascii() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Ok(Decoded {
                text: text.to_string(),
                remark: Some(encoding_remark(
                    Severity::Info,
                    format!(
                        "the page declares the charset {name}, but its bytes are UTF-8: they were read as UTF-8 (nothing lost)"
                    ),
                )),
            });
        }
    }
    if let Some(text) = declared.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(Decoded {
            text: text.into_owned(),
            remark: None,
        });
    }
    let (text, _) = declared.decode_without_bom_handling(bytes);
    let lost = text.chars().filter(|c| *c == '\u{FFFD}').count();
    Ok(Decoded {
        text: text.into_owned(),
        remark: Some(encoding_remark(
            Severity::Warning,
            format!(
                "the page declares the charset {name}, but {lost} of its byte sequences are not {name}: they were read as U+FFFD and their text is lost"
            ),
        )),
    })
}

fn encoding_remark(severity: Severity, message: String) -> Remark {
    Remark {
        block: 0,
        kind: DiagnosticKind::EncodingMismatch,
        severity,
        message,
    }
}

/// The encoding a page's `<meta charset>` or `<meta http-equiv="Content-Type"
/// content="…charset=…">` names in `head` (the WHATWG prescan, its first kilobyte):
/// a UTF-16 label is UTF-8 there, as the standard says, x-user-defined windows-1252.
fn prescan(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->").map_or(rest.len(), |p| p + 3);
        } else if starts_tag(rest, b"<meta") {
            let (enc, end) = meta_charset(head, i + 5);
            if let Some(enc) = enc {
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else if enc == encoding_rs::X_USER_DEFINED {
                        encoding_rs::WINDOWS_1252
                    } else {
                        enc
                    },
                );
            }
            i = end;
        } else if rest.len() > 1
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || rest[1] == b'/')
        {
            // Another tag: skip its attributes, whose values may hold a `>`.
            let mut j = i + 2;
            while j < head.len() && !is_space(head[j]) && head[j] != b'>' {
                j += 1;
            }
            while let Some((_, _, next)) = attribute(head, j) {
                j = next;
            }
            i = j + 1;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i += find(rest, b">").map_or(rest.len(), |p| p + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// The encoding a `<meta>` tag whose attributes start at `at` names, and where it ends.
fn meta_charset(b: &[u8], mut at: usize) -> (Option<&'static encoding_rs::Encoding>, usize) {
    let (mut charset, mut content, mut pragma) = (None, None, false);
    while let Some((name, value, next)) = attribute(b, at) {
        at = next;
        match name.as_str() {
            "charset" if charset.is_none() => charset = Some(value),
            "content" if content.is_none() => content = Some(value),
            "http-equiv" => pragma |= value.eq_ignore_ascii_case("content-type"),
            _ => {}
        }
    }
    let label = charset.or_else(|| {
        content
            .filter(|_| pragma)
            .and_then(|c| charset_in_content(&c))
    });
    let enc = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
    (enc, at + 1)
}

/// The charset a `content="text/html; charset=gb2312"` names.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")? + "charset".len();
    let rest = lower[at..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split([';', ' ', '\t', '\n', '\r']).next()?,
    };
    (!value.is_empty()).then(|| value.to_string())
}

/// The attribute of a tag at `at` (WHATWG "get an attribute", simplified): its name
/// lowercased, its value, and where the next one starts; `None` at the tag's `>` or the
/// end. Each call moves on by a byte at least.
fn attribute(b: &[u8], mut at: usize) -> Option<(String, String, usize)> {
    while at < b.len() && (is_space(b[at]) || b[at] == b'/') {
        at += 1;
    }
    if at >= b.len() || b[at] == b'>' {
        return None;
    }
    let start = at;
    while at < b.len() && !is_space(b[at]) && !matches!(b[at], b'=' | b'>' | b'/') || at == start {
        at += 1;
    }
    let name = String::from_utf8_lossy(&b[start..at.min(b.len())]).to_ascii_lowercase();
    while at < b.len() && is_space(b[at]) {
        at += 1;
    }
    if at >= b.len() || b[at] != b'=' {
        return Some((name, String::new(), at));
    }
    at += 1;
    while at < b.len() && is_space(b[at]) {
        at += 1;
    }
    let (from, to, next) = match b.get(at) {
        Some(q @ (b'"' | b'\'')) => {
            let end = find(&b[at + 1..], &[*q]).map_or(b.len(), |p| at + 1 + p);
            (at + 1, end, end + 1)
        }
        _ => {
            let mut end = at;
            while end < b.len() && !is_space(b[end]) && b[end] != b'>' {
                end += 1;
            }
            (at, end, end)
        }
    };
    let value = String::from_utf8_lossy(&b[from..to]).into_owned();
    Some((name, value, next.max(start + 1)))
}

fn starts_tag(rest: &[u8], tag: &[u8]) -> bool {
    rest.len() > tag.len()
        && rest[..tag.len()].eq_ignore_ascii_case(tag)
        && (is_space(rest[tag.len()]) || rest[tag.len()] == b'/')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---- the tree html5ever builds ----------------------------------------------------

/// A node of the page.
#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
    /// A comment, a doctype, a processing instruction.
    Other,
}

impl Node {
    /// The document, a template's contents: elements without a name, so that whatever
    /// handle html5ever holds names an element.
    fn unnamed() -> Node {
        Node::Element(Element {
            name: QualName::new(None, "".into(), "".into()),
            attrs: Vec::new(),
            depth: 0,
        })
    }
}

#[derive(Debug)]
struct Element {
    name: QualName,
    attrs: Vec<Attribute>,
    /// How deep it was when placed (1 for a child of the document).
    depth: u32,
}

impl Element {
    fn local(&self) -> &str {
        &self.name.local
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

/// Builds the tree into an arena (ego-tree: siblings linked, so that html5ever's moves
/// of nodes, foster parenting and the adoption agency, cost what they cost a browser).
struct Sink {
    tree: RefCell<Tree<Node>>,
    /// An element was placed deeper than [`MAX_DEPTH`].
    too_deep: Cell<bool>,
}

impl Default for Sink {
    fn default() -> Sink {
        Sink {
            tree: RefCell::new(Tree::new(Node::unnamed())),
            too_deep: Cell::new(false),
        }
    }
}

impl Sink {
    /// Records the depth of `child`, placed under `parent`.
    fn place(&self, tree: &mut Tree<Node>, parent: Option<NodeId>, child: NodeId) {
        let depth = match parent.and_then(|p| tree.get(p)).map(|p| p.value()) {
            Some(Node::Element(e)) => e.depth + 1,
            _ => 1,
        };
        if let Some(Node::Element(e)) = tree.get_mut(child).as_mut().map(|c| c.value()) {
            e.depth = depth;
        }
        if depth > MAX_DEPTH {
            self.too_deep.set(true);
        }
    }

    fn append_text(tree: &mut Tree<Node>, last: Option<NodeId>, text: &str) -> bool {
        if let Some(Node::Text(t)) = last
            .and_then(|id| tree.get_mut(id))
            .as_mut()
            .map(|n| n.value())
        {
            t.push_str(text);
            return true;
        }
        false
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree<Node>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree<Node> {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.tree.borrow().root().id()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.tree.borrow(), |tree| {
            match tree.get(*target).map(|n| n.value()) {
                Some(Node::Element(e)) => &e.name,
                // html5ever asks only for the names of elements (the document and a
                // template's contents are elements without a name here).
                _ => unreachable!("html5ever asked the name of a node that is not an element"),
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = &*name.local == "template";
        let mut tree = self.tree.borrow_mut();
        let mut node = tree.orphan(Node::Element(Element {
            name,
            attrs,
            depth: 0,
        }));
        if template {
            node.append(Node::unnamed());
        }
        node.id()
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.tree.borrow_mut().orphan(Node::Other).id()
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.tree.borrow_mut().orphan(Node::Other).id()
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => {
                if let Some(mut p) = tree.get_mut(*parent) {
                    p.append_id(id);
                    self.place(&mut tree, Some(*parent), id);
                }
            }
            NodeOrText::AppendText(text) => {
                let last = tree
                    .get(*parent)
                    .and_then(|p| p.last_child())
                    .map(|c| c.id());
                if !Sink::append_text(&mut tree, last, &text) {
                    if let Some(mut p) = tree.get_mut(*parent) {
                        p.append(Node::Text(text.to_string()));
                    }
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .tree
            .borrow()
            .get(*element)
            .is_some_and(|e| e.parent().is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let tree = self.tree.borrow();
        tree.get(*target)
            .and_then(|t| t.first_child())
            .map_or(*target, |c| c.id())
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        if tree.get(*sibling).is_none_or(|s| s.parent().is_none()) {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => {
                if let Some(mut n) = tree.get_mut(id) {
                    n.detach();
                }
                if let Some(mut s) = tree.get_mut(*sibling) {
                    s.insert_id_before(id);
                }
                let parent = tree.get(*sibling).and_then(|s| s.parent()).map(|p| p.id());
                self.place(&mut tree, parent, id);
            }
            NodeOrText::AppendText(text) => {
                let prev = tree
                    .get(*sibling)
                    .and_then(|s| s.prev_sibling())
                    .map(|p| p.id());
                if !Sink::append_text(&mut tree, prev, &text) {
                    if let Some(mut s) = tree.get_mut(*sibling) {
                        s.insert_before(Node::Text(text.to_string()));
                    }
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.tree.borrow_mut();
        if let Some(mut node) = tree.get_mut(*target) {
            if let Node::Element(e) = node.value() {
                for a in attrs {
                    if !e.attrs.iter().any(|b| b.name == a.name) {
                        e.attrs.push(a);
                    }
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        if let Some(mut n) = self.tree.borrow_mut().get_mut(*target) {
            n.detach();
        }
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        if let Some(mut p) = self.tree.borrow_mut().get_mut(*new_parent) {
            p.reparent_from_id_append(*node);
        }
    }
}

// ---- walking the tree into blocks --------------------------------------------------

/// Elements that are not text: left out whole, without a word.
const NOT_TEXT: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "select",
];
/// Elements that end a paragraph and start another (the HTML standard's block-level
/// elements, and table parts for a table read as layout).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];
/// The cells a row of a table's own needs for a table holding another to be read as a
/// table rather than as layout: an indicator table has sequence, name, unit and values.
const DATA_TABLE_CELLS: usize = 4;
/// The most characters site chrome holds: a longer element is content, whatever its id
/// or class (a site's menu of a hundred links of four characters is 400).
const CHROME_CHARS: usize = 1000;
/// The most characters of a skipped chunk a remark quotes.
const QUOTED: usize = 60;
/// The most bytes of a left-out chunk's text kept for its remark.
const MAX_REMARK: usize = 2000;
/// The widest `colspan` the HTML standard honours; `document` caps it further.
const MAX_COLSPAN: usize = 1000;
/// The deepest `rowspan` the HTML standard honours.
const MAX_ROWSPAN: usize = 65534;

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'1'),
        _ => None,
    }
}

/// The walk over the tree, and what it has built.
struct Walk<'a> {
    tree: &'a Tree<Node>,
    site_parts: &'a WordList,
    doc: Document,
    shape: Shape,
    /// The paragraph being read.
    para: Text,
    /// The table being read, when inside one.
    table: Option<TableBuild>,
    /// The chunk being left out: its root, what it is, its text (silent chunks have none).
    skip: Option<Skip>,
    /// How many `article` or `main` elements are open (their `header` is content).
    in_article: usize,
    /// How many `pre` elements are open.
    in_pre: usize,
}

struct Skip {
    root: NodeId,
    /// What is left out, for the remark: `None` for what is not text.
    what: Option<Left>,
    text: Text,
}

/// What a chunk left out with a word is.
enum Left {
    /// Site chrome, named as the page names it (`<nav>`, `<div class="share">`).
    Chrome(String),
    /// A reviewer's comment of a Word document saved as a web page.
    Comment,
}

/// A table being read.
#[derive(Default)]
struct TableBuild {
    root: Option<NodeId>,
    rows: Vec<SourceRow>,
    row: Option<SourceRow>,
    cell: Option<(SourceCell, Text)>,
    in_thead: bool,
    /// The row's cells so far are all `th`.
    all_th: bool,
    /// Tables open inside the current cell.
    nested: usize,
    caption: Option<Text>,
    captions: Vec<String>,
}

impl<'a> Walk<'a> {
    fn new(tree: &'a Tree<Node>, site_parts: &'a WordList) -> Walk<'a> {
        Walk {
            tree,
            site_parts,
            doc: Document::default(),
            shape: shape(tree),
            para: Text::default(),
            table: None,
            skip: None,
            in_article: 0,
            in_pre: 0,
        }
    }

    fn run(&mut self) {
        for edge in self.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => self.open(node.id(), e),
                    Node::Text(t) => self.text(t),
                    Node::Other => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        self.close(node.id(), e);
                    }
                }
            }
        }
        self.end_paragraph(None);
        if let Some(t) = self.table.take() {
            self.end_table(t);
        }
    }

    fn open(&mut self, id: NodeId, e: &Element) {
        if self.skip.is_some() {
            if let Some(skip) = self.skip.as_mut().filter(|_| e.local() == "br") {
                skip.text.line_break();
            }
            return;
        }
        let name = e.local();
        if NOT_TEXT.contains(&name) || comment_anchor(e) {
            self.skip = Some(Skip {
                root: id,
                what: None,
                text: Text::default(),
            });
            return;
        }
        if let Some(what) = self.left_out(id, e) {
            self.end_paragraph(None);
            self.skip = Some(Skip {
                root: id,
                what: Some(what),
                text: Text::default(),
            });
            return;
        }
        match name {
            "article" | "main" => self.in_article += 1,
            "pre" => self.in_pre += 1,
            _ => {}
        }
        if let Some(t) = self.table.as_mut() {
            t.open(name, e);
            return;
        }
        let (break_before, _) = page_breaks(e);
        if break_before {
            self.end_paragraph(None);
            self.doc.blocks.push(Block::PageBreak);
            if name == "br" {
                return;
            }
        }
        if name == "br" {
            self.para.line_break();
        } else if name == "table" && !self.shape.layout.contains(&id) {
            self.end_paragraph(None);
            self.table = Some(TableBuild {
                root: Some(id),
                ..TableBuild::default()
            });
        } else if BLOCKS.contains(&name) {
            self.end_paragraph(None);
        }
    }

    fn close(&mut self, id: NodeId, e: &Element) {
        if let Some(skip) = &self.skip {
            if skip.root == id {
                let skip = self.skip.take().expect("checked");
                self.remark_skipped(skip);
            }
            return;
        }
        let name = e.local();
        match name {
            "article" | "main" => self.in_article = self.in_article.saturating_sub(1),
            "pre" => self.in_pre = self.in_pre.saturating_sub(1),
            _ => {}
        }
        if let Some(t) = self.table.as_mut() {
            if t.root == Some(id) {
                let t = self.table.take().expect("checked");
                self.end_table(t);
            } else {
                t.close(name);
            }
            return;
        }
        if BLOCKS.contains(&name) {
            self.end_paragraph(heading_level(name));
        }
        if page_breaks(e).1 {
            self.end_paragraph(None);
            self.doc.blocks.push(Block::PageBreak);
        }
    }

    fn text(&mut self, t: &str) {
        let pre = self.in_pre > 0;
        if let Some(skip) = self.skip.as_mut() {
            if skip.what.is_some() && skip.text.len() < MAX_REMARK {
                skip.text.push(t, false);
            }
            return;
        }
        match self.table.as_mut() {
            Some(table) => {
                if let Some((_, text)) = table.cell.as_mut() {
                    text.push(t, pre);
                } else if let Some(text) = table.caption.as_mut() {
                    text.push(t, pre);
                }
                // Text between rows: html5ever moves real text out of the table, so
                // what is left here is white space.
            }
            None => self.para.push(t, pre),
        }
    }

    /// What an element is when it is left out with a word: site chrome, a reviewer's
    /// comment.
    fn left_out(&self, id: NodeId, e: &Element) -> Option<Left> {
        let name = e.local();
        if word_comment(e) {
            return Some(Left::Comment);
        }
        if self.shape.substantial.contains(&id) {
            return None;
        }
        let by_element = match name {
            "nav" | "aside" => true,
            "header" | "footer" => self.in_article == 0,
            _ => false,
        };
        if by_element {
            return Some(Left::Chrome(format!("<{name}>")));
        }
        for attr in ["id", "class"] {
            if let Some(v) = e.attr(attr) {
                let lower = v.to_ascii_lowercase();
                if self.site_parts.any_in(&lower) {
                    return Some(Left::Chrome(format!("<{name} {attr}=\"{v}\">")));
                }
            }
        }
        None
    }

    fn remark_skipped(&mut self, skip: Skip) {
        let Some(what) = skip.what else { return };
        let text = skip.text.finish().replace('\n', " ");
        if text.is_empty() {
            return;
        }
        let mut quoted: String = text.chars().take(QUOTED).collect();
        if quoted.len() < text.len() {
            quoted.push('…');
        }
        let (kind, message) = match what {
            Left::Chrome(what) => (
                DiagnosticKind::NavigationSkipped,
                format!("the page's site chrome {what} was left out: {quoted}"),
            ),
            Left::Comment => (
                DiagnosticKind::ReviewerComment,
                format!("a reviewer's comment was left out of the text: {text}"),
            ),
        };
        self.doc.remarks.push(Remark {
            block: self.doc.blocks.len(),
            kind,
            severity: Severity::Info,
            message,
        });
    }

    fn end_paragraph(&mut self, heading: Option<u8>) {
        let text = std::mem::take(&mut self.para).finish();
        if !text.is_empty() {
            self.doc.blocks.push(Block::Paragraph { text, heading });
        }
    }

    fn end_table(&mut self, mut t: TableBuild) {
        t.end_row();
        for caption in t.captions {
            self.doc.blocks.push(Block::Paragraph {
                text: caption,
                heading: None,
            });
        }
        if !t.rows.is_empty() {
            self.doc.blocks.push(Block::Table(t.rows));
        }
    }
}

impl TableBuild {
    fn open(&mut self, name: &str, e: &Element) {
        if self.nested > 0 || (self.cell.is_some() && name == "table") {
            // A table inside a cell: its text is the cell's, a row a line.
            if let Some((_, text)) = self.cell.as_mut() {
                match name {
                    "table" => {
                        self.nested += 1;
                        text.line_break();
                    }
                    "tr" | "br" => text.line_break(),
                    "td" | "th" => text.space(),
                    n if BLOCKS.contains(&n) => text.line_break(),
                    _ => {}
                }
            }
            return;
        }
        match name {
            "thead" => self.in_thead = true,
            "tbody" | "tfoot" => self.in_thead = false,
            "tr" => {
                self.end_row();
                self.start_row();
            }
            "td" | "th" => {
                self.end_cell();
                let mut cell = SourceCell::new(String::new());
                cell.col_span = span(e.attr("colspan"), MAX_COLSPAN).unwrap_or(1);
                cell.row_span = span(e.attr("rowspan"), MAX_ROWSPAN).unwrap_or(usize::MAX);
                if self.row.is_none() {
                    self.start_row();
                }
                self.all_th &= name == "th";
                self.cell = Some((cell, Text::default()));
            }
            "caption" => self.caption = Some(Text::default()),
            "br" => {
                if let Some((_, text)) = self.cell.as_mut() {
                    text.line_break();
                }
            }
            n if BLOCKS.contains(&n) => {
                if let Some((_, text)) = self.cell.as_mut() {
                    text.line_break();
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if self.nested > 0 {
            if name == "table" {
                self.nested -= 1;
            }
            if let Some((_, text)) = self.cell.as_mut() {
                if name == "tr" || name == "table" {
                    text.line_break();
                }
            }
            return;
        }
        match name {
            "td" | "th" => self.end_cell(),
            "tr" => self.end_row(),
            "thead" => self.in_thead = false,
            "caption" => {
                if let Some(text) = self.caption.take() {
                    let text = text.finish().replace('\n', " ");
                    if !text.is_empty() {
                        self.captions.push(text);
                    }
                }
            }
            n if BLOCKS.contains(&n) => {
                if let Some((_, text)) = self.cell.as_mut() {
                    text.line_break();
                }
            }
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        if let Some((mut cell, text)) = self.cell.take() {
            cell.text = text.finish();
            if let Some(row) = self.row.as_mut() {
                row.cells.push(cell);
            }
        }
    }

    fn start_row(&mut self) {
        self.row = Some(SourceRow {
            cells: Vec::new(),
            header: self.in_thead,
        });
        self.all_th = true;
    }

    /// Ends the row: a header when in `<thead>` or made of `th` cells only.
    fn end_row(&mut self) {
        self.end_cell();
        if let Some(mut row) = self.row.take() {
            row.header |= self.all_th;
            if !row.cells.is_empty() {
                self.rows.push(row);
            }
        }
    }
}

/// A `colspan` or `rowspan` read as the HTML standard reads it (leading white space,
/// then digits: `" 2 "`, `"2px"` are 2), at most `max`; `None` for 0, `Some(1)` for
/// anything unreadable. A `rowspan` of 0 spans the rest of the table.
fn span(value: Option<&str>, max: usize) -> Option<usize> {
    let Some(v) = value else { return Some(1) };
    let digits: String = v
        .trim_start_matches(|c: char| c.is_ascii_whitespace())
        .chars()
        .take_while(char::is_ascii_digit)
        .take(8)
        .collect();
    match digits.parse::<usize>() {
        Ok(0) => None,
        Ok(n) => Some(n.min(max)),
        Err(_) => Some(1),
    }
}

/// Whether an element holds a reviewer's comment of a Word document saved as a web page
/// (`<div style="mso-element:comment">` in the comment list at the page's end).
fn word_comment(e: &Element) -> bool {
    let style = e.attr("style").unwrap_or("").to_ascii_lowercase();
    style
        .split(';')
        .any(|d| d.replace(' ', "") == "mso-element:comment")
}

/// Whether an element is the anchor a Word comment leaves in the text (`<span
/// class="MsoCommentReference"><a class="msocomanchor">[A1]</a></span>`): left out
/// silently, its comment being said where the comment list stands.
fn comment_anchor(e: &Element) -> bool {
    e.attr("class").is_some_and(|c| {
        c.eq_ignore_ascii_case("msocomanchor") || c.eq_ignore_ascii_case("MsoCommentReference")
    })
}

/// Whether an element's style breaks the page before it and after it (Word's web pages
/// write `<br style="page-break-before:always">`; CSS 3 writes `break-before: page`).
fn page_breaks(e: &Element) -> (bool, bool) {
    let Some(style) = e.attr("style") else {
        return (false, false);
    };
    let style: String = style
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let breaks = |side: &str| {
        style.contains(&format!("page-break-{side}:always"))
            || style.contains(&format!("break-{side}:page"))
    };
    (breaks("before"), breaks("after"))
}

/// What the walk needs to know of an element before it enters it, found in one pass
/// over the tree, bottom up.
#[derive(Default)]
struct Shape {
    /// The tables to read as layout: those holding a heading, those holding a table while
    /// no row of their own has [`DATA_TABLE_CELLS`] cells, and those that say
    /// `role="presentation"`.
    layout: hashbrown::HashSet<NodeId>,
    /// The elements too large to be site chrome, whatever their id or class says: those
    /// holding a table or more than [`CHROME_CHARS`] characters. A template that wraps
    /// the article in `<div class="main-nav-content">` must not lose the plan.
    substantial: hashbrown::HashSet<NodeId>,
}

fn shape(tree: &Tree<Node>) -> Shape {
    #[derive(Default, Clone, Copy)]
    struct Holds {
        table: bool,
        heading: bool,
        widest_row: usize,
        chars: usize,
    }
    let mut shape = Shape::default();
    let mut stack: Vec<Holds> = vec![Holds::default()];
    for edge in tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) => stack.push(Holds::default()),
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.chars += t.chars().count();
                    }
                }
                Node::Other => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let holds = stack.pop().unwrap_or_default();
                let name = e.local();
                let is_table = name == "table";
                if is_table
                    && (holds.heading
                        || (holds.table && holds.widest_row < DATA_TABLE_CELLS)
                        || e.attr("role") == Some("presentation"))
                {
                    shape.layout.insert(node.id());
                }
                if holds.table || is_table || holds.chars > CHROME_CHARS {
                    shape.substantial.insert(node.id());
                }
                let cells = if name == "tr" {
                    node.children()
                        .filter(|c| {
                            matches!(c.value(), Node::Element(c) if matches!(c.local(), "td" | "th"))
                        })
                        .count()
                } else {
                    0
                };
                if let Some(parent) = stack.last_mut() {
                    parent.table |= is_table || holds.table;
                    parent.heading |= heading_level(name).is_some() || holds.heading;
                    parent.chars += holds.chars;
                    if !is_table {
                        parent.widest_row = parent.widest_row.max(holds.widest_row).max(cells);
                    }
                }
            }
        }
    }
    shape
}

/// Text gathered as a browser lays it out: runs of white space are one space (none
/// where a line break in the source stands between two Chinese characters, as CSS
/// writes them), `<br>` a line break, `<pre>` as written.
#[derive(Default)]
struct Text {
    s: String,
    /// White space is pending; whether it held a line break.
    space: Option<bool>,
}

impl Text {
    fn len(&self) -> usize {
        self.s.len()
    }

    fn push(&mut self, t: &str, pre: bool) {
        for c in t.chars() {
            if pre {
                if c == '\n' {
                    self.line_break();
                } else {
                    self.s.push(if c == '\u{a0}' { ' ' } else { c });
                }
                continue;
            }
            if c.is_ascii_whitespace() || c == '\u{a0}' {
                let newline = c == '\n' || c == '\r';
                self.space = Some(self.space.unwrap_or(false) || newline);
                continue;
            }
            if let Some(newline) = self.space.take() {
                let at_line_start = self.s.is_empty() || self.s.ends_with('\n');
                let joined = newline && self.s.chars().last().is_some_and(is_wide) && is_wide(c);
                if !at_line_start && !joined {
                    self.s.push(' ');
                }
            }
            self.s.push(c);
        }
    }

    fn space(&mut self) {
        self.space = Some(self.space.unwrap_or(false));
    }

    fn line_break(&mut self) {
        self.space = None;
        self.s.push('\n');
    }

    /// The text, each line trimmed of ASCII white space, blank lines dropped.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.s.len());
        for line in self.s.split('\n') {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if line.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
        out
    }
}

/// A character of the scripts that CSS joins across a line break (CJK ideographs, kana,
/// CJK and full-width punctuation).
fn is_wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        read(html.as_bytes(), Lexicon::bundled()).expect("reads")
    }

    fn paragraphs(d: &Document) -> Vec<&str> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn spans_are_read_leniently() {
        assert_eq!(span(Some("2"), 1000), Some(2));
        assert_eq!(span(Some(" 2 "), 1000), Some(2));
        assert_eq!(span(Some("3px"), 1000), Some(3));
        assert_eq!(span(Some("x"), 1000), Some(1));
        assert_eq!(span(Some(""), 1000), Some(1));
        assert_eq!(span(Some("0"), 1000), None);
        assert_eq!(span(Some("99999999999999"), 1000), Some(1000));
        assert_eq!(span(None, 1000), Some(1));
    }

    #[test]
    fn the_prescan_finds_the_declared_charset() {
        let enc = |s: &str| prescan(s.as_bytes()).map(|e| e.name());
        assert_eq!(enc("<meta charset=gb2312>"), Some("GBK"));
        assert_eq!(enc("<html><head><META CHARSET=\"GBK\">"), Some("GBK"));
        assert_eq!(
            enc("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"),
            Some("GBK")
        );
        assert_eq!(
            enc("<meta content='text/html;charset=utf-8' http-equiv='content-type'>"),
            Some("UTF-8")
        );
        // Without http-equiv, a content attribute declares nothing.
        assert_eq!(enc("<meta content=\"charset=gbk\">"), None);
        assert_eq!(enc("<!-- <meta charset=gbk> --><p>x"), None);
        assert_eq!(enc("<div title='<meta charset=gbk>'>"), None);
        assert_eq!(enc("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(enc("<meta charset=nonsense>"), None);
        assert_eq!(enc("<meta charset=\"gb18030"), Some("gb18030"));
    }

    #[test]
    fn a_gbk_page_is_decoded_by_its_declaration_and_a_wrong_one_is_remarked() {
        let page = "<html><head><meta charset=\"gb2312\"></head><body><p>期末市场主体总量</p></body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(page);
        let d = read(&gbk, Lexicon::bundled()).expect("reads");
        assert_eq!(paragraphs(&d), ["期末市场主体总量"]);
        assert!(d.remarks.is_empty());
        // Declared GBK, written UTF-8: read as UTF-8, with a word.
        let d = doc(page);
        assert_eq!(paragraphs(&d), ["期末市场主体总量"]);
        assert_eq!(d.remarks.len(), 1);
        assert_eq!(d.remarks[0].kind, DiagnosticKind::EncodingMismatch);
        // Declared UTF-8, bytes broken: the loss is said.
        let mut bytes = b"<meta charset=utf-8><p>".to_vec();
        bytes.extend_from_slice(&gbk[..20]);
        bytes.push(0xFF);
        let d = read(&bytes, Lexicon::bundled()).expect("reads");
        assert!(d.remarks.iter().any(|r| r.severity == Severity::Warning));
    }

    #[test]
    fn undeclared_bytes_that_are_no_text_are_an_error() {
        let e = read(
            &[b'<', b'p', b'>', 0xFF, 0xFF, 0x80, 0x81],
            Lexicon::bundled(),
        );
        assert!(e.is_err_and(|e| e.is_encoding()));
    }

    #[test]
    fn blocks_inline_breaks_and_headings() {
        let d = doc(
            "<body><h2>第一章 总体要求</h2><p>坚持<b>市场</b><span>监管</span>，\n  推进\n改革<br>第二行</p><div>甲<div>乙</div>丙</div><ul><li>一</li><li>二</li></ul></body>",
        );
        assert_eq!(
            paragraphs(&d),
            [
                "第一章 总体要求",
                "坚持市场监管，推进改革\n第二行",
                "甲",
                "乙",
                "丙",
                "一",
                "二"
            ]
        );
        assert!(matches!(
            d.blocks[0],
            Block::Paragraph {
                heading: Some(1),
                ..
            }
        ));
        assert!(matches!(
            d.blocks[1],
            Block::Paragraph { heading: None, .. }
        ));
        // Latin words keep their space.
        assert_eq!(
            paragraphs(&doc("<p>ISO\n9001 &amp; more</p>")),
            ["ISO 9001 & more"]
        );
    }

    #[test]
    fn tables_with_spans_header_rows_and_nested_tables() {
        let d = doc(
            "<table><caption>主要指标</caption><thead><tr><th rowspan=2>序号</th><th colspan=' 2 '>2025年</th></tr>\
             <tr><th>基期</th><th>目标</th></tr></thead>\
             <tr><td>1</td><td>&nbsp;42&lt;</td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></td><td>x</td></tr>\
             <tr><th>2</th><td>3</td><td>4</td><td>5</td></tr></table>",
        );
        assert_eq!(paragraphs(&d), ["主要指标"]);
        let Some(Block::Table(rows)) = d.blocks.get(1) else {
            panic!("{:?}", d.blocks)
        };
        assert_eq!(rows.len(), 4);
        assert!(rows[0].header && rows[1].header && !rows[2].header && !rows[3].header);
        assert_eq!(rows[0].cells[0].row_span, 2);
        assert_eq!(rows[0].cells[1].col_span, 2);
        assert_eq!(rows[2].cells[1].text, "42<");
        assert_eq!(rows[2].cells[2].text, "a b\nc");
    }

    #[test]
    fn a_row_of_th_is_a_header_and_a_row_header_is_not() {
        let d =
            doc("<table><tr><th>序号</th><th>指标</th></tr><tr><th>1</th><td>甲</td></tr></table>");
        let Some(Block::Table(rows)) = d.blocks.first() else {
            panic!()
        };
        assert!(rows[0].header);
        assert!(!rows[1].header);
    }

    #[test]
    fn a_layout_table_is_read_as_blocks() {
        let d = doc("<table><tr><td><h1>示例市规划</h1><p>正文</p>\
             <table><tr><td>序号</td><td>指标</td><td>单位</td><td>目标</td></tr></table></td></tr></table>");
        assert_eq!(paragraphs(&d), ["示例市规划", "正文"]);
        assert!(matches!(d.blocks.last(), Some(Block::Table(rows)) if rows[0].cells.len() == 4));
    }

    #[test]
    fn a_page_break_in_the_style_is_a_page_break() {
        let d = doc(
            "<p>甲</p><br clear=all style='mso-special-character:line-break; PAGE-BREAK-BEFORE: always'><p style=\"break-after: page\">乙</p><p>丙</p>",
        );
        let kinds: Vec<&str> = d
            .blocks
            .iter()
            .map(|b| match b {
                Block::PageBreak => "break",
                Block::Paragraph { text, .. } => text.as_str(),
                Block::Table(_) => "table",
            })
            .collect();
        assert_eq!(kinds, ["甲", "break", "乙", "break", "丙"]);
    }

    #[test]
    fn content_is_not_chrome_whatever_its_class() {
        let body = "市场监管现代化。".repeat(200);
        let d = doc(&format!(
            "<div class=\"main-nav-content\"><p>{body}</p></div>\
             <div class=\"share-box\"><table><tr><td>序号</td><td>指标</td></tr></table></div>\
             <div class=\"nav\">首页</div>"
        ));
        assert_eq!(paragraphs(&d), [body.as_str()]);
        assert!(matches!(d.blocks.last(), Some(Block::Table(_))));
        assert_eq!(d.remarks.len(), 1);
    }

    #[test]
    fn a_word_comment_is_a_remark_not_text() {
        let d = doc(
            "<p>发展基础<span class=MsoCommentReference><a class=msocomanchor href=\"#_msocom_1\">[MOU1]</a></span></p>\
             <div style='mso-element:comment-list'><hr class=msocomoff><div style='mso-element:comment'>\
             <div class=msocomtxt id=_com_1><p class=MsoCommentText>请更新数据。</p></div></div></div>",
        );
        assert_eq!(paragraphs(&d), ["发展基础"]);
        assert_eq!(d.remarks.len(), 1);
        assert_eq!(d.remarks[0].kind, DiagnosticKind::ReviewerComment);
        assert!(
            d.remarks[0].message.ends_with("请更新数据。"),
            "{}",
            d.remarks[0].message
        );
    }

    #[test]
    fn site_chrome_is_left_out_and_said() {
        let d = doc(
            "<body><header><a>首页</a></header><div class=\"breadcrumb\">首页 &gt; 政务公开</div>\
             <article><header><h1>示例市规划</h1></header><p>正文</p></article>\
             <div id=\"bdshare\">分享到</div><script>var x = '<p>';</script><footer>版权所有</footer></body>",
        );
        assert_eq!(paragraphs(&d), ["示例市规划", "正文"]);
        let said: Vec<&str> = d.remarks.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(said.len(), 4, "{said:?}");
        assert!(said[1].contains("首页 > 政务公开"), "{said:?}");
        assert!(
            d.remarks
                .iter()
                .all(|r| r.kind == DiagnosticKind::NavigationSkipped)
        );
    }

    #[test]
    fn fragments_are_sniffed() {
        assert!(looks_like_html(b"<div class=\"article\"><p>x</p></div>"));
        assert!(looks_like_html(
            b"\n<table border=1><tr><td>1</td></tr></table>"
        ));
        assert!(!looks_like_html("序号\t指标\n<p>".as_bytes()));
        assert!(!looks_like_html(b"<pre>x</pre>"));
    }
}

//! A .docx writer for the tests and the bench: a bundled plan written as Word would save
//! it, from its text and the plan parsed from that text.
//!
//! The text's lines outside the indicator table are paragraphs (chapter and section lines
//! with heading styles; where asked, their numbers left to Word's list numbering); the
//! indicator table is a Word table built from the parsed rows: header rows marked
//! `tblHeader` (one row, or the years over 基期值/目标值 in two rows with the other columns
//! merged down and 主要指标 spanning the category and name columns), the category merged
//! down (`vMerge`) over the rows it groups, and the table split in two by a page break with
//! its header repeated.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use planalign::{Attribute, Indicator, Plan};

/// How a plan is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Chapter headings numbered by Word (第%1章), their written number removed.
    pub numbered_chapters: bool,
    /// Section headings numbered by Word (第%2节) through their style.
    pub numbered_sections: bool,
    /// The header in two rows, the years above 基期值/目标值.
    pub two_header_rows: bool,
    /// A reviewer's comment, a footnote, a deleted and an inserted run.
    pub revisions: bool,
}

/// The comment, footnote and deleted text `revisions` adds.
pub const COMMENT_AUTHOR: &str = "审阅人甲";
pub const COMMENT_TEXT: &str = "请核实本段数据来源";
pub const FOOTNOTE_TEXT: &str = "脚注：此处文字不属于正文";
pub const DELETED_TEXT: &str = "此句已被审阅人删除";

/// The plan at `path` (a text file) as a .docx, and the plan parsed from the text.
pub fn plan_docx(path: &Path, options: Options) -> (Vec<u8>, Plan) {
    let text = std::fs::read_to_string(path).expect("plan text");
    let plan = planalign::parse_file(path).expect("plan parses").value;
    let b = Body::new(&text, &plan, options);
    let body = b.write();
    (package(&body, options, &b.exported_comments()), plan)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Runs for a text: tabs as `<w:tab/>`.
fn runs(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:tab/></w:r>");
        }
        if !part.is_empty() {
            write!(
                out,
                r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(part)
            )
            .unwrap();
        }
    }
    out
}

fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

struct Body<'a> {
    lines: Vec<&'a str>,
    plan: &'a Plan,
    options: Options,
    /// Line number → (style, number written by Word) of heading lines.
    chapters: Vec<(usize, String)>,
    sections: Vec<(usize, String)>,
}

impl<'a> Body<'a> {
    fn new(text: &'a str, plan: &'a Plan, options: Options) -> Body<'a> {
        let chapters = plan
            .chapters
            .iter()
            .map(|c| (c.line, c.number.clone()))
            .collect();
        let sections = plan
            .chapters
            .iter()
            .flat_map(|c| c.sections.iter().map(|s| (s.line, s.number.clone())))
            .collect();
        Body {
            lines: text.split('\n').collect(),
            plan,
            options,
            chapters,
            sections,
        }
    }

    fn write(&self) -> String {
        // The lines each table's Word table replaces: its header down to its last row.
        let mut replaced: Vec<(usize, usize, usize)> = Vec::new();
        for (t, info) in self.plan.tables.iter().enumerate() {
            let last = self
                .rows_of(t)
                .iter()
                .map(|i| i.end_line)
                .max()
                .unwrap_or(info.header.last);
            replaced.push((info.header.first, last, t));
        }
        let mut out = String::new();
        let mut chapter_no = 0;
        let mut section_no = 0;
        let mut revisions_done = false;
        let mut no = 1;
        while no <= self.lines.len() {
            if let Some(&(_, last, t)) = replaced.iter().find(|(f, _, _)| *f == no) {
                out.push_str(&self.table(t));
                no = last + 1;
                continue;
            }
            let mut line = self.lines[no - 1];
            // A comment the text export glued to its line (`<tab>Comment by …`) is a Word
            // comment again, anchored to the paragraph.
            let mut comment_id = None;
            if let Some(at) = line.find("\tComment by ") {
                comment_id = Some(self.comment_index(no));
                line = &line[..at];
            }
            let start = comment_id.map_or(String::new(), |id| {
                format!(r#"<w:commentRangeStart w:id="{id}"/>"#)
            });
            if self
                .plan
                .tables
                .iter()
                .any(|t| (t.header.first..=t.end_line).contains(&no))
            {
                // A note under the table: the export's tab before it is its layout's
                // cell, not the note's text.
                line = line.trim_start_matches('\t');
            }
            if self.chapters.iter().any(|(l, _)| *l == no) {
                chapter_no += 1;
                section_no = 0;
                let number = format!("第{}章", cn(chapter_no));
                out.push_str(&start);
                out.push_str(&self.heading(line, 1, self.options.numbered_chapters, &number));
            } else if self.sections.iter().any(|(l, _)| *l == no) {
                section_no += 1;
                let number = format!("第{}节", cn(section_no));
                out.push_str(&start);
                out.push_str(&self.heading(line, 2, self.options.numbered_sections, &number));
            } else if self.options.revisions && !revisions_done && is_prose(line) {
                revisions_done = true;
                out.push_str(&revised(line));
            } else if no % 97 == 0 && is_prose(line) {
                // Where Word last broke the page, inside a paragraph.
                let mid = line.char_indices().nth(line.chars().count() / 2).unwrap().0;
                write!(
                    out,
                    "<w:p>{}<w:r><w:lastRenderedPageBreak/></w:r>{}</w:p>",
                    runs(&line[..mid]),
                    runs(&line[mid..])
                )
                .unwrap();
            } else {
                write!(out, "{start}<w:p>{}</w:p>", runs(line)).unwrap();
            }
            no += 1;
        }
        out
    }

    /// The lines whose text export carries a comment.
    fn commented(&self) -> Vec<usize> {
        (1..=self.lines.len())
            .filter(|no| self.lines[no - 1].contains("\tComment by "))
            .collect()
    }

    /// The id of the comment on line `no` (0 is the one `revisions` adds).
    fn comment_index(&self, no: usize) -> usize {
        1 + self.commented().iter().position(|l| *l == no).unwrap()
    }

    /// The comments of the export: id, author, text.
    fn exported_comments(&self) -> Vec<(usize, String, String)> {
        self.commented()
            .into_iter()
            .map(|no| {
                let line = self.lines[no - 1];
                let c = &line[line.find("\tComment by ").unwrap() + "\tComment by ".len()..];
                let (author, text) = c.split_once(": ").unwrap_or(("", c));
                (
                    self.comment_index(no),
                    author.to_string(),
                    text.trim().to_string(),
                )
            })
            .collect()
    }

    /// A chapter or section line, its number left to Word when `numbered`.
    fn heading(&self, line: &str, level: u8, numbered: bool, number: &str) -> String {
        if !numbered {
            return format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>{}</w:p>"#,
                runs(line)
            );
        }
        let rest = line
            .trim_start()
            .strip_prefix(number)
            .unwrap_or_else(|| panic!("{line:?} does not start with {number:?}"))
            .trim_start_matches([' ', '\u{3000}', '\t']);
        if level == 1 {
            // The paragraph's own numbering.
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
                runs(rest)
            )
        } else {
            // Numbered through its style.
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="NumberedSection"/></w:pPr>{}</w:p>"#,
                runs(rest)
            )
        }
    }

    fn rows_of(&self, t: usize) -> Vec<&'a Indicator> {
        let info = &self.plan.tables[t];
        self.plan
            .indicators
            .iter()
            .filter(|i| i.line >= info.header.first && i.line <= info.end_line)
            .collect()
    }

    /// The indicator table, split in two by a page break, its header repeated.
    fn table(&self, t: usize) -> String {
        let rows = self.rows_of(t);
        let categories = rows.iter().any(|i| i.category.is_some());
        let info = &self.plan.tables[t];
        let header = self.header(categories, info.baseline_year, info.target_year);
        let split = rows.len() / 2;
        let mut out = String::new();
        for (part, chunk) in [&rows[..split], &rows[split..]].into_iter().enumerate() {
            if part == 1 {
                out.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
            }
            out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
            out.push_str(&header);
            let mut above: Option<&str> = None;
            for i in chunk {
                out.push_str(&body_row(i, categories, &mut above));
            }
            out.push_str("</w:tbl>");
        }
        out
    }

    fn header(&self, categories: bool, base: Option<u16>, target: Option<u16>) -> String {
        let year = |y: Option<u16>| y.map(|y| format!("{y}年")).unwrap_or_default();
        if !self.options.two_header_rows {
            let mut cells = vec!["序号".to_string()];
            if categories {
                cells.push("类别".to_string());
            }
            cells.extend([
                "主要指标".to_string(),
                "单位".to_string(),
                format!("{}基期值", year(base)),
                format!("{}目标值", year(target)),
                "属性".to_string(),
            ]);
            let cells: String = cells.iter().map(|c| cell(c, "")).collect();
            return header_row(&cells);
        }
        // 主要指标 over the category and name columns.
        let span = if categories {
            r#"<w:gridSpan w:val="2"/>"#
        } else {
            ""
        };
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let cont = "<w:vMerge/>";
        let first = [
            cell("序号", restart),
            cell("主要指标", &format!("{span}{restart}")),
            cell("单位", restart),
            cell(&year(base), ""),
            cell(&year(target), ""),
            cell("属性", restart),
        ]
        .concat();
        let second = [
            cell("", cont),
            cell("", &format!("{span}{cont}")),
            cell("", cont),
            cell("基期值", ""),
            cell("目标值", ""),
            cell("", cont),
        ]
        .concat();
        header_row(&first) + &header_row(&second)
    }
}

fn header_row(cells: &str) -> String {
    format!("<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>")
}

/// A cell of one paragraph per line of `text`.
fn cell(text: &str, props: &str) -> String {
    let paras: String = text
        .split('\n')
        .map(|p| format!("<w:p>{}</w:p>", runs(p)))
        .collect();
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>{props}</w:tcPr>{paras}</w:tc>"#)
}

fn body_row<'i>(i: &'i Indicator, categories: bool, above: &mut Option<&'i str>) -> String {
    let mut cells = vec![cell(&i.seq.map(|s| s.to_string()).unwrap_or_default(), "")];
    if categories {
        let c = i.category.as_deref();
        cells.push(match (c, *above) {
            (Some(c), Some(a)) if c == a => cell("", "<w:vMerge/>"),
            (Some(c), _) => cell(c, r#"<w:vMerge w:val="restart"/>"#),
            (None, _) => cell("", ""),
        });
        *above = c;
    }
    let name = i.name_as_written.as_deref().unwrap_or(&i.name);
    // A qualifier stands in a cell of its own after the name, as in the plan's table.
    // (Spanning the other rows' names over its column, as Word would lay it out, makes
    // the table reader give them an empty qualifier `Some("")`: a finding for it.)
    cells.push(cell(name, ""));
    if let Some(q) = &i.qualifier {
        cells.push(cell(q, ""));
    }
    cells.push(cell(i.unit.as_ref().map_or("", |u| u.raw()), ""));
    cells.push(cell(i.baseline.raw(), ""));
    cells.push(cell(i.target.raw(), ""));
    cells.push(cell(i.attribute.map_or("", Attribute::chinese), ""));
    format!("<w:tr>{}</w:tr>", cells.concat())
}

/// A line of prose long enough to carry text of its own.
fn is_prose(line: &str) -> bool {
    line.chars().count() > 60 && !line.contains('\t')
}

/// A paragraph with a comment over its first half, a footnote, a deleted run and its
/// second half as an inserted run: it reads as the line did.
fn revised(line: &str) -> String {
    let mid = line.char_indices().nth(line.chars().count() / 2).unwrap().0;
    format!(
        concat!(
            r#"<w:p><w:commentRangeStart w:id="0"/>{first}<w:commentRangeEnd w:id="0"/>"#,
            r#"<w:r><w:commentReference w:id="0"/></w:r>"#,
            r#"<w:del w:id="1" w:author="x"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>"#,
            r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#,
            r#"<w:ins w:id="2" w:author="x">{second}</w:ins></w:p>"#
        ),
        first = runs(&line[..mid]),
        deleted = esc(DELETED_TEXT),
        second = runs(&line[mid..]),
    )
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {ns}>"#,
            r#"<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="NumberedSection"><w:name w:val="Numbered section"/><w:basedOn w:val="Heading2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#,
            r#"</w:styles>"#
        ),
        ns = NS
    )
}

fn numbering() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {ns}>"#,
            r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>"#,
            r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/><w:lvlText w:val="第%1章"/><w:lvlJc w:val="left"/></w:lvl>"#,
            r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%2节"/><w:lvlJc w:val="left"/></w:lvl>"#,
            r#"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        ),
        ns = NS
    )
}

fn comments(all: &[(usize, String, String)]) -> String {
    let mut out =
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>"#);
    for (id, author, text) in all {
        write!(
            out,
            r#"<w:comment w:id="{id}" w:author="{}" w:date="2023-01-01T00:00:00Z"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>{}</w:t></w:r></w:p></w:comment>"#,
            esc(author),
            esc(text)
        )
        .unwrap();
    }
    out + "</w:comments>"
}

fn footnotes() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {ns}>"#,
            r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"#,
            r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        ),
        ns = NS,
        text = FOOTNOTE_TEXT
    )
}

/// The zip archive of a body, with the parts it refers to.
fn package(body: &str, options: Options, exported: &[(usize, String, String)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    );
    let mut parts: Vec<(&str, String)> = vec![
        ("word/document.xml", document),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering()),
    ];
    let mut all_comments = exported.to_vec();
    if options.revisions {
        all_comments.push((0, COMMENT_AUTHOR.to_string(), COMMENT_TEXT.to_string()));
        parts.push(("word/footnotes.xml", footnotes()));
    }
    if !all_comments.is_empty() {
        parts.push(("word/comments.xml", comments(&all_comments)));
    }
    let mut overrides = String::new();
    let mut rels = String::new();
    for (k, (name, _)) in parts.iter().enumerate() {
        let kind = name.trim_start_matches("word/").trim_end_matches(".xml");
        let content = if kind == "document" {
            "document.main".to_string()
        } else {
            kind.to_string()
        };
        write!(overrides, r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{content}+xml"/>"#).unwrap();
        if kind != "document" {
            write!(rels, r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{kind}.xml"/>"#).unwrap();
        }
    }
    let content_types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"#
    );
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    );
    let mut all: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels.to_string()),
        ("word/_rels/document.xml.rels", doc_rels),
    ];
    all.extend(parts);
    zip_parts(&all)
}

/// A zip archive of `parts`, deflated.
pub fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    zip_with(parts, zip::CompressionMethod::Deflated)
}

/// A zip archive of `parts`, stored: a body repeated thousands of times deflates past the
/// reader's cap on the inflation ratio.
pub fn zip_stored(parts: &[(&str, String)]) -> Vec<u8> {
    zip_with(parts, zip::CompressionMethod::Stored)
}

fn zip_with(parts: &[(&str, String)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut seen = HashSet::new();
    for (name, content) in parts {
        assert!(seen.insert(*name), "{name} twice");
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

//! Word documents read directly: each bundled plan written as a .docx (its indicator table
//! a real Word table with merged cells, repeated header rows and a page break) parses as
//! its text does; broken and hostile files give errors, never panics.

#[path = "common/docx_writer.rs"]
mod docx_writer;

mod common;

use std::path::PathBuf;

use docx_writer::{Options, plan_docx, zip_parts, zip_stored};
use planalign::{DiagnosticKind, ErrorKind, Format, Parser, Plan, Severity, parse_bytes};
use proptest::prelude::*;

fn plan_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("data/plans/{name}.txt"))
}

/// How each plan is written: every option used by some plan.
fn options(name: &str) -> Options {
    match name {
        "qingyuan" => Options {
            numbered_chapters: true,
            numbered_sections: true,
            two_header_rows: true,
            revisions: false,
        },
        "dinghu" => Options {
            numbered_chapters: true,
            revisions: true,
            ..Options::default()
        },
        "zhanjiang" => Options {
            two_header_rows: true,
            ..Options::default()
        },
        _ => Options::default(),
    }
}

const PLANS: [&str; 5] = ["dayawan", "dinghu", "qingyuan", "zhanjiang", "zhongshan"];

/// Every field of every indicator but its line numbers.
fn rows(plan: &Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|i| {
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                i.seq,
                i.category,
                i.name,
                i.name_as_written,
                i.qualifier,
                i.unit.as_ref().map(|u| u.raw()),
                i.baseline,
                i.target,
                i.attribute,
                i.notes
            )
        })
        .collect()
}

#[test]
fn every_plan_as_a_word_file_parses_as_its_text() {
    let mut total = 0;
    for name in PLANS {
        let (docx, text_plan) = plan_docx(&plan_path(name), options(name));
        let parsed = parse_bytes(&docx).unwrap_or_else(|e| panic!("{name}: {e}"));
        let plan = &parsed.value;
        let (got, want) = (rows(plan), rows(&text_plan));
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{name}: an indicator");
        }
        assert_eq!(got.len(), want.len(), "{name}: indicators");
        assert_eq!(
            common::outline(plan),
            common::outline(&text_plan),
            "{name}: outline"
        );
        let goals = |p: &Plan| {
            p.goals
                .iter()
                .map(|g| (g.title.clone(), g.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(goals(plan), goals(&text_plan), "{name}: goals");
        assert_eq!(
            plan.targets.len(),
            text_plan.targets.len(),
            "{name}: prose targets"
        );
        assert_eq!(plan.title, text_plan.title, "{name}: title");
        assert_eq!(
            plan.tables.len(),
            text_plan.tables.len(),
            "{name}: one table across the page break"
        );
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::TableContinued),
            "{name}: the table split by a page break is joined"
        );
        total += plan.indicators.len();
    }
    assert_eq!(total, 85);
}

#[test]
fn comments_are_diagnostics_and_footnotes_and_deletions_are_not_text() {
    let (docx, _) = plan_docx(&plan_path("dinghu"), options("dinghu"));
    let parsed = parse_bytes(&docx).unwrap();
    let comment = parsed
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::ReviewerComment)
        .expect("the comment is a diagnostic");
    assert_eq!(comment.severity, Severity::Warning);
    assert!(
        comment.why.contains(docx_writer::COMMENT_AUTHOR),
        "{}",
        comment.why
    );
    assert!(
        comment.why.contains(docx_writer::COMMENT_TEXT),
        "{}",
        comment.why
    );
    let text = Parser::new().text_of(&docx).unwrap();
    // At the paragraph its range starts in: the first long line of prose.
    let at = text.lines().nth(comment.line.unwrap() - 1).unwrap();
    let first_prose = text
        .lines()
        .find(|l| l.chars().count() > 60 && !l.contains('\t'))
        .unwrap();
    assert_eq!(at, first_prose);
    assert!(!text.contains(docx_writer::FOOTNOTE_TEXT));
    assert!(!text.contains(docx_writer::DELETED_TEXT));
    assert!(!text.contains(docx_writer::COMMENT_TEXT));
    for p in &parsed.value.paragraphs {
        assert!(!p.text.contains(docx_writer::FOOTNOTE_TEXT), "{}", p.text);
        assert!(!p.text.contains(docx_writer::DELETED_TEXT), "{}", p.text);
    }
}

#[test]
fn auto_numbered_headings_carry_their_numbers() {
    let (docx, _) = plan_docx(&plan_path("qingyuan"), options("qingyuan"));
    let text = Parser::new().text_of(&docx).unwrap();
    assert!(text.contains("\n第一章 "), "chapter number rendered");
    assert!(text.contains("\n第十四章 "), "chapter numbers count on");
    // Sections restart under each chapter: 第一节 follows 第二章.
    let after = &text[text.find("\n第二章 ").unwrap()..];
    let next_section = after
        .lines()
        .find(|l| l.starts_with("第") && l.contains("节"))
        .unwrap();
    assert!(next_section.starts_with("第一节"), "{next_section}");
}

#[test]
fn a_generated_word_file_is_written_for_people_to_open() {
    let (docx, _) = plan_docx(&plan_path("qingyuan"), options("qingyuan"));
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("qingyuan.docx"), &docx).unwrap();
    assert_eq!(Format::sniff(&docx), Format::Docx);
}

fn document_error(bytes: &[u8]) -> String {
    match parse_bytes(bytes) {
        Err(e) => match e.kind() {
            ErrorKind::Document { format, message } => {
                assert_eq!(*format, "docx");
                message.clone()
            }
            other => panic!("not a document error: {other:?}"),
        },
        Ok(_) => panic!("read as a plan"),
    }
}

#[test]
fn a_broken_zip_is_an_error() {
    let (docx, _) = plan_docx(&plan_path("zhongshan"), Options::default());
    let message = document_error(&docx[..docx.len() / 2]);
    assert!(message.contains("zip"), "{message}");
}

#[test]
fn a_zip_that_is_not_word_is_an_error() {
    let zip = zip_parts(&[("readme.txt", "hello".to_string())]);
    let message = document_error(&zip);
    assert!(message.contains("not a Word document"), "{message}");
    assert!(message.contains("word/document.xml"), "{message}");
}

#[test]
fn malformed_xml_is_an_error_naming_the_part_and_position() {
    let zip = zip_parts(&[(
        "word/document.xml",
        "<w:document><w:body><w:p><w:r><w:t>甲</w:r></w:p></w:body></w:document>".to_string(),
    )]);
    let message = document_error(&zip);
    assert!(message.contains("word/document.xml"), "{message}");
    assert!(message.contains("byte"), "{message}");
}

#[test]
fn a_zip_bomb_part_is_refused() {
    // 64 MB of one character deflates to about 64 KB: over 64 times the archive.
    let body = format!(
        "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
        "a".repeat(64 << 20)
    );
    let zip = zip_parts(&[("word/document.xml", body)]);
    assert!(zip.len() < 1 << 20, "{}", zip.len());
    let message = document_error(&zip);
    assert!(message.contains("cap"), "{message}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_after_a_zip_signature_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn random_bodies_in_a_word_zip_never_panic(body in "(<w:(p|r|t|tbl|tr|tc|br|tab|del|ins|vMerge|gridSpan|txbxContent)( w:val=\"(restart|9|0|page)\")?/?>|</w:(p|r|t|tbl|tr|tc|del|ins|txbxContent)>|[甲乙 ]){0,60}") {
        let zip = zip_parts(&[("word/document.xml", format!("<w:document><w:body>{body}</w:body></w:document>"))]);
        let _ = parse_bytes(&zip);
    }
}

/// The text read from a Word file grows with its body, not faster: a list template as
/// long as Word allows is cut (`MAX_LEVEL_TEXT`), so 20,000 numbered paragraphs of a
/// 100 KB `w:lvlText` give about 20,000 short numbers, not 2 GB of text.
#[test]
fn a_long_list_template_does_not_multiply_the_text() {
    let numbering = format!(
        r#"<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="{}%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        "x".repeat(100_000)
    );
    let para = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"#;
    let body = format!(
        "<w:document><w:body>{}</w:body></w:document>",
        para.repeat(20_000)
    );
    let zip = zip_stored(&[
        ("word/document.xml", body.clone()),
        ("word/numbering.xml", numbering),
    ]);
    let text = Parser::new().text_of(&zip).unwrap();
    assert_eq!(text.lines().count(), 20_000);
    assert!(text.len() < 2 * body.len(), "{} bytes of text", text.len());
}

/// Text boxes nested 5,000 deep (a paragraph in a box in a paragraph …) read as 5,000
/// paragraphs, one line each: nothing is kept per level but the paragraph being read.
#[test]
fn deeply_nested_text_boxes_are_read_in_one_pass() {
    let depth = 5_000;
    let open = "<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:txbxContent>";
    let close = "</w:txbxContent></w:r></w:p>";
    let body = format!(
        "<w:document><w:body>{}{}</w:body></w:document>",
        open.repeat(depth),
        close.repeat(depth)
    );
    let zip = zip_stored(&[("word/document.xml", body)]);
    let text = Parser::new().text_of(&zip).unwrap();
    assert_eq!(text.lines().filter(|l| *l == "甲").count(), depth);
}

#[test]
fn the_comments_a_text_export_glued_to_its_lines_are_word_comments_again() {
    // zhongshan's export carries its reviewer's comments as `<tab>Comment by …`; the
    // generator makes them Word comments, which the reader gives back as diagnostics.
    let (docx, _) = plan_docx(&plan_path("zhongshan"), options("zhongshan"));
    let parsed = parse_bytes(&docx).unwrap();
    let comments: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::ReviewerComment)
        .collect();
    assert!(!comments.is_empty());
    assert!(
        comments
            .iter()
            .all(|d| d.severity == Severity::Warning && d.why.contains("Microsoft Office User"))
    );
}

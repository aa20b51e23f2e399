//! Web pages: the page's text and tables read into a [`Document`].

use crate::error::{Error, ErrorKind};
use crate::parse::document::Document;

/// Whether bytes open as a web page does: after a byte-order mark and white space, a
/// doctype, an `<html>`, `<head>`, `<body>` or `<meta>` tag, or an XML declaration or
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
    if opens(b"<!doctype")
        || opens(b"<html")
        || opens(b"<head")
        || opens(b"<body")
        || opens(b"<meta")
    {
        return true;
    }
    (head.starts_with(b"<?xml") || head.starts_with(b"<!--"))
        && head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"))
}

/// Reads a web page's paragraphs and tables.
pub(crate) fn read(_bytes: &[u8]) -> Result<Document, Error> {
    Err(Error::new(ErrorKind::Document {
        format: "html",
        message: "web pages are not read yet".to_string(),
    }))
}

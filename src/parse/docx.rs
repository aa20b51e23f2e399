//! Word documents (.docx): the container and its XML read into a [`Document`].

use crate::error::{Error, ErrorKind};
use crate::parse::document::Document;

/// Reads a Word document's paragraphs, tables and comments.
pub(crate) fn read(_bytes: &[u8]) -> Result<Document, Error> {
    Err(Error::new(ErrorKind::Document {
        format: "docx",
        message: "Word documents are not read yet".to_string(),
    }))
}

//! Any bytes read as a Word file → `planalign::parse_bytes` with `Format::Docx`: an error
//! (`ErrorKind::Document`) or a plan, never a panic, whatever the zip archive holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planalign::{ErrorKind, Format, Parser};

fuzz_target!(|data: &[u8]| {
    match Parser::new().format(Format::Docx).parse_bytes(data) {
        Ok(parsed) => {
            for d in &parsed.diagnostics {
                let _ = d.to_string();
            }
        }
        Err(e) => assert!(
            matches!(e.kind(), ErrorKind::Document { format: "docx", .. }),
            "a Word file that cannot be read is a document error: {e}"
        ),
    }
});

//! Any bytes read as a web page → `Parser::format(Format::Html).parse_bytes`: an error
//! (bytes that are no text) or a plan with its diagnostics, never a panic; the text the
//! page is read as stays within a bound of its size (a span widens a cell into blank
//! columns and repeats a short cell down rows, no more).
#![no_main]

use libfuzzer_sys::fuzz_target;
use planalign::{Format, Parser};

fuzz_target!(|data: &[u8]| {
    let parser = Parser::new().format(Format::Html);
    let Ok(text) = parser.text_of(data) else {
        return;
    };
    assert!(
        text.len() <= 64 * data.len() + 16,
        "{} bytes of text from {} bytes of page",
        text.len(),
        data.len()
    );
    let parsed = parser.parse_bytes(data).expect("the page read once reads again");
    for d in &parsed.diagnostics {
        let _ = d.to_string();
    }
});

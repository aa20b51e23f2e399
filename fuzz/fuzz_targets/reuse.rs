//! Two texts (the input split at its first NUL) parsed as plans → `align_text`, rendered
//! as Markdown and JSON: never a panic; shares are fractions that add up, and
//! similarities lie in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use planalign::reuse::{Shares, align_text};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
    let (a, b) = (planalign::parse(a).value, planalign::parse(b).value);
    let alignment = align_text(&a, &b);
    for shares in [alignment.a_shares(), alignment.b_shares()]
        .into_iter()
        .chain(alignment.a_chapters().iter().map(|c| c.shares()))
        .chain(alignment.b_chapters().iter().map(|c| c.shares()))
    {
        check(shares);
    }
    for p in alignment.passages() {
        let s = p.similarity();
        assert!((0.0..=1.0).contains(&s), "similarity {s} of {p:?}");
    }
    let _ = planalign::report::alignment_markdown(&alignment);
    let _ = alignment.to_json().expect("JSON");
});

fn check(s: &Shares) {
    for f in [s.identical(), s.adapted(), s.own()] {
        assert!((0.0..=1.0).contains(&f), "{s:?}");
    }
    let sum = s.identical() + s.adapted() + s.own();
    assert!(
        (s.chars() == 0 && sum == 0.0) || (sum - 1.0).abs() < 1e-9,
        "shares do not add up: {s:?}"
    );
}

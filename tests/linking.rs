//! Linking prose targets to table rows in time linear in the document, never skipped: a
//! document that holds a plan 64 times over links every target that one copy links, to
//! the same row (of one of the copies).

use planalign::{corpus, parse};

#[test]
fn sixty_four_copies_link_as_one() {
    for id in ["dinghu", "zhanjiang"] {
        let text = corpus::text(id).expect("bundled");
        let one = parse(text).value;
        let per_copy = text.split('\n').count();
        let copies = 64;
        let many_text = vec![text.trim_end_matches('\n'); copies].join("\n");
        let many = parse(&many_text).value;
        let linked_once: Vec<_> = one
            .targets
            .iter()
            .filter_map(|t| Some((t.line, &t.phrase, one.indicators.get(t.indicator?)?.line)))
            .collect();
        assert!(!linked_once.is_empty(), "{id} links no target");
        for c in 0..copies {
            let offset = c * per_copy;
            for (target_line, phrase, row_line) in &linked_once {
                let t = many
                    .targets
                    .iter()
                    .find(|t| t.line == target_line + offset && &&t.phrase == phrase)
                    .unwrap_or_else(|| {
                        panic!("{id}: copy {c} lacks the target of line {target_line}")
                    });
                // The same row of some copy: a document that holds the plan many times
                // over has no way to say which copy's table a sentence belongs to.
                let row = t.indicator.and_then(|k| many.indicators.get(k));
                assert_eq!(
                    row.map(|r| (r.line - 1) % per_copy + 1),
                    Some(*row_line),
                    "{id}: copy {c}, target of line {target_line} ({})",
                    t.phrase
                );
            }
        }
    }
}

//! A plan's text at K times its size, for timing text reuse: K copies of its paragraphs,
//! copy k with its CJK ideographs shifted by k · 997 within their block, so that the
//! copies share no passage with each other. `benches/reuse.rs` and `simulate reuse` read
//! the same input.

use planalign::Plan;
use planalign::model::Paragraph;

/// Shifts the CJK unified ideographs of a text by `k · 997` within their block.
pub fn shifted(text: &str, k: u32) -> String {
    const START: u32 = 0x4e00;
    const LEN: u32 = 0x9fff - 0x4e00 + 1;
    text.chars()
        .map(|c| {
            let u = u32::from(c);
            if k == 0 || !(START..START + LEN).contains(&u) {
                return c;
            }
            char::from_u32(START + (u - START + k * 997) % LEN).unwrap_or(c)
        })
        .collect()
}

/// `copies` differently shifted copies of a plan's paragraphs, one after the other.
pub fn scaled(plan: &Plan, copies: u32) -> Plan {
    let mut out = plan.clone();
    out.paragraphs.clear();
    let mut line = 0;
    for k in 0..copies {
        for p in &plan.paragraphs {
            line += 1;
            out.paragraphs.push(Paragraph {
                text: shifted(&p.text, k),
                line,
            });
        }
    }
    out
}

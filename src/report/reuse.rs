//! Text reuse as Markdown: the passages two plans share, and the corpus's shared-text
//! matrix.

use std::fmt::Write;

use crate::reuse::{
    AlignedPassage, Change, ChangeClass, ChapterShare, Location, Passage, PassageKind, ReuseMatrix,
    Shares, TextAlignment,
};

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Where a passage is: `(L38 第二章 第三节)`, or `(L38)` without an outline.
fn place(loc: &Location) -> String {
    let mut out = format!("(L{}", loc.line());
    if let Some(c) = loc.chapter() {
        let _ = write!(out, " {}", c.number());
        if let Some(s) = loc.section() {
            let _ = write!(out, " {}", s.number());
        }
    }
    out.push(')');
    out
}

/// The normalized text of a passage with the given spans (char offset, char length)
/// wrapped in `open` … `close`.
fn marked(p: &Passage, spans: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut spans = spans.iter().filter(|(_, n)| *n > 0).peekable();
    let mut inside: Option<usize> = None; // end of the open span
    for (k, c) in p.normalized().chars().enumerate() {
        if inside == Some(k) {
            out.push_str(close);
            inside = None;
        }
        if inside.is_none() {
            if let Some(&&(at, n)) = spans.peek() {
                if at == k {
                    out.push_str(open);
                    inside = Some(at + n);
                    spans.next();
                }
            }
        }
        out.push(c);
    }
    if inside.is_some() {
        out.push_str(close);
    }
    out
}

/// A change as `[-a-]{+b+}`.
fn inline(c: &Change) -> String {
    let mut out = String::new();
    if !c.a().is_empty() {
        let _ = write!(out, "[-{}-]", c.a());
    }
    if !c.b().is_empty() {
        let _ = write!(out, "{{+{}+}}", c.b());
    }
    out
}

fn shares_rows(out: &mut String, a: &Shares, b: &Shares) {
    let _ = writeln!(out, "| characters | {} | {} |", a.chars(), b.chars());
    let _ = writeln!(
        out,
        "| identical | {} | {} |",
        pct(a.identical()),
        pct(b.identical())
    );
    let _ = writeln!(
        out,
        "| adapted | {} | {} |",
        pct(a.adapted()),
        pct(b.adapted())
    );
    let _ = writeln!(out, "| own | {} | {} |", pct(a.own()), pct(b.own()));
}

fn chapters(out: &mut String, label: &str, rows: &[ChapterShare]) {
    let _ = writeln!(out, "\n### {}\n", cell(label));
    if rows.iter().all(|r| r.chapter().is_none()) {
        let _ = writeln!(
            out,
            "The plan's outline is not known: its text is measured as a whole above."
        );
        return;
    }
    let _ = writeln!(out, "| chapter | characters | identical | adapted | own |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    for r in rows {
        let name = r.chapter().map_or_else(
            || "(before the first chapter)".to_string(),
            |c| format!("{} {}", c.number(), c.title()),
        );
        let s = r.shares();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&name),
            s.chars(),
            pct(s.identical()),
            pct(s.adapted()),
            pct(s.own())
        );
    }
}

fn adapted_row(out: &mut String, k: usize, p: &AlignedPassage) {
    let (Some(a), Some(b)) = (p.a(), p.b()) else {
        return;
    };
    let spans_a: Vec<(usize, usize)> = p
        .changes()
        .iter()
        .map(|c| (c.a_offset(), c.a().chars().count()))
        .collect();
    let spans_b: Vec<(usize, usize)> = p
        .changes()
        .iter()
        .map(|c| (c.b_offset(), c.b().chars().count()))
        .collect();
    let changes: Vec<String> = p
        .changes()
        .iter()
        .map(|c| format!("{} `{}`", c.class().name(), inline(c)))
        .collect();
    let _ = writeln!(
        out,
        "| {k} | {} {} | {} {} | {:.2} | {} |",
        place(a.location()),
        cell(&marked(a, &spans_a, "[-", "-]")),
        place(b.location()),
        cell(&marked(b, &spans_b, "{+", "+}")),
        p.similarity(),
        cell(&changes.join("; "))
    );
}

/// Two plans' text reuse as Markdown: the shares of identical, adapted and own text, per
/// plan and chapter, and each adapted passage with its changes marked.
///
/// ```
/// let corpus = planalign::corpus::guangdong()?;
/// let t = planalign::reuse::align_text(corpus.plan("zhanjiang")?, corpus.plan("dinghu")?);
/// let md = planalign::report::alignment_markdown(&t);
/// assert!(md.starts_with("# Text reuse: zhanjiang and dinghu"));
/// # Ok::<(), planalign::Error>(())
/// ```
pub fn alignment_markdown(t: &TextAlignment) -> String {
    let mut out = String::new();
    let (a, b) = (cell(t.a_label()), cell(t.b_label()));
    let _ = writeln!(out, "# Text reuse: {a} and {b}\n");
    let unmatched_a = t
        .of_kind(PassageKind::Unmatched)
        .filter(|p| p.a().is_some())
        .count();
    let unmatched_b = t
        .of_kind(PassageKind::Unmatched)
        .filter(|p| p.b().is_some())
        .count();
    let _ = writeln!(
        out,
        "{} identical and {} adapted passages (similarity ≥ {}); {} passages of {a} \
         and {} of {b} unmatched. Shares count normalized characters.\n",
        t.count(PassageKind::Identical),
        t.count(PassageKind::Adapted),
        t.threshold(),
        unmatched_a,
        unmatched_b,
    );
    let _ = writeln!(out, "| | {a} | {b} |\n|---|---:|---:|");
    shares_rows(&mut out, t.a_shares(), t.b_shares());
    let mut classes: Vec<(ChangeClass, usize)> = Vec::new();
    for c in t.passages().iter().flat_map(|p| p.changes()) {
        match classes.iter_mut().find(|(k, _)| *k == c.class()) {
            Some((_, n)) => *n += 1,
            None => classes.push((c.class(), 1)),
        }
    }
    if !classes.is_empty() {
        classes.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let list: Vec<String> = classes
            .iter()
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        let _ = writeln!(out, "\nChanges in adapted passages: {}.", list.join(", "));
    }

    let _ = writeln!(out, "\n## By chapter");
    chapters(&mut out, t.a_label(), t.a_chapters());
    chapters(&mut out, t.b_label(), t.b_chapters());

    let _ = writeln!(out, "\n## Adapted passages\n");
    let _ = writeln!(
        out,
        "Normalized text; `[-…-]` marks what {a} has and {b} changed, `{{+…+}}` what {b} has instead.\n"
    );
    let _ = writeln!(
        out,
        "| # | {a} | {b} | similarity | changes |\n|---:|---|---|---:|---|"
    );
    for (k, p) in t.of_kind(PassageKind::Adapted).enumerate() {
        adapted_row(&mut out, k + 1, p);
    }
    out
}

/// The shared text of every pair of plans as a Markdown table, with each plan's nearest
/// plan.
pub fn reuse_matrix_markdown(m: &ReuseMatrix) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Shared text across the corpus\n");
    let _ = writeln!(
        out,
        "Each cell: the share of the row plan's text in passages identical to or adapted \
         from the column plan.\n"
    );
    let labels: Vec<String> = m.labels().iter().map(|l| cell(l)).collect();
    let _ = writeln!(
        out,
        "| plan | characters | {} | nearest |",
        labels.join(" | ")
    );
    let _ = writeln!(out, "|---|---:|{}---|", "---:|".repeat(m.len()));
    for i in 0..m.len() {
        let row: Vec<String> = (0..m.len())
            .map(|j| {
                if i == j {
                    "—".to_string()
                } else {
                    pct(m.share(i, j))
                }
            })
            .collect();
        let nearest = m.nearest(i).map_or_else(
            || "none".to_string(),
            |(j, s)| format!("{} ({})", labels[j], pct(s)),
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            labels[i],
            m.chars(i),
            row.join(" | "),
            nearest
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}

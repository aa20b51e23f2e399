//! Judging one target against another: bounds, direction, and what cannot be judged.

use serde::{Deserialize, Serialize};

use super::Verdict;
use crate::model::{Accumulation, Bound, Missing, Value, ValueKind};
use crate::registry::Direction;

/// A plan's implied growth on one key: target over baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Growth {
    /// Target / baseline.
    pub ratio: f64,
    /// The compound annual rate over the plan's years: ratio^(1/years) − 1.
    pub annual_rate: f64,
}

/// Growth from a baseline to a target, when both are positive numbers of the same kind
/// (levels, or cumulative totals; never increments): `None` when there
/// is nothing to compute, `Some(Err(why))` when the growth is past the range of an f64 (a
/// baseline of 1e-300 and a target of 1e300), which is no number to report.
pub(crate) fn growth(
    baseline: Option<&Value>,
    target: Option<&Value>,
    years: u16,
) -> Option<Result<Growth, String>> {
    let (baseline, target) = (baseline?, target?);
    // Target over baseline is growth only between two levels or two cumulative totals:
    // an increment over the period (规划期间新增) does not grow from its baseline.
    let (ab, at) = (baseline.accumulation(), target.accumulation());
    if ab != at || at == Accumulation::Increment {
        return None;
    }
    let b = baseline.number()?;
    let t = target.number()?;
    if !b.is_finite() || !t.is_finite() {
        return Some(Err(format!(
            "the {} is not a finite number in the canonical unit",
            if b.is_finite() { "target" } else { "baseline" }
        )));
    }
    if b <= 0.0 || t < 0.0 || years == 0 {
        return None;
    }
    let ratio = t / b;
    let annual_rate = ratio.powf(1.0 / f64::from(years)) - 1.0;
    if !ratio.is_finite() || !annual_rate.is_finite() {
        return Some(Err(format!(
            "target / baseline ({t:e} / {b:e}) is past the range of a finite number"
        )));
    }
    Some(Ok(Growth { ratio, annual_rate }))
}

pub(crate) struct Judged {
    pub verdict: Verdict,
    pub reason: Option<String>,
    pub delta: Option<f64>,
    pub ratio: Option<f64>,
    /// Why the delta or the ratio is not reported although the numbers are there: it
    /// would not be a finite number.
    pub overflow: Option<String>,
}

/// `reason`, with `note` added after whatever it says already.
pub(crate) fn add_note(reason: &mut Option<String>, note: &str) {
    *reason = Some(match reason.take() {
        Some(r) => format!("{r}; {note}"),
        None => note.to_string(),
    });
}

pub(super) fn describe_missing(v: &Value) -> String {
    match v.kind() {
        ValueKind::Missing(Missing::Placeholder) => format!("a placeholder ({})", v.raw()),
        ValueKind::Missing(Missing::NotApplicable) => format!("not applicable ({})", v.raw()),
        ValueKind::Missing(Missing::Undetermined) => "blank (not yet determined)".to_string(),
        ValueKind::Text => format!("a text mandate ({})", v.raw()),
        _ => "no number".to_string(),
    }
}

/// How strict a bound is at the same number, for a higher-is-better key.
fn bound_rank(b: Bound) -> i8 {
    match b {
        Bound::Gt => 1,
        Bound::Ge | Bound::Eq => 0,
        Bound::Le => -1,
        Bound::Lt => -2,
    }
}

/// Which of the difference and the ratio of `cn` and `pn` are past the range of an f64,
/// in words; `None` when both are finite.
fn overflow_note(cn: f64, pn: f64, delta: f64, ratio: Option<f64>) -> Option<String> {
    let lost: Vec<&str> = [
        ("the difference", !delta.is_finite()),
        ("the ratio", ratio.is_some_and(|r| !r.is_finite())),
    ]
    .into_iter()
    .filter_map(|(what, lost)| lost.then_some(what))
    .collect();
    (!lost.is_empty()).then(|| {
        format!(
            "{} of {cn:e} and {pn:e} {} past the range of a finite number: not reported",
            lost.join(" and "),
            if lost.len() > 1 { "are" } else { "is" }
        )
    })
}

/// Judges the child's value against the parent's. `child` and `parent` are the values in
/// the canonical unit (None when they could not be converted); `craw` and `praw` as stated.
pub(crate) fn judge(
    child: Option<&Value>,
    parent: Option<&Value>,
    craw: &Value,
    praw: &Value,
    direction: Direction,
    extensive: bool,
    unit_problem: Option<&str>,
) -> Judged {
    let incomparable = |reason: String| Judged {
        verdict: Verdict::Incomparable,
        reason: Some(reason),
        delta: None,
        ratio: None,
        overflow: None,
    };
    if !craw.is_number() {
        return incomparable(format!(
            "no numeric value in the child: {}",
            describe_missing(craw)
        ));
    }
    if !praw.is_number() {
        return incomparable(format!(
            "no numeric value in the parent: {}",
            describe_missing(praw)
        ));
    }
    let (Some(c), Some(p)) = (child, parent) else {
        return incomparable(format!(
            "units do not convert: {}",
            unit_problem.unwrap_or("per-capita against absolute, or unknown units")
        ));
    };
    let (Some(cn), Some(pn)) = (c.number(), p.number()) else {
        return incomparable("no numeric value".into());
    };
    if let Some(side) = [(cn, "child"), (pn, "parent")]
        .into_iter()
        .find_map(|(n, side)| (!n.is_finite()).then_some(side))
    {
        return incomparable(format!(
            "the {side}'s value is past the range of a finite number in the canonical unit"
        ));
    }
    let delta = cn - pn;
    let ratio = (pn != 0.0).then(|| cn / pn);
    let overflow = overflow_note(cn, pn, delta, ratio);
    let delta = Some(delta).filter(|d| d.is_finite());
    let ratio = ratio.filter(|r| r.is_finite());
    let with_numbers = |verdict, reason: Option<String>| Judged {
        verdict,
        reason,
        delta,
        ratio,
        overflow: overflow.clone(),
    };
    let word = |a: Accumulation| match a {
        Accumulation::Level => "a level",
        Accumulation::Cumulative => "a cumulative total",
        Accumulation::Increment => "an increment over the plan period",
    };
    let accumulation = (c.accumulation() != p.accumulation()).then(|| {
        format!(
            "{} against {}",
            word(c.accumulation()),
            word(p.accumulation())
        )
    });
    if extensive {
        let mut reason =
            "an extensive quantity across localities of different size: compare growth, not levels"
                .to_string();
        if let Some(a) = accumulation {
            reason.push_str("; also ");
            reason.push_str(&a);
        }
        return with_numbers(Verdict::Incomparable, Some(reason));
    }
    if let Some(a) = accumulation {
        // The numbers still convert; the delta is reported, the verdict withheld.
        return with_numbers(Verdict::Incomparable, Some(a));
    }
    let tolerance = 1e-9 * cn.abs().max(pn.abs()).max(1.0);
    let by_number = if (cn - pn).abs() <= tolerance {
        bound_rank(c.bound()).cmp(&bound_rank(p.bound()))
    } else if cn > pn {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Less
    };
    use std::cmp::Ordering::*;
    let verdict = match (direction, by_number) {
        (_, Equal) => Verdict::Equal,
        (Direction::Higher, Greater) | (Direction::Lower, Less) => Verdict::Stricter,
        (Direction::Higher, Less) | (Direction::Lower, Greater) => Verdict::Looser,
        (Direction::Target, _) => {
            return with_numbers(
                Verdict::Incomparable,
                Some("a value to hit, not a floor or a ceiling: the targets differ".into()),
            );
        }
    };
    with_numbers(verdict, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        s.parse().unwrap_or_else(|_| Value::blank())
    }

    fn verdict(c: &str, p: &str, d: Direction) -> Verdict {
        let (c, p) = (v(c), v(p));
        judge(Some(&c), Some(&p), &c, &p, d, false, None).verdict
    }

    #[test]
    fn bounds_count() {
        assert_eq!(verdict("≥90", "90", Direction::Higher), Verdict::Equal);
        assert_eq!(verdict("≥90", "≥92", Direction::Higher), Verdict::Looser);
        assert_eq!(verdict("≥1", "≥2", Direction::Higher), Verdict::Looser);
        assert_eq!(verdict(">90", "≥90", Direction::Higher), Verdict::Stricter);
        assert_eq!(verdict("3", "5", Direction::Lower), Verdict::Stricter);
        assert_eq!(verdict("X", "5", Direction::Higher), Verdict::Incomparable);
        assert_eq!(
            verdict("〔5〕", "5", Direction::Higher),
            Verdict::Incomparable
        );
    }

    #[test]
    fn growth_is_compound() {
        let g = growth(Some(&v("100")), Some(&v("161.051")), 5)
            .expect("growth")
            .expect("finite");
        assert!((g.ratio - 1.61051).abs() < 1e-12);
        assert!((g.annual_rate - 0.1).abs() < 1e-9, "{}", g.annual_rate);
    }
}

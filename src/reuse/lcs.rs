//! The length of the longest common subsequence of two texts, computed 64 characters at
//! a time (the bit-parallel method of Allison and Dix, 1986, as refined by Hyyrö, 2004).
//!
//! This scores candidate pairs; it is not a diff. The diff of the pairs that are matched
//! comes from the `similar` crate, whose Myers diff finds the same number of common
//! characters (a test checks it). Scoring this way costs `|a|·|b|/64` word operations
//! whatever the texts, where a diff costs `(|a| + |b|)·D` for `D` edits: on dissimilar
//! long passages (an adversary's block-shuffled text) that is the difference between
//! microseconds and milliseconds per pair.

/// The length of the longest common subsequence of `x` and `y`.
pub(crate) fn lcs_len(x: &[char], y: &[char]) -> usize {
    // The shorter text is the pattern, held as bit masks.
    let (p, t) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if p.is_empty() {
        return 0;
    }
    let words = p.len().div_ceil(64);
    // The pattern's distinct chars, sorted, and for each its mask of positions.
    let mut at: Vec<(char, usize)> = p.iter().copied().zip(0..).collect();
    at.sort_unstable();
    let mut chars: Vec<char> = Vec::new();
    let mut masks: Vec<u64> = Vec::new();
    for (c, i) in at {
        if chars.last() != Some(&c) {
            chars.push(c);
            masks.extend(std::iter::repeat_n(0, words));
        }
        let base = (chars.len() - 1) * words;
        if let Some(w) = masks.get_mut(base + i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    // V has a 0 bit for each pattern position in the common subsequence so far.
    let mut v = vec![u64::MAX; words];
    for c in t {
        let Ok(k) = chars.binary_search(c) else {
            continue;
        };
        let Some(m) = masks.get(k * words..(k + 1) * words) else {
            continue;
        };
        let mut carry = false;
        for (vw, mw) in v.iter_mut().zip(m) {
            let u = *vw & mw;
            let (sum, c1) = vw.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *vw = sum | (*vw & !mw);
        }
    }
    let tail = p.len() % 64;
    v.iter()
        .enumerate()
        .map(|(k, w)| {
            let w = if k + 1 == words && tail != 0 {
                w | (u64::MAX << tail)
            } else {
                *w
            };
            w.count_zeros() as usize
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook quadratic dynamic programme.
    fn lcs_dp(x: &[char], y: &[char]) -> usize {
        let mut row = vec![0usize; y.len() + 1];
        for a in x {
            let mut diag = 0;
            for (j, b) in y.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if a == b { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[y.len()]
    }

    #[test]
    fn small_cases() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(lcs_len(&c(""), &c("abc")), 0);
        assert_eq!(lcs_len(&c("达到国内一流水平"), &c("达到省内一流水平")), 7);
        assert_eq!(lcs_len(&c("abcbdab"), &c("bdcaba")), 4);
        let long: Vec<char> = "市场监管".repeat(50).chars().collect();
        assert_eq!(lcs_len(&long, &long), 200);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn agrees_with_the_quadratic_programme(x in "[abc市场监]{0,150}", y in "[abc市场监]{0,150}") {
            let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            prop_assert_eq!(lcs_len(&x, &y), lcs_dp(&x, &y));
            prop_assert_eq!(lcs_len(&y, &x), lcs_dp(&x, &y));
        }

        #[test]
        fn agrees_with_the_diff(x in "[abc市场监]{0,150}", y in "[abc市场监]{0,150}") {
            let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            let (ratio, _) = super::super::change::diff(&x, &y);
            let total = x.len() + y.len();
            let expected = if total == 0 { 1.0 } else { (2 * lcs_len(&x, &y)) as f64 / total as f64 };
            prop_assert_eq!(ratio, expected);
        }
    }
}

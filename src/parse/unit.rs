//! Reading a unit's text into a [`Unit`].

use std::str::FromStr;

use crate::error::{Error, ErrorKind};
use crate::model::Unit;

/// Multiplier prefixes, longest first.
const MULTIPLIERS: [(&str, i8); 6] = [
    ("百万", 6),
    ("千万", 7),
    ("十万", 5),
    ("万", 4),
    ("千", 3),
    ("亿", 8),
];

impl FromStr for Unit {
    type Err = Error;

    /// Parses a unit as plans write them: `万户`, `批次/千人年`, `份/百万人`, `%`, `亿元`.
    /// A unit the grammar does not know is kept whole as its own base unit.
    fn from_str(s: &str) -> Result<Unit, Error> {
        let raw = s.trim().to_string();
        let folded: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '％' => '%',
                '／' => '/',
                '·' | '•' | '．' => '/',
                c => c,
            })
            .collect();
        if folded.is_empty() {
            return Err(Error::new(ErrorKind::InvalidUnit(
                "the text is empty".into(),
            )));
        }
        let mut parts = folded.split('/').filter(|p| !p.is_empty());
        let numerator = parts.next().unwrap_or("");
        let mut per_population = None;
        let mut per_year = false;
        let mut other_denominators = Vec::new();
        for part in parts {
            let mut d = part;
            if let Some(rest) = d.strip_suffix('年') {
                per_year = true;
                d = rest;
            }
            if d.is_empty() {
                continue;
            }
            match population(d) {
                Some(p) if per_population.is_none() => per_population = Some(p),
                _ => other_denominators.push(d),
            }
        }
        let (multiplier, base) = split_multiplier(numerator);
        let mut base = base.to_string();
        for d in other_denominators {
            base.push('/');
            base.push_str(d);
        }
        Ok(Unit {
            raw,
            base,
            multiplier,
            per_population,
            per_year,
        })
    }
}

/// `千人` → 3, `万人口` → 4, `百万人` → 6, `人` → 0.
fn population(d: &str) -> Option<i8> {
    let d = d.strip_prefix('每').unwrap_or(d);
    let (m, rest) = split_multiplier(d);
    let rest = rest.strip_prefix("常住").unwrap_or(rest);
    matches!(rest, "人" | "人口").then_some(m)
}

fn split_multiplier(s: &str) -> (i8, &str) {
    if s.contains("百分") || s == "%" {
        return (0, s);
    }
    for (p, m) in MULTIPLIERS {
        if let Some(rest) = s.strip_prefix(p) {
            if !rest.is_empty() {
                return (m, rest);
            }
        }
    }
    (0, s)
}

/// Whether text reads as a unit: short, without digits, and either known to the grammar
/// or made of unit characters. Used to tell a unit cell from a name cell, and to find a
/// unit written in parentheses inside a name.
pub(crate) fn looks_like_unit(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 || n > 10 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if s == "%" || s == "％" || s.contains("百分点") {
        return true;
    }
    let Ok(u) = s.parse::<Unit>() else {
        return false;
    };
    let base = u.base.split('/').next().unwrap_or("");
    let known = [
        "户",
        "件",
        "项",
        "张",
        "批次",
        "份",
        "人",
        "元",
        "个",
        "家",
        "台",
        "天",
        "日",
        "次",
        "起",
        "所",
        "人次",
        "例",
        "条",
        "家次",
        "小时",
        "分钟",
        "个工作日",
        "工作日",
        "吨",
        "克",
        "千克",
        "公斤",
        "亩",
        "座",
        "部",
        "台套",
        "类",
        "种",
        "批",
        "宗",
        "万",
        "亿",
    ];
    known.contains(&base) || u.per_population.is_some() || u.per_year
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Unit {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn grammar() {
        let a = u("万批次/年");
        assert_eq!(
            (a.base(), a.multiplier(), a.is_per_year()),
            ("批次", 4, true)
        );
        let b = u("批次/千人年");
        assert_eq!(
            (b.base(), b.per_population(), b.is_per_year()),
            ("批次", Some(3), true)
        );
        assert_eq!(u("份/百万人").per_population(), Some(6));
        assert_eq!(u("人/万人口").per_population(), Some(4));
        assert_eq!(u("亿元").multiplier(), 8);
        assert_eq!(u("%").base(), "%");
        assert_eq!(u("个百分点").multiplier(), 0);
        assert_eq!(u("批次/\n千人").per_population(), Some(3));
        assert!("".parse::<Unit>().is_err());
    }

    #[test]
    fn conversion() {
        assert_eq!(u("万件").convert(8.0, &u("件")).ok(), Some(80_000.0));
        assert_eq!(u("万批次/年").factor_to(&u("批次/年")).ok(), Some(10_000.0));
        assert_eq!(u("批次/千人").factor_to(&u("批次/千人年")).ok(), Some(1.0));
        assert_eq!(u("份/百万人").factor_to(&u("份/万人")).ok(), Some(0.01));
        assert!(u("批次/千人").factor_to(&u("批次/年")).is_err());
        assert!(u("%").factor_to(&u("件")).is_err());
        assert_eq!(u("万户").canonical().raw(), "户");
        assert_eq!(u("万批次/年").canonical().raw(), "批次/年");
    }

    #[test]
    fn unit_or_not() {
        for s in [
            "万户",
            "%",
            "批次/千人",
            "件",
            "项",
            "份/百万人",
            "人/万人口",
            "亿元",
            "张",
        ] {
            assert!(looks_like_unit(s), "{s}");
        }
        for s in [
            "期末市场主体总量",
            "98",
            "生产领域（地市级、县区级）",
            "总体数据",
        ] {
            assert!(!looks_like_unit(s), "{s}");
        }
    }
}

//! Units of measure, kept apart from their power-of-ten multiplier as SDMX does.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::text::Lexicon;

/// A unit as a plan writes it, with its structure.
///
/// `万批次/年` is the base unit 批次 with multiplier 10⁴ per year; `批次/千人年` is 批次 per
/// 10³ people per year. The raw text is kept. Units convert into each other only when they
/// measure the same thing: 万户 and 户 do, 批次/千人 and 批次/年 do not (one is per-capita).
///
/// ```
/// use planalign::Unit;
/// let wan: Unit = "万户".parse()?;
/// let hu: Unit = "户".parse()?;
/// assert_eq!(wan.factor_to(&hu)?, 10_000.0);
/// let a: Unit = "批次/千人年".parse()?;
/// let b: Unit = "批次/千人".parse()?;
/// assert_eq!(a.factor_to(&b)?, 1.0);
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Unit {
    pub(crate) raw: String,
    pub(crate) base: String,
    pub(crate) multiplier: i8,
    pub(crate) per_population: Option<i8>,
    pub(crate) per_year: bool,
}

/// What kind of quantity a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// A percentage (%).
    Percent,
    /// Percentage points (个百分点), a difference of percentages.
    PercentagePoints,
    /// A count of things (户, 件, 项, 批次 …), possibly per year.
    Count,
    /// A count per population (per 1,000 people, per 10,000 people …).
    PerCapita,
    /// Money (元).
    Money,
    /// A duration (天, 小时, 个工作日).
    Duration,
}

impl Unit {
    /// The text as the document wrote it.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The base unit without multiplier or denominator: 户 for 万户, 批次 for 批次/千人年.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The power of ten of the multiplier: 4 for 万户, 8 for 亿元, 0 for 户.
    pub fn multiplier(&self) -> i8 {
        self.multiplier
    }

    /// The power of ten of the population base: 3 for 批次/千人, 4 for 人/万人口, 6 for 份/百万人.
    pub fn per_population(&self) -> Option<i8> {
        self.per_population
    }

    /// Whether the unit is stated per year (…/年, …/千人年).
    pub fn is_per_year(&self) -> bool {
        self.per_year
    }

    /// What the unit measures.
    pub fn dimension(&self) -> Dimension {
        if self.per_population.is_some() {
            return Dimension::PerCapita;
        }
        let words = &Lexicon::bundled().units;
        let base = self.base.as_str();
        if words.percent.contains(base) {
            Dimension::Percent
        } else if words.points.contains(base) {
            Dimension::PercentagePoints
        } else if words.money.contains(base) {
            Dimension::Money
        } else if words.duration.contains(base) {
            Dimension::Duration
        } else {
            Dimension::Count
        }
    }

    /// Whether the unit is a percentage.
    pub fn is_percent(&self) -> bool {
        self.dimension() == Dimension::Percent
    }

    /// The same unit without its multiplier: the canonical form (户 for 万户, 批次/年 for 万批次/年).
    pub fn canonical(&self) -> Unit {
        let mut u = Unit {
            raw: String::new(),
            base: self.base.clone(),
            multiplier: 0,
            per_population: self.per_population,
            per_year: self.per_year,
        };
        u.raw = u.compose();
        u
    }

    fn compose(&self) -> String {
        let mut s = String::new();
        s.push_str(multiplier_word(self.multiplier));
        s.push_str(&self.base);
        if self.per_population.is_some() || self.per_year {
            s.push('/');
            if let Some(p) = self.per_population {
                s.push_str(multiplier_word(p));
                s.push_str(
                    Lexicon::bundled()
                        .population
                        .people
                        .iter()
                        .last()
                        .unwrap_or_default(),
                );
            }
            if self.per_year {
                s.push_str(&Lexicon::bundled().units.year);
            }
        }
        s
    }

    /// The factor that converts a number in `self` into a number in `to`:
    /// `x` 万户 is `x * factor` 户.
    ///
    /// Errors when the units are not commensurable: different base units, per-capita
    /// against absolute (no population is known here), percent against a count.
    /// The generic measure word 个 counts whatever the other unit counts (个 ≡ 项 of
    /// standards). A rate stated per year and one without a period are the same annual rate
    /// (批次/千人 ≡ 批次/千人年): plan targets are annual.
    pub fn factor_to(&self, to: &Unit) -> Result<f64, Error> {
        let mismatch = |why: String| Error::new(ErrorKind::Units(why));
        // 个 is the generic measure word: 个 of standards are 项 of standards.
        let generic = |u: &Unit| {
            u.base == Lexicon::bundled().units.generic && u.dimension() == Dimension::Count
        };
        let same_base = self.base == to.base
            || ((generic(self) || generic(to))
                && self.dimension() == Dimension::Count
                && to.dimension() == Dimension::Count);
        if !same_base {
            return Err(mismatch(format!(
                "{} counts {} and {} counts {}",
                self.raw, self.base, to.raw, to.base
            )));
        }
        match (self.per_population, to.per_population) {
            (Some(a), Some(b)) => Ok(10f64.powi(i32::from(self.multiplier - to.multiplier))
                * 10f64.powi(i32::from(b - a))),
            (None, None) => Ok(10f64.powi(i32::from(self.multiplier - to.multiplier))),
            _ => Err(mismatch(format!(
                "{} and {}: a per-capita figure and an absolute one do not convert without a population",
                self.raw, to.raw
            ))),
        }
    }

    /// Converts a number from `self` into `to`.
    pub fn convert(&self, x: f64, to: &Unit) -> Result<f64, Error> {
        Ok(x * self.factor_to(to)?)
    }

    /// Whether numbers in the two units can be converted into each other.
    pub fn is_commensurable(&self, other: &Unit) -> bool {
        self.factor_to(other).is_ok()
    }
}

/// The written prefix for a power of ten.
pub(crate) fn multiplier_word(power: i8) -> &'static str {
    if power == 0 {
        return "";
    }
    Lexicon::bundled()
        .units
        .multipliers
        .word_for(i64::from(power))
        .unwrap_or("")
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl From<Unit> for String {
    fn from(u: Unit) -> String {
        u.raw
    }
}

impl TryFrom<String> for Unit {
    type Error = Error;

    fn try_from(s: String) -> Result<Unit, Error> {
        s.parse()
    }
}

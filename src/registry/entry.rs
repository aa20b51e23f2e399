//! One canonical indicator of the registry.

use serde::{Deserialize, Serialize};

use crate::model::{Dimension, Unit};

/// The policy domain an indicator belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Domain {
    /// 市场主体: market entities.
    MarketEntities,
    /// 知识产权: intellectual property.
    Ip,
    /// 标准化: standards.
    Standards,
    /// 计量: metrology.
    Metrology,
    /// 认证认可检验检测: certification, accreditation, testing.
    Certification,
    /// 食品安全: food safety.
    Food,
    /// 药品: drugs.
    Drugs,
    /// 医疗器械: medical devices.
    Devices,
    /// 化妆品: cosmetics.
    Cosmetics,
    /// 特种设备: special equipment.
    SpecialEquipment,
    /// 产品质量: product quality.
    ProductQuality,
    /// 消费者权益保护: consumer protection.
    ConsumerProtection,
    /// 执法: enforcement.
    Enforcement,
    /// 信用监管: credit supervision.
    Credit,
    /// 公平竞争: competition.
    Competition,
    /// Anything else.
    Other,
}

/// What kind of quantity the indicator's unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitDimension {
    /// A percentage.
    Percent,
    /// A count.
    Count,
    /// A count per population.
    PerCapita,
    /// Money.
    Money,
    /// A duration.
    Duration,
    /// A rate per some other base (per 10,000 devices, per 10,000 entities).
    Ratio,
}

impl UnitDimension {
    /// Whether a unit measuring `dimension` can be this key's unit: the same dimension,
    /// and for a rate per some other base its numerator (a count; 起 of 起/万台).
    pub(crate) fn admits(self, dimension: Dimension) -> bool {
        match self {
            UnitDimension::Percent => dimension == Dimension::Percent,
            UnitDimension::Count => dimension == Dimension::Count,
            UnitDimension::PerCapita => dimension == Dimension::PerCapita,
            UnitDimension::Money => dimension == Dimension::Money,
            UnitDimension::Duration => dimension == Dimension::Duration,
            UnitDimension::Ratio => !matches!(dimension, Dimension::PerCapita | Dimension::Percent),
        }
    }
}

/// Whether an indicator compares across localities of different size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extent {
    /// A rate, coverage or per-capita figure: comparable across localities.
    Intensive,
    /// A count that scales with the locality: compare growth, not levels.
    Extensive,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Higher,
    /// Lower is better (deaths, accident rates, processing days).
    Lower,
    /// A value to hit; more is not simply better.
    Target,
}

/// An alias of a canonical indicator and where it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The name as written.
    pub name: String,
    /// Where it was seen (plan id and row) or why it was added.
    pub source: String,
}

/// One canonical indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Entry {
    /// The stable key, dotted English (`food.bright_kitchen.coverage`).
    pub key: String,
    /// The preferred Chinese name.
    pub name_zh: String,
    /// The English name.
    pub name_en: String,
    /// The domain.
    pub domain: Domain,
    /// The unit dimension.
    pub dimension: UnitDimension,
    /// The canonical unit, without multiplier.
    pub unit: Unit,
    /// Intensive or extensive.
    pub kind: Extent,
    /// Which way is better.
    pub direction: Direction,
    /// Whether the unit decides between this key and another for the same name.
    #[serde(default)]
    pub unit_disambiguates: bool,
    /// Words that narrow scope, level or sector without changing the key (市级, 生产领域).
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Broader keys.
    #[serde(default)]
    pub broader: Vec<String>,
    /// Narrower keys.
    #[serde(default)]
    pub narrower: Vec<String>,
    /// Related but different keys.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// Free text.
    #[serde(default)]
    pub note: Option<String>,
    /// Aliases, each with its source.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// Names this key shares with another; only the unit decides between them.
    #[serde(default)]
    pub ambiguous_aliases: Vec<Alias>,
    /// Names withdrawn from this key by a `[[withdraw]]` table of a registry file, each
    /// with why: they no longer resolve to it, not even as a close match.
    #[serde(skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<Alias>,
}

impl Entry {
    /// Whether the key is a per-capita quantity.
    pub fn is_per_capita(&self) -> bool {
        self.dimension == UnitDimension::PerCapita || self.unit.per_population().is_some()
    }

    /// Whether the key compares across localities of different size.
    pub fn is_intensive(&self) -> bool {
        self.kind == Extent::Intensive
    }
}

//! A plan: its identity, its indicator table and the rest of its structure.

use serde::{Deserialize, Serialize};

use super::{Chapter, Goal, Indicator, Paragraph, Project, ProseTarget, TableInfo};

/// The level of a locality in the administrative hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// The nation (国家).
    National,
    /// 省: a province.
    Province,
    /// 地级市: a prefecture-level city.
    PrefectureCity,
    /// 县级区 / 县 / 县级市: a county-level district, county or city.
    CountyDistrict,
    /// 开发区 / 新区 run by a management committee (管委会), county-level.
    DevelopmentZone,
    /// Not known.
    Unknown,
}

impl Level {
    /// How far down the hierarchy the level sits (0 national, 1 province, 2 city, 3 county).
    pub fn depth(self) -> Option<u8> {
        match self {
            Level::National => Some(0),
            Level::Province => Some(1),
            Level::PrefectureCity => Some(2),
            Level::CountyDistrict | Level::DevelopmentZone => Some(3),
            Level::Unknown => None,
        }
    }
}

/// A place whose government issues a plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Locality {
    /// Its name (中山市, 鼎湖区).
    pub name: String,
    /// Its level.
    pub level: Level,
}

impl Locality {
    /// A locality with a name and level.
    pub fn new(name: impl Into<String>, level: Level) -> Locality {
        Locality {
            name: name.into(),
            level,
        }
    }
}

/// The years a plan covers.
///
/// The parser reads it from the document: the period its title names (十五五 → 2026–2030),
/// the years it writes out (2026—2030年), its table's year columns or the year its targets
/// are set for (到2030年); the outlook year only when the plan states one (到2035年).
///
/// ```
/// use planalign::Period;
/// let p = Period::ending(2030);
/// assert_eq!((p.start, p.end, p.baseline, p.outlook), (2026, 2030, 2025, None));
/// assert_eq!(p, Period::FIFTEENTH);
/// assert_eq!(p.years(), 5);
/// assert_eq!(p.with_outlook(2035).outlook, Some(2035));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Period {
    /// First year (2021).
    pub start: u16,
    /// Last year, the target year (2025).
    pub end: u16,
    /// The baseline year (2020).
    pub baseline: u16,
    /// The outlook year of the long-range goals (2035), when the plan states one.
    pub outlook: Option<u16>,
}

impl Period {
    /// The 14th Five-Year period (十四五): 2021–2025, baseline 2020, no outlook year.
    pub const FOURTEENTH: Period = Period::new(2021, 2025);

    /// The 15th Five-Year period (十五五): 2026–2030, baseline 2025, no outlook year.
    pub const FIFTEENTH: Period = Period::new(2026, 2030);

    /// The years `start` to `end`, with the year before `start` as the baseline and no
    /// outlook year.
    pub const fn new(start: u16, end: u16) -> Period {
        Period {
            start,
            end,
            baseline: start.saturating_sub(1),
            outlook: None,
        }
    }

    /// The five years that end in `end` (2030 → 2026–2030, baseline 2025).
    pub const fn ending(end: u16) -> Period {
        Period::new(end.saturating_sub(4), end)
    }

    /// The same years with the outlook year of the long-range goals (2035).
    pub const fn with_outlook(self, year: u16) -> Period {
        Period {
            outlook: Some(year),
            ..self
        }
    }

    /// The number of years from the baseline to the target year.
    pub fn years(&self) -> u16 {
        self.end.saturating_sub(self.baseline)
    }
}

/// The period a plan is given when nothing states its own: [`Period::FOURTEENTH`], the
/// period of the bundled plans. The parser says so in a diagnostic when it assumes it.
impl Default for Period {
    fn default() -> Self {
        Period::FOURTEENTH
    }
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentStatus {
    /// Issued (印发), as an official document.
    Issued,
    /// 征求意见稿: a draft for comments.
    DraftForComments,
    /// The document does not say.
    #[default]
    Unknown,
}

/// The script a document is written in.
///
/// The parser reads every document as simplified Chinese: a document in traditional
/// characters (or mixed) is converted char by char before it is read, and the plan says so
/// here; names, titles and prose are then in simplified characters, and each indicator keeps
/// its name as written ([`Indicator::name_as_written`](super::Indicator::name_as_written)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Script {
    /// 简体: simplified characters only.
    #[default]
    Simplified,
    /// 繁体: traditional characters, all or some, read as simplified.
    Traditional,
}

impl Script {
    /// Whether it is [`Script::Simplified`].
    pub fn is_simplified(&self) -> bool {
        *self == Script::Simplified
    }
}

/// What is not known of a plan that is only partly available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Partial {
    /// Whether the indicator table is unknown (as opposed to the plan having none).
    pub indicators_unknown: bool,
    /// The number of indicators the plan is known to have, when published.
    pub declared_indicators: Option<u32>,
    /// The number of key-project boxes the plan is known to have.
    pub declared_projects: Option<u32>,
    /// Where what is known comes from.
    pub source: String,
}

/// A plan as typed data.
///
/// Build one with [`crate::parse`] (or [`crate::parse_bytes`]) from a document, or take
/// the bundled ones from [`crate::corpus::guangdong`]. Serialize it with serde: its JSON
/// is the crate's interchange format (DESIGN.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Plan {
    /// A short identifier (the corpus id, or one derived by the caller), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The title (中山市市场监管现代化“十四五”规划).
    pub title: String,
    /// The locality whose plan it is.
    pub locality: Locality,
    /// The parent locality, when known.
    #[serde(default)]
    pub parent: Option<Locality>,
    /// The years covered.
    #[serde(default)]
    pub period: Period,
    /// Draft or issued.
    #[serde(default)]
    pub status: DocumentStatus,
    /// The script the document was written in; in JSON only when not simplified.
    #[serde(default, skip_serializing_if = "Script::is_simplified")]
    pub script: Script,
    /// The indicator tables' own information (caption, notes, bracket meanings).
    #[serde(default)]
    pub tables: Vec<TableInfo>,
    /// The indicators of all its tables, in order.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// The overall goal paragraph (总体目标), kept as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_goal: Option<String>,
    /// The goals for the target year.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The long-range outlook (到2035年 …), kept apart from the goals.
    #[serde(default)]
    pub outlook: Option<String>,
    /// The outline: chapters, their sections and items.
    #[serde(default)]
    pub chapters: Vec<Chapter>,
    /// The key-project boxes (专栏).
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Targets stated in prose.
    #[serde(default)]
    pub targets: Vec<ProseTarget>,
    /// The body text, cleaned of export debris, paragraph by paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Paragraph>,
    /// Set when the plan is only partly known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Partial>,
}

impl Plan {
    /// An empty plan of a locality.
    pub fn new(title: impl Into<String>, locality: Locality) -> Plan {
        Plan {
            id: None,
            title: title.into(),
            locality,
            parent: None,
            period: Period::default(),
            status: DocumentStatus::default(),
            script: Script::default(),
            tables: Vec::new(),
            indicators: Vec::new(),
            overall_goal: None,
            goals: Vec::new(),
            outlook: None,
            chapters: Vec::new(),
            projects: Vec::new(),
            targets: Vec::new(),
            paragraphs: Vec::new(),
            partial: None,
        }
    }

    /// A name to show for the plan: its id, or else its locality.
    pub fn label(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.locality.name)
    }

    /// Whether the indicator table is unknown (a partial plan), not merely empty.
    pub fn indicators_unknown(&self) -> bool {
        self.partial.as_ref().is_some_and(|p| p.indicators_unknown)
    }

    /// Serializes the plan as pretty JSON.
    pub fn to_json(&self) -> Result<String, crate::Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// Reads a plan from its JSON form. A leading byte-order mark is skipped.
    ///
    /// Malformed JSON, or JSON that is not a plan, is an [`ErrorKind::Json`] error with the
    /// [`Position`](crate::Position) of the fault and, in its message, the path of the field
    /// (`indicators[3].target`). Not a plan are: a field the format does not have (a
    /// misspelt one is not ignored), and a value whose kind contradicts its fields (text
    /// with a number, a range whose upper end is below its lower one).
    ///
    /// ```
    /// use planalign::{Locality, Level, Plan};
    /// let plan = Plan::new("鼎湖区市场监管“十四五”规划", Locality::new("鼎湖区", Level::CountyDistrict));
    /// assert_eq!(Plan::from_json(&plan.to_json()?)?, plan);
    /// let e = Plan::from_json("{\n  \"title\": 5\n}").unwrap_err();
    /// assert_eq!(e.position().map(|p| (p.line, p.column)), Some((2, 12)));
    /// assert!(e.to_string().starts_with("JSON: title: invalid type"), "{e}");
    /// # Ok::<(), planalign::Error>(())
    /// ```
    ///
    /// [`ErrorKind::Json`]: crate::ErrorKind::Json
    pub fn from_json(json: &str) -> Result<Plan, crate::Error> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let mut reader = serde_json::Deserializer::from_str(json);
        let plan = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
            let path = e.path().to_string();
            crate::Error::json_at(json, &path, e.into_inner())
        })?;
        // Only whitespace may follow, as `serde_json::from_str` requires.
        reader.end().map_err(|e| crate::Error::json(json, e))?;
        Ok(plan)
    }
}

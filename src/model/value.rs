//! Values of indicator cells and prose targets: a number with its bound and accumulation,
//! a missing value with its reason, or text.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::text::{Approximation, Bound, Bracket};

/// One value as a plan states it: the raw text and what it means.
///
/// Every value keeps its raw text ([`Value::raw`]); the meaning is one of
/// [`ValueKind`]. Build values by parsing: `"≥90".parse::<Value>()` or
/// [`Value::parse_with`] when the document defines its own brackets.
///
/// ```
/// use planalign::{Value, Bound, Accumulation};
/// let v: Value = "〔25.2〕".parse()?;
/// assert_eq!(v.number(), Some(25.2));
/// assert_eq!(v.accumulation(), Accumulation::Cumulative);
/// let w: Value = "90以上".parse()?;
/// assert_eq!(w.bound(), Bound::Ge);
/// # Ok::<(), planalign::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "ValueRepr", try_from = "ValueRepr")]
pub struct Value {
    pub(crate) raw: String,
    pub(crate) kind: ValueKind,
    pub(crate) bound: Bound,
    pub(crate) accumulation: Accumulation,
    pub(crate) bracket: Option<Bracket>,
    pub(crate) percent: bool,
    pub(crate) approximation: Option<Approximation>,
}

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum ValueKind {
    /// A single number.
    Number(f64),
    /// A range such as `1-2` or `90%–95%`.
    Range {
        /// The lower end.
        low: f64,
        /// The upper end.
        high: f64,
    },
    /// No number, for the reason given.
    Missing(Missing),
    /// Text, such as a mandate (完成省下达任务: whatever the province assigns).
    Text,
}

/// Whether a number is a level, a cumulative total or an increment over the plan period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Accumulation {
    /// The level at the year (the default).
    #[default]
    Level,
    /// A cumulative total (累计数), usually written 〔 〕 or [ ].
    Cumulative,
    /// The increment over the plan period (规划期间新增数), usually written 〈 〉.
    Increment,
}

/// Why a value has no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Missing {
    /// A placeholder to be filled in (`X`, `≥X`), typical of drafts.
    Placeholder,
    /// Not applicable (`/`, `--`, `—`).
    NotApplicable,
    /// Not yet determined: the cell is blank.
    Undetermined,
}

/// What each bracket means in one document.
///
/// A document's own note (〔〕内为累计数, 〈〉内为规划期间新增数) is the authority; where a
/// document says nothing, the common convention applies: 〔 〕 and [ ] cumulative, 〈 〉
/// increment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BracketConvention {
    /// The meaning of each bracket the convention defines.
    pub meanings: Vec<BracketMeaning>,
}

/// One bracket's meaning and where it was stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BracketMeaning {
    /// The bracket.
    pub bracket: Bracket,
    /// What a number in it is.
    pub accumulation: Accumulation,
    /// The line of the document's note that defines it; `None` for the common convention.
    pub line: Option<usize>,
}

impl Default for BracketConvention {
    fn default() -> Self {
        let common = |bracket, accumulation| BracketMeaning {
            bracket,
            accumulation,
            line: None,
        };
        BracketConvention {
            meanings: vec![
                common(Bracket::Tortoise, Accumulation::Cumulative),
                common(Bracket::Square, Accumulation::Cumulative),
                common(Bracket::Angle, Accumulation::Increment),
                common(Bracket::Lenticular, Accumulation::Cumulative),
            ],
        }
    }
}

impl BracketConvention {
    /// The meaning of a bracket under this convention.
    pub fn meaning(&self, bracket: Bracket) -> Accumulation {
        self.meanings
            .iter()
            .find(|m| m.bracket == bracket)
            .map_or(Accumulation::Level, |m| m.accumulation)
    }

    /// Records a document's own definition of a bracket, replacing the common one.
    pub fn define(&mut self, bracket: Bracket, accumulation: Accumulation, line: usize) {
        self.meanings.retain(|m| m.bracket != bracket);
        self.meanings.push(BracketMeaning {
            bracket,
            accumulation,
            line: Some(line),
        });
    }

    /// Whether any bracket's meaning comes from the document itself.
    pub fn is_from_document(&self) -> bool {
        self.meanings.iter().any(|m| m.line.is_some())
    }
}

impl Value {
    /// A blank cell: no number, undetermined.
    pub fn blank() -> Value {
        Value {
            raw: String::new(),
            kind: ValueKind::Missing(Missing::Undetermined),
            bound: Bound::Eq,
            accumulation: Accumulation::Level,
            bracket: None,
            percent: false,
            approximation: None,
        }
    }

    /// The text as the document wrote it.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// What the value is.
    pub fn kind(&self) -> ValueKind {
        self.kind
    }

    /// The number (the lower end of a range), if there is one.
    pub fn number(&self) -> Option<f64> {
        match self.kind {
            ValueKind::Number(n) => Some(n),
            ValueKind::Range { low, .. } => Some(low),
            _ => None,
        }
    }

    /// The upper end of a range, if the value is one.
    pub fn upper(&self) -> Option<f64> {
        match self.kind {
            ValueKind::Range { high, .. } => Some(high),
            _ => None,
        }
    }

    /// The bound (exact, ≥, ≤, >, <).
    pub fn bound(&self) -> Bound {
        self.bound
    }

    /// Level, cumulative or increment, as the document's bracket convention says.
    pub fn accumulation(&self) -> Accumulation {
        self.accumulation
    }

    /// The bracket the number was written in, if any.
    pub fn bracket(&self) -> Option<Bracket> {
        self.bracket
    }

    /// Whether the value was written with a percent sign (%, ％, 百分之).
    pub fn is_percent(&self) -> bool {
        self.percent
    }

    /// Whether the number is approximate (约90, 90左右) or striven for (力争95%); `None`
    /// for an exact number.
    pub fn approximation(&self) -> Option<Approximation> {
        self.approximation
    }

    /// Why there is no number, if there is none.
    pub fn missing(&self) -> Option<Missing> {
        match self.kind {
            ValueKind::Missing(m) => Some(m),
            _ => None,
        }
    }

    /// Whether the value has a number (a single number or a range).
    pub fn is_number(&self) -> bool {
        self.number().is_some()
    }

    /// The same value with every number multiplied by `factor` (for unit conversion).
    /// The raw text is kept: it is what the document wrote.
    pub fn scaled(&self, factor: f64) -> Value {
        let mut v = self.clone();
        v.kind = match self.kind {
            ValueKind::Number(n) => ValueKind::Number(n * factor),
            ValueKind::Range { low, high } => ValueKind::Range {
                low: low * factor,
                high: high * factor,
            },
            other => other,
        };
        v
    }

    /// Equality of meaning, ignoring the raw text (and the exact bracket glyph).
    pub fn same_meaning(&self, other: &Value) -> bool {
        self.kind == other.kind
            && self.bound == other.bound
            && self.accumulation == other.accumulation
            && self.percent == other.percent
            && self.approximation == other.approximation
    }
}

/// Formats a number without a trailing `.0`, as plans write them.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The canonical written form: it parses back to the same meaning.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.bound {
            Bound::Eq => "",
            Bound::Ge => "≥",
            Bound::Le => "≤",
            Bound::Gt => ">",
            Bound::Lt => "<",
        };
        let pct = if self.percent { "%" } else { "" };
        let hedge = match self.approximation {
            None => "",
            Some(Approximation::About) => "≈",
            Some(Approximation::Aspired) => crate::text::Lexicon::bundled().aspiration_word(),
        };
        let body = match self.kind {
            ValueKind::Number(n) => format!("{}{pct}", format_number(n)),
            ValueKind::Range { low, high } => {
                format!("{}{pct}–{}{pct}", format_number(low), format_number(high))
            }
            ValueKind::Missing(Missing::Placeholder) => "X".to_string(),
            ValueKind::Missing(Missing::NotApplicable) => "/".to_string(),
            ValueKind::Missing(Missing::Undetermined) => String::new(),
            ValueKind::Text => return f.write_str(&self.raw),
        };
        if body.is_empty() {
            return Ok(());
        }
        let bracket = self.bracket.or(match self.accumulation {
            Accumulation::Level => None,
            Accumulation::Cumulative => Some(Bracket::Tortoise),
            Accumulation::Increment => Some(Bracket::Angle),
        });
        match bracket {
            Some(b) if self.is_number() => {
                let (open, close) = b.chars();
                write!(f, "{hedge}{prefix}{open}{body}{close}")
            }
            _ => write!(f, "{hedge}{prefix}{body}"),
        }
    }
}

/// The JSON form of a value (see DESIGN.md, "The interchange format").
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueRepr {
    raw: String,
    kind: KindTag,
    #[serde(default)]
    number: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    upper: Option<f64>,
    #[serde(default)]
    bound: Bound,
    #[serde(default)]
    accumulation: Accumulation,
    #[serde(default)]
    missing: Option<Missing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bracket: Option<Bracket>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    percent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approximation: Option<Approximation>,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum KindTag {
    Number,
    Missing,
    Text,
}

impl From<Value> for ValueRepr {
    fn from(v: Value) -> ValueRepr {
        let (kind, missing) = match v.kind {
            ValueKind::Number(_) | ValueKind::Range { .. } => (KindTag::Number, None),
            ValueKind::Missing(m) => (KindTag::Missing, Some(m)),
            ValueKind::Text => (KindTag::Text, None),
        };
        ValueRepr {
            number: v.number(),
            upper: v.upper(),
            raw: v.raw,
            kind,
            bound: v.bound,
            accumulation: v.accumulation,
            missing,
            bracket: v.bracket,
            percent: v.percent,
            approximation: v.approximation,
        }
    }
}

impl KindTag {
    fn name(self) -> &'static str {
        match self {
            KindTag::Number => "number",
            KindTag::Missing => "missing",
            KindTag::Text => "text",
        }
    }
}

impl TryFrom<ValueRepr> for Value {
    type Error = String;

    /// The value a JSON form states, or why its fields contradict its kind.
    fn try_from(r: ValueRepr) -> Result<Value, String> {
        let contradiction = |what: String| format!("a value of kind \"{}\" {what}", r.kind.name());
        if r.kind != KindTag::Number {
            let number = [("number", r.number), ("upper", r.upper)]
                .into_iter()
                .find_map(|(field, n)| Some((field, n?)));
            if let Some((field, n)) = number {
                return Err(contradiction(format!(
                    "has no number, but \"{field}\" is {n}"
                )));
            }
        }
        if r.kind != KindTag::Missing && r.missing.is_some() {
            return Err(contradiction(
                "has no reason for a missing number: \"missing\" must be null".into(),
            ));
        }
        let kind = match r.kind {
            KindTag::Number => number_kind(r.number, r.upper).map_err(contradiction)?,
            KindTag::Missing => ValueKind::Missing(
                r.missing
                    .ok_or_else(|| contradiction("needs a reason in \"missing\"".into()))?,
            ),
            KindTag::Text => ValueKind::Text,
        };
        Ok(Value {
            raw: r.raw,
            kind,
            bound: r.bound,
            accumulation: r.accumulation,
            bracket: r.bracket,
            percent: r.percent,
            approximation: r.approximation,
        })
    }
}

/// The kind of a value of kind "number": a finite number, or a range of two whose upper
/// end is not below the lower; or what is wrong, to follow "a value of kind "number"".
fn number_kind(number: Option<f64>, upper: Option<f64>) -> Result<ValueKind, String> {
    let Some(n) = number else {
        return Err("needs a number".into());
    };
    for (field, x) in [("number", Some(n)), ("upper", upper)] {
        if x.is_some_and(|x| !x.is_finite()) {
            return Err(format!("needs a finite \"{field}\""));
        }
    }
    match upper {
        None => Ok(ValueKind::Number(n)),
        Some(high) if high < n => Err(format!(
            "is a range whose \"upper\" end ({high}) is below its \"number\" ({n})"
        )),
        Some(high) => Ok(ValueKind::Range { low: n, high }),
    }
}

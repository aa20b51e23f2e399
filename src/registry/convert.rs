//! Expressing an indicator's values in its key's canonical unit.

use serde::{Deserialize, Serialize};

use super::entry::Entry;
use super::resolve::unit_fits;
use crate::model::{Indicator, Unit, Value};

/// Where the unit used for conversion came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitSource {
    /// The table's unit cell.
    Cell,
    /// A unit written in the indicator's name.
    Name,
    /// The plan left the unit blank; the registry's unit for the key was used.
    Registry,
    /// The cell gave the numerator only (件) and the name the population base (每万人口).
    CellAndName,
}

/// An indicator's values in the canonical unit of its key, or why they are not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Canonical {
    /// The key.
    pub key: String,
    /// The canonical unit.
    pub unit: Unit,
    /// Where the plan's unit came from.
    pub source: UnitSource,
    /// The factor from the plan's unit to the canonical one (10000 for 万户 → 户).
    pub factor: Option<f64>,
    /// The baseline in the canonical unit; `None` when it could not be converted.
    pub baseline: Option<Value>,
    /// The target in the canonical unit; `None` when it could not be converted.
    pub target: Option<Value>,
    /// Why the values could not be converted, when they could not.
    pub problem: Option<String>,
}

/// The population base a per-capita name states: 每千人 → 3, 每万人口 → 4.
fn population_in_name(name: &str) -> Option<i8> {
    crate::text::quantity::population_in(crate::text::Lexicon::bundled(), name)
}

pub(crate) fn canonical(ind: &Indicator, entry: &Entry) -> Canonical {
    let target_unit = entry.unit.clone();
    let mut out = Canonical {
        key: entry.key.clone(),
        unit: target_unit.clone(),
        source: if ind.unit_from_name {
            UnitSource::Name
        } else {
            UnitSource::Cell
        },
        factor: None,
        baseline: None,
        target: None,
        problem: None,
    };
    let plan_unit = match &ind.unit {
        Some(u) => u.clone(),
        None => {
            out.source = UnitSource::Registry;
            target_unit.clone()
        }
    };
    let factor = match plan_unit.factor_to(&target_unit) {
        Ok(f) => Some(f),
        Err(e) => {
            // A numerator-only unit (件) under a per-capita name (每万人口…): the name gives
            // the population base.
            let pc = population_in_name(&ind.name);
            match (pc, target_unit.per_population()) {
                (Some(p), Some(t))
                    if plan_unit.base() == target_unit.base()
                        && plan_unit.per_population().is_none() =>
                {
                    out.source = UnitSource::CellAndName;
                    Some(
                        10f64.powi(i32::from(plan_unit.multiplier()))
                            * 10f64.powi(i32::from(t - p)),
                    )
                }
                _ => {
                    let fits = unit_fits(&plan_unit, entry, pc.is_some()).err();
                    out.problem = Some(fits.unwrap_or_else(|| e.to_string()));
                    None
                }
            }
        }
    };
    if let Some(f) = factor {
        out.factor = Some(f);
        out.baseline = Some(ind.baseline.scaled(f));
        out.target = Some(ind.target.scaled(f));
    }
    out
}

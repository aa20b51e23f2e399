//! Attainment across periods (规划实施评估): the earlier plan's targets for its end year
//! against the later plan's baselines for the same year. The rules are documented on
//! [`Attainment`], where rustdoc shows them.

use serde::{Deserialize, Serialize};

use super::keyed::{KeyedPlan, ProseRow};
use super::{Comparer, approximate, count_qualifiers, verdict};
use crate::error::{Error, ErrorKind, Unpaired};
use crate::model::{Accumulation, Approximation, Bound, Indicator, Plan, TableInfo, Unit, Value};
use crate::registry::{Direction, Entry};

/// Attainment across periods (规划实施评估): the earlier plan's targets for its end year
/// against the later plan's baselines for the same year, which are the values achieved.
/// A 十四五 plan (2021–2025) sets targets for 2025; the 十五五 plan of the same locality
/// (2026–2030) states in its table where 2025 ended.
///
/// # Pairing
///
/// [`Comparer::attainment`] takes two plans of one locality (the same locality name) from
/// consecutive periods: the earlier plan's end year is the later plan's baseline year.
/// Anything else is an [`ErrorKind::Unpaired`] error saying which ([`Unpaired`]): plans of
/// two localities, periods that do not follow one another (the message says when the two
/// plans look swapped), or a plan whose indicator table is not known (a plan known only in
/// part), since every key would then look unreported.
///
/// # Rows
///
/// One [`AttainmentRow`] for each key the earlier plan sets and the later plan's table
/// carries: first the keys of the earlier plan's table, then the keys its prose states
/// and its table lacks (a [`ProseTarget`](crate::model::ProseTarget) linked to no row;
/// the first sentence stating the key), each judged against the later plan's table baseline. The later plan's prose is
/// not read for achieved values: the prose reader reads forward-looking sentences only,
/// and a review of the last period (“十四五”时期，…达到…) is not one. Keys the earlier
/// plan sets and the later plan's table does not carry are listed in
/// [`Attainment::unreported`].
///
/// # Outcomes
///
/// Both values are put into one unit: the key's canonical unit, or, where a side does not
/// convert into it but the two plans' units convert into each other (个工作日 on both
/// sides of a key counted in 天), the earlier plan's unit. With *t* the target, *a* the
/// achieved value and *h* half a unit of the target's last written digit (0.5 for 90,
/// 0.05 for 98.5, 5 000 户 for 32 万户: the target's stated precision), and "beyond"
/// meaning in the key's good direction ([`Direction`]: up for higher-is-better, down for
/// lower-is-better):
///
/// - **missed**: *a* falls short of *t*, compared at full value (全数值比较法, which
///   GB/T 8170-2008 §4 makes the default for limits): a floor of 90 achieved 89.6 is missed. A strict bound (>90,
///   <1) is missed when *a* is not beyond *t*.
/// - **met**: *a* is at *t*, or beyond it by less than *h*: ≥90 achieved 90 or 90.4 is met.
/// - **exceeded**: *a* is beyond *t* by *h* or more: ≥90 achieved 95 (or 90.5) is exceeded.
///
/// A plain number on a higher- or lower-is-better key (32 万户, 1.2 件) is the level to
/// reach, read as ≥ or ≤. A range (1-2 家) is met anywhere from its near end to less than
/// *h* past its far end, exceeded beyond that, missed short of its near end. An
/// approximate target (约90, 90左右) is compared at its precision, as a rounded value
/// would be (修约值比较法, the other method of GB/T 8170-2008 §4): it is missed only when
/// *a* falls short by more than *h* (约90 achieved 89.5 is met, 89.4
/// missed). A target striven for (力争95%) is judged as firm, with a note. On a key whose
/// direction is [`Direction::Target`] (a value to hit), a bound gives the good direction
/// (≥500 件 is a floor); a plain number or a range is met when *a* rounds into it (within
/// *h* on either side) and missed otherwise, above or below as a note says: nothing
/// exceeds a value to hit. An achieved value stated with a bound (≥95) or approximately is
/// judged on its number; a range achieved on its end nearest to falling short (the lower
/// end when up is good), each with a note.
///
/// **not_comparable**, with the reason as an [`Incomparable`] kind and in words, checked
/// in this order: no numeric target (a placeholder X, a text mandate), no numeric achieved
/// value, a table or sentence stating another year than the achieved value's (a 十五五
/// table whose base column is 2024年), units that do not convert (into the key's unit or,
/// failing that, into each other: the registry's canonical unit takes only units of its
/// dimension), a changed definition (a cumulative total or an increment
/// against a level, different count qualifiers such as 市级 against none), a value past the
/// range of a finite number, and a target that bounds the wrong way (a ceiling on a
/// higher-is-better key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Attainment {
    /// The locality both plans are of (清远市).
    pub locality: String,
    /// The earlier plan's label (its id, or its locality), as in a
    /// [`Comparison`](super::Comparison).
    pub earlier: String,
    /// The later plan's label.
    pub later: String,
    /// The year judged: the earlier plan's end year, the later plan's baseline year.
    pub year: u16,
    /// One row per key the earlier plan sets and the later plan's table carries: the
    /// earlier plan's table order, then its prose targets.
    pub rows: Vec<AttainmentRow>,
    /// Keys the earlier plan sets (in its table or its prose) that the later plan's table
    /// does not carry: no achieved value is stated for them.
    #[serde(default)]
    pub unreported: Vec<String>,
}

impl Attainment {
    /// The row of one key.
    pub fn row(&self, key: &str) -> Option<&AttainmentRow> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// How many rows have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.rows.iter().filter(|r| r.outcome == outcome).count()
    }

    /// Serializes the attainment as pretty JSON.
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }
}

/// Whether a target was attained (the precise rule is on [`Attainment`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// At the target, or beyond it by less than half a unit of its last written digit.
    Met,
    /// Beyond the target, in the good direction, by half a unit of its last digit or more.
    Exceeded,
    /// Short of the target.
    Missed,
    /// No judgement is possible: [`AttainmentRow::why`] says why.
    NotComparable,
}

/// Why a target and an achieved value cannot be judged one against the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Incomparable {
    /// The target has no number (a placeholder, a text mandate, a blank cell).
    NoNumericTarget,
    /// The achieved value has no number.
    NoNumericAchieved,
    /// The target is stated for another year than the achieved value.
    Year,
    /// The units do not convert into each other or into the key's unit (calendar days
    /// against working days; a unit of another dimension than the key's, which the
    /// registry does not take).
    Units,
    /// One value is a level and the other a cumulative total or an increment over the
    /// period: the definition changed.
    Accumulation,
    /// The rows count under different qualifiers (市级 against none): the definition
    /// changed.
    Qualifier,
    /// A value is past the range of a finite number in the unit compared.
    NotFinite,
    /// The target bounds the value the wrong way for the key's direction (a ceiling on a
    /// higher-is-better key): what meeting it means is not defined.
    Bound,
}

/// One key: the earlier plan's target, the later plan's achieved value, and the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AttainmentRow {
    /// The canonical key.
    pub key: String,
    /// The key's preferred Chinese name.
    pub name: String,
    /// The earlier plan's target, as written (≥90, 〔32〕, 99%).
    pub target: String,
    /// The later plan's baseline, the value achieved, as written.
    pub achieved: String,
    /// Met, exceeded, missed or not comparable.
    pub outcome: Outcome,
    /// Why the row is not comparable, when it is not.
    #[serde(default)]
    pub why: Option<Incomparable>,
    /// The same in words.
    #[serde(default)]
    pub reason: Option<String>,
    /// What softens or qualifies the outcome (an approximate target, an achieved value
    /// stated as a bound, the unit the values were compared in).
    #[serde(default)]
    pub notes: Vec<String>,
    /// The key's direction.
    pub direction: Direction,
    /// The unit the two numbers are stated in: the key's canonical unit, or the earlier
    /// plan's own unit where a side does not convert into the key's ([`Attainment`]).
    pub unit: Unit,
    /// Where the target comes from, and its number in `unit`.
    pub target_evidence: Evidence,
    /// Where the achieved value comes from, and its number in `unit`.
    pub achieved_evidence: Evidence,
}

/// Where a plan states a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A row of the indicator table.
    Table,
    /// A sentence of the text.
    Prose,
}

/// One side of a row: where the value is stated and what it is in the unit compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Evidence {
    /// A table row or a sentence.
    pub origin: Origin,
    /// The 1-based line of the row (its first line) or of the sentence.
    pub line: usize,
    /// The sentence, when the value is stated in prose.
    #[serde(default)]
    pub sentence: Option<String>,
    /// The unit as the plan writes it; `None` when it writes none (the key's unit is
    /// assumed).
    pub unit: Option<Unit>,
    /// The factor from the plan's unit to the unit compared (10000 for 万户 → 户);
    /// `None` when they do not convert, or when the row was found not comparable before
    /// its units were looked at (no number, another year).
    pub factor: Option<f64>,
    /// The number in the unit compared (the lower end of a range); `None` when there is no
    /// number or no factor.
    pub value: Option<f64>,
}

impl Comparer<'_> {
    /// The earlier plan's targets for its end year against the later plan's baselines, the
    /// values achieved: for each key both carry, met, exceeded, missed or not comparable,
    /// with both values, their units and lines as evidence (the rules are on
    /// [`Attainment`]).
    ///
    /// Errors ([`ErrorKind::Unpaired`]) when the plans are of different localities, when
    /// the earlier plan's end year is not the later plan's baseline year, or when a plan's
    /// indicator table is not known.
    ///
    /// ```
    /// use planalign::compare::{Comparer, Outcome};
    /// let corpus = planalign::corpus::guangdong()?;
    /// let earlier = corpus.plan("qingyuan")?; // 十四五: “明厨亮灶”覆盖率 ≥90, 2025
    /// let later = planalign::parse(
    ///     "清远市市场监管现代化“十五五”规划\n\n\
    ///      清远市“十五五”市场监管主要指标表\n\
    ///      序号\t指标名称\t单位\t2025年基数\t2030年目标\t属性\n\
    ///      1\t“明厨亮灶”覆盖率\t%\t95\t≥98\t约束性\n\
    ///      2\t药品抽检合格率\t%\t98.2\t≥99\t预期性\n",
    /// )
    /// .value;
    /// let attainment = Comparer::default().attainment(earlier, &later)?;
    /// let outcome = |key| attainment.row(key).map(|r| r.outcome);
    /// assert_eq!(outcome("food.bright_kitchen.coverage"), Some(Outcome::Exceeded));
    /// assert_eq!(outcome("drugs.sampling.pass_rate"), Some(Outcome::Missed)); // ≥99
    /// assert!(Comparer::default().attainment(&later, earlier).is_err()); // swapped
    /// # Ok::<(), planalign::Error>(())
    /// ```
    pub fn attainment(&self, earlier: &Plan, later: &Plan) -> Result<Attainment, Error> {
        pair(earlier, later).map_err(|u| Error::new(ErrorKind::Unpaired(u)))?;
        let (e, l) = (self.key(earlier), self.key(later));
        let targets = e
            .rows
            .iter()
            .map(|(key, row)| Target::table(&e, key, row))
            .chain(e.prose.iter().map(|p| Target::prose(&e, p)));
        let mut out = Attainment {
            locality: earlier.locality.name.clone(),
            earlier: earlier.label().to_string(),
            later: later.label().to_string(),
            year: earlier.period.end,
            rows: Vec::new(),
            unreported: Vec::new(),
        };
        for target in targets {
            let entry = self.registry().entry(target.key);
            match (l.row(target.key), entry) {
                (Some(achieved), Some(entry)) => {
                    let achieved = Achieved::of(&l, achieved);
                    out.rows.push(self.attain(entry, &target, &achieved));
                }
                _ => out.unreported.push(target.key.to_string()),
            }
        }
        Ok(out)
    }

    /// One key's row: the checks documented on [`Attainment`], in their order, then the
    /// outcome.
    fn attain(&self, entry: &Entry, t: &Target<'_>, a: &Achieved<'_>) -> AttainmentRow {
        let mut row = AttainmentRow {
            key: entry.key.clone(),
            name: entry.name_zh.clone(),
            target: t.row.target.raw().to_string(),
            achieved: a.row.baseline.raw().to_string(),
            outcome: Outcome::NotComparable,
            why: None,
            reason: None,
            notes: Vec::new(),
            direction: entry.direction,
            unit: entry.unit.clone(),
            target_evidence: t.evidence(),
            achieved_evidence: a.evidence(),
        };
        let judged = self.judge_row(entry, t, a, &mut row);
        match judged {
            Ok(j) => {
                row.outcome = j.outcome;
                row.notes.extend(j.notes);
            }
            Err((why, reason)) => {
                row.why = Some(why);
                row.reason = Some(reason);
            }
        }
        row
    }

    /// The checks and the judgement of one row; fills in the evidence's numbers on the way.
    fn judge_row(
        &self,
        entry: &Entry,
        t: &Target<'_>,
        a: &Achieved<'_>,
        row: &mut AttainmentRow,
    ) -> Result<Judged, (Incomparable, String)> {
        let (target, achieved) = (&t.row.target, &a.row.baseline);
        if !target.is_number() {
            return Err((
                Incomparable::NoNumericTarget,
                format!("no numeric target: {}", verdict::describe_missing(target)),
            ));
        }
        if !achieved.is_number() {
            return Err((
                Incomparable::NoNumericAchieved,
                format!(
                    "no numeric achieved value: {}",
                    verdict::describe_missing(achieved)
                ),
            ));
        }
        if t.year != a.year {
            return Err((
                Incomparable::Year,
                format!(
                    "the target is for {}, the achieved value is the later plan's baseline \
                     for {}",
                    t.year, a.year
                ),
            ));
        }
        let units = self.units(entry, t.row, a.row)?;
        row.unit = units.unit.clone();
        row.notes.extend(units.note.clone());
        let (tv, av) = (target.scaled(units.target), achieved.scaled(units.achieved));
        for (evidence, factor, value) in [
            (&mut row.target_evidence, units.target, &tv),
            (&mut row.achieved_evidence, units.achieved, &av),
        ] {
            evidence.factor = Some(factor);
            evidence.value = value.number();
        }
        definition(t.row, a.row, self.lexicon())?;
        let half = half_unit(target) * units.target.abs();
        let mut judged = judge(&tv, &av, entry.direction, half)?;
        judged.notes.extend(approximate("the", target));
        Ok(judged)
    }

    /// The unit both values are compared in and each side's factor into it.
    fn units(
        &self,
        entry: &Entry,
        target: &Indicator,
        achieved: &Indicator,
    ) -> Result<Units, (Incomparable, String)> {
        let reg = self.registry();
        let canonical = |row: &Indicator| reg.canonical(row, &entry.key).ok();
        let (tc, ac) = (canonical(target), canonical(achieved));
        let factor = |c: &Option<crate::registry::Canonical>| c.as_ref().and_then(|c| c.factor);
        if let (Some(tf), Some(af)) = (factor(&tc), factor(&ac)) {
            return Ok(Units {
                unit: entry.unit.clone(),
                target: tf,
                achieved: af,
                note: None,
            });
        }
        let problems: Vec<String> = [("the target's", &tc), ("the achieved value's", &ac)]
            .into_iter()
            .filter_map(|(whose, c)| {
                let p = c.as_ref().and_then(|c| c.problem.clone())?;
                Some(format!("{whose}: {p}"))
            })
            .collect();
        let (Some(tu), Some(au)) = (&target.unit, &achieved.unit) else {
            return Err((
                Incomparable::Units,
                format!("units do not convert: {}", problems.join("; ")),
            ));
        };
        // Neither side, or only one, takes the key's unit; the two plans' own units may
        // still convert into each other.
        if let Ok(af) = au.factor_to(tu) {
            return Ok(Units {
                unit: tu.clone(),
                target: 1.0,
                achieved: af,
                note: Some(format!(
                    "compared in {tu}: the key's unit {} does not take it",
                    entry.unit
                )),
            });
        }
        let mut reason = format!(
            "units do not convert: the target is in {tu} ({:?}), the achieved value in {au} \
             ({:?})",
            tu.dimension(),
            au.dimension()
        );
        if !problems.is_empty() {
            reason = format!("{reason}; {}", problems.join("; "));
        }
        Err((Incomparable::Units, reason))
    }
}

/// Whether two plans pair for attainment.
fn pair(earlier: &Plan, later: &Plan) -> Result<(), Unpaired> {
    if earlier.locality.name != later.locality.name {
        return Err(Unpaired::Localities {
            earlier: earlier.locality.name.clone(),
            later: later.locality.name.clone(),
        });
    }
    if earlier.period.end != later.period.baseline {
        return Err(Unpaired::Periods {
            earlier_end: earlier.period.end,
            later_baseline: later.period.baseline,
            swapped: later.period.end == earlier.period.baseline,
        });
    }
    if let Some(p) = [earlier, later]
        .into_iter()
        .find(|p| p.indicators_unknown())
    {
        return Err(Unpaired::IndicatorsUnknown {
            plan: p.label().to_string(),
        });
    }
    Ok(())
}

/// The earlier plan's statement of a key: its row (a table row, or a prose target as a
/// row), the year it is for, and where it stands.
struct Target<'a> {
    key: &'a str,
    row: &'a Indicator,
    year: u16,
    origin: Origin,
    sentence: Option<&'a str>,
}

impl<'a> Target<'a> {
    fn table(plan: &KeyedPlan<'a>, key: &'a str, row: &'a Indicator) -> Target<'a> {
        let year = table_of(plan.plan, row).and_then(|t| t.target_year);
        Target {
            key,
            row,
            year: year.unwrap_or(plan.plan.period.end),
            origin: Origin::Table,
            sentence: None,
        }
    }

    fn prose(plan: &KeyedPlan<'a>, p: &'a ProseRow<'a>) -> Target<'a> {
        Target {
            key: &p.key,
            row: &p.row,
            year: p.target.year.unwrap_or(plan.plan.period.end),
            origin: Origin::Prose,
            sentence: Some(&p.target.sentence),
        }
    }

    fn evidence(&self) -> Evidence {
        Evidence {
            origin: self.origin,
            line: self.row.line,
            sentence: self.sentence.map(str::to_string),
            unit: self.row.unit.clone(),
            factor: None,
            value: None,
        }
    }
}

/// The later plan's table row of a key and the year its baseline is for.
struct Achieved<'a> {
    row: &'a Indicator,
    year: u16,
}

impl<'a> Achieved<'a> {
    fn of(plan: &KeyedPlan<'a>, row: &'a Indicator) -> Achieved<'a> {
        let year = table_of(plan.plan, row).and_then(|t| t.baseline_year);
        Achieved {
            row,
            year: year.unwrap_or(plan.plan.period.baseline),
        }
    }

    fn evidence(&self) -> Evidence {
        Evidence {
            origin: Origin::Table,
            line: self.row.line,
            sentence: None,
            unit: self.row.unit.clone(),
            factor: None,
            value: None,
        }
    }
}

/// The table a row stands in, when the plan records its tables' lines.
fn table_of<'p>(plan: &'p Plan, row: &Indicator) -> Option<&'p TableInfo> {
    plan.tables
        .iter()
        .find(|t| t.header.last < row.line && row.line <= t.end_line)
}

/// The unit two values are compared in, and the factor of each side into it.
struct Units {
    unit: Unit,
    target: f64,
    achieved: f64,
    note: Option<String>,
}

/// Whether the two rows measure the same thing: the same accumulation (level, cumulative
/// total, increment) and the same count qualifiers.
fn definition(
    target: &Indicator,
    achieved: &Indicator,
    lex: &crate::text::Lexicon,
) -> Result<(), (Incomparable, String)> {
    let word = |a: Accumulation| match a {
        Accumulation::Level => "a level",
        Accumulation::Cumulative => "a cumulative total",
        Accumulation::Increment => "an increment over the plan period",
    };
    let (ta, aa) = (
        target.target.accumulation(),
        achieved.baseline.accumulation(),
    );
    if ta != aa {
        return Err((
            Incomparable::Accumulation,
            format!(
                "a changed definition: the target is {}, the achieved value {}",
                word(ta),
                word(aa)
            ),
        ));
    }
    let (tq, aq) = (
        count_qualifiers(target, lex),
        count_qualifiers(achieved, lex),
    );
    if tq != aq {
        let list = |w: &[&str]| {
            if w.is_empty() {
                "no qualifier".to_string()
            } else {
                w.join("、")
            }
        };
        return Err((
            Incomparable::Qualifier,
            format!(
                "a changed definition: the target counts {}, the achieved value {}",
                list(&tq),
                list(&aq)
            ),
        ));
    }
    Ok(())
}

/// Half a unit of the last digit a value's number is written with, in its own unit: 0.5
/// for 90, 0.05 for 98.5. The digits are those of the number as read (a written 1.50 is
/// taken as 1.5).
fn half_unit(v: &Value) -> f64 {
    let decimals = |x: f64| {
        let s = format!("{}", x.abs());
        s.split_once('.').map_or(0, |(_, f)| f.len()).min(15)
    };
    let d = [v.number(), v.upper()]
        .into_iter()
        .flatten()
        .map(decimals)
        .max()
        .unwrap_or(0);
    0.5 * 10f64.powi(-(d as i32))
}

/// An outcome, with what qualifies it.
#[derive(Debug)]
struct Judged {
    outcome: Outcome,
    notes: Vec<String>,
}

/// Which way is better for a target: up, down, or neither (a value to hit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Up,
    Down,
    Hit,
}

/// The way a target is good, from the key's direction and the target's bound; `None` when
/// the bound contradicts the direction (a ceiling on a higher-is-better key).
fn way(direction: Direction, bound: Bound) -> Option<Way> {
    match (direction, bound) {
        (Direction::Higher, Bound::Le | Bound::Lt) | (Direction::Lower, Bound::Ge | Bound::Gt) => {
            None
        }
        (Direction::Higher, _) | (Direction::Target, Bound::Ge | Bound::Gt) => Some(Way::Up),
        (Direction::Lower, _) | (Direction::Target, Bound::Le | Bound::Lt) => Some(Way::Down),
        (Direction::Target, Bound::Eq) => Some(Way::Hit),
    }
}

/// Judges an achieved value against a target, both in one unit, `half` half a unit of the
/// target's last written digit in that unit (the rule documented on [`Attainment`]).
fn judge(
    target: &Value,
    achieved: &Value,
    direction: Direction,
    half: f64,
) -> Result<Judged, (Incomparable, String)> {
    let Some(low) = target.number() else {
        return Err((Incomparable::NoNumericTarget, "no numeric target".into()));
    };
    let Some(a_low) = achieved.number() else {
        return Err((
            Incomparable::NoNumericAchieved,
            "no numeric achieved value".into(),
        ));
    };
    let high = target.upper().unwrap_or(low);
    let a_high = achieved.upper().unwrap_or(a_low);
    if [low, high, a_low, a_high, half]
        .iter()
        .any(|x| !x.is_finite())
    {
        return Err((
            Incomparable::NotFinite,
            "a value is past the range of a finite number in the unit compared".into(),
        ));
    }
    let Some(way) = way(direction, target.bound()) else {
        let (what, better) = match direction {
            Direction::Lower => ("a floor", "lower"),
            _ => ("a ceiling", "higher"),
        };
        return Err((
            Incomparable::Bound,
            format!(
                "the target {} is {what}, but {better} is better: meeting it is not defined",
                target.raw()
            ),
        ));
    };
    let mut notes = achieved_notes(achieved, way);
    // In the way's own coordinates, up is good: a lower-is-better target is mirrored.
    let (a, near, far) = match way {
        Way::Up | Way::Hit => (a_low, low, high),
        Way::Down => (-a_high, -high, -low),
    };
    let eps = 1e-9 * [a, near, far, 1.0].iter().fold(0f64, |m, x| m.max(x.abs()));
    let outcome = if way == Way::Hit {
        let within = a >= near - half - eps && a < far + half - eps;
        if !within {
            let side = if a < near { "below" } else { "above" };
            notes.push(format!("{side} a value to hit: nothing exceeds it"));
        }
        if within {
            Outcome::Met
        } else {
            Outcome::Missed
        }
    } else {
        let short = near - a;
        let strict = matches!(target.bound(), Bound::Gt | Bound::Lt);
        let about = target.approximation() == Some(Approximation::About);
        let missed = if strict {
            short >= -eps
        } else if about {
            short > half + eps
        } else {
            short > eps
        };
        if missed {
            Outcome::Missed
        } else if a - far < half - eps {
            Outcome::Met
        } else {
            Outcome::Exceeded
        }
    };
    Ok(Judged { outcome, notes })
}

/// Notes on an achieved value that is not a plain number: a bound, an approximation, a
/// range (judged on its end nearest to falling short).
fn achieved_notes(achieved: &Value, way: Way) -> Vec<String> {
    let raw = achieved.raw();
    let mut notes = Vec::new();
    if achieved.bound() != Bound::Eq {
        notes.push(format!(
            "the achieved value {raw} is stated as a bound: judged on its number"
        ));
    }
    if achieved.approximation().is_some() {
        notes.push(format!(
            "the achieved value {raw} is approximate: judged on its number"
        ));
    }
    if achieved.upper().is_some() {
        let end = if way == Way::Down { "upper" } else { "lower" };
        notes.push(format!(
            "the achieved value {raw} is a range: judged on its {end} end"
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        s.parse().expect("a value")
    }

    /// The outcome of achieving `a` against `t`, both in one unit, the precision taken
    /// from the target as written.
    fn outcome(t: &str, a: &str, direction: Direction) -> Outcome {
        let t = v(t);
        match judge(&t, &v(a), direction, half_unit(&t)) {
            Ok(j) => j.outcome,
            Err(_) => Outcome::NotComparable,
        }
    }

    #[test]
    fn a_floor_is_met_at_it_and_exceeded_beyond_its_precision() {
        use Outcome::*;
        let h = Direction::Higher;
        assert_eq!(outcome("≥90", "90", h), Met);
        assert_eq!(outcome("≥90", "90.4", h), Met);
        assert_eq!(outcome("≥90", "90.5", h), Exceeded);
        assert_eq!(outcome("≥90", "95", h), Exceeded);
        // Full-value comparison: short by any amount is short.
        assert_eq!(outcome("≥90", "89.6", h), Missed);
        assert_eq!(outcome("≥98.5", "98.54", h), Met);
        assert_eq!(outcome("≥98.5", "98.55", h), Exceeded);
        assert_eq!(outcome("≥98.5", "98.4", h), Missed);
    }

    #[test]
    fn a_plain_number_is_a_level_to_reach() {
        use Outcome::*;
        assert_eq!(outcome("18", "18.3", Direction::Higher), Met);
        assert_eq!(outcome("18", "17.9", Direction::Higher), Missed);
        assert_eq!(outcome("1.2", "1.6", Direction::Higher), Exceeded);
        assert_eq!(outcome("1", "0.8", Direction::Lower), Met);
    }

    #[test]
    fn lower_is_better_is_judged_the_other_way_round() {
        use Outcome::*;
        let l = Direction::Lower;
        assert_eq!(outcome("≤1", "1", l), Met);
        assert_eq!(outcome("≤1", "0.6", l), Met);
        assert_eq!(outcome("≤1", "0.5", l), Exceeded);
        assert_eq!(outcome("≤1", "1.2", l), Missed);
        assert_eq!(outcome("<1", "1", l), Missed);
        assert_eq!(outcome("<1", "0.9", l), Met);
        // A floor on a lower-is-better key says nothing about meeting it.
        assert_eq!(outcome("≥1", "0.5", l), NotComparable);
        assert_eq!(outcome("≤5", "3", Direction::Higher), NotComparable);
    }

    #[test]
    fn a_strict_bound_is_not_met_at_its_number() {
        use Outcome::*;
        assert_eq!(outcome(">90", "90", Direction::Higher), Missed);
        assert_eq!(outcome(">90", "90.2", Direction::Higher), Met);
        assert_eq!(outcome(">90", "91", Direction::Higher), Exceeded);
    }

    #[test]
    fn a_range_is_met_anywhere_within_it() {
        use Outcome::*;
        let h = Direction::Higher;
        assert_eq!(outcome("1-2", "1", h), Met);
        assert_eq!(outcome("1-2", "2", h), Met);
        assert_eq!(outcome("1-2", "3", h), Exceeded);
        assert_eq!(outcome("1-2", "0", h), Missed);
        let l = Direction::Lower;
        assert_eq!(outcome("1-2", "2", l), Met);
        assert_eq!(outcome("1-2", "3", l), Missed);
        assert_eq!(outcome("1-2", "0", l), Exceeded);
    }

    #[test]
    fn an_approximate_target_is_compared_at_its_rounded_value() {
        use Outcome::*;
        let h = Direction::Higher;
        assert_eq!(outcome("约90", "89.5", h), Met);
        assert_eq!(outcome("约90", "89.4", h), Missed);
        assert_eq!(outcome("90左右", "90.6", h), Exceeded);
        // 力争 is firm: short is short.
        assert_eq!(outcome("力争95", "94.8", h), Missed);
    }

    #[test]
    fn a_value_to_hit_is_met_or_missed_never_exceeded() {
        use Outcome::*;
        let t = Direction::Target;
        assert_eq!(outcome("500", "500.4", t), Met);
        assert_eq!(outcome("500", "499.5", t), Met);
        assert_eq!(outcome("500", "520", t), Missed);
        assert_eq!(outcome("500", "480", t), Missed);
        // A bound gives a value to hit its good direction.
        assert_eq!(outcome("≥500", "520", t), Exceeded);
        assert_eq!(outcome("≤500", "520", t), Missed);
    }

    #[test]
    fn an_achieved_bound_is_judged_on_its_number_with_a_note() {
        let t = v("≥90");
        let j = judge(&t, &v("≥95"), Direction::Higher, half_unit(&t)).expect("judged");
        assert_eq!(j.outcome, Outcome::Exceeded);
        assert!(j.notes.iter().any(|n| n.contains("bound")), "{:?}", j.notes);
        // A range achieved against a floor: its lower end is what is certainly achieved.
        let j = judge(&t, &v("89-93"), Direction::Higher, half_unit(&t)).expect("judged");
        assert_eq!(j.outcome, Outcome::Missed);
    }

    #[test]
    fn precision_follows_the_last_written_digit() {
        assert_eq!(half_unit(&v("90")), 0.5);
        assert!((half_unit(&v("98.5")) - 0.05).abs() < 1e-15);
        assert!((half_unit(&v("1.25-2")) - 0.005).abs() < 1e-15);
    }

    #[test]
    fn pairing_needs_one_locality_and_consecutive_periods() {
        use crate::model::{Level, Locality, Period};
        let qy = || Locality::new("清远市", Level::PrefectureCity);
        let earlier = Plan::new("十四五", qy());
        let mut later = Plan::new("十五五", qy());
        later.period = Period {
            start: 2026,
            end: 2030,
            baseline: 2025,
            outlook: None,
        };
        assert_eq!(pair(&earlier, &later), Ok(()));
        let swapped = pair(&later, &earlier).expect_err("swapped");
        assert!(matches!(swapped, Unpaired::Periods { .. }));
        assert!(swapped.to_string().contains("swapped"), "{swapped}");
        let other = Plan::new("十五五", Locality::new("中山市", Level::PrefectureCity));
        let mut other = other;
        other.period = later.period;
        assert!(matches!(
            pair(&earlier, &other),
            Err(Unpaired::Localities { .. })
        ));
    }
}

//! Linking prose targets to the table indicators they restate, and reporting where the two
//! disagree.
//!
//! A phrase and an indicator name are compared after both are normalized: quote marks,
//! spacing and punctuation dropped, scope words cleared (全市, 全区, 持证餐饮服务单位, 期末),
//! 人口 read as 人, and a closing 总量/数量 dropped. The similarity counts characters, never
//! bytes: 1 for equal names, at least 0.8 when one name contains the other (of four
//! characters or more), otherwise the normalized Levenshtein distance of [`strsim`] (which
//! works on `char`s). The best indicator at [`LINK_SCORE`] or above is the link, unless the
//! two differ in what makes indicators different although their names are close: the
//! subject (食品, 药品, 医疗器械, 化妆品 …), a qualifier such as 高价值, a polarity
//! (不合格), a per-capita form against an absolute one, a rate against a count.
//!
//! The words are the lexicon's: subject nouns, link qualifiers, rate words, scope and
//! total words from `[subjects]` (which the resolver's vetoes share), scope words from
//! `[scope]`, population bases from `[units]` and `[population]`.
//!
//! A linked target disagrees with its indicator when the units do not convert into each
//! other (湛江: 批次/千人 against 万批次/年) or when the values differ once converted.

use crate::model::{Indicator, ProseTarget, Unit};
use crate::parse::diagnostic::{Diagnostic, DiagnosticKind, Severity};

use crate::text::{Lexicon, LowBytes, fold};

use super::prose::Populations;

/// The least similarity for a link.
pub(super) const LINK_SCORE: f64 = 0.6;

/// The words linking uses, derived once per document from the lexicon.
struct Words<'l> {
    lex: &'l Lexicon,
    populations: &'l Populations,
    /// Per-capita forms dropped from a name (每千人, 每万人), after 人口 is read as 人.
    per_bases: Vec<String>,
    /// Population bases dropped from the start of a name (千人, 万人).
    bases: Vec<String>,
}

impl<'l> Words<'l> {
    fn new(lex: &'l Lexicon, populations: &'l Populations) -> Words<'l> {
        let people = shortest_people(lex);
        // After normalization a base ends in the shortest people word (千人口 → 千人).
        let mut bases: Vec<String> = populations
            .iter()
            .filter(|p| p.ends_with(people) && !lex.population.qualifiers.any_in(p))
            .filter(|p| *p != people)
            .map(str::to_string)
            .collect();
        bases.dedup();
        let per_bases = bases
            .iter()
            .map(|b| format!("{}{b}", lex.units.per))
            .collect();
        Words {
            lex,
            populations,
            per_bases,
            bases,
        }
    }
}

/// The shortest word for people (人 of 人口).
fn shortest_people(lex: &Lexicon) -> &str {
    lex.population.people.iter().last().unwrap_or_default()
}

/// Normalizes a name or phrase for comparison.
fn normalize(s: &str, w: &Words) -> String {
    let lex = w.lex;
    let mut t: String = s
        .chars()
        .filter(|&c| {
            !c.is_whitespace()
                && c != '\''
                && !fold::is_quote(lex, c)
                && !fold::is_title_mark(lex, c)
                && !fold::is_paren(lex, c)
                && !lex.fold.list_marks.contains(c)
                && fold::ascii(c) != ','
                && !lex.fold.unit_dots.contains(c)
        })
        .collect();
    // Replaced only where it stands: most words stand in no name (the filter tells most
    // of them so), and a replacement copies the whole name.
    let mut chars = LowBytes::of(t.chars());
    let mut replace = |t: &mut String, word: &str, by: &str| {
        if chars.may_start(word) && t.contains(word) {
            *t = t.replace(word, by);
            chars = LowBytes::of(t.chars());
        }
    };
    for word in lex
        .subjects
        .link_scope
        .iter()
        .chain(lex.scope.time.iter())
        .chain(lex.scope.words.iter())
    {
        replace(&mut t, word, "");
    }
    let people = shortest_people(lex);
    for p in lex.population.people.iter().filter(|p| *p != people) {
        replace(&mut t, p, people);
    }
    // The population base is compared apart (per-capita against absolute), through the
    // units and the guard in `different`.
    for b in &w.per_bases {
        replace(&mut t, b, "");
    }
    for b in &w.bases {
        if let Some(r) = t.strip_prefix(b.as_str()) {
            t = r.to_string();
            break;
        }
    }
    if let Some(r) = lex.subjects.total_ends.strip_suffix(&t) {
        t = r.to_string();
    }
    t
}

/// The similarity of two normalized names, counted in characters.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (short, long, ls, ll) = if la <= lb {
        (a, b, la, lb)
    } else {
        (b, a, lb, la)
    };
    if ls >= 4 && long.contains(short) {
        return 0.8 + 0.2 * ls as f64 / ll as f64;
    }
    strsim::normalized_levenshtein(a, b)
}

/// The subject nouns a name speaks of.
fn subjects<'l>(s: &str, lex: &'l Lexicon) -> Vec<&'l str> {
    lex.subjects
        .nouns
        .iter()
        .filter(|w| s.contains(w))
        .collect()
}

/// Whether a phrase and an indicator name, close as they may be, name different things.
fn different(target: &ProseTarget, ind: &Indicator, w: &Words) -> bool {
    let lex = w.lex;
    let population_in = |s: &str| w.populations.in_phrase(s).map(str::to_string);
    let (p, n) = (target.phrase.as_str(), ind.name.as_str());
    let (sp, sn) = (subjects(p, lex), subjects(n, lex));
    if !sp.is_empty() && !sn.is_empty() && sp.iter().all(|w| !sn.contains(w)) {
        return true;
    }
    for q in lex.subjects.link_qualifiers.iter() {
        if p.contains(q) != n.contains(q) {
            return true;
        }
    }
    // A per-capita form against an absolute one, as the names say (the indicator's unit
    // may say it instead: 执业药师数, 人/万人口).
    let ind_per_capita = population_in(n).is_some()
        || ind
            .unit
            .as_ref()
            .is_some_and(|u| u.per_population().is_some());
    let target_per_capita = population_in(p).is_some()
        || target
            .unit
            .as_ref()
            .is_some_and(|u| u.per_population().is_some());
    let named = (population_in(p).is_some(), population_in(n).is_some());
    if (named.0 && !ind_per_capita) || (named.1 && !target_per_capita) {
        return true;
    }
    // A list of several (新增国家标准、行业标准…共70项) is not one of them.
    let lists = |s: &str| lex.fold.list_marks.chars().any(|c| s.contains(c));
    if top_level_list(p, lex) && !lists(n) {
        return true;
    }
    let rate = |s: &str| lex.subjects.rate_words.suffix_of(s).is_some();
    let ind_rate = rate(n) || ind.unit.as_ref().is_some_and(Unit::is_percent);
    let target_rate = target.value.is_percent() || rate(p);
    let target_count =
        !target.value.is_percent() && target.unit.as_ref().is_some_and(|u| !u.is_percent());
    let ind_count = !ind_rate && ind.unit.as_ref().is_some_and(|u| !u.is_percent());
    (ind_rate && target_count) || (target_rate && ind_count)
}

/// Whether a phrase lists several things with 、 outside quotes.
fn top_level_list(s: &str, lex: &Lexicon) -> bool {
    let pairs = crate::text::fold::nesting_pairs(lex);
    let mut depth = 0usize;
    for c in s.chars() {
        if pairs.iter().any(|p| p.open == c) {
            depth += 1;
        } else if pairs.iter().any(|p| p.close == c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && lex.fold.list_marks.contains(c) {
            return true;
        }
    }
    false
}

/// The least similarity for a link that the values confirm: the phrase is close to the
/// name and the numbers, in convertible units, are the same (食品检验量 3.67万批次 against
/// 食品安全抽样检验量 3.67 万批次/年).
pub(super) const CONFIRMED: f64 = 0.5;

/// Links each target to the indicator it restates and reports disagreements.
///
/// Linking goes through an index, so its time is linear in the document: the
/// indicators are grouped by normalized name, and a target is compared only with the
/// names that share a two-character piece with its phrase (a piece that more than
/// [`COMMON_PIECE`] names share says nothing and is passed over), at most
/// [`MAX_CANDIDATES`] names, those sharing the most first. Of the rows that carry a name,
/// the [`NEAREST_ROWS`] nearest to the target in the document are weighed: in a document
/// that holds one table many times over, a target is linked to its own table's row.
pub(super) fn link(
    targets: &mut [ProseTarget],
    indicators: &[Indicator],
    populations: &Populations,
    lex: &Lexicon,
    diags: &mut Vec<Diagnostic>,
) {
    if targets.is_empty() || indicators.is_empty() {
        return;
    }
    let w = Words::new(lex, populations);
    let index = NameIndex::new(indicators, &w);
    for t in targets.iter_mut() {
        let phrase = normalize(&t.phrase, &w);
        let best = index.best(t, &phrase, indicators, &w);
        t.indicator = best;
        if let Some(ind) = best.and_then(|k| indicators.get(k)) {
            if let Some(why) = disagreement(t, ind, &w) {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    Some(t.line),
                    DiagnosticKind::ProseDisagrees,
                    format!(
                        "the text says {} “{}” ({}{}), the table's indicator {} (line {}) says {}{}: {why}",
                        t.phrase,
                        t.value.raw(),
                        t.value,
                        unit_after(&t.value, t.unit.as_ref()),
                        ind.name,
                        ind.line,
                        ind.target,
                        unit_after(&ind.target, effective_unit(ind, &w).as_ref()),
                    ),
                ));
            }
        }
    }
}

/// A two-character piece shared by more names than this is passed over in the index.
pub(super) const COMMON_PIECE: usize = 512;
/// The most names a target is compared with.
pub(super) const MAX_CANDIDATES: usize = 64;
/// The most rows of one name weighed for a target, the nearest to it.
pub(super) const NEAREST_ROWS: usize = 8;

/// The indicators grouped by normalized name, and the names by the two-character pieces
/// they hold.
struct NameIndex {
    names: Vec<String>,
    /// The rows of each name, in document order.
    rows: Vec<Vec<usize>>,
    exact: std::collections::HashMap<String, usize>,
    pieces: std::collections::HashMap<(char, char), Vec<usize>>,
}

impl NameIndex {
    fn new(indicators: &[Indicator], w: &Words) -> NameIndex {
        let mut index = NameIndex {
            names: Vec::new(),
            rows: Vec::new(),
            exact: std::collections::HashMap::new(),
            pieces: std::collections::HashMap::new(),
        };
        for (k, ind) in indicators.iter().enumerate() {
            let name = normalize(&truncate(&ind.name, 80), w);
            let id = match index.exact.get(&name) {
                Some(&id) => id,
                None => {
                    let id = index.names.len();
                    let mut seen = std::collections::HashSet::new();
                    for piece in pieces(&name) {
                        if seen.insert(piece) {
                            index.pieces.entry(piece).or_default().push(id);
                        }
                    }
                    index.exact.insert(name.clone(), id);
                    index.names.push(name);
                    index.rows.push(Vec::new());
                    id
                }
            };
            index.rows[id].push(k);
        }
        index
    }

    /// The names a phrase is compared with: its own, then those sharing the most pieces.
    fn candidates(&self, phrase: &str) -> Vec<usize> {
        let mut shared: std::collections::HashMap<usize, u32> = std::collections::HashMap::new();
        for piece in pieces(phrase) {
            match self.pieces.get(&piece) {
                Some(ids) if ids.len() <= COMMON_PIECE => {
                    for id in ids {
                        *shared.entry(*id).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        let mut ranked: Vec<(u32, usize)> = shared.into_iter().map(|(id, n)| (n, id)).collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let own = self.exact.get(phrase).copied();
        own.into_iter()
            .chain(
                ranked
                    .into_iter()
                    .map(|(_, id)| id)
                    .filter(|id| Some(*id) != own),
            )
            .take(MAX_CANDIDATES)
            .collect()
    }

    /// The row a target restates: values that agree first, then the most similar name,
    /// then the nearest row.
    fn best(
        &self,
        t: &ProseTarget,
        phrase: &str,
        indicators: &[Indicator],
        w: &Words,
    ) -> Option<usize> {
        let mut best: Option<(bool, f64, std::cmp::Reverse<usize>, usize)> = None;
        for id in self.candidates(phrase) {
            let s = similarity(phrase, &self.names[id]);
            if s < CONFIRMED {
                continue;
            }
            // The verdicts on rows that repeat one another (a document holding the same
            // table many times over): what `different` and `confirms` read of a row is its
            // name, unit and target, so a row like one weighed before is not read again,
            // and a target costs the same however often its table repeats.
            let mut weighed: Vec<(&Indicator, Option<bool>)> = Vec::with_capacity(NEAREST_ROWS);
            for k in nearest(&self.rows[id], indicators, t.line) {
                let ind = &indicators[k];
                let verdict = match weighed.iter().find(|(seen, _)| same_reading(seen, ind)) {
                    Some(&(_, v)) => v,
                    None => {
                        let v = (!different(t, ind, w)).then(|| confirms(t, ind, w));
                        weighed.push((ind, v));
                        v
                    }
                };
                // None: the row names something else.
                let Some(agrees) = verdict else {
                    continue;
                };
                if s < LINK_SCORE && !agrees {
                    continue;
                }
                let key = (agrees, s, std::cmp::Reverse(ind.line.abs_diff(t.line)), k);
                if best
                    .as_ref()
                    .is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2))
                {
                    best = Some(key);
                }
            }
        }
        best.map(|b| b.3)
    }
}

/// Whether two rows read the same to [`different`] and [`confirms`]: the same name, unit
/// and target.
fn same_reading(a: &Indicator, b: &Indicator) -> bool {
    a.name == b.name && a.unit == b.unit && a.target == b.target
}

/// The two-character pieces of a text.
fn pieces(s: &str) -> impl Iterator<Item = (char, char)> + '_ {
    s.chars().zip(s.chars().skip(1))
}

/// Of rows in document order, the [`NEAREST_ROWS`] nearest to `line`.
fn nearest(rows: &[usize], indicators: &[Indicator], line: usize) -> Vec<usize> {
    let at = rows.partition_point(|&k| indicators[k].line < line);
    let (mut before, mut after) = (at, at);
    let mut out = Vec::with_capacity(NEAREST_ROWS.min(rows.len()));
    while out.len() < NEAREST_ROWS && (before > 0 || after < rows.len()) {
        let take_before = before > 0
            && (after >= rows.len()
                || line - indicators[rows[before - 1]].line
                    <= indicators[rows[after]].line.abs_diff(line));
        if take_before {
            before -= 1;
            out.push(rows[before]);
        } else {
            out.push(rows[after]);
            after += 1;
        }
    }
    out
}

/// A unit to write after a value, unless the value already shows it (`≥90%`, not `≥90% %`).
fn unit_after(value: &crate::model::Value, unit: Option<&Unit>) -> String {
    match unit {
        Some(u) if !(value.is_percent() && u.is_percent()) => format!(" {u}"),
        _ => String::new(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// An indicator's unit with the population base its name states (每千人拥有企业户, 户).
fn effective_unit(ind: &Indicator, w: &Words) -> Option<Unit> {
    let unit = ind.unit.clone()?;
    if unit.per_population().is_none() && !unit.is_percent() {
        if let Some(pop) = w.populations.in_phrase(&ind.name) {
            return Unit::parse(&format!("{}/{pop}", unit.raw()), w.lex)
                .ok()
                .or(Some(unit));
        }
    }
    Some(unit)
}

/// Whether the values of a target and an indicator agree (numbers in convertible units or
/// both percentages, equal once converted).
fn confirms(t: &ProseTarget, ind: &Indicator, w: &Words) -> bool {
    ind.target.number().is_some() && t.value.number().is_some() && disagreement(t, ind, w).is_none()
}

/// Units that only count things (个, 家): a count in one is a count in the other.
fn is_classifier(u: &Unit, lex: &Lexicon) -> bool {
    u.per_population().is_none()
        && u.multiplier() == 0
        && lex.subjects.classifiers.contains(u.base())
}

/// Why a target and its indicator disagree, if they do.
fn disagreement(t: &ProseTarget, ind: &Indicator, w: &Words) -> Option<String> {
    let table = ind.target.number()?;
    let prose = t.value.number()?;
    let table_unit = effective_unit(ind, w);
    let table_percent =
        ind.target.is_percent() || table_unit.as_ref().is_some_and(Unit::is_percent);
    let prose_percent = t.value.is_percent() || t.unit.as_ref().is_some_and(Unit::is_percent);
    if table_percent != prose_percent && (table_unit.is_some() || ind.target.is_percent()) {
        return Some(if prose_percent {
            "the text gives a percentage and the table a count".to_string()
        } else {
            "the text gives a count and the table a percentage".to_string()
        });
    }
    let prose_in_table = match (&t.unit, &table_unit) {
        (Some(a), Some(b))
            if !(prose_percent || is_classifier(a, w.lex) || is_classifier(b, w.lex)) =>
        {
            match a.factor_to(b) {
                Ok(f) => prose * f,
                Err(e) => return Some(format!("{e}")),
            }
        }
        _ => prose,
    };
    let scale = table.abs().max(prose_in_table.abs()).max(1e-9);
    if (prose_in_table - table).abs() / scale > 1e-6 {
        return Some(format!(
            "the values differ ({} against {})",
            number(prose_in_table),
            number(table)
        ));
    }
    None
}

/// A number as plans write it: no trailing `.0`, no float noise.
fn number(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_and_similarity() {
        let populations = Populations::new(Lexicon::bundled());
        let w = Words::new(Lexicon::bundled(), &populations);
        let normalize = |s: &str| super::normalize(s, &w);
        assert_eq!(
            normalize("全市持证餐饮服务单位“明厨亮灶”覆盖率"),
            "明厨亮灶覆盖率"
        );
        assert_eq!(normalize("期末市场主体总量"), "市场主体");
        assert_eq!(
            normalize("每万人口高价值发明专利拥有量"),
            "高价值发明专利拥有量"
        );
        assert!(
            similarity(
                &normalize("我市“名厨亮灶”覆盖"),
                &normalize("“明厨亮灶”覆盖率")
            ) >= LINK_SCORE
        );
        assert!(
            similarity(
                &normalize("每千人拥有市场主体量"),
                &normalize("全区每千人拥有企业户")
            ) < LINK_SCORE
        );
        // Characters, not bytes: one differing character of seven.
        assert!((similarity("明厨亮灶覆盖率", "名厨亮灶覆盖率") - 6.0 / 7.0).abs() < 1e-9);
    }
}

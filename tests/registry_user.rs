//! A user's registry file: `[[alias]]` adds a name to a key that exists, `[[withdraw]]`
//! takes a bundled name from its key, each with its source; whatever is wrong in the file
//! (a unit that is no unit, a unit of another dimension than the key's, a name claimed by
//! two keys, an unknown key or field, a withdrawal of a name the key lacks) is an error at
//! the line and column of the value.

use std::path::PathBuf;

use planalign::compare::{Comparer, Side, Status};
use planalign::registry::{How, Registry};
use planalign::{Error, ErrorKind, Indicator, Plan, Unit};

const KITCHEN: &str = "food.bright_kitchen.coverage";
const SAMPLING: &str = "food.sampling.annual_total";

/// A synthetic county plan whose table names the bright-kitchen indicator 阳光厨房覆盖率,
/// a name the bundled registry does not know.
const RENAMED: &str = "示例县市场监管现代化“十四五”规划\n\
    主要指标表\n\
    序号\t主要指标\t单位\t基期值\t规划值\t属性\n\
    1\t阳光厨房覆盖率\t%\t80\t95\t预期性\n\
    2\t食品抽检合格率\t%\t97\t98\t约束性\n";

/// The alias of the issue: the bright-kitchen key under the name a user found.
const KITCHEN_ALIAS: &str = r#"
[[alias]]
key = "food.bright_kitchen.coverage"
name = "阳光厨房覆盖率"
source = "示例县 plan, table row 1"
"#;

fn bundled_plan(id: &str) -> Plan {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "data",
        "plans",
        &format!("{id}.txt"),
    ]
    .iter()
    .collect();
    planalign::parse_file(&path)
        .unwrap_or_else(|e| panic!("the bundled plan {id} reads: {e}"))
        .value
}

fn row<'p>(plan: &'p Plan, name: &str) -> &'p Indicator {
    plan.indicators
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("the plan has a row {name}"))
}

fn extended(text: &str) -> Registry {
    let mut registry = Registry::default();
    registry
        .extend_toml(text)
        .unwrap_or_else(|e| panic!("the file extends the registry: {e}"));
    registry
}

fn percent() -> Unit {
    "%".parse().expect("% is a unit")
}

/// The error extending the bundled registry with `text`, which must leave it unchanged.
fn extension_error(text: &str) -> Error {
    let mut registry = Registry::default();
    let e = registry.extend_toml(text).expect_err("the file is refused");
    let bundled = Registry::default();
    assert_eq!(
        registry.entries(),
        bundled.entries(),
        "a failed extension leaves the registry unchanged"
    );
    e
}

fn line_and_column(e: &Error) -> Option<(usize, usize)> {
    e.position().map(|p| (p.line, p.column))
}

// ---- adding an alias -------------------------------------------------------------------

#[test]
fn an_alias_added_to_an_existing_key_makes_a_renamed_row_resolve() {
    let plan = planalign::parse(RENAMED).value;
    let renamed = row(&plan, "阳光厨房覆盖率");
    assert_eq!(
        Registry::default().resolve_indicator(renamed).key(),
        None,
        "the bundled registry does not know the name"
    );
    let registry = extended(KITCHEN_ALIAS);
    let r = registry.resolve_indicator(renamed);
    assert_eq!(r.key(), Some(KITCHEN));
    assert_eq!(r.how(), Some(How::Alias));
    // The alias keeps its source on the entry, beside the bundled ones.
    let entry = registry.entry(KITCHEN).expect("the key exists");
    let alias = entry.aliases.iter().find(|a| a.name == "阳光厨房覆盖率");
    assert_eq!(
        alias.map(|a| a.source.as_str()),
        Some("示例县 plan, table row 1")
    );
    assert!(entry.aliases.len() > 1, "the bundled aliases stay");
}

#[test]
fn a_comparison_with_the_extended_registry_aligns_the_renamed_row() {
    let plan = planalign::parse(RENAMED).value;
    let dinghu = bundled_plan("dinghu");
    let bundled = Registry::default();
    let before = Comparer::new(&bundled).compare(&plan, &dinghu);
    assert!(
        before
            .unresolved
            .iter()
            .any(|u| u.side == Side::Child && u.name == "阳光厨房覆盖率")
    );
    let registry = extended(KITCHEN_ALIAS);
    let after = Comparer::new(&registry).compare(&plan, &dinghu);
    let kitchen = after.indicator(KITCHEN).expect("the key is compared");
    assert_eq!(kitchen.status, Status::Aligned);
    assert_eq!(
        kitchen.child.as_ref().map(|c| c.name.as_str()),
        Some("阳光厨房覆盖率")
    );
    assert!(!after.unresolved.iter().any(|u| u.name == "阳光厨房覆盖率"));
}

#[test]
fn an_alias_may_name_a_key_the_same_file_defines() {
    let registry = extended(
        r#"
[[indicator]]
key = "other.smart_market.coverage"
name_zh = "智慧农贸市场覆盖率"
name_en = "Smart farmers' market coverage"
domain = "other"
dimension = "percent"
unit = "%"
kind = "intensive"
direction = "higher"

[[alias]]
key = "other.smart_market.coverage"
name = "智慧市场覆盖率"
source = "our county scheme"
"#,
    );
    assert_eq!(
        registry.resolve("智慧市场覆盖率", Some(&percent())).key(),
        Some("other.smart_market.coverage")
    );
}

// ---- withdrawing an alias --------------------------------------------------------------

/// The withdrawal of the issue: the preferred name of the annual sampling total.
const SAMPLING_WITHDRAWN: &str = r#"
[[withdraw]]
key = "food.sampling.annual_total"
name = "食品安全抽样检验量"
source = "we count it per 1,000 residents"
"#;

#[test]
fn a_withdrawn_name_no_longer_resolves_to_its_key() {
    let dayawan = bundled_plan("dayawan");
    let sampling = row(&dayawan, "食品安全抽样检验量");
    assert_eq!(
        Registry::default().resolve_indicator(sampling).key(),
        Some(SAMPLING)
    );
    let registry = extended(SAMPLING_WITHDRAWN);
    let r = registry.resolve_indicator(sampling);
    assert_eq!(r.key(), None, "{r:?}");
    assert_eq!(registry.resolve("食品安全抽样检验量", None).key(), None);
    // The key is still a candidate, vetoed with the user's reason, and the last one.
    let withdrawn = r.candidates.iter().find(|c| c.key == SAMPLING);
    if let Some(c) = withdrawn {
        assert!(c.is_vetoed());
        assert!(
            c.evidence
                .iter()
                .any(|e| e.veto && e.what.contains("we count it per 1,000 residents")),
            "{c:?}"
        );
        assert_eq!(r.candidates.last().map(|c| c.key.as_str()), Some(SAMPLING));
    }
    // The entry records the withdrawal and no longer lists the alias; its other names stay.
    let entry = registry.entry(SAMPLING).expect("the key stays");
    assert!(entry.aliases.iter().all(|a| a.name != "食品安全抽样检验量"));
    assert_eq!(
        entry.withdrawn.first().map(|w| w.source.as_str()),
        Some("we count it per 1,000 residents")
    );
    let per_year: Unit = "批次/年".parse().expect("a unit");
    assert_eq!(
        registry
            .resolve("食品安全抽检批次数", Some(&per_year))
            .key(),
        Some(SAMPLING)
    );
    // And the comparison lists the row as unresolved.
    let zhanjiang = bundled_plan("zhanjiang");
    let comparison = Comparer::new(&registry).compare(&dayawan, &zhanjiang);
    assert!(comparison.indicator(SAMPLING).is_none());
    let unresolved = comparison
        .unresolved
        .iter()
        .find(|u| u.side == Side::Child && u.name == "食品安全抽样检验量")
        .expect("listed as unresolved");
    // A vetoed candidate is no suggestion: the report must not offer the withdrawn key.
    assert_ne!(
        unresolved.suggestion.as_deref(),
        Some(SAMPLING),
        "{unresolved:?}"
    );
}

#[test]
fn a_withdrawn_name_is_not_fuzzy_matched_back_to_its_key() {
    // 明厨亮灶覆盖率 is one spelling of the key's preferred name and two aliases; 名厨亮灶
    //覆盖率, a typo alias one character away, stays, close enough for a fuzzy match.
    let registry = extended(
        r#"
[[withdraw]]
key = "food.bright_kitchen.coverage"
name = "明厨亮灶覆盖率"
source = "a test: the close typo alias must not bring it back"
"#,
    );
    for name in ["明厨亮灶覆盖率", "“明厨亮灶”覆盖率", "全区明厨亮灶覆盖率"]
    {
        let r = registry.resolve(name, Some(&percent()));
        assert_eq!(r.key(), None, "{name}: {r:?}");
        assert_ne!(r.how(), Some(How::FuzzyWithEvidence));
    }
    assert_eq!(
        registry.resolve("名厨亮灶覆盖率", Some(&percent())).key(),
        Some(KITCHEN),
        "the names not withdrawn stay"
    );
    // A near miss of the withdrawn name, not the name itself, still finds the key.
    assert_eq!(
        registry.resolve("明厨亮灶覆盖", Some(&percent())).key(),
        Registry::default()
            .resolve("明厨亮灶覆盖", Some(&percent()))
            .key()
    );
}

/// Two keys whose names are one character apart.
const NEIGHBOURS: &str = r#"
[[indicator]]
key = "other.smart_market.coverage"
name_zh = "智慧市场覆盖率"
name_en = "Smart market coverage"
domain = "other"
dimension = "percent"
unit = "%"
kind = "intensive"
direction = "higher"
aliases = [{ name = "智慧农贸市场覆盖率", source = "a test" }]

[[indicator]]
key = "other.intelligent_market.coverage"
name_zh = "智能市场覆盖率"
name_en = "Intelligent market coverage"
domain = "other"
dimension = "percent"
unit = "%"
kind = "intensive"
direction = "higher"
"#;

#[test]
fn a_withdrawn_name_is_not_fuzzy_matched_to_a_key_that_never_claimed_it() {
    let mut registry = Registry::from_toml(NEIGHBOURS).expect("the registry reads");
    registry
        .extend_toml(
            r#"
[[withdraw]]
key = "other.smart_market.coverage"
name = "智慧市场覆盖率"
source = "a test"
"#,
        )
        .expect("the name is the key's");
    // With its own key out of the way, the neighbour one character away would win a
    // fuzzy match; it never claimed the name.
    let r = registry.resolve("智慧市场覆盖率", Some(&percent()));
    assert_eq!(r.key(), None, "{r:?}");
    assert_eq!(
        r.candidates.first().map(|c| c.key.as_str()),
        Some("other.intelligent_market.coverage"),
        "the neighbour is still the first suggestion"
    );
    // A name that was never withdrawn is matched as before.
    assert_eq!(
        registry.resolve("智能市场覆盖", Some(&percent())).key(),
        Some("other.intelligent_market.coverage")
    );
}

#[test]
fn a_name_withdrawn_from_one_key_resolves_to_another_that_claims_it() {
    // 食品检验量 is shared by the per-capita rate and the annual total; the unit decides.
    let registry = extended(
        r#"
[[withdraw]]
key = "food.sampling.annual_total"
name = "食品检验量"
source = "in our plans it is always the per-capita rate"
"#,
    );
    let per_1000: Unit = "批次/千人".parse().expect("a unit");
    let per_year: Unit = "万批次/年".parse().expect("a unit");
    let r = registry.resolve("食品检验量", Some(&per_1000));
    assert_eq!(r.key(), Some("food.sampling.per_1000"));
    assert_eq!(
        Registry::default()
            .resolve("食品检验量", Some(&per_year))
            .key(),
        Some(SAMPLING)
    );
    assert_eq!(registry.resolve("食品检验量", Some(&per_year)).key(), None);
}

#[test]
fn a_later_file_may_give_a_withdrawn_name_back() {
    let mut registry = extended(SAMPLING_WITHDRAWN);
    registry
        .extend_toml(
            r#"
[[alias]]
key = "food.sampling.annual_total"
name = "食品安全抽样检验量"
source = "on second thought"
"#,
        )
        .expect("the name is the key's again");
    assert_eq!(
        registry.resolve("食品安全抽样检验量", None).key(),
        Some(SAMPLING)
    );
    let entry = registry.entry(SAMPLING).expect("the key stays");
    assert!(entry.withdrawn.is_empty());
}

// ---- errors at the value ---------------------------------------------------------------

/// A new entry with this dimension and unit.
fn entry_with_unit(dimension: &str, unit: &str) -> String {
    format!(
        "[[indicator]]\n\
         key = \"other.smart_market.coverage\"\n\
         name_zh = \"智慧农贸市场覆盖率\"\n\
         name_en = \"Smart farmers' market coverage\"\n\
         domain = \"other\"\n\
         dimension = \"{dimension}\"\n\
         unit = \"{unit}\"\n\
         kind = \"intensive\"\n\
         direction = \"higher\"\n"
    )
}

#[test]
fn a_unit_the_unit_reader_cannot_read_is_an_error_at_the_value() {
    let e = extension_error(&entry_with_unit("count", "bananas"));
    assert!(e.is_data(), "{e:?}");
    assert_eq!(line_and_column(&e), Some((7, 8)), "{e}");
    assert!(e.to_string().contains("bananas"), "{e}");
    assert!(e.to_string().contains("7 | unit = \"bananas\""), "{e}");
}

#[test]
fn a_unit_of_another_dimension_than_the_keys_is_an_error_at_the_value() {
    let e = extension_error(&entry_with_unit("percent", "户"));
    assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
    assert_eq!(line_and_column(&e), Some((7, 8)), "{e}");
    let shown = e.to_string();
    assert!(
        shown.contains("contradicts the key's dimension percent"),
        "{shown}"
    );
    // The other dimensions, each with a unit of another.
    for (dimension, unit) in [
        ("count", "%"),
        ("money", "户"),
        ("per_capita", "件"),
        ("duration", "元"),
        ("ratio", "%"),
    ] {
        let e = extension_error(&entry_with_unit(dimension, unit));
        assert_eq!(line_and_column(&e), Some((7, 8)), "{dimension} {unit}: {e}");
    }
    // And units that fit.
    for (dimension, unit) in [
        ("percent", "%"),
        ("count", "户/年"),
        ("per_capita", "件/万人"),
        ("ratio", "起"),
    ] {
        extended(&entry_with_unit(dimension, unit));
    }
}

#[test]
fn a_unit_in_an_aliases_name_must_fit_the_key_too() {
    let e = extension_error(
        r#"
[[alias]]
key = "food.bright_kitchen.coverage"
name = "明厨亮灶单位数（户）"
source = "a test"
"#,
    );
    assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
    assert_eq!(line_and_column(&e), Some((4, 8)), "{e}");
}

#[test]
fn an_alias_claimed_by_two_keys_is_a_conflict_at_the_name() {
    let e = extension_error(
        r#"
[[alias]]
key = "food.bright_kitchen.coverage"
name = "食品抽检合格率"
source = "a test"
"#,
    );
    assert!(e.is_conflict(), "{e:?}");
    assert_eq!(line_and_column(&e), Some((4, 8)), "{e}");
    assert!(e.to_string().contains("claimed by"), "{e}");
    // The same in a new entry's aliases: at the alias, as it was not before.
    let claimed = format!(
        "{}aliases = [\n  {{ name = \"智慧市场覆盖率\", source = \"a test\" }},\n  {{ name = \"“明厨亮灶”覆盖率\", source = \"a test\" }},\n]\n",
        entry_with_unit("percent", "%")
    );
    let e = extension_error(&claimed);
    assert!(e.is_conflict(), "{e:?}");
    assert_eq!(line_and_column(&e), Some((12, 12)), "{e}");
}

#[test]
fn an_unknown_key_is_an_error_at_the_key() {
    for table in ["alias", "withdraw"] {
        let e = extension_error(&format!(
            "[[{table}]]\nkey = \"food.bright_kitchen.coverag\"\nname = \"明厨亮灶覆盖率\"\nsource = \"a test\"\n"
        ));
        assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
        assert_eq!(line_and_column(&e), Some((2, 7)), "{table}: {e}");
        assert!(
            e.to_string()
                .contains("unknown key food.bright_kitchen.coverag"),
            "{e}"
        );
    }
}

#[test]
fn an_unknown_field_is_an_error_at_the_field() {
    for table in ["alias", "withdraw"] {
        let e = extension_error(&format!(
            "[[{table}]]\nkey = \"food.bright_kitchen.coverage\"\nname = \"明厨亮灶覆盖率\"\nsource = \"a test\"\nunit = \"%\"\n"
        ));
        assert!(matches!(e.kind(), ErrorKind::Toml { .. }), "{e:?}");
        assert_eq!(line_and_column(&e), Some((5, 1)), "{table}: {e}");
        assert!(e.to_string().contains("unknown field `unit`"), "{e}");
    }
    let e = extension_error("[[aliases]]\nkey = \"food.bright_kitchen.coverage\"\n");
    assert!(matches!(e.kind(), ErrorKind::Toml { .. }), "{e:?}");
    assert_eq!(line_and_column(&e).map(|(line, _)| line), Some(1), "{e}");
}

#[test]
fn withdrawing_a_name_the_key_does_not_have_is_an_error_at_the_name() {
    let e = extension_error(
        r#"
[[withdraw]]
key = "food.sampling.annual_total"
name = "“明厨亮灶”覆盖率"
source = "a test"
"#,
    );
    assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
    assert_eq!(line_and_column(&e), Some((4, 8)), "{e}");
    assert!(e.to_string().contains("has no name"), "{e}");
    // Nor can a name be withdrawn twice.
    let mut registry = extended(SAMPLING_WITHDRAWN);
    let e = registry
        .extend_toml(SAMPLING_WITHDRAWN)
        .expect_err("the name is withdrawn already");
    assert_eq!(line_and_column(&e), Some((4, 8)), "{e}");
}

#[test]
fn an_edit_needs_its_source() {
    for table in ["alias", "withdraw"] {
        let missing = format!(
            "[[{table}]]\nkey = \"food.sampling.annual_total\"\nname = \"食品安全抽样检验量\"\n"
        );
        let e = extension_error(&missing);
        assert!(matches!(e.kind(), ErrorKind::Toml { .. }), "{e:?}");
        assert!(e.to_string().contains("missing field `source`"), "{e}");
        assert!(e.position().is_some(), "{e}");
        let empty = format!("{missing}source = \" \"\n");
        let e = extension_error(&empty);
        assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
        assert_eq!(line_and_column(&e), Some((4, 10)), "{table}: {e}");
    }
}

#[test]
fn a_name_both_withdrawn_and_added_is_a_conflict() {
    let e = extension_error(&format!(
        "{SAMPLING_WITHDRAWN}\n[[alias]]\nkey = \"food.sampling.annual_total\"\nname = \"食品安全抽样检验量\"\nsource = \"a test\"\n"
    ));
    assert!(e.is_conflict(), "{e:?}");
    assert_eq!(line_and_column(&e), Some((9, 8)), "{e}");
}

#[test]
fn a_withdrawal_is_of_a_key_the_file_extends() {
    let e = extension_error(&format!(
        "{}aliases = [{{ name = \"智慧市场覆盖率\", source = \"a test\" }}]\n\n[[withdraw]]\nkey = \"other.smart_market.coverage\"\nname = \"智慧市场覆盖率\"\nsource = \"a test\"\n",
        entry_with_unit("percent", "%")
    ));
    assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
    assert_eq!(line_and_column(&e), Some((13, 7)), "{e}");
}

#[test]
fn the_checks_of_whole_entries_are_at_the_value_too() {
    // A duplicate key, at the key.
    let dup = entry_with_unit("percent", "%").replace(
        "other.smart_market.coverage",
        "food.bright_kitchen.coverage",
    );
    let e = extension_error(&dup);
    assert!(e.is_conflict(), "{e:?}");
    assert_eq!(line_and_column(&e), Some((2, 7)), "{e}");
    // A reference to nothing, at the reference.
    let bad_ref = format!(
        "{}see_also = [\"food.sampling.pass_rate\", \"food.nothing\"]\n",
        entry_with_unit("percent", "%")
    );
    let e = extension_error(&bad_ref);
    assert_eq!(line_and_column(&e), Some((10, 40)), "{e}");
    // An alias without a source, at the source.
    let no_source = format!(
        "{}aliases = [{{ name = \"智慧市场覆盖率\", source = \"\" }}]\n",
        entry_with_unit("percent", "%")
    );
    let e = extension_error(&no_source);
    assert_eq!(line_and_column(&e), Some((10, 41)), "{e}");
}

#[test]
fn an_error_in_a_users_file_names_the_file_and_keeps_the_position() {
    let path = std::env::temp_dir().join(format!(
        "planalign-registry-user-{}-bananas.toml",
        std::process::id()
    ));
    std::fs::write(&path, entry_with_unit("percent", "户")).expect("a writable temp dir");
    let e = Registry::default()
        .extend_file(&path)
        .expect_err("户 is no percent");
    let _ = std::fs::remove_file(&path);
    assert_eq!(e.file(), Some(path.display().to_string().as_str()));
    assert_eq!(line_and_column(&e), Some((7, 8)), "{e}");
    assert!(matches!(e.kind(), ErrorKind::Data { .. }), "{e:?}");
}

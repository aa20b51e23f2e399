//! Laws of parsing: no input makes it panic, values and plans round-trip.

use planalign::{Plan, Value, corpus, parse};
use proptest::prelude::*;

/// Strings made of what tables are made of, so the table reader is exercised deeply.
fn tableish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("  \u{a0} \u{a0} ".to_string()),
            Just("|".to_string()),
            Just("序号".to_string()),
            Just("主要指标".to_string()),
            Just("单位".to_string()),
            Just("基期值".to_string()),
            Just("规划值".to_string()),
            Just("属性".to_string()),
            Just("约束性".to_string()),
            Just("预期性".to_string()),
            Just("2020年".to_string()),
            Just("注：〔〕内为累计数".to_string()),
            Just("第三章 任务".to_string()),
            Just("万户".to_string()),
            Just("〔".to_string()),
            Just("〕".to_string()),
            Just("≥".to_string()),
            Just("X".to_string()),
            Just("/".to_string()),
            Just("[bookmark: _Toc1]".to_string()),
            "[0-9]{1,3}",
            "[0-9]{1,2}\\.[0-9]",
            "[\\u4e00-\\u4e20]{1,6}",
        ],
        0..200,
    )
    .prop_map(|parts| parts.concat())
}

/// Cell texts from the value grammar: bound words, brackets, numbers, ranges, markers.
fn cell() -> impl Strategy<Value = String> {
    let number = "[0-9]{1,5}(\\.[0-9]{1,3})?";
    (
        prop_oneof![
            Just(""),
            Just("≥"),
            Just("≤"),
            Just(">"),
            Just("<"),
            Just("不低于"),
            Just("不超过")
        ],
        prop_oneof![
            Just(("", "")),
            Just(("〔", "〕")),
            Just(("[", "]")),
            Just(("〈", "〉")),
            Just(("【", "】"))
        ],
        prop_oneof![
            number.prop_map(|n| n),
            (number, number).prop_map(|(a, b)| format!("{a}-{b}")),
            Just("X".to_string()),
            Just("/".to_string()),
            Just("--".to_string()),
            Just(String::new()),
            Just("完成省下达任务".to_string()),
        ],
        prop_oneof![Just(""), Just("%"), Just("以上"), Just("以内"), Just("％")],
    )
        .prop_map(|(b, (o, c), n, s)| format!("{b}{o}{n}{s}{c}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = parse(&s);
    }

    #[test]
    fn parse_never_panics_on_table_like_text(s in tableish()) {
        let p = parse(&s);
        // Every indicator has a name and a line inside the text.
        let lines = s.split('\n').count();
        for i in &p.value.indicators {
            prop_assert!(!i.name.is_empty());
            prop_assert!(i.line >= 1 && i.line <= lines);
        }
    }

    #[test]
    fn parse_bytes_never_panics(b in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = planalign::parse_bytes(&b);
    }

    #[test]
    fn values_round_trip_through_display(s in prop_oneof![cell(), any::<String>()]) {
        let v: Value = s.parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let again: Value = v.to_string().parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(v.same_meaning(&again), "{s:?} → {v:?} → {:?} → {again:?}", v.to_string());
        prop_assert_eq!(v.raw(), s.as_str());
    }

    #[test]
    fn values_round_trip_through_json(s in prop_oneof![cell(), any::<String>()]) {
        let v: Value = s.parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let json = serde_json::to_string(&v).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Value = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(v, back);
    }

    #[test]
    fn parsed_plans_round_trip_through_json(s in tableish()) {
        let plan = parse(&s).value;
        let back = Plan::from_json(&plan.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(plan, back);
    }
}

#[test]
fn bundled_plans_round_trip_through_json() -> Result<(), planalign::Error> {
    let corpus = corpus::guangdong()?;
    for plan in corpus.plans() {
        let back = Plan::from_json(&plan.to_json()?)?;
        assert_eq!(plan, &back, "{}", plan.label());
    }
    Ok(())
}

#[test]
fn the_json_has_the_documented_fields() -> Result<(), planalign::Error> {
    let corpus = corpus::guangdong()?;
    let json: serde_json::Value = serde_json::from_str(&corpus.plan("dinghu")?.to_json()?)?;
    assert_eq!(json["title"], "肇庆市鼎湖区市场监管现代化“十四五”规划");
    assert_eq!(json["locality"]["name"], "鼎湖区");
    assert_eq!(json["locality"]["level"], "county_district");
    let row = &json["indicators"][0];
    assert_eq!(row["seq"], 1);
    assert_eq!(row["category"], "总体数据");
    assert_eq!(row["name"], "期末市场主体总量");
    assert_eq!(row["unit"], "万户");
    assert_eq!(row["attribute"], "expected");
    assert_eq!(row["target"]["raw"], "〔3.12〕");
    assert_eq!(row["target"]["kind"], "number");
    assert_eq!(row["target"]["number"], 3.12);
    assert_eq!(row["target"]["bound"], "eq");
    assert_eq!(row["target"]["accumulation"], "cumulative");
    assert_eq!(row["target"]["missing"], serde_json::Value::Null);
    assert_eq!(json["indicators"][1]["unit"], serde_json::Value::Null);
    Ok(())
}

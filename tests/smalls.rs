//! The smaller defects of issue 10, each pinned: an exact JSON round trip of numbers (11),
//! growth and ratios that overflow (14), the examples on a closed pipe (15), and a strict
//! `Plan::from_json` (16).

use std::io::Read;
use std::process::{Command, Stdio};

use planalign::compare::{Comparer, Comparison, compare};
use planalign::registry::Registry;
use planalign::{Indicator, Level, Locality, Plan, Unit, Value, corpus, report};

/// A plan of one locality with one row of 期末市场主体总量 (market_entities.total).
fn plan_with(id: &str, locality: &str, unit: &str, baseline: &str, target: &str) -> Plan {
    let mut plan = Plan::new(
        format!("{locality}市场监管现代化“十四五”规划"),
        Locality::new(locality, Level::PrefectureCity),
    );
    plan.id = Some(id.to_string());
    let mut row = Indicator::new("期末市场主体总量", 1);
    row.unit = Some(unit.parse::<Unit>().expect("a unit"));
    row.baseline = baseline.parse().expect("a value");
    row.target = target.parse().expect("a value");
    plan.indicators.push(row);
    plan
}

/// 10^-300 written out, as a cell could be.
fn tiny() -> String {
    format!("0.{}1", "0".repeat(299))
}

/// 10^300 written out.
fn huge() -> String {
    format!("1{}", "0".repeat(300))
}

const KEY: &str = "market_entities.total";

/// Neither rendering prints a non-finite number, and the JSON reads back as a comparison
/// (a `Growth` whose ratio is `null` does not).
fn assert_renders_finite(c: &Comparison) {
    let md = report::comparison_markdown(c);
    for word in ["inf", "NaN"] {
        assert!(!md.contains(word), "{word} in the Markdown:\n{md}");
    }
    let csv = report::comparison_csv(std::slice::from_ref(c)).expect("CSV");
    for word in ["inf", "NaN"] {
        assert!(!csv.contains(word), "{word} in the CSV:\n{csv}");
    }
    let json = c.to_json().expect("JSON");
    let back: Comparison = serde_json::from_str(&json).unwrap_or_else(|e| {
        panic!("the comparison's JSON does not read back ({e}):\n{json}");
    });
    assert_eq!(&back, c);
}

// --- 11 ----------------------------------------------------------------------------

/// 11: `123456789.123456789123` comes back from JSON with the same bits (serde_json's
/// `float_roundtrip`; without it the number came back one ULP off).
#[test]
fn json_round_trip_keeps_every_bit_of_a_number() {
    let written = "123456789.123456789123";
    let expected: f64 = written.parse().expect("a float");
    let plan = plan_with("a", "甲市", "万户", written, written);
    assert_eq!(plan.indicators[0].target.number(), Some(expected));
    let back = Plan::from_json(&plan.to_json().expect("JSON")).expect("a plan");
    let n = back.indicators[0].target.number().expect("a number");
    assert_eq!(n.to_bits(), expected.to_bits(), "{n} against {expected}");
    assert_eq!(back, plan);
}

// --- 14 ----------------------------------------------------------------------------

/// 14: a baseline of 1e-300 and a target of 1e300 is a growth of 1e600, which no f64
/// holds: it is not reported as a number (it printed `×inf (+inf%/yr)` and `"ratio": null`),
/// and the note says why.
#[test]
fn growth_that_overflows_is_not_a_number() {
    let child = plan_with("child", "甲市", "户", &tiny(), &huge());
    let parent = plan_with("parent", "乙市", "户", "1", "2");
    let c = compare(&child, &parent);
    let a = c.indicator(KEY).expect("aligned");
    assert_eq!(a.child_growth, None);
    assert!(a.parent_growth.is_some());
    let reason = a.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("growth"), "{reason}");
    assert_renders_finite(&c);
}

/// 14: a child target of 1e300 over a parent target of 1e-300 is no ratio either.
#[test]
fn escalation_ratio_that_overflows_is_not_a_number() {
    let child = plan_with("child", "甲市", "户", "1", &huge());
    let parent = plan_with("parent", "甲市", "户", "1", &tiny());
    let c = compare(&child, &parent);
    let a = c.indicator(KEY).expect("aligned");
    assert_eq!(a.escalation_ratio, None);
    assert!(a.target_delta.is_some_and(f64::is_finite));
    let reason = a.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("ratio"), "{reason}");
    assert_renders_finite(&c);
}

/// 14: 10^301 亿户 is 10^309 户 in the canonical unit: past f64, so neither a delta nor a
/// verdict can be had, and the reason says so.
#[test]
fn a_number_that_overflows_in_the_canonical_unit_is_incomparable() {
    let big = format!("1{}", "0".repeat(301));
    let child = plan_with("child", "甲市", "亿户", "1", &big);
    let parent = plan_with("parent", "甲市", "户", "1", "2");
    let c = compare(&child, &parent);
    let a = c.indicator(KEY).expect("aligned");
    assert_eq!(a.target_delta, None);
    assert_eq!(a.escalation_ratio, None);
    assert_eq!(a.verdict, Some(planalign::compare::Verdict::Incomparable));
    assert_eq!(a.child_growth, None);
    let reason = a.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("finite"), "{reason}");
    assert_renders_finite(&c);
}

/// 14: the peer consensus takes no non-finite growth or target into its medians.
#[test]
fn consensus_has_only_finite_numbers() {
    let big = format!("1{}", "0".repeat(301));
    let plans = [
        plan_with("a", "甲市", "户", &tiny(), &huge()),
        plan_with("b", "乙市", "亿户", "1", &big),
        plan_with("c", "丙市", "户", "1", "2"),
    ];
    let registry = Registry::default();
    let comparer = Comparer::new(&registry);
    let refs: Vec<&Plan> = plans.iter().collect();
    let consensus = comparer.consensus(&refs);
    let k = consensus.iter().find(|k| k.key == KEY).expect("carried");
    assert!(k.median_growth.is_some_and(f64::is_finite), "{k:?}");
    assert!(k.targets.iter().all(|(_, t)| t.is_finite()), "{k:?}");
    let md = report::consensus_markdown(&consensus);
    assert!(!md.contains("inf") && !md.contains("NaN"), "{md}");
}

// --- 15 ----------------------------------------------------------------------------

/// 15: `extract qingyuan | head -c 10` ends quietly: no panic (exit 101 and
/// "failed printing to stdout"). The plan's JSON (about 300 KB) is larger than a pipe's
/// buffer, so the example is still writing when the pipe closes.
#[test]
fn extract_on_a_closed_pipe_ends_quietly() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let mut child = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path", manifest])
        .args(["--example", "extract", "--", "qingyuan"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    let mut stdout = child.stdout.take().expect("a pipe");
    let mut first = [0u8; 10];
    let read = stdout.read_exact(&mut first);
    drop(stdout);
    let out = child.wait_with_output().expect("the example ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(read.is_ok(), "no output from the example: {stderr}");
    assert_eq!(&first[..1], b"{");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

// --- 16 ----------------------------------------------------------------------------

/// A small plan with a text target, as JSON to edit.
fn plan_json() -> serde_json::Value {
    let plan = plan_with("a", "甲市", "万户", "〔1.89〕", "完成省下达任务");
    serde_json::from_str(&plan.to_json().expect("JSON")).expect("JSON")
}

fn read(json: &serde_json::Value) -> Result<Plan, planalign::Error> {
    Plan::from_json(&serde_json::to_string_pretty(json).expect("JSON"))
}

/// 16: a leading byte-order mark (as Windows editors write it) is not JSON, but not a fault.
#[test]
fn from_json_reads_through_a_byte_order_mark() {
    let plan = plan_with("a", "甲市", "万户", "1", "2");
    let json = format!("\u{feff}{}", plan.to_json().expect("JSON"));
    assert_eq!(Plan::from_json(&json).expect("a plan"), plan);
}

/// 16: an unknown field (a misspelt one, or another program's) is an error naming it.
#[test]
fn from_json_rejects_unknown_fields() {
    let mut json = plan_json();
    json["colour"] = 5.into();
    let e = read(&json).unwrap_err();
    assert!(e.to_string().contains("colour"), "{e}");
    assert!(e.position().is_some(), "{e}");
    let mut json = plan_json();
    json["locality"]["levle"] = "province".into();
    let e = read(&json).unwrap_err();
    assert!(e.to_string().contains("levle"), "{e}");
    let mut json = plan_json();
    json["indicators"][0]["target"]["nmber"] = 5.into();
    let e = read(&json).unwrap_err();
    assert!(e.to_string().contains("nmber"), "{e}");
    let mut json = plan_json();
    json["indicators"][0]["nmbr"] = 5.into();
    let e = read(&json).unwrap_err();
    assert!(e.to_string().contains("indicators[0]"), "{e}");
}

/// 16: a text value with a number (which was silently dropped) is an error naming the
/// value's place and the field.
#[test]
fn from_json_rejects_a_text_value_with_a_number() {
    let mut json = plan_json();
    json["indicators"][0]["target"]["number"] = 5.into();
    let e = read(&json).unwrap_err();
    let message = e.to_string();
    assert!(message.contains("indicators[0].target"), "{message}");
    assert!(message.contains("number"), "{message}");
    assert!(e.position().is_some(), "{e}");
}

/// 16: the other contradictions of a value's kind and its fields.
#[test]
fn from_json_rejects_a_value_contradicting_its_kind() {
    let cases: [(&str, serde_json::Value); 5] = [
        // A range whose upper end is below its lower end.
        (
            "upper",
            serde_json::json!({"raw": "5-3", "kind": "number", "number": 5, "upper": 3}),
        ),
        // A missing value with a number.
        (
            "number",
            serde_json::json!({"raw": "X", "kind": "missing", "number": 5, "missing": "placeholder"}),
        ),
        // A number with a reason for having none.
        (
            "missing",
            serde_json::json!({"raw": "5", "kind": "number", "number": 5, "missing": "placeholder"}),
        ),
        // Text with the upper end of a range.
        (
            "upper",
            serde_json::json!({"raw": "多", "kind": "text", "upper": 3}),
        ),
        // A missing value without its reason.
        ("missing", serde_json::json!({"raw": "", "kind": "missing"})),
    ];
    for (field, value) in cases {
        let mut json = plan_json();
        json["indicators"][0]["baseline"] = value.clone();
        let e = read(&json).unwrap_err();
        let message = e.to_string();
        assert!(
            message.contains("indicators[0].baseline"),
            "{value}: {message}"
        );
        assert!(message.contains(field), "{value}: {message}");
    }
}

/// 16: what the checks must not reject: every bundled plan, parsed from its text or
/// taken from the corpus, reads back from its JSON as it was.
#[test]
fn every_bundled_plan_round_trips_through_strict_json() {
    for id in corpus::ids() {
        let text = corpus::text(id).expect("bundled text");
        let plan = planalign::parse(text).value;
        let json = plan.to_json().expect("JSON");
        assert_eq!(Plan::from_json(&json).expect(id), plan, "{id}");
    }
    let corpus = corpus::guangdong().expect("corpus");
    for plan in corpus.plans() {
        let json = plan.to_json().expect("JSON");
        assert_eq!(
            &Plan::from_json(&json).expect("a plan"),
            plan,
            "{}",
            plan.label()
        );
    }
}

/// 16: a value's own JSON round trip, for the kinds the checks look at.
#[test]
fn values_round_trip_through_strict_json() {
    for raw in [
        "≥〔50〕",
        "1-2",
        "90%–95%",
        "X",
        "/",
        "",
        "完成省下达任务",
        "约90",
    ] {
        let v: Value = raw.parse().expect("a value");
        let json = serde_json::to_string(&v).expect("JSON");
        let back: Value = serde_json::from_str(&json).expect(raw);
        assert_eq!(back, v, "{raw}: {json}");
    }
}

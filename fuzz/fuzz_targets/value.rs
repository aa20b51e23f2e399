//! Any text → a value cell (`str::parse::<Value>`, `Value::parse_with` under a document's
//! own bracket convention) and a unit: never a panic; a number is finite, a range ordered;
//! a number's display parses back (under the same convention) to the same meaning; the
//! JSON form reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planalign::{Accumulation, Bracket, BracketConvention, Unit, Value, ValueKind};

fuzz_target!(|input: (&str, &str, u8)| {
    let (cell, unit, convention) = input;
    let common: Value = cell.parse().expect("a value never fails to parse");
    check(&common, &BracketConvention::default());
    let own = document_convention(convention);
    check(&Value::parse_with(cell, &own), &own);
    if let Ok(unit) = unit.parse::<Unit>() {
        let _ = unit.dimension();
        let canonical = unit.canonical();
        if let Ok(f) = unit.factor_to(&canonical) {
            assert!(
                f.is_finite() && f > 0.0,
                "{unit:?} → {canonical:?}: factor {f}"
            );
        }
        let json = serde_json::to_string(&unit).expect("a unit serializes");
        let back: Unit = serde_json::from_str(&json).expect("a unit's JSON reads back");
        assert_eq!(back, unit);
    }
});

/// A convention as a document's note may state it: each bracket's meaning from two bits.
fn document_convention(bits: u8) -> BracketConvention {
    let mut c = BracketConvention::default();
    let meanings = [
        Accumulation::Level,
        Accumulation::Cumulative,
        Accumulation::Increment,
        Accumulation::Cumulative,
    ];
    for (k, bracket) in [
        Bracket::Tortoise,
        Bracket::Square,
        Bracket::Angle,
        Bracket::Lenticular,
    ]
    .into_iter()
    .enumerate()
    {
        c.define(bracket, meanings[usize::from(bits >> (2 * k)) & 3], k + 1);
    }
    c
}

/// The laws of a value read under `brackets`.
fn check(v: &Value, brackets: &BracketConvention) {
    match v.kind() {
        ValueKind::Number(n) => assert!(n.is_finite(), "{v:?}"),
        ValueKind::Range { low, high } => {
            assert!(low.is_finite() && high.is_finite() && low <= high, "{v:?}");
        }
        _ => {}
    }
    if v.is_number() {
        let shown = v.to_string();
        let again = Value::parse_with(&shown, brackets);
        assert!(
            again.same_meaning(v),
            "display → parse is not stable: {:?} shows as {shown:?}, which reads {again:?}",
            v.raw()
        );
    }
    let json = serde_json::to_string(v).expect("a value serializes");
    let back: Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("a value's JSON does not read back ({e}): {json}"));
    assert_eq!(&back, v, "{json}");
}

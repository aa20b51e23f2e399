//! Any bytes → `planalign::parse_bytes`: an error (an encoding it does not read) or a plan
//! with its diagnostics, never a panic; the plan's JSON reads back as the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planalign::Plan;

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = planalign::parse_bytes(data) else {
        return;
    };
    let plan = parsed.value;
    for d in &parsed.diagnostics {
        // Rendering a diagnostic is part of reading a plan.
        let _ = d.to_string();
    }
    let json = plan.to_json().expect("a parsed plan serializes");
    let back =
        Plan::from_json(&json).unwrap_or_else(|e| panic!("its JSON does not read back: {e}"));
    assert_eq!(back, plan, "the JSON round trip changes the plan");
});

//! Any name, with or without a unit → `Registry::resolve`: never a panic; a key it assigns
//! and every candidate's key are keys of the registry, and scores are finite.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use planalign::Unit;
use planalign::registry::Registry;

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);

fuzz_target!(|input: (&str, Option<&str>)| {
    let (name, unit) = input;
    let unit: Option<Unit> = unit.and_then(|u| u.parse().ok());
    let r = REGISTRY.resolve(name, unit.as_ref());
    if let Some(key) = r.key() {
        assert!(
            REGISTRY.entry(key).is_some(),
            "{name:?} resolves to unknown key {key}"
        );
    }
    assert!(r.score().is_finite(), "{name:?}: score {}", r.score());
    for c in &r.candidates {
        assert!(
            REGISTRY.entry(&c.key).is_some(),
            "{name:?}: candidate {}",
            c.key
        );
        assert!(
            c.score.is_finite(),
            "{name:?}: candidate {} scores {}",
            c.key,
            c.score
        );
    }
    let _ = planalign::registry::normalize(name);
});

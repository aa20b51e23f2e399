//! Any text → `Registry::extend_toml` on a small registry: an error (which leaves the
//! registry unchanged) or more entries, never a panic; every name the extended registry
//! holds resolves without a panic, and no name withdrawn from a key (`[[withdraw]]`)
//! resolves to it. The seeds (`corpus/registry_extend/`) hold `[[indicator]]`,
//! `[[alias]]` and `[[withdraw]]` tables.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use planalign::registry::Registry;

/// Two entries in the bundled format: small enough to clone and rebuild per input.
const BASE: &str = r#"
[[indicator]]
key = "market_entities.total"
name_zh = "期末市场主体总量"
name_en = "Registered market entities at period end"
domain = "market_entities"
dimension = "count"
unit = "户"
kind = "extensive"
direction = "higher"
qualifiers = ["期末", "实有"]
broader = []
narrower = ["market_entities.enterprises.total"]
see_also = []
aliases = [
  { name = "市场主体总量", source = "variant: 期末 dropped" },
]

[[indicator]]
key = "market_entities.enterprises.total"
name_zh = "期末企业总量"
name_en = "Registered enterprises at period end"
domain = "market_entities"
dimension = "count"
unit = "户"
kind = "extensive"
direction = "higher"
qualifiers = ["期末", "实有"]
broader = ["market_entities.total"]
narrower = []
see_also = []
aliases = [
  { name = "企业总量", source = "variant: 期末 dropped" },
]
"#;

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::from_toml(BASE).expect("the base registry reads"));

fuzz_target!(|text: &str| {
    let mut registry = REGISTRY.clone();
    match registry.extend_toml(text) {
        Err(e) => {
            let _ = e.to_string();
            assert_eq!(
                registry.entries().len(),
                REGISTRY.entries().len(),
                "a failed extension changed the registry"
            );
        }
        Ok(()) => {
            for entry in registry.entries() {
                let r = registry.resolve(&entry.name_zh, Some(&entry.unit));
                if let Some(key) = r.key() {
                    assert!(registry.entry(key).is_some(), "unknown key {key}");
                }
                for w in &entry.withdrawn {
                    for unit in [Some(&entry.unit), None] {
                        let r = registry.resolve(&w.name, unit);
                        assert_ne!(
                            r.key(),
                            Some(entry.key.as_str()),
                            "{:?} was withdrawn from its key",
                            w.name
                        );
                    }
                }
            }
        }
    }
});

//! Placeholder: replaced by the bench of its capability.
fn main() {}

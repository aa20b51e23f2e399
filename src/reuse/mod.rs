//! Text reuse between plans: which passages one plan shares with another, and what changed.

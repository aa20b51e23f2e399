//! Text reuse between plans: which passages one plan shares with another, and what it
//! changed.
//!
//! Local plans are written from templates handed down from above and from each other.
//! Policy-diffusion research measures this by aligning passages of two documents and
//! reading what was kept, adapted or dropped. [`align_text`] does that for two plans:
//!
//! - A *passage* is a sentence of a plan's body text, split on 。；！？ and line ends, and
//!   normalized for matching (full-width forms folded, whitespace and quotation marks
//!   removed; see [`Passage::normalized`]).
//! - Passages identical after normalization are paired first. Candidates for *adapted*
//!   passages come from an index of character 4-grams (not from comparing all pairs);
//!   each candidate pair is scored by the share of characters the two have in common, in
//!   order (2·LCS / (|a| + |b|), the ratio of a character diff), and pairs scoring at
//!   least [`TextAlignment::threshold`] (0.5) are matched one to one, best first. The changes of a matched
//!   pair come from a character diff by the `similar` crate.
//! - An adapted passage lists its [`Change`]s, each classified ([`ChangeClass`]): a
//!   number (48万户 → 3.12万户), a scope word (全市 → 全区: whole city → whole district), an
//!   ambition word (国内一流 → 省内一流: first-class nationally → within the province), an
//!   added or dropped clause.
//! - [`Shares`] tell how much of each plan's text (in characters) is identical, adapted
//!   or its own, for the whole plan and per chapter; [`corpus_matrix`] gives the shares
//!   of every pair of a corpus and each plan's nearest plan.
//! - [`lineage`] scales that to a whole country's corpus: one shingle index over every
//!   plan proposes the pairs worth aligning, boilerplate weighs by how many plans hold
//!   it, and the "adapted from" edges (earlier or higher-level plan as source where
//!   periods or levels say so) form a branching ([`Lineage`]).
//!
//! ```
//! use planalign::reuse::{ChangeClass, PassageKind, align_text};
//!
//! let corpus = planalign::corpus::guangdong()?;
//! let alignment = align_text(corpus.plan("zhanjiang")?, corpus.plan("dinghu")?);
//! let ambition = alignment
//!     .of_kind(PassageKind::Adapted)
//!     .flat_map(|p| p.changes())
//!     .find(|c| c.class() == ChangeClass::Ambition && c.a() == "国内");
//! assert_eq!(ambition.map(|c| c.b()), Some("省内"));
//! println!("{}", planalign::report::alignment_markdown(&alignment));
//! # Ok::<(), planalign::Error>(())
//! ```
//!
//! Costs grow about linearly with the text: each passage is split, normalized and
//! indexed once; shingles shared by many passages are skipped, each passage keeps at most
//! a few candidates, scoring a pair costs at most |a|·|b|/64 word operations, and
//! passages over 1,000 characters (a text without sentence ends) are matched only when
//! identical. Identical passages are paired through one table of the texts of `b`, each
//! passage with one partner at most (never every pair of equal passages), and the
//! passages of a plan that read the same share what is derived from their text, as the
//! passages of a paragraph share its text and those of a chapter its heading: a plan
//! repeating one sentence a million times holds it once, and aligning it costs a few
//! hundred bytes per passage. Rows and chapter shares are assembled in one pass.

mod align;
mod branching;
mod change;
mod corpus_index;
mod index;
mod lcs;
mod lineage;
mod matrix;
mod text;

pub use align::{AlignedPassage, ChapterShare, PassageKind, Shares, TextAlignment, align_text};
pub use change::{Change, ChangeClass, Quantity};
pub use lineage::{Direction, Lineage, LineageEdge, SourceShare, lineage};
pub use matrix::{ReuseMatrix, corpus_matrix};
pub use text::{Heading, Location, Passage};

//! typeset: a typesetting compiler for Chinese newspaper features and
//! serialized fiction.
//!
//! The pipeline, one module per stage, plain data between them:
//! [`parse`] → [`resolve`] → [`shape`] → [`linebreak`] → [`compose`] →
//! [`pdf`] / [`epub`]. Types several stages share live in [`model`];
//! imports run downward only. [`compile`] drives the stages for one input.

pub mod clean;
pub mod compile;
pub mod compose;
pub(crate) mod deflate;
pub mod diag;
pub mod epub;
pub mod error;
pub mod fsio;
pub mod linebreak;
pub mod model;
pub mod parse;
pub mod pdf;
pub mod render;
pub mod resolve;
pub mod script;
pub mod shape;
pub mod source;
/// Lengths (part of the shared model).
pub use model::units;

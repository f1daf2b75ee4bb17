//! typeset: a typesetting compiler for Chinese newspaper features and
//! serialized fiction.
//!
//! The pipeline, one module per stage, plain data between them:
//! [`parse`] → [`resolve`] → [`shape`] → [`linebreak`] → [`compose`] →
//! [`pdf`] / [`epub`].

pub mod error;
pub mod parse;
pub mod source;
pub mod units;
pub mod resolve;
pub mod script;
pub mod linebreak;
pub mod shape;
pub mod compose;
pub mod pdf;
pub mod epub;
pub mod run;

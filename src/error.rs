//! Errors and warnings, each naming the stage that found it, where in the
//! input it is, and what the editor can do about it.

use std::fmt;

use crate::source::Located;

/// The pipeline stage that reported a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading articles and their front matter.
    Parse,
    /// Layout templates and fonts.
    Resolve,
    /// Placing lines into columns and pages.
    Compose,
    /// Writing the PDF or EPUB file.
    Write,
}

/// A problem that stops the run.
#[derive(Debug, Clone)]
pub struct Error {
    pub stage: Stage,
    pub location: Option<Located>,
    pub message: String,
    pub hint: Option<String>,
}

impl Error {
    pub fn new(stage: Stage, message: impl Into<String>) -> Error {
        Error {
            stage,
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, location: Located) -> Error {
        self.location = Some(location);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.location {
            write!(f, "{at}: ")?;
        }
        write!(f, "error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A problem the run survives, printed on stderr.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub location: Option<Located>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.location {
            write!(f, "{at}: ")?;
        }
        write!(f, "warning: {}", self.message)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

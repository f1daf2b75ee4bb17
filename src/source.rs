//! Source files and locations, so that every message can say `file:line:col`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
}

/// The text of one input file and the byte offsets where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The location of a byte offset (clamped to the text).
    pub fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        Loc {
            line: line as u32 + 1,
            col: col as u32 + 1,
        }
    }

    pub fn at(&self, offset: usize) -> Located {
        Located {
            path: self.path.clone(),
            loc: self.loc(offset),
        }
    }
}

/// A character no output may hold: a control character other than tab and
/// line ends (XML forbids most, and none prints), or a Unicode
/// noncharacter (U+FDD0–U+FDEF and the last two of every plane, which XML
/// and so the EPUB refuses).
pub fn unfit_char(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// How a message names an unfit character.
pub fn unfit_name(c: char) -> String {
    let what = if c.is_control() {
        "a control character"
    } else {
        "a noncharacter"
    };
    format!("{what} U+{:04X}", c as u32)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A file and a position in it, printed as `file:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: PathBuf,
    pub loc: Loc,
}

impl Located {
    pub fn new(path: &Path, loc: Loc) -> Located {
        Located {
            path: path.to_path_buf(),
            loc,
        }
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.path.display(),
            self.loc.line,
            self.loc.col
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let f = SourceFile::new("a.md", "ab\n中文x\n".to_string());
        assert_eq!(f.loc(0), Loc { line: 1, col: 1 });
        assert_eq!(f.loc(3), Loc { line: 2, col: 1 });
        // byte 9 is after the two three-byte Han characters
        assert_eq!(f.loc(9), Loc { line: 2, col: 3 });
        assert_eq!(f.at(3).to_string(), "a.md:2:1");
    }
}

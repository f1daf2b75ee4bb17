//! The parsed article: plain data handed to the resolve stage.

use std::path::PathBuf;

use crate::model::{Lang, Writing};
use crate::source::Loc;

/// One article file, parsed and checked.
#[derive(Debug, Clone)]
pub struct Article {
    pub path: PathBuf,
    pub meta: Meta,
    pub body: Vec<Block>,
}

/// What the article is: 特稿 (feature) or 连载 (a serial's installment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Feature,
    Serial,
}

/// A calendar date from the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// 2026年11月27日
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// A front-matter text value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub text: String,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SerialInfo {
    pub work: Field,
    pub author: Field,
    pub installment: u32,
}

/// The front matter, checked.
#[derive(Debug, Clone)]
pub struct Meta {
    pub kind: Kind,
    /// As written; `None` leaves it to the serial's settings or the default
    /// (resolve decides).
    pub lang: Option<Lang>,
    /// 主题: the headline, or the installment's title.
    pub title: Field,
    /// 引题
    pub kicker: Option<Field>,
    /// 副题
    pub deck: Option<Field>,
    pub byline: Option<Field>,
    /// 导语, one field per paragraph.
    pub lead: Vec<Field>,
    /// Printed at the end of the body as （据新华社）.
    pub source: Option<Field>,
    pub date: Option<Date>,
    pub writing: Option<Writing>,
    pub serial: Option<SerialInfo>,
}

/// How a run of inline text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct InlineStyle {
    /// `*text*`: 着重号 (emphasis dots) in CJK, italic in Latin.
    pub emphasis: bool,
    /// `**text**`: the bold/Hei face.
    pub strong: bool,
}

/// A run of text in one style, with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    pub text: String,
    pub style: InlineStyle,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// 小标题: `##` (level 2) or `###` (level 3).
    Heading {
        level: u8,
        text: Vec<Inline>,
        loc: Loc,
    },
    Paragraph {
        text: Vec<Inline>,
        loc: Loc,
    },
    /// `>`: a block quote, one entry per paragraph.
    Quote {
        paragraphs: Vec<Vec<Inline>>,
        loc: Loc,
    },
    /// `![caption](src)` alone in its paragraph.
    Figure {
        src: String,
        caption: String,
        /// Columns of the module the figure spans; text wraps around it.
        columns: u32,
        /// Width in columns when not a whole number.
        width: Option<f64>,
        /// Round wrap: text follows a circle.
        round: bool,
        /// A place in the module (centre across, in columns; top row).
        x: Option<f64>,
        row: Option<u32>,
        loc: Loc,
    },
}

/// The plain text of inline runs, for tests and text comparison.
pub fn plain_text(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

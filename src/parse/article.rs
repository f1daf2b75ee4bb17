//! The parsed article: plain data handed to the resolve stage.

use std::path::PathBuf;

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

/// The article's language; it picks fonts, prohibition defaults and
/// punctuation conventions (CLREQ §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    /// The BCP 47 tag as written, for the EPUB's `xml:lang`.
    pub tag: String,
    pub family: LangFamily,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangFamily {
    /// Simplified Chinese, mainland conventions (GB).
    ZhHans,
    /// Traditional Chinese, Taiwan and Hong Kong conventions.
    ZhHant,
    Ja,
    En,
}

impl Lang {
    /// Understands the tags users write; `None` for anything else.
    pub fn parse(tag: &str) -> Option<Lang> {
        let lower = tag.to_ascii_lowercase();
        let family = match lower.as_str() {
            "zh" | "zh-hans" | "zh-cn" | "zh-sg" | "zh-hans-cn" => LangFamily::ZhHans,
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" | "zh-hant-tw" | "zh-hant-hk" => {
                LangFamily::ZhHant
            }
            "ja" | "ja-jp" => LangFamily::Ja,
            "en" | "en-us" | "en-gb" => LangFamily::En,
            _ => return None,
        };
        Some(Lang {
            tag: tag.to_string(),
            family,
        })
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang {
            tag: "zh-Hans".into(),
            family: LangFamily::ZhHans,
        }
    }
}

/// 横排 or 直排.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Writing {
    Horizontal,
    Vertical,
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
        loc: Loc,
    },
}

/// The plain text of inline runs, for tests and text comparison.
pub fn plain_text(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

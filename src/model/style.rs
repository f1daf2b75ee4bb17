//! Paragraph styles and text settings, resolved: what the shaper, the line
//! breaker, the composer and the writers read of a paragraph.

use serde::Deserialize;

use crate::units::Pt;

/// A font loaded into the run's font book (`resolve::FontBook`), by index.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FontId(pub u16);

/// What a paragraph is, for styling in print and semantics in the EPUB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Kicker,
    Headline,
    Deck,
    Byline,
    SerialLabel,
    Lead,
    Heading,
    MinorHeading,
    Body,
    Quote,
    Caption,
    Source,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParaStyle {
    pub role: Role,
    pub font: FontId,
    pub strong_font: FontId,
    /// Latin words and numbers (CLREQ §5).
    pub latin_font: FontId,
    pub strong_latin_font: FontId,
    pub scheme: Scheme,
    /// Vertical text: numbers of up to this many digits across one em.
    pub tate_chu_yoko: u32,
    /// Vertical text: Latin words of up to this many letters upright.
    pub upright_max: u32,
    /// The widest a Han–Latin gap may stretch to, in ems (CLREQ §3.5.4).
    pub han_latin_max: f64,
    pub size: Pt,
    pub align: Align,
    /// Body-line slots per line.
    pub lines: u32,
    pub space_before: u32,
    pub space_after: u32,
    /// Characters taken off both ends of every line.
    pub inset: u32,
    /// First-line indent in characters.
    pub indent: u32,
    /// The least fraction of `size` a heading steps down to when a phrase
    /// is wider than its measure (1: never).
    pub min_scale: f64,
}

/// Line-breaking settings, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineRules {
    pub prohibition: Prohibition,
    pub hanging: Hanging,
    pub compress_line_start: bool,
    pub breaking: Breaking,
    /// A justified line that would need letter spacing is set at its
    /// natural width instead (lines beside a figure): such a line costs
    /// as a ragged one.
    pub flush_short: bool,
}

/// 避头尾 levels, CLREQ §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prohibition {
    None,
    Basic,
    Gb,
    Strict,
}

impl Scheme {
    pub fn from_name(name: &str) -> Option<Scheme> {
        Some(match name {
            "quanjiao" => Scheme::Quanjiao,
            "kaiming" => Scheme::Kaiming,
            "banjiao" => Scheme::Banjiao,
            "centred" | "centered" => Scheme::Centred,
            _ => return None,
        })
    }
}

/// 标点符号宽度 schemes, named as ctex and LuaTeX-ja name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// 全角: every mark a full em; adjacent marks and line ends compressed
    /// only where required.
    #[default]
    Quanjiao,
    /// 开明: sentence-ending stops (。？！) full width, all other marks half.
    Kaiming,
    /// 半角: every mark half width.
    Banjiao,
    /// Taiwan and Hong Kong: marks centred in the em box, never compressed.
    Centred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Justified on the grid; the last line of a paragraph starts flush.
    Justify,
    Start,
    Center,
    End,
}

/// Hanging punctuation (行末点号悬挂, CLREQ §3.1.8): whether ，。、 may
/// stand past the measure at a line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Hanging {
    /// Never: a mark that does not fit pushes a character down (推出).
    Never,
    /// Where nothing else works: only in a line that compressing its marks
    /// (推入) cannot fit, and at a cost, so that a line spaced by up to
    /// about 0.05 em, a full line or a compressed one is taken first; a
    /// hung line instead of one letter-spaced more (the line-start
    /// prohibition extended, as CLREQ describes it).
    #[default]
    Needed,
    /// As `Needed`, for a column whose gutter has a rule in its middle
    /// half an em or a little more from the measure (not a setting: what
    /// `Needed` becomes there): a mark whose glyph stands at the start of
    /// its em (the Simplified scheme's ，。、；：！) hangs at half width
    /// in the half of the gutter before the rule, its ink a fifth of an
    /// em or more from it; a centred ，。、 (the Traditional scheme) comes
    /// within about a sixth of an em, so it hangs only where the line
    /// would otherwise be visibly spaced (`linebreak::demerits::CROWDED_HANG`);
    /// ？, whose glyph is nearly half an em wide in either scheme, never.
    NeededAtStart,
    /// Whenever the mark does not fit, for free, before any compression.
    Always,
}

impl Hanging {
    /// Whether `item`, a line's last, may hang under this setting.
    pub fn allows(self, item: &crate::model::Item) -> bool {
        item.may_hang
            && match self {
                Hanging::Never => false,
                Hanging::Needed | Hanging::Always => true,
                Hanging::NeededAtStart => item.first != '？' || item.hang_end.0 > 0.0,
            }
    }

    /// Hanging only where nothing else fits (`Needed` or `NeededAtStart`).
    pub fn needed(self) -> bool {
        matches!(self, Hanging::Needed | Hanging::NeededAtStart)
    }
}

impl<'de> Deserialize<'de> for Hanging {
    /// `false` / `"never"`, `"needed"`, `true` / `"always"`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hanging, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Flag(bool),
            Word(String),
        }
        match Raw::deserialize(d)? {
            Raw::Flag(false) => Ok(Hanging::Never),
            Raw::Flag(true) => Ok(Hanging::Always),
            Raw::Word(w) => match w.as_str() {
                "never" => Ok(Hanging::Never),
                "needed" => Ok(Hanging::Needed),
                "always" => Ok(Hanging::Always),
                _ => Err(serde::de::Error::custom(format!(
                    "hanging: expected \"never\", \"needed\", \"always\", true or false, found \"{w}\""
                ))),
            },
        }
    }
}

/// Total fit (Knuth–Plass) or first fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Breaking {
    #[default]
    TotalFit,
    Greedy,
}

/// Where an article's lead (导语) goes on a page: in its first column
/// like the body, or across columns (破栏) under the headline block,
/// optionally boxed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeadPlacement {
    #[default]
    Column,
    /// Not given: in the first column, unless the automatic make-up sets
    /// it across the module where that fills the page better.
    Auto,
    /// Across `columns` of the module (all of them when `None`).
    Across { columns: Option<u32>, boxed: bool },
}

impl LeadPlacement {
    pub fn is_across(self) -> bool {
        matches!(self, LeadPlacement::Across { .. })
    }
}

//! Compose stage: lines into columns, columns into pages, page furniture.
//! Works on slots of the line grid (block axis) and offsets along the line
//! (inline axis); [`place`] converts to page coordinates once, at the end.

mod flow;
mod page;
mod place;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use flow::{
    Frame, Furniture, Module, PageHead, add_furniture, break_lines, compose, compose_module,
    furniture_style, line_params,
};
pub use page::{ComposedPages, PageArticle, Placement, compose_page, spans};

mod book;
mod dump;
pub use book::{Book, TitlePage, assemble_book, compose_chapter};
pub use dump::dump_lines;

use crate::resolve::Figure;

use crate::model::FontId;
use crate::units::Pt;

/// A finished page: everything positioned, y measured down from the top.
/// Pages without figures can be stored and read back (the book's cache).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Page {
    pub number: u32,
    pub width: Pt,
    pub height: Pt,
    /// In reading order: the PDF writes them in this order, so text
    /// extraction follows it.
    pub items: Vec<PageItem>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum PageItem {
    Text(TextRun),
    Rule(Rule),
    Dot(Dot),
    /// Not stored in the cache: chapters with figures are laid out anew.
    #[serde(skip)]
    Image(ImageItem),
}

/// How a run's glyphs are set, which decides what a glyph's (x, y) means.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RunMode {
    /// Along a horizontal baseline: (x, y) is the glyph origin.
    Horizontal,
    /// Upright in a vertical line: (x, y) is the glyph's vertical origin
    /// (the top centre of its em box).
    Vertical,
    /// Turned 90° clockwise in a vertical line: (x, y) is the origin of the
    /// turned glyph; its baseline runs down the page.
    Rotated,
    /// Horizontal, scaled across by the factor, inside one em of a vertical
    /// line (tate-chu-yoko).
    Combined(f32),
}

/// Glyphs of one font and size, with the text they stand for.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TextRun {
    pub font: FontId,
    pub size: Pt,
    pub mode: RunMode,
    /// Slanted for Latin emphasis (no italic face is bundled).
    pub oblique: bool,
    /// The text layer takes `text` as ActualText instead of the glyphs'
    /// own mapping: boxes for characters no font has, and hyphens added at
    /// line ends (their text is a soft hyphen).
    pub actual_text: bool,
    pub text: String,
    pub glyphs: Vec<PlacedGlyph>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlacedGlyph {
    pub id: u16,
    pub x: Pt,
    /// Baseline, from the top of the page.
    pub y: Pt,
    pub advance: Pt,
    /// The text this glyph starts (a cluster); empty for the rest of a
    /// cluster's glyphs.
    pub text: Range<u32>,
}

/// A straight rule.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub x0: Pt,
    pub y0: Pt,
    pub x1: Pt,
    pub y1: Pt,
    pub width: Pt,
}

/// An emphasis dot (着重号).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dot {
    pub x: Pt,
    pub y: Pt,
    pub radius: Pt,
}

#[derive(Debug, Clone)]
pub struct ImageItem {
    pub figure: Figure,
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub height: Pt,
}

//! Compose stage: lines into columns, columns into pages, page furniture.
//! Works in frame coordinates: line slots along the block axis and offsets
//! along the line (inline axis); each frame's `Transform` (transform.rs)
//! maps them to page coordinates once, when its module is laid out. The
//! writing mode is that transform's geometry, not a branch in the
//! composer.
//!
//! - frame.rs: a module's rectangle of the page grid and its own grid;
//! - module.rs: an article in its frame (header, flow, finish);
//! - columns.rs: the flow of lines into slots, columns and pages;
//! - figure.rs and wrap.rs: figures, and the text wrapped around them;
//! - rules.rs: rules and boxes; furniture.rs: running head and folio;
//! - place.rs: a line's glyphs; items.rs: what a frame holds;
//! - page.rs: a newspaper page of modules; sheets.rs: what they take of
//!   each page; edition.rs: pages in order, continuations between them;
//! - book.rs: a serial's book;
//! - recall.rs: the keys under which a watching process's memo (kept by
//!   the compile layer) holds an article's variants and placed modules.

mod ahead;
mod balance;
mod beside;
mod book;
mod clash;
mod columns;
mod defer;
mod dump;
mod edition;
mod figure;
mod flow_breaks;
pub(crate) mod frame;
mod furniture;
mod heads;
pub mod holes;
mod items;
mod jumps;
mod kickers;
mod lead;
mod lines;
mod makeup;
mod makeup_search;
mod module;
mod module_height;
mod own_title;
mod page;
mod place;
mod rebroken;
mod recall;
mod rules;
mod settle;
mod sheets;
mod slots;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_boxes;
#[cfg(test)]
mod tests_display;
#[cfg(test)]
mod tests_end_mark;
#[cfg(test)]
mod tests_figures;
#[cfg(test)]
mod tests_fill;
#[cfg(test)]
mod tests_heads;
#[cfg(test)]
mod tests_lead;
mod title;
mod title_beside;
mod title_fit;
mod title_set;
mod transform;
mod variants;
mod walk;
mod wrap;

use std::ops::Range;

pub use book::{Book, TitlePage, assemble_book, compose_chapter};
pub use dump::{dump_lines, dump_set_lines};
pub use edition::{Continued, EditionPage, compose_edition};
pub use flow_breaks::FlowBreaks;
pub use frame::{Frame, Module};
pub use furniture::{Furniture, PageHead, add_furniture, furniture_style, lines_in, place_lines};
pub use lines::{break_lines, line_params};
pub use module::{compose, compose_module};
pub use page::{ComposedPages, PageArticle, PageOptions, Placement, spans};
pub use recall::{Key, Recall};
pub use transform::EM_ASCENT;
pub use variants::Variants;

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
    /// Boxed: a figure is many times the size of a text run, and a page
    /// holds hundreds of runs.
    #[serde(skip)]
    Image(Box<ImageItem>),
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
    /// A mark hung past the measure at half width: the advance, in
    /// thousandths of an em, the PDF gives its glyph, its width less the
    /// blank after its ink (500 for a mark at the start of its em, 750 for
    /// a centred one drawn from a quarter em back). The PDF writes it with
    /// an instance of its font of that advance (the same program), so that
    /// the box a reader gives it holds its ink and ends where its half
    /// width does, clear of a gutter's rule as the ink is, instead of a
    /// full em reaching over the rule.
    pub hung: Option<u16>,
    /// The run goes on the line of the text run just before it on the
    /// page (another font, mode or style on the same line): the PDF gives
    /// a vertical line's runs one ActualText span, so that a number set
    /// across the line reads in its place, not as a line of its own.
    pub joins: bool,
    pub text: String,
    pub glyphs: Vec<PlacedGlyph>,
    /// Where the run's text comes from in its article; `None` for text no
    /// article has (running heads, folios, jump lines, added hyphens).
    pub source: Option<TextSource>,
}

/// The paragraph a run's text comes from, by where the paragraph starts
/// in its article, and the run's first glyph's place in the paragraph's
/// shaped text (its characters without the spaces and line breaks,
/// which are glue): with a glyph's own offset into the run's text, the
/// source character a point on the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextSource {
    pub line: u32,
    pub col: u32,
    /// Bytes into the paragraph's shaped text.
    pub offset: u32,
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

impl ImageItem {
    /// A figure the text wraps round: the circle inscribed in its box
    /// (centre x, y and radius, page points from the top left), which the
    /// picture is clipped to. The lines beside it reach into the box's
    /// corners, where a picture's own background (a PNG's white) would
    /// otherwise be drawn over their ends.
    pub fn round_clip(&self) -> Option<(Pt, Pt, Pt)> {
        (self.figure.wrap == crate::resolve::Wrap::Round).then(|| {
            let r = Pt(self.width.0.min(self.height.0) / 2.0);
            (self.x + self.width * 0.5, self.y + self.height * 0.5, r)
        })
    }
}

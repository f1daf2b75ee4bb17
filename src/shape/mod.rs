//! Shape stage: styled paragraphs → glyphs and line-breaking items.
//!
//! Text is split into items: each CJK character or mark on its own, each
//! Latin word or number whole. Runs are split by font (style, fallback) and
//! script. Every distinct (font, character) and (font, word) is shaped once
//! with rustybuzz and cached, so a novel costs a hash lookup per character.

mod cache;
mod marks;
mod pairs;
mod scale;
mod segment;
mod split;
#[cfg(test)]
mod tests;
mod words;

use std::ops::Range;

pub use cache::{Fallbacks, Shaper};
pub use segment::shape_para;

use crate::error::Warning;
use crate::model::Item;
use crate::model::{FontId, ParaStyle};
use crate::resolve::{Doc, Figure, Flow, FontBook, Para};
use crate::units::Pt;

/// A positioned glyph within its item, along the inline axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub font: FontId,
    pub id: u16,
    pub advance: Pt,
    /// Offset from the pen position along the line.
    pub dx: Pt,
    /// Offset across the line (up is positive).
    pub dy: Pt,
    /// Byte offset of the glyph's cluster within its item's text: glyphs
    /// sharing a cluster (a ligature's parts) stand for the same text.
    pub cluster: u32,
}

/// How an item's glyphs stand in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orient {
    /// Set along the line: horizontal text, or upright in vertical text
    /// (CJK, single Latin characters and digits).
    #[default]
    Upright,
    /// Vertical text: a Latin word or long number turned 90° clockwise.
    Sideways,
    /// Vertical text: 2–3 digits set across one em (直排内横排).
    Combined,
}

/// What an item carries besides its break properties.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemInfo {
    pub glyphs: Range<u32>,
    /// Byte range of the item's text in [`ShapedPara::text`].
    pub text: Range<u32>,
    /// 着重号: dots under each ideograph.
    pub dots: bool,
    /// Latin text in `*…*`: slanted (no italic face is bundled).
    pub oblique: bool,
    /// No font has a glyph for this text; shown as a box, extractable.
    pub missing: bool,
    /// The hyphen drawn when a line breaks at the gap after this item.
    pub hyphen: Option<Glyph>,
    pub orient: Orient,
}

/// A paragraph ready for line breaking.
#[derive(Debug, Clone)]
pub struct ShapedPara {
    pub style: ParaStyle,
    /// Set in vertical lines (glyph offsets run down the line).
    pub vertical: bool,
    /// Where the paragraph starts in the article.
    pub loc: crate::source::Loc,
    pub text: String,
    pub items: Vec<Item>,
    pub info: Vec<ItemInfo>,
    pub glyphs: Vec<Glyph>,
}

#[derive(Debug, Clone)]
pub enum ShapedBlock {
    Para(ShapedPara),
    /// Boxed: a figure's settings are far larger than a paragraph's handle.
    Figure {
        figure: Box<Figure>,
        caption: Option<ShapedPara>,
    },
}

/// The whole article, shaped.
#[derive(Debug, Clone)]
pub struct ShapedDoc {
    pub header: Vec<ShapedPara>,
    pub flow: Vec<ShapedBlock>,
}

/// Finds fonts for the characters their style's font lacks (loading them
/// into the book); a character no font has is a warning with its place in
/// the article. Run before [`Shaper::new`].
pub fn prepare_fallbacks(doc: &Doc, book: &mut FontBook, warnings: &mut Vec<Warning>) -> Fallbacks {
    cache::find_fallbacks(
        doc_paras(doc),
        book,
        doc,
        &mut cache::Covered::default(),
        warnings,
    )
}

/// A document's paragraphs, captions included.
fn doc_paras(doc: &Doc) -> impl Iterator<Item = &Para> {
    doc.header
        .iter()
        .chain(doc.flow.iter().filter_map(|f| match f {
            Flow::Para(p) => Some(p),
            Flow::Figure(fig) => fig.caption.as_ref(),
        }))
}

/// [`prepare_fallbacks`] for every document of a job, merged: one map for
/// the run's shapers. What the style fonts cover is looked up once.
pub fn find_doc_fallbacks(
    docs: &[Doc],
    book: &mut FontBook,
    warnings: &mut Vec<Warning>,
) -> Fallbacks {
    use rayon::prelude::*;
    // What each document lacks, a share of the documents per thread (the
    // faces are only read); then, in order, the fonts found for it.
    let share = docs.len().div_ceil(rayon::current_num_threads()).max(1);
    let fonts: &FontBook = book;
    let missing: Vec<cache::Missing> = (docs.par_chunks(share))
        .flat_map_iter(|docs| {
            let mut covered = cache::Covered::default();
            let missing = docs
                .iter()
                .map(|doc| cache::missing_chars(doc_paras(doc), fonts, &mut covered));
            missing.collect::<Vec<_>>()
        })
        .collect();
    let mut all = Fallbacks::default();
    for (doc, missing) in docs.iter().zip(missing) {
        all.merge(cache::fallbacks_for(missing, book, doc, warnings));
    }
    all
}

/// Fallbacks for text set outside the documents (the drawn cover), in
/// `doc`'s language: loaded into the book like the documents' own. Its
/// characters have no place in an article, so no warning is given for
/// one no font has (the document that holds it warns).
pub fn find_text_fallbacks(paras: &[Para], doc: &Doc, book: &mut FontBook) -> Fallbacks {
    let mut covered = cache::Covered::default();
    cache::find_fallbacks(paras.iter(), book, doc, &mut covered, &mut Vec::new())
}

/// Shapes every paragraph of a document.
pub fn shape_doc(doc: &Doc, shaper: &mut Shaper) -> ShapedDoc {
    let header = doc.header.iter().map(|p| shape_para(shaper, p)).collect();
    let flow = doc
        .flow
        .iter()
        .map(|f| match f {
            Flow::Para(p) => ShapedBlock::Para(shape_para(shaper, p)),
            Flow::Figure(fig) => ShapedBlock::Figure {
                figure: Box::new(fig.clone()),
                caption: fig.caption.as_ref().map(|c| shape_para(shaper, c)),
            },
        })
        .collect();
    ShapedDoc { header, flow }
}

/// The document shaped as `shaped` with its headline in its alternate face
/// (the layout's `alt_font`, a bold Song, or else the body's face): the
/// page's make-up sets it so beside a headline of its size in the
/// headlines' face (撞题). `None` without a headline or a body, where the
/// faces are one, or where the alternate face lacks a character of it.
pub fn shape_alt_headline(doc: &Doc, shaped: &ShapedDoc, shaper: &mut Shaper) -> Option<ShapedDoc> {
    use crate::model::Role;
    let body = doc.flow.iter().find_map(|f| match f {
        Flow::Para(p) if p.style.role == Role::Body => Some(p.style.font),
        _ => None,
    })?;
    let face = doc.alt_headline_font.unwrap_or(body);
    let h = doc
        .header
        .iter()
        .position(|p| p.style.role == Role::Headline)?;
    if doc.header[h].style.font == face {
        return None;
    }
    let mut para = doc.header[h].clone();
    // Latin words and bold runs too: the whole headline in the one face.
    para.style.font = face;
    para.style.strong_font = face;
    para.style.latin_font = face;
    para.style.strong_latin_font = face;
    let alt = shape_para(shaper, &para);
    if alt.info.iter().any(|i| i.missing) || alt.glyphs.iter().any(|g| g.font != face) {
        return None;
    }
    let mut header = shaped.header.clone();
    header[h] = alt;
    Some(ShapedDoc {
        header,
        flow: shaped.flow.clone(),
    })
}

/// Shapes one furniture line (running head, folio) that has no source.
pub fn shape_plain(shaper: &mut Shaper, style: &ParaStyle, text: &str) -> ShapedPara {
    let para = Para {
        style: style.clone(),
        runs: vec![crate::resolve::Run {
            text: text.to_string(),
            emphasis: false,
            strong: false,
            loc: Default::default(),
        }],
    };
    shape_para(shaper, &para)
}

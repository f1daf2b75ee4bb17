//! Embedding fonts as CID-keyed Type0 fonts: subset with `subsetter` (the
//! glyphs used, renumbered), widths, and a ToUnicode map so that text
//! extraction returns the article's characters.
//!
//! Horizontal text uses Identity-H. The writer is built for Identity-V too:
//! the encoding name and a vertical metrics array (W2/DW2) are the only
//! differences, and both are per-font parameters here.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use crate::error::{Error, Result, Stage};
use crate::resolve::{FontBook, FontId};

use super::deflate;

/// The glyphs one font contributes to the document.
pub struct FontUsage {
    pub remapper: GlyphRemapper,
    /// Indexed by new glyph id (the remapper numbers them densely from 0):
    /// the text it stands for, first seen wins. A vector, not a map,
    /// because this is looked up once for every glyph of a book.
    text: Vec<Option<Box<str>>>,
}

impl Default for FontUsage {
    fn default() -> FontUsage {
        FontUsage::new()
    }
}

impl FontUsage {
    pub fn new() -> FontUsage {
        FontUsage {
            remapper: GlyphRemapper::new(),
            text: Vec::new(),
        }
    }

    /// The CID to write for an original glyph id, recording its text.
    pub fn cid(&mut self, gid: u16, text: &str) -> u16 {
        let cid = self.remapper.remap(gid);
        if !text.is_empty() && gid != 0 {
            let i = cid as usize;
            if self.text.len() <= i {
                self.text.resize(i + 1, None);
            }
            if self.text[i].is_none() {
                self.text[i] = Some(text.into());
            }
        }
        cid
    }

    /// (new glyph id, text) in glyph id order.
    fn texts(&self) -> impl Iterator<Item = (u16, &str)> {
        self.text
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_deref().map(|t| (i as u16, t)))
    }
}

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// A six-letter subset tag derived from the font and its glyph set, so the
/// same document gives the same name.
fn subset_tag(name: &str, usage: &FontUsage) -> String {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    for (cid, t) in usage.texts() {
        h.update(cid.to_be_bytes());
        h.update(t.as_bytes());
    }
    for gid in usage.remapper.remapped_gids() {
        h.update(gid.to_be_bytes());
    }
    let d = h.finalize();
    d.iter().take(6).map(|b| (b'A' + b % 26) as char).collect()
}

/// A font's subset program, compressed: the costly part of embedding a
/// font, done for all fonts in parallel before they are written.
pub struct Program(Vec<u8>);

pub fn prepare_program(book: &FontBook, id: FontId, usage: &FontUsage) -> Result<Program> {
    let font = book.font(id);
    let subset = subsetter::subset(&font.data, font.index, &usage.remapper).map_err(|e| {
        Error::new(
            Stage::Write,
            format!("cannot subset font {}: {e}", font.path.display()),
        )
        .hint("use another font for this style")
    })?;
    // PDF wants the bare CFF program for CFF-flavoured OpenType.
    let program: Vec<u8> = if font.is_cff {
        ttf_parser::RawFace::parse(&subset, 0)
            .ok()
            .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
            .map(|t| t.to_vec())
            .unwrap_or(subset)
    } else {
        subset
    };
    Ok(Program(deflate(&program)))
}

/// Writes the Type0 fonts, their CID font, descriptor, font file (the
/// prepared program) and ToUnicode map.
#[allow(clippy::too_many_arguments)]
pub fn write_font(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    horizontal: Option<Ref>,
    vertical: Option<Ref>,
    book: &FontBook,
    id: FontId,
    usage: &FontUsage,
    program: &Program,
) -> Result<()> {
    let font = book.font(id);
    let face = font.face();
    let base = if font.postscript_name.is_empty() {
        font.family.replace(' ', "")
    } else {
        font.postscript_name.clone()
    };
    let name = format!("{}+{}", subset_tag(&base, usage), base);
    let upem = font.units_per_em as f32;
    let to_pdf = |v: f32| v * 1000.0 / upem;

    let cid_ref = alloc();
    let descriptor_ref = alloc();
    let file_ref = alloc();
    let cmap_ref = alloc();

    for (type0, encoding) in [(horizontal, b"Identity-H"), (vertical, b"Identity-V")] {
        if let Some(r) = type0 {
            pdf.type0_font(r)
                .base_font(Name(name.as_bytes()))
                .encoding_predefined(Name(encoding))
                .descendant_font(cid_ref)
                .to_unicode(cmap_ref);
        }
    }

    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(if font.is_cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(name.as_bytes()))
    .system_info(SYSTEM_INFO)
    .font_descriptor(descriptor_ref)
    .default_width(1000.0);
    if !font.is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    // Widths of every glyph, in CID order (CIDs are the new glyph ids).
    let widths: Vec<f32> = usage
        .remapper
        .remapped_gids()
        .map(|old| {
            to_pdf(
                face.glyph_hor_advance(ttf_parser::GlyphId(old))
                    .unwrap_or(0) as f32,
            )
        })
        .collect();
    cid.widths().consecutive(0, widths);
    if vertical.is_some() {
        // W2: for every CID its vertical advance (w1y, negative: down) and
        // the vertical origin (vx, vy) relative to the horizontal one: half
        // the width across, the VORG height up (PDF 9.7.4.3).
        let ascent = font.ascender as f32;
        let mut metrics = Vec::new();
        for old in usage.remapper.remapped_gids() {
            let g = ttf_parser::GlyphId(old);
            let w1 = -(face.glyph_ver_advance(g).map_or(upem, |v| v as f32));
            let vx = face.glyph_hor_advance(g).unwrap_or(0) as f32 / 2.0;
            let vy = face.glyph_y_origin(g).map_or(ascent, |v| v as f32);
            metrics.extend([to_pdf(w1), to_pdf(vx), to_pdf(vy)]);
        }
        let mut w2 = cid.insert(Name(b"W2")).array();
        w2.item(0);
        w2.push().array().items(metrics);
        w2.finish();
        cid.insert(Name(b"DW2"))
            .array()
            .items([to_pdf(ascent), to_pdf(-upem)]);
    }
    cid.finish();

    let bbox = face.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    if font.family.to_lowercase().contains("serif") && !font.family.to_lowercase().contains("sans")
    {
        flags |= FontFlags::SERIF;
    }
    let mut fd = pdf.font_descriptor(descriptor_ref);
    fd.name(Name(name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            to_pdf(bbox.x_min as f32),
            to_pdf(bbox.y_min as f32),
            to_pdf(bbox.x_max as f32),
            to_pdf(bbox.y_max as f32),
        ))
        .italic_angle(0.0)
        .ascent(to_pdf(font.ascender as f32))
        .descent(to_pdf(font.descender as f32))
        .cap_height(to_pdf(font.cap_height as f32))
        .stem_v(if font.weight >= 600 { 140.0 } else { 80.0 });
    if font.is_cff {
        fd.font_file3(file_ref);
    } else {
        fd.font_file2(file_ref);
    }
    fd.finish();

    let mut stream = pdf.stream(file_ref, &program.0);
    stream.filter(Filter::FlateDecode);
    if font.is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    for (cid, text) in usage.texts() {
        cmap.pair_with_multiple(cid, text.chars());
    }
    let data = cmap.finish();
    pdf.cmap(cmap_ref, &deflate(&data))
        .filter(Filter::FlateDecode);
    Ok(())
}

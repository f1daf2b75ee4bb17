//! Embedding fonts as CID-keyed Type0 fonts: subset with `subsetter` (the
//! glyphs used, renumbered), widths, and a ToUnicode map so that text
//! extraction returns the article's characters.
//!
//! Horizontal text uses Identity-H. The writer is built for Identity-V too:
//! the encoding name and a vertical metrics array (W2/DW2) are the only
//! differences, and both are per-font parameters here.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use crate::error::{Error, Result, Stage};
use crate::model::FontId;
use crate::resolve::{FontBook, LoadedFont};

use super::{Instance, Packed, Packs, Refs, packed_with};
use crate::deflate::deflate;

/// The glyphs one font contributes to the document.
pub struct FontUsage {
    pub remapper: GlyphRemapper,
    /// Indexed by original glyph id: the CID the remapper gave it, or
    /// [`UNSEEN`]. The remapper's own map answers the same, but this is
    /// looked up for every glyph of a book twice (registered, then
    /// written), and a dense table costs a load where the map hashes.
    cids: Vec<u16>,
    /// Indexed by new glyph id (the remapper numbers them densely from 0):
    /// the text it stands for, first seen wins. A vector, not a map,
    /// because this is looked up once for every glyph of a book.
    text: Vec<Option<GlyphText>>,
}

/// No CID yet in [`FontUsage::cids`]: a font has at most 65,535 glyphs,
/// numbered from 0, so no CID reaches it.
const UNSEEN: u16 = u16::MAX;

/// A glyph's text, held inline when short (one character, nearly always):
/// comparing it with the text a glyph is used with again is then a
/// comparison of two words, not a call reading a heap block of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
enum GlyphText {
    /// Up to [`SHORT`] bytes, zero-padded, the length in the last byte.
    Short([u8; SHORT + 1]),
    Long(Box<str>),
}

const SHORT: usize = 15;

impl GlyphText {
    fn new(text: &str) -> GlyphText {
        short_key(text).map_or_else(|| GlyphText::Long(text.into()), GlyphText::Short)
    }

    fn is(&self, text: &str) -> bool {
        match self {
            GlyphText::Short(k) => short_key(text).is_some_and(|t| t == *k),
            GlyphText::Long(t) => &**t == text,
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Made from a str's bytes, whole (see short_key).
            GlyphText::Short(k) => {
                std::str::from_utf8(&k[..k[SHORT] as usize]).expect("a str's bytes")
            }
            GlyphText::Long(t) => t,
        }
    }
}

/// A short text's bytes zero-padded, its length last; `None` when longer.
fn short_key(text: &str) -> Option<[u8; SHORT + 1]> {
    let bytes = text.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    let mut k = [0u8; SHORT + 1];
    for (slot, b) in k.iter_mut().zip(bytes) {
        *slot = *b;
    }
    k[SHORT] = bytes.len() as u8;
    Some(k)
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
            cids: Vec::new(),
            text: Vec::new(),
        }
    }

    /// The CID to write for an original glyph id, recording its text.
    pub fn cid(&mut self, gid: u16, text: &str) -> u16 {
        self.glyph(gid, text).cid
    }

    /// The CID to write for an original glyph id, and whether the
    /// ToUnicode map gives back `text` for it. A glyph keeps the first text
    /// it was seen with; a later use with other text (a hard hyphen after a
    /// soft one, code points sharing one glyph) or a cluster too long for a
    /// bfchar entry is not mapped, and needs ActualText.
    pub fn glyph(&mut self, gid: u16, text: &str) -> Mapped {
        let cid = match self.cids.get(gid as usize) {
            Some(&cid) if cid != UNSEEN => cid,
            _ => {
                // The remapper numbers glyphs in order of first use; asked
                // only once a glyph, it numbers them as it did when asked
                // every time.
                let cid = self.remapper.remap(gid);
                if self.cids.len() <= gid as usize {
                    self.cids.resize(gid as usize + 1, UNSEEN);
                }
                self.cids[gid as usize] = cid;
                cid
            }
        };
        if text.is_empty() || gid == 0 {
            return Mapped { cid, mapped: true };
        }
        if too_long(text) {
            return Mapped { cid, mapped: false };
        }
        let i = cid as usize;
        if self.text.len() <= i {
            self.text.resize(i + 1, None);
        }
        let slot = self.text[i].get_or_insert_with(|| GlyphText::new(text));
        Mapped {
            cid,
            mapped: slot.is(text),
        }
    }

    /// What [`FontUsage::glyph`] answered for a glyph and text it was
    /// given before, without changing anything: a glyph keeps the first
    /// text it was seen with, so the answer does not depend on what was
    /// registered since.
    pub fn registered(&self, gid: u16, text: &str) -> Mapped {
        let cid = (self.cids.get(gid as usize).copied())
            .filter(|&c| c != UNSEEN)
            // Every glyph is registered before it is written (pdf::content).
            .expect("a registered glyph");
        if text.is_empty() || gid == 0 {
            return Mapped { cid, mapped: true };
        }
        if too_long(text) {
            return Mapped { cid, mapped: false };
        }
        let slot = self.text.get(cid as usize).and_then(Option::as_ref);
        Mapped {
            cid,
            mapped: slot.is_some_and(|t| t.is(text)),
        }
    }

    /// (new glyph id, text) in glyph id order.
    fn texts(&self) -> impl Iterator<Item = (u16, &str)> {
        self.text
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (i as u16, t.as_str())))
    }
}

/// More UTF-16 code units than a bfchar entry holds (a text has no more
/// of them than it has bytes, so only a long one is counted).
fn too_long(text: &str) -> bool {
    text.len() > MAX_BFCHAR_UNITS && text.encode_utf16().count() > MAX_BFCHAR_UNITS
}

/// A CID and whether its ToUnicode entry is the text it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapped {
    pub cid: u16,
    pub mapped: bool,
}

/// The longest destination a bfchar entry holds: 512 bytes (PDF 9.10.3),
/// 256 UTF-16 code units. Longer clusters (hundreds of combining marks)
/// go into ActualText.
const MAX_BFCHAR_UNITS: usize = 256;

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// A six-letter subset tag derived from the font and its glyph set, so the
/// same document gives the same name.
pub(super) fn subset_tag(name: &str, usage: &FontUsage) -> String {
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
pub(super) struct Program(Vec<u8>);

fn prepare_program(book: &FontBook, id: FontId, usage: &FontUsage) -> Result<Program> {
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

/// Subsets and compresses every font the pages use, in parallel (the
/// costly part of embedding them), in font id order.
/// A program an earlier build made of the same font file and glyphs is
/// taken as it was.
pub(super) fn prepare_programs(
    book: &FontBook,
    usage: &BTreeMap<FontId, FontUsage>,
    packs: Option<&dyn Packs>,
) -> Vec<Result<Program>> {
    use rayon::prelude::*;
    let list: Vec<(&FontId, &FontUsage)> = usage.iter().collect();
    list.par_iter()
        .map(|(id, u)| {
            let key = || program_key(book.font(**id), u);
            let make = || prepare_program(book, **id, u).map(|p| p.0);
            let program = packed_with(packs, (Packed::Font, key), make).map(Program);
            // The file's pages the subsetter read, while a larger face may
            // still be subset.
            book.font(**id).data.release_pages();
            program
        })
        .collect()
}

/// What a font's program is made from: the file (by path, face, size and
/// time, as the shaping memo knows it) and the glyphs taken, in order.
fn program_key(font: &LoadedFont, usage: &FontUsage) -> [u8; 32] {
    let modified = std::fs::metadata(&font.path)
        .and_then(|m| m.modified())
        .ok();
    let mut h = Sha256::new();
    h.update(format!(
        "{} {} {} {} {modified:?}\n",
        font.path.display(),
        font.index,
        font.data.len(),
        font.is_cff
    ));
    for gid in usage.remapper.remapped_gids() {
        h.update(gid.to_le_bytes());
    }
    h.finalize().into()
}

/// Writes each font the pages use, in font id order, with its program
/// from [`prepare_programs`].
pub(super) fn write_fonts(
    pdf: &mut Pdf,
    refs: &mut Refs,
    book: &FontBook,
    type0: &BTreeMap<(FontId, Instance), Ref>,
    usage: &BTreeMap<FontId, FontUsage>,
    programs: Vec<Result<Program>>,
) -> Result<()> {
    for ((id, u), program) in usage.iter().zip(programs) {
        let embedded = Embedded {
            font: book.font(*id),
            usage: u,
            name: String::new(),
            horizontal: type0.get(&(*id, Instance::Horizontal)).copied(),
            vertical: type0.get(&(*id, Instance::Vertical)).copied(),
            hung: type0
                .range((*id, Instance::Hung(0))..=(*id, Instance::HungVertical(u16::MAX)))
                .map(|((_, i), r)| (*i, *r))
                .collect(),
        }
        .named();
        embedded.write(pdf, refs, &program?);
    }
    Ok(())
}

/// One face as the document embeds it.
struct Embedded<'a> {
    font: &'a LoadedFont,
    usage: &'a FontUsage,
    /// The subset's name: tag + PostScript name.
    name: String,
    /// The Type0 fonts (Identity-H, Identity-V, hung marks' Identity-H)
    /// that name it.
    horizontal: Option<Ref>,
    vertical: Option<Ref>,
    hung: Vec<(Instance, Ref)>,
}

/// Object numbers of one embedded face's parts.
struct FontRefs {
    cid: Ref,
    descriptor: Ref,
    file: Ref,
    cmap: Ref,
}

impl Embedded<'_> {
    fn named(mut self) -> Self {
        let font = self.font;
        let base = if font.postscript_name.is_empty() {
            font.family.replace(' ', "")
        } else {
            font.postscript_name.clone()
        };
        self.name = format!("{}+{}", subset_tag(&base, self.usage), base);
        self
    }

    /// A font unit in the PDF's thousandths of an em.
    fn to_pdf(&self, v: f32) -> f32 {
        v * 1000.0 / self.font.units_per_em as f32
    }

    /// The Type0 fonts, their CID font, descriptor, font file (the prepared
    /// program) and ToUnicode map.
    fn write(&self, pdf: &mut Pdf, refs: &mut Refs, program: &Program) {
        let r = FontRefs {
            cid: refs.next(),
            descriptor: refs.next(),
            file: refs.next(),
            cmap: refs.next(),
        };
        for (type0, encoding) in [
            (self.horizontal, b"Identity-H"),
            (self.vertical, b"Identity-V"),
        ] {
            if let Some(t) = type0 {
                pdf.type0_font(t)
                    .base_font(Name(self.name.as_bytes()))
                    .encoding_predefined(Name(encoding))
                    .descendant_font(r.cid)
                    .to_unicode(r.cmap);
            }
        }
        self.write_cid_font(pdf, &r);
        for &(instance, t) in &self.hung {
            // Numbered after the face's other objects, so that a document
            // with no hung mark keeps its numbers. Only hung marks are
            // shown with it: every glyph has their advance along the line
            // (horizontal: DW, no W; vertical: each W2 advance and DW2).
            let (w, vertical) = match instance {
                Instance::Hung(w) => (w, false),
                Instance::HungVertical(w) => (w, true),
                _ => continue,
            };
            let cid = refs.next();
            let encoding = if vertical { "Identity-V" } else { "Identity-H" };
            pdf.type0_font(t)
                .base_font(Name(self.name.as_bytes()))
                .encoding_predefined(Name(encoding.as_bytes()))
                .descendant_font(cid)
                .to_unicode(r.cmap);
            if !vertical {
                self.cid_font_head(pdf, cid, &r, w as f32).finish();
                continue;
            }
            let mut font = self.cid_font_head(pdf, cid, &r, 1000.0);
            font.widths().consecutive(0, widths(self.font, self.usage));
            let mut metrics = vertical_metrics(self.font, self.usage);
            for m in metrics.chunks_mut(3) {
                m[0] = -(w as f32);
            }
            let mut w2 = font.insert(Name(b"W2")).array();
            w2.item(0);
            w2.push().array().items(metrics);
            w2.finish();
            let ascent = self.to_pdf(self.font.ascender as f32);
            font.insert(Name(b"DW2"))
                .array()
                .items([ascent, -(w as f32)]);
        }
        self.write_descriptor(pdf, &r);
        let mut stream = pdf.stream(r.file, &program.0);
        stream.filter(Filter::FlateDecode);
        if self.font.is_cff {
            stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }
        stream.finish();
        pdf.cmap(r.cmap, &deflate(&to_unicode(self.usage)))
            .filter(Filter::FlateDecode);
    }

    /// The CID font: its widths (W) and, when set vertically, its vertical
    /// metrics (W2, DW2).
    fn write_cid_font(&self, pdf: &mut Pdf, r: &FontRefs) {
        let font = self.font;
        let mut cid = self.cid_font_head(pdf, r.cid, r, 1000.0);
        cid.widths().consecutive(0, widths(font, self.usage));
        if self.vertical.is_some() {
            let mut w2 = cid.insert(Name(b"W2")).array();
            w2.item(0);
            w2.push().array().items(vertical_metrics(font, self.usage));
            w2.finish();
            let (ascent, upem) = (font.ascender as f32, font.units_per_em as f32);
            cid.insert(Name(b"DW2"))
                .array()
                .items([self.to_pdf(ascent), self.to_pdf(-upem)]);
        }
        cid.finish();
    }

    /// A CID font's entries but its widths: subtype, name, system info,
    /// descriptor, default width and CID-to-GID map.
    fn cid_font_head<'p>(
        &self,
        pdf: &'p mut Pdf,
        id: Ref,
        r: &FontRefs,
        default_width: f32,
    ) -> pdf_writer::writers::CidFont<'p> {
        let font = self.font;
        let mut cid = pdf.cid_font(id);
        cid.subtype(if font.is_cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(self.name.as_bytes()))
        .system_info(SYSTEM_INFO)
        .font_descriptor(r.descriptor)
        .default_width(default_width);
        if !font.is_cff {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        cid
    }

    fn write_descriptor(&self, pdf: &mut Pdf, r: &FontRefs) {
        let font = self.font;
        let bbox = font.face().global_bounding_box();
        let mut flags = FontFlags::SYMBOLIC;
        let family = font.family.to_lowercase();
        if family.contains("serif") && !family.contains("sans") {
            flags |= FontFlags::SERIF;
        }
        let mut fd = pdf.font_descriptor(r.descriptor);
        fd.name(Name(self.name.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                self.to_pdf(bbox.x_min as f32),
                self.to_pdf(bbox.y_min as f32),
                self.to_pdf(bbox.x_max as f32),
                self.to_pdf(bbox.y_max as f32),
            ))
            .italic_angle(0.0)
            .ascent(self.to_pdf(font.ascender as f32))
            .descent(self.to_pdf(font.descender as f32))
            .cap_height(self.to_pdf(font.cap_height as f32))
            .stem_v(if font.weight >= 600 { 140.0 } else { 80.0 });
        if font.is_cff {
            fd.font_file3(r.file);
        } else {
            fd.font_file2(r.file);
        }
        fd.finish();
    }
}

/// The W array's widths of every glyph used, in CID order (CIDs are the
/// subset's new glyph ids), in thousandths of an em.
pub(super) fn widths(font: &LoadedFont, usage: &FontUsage) -> Vec<f32> {
    let (face, upem) = (font.face(), font.units_per_em as f32);
    usage
        .remapper
        .remapped_gids()
        .map(|old| {
            let w = face
                .glyph_hor_advance(ttf_parser::GlyphId(old))
                .unwrap_or(0);
            w as f32 * 1000.0 / upem
        })
        .collect()
}

/// The W2 array's entries from CID 0 on: for every glyph used its vertical
/// advance (w1y, negative: down) and the vertical origin (vx, vy) relative
/// to the horizontal one: half the width across, the VORG height up (PDF
/// 9.7.4.3), in thousandths of an em.
pub(super) fn vertical_metrics(font: &LoadedFont, usage: &FontUsage) -> Vec<f32> {
    let (face, upem) = (font.face(), font.units_per_em as f32);
    let ascent = font.ascender as f32;
    let to_pdf = |v: f32| v * 1000.0 / upem;
    let mut metrics = Vec::new();
    for old in usage.remapper.remapped_gids() {
        let g = ttf_parser::GlyphId(old);
        let w1 = -(face.glyph_ver_advance(g).map_or(upem, |v| v as f32));
        let vx = face.glyph_hor_advance(g).unwrap_or(0) as f32 / 2.0;
        let vy = face.glyph_y_origin(g).map_or(ascent, |v| v as f32);
        metrics.extend([to_pdf(w1), to_pdf(vx), to_pdf(vy)]);
    }
    metrics
}

/// The ToUnicode CMap (uncompressed): each CID to the text its glyph
/// stands for, which may be several characters (a ligature, a cluster).
pub(super) fn to_unicode(usage: &FontUsage) -> Vec<u8> {
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    for (cid, text) in usage.texts() {
        cmap.pair_with_multiple(cid, text.chars());
    }
    cmap.finish().into_vec()
}

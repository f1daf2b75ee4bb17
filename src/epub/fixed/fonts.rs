//! Web fonts for the fixed-layout pages, made in the default build: each
//! font the pages use is subset to the glyphs they set (the `subsetter`
//! crate, as for the PDF), and given a `cmap` (write-fonts) that maps each
//! character to the very glyph the shaper chose — a vertical form, a
//! proportional or centred mark — and the original font's `OS/2`, which a
//! browser's font sanitiser requires. A character set with two different
//! glyphs of one font (「 across and ﹁ down) goes into a second font of the
//! same face (a variant), since one cmap maps a character to one glyph.

use std::collections::BTreeMap;

use write_fonts::FontBuilder;
use write_fonts::read::FontRef;
use write_fonts::tables::cmap::Cmap;
use write_fonts::types::{GlyphId, Tag};

use crate::error::{Error, Result, Stage};
use crate::model::FontId;
use crate::resolve::FontBook;

/// One font file of the package.
pub struct WebFont {
    /// The CSS family name, as the pages name it.
    pub family: String,
    /// The path inside OEBPS.
    pub href: String,
    pub data: Vec<u8>,
}

/// The characters each font variant maps, and to which original glyph.
#[derive(Default)]
pub struct FontSet {
    variants: BTreeMap<FontId, Vec<BTreeMap<char, u16>>>,
}

impl FontSet {
    /// The variant of `font` in which every `(char, glyph)` pair of a
    /// cluster holds (added where missing): the first that maps none of
    /// the characters to another glyph.
    pub fn place(&mut self, font: FontId, pairs: &[(char, u16)]) -> usize {
        let variants = self.variants.entry(font).or_default();
        let fits = |v: &BTreeMap<char, u16>| {
            pairs
                .iter()
                .all(|(c, g)| v.get(c).is_none_or(|have| have == g))
        };
        let k = match variants.iter().position(fits) {
            Some(k) => k,
            None => {
                variants.push(BTreeMap::new());
                variants.len() - 1
            }
        };
        variants[k].extend(pairs.iter().copied());
        k
    }

    /// Builds every variant, in font and variant order.
    pub fn build(&self, book: &FontBook) -> Result<Vec<WebFont>> {
        let mut out = Vec::new();
        for (&id, variants) in &self.variants {
            for (k, map) in variants.iter().enumerate() {
                let data = build_font(book, id, map)?;
                out.push(WebFont {
                    family: family(id, k),
                    href: format!("fonts/f{}-{k}.otf", id.0),
                    data,
                });
            }
        }
        Ok(out)
    }
}

/// The CSS family of a font variant.
pub fn family(id: FontId, k: usize) -> String {
    format!("tf{}-{k}", id.0)
}

fn font_error(book: &FontBook, id: FontId, e: impl std::fmt::Display) -> Error {
    Error::new(
        Stage::Write,
        format!(
            "cannot make a web font of {}: {e}",
            book.font(id).path.display()
        ),
    )
    .hint("use another font for this style, or leave out --epub-layout fixed")
}

/// The subset of `id` with the glyphs of `map`, its cmap mapping each
/// character to its glyph, and the original OS/2.
fn build_font(book: &FontBook, id: FontId, map: &BTreeMap<char, u16>) -> Result<Vec<u8>> {
    let font = book.font(id);
    let mut remapper = subsetter::GlyphRemapper::new();
    for &g in map.values() {
        remapper.remap(g);
    }
    let subset = subsetter::subset(&font.data, font.index, &remapper)
        .map_err(|e| font_error(book, id, format!("{e:?}")))?;
    let mappings = map.iter().filter_map(|(&c, &g)| {
        // Every glyph of the map was remapped just above.
        remapper.get(g).map(|n| (c, GlyphId::new(n as u32)))
    });
    let cmap = Cmap::from_mappings(mappings).map_err(|e| font_error(book, id, e))?;
    let os2 = ttf_parser::RawFace::parse(&font.data, font.index)
        .ok()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"OS/2")))
        .ok_or_else(|| font_error(book, id, "the font has no OS/2 table"))?;
    let parsed = FontRef::new(&subset).map_err(|e| font_error(book, id, e))?;
    let mut builder = FontBuilder::new();
    builder
        .add_table(&cmap)
        .map_err(|e| font_error(book, id, e))?;
    builder.add_raw(Tag::new(b"OS/2"), os2);
    builder.copy_missing_tables(parsed);
    Ok(builder.build())
}

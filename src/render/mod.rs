//! Page images: the laid-out pages the PDF writer takes, written as SVG
//! (glyph outlines from the same fonts, each glyph defined once and
//! reused) and rasterised to PNG with resvg. One more writer after
//! compose: nothing here lays anything out.
//!
//! Every glyph stands where the PDF's text operators put it: the PDF
//! writer moves its pen to each [`PlacedGlyph`]'s position, so the
//! positions are taken as they are; upright vertical glyphs are drawn
//! from the vertical origin the PDF's W2 array gives (half the advance
//! across, the VORG height up), turned glyphs with the PDF's text matrix.

pub mod cover;
mod png;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use base64::Engine as _;

use crate::compose::{Dot, ImageItem, Page, PageItem, PlacedGlyph, Rule, RunMode, TextRun};
use crate::model::FontId;
use crate::resolve::{FontBook, ImageFormat, LoadedFont};

pub use png::{MAX_DPI, Packing, png_size, svg_to_png};

/// A number for the SVG: at most three decimals (a thousandth of a point
/// is far below a pixel at any resolution), trailing zeros dropped, so
/// the same page gives the same bytes.
fn num(v: f64) -> String {
    let mut s = format!("{:.3}", v);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".into() } else { s }
}

/// Glyph outlines as SVG path data, kept from earlier drawings by a
/// serving process's memo for the same font files: `Some(None)` for a
/// glyph without ink.
pub trait Outlines: Sync {
    fn outline(&self, font: FontId, gid: u16) -> Option<Option<String>>;
    fn keep(&self, font: FontId, gid: u16, d: Option<&str>);
}

/// One page as an SVG document, its size in points as the PDF's media box.
pub fn page_svg(page: &Page, book: &FontBook) -> String {
    page_svg_with(page, book, None)
}

/// [`page_svg`], taking the outlines of glyphs an earlier drawing read
/// from `outlines` (the same bytes).
pub fn page_svg_with(page: &Page, book: &FontBook, outlines: Option<&dyn Outlines>) -> String {
    let mut defs = Glyphs {
        store: outlines,
        ..Default::default()
    };
    let mut body = String::new();
    let h = page.height.0;
    for item in &page.items {
        match item {
            PageItem::Text(run) => text_run(&mut body, run, book, &mut defs),
            PageItem::Rule(r) => rule(&mut body, r),
            PageItem::Dot(d) => dot(&mut body, d),
            PageItem::Image(img) => image(&mut body, img),
        }
    }
    let (w, hh) = (num(page.width.0), num(h));
    let mut out = String::with_capacity(body.len() + defs.len() + 400);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}pt\" height=\"{hh}pt\" viewBox=\"0 0 {w} {hh}\">"
    );
    // Paper: PDF viewers show a page on white whatever their own colours.
    let _ = writeln!(out, "<rect width=\"{w}\" height=\"{hh}\" fill=\"#fff\"/>");
    if !defs.paths.is_empty() {
        out.push_str("<defs>\n");
        for ((font, gid), d) in &defs.paths {
            let _ = writeln!(out, "<path id=\"g{}-{gid}\" d=\"{d}\"/>", font.0);
        }
        out.push_str("</defs>\n");
    }
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// Every glyph outline the page uses, in font units (y up), by face and
/// glyph id; sorted, so the definitions come out in the same order.
#[derive(Default)]
struct Glyphs<'s> {
    paths: BTreeMap<(FontId, u16), String>,
    /// Glyphs without an outline (spaces): drawn as nothing.
    empty: std::collections::BTreeSet<(FontId, u16)>,
    store: Option<&'s dyn Outlines>,
}

impl Glyphs<'_> {
    fn len(&self) -> usize {
        self.paths.values().map(String::len).sum()
    }

    /// Whether the glyph has ink, defining it on first use (from the store
    /// when it has the outline).
    fn define(&mut self, font: FontId, loaded: &LoadedFont, gid: u16) -> bool {
        let key = (font, gid);
        if self.paths.contains_key(&key) {
            return true;
        }
        if self.empty.contains(&key) {
            return false;
        }
        let outline = match self.store.and_then(|s| s.outline(font, gid)) {
            Some(kept) => kept,
            None => {
                let made = outline(loaded, gid);
                if let Some(store) = self.store {
                    store.keep(font, gid, made.as_deref());
                }
                made
            }
        };
        match outline {
            Some(d) => {
                self.paths.insert(key, d);
                true
            }
            None => {
                self.empty.insert(key);
                false
            }
        }
    }
}

/// A glyph's outline as SVG path data; `None` when it has no ink.
fn outline(loaded: &LoadedFont, gid: u16) -> Option<String> {
    let mut d = PathData(String::new());
    let ink = loaded
        .face()
        .outline_glyph(ttf_parser::GlyphId(gid), &mut d)
        .is_some();
    (ink && !d.0.is_empty()).then_some(d.0)
}

/// A glyph outline as SVG path data.
struct PathData(String);

impl ttf_parser::OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{} {}", x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{} {}", x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{} {} {} {}", x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{} {} {} {} {} {}", x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// A run's glyphs, each a `<use>` of its outline with the matrix that
/// takes font units to the page: the PDF's text matrix (slant, horizontal
/// scaling, the quarter turn) with y turned down.
fn text_run(out: &mut String, run: &TextRun, book: &FontBook, defs: &mut Glyphs) {
    let font = book.font(run.font);
    let s = run.size.0 / f64::from(font.units_per_em);
    let skew = if run.oblique { 0.2 } else { 0.0 };
    for g in &run.glyphs {
        if !defs.define(run.font, font, g.id) {
            continue;
        }
        let [a, b, c, d, e, f] = glyph_matrix(run.mode, s, skew, font, g);
        let _ = writeln!(
            out,
            "<use href=\"#g{}-{}\" transform=\"matrix({} {} {} {} {} {})\"/>",
            run.font.0,
            g.id,
            num(a),
            num(b),
            num(c),
            num(d),
            num(e),
            num(f)
        );
    }
}

/// The SVG matrix (a b c d e f) of one glyph: x' = a·x + c·y + e,
/// y' = b·x + d·y + f, from font units (y up) to the page (y down).
fn glyph_matrix(mode: RunMode, s: f64, skew: f64, font: &LoadedFont, g: &PlacedGlyph) -> [f64; 6] {
    let (x, y) = (g.x.0, g.y.0);
    match mode {
        RunMode::Horizontal => [s, 0.0, skew * s, -s, x, y],
        RunMode::Combined(k) => [s * f64::from(k), 0.0, 0.0, -s, x, y],
        // The PDF's text matrix [0 -1 1 0]: the glyph's baseline runs down
        // the page, its top to the right.
        RunMode::Rotated => [0.0, s, s, 0.0, x, y],
        RunMode::Vertical => {
            // The vertical origin sits half the advance right of the
            // horizontal one and the VORG height (else the ascender) above
            // it, as the PDF's W2 array says.
            let face = font.face();
            let gid = ttf_parser::GlyphId(g.id);
            let vx = f64::from(face.glyph_hor_advance(gid).unwrap_or(0)) / 2.0;
            let vy = f64::from(face.glyph_y_origin(gid).unwrap_or(font.ascender));
            [s, 0.0, 0.0, -s, x - s * vx, y + s * vy]
        }
    }
}

/// A rule: butt ends, as the PDF strokes it.
fn rule(out: &mut String, r: &Rule) {
    let _ = writeln!(
        out,
        "<path d=\"M{} {}L{} {}\" stroke=\"#000\" stroke-width=\"{}\"/>",
        num(r.x0.0),
        num(r.y0.0),
        num(r.x1.0),
        num(r.y1.0),
        num(r.width.0)
    );
}

fn dot(out: &mut String, d: &Dot) {
    let _ = writeln!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
        num(d.x.0),
        num(d.y.0),
        num(d.radius.0)
    );
}

/// An image embedded as a data URI, stretched to its box as the PDF does.
fn image(out: &mut String, img: &ImageItem) {
    let mime = match img.figure.format {
        ImageFormat::Png => "image/png",
        ImageFormat::Jpeg => "image/jpeg",
    };
    let data = base64::engine::general_purpose::STANDARD.encode(img.figure.data.as_slice());
    // A figure the text wraps round, clipped to its circle as in the PDF
    // (ids unique in the page's SVG: the output's length so far).
    let clip = img.round_clip().map(|(x, y, r)| {
        let id = format!("round{}", out.len());
        let _ = writeln!(
            out,
            "<clipPath id=\"{id}\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\"/></clipPath>",
            num(x.0),
            num(y.0),
            num(r.0)
        );
        format!(" clip-path=\"url(#{id})\"")
    });
    let _ = writeln!(
        out,
        "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\"{} href=\"data:{mime};base64,{data}\"/>",
        num(img.x.0),
        num(img.y.0),
        num(img.width.0),
        num(img.height.0),
        clip.unwrap_or_default()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(0.1234), "0.123");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(-3.25), "-3.25");
    }
}

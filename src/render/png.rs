//! An SVG page rasterised with resvg (tiny-skia) to an opaque RGB PNG.

use crate::error::{Error, Result, Stage};
use crate::units::Pt;

/// The finest resolution accepted: a broadsheet page at 1200 dpi is about
/// 280 million pixels, a gigabyte of memory; past that is a mistake.
pub const MAX_DPI: u32 = 1200;

/// A page's size in pixels at `dpi`, rounded up as pdftoppm rounds it, so
/// that the two rasterisations of a page can be compared pixel for pixel.
pub fn png_size(width: Pt, height: Pt, dpi: u32) -> (u32, u32) {
    let px = |v: Pt| (v.0 * f64::from(dpi) / 72.0).ceil().max(1.0) as u32;
    (px(width), px(height))
}

/// How a PNG's pixels are filtered and compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// The png crate's default: each row's best filter, zlib level 6 (page
    /// images, `--png`).
    Page,
    /// No filter, zlib level 2: the EPUB's cover, mostly flat colour, for
    /// which this is 2.5 times as fast as `Page` for about the same size
    /// (a generated page's cover 32,396 → 31,822 bytes, a short article's
    /// 27,661 → 30,271; the same pixels). Grey covers are stored as grey
    /// levels: the page's 31,822 → 22,250 bytes, the article's 30,271 →
    /// 20,565, the same pixels.
    Cover,
}

/// Renders `svg` (a page of `width` × `height` points) at `dpi`.
pub fn svg_to_png(svg: &str, width: Pt, height: Pt, dpi: u32, packing: Packing) -> Result<Vec<u8>> {
    let fail = |what: String| {
        Error::new(
            Stage::Write,
            format!("cannot render the page image: {what}"),
        )
        .hint("report this as a bug, with the input")
    };
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .map_err(|e| fail(e.to_string()))?;
    let (w, h) = png_size(width, height, dpi);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or_else(|| {
        Error::new(
            Stage::Write,
            format!("a page of {w} × {h} pixels is too large to render"),
        )
        .hint("choose a lower --dpi")
    })?;
    // White under the page too: its last row and column of pixels lie
    // partly past the page's edge (the size is rounded up).
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    // The tree is in CSS pixels (96 to the inch); the page in points.
    let k = (f64::from(dpi) / 72.0 * width.0 / f64::from(tree.size().width())) as f32;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(k, k),
        &mut pixmap.as_mut(),
    );
    encode_rgb(pixmap.data(), w, h, packing)
}

/// The pixels as an 8-bit RGB PNG: the page is opaque (its paper is
/// white), so alpha carries nothing and premultiplied equals straight. A
/// cover whose every pixel is grey (black type on white, as the generated
/// ones are) is an 8-bit greyscale PNG: the same pixels in a third of the
/// samples, so a third of the compressing.
fn encode_rgb(rgba: &[u8], w: u32, h: u32, packing: Packing) -> Result<Vec<u8>> {
    let grey = (packing == Packing::Cover)
        .then(|| grey_samples(rgba))
        .flatten();
    let (color, samples) = match grey {
        Some(g) => (png::ColorType::Grayscale, g),
        None => (png::ColorType::Rgb, rgb_samples(rgba)),
    };
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    if packing == Packing::Cover {
        enc.set_deflate_compression(png::DeflateCompression::Level(crate::deflate::LEVEL as u8));
        enc.set_filter(png::Filter::NoFilter);
    }
    let written = enc
        .write_header()
        .and_then(|mut wr| wr.write_image_data(&samples));
    written.map_err(|e| {
        Error::new(Stage::Write, format!("cannot encode the page image: {e}"))
            .hint("report this as a bug, with the input")
    })?;
    Ok(out)
}

/// The RGB of each RGBA pixel. Sized once and filled a pixel at a time (a
/// flat_map's collect grows it as it goes: a cover is a million pixels).
fn rgb_samples(rgba: &[u8]) -> Vec<u8> {
    let mut rgb: Vec<u8> = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.chunks_exact(4) {
        rgb.extend_from_slice(&p[..3]);
    }
    rgb
}

/// Each pixel's grey level, or None when a pixel is not grey. Both passes
/// run over every pixel without a branch, which the compiler vectorises (a
/// loop that stops at the first coloured pixel took five times as long).
fn grey_samples(rgba: &[u8]) -> Option<Vec<u8>> {
    let grey = (rgba.chunks_exact(4)).fold(true, |all, p| all & (p[0] == p[1]) & (p[1] == p[2]));
    grey.then(|| rgba.chunks_exact(4).map(|p| p[0]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pixels a PNG decodes to, and its colour type.
    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut buf).expect("its pixels");
        buf.truncate(info.buffer_size());
        (info.color_type, buf)
    }

    #[test]
    fn a_grey_cover_is_stored_as_grey_levels_and_a_coloured_one_as_rgb() {
        // Two pixels: white and a mid grey, then the grey turned red.
        let grey = [255, 255, 255, 255, 90, 90, 90, 255];
        let png = encode_rgb(&grey, 2, 1, Packing::Cover).expect("encoded");
        assert_eq!(decode(&png), (png::ColorType::Grayscale, vec![255, 90]));
        let red = [255, 255, 255, 255, 200, 90, 90, 255];
        let png = encode_rgb(&red, 2, 1, Packing::Cover).expect("encoded");
        let rgb = vec![255, 255, 255, 200, 90, 90];
        assert_eq!(decode(&png), (png::ColorType::Rgb, rgb));
        // Page images stay RGB, grey or not (compared with pdftoppm's).
        let png = encode_rgb(&grey, 2, 1, Packing::Page).expect("encoded");
        let rgb = vec![255, 255, 255, 90, 90, 90];
        assert_eq!(decode(&png), (png::ColorType::Rgb, rgb));
    }
}

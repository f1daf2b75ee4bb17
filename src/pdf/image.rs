//! Figures as image XObjects: JPEG passed through (DCTDecode), PNG (and
//! an RGB JPEG for print, as CMYK) from the pixels decoded when the figure
//! was read (deflated then), with its alpha channel as a soft mask.

use pdf_writer::{Filter, Finish, Pdf, Ref};

use crate::error::{Error, Result, Stage};
use std::borrow::Cow;

use crate::resolve::{Figure, ImageFormat, PixelSpace, PixelTarget, PngPixels};

use super::print::PdfX;

use crate::deflate::deflate;

/// Components and Adobe inversion of a baseline or progressive JPEG, read
/// from its frame header.
pub(crate) fn jpeg_components(data: &[u8]) -> Option<(u8, bool)> {
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        if marker == 0xEE && data.get(i + 4..i + 9) == Some(b"Adobe") {
            adobe = true;
        }
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            return data.get(i + 9).map(|&n| (n, adobe));
        }
        i += 2 + len;
    }
    None
}

/// A channel over white, by its alpha.
pub(crate) fn blend(v: u8, a: u8) -> u8 {
    ((v as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8
}

/// Writes a figure; for print, colour images become CMYK (a CMYK or grey
/// JPEG passes through), and for PDF/X-1a transparency is flattened onto
/// white.
pub(super) fn write_image(
    pdf: &mut Pdf,
    refs: &mut super::Refs,
    id: Ref,
    fig: &Figure,
    print: Option<PdfX>,
) -> Result<()> {
    let damaged = |e: String| {
        Error::new(
            Stage::Write,
            format!("the image {} cannot be decoded: {e}", fig.path.display()),
        )
        .hint("re-export the figure as PNG or baseline JPEG")
    };
    let target = pixel_target(print);
    if fig.format == ImageFormat::Png {
        // Decoded when the figure was read, for this PDF; one read for
        // another output, or built some other way (a library caller's), is
        // decoded now.
        let decoded;
        let px = match fig.pixels.as_ref().filter(|p| p.target == target) {
            Some(px) => px,
            None => {
                decoded = crate::resolve::decode_png(&fig.data, Some(target)).map_err(damaged)?;
                decoded
                    .as_ref()
                    .ok_or_else(|| damaged("no pixels".into()))?
            }
        };
        write_kept(pdf, refs, id, px);
        return Ok(());
    }
    let (n, adobe) = jpeg_components(&fig.data).ok_or_else(|| damaged("no frame header".into()))?;
    // An RGB JPEG is converted for print; every other JPEG passes through.
    if print.is_none() || n != 3 {
        return write_jpeg(pdf, id, fig, n, adobe).map_err(damaged);
    }
    // Converted when the figure was read, for this PDF; else decoded now.
    if let Some(px) = fig.pixels.as_ref().filter(|p| p.target == target) {
        write_kept(pdf, refs, id, px);
        return Ok(());
    }
    let img = image::load_from_memory_with_format(&fig.data, image::ImageFormat::Jpeg)
        .map_err(|e| damaged(e.to_string()))?;
    write_pixels(pdf, refs, id, Pixels::new(img, print));
    Ok(())
}

/// Pixels kept when the figure was read, deflated then.
fn write_kept(pdf: &mut Pdf, refs: &mut super::Refs, id: Ref, px: &PngPixels) {
    let space = match px.space {
        PixelSpace::Gray => Space::Gray,
        PixelSpace::Rgb => Space::Rgb,
        PixelSpace::Cmyk => Space::Cmyk,
    };
    let packed = Packed {
        width: px.width as i32,
        height: px.height as i32,
        space,
        samples: Cow::Borrowed(&px.samples[..]),
        alpha: px.alpha.as_ref().map(|a| Cow::Borrowed(&a[..])),
    };
    write_packed(pdf, refs, id, packed);
}

/// What a PDF for the screen (`None`) or for print makes of pixels.
pub fn pixel_target(print: Option<PdfX>) -> PixelTarget {
    PixelTarget {
        cmyk: print.is_some(),
        flatten: print == Some(PdfX::X1a),
    }
}

/// A JPEG as it is (DCTDecode) with its `n` colour components; an Adobe
/// CMYK JPEG is stored inverted.
fn write_jpeg(
    pdf: &mut Pdf,
    id: Ref,
    fig: &Figure,
    n: u8,
    adobe: bool,
) -> std::result::Result<(), String> {
    let mut x = pdf.image_xobject(id, &fig.data);
    x.filter(Filter::DctDecode);
    x.width(fig.width_px as i32)
        .height(fig.height_px as i32)
        .bits_per_component(8);
    match n {
        1 => {
            x.color_space().device_gray();
        }
        3 => {
            x.color_space().device_rgb();
        }
        4 => {
            x.color_space().device_cmyk();
            if adobe {
                x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
            }
        }
        _ => return Err(format!("{n} colour components")),
    }
    x.finish();
    Ok(())
}

/// The colour space of decoded pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Space {
    Gray,
    Rgb,
    Cmyk,
}

/// A decoded image as the PDF stores it: 8-bit samples in `space`, and
/// its alpha channel (a soft mask) unless there is none or it was
/// flattened.
pub(super) struct Pixels {
    width: i32,
    height: i32,
    pub space: Space,
    pub samples: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

impl Pixels {
    /// Takes the decoded image and converts it pixel by pixel into the
    /// samples the PDF stores, dropping each buffer once read: no RGBA
    /// copy beside the decoded image, no CMYK copy beside an RGB one; an
    /// opaque RGB or grey image for the screen is stored as decoded.
    pub(super) fn new(img: image::DynamicImage, print: Option<PdfX>) -> Pixels {
        let has_alpha = img.color().has_alpha();
        let flatten = print == Some(PdfX::X1a);
        let keep_alpha = has_alpha && !flatten;
        let (width, height) = (img.width() as i32, img.height() as i32);
        let (space, samples, alpha) = match (img.color().has_color(), has_alpha) {
            (false, false) => (Space::Gray, img.into_luma8().into_raw(), None),
            (false, true) => {
                let la = img.into_luma_alpha8().into_raw();
                let pick = |p: &[u8]| if flatten { blend(p[0], p[1]) } else { p[0] };
                let samples = la.chunks_exact(2).map(pick).collect();
                let alpha = keep_alpha.then(|| la.chunks_exact(2).map(|p| p[1]).collect());
                (Space::Gray, samples, alpha)
            }
            (true, false) if print.is_none() => (Space::Rgb, img.into_rgb8().into_raw(), None),
            (true, false) => {
                let rgb = img.into_rgb8().into_raw();
                (Space::Cmyk, super::print::rgb_to_cmyk(&rgb), None)
            }
            (true, true) => {
                let rgba = img.into_rgba8().into_raw();
                let (space, samples) = colour_over_white(&rgba, print, flatten);
                let alpha = keep_alpha.then(|| rgba.chunks_exact(4).map(|p| p[3]).collect());
                (space, samples, alpha)
            }
        };
        Pixels {
            width,
            height,
            space,
            samples,
            alpha,
        }
    }
}

/// The colour samples of RGBA pixels: flattened onto white for PDF/X-1a,
/// CMYK for print.
fn colour_over_white(rgba: &[u8], print: Option<PdfX>, flatten: bool) -> (Space, Vec<u8>) {
    let mut samples = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.chunks_exact(4) {
        let [r, g, b, a] = [p[0], p[1], p[2], p[3]];
        if flatten {
            samples.extend([blend(r, a), blend(g, a), blend(b, a)]);
        } else {
            samples.extend([r, g, b]);
        }
    }
    match print {
        // Through the press profile (Little CMS), as the opaque pixels go.
        Some(_) => (Space::Cmyk, super::print::rgb_to_cmyk(&samples)),
        None => (Space::Rgb, samples),
    }
}

/// An image's streams as the PDF stores them: deflated samples in `space`
/// and the deflated alpha channel, if any, for a soft mask.
struct Packed<'a> {
    width: i32,
    height: i32,
    space: Space,
    samples: Cow<'a, [u8]>,
    alpha: Option<Cow<'a, [u8]>>,
}

/// Decoded pixels, deflated, with their alpha as a soft mask.
fn write_pixels(pdf: &mut Pdf, refs: &mut super::Refs, id: Ref, px: Pixels) {
    let samples = Cow::Owned(deflate(&px.samples));
    // The samples are no longer needed once deflated.
    drop(px.samples);
    let packed = Packed {
        width: px.width,
        height: px.height,
        space: px.space,
        samples,
        alpha: px.alpha.map(|a| Cow::Owned(deflate(&a))),
    };
    write_packed(pdf, refs, id, packed);
}

/// An image XObject and, with an alpha channel, its soft mask.
fn write_packed(pdf: &mut Pdf, refs: &mut super::Refs, id: Ref, px: Packed) {
    let mask_ref = px.alpha.as_ref().map(|_| refs.next());
    let mut x = pdf.image_xobject(id, &px.samples);
    x.filter(Filter::FlateDecode);
    x.width(px.width).height(px.height).bits_per_component(8);
    match px.space {
        Space::Gray => x.color_space().device_gray(),
        Space::Rgb => x.color_space().device_rgb(),
        Space::Cmyk => x.color_space().device_cmyk(),
    }
    if let Some(m) = mask_ref {
        x.s_mask(m);
    }
    x.finish();
    if let (Some(m), Some(a)) = (mask_ref, &px.alpha) {
        let mut mx = pdf.image_xobject(m, a);
        mx.filter(Filter::FlateDecode);
        mx.width(px.width).height(px.height).bits_per_component(8);
        mx.color_space().device_gray();
        mx.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{PngPixels, Wrap, decode_png};

    fn png(value: u8) -> Vec<u8> {
        let img = ::image::GrayImage::from_fn(16, 8, |x, y| ::image::Luma([value ^ (x * y) as u8]));
        let mut out = std::io::Cursor::new(Vec::new());
        ::image::DynamicImage::ImageLuma8(img)
            .write_to(&mut out, ::image::ImageFormat::Png)
            .expect("encode");
        out.into_inner()
    }

    fn figure(data: Vec<u8>, pixels: Option<PngPixels>) -> Figure {
        Figure {
            path: "f.png".into(),
            src: "f.png".into(),
            data: std::sync::Arc::new(data),
            format: ImageFormat::Png,
            pixels,
            width_px: 16,
            height_px: 8,
            caption: None,
            columns: 1,
            width: None,
            wrap: Wrap::Rect,
            x: None,
            row: None,
            loc: crate::source::Loc { line: 1, col: 1 },
        }
    }

    /// The PDF's bytes with `fig` as its one image.
    fn written(fig: &Figure, print: Option<PdfX>) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let mut refs = super::super::Refs::new();
        let id = refs.next();
        write_image(&mut pdf, &mut refs, id, fig, print).expect("write");
        pdf.finish()
    }

    fn holds(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_png_read_for_this_pdf_is_not_decoded_again() {
        // The kept pixels are another image's: the PDF must hold those,
        // which it can only do by not decoding the file.
        let screen = pixel_target(None);
        let kept = decode_png(&png(0x55), Some(screen)).expect("decode");
        let fig = figure(png(0xAA), kept.clone());
        let pdf = written(&fig, None);
        let kept = kept.expect("kept");
        assert!(holds(&pdf, &kept.samples), "the kept samples were not used");
        // Pixels kept for the screen do not serve a print PDF: the file is
        // decoded for it, in CMYK.
        let print = written(&fig, Some(PdfX::X4));
        let for_print = decode_png(&png(0xAA), Some(pixel_target(Some(PdfX::X4))));
        let for_print = for_print.expect("decode").expect("kept");
        assert_eq!(for_print.space, crate::resolve::PixelSpace::Gray);
        assert!(holds(&print, &for_print.samples));
        assert!(!holds(&print, &kept.samples));
    }

    fn jpeg(seed: u32) -> Vec<u8> {
        let f = |x: u32, y: u32, k: u32| ((x * 37 + y * 11 + k * 71 + seed) % 256) as u8;
        let img = ::image::RgbImage::from_fn(16, 8, |x, y| {
            ::image::Rgb([f(x, y, 0), f(x, y, 1), f(x, y, 2)])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        ::image::DynamicImage::ImageRgb8(img)
            .write_to(&mut out, ::image::ImageFormat::Jpeg)
            .expect("encode");
        out.into_inner()
    }

    #[test]
    fn an_rgb_jpeg_read_for_a_print_pdf_is_not_decoded_again() {
        use crate::resolve::decode_jpeg;
        let x4 = pixel_target(Some(PdfX::X4));
        // Read for the screen or EPUB, nothing is kept: the file is
        // embedded as it is.
        assert!(
            decode_jpeg(&jpeg(0), Some(pixel_target(None)))
                .expect("decode")
                .is_none()
        );
        assert!(decode_jpeg(&jpeg(0), None).expect("decode").is_none());
        // Read for print, its CMYK is kept; the kept pixels are another
        // image's, so the PDF holds them only if it did not decode the file.
        let kept = decode_jpeg(&jpeg(0), Some(x4))
            .expect("decode")
            .expect("kept");
        assert_eq!(kept.space, crate::resolve::PixelSpace::Cmyk);
        let mut fig = figure(jpeg(99), Some(kept.clone()));
        fig.format = ImageFormat::Jpeg;
        let print = written(&fig, Some(PdfX::X4));
        assert!(
            holds(&print, &kept.samples),
            "the kept samples were not used"
        );
        // Without them, the file is decoded now, to the same bytes as when read.
        fig.pixels = None;
        let again = written(&fig, Some(PdfX::X4));
        let own = decode_jpeg(&jpeg(99), Some(x4))
            .expect("decode")
            .expect("kept");
        assert!(holds(&again, &own.samples));
        assert!(!holds(&again, &kept.samples));
        // The screen PDF embeds the file, kept pixels or not.
        fig.pixels = Some(kept);
        assert!(holds(&written(&fig, None), &jpeg(99)));
    }
}

//! Figures as image XObjects: JPEG passed through (DCTDecode), PNG decoded
//! and deflated, with its alpha channel as a soft mask.

use pdf_writer::{Filter, Finish, Pdf, Ref};

use crate::error::{Error, Result, Stage};
use crate::resolve::{Figure, ImageFormat};

use super::print::PdfX;

use super::deflate;

/// Components and Adobe inversion of a baseline or progressive JPEG, read
/// from its frame header.
pub(super) fn jpeg_components(data: &[u8]) -> Option<(u8, bool)> {
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
fn blend(v: u8, a: u8) -> u8 {
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
    let jpeg = if fig.format == ImageFormat::Jpeg {
        Some(jpeg_components(&fig.data).ok_or_else(|| damaged("no frame header".into()))?)
    } else {
        None
    };
    // An RGB JPEG is converted for print; every other JPEG passes through.
    if let Some((n, adobe)) = jpeg.filter(|(n, _)| print.is_none() || *n != 3) {
        return write_jpeg(pdf, id, fig, n, adobe).map_err(damaged);
    }
    let fmt = if fig.format == ImageFormat::Png {
        image::ImageFormat::Png
    } else {
        image::ImageFormat::Jpeg
    };
    let img =
        image::load_from_memory_with_format(&fig.data, fmt).map_err(|e| damaged(e.to_string()))?;
    write_pixels(pdf, refs, id, Pixels::new(img, print));
    Ok(())
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

/// Decoded pixels, deflated, with their alpha as a soft mask.
fn write_pixels(pdf: &mut Pdf, refs: &mut super::Refs, id: Ref, px: Pixels) {
    let mask_ref = px.alpha.as_ref().map(|_| refs.next());
    let packed = deflate(&px.samples);
    // The samples are no longer needed once deflated.
    drop(px.samples);
    let mut x = pdf.image_xobject(id, &packed);
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
        let packed = deflate(a);
        let mut mx = pdf.image_xobject(m, &packed);
        mx.filter(Filter::FlateDecode);
        mx.width(px.width).height(px.height).bits_per_component(8);
        mx.color_space().device_gray();
        mx.finish();
    }
}

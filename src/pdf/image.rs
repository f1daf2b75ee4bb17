//! Figures as image XObjects: JPEG passed through (DCTDecode), PNG decoded
//! and deflated, with its alpha channel as a soft mask.

use pdf_writer::{Filter, Finish, Pdf, Ref};

use crate::error::{Error, Result, Stage};
use crate::resolve::{Figure, ImageFormat};

use super::print::PdfX;

use super::deflate;

/// Components and Adobe inversion of a baseline or progressive JPEG, read
/// from its frame header.
fn jpeg_components(data: &[u8]) -> Option<(u8, bool)> {
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
pub fn write_image(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
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
    if let Some((n, adobe)) = jpeg.filter(|(n, _)| print.is_none() || *n != 3) {
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
            _ => return Err(damaged(format!("{n} colour components"))),
        }
        x.finish();
        return Ok(());
    }
    let fmt = if fig.format == ImageFormat::Png {
        image::ImageFormat::Png
    } else {
        image::ImageFormat::Jpeg
    };
    let img =
        image::load_from_memory_with_format(&fig.data, fmt).map_err(|e| damaged(e.to_string()))?;
    let has_alpha = img.color().has_alpha();
    let gray = !img.color().has_color();
    let (w, h) = (img.width() as i32, img.height() as i32);
    let flatten = print == Some(PdfX::X1a);
    let cmyk = print.is_some() && !gray;
    let (pixels, alpha): (Vec<u8>, Option<Vec<u8>>) = if gray {
        let la = img.to_luma_alpha8();
        let px = la
            .pixels()
            .map(|p| {
                if flatten {
                    blend(p.0[0], p.0[1])
                } else {
                    p.0[0]
                }
            })
            .collect();
        (
            px,
            (has_alpha && !flatten).then(|| la.pixels().map(|p| p.0[1]).collect()),
        )
    } else {
        let rgba = img.to_rgba8();
        let mut px = Vec::with_capacity(rgba.len());
        for p in rgba.pixels() {
            let [r, g, b, a] = p.0;
            let (r, g, b) = if flatten {
                (blend(r, a), blend(g, a), blend(b, a))
            } else {
                (r, g, b)
            };
            if cmyk {
                px.extend(super::print::rgb_to_cmyk(r, g, b));
            } else {
                px.extend([r, g, b]);
            }
        }
        (
            px,
            (has_alpha && !flatten).then(|| rgba.pixels().map(|p| p.0[3]).collect()),
        )
    };
    let mask_ref = alpha.as_ref().map(|_| alloc());
    let packed = deflate(&pixels);
    let mut x = pdf.image_xobject(id, &packed);
    x.filter(Filter::FlateDecode);
    x.width(w).height(h).bits_per_component(8);
    if gray {
        x.color_space().device_gray();
    } else if cmyk {
        x.color_space().device_cmyk();
    } else {
        x.color_space().device_rgb();
    }
    if let Some(m) = mask_ref {
        x.s_mask(m);
    }
    x.finish();
    if let (Some(m), Some(a)) = (mask_ref, alpha) {
        let packed = deflate(&a);
        let mut mx = pdf.image_xobject(m, &packed);
        mx.filter(Filter::FlateDecode);
        mx.width(w).height(h).bits_per_component(8);
        mx.color_space().device_gray();
        mx.finish();
    }
    Ok(())
}

//! A figure's file: read next to its article, kept inside the article's
//! folder, and decoded in full before any output takes it, so that a PDF,
//! a print PDF and an EPUB refuse the same images, each error at the
//! figure's place in the article.

use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result, Stage};
use crate::source::Located;

use super::doc::{Figure, ImageFormat, Wrap};
use super::png_pixels::{PixelSpace, PixelTarget, PngPixels, decode_png};

/// Largest figure file accepted.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest figure accepted, in pixels: 100 million (10,000 × 10,000), four
/// times a whole A3 page at 300 dpi. A decoded pixel takes 3–4 bytes, so
/// this also bounds the memory a figure costs.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// Reads a figure next to its article and checks that it is a whole PNG or
/// JPEG of a sane size. `allow_outside` lets its path (after symbolic
/// links) lead out of the article's folder; with `keep`, a PNG keeps its
/// decoded pixels for that PDF.
pub(super) fn load_figure(
    base: &Path,
    src: &str,
    at: Located,
    (allow_outside, keep): (bool, Option<PixelTarget>),
) -> Result<Figure> {
    let fail = |msg: String, hint: &str| Error::new(Stage::Resolve, msg).at(at.clone()).hint(hint);
    let path = figure_path(base, src, allow_outside).map_err(|(m, h)| fail(m, h))?;
    let (data, format, (width_px, height_px), pixels) =
        load_image(&path, keep).map_err(|(m, h)| fail(m, h))?;
    Ok(Figure {
        path,
        src: src.to_string(),
        data: Arc::new(data),
        format,
        pixels,
        width_px,
        height_px,
        caption: None,
        columns: 1,
        width: None,
        wrap: Wrap::Rect,
        x: None,
        row: None,
        loc: at.loc,
    })
}

/// An image's bytes, format, size in pixels, and a PNG's decoded pixels.
pub type LoadedImage = (Vec<u8>, ImageFormat, (u32, u32), Option<PngPixels>);

/// An image file (a figure, a cover): read up to the size limit, a whole
/// PNG or JPEG of a sane number of pixels, every pixel decoded (a PNG's
/// kept with `keep`). Its bytes, format and size, or a message and a hint.
pub fn load_image(
    path: &Path,
    keep: Option<PixelTarget>,
) -> std::result::Result<LoadedImage, (String, &'static str)> {
    // The read stops at the limit, whatever the file's metadata says.
    let data = crate::fsio::read_limited(path, MAX_IMAGE_BYTES).map_err(|e| {
        (
            format!("cannot read the image {}: {e}", path.display()),
            "check the file name (paths are relative to the article) and reduce images over 50 MB",
        )
    })?;
    let format = match data.get(..4) {
        Some([0x89, b'P', b'N', b'G']) => ImageFormat::Png,
        Some([0xFF, 0xD8, 0xFF, _]) => ImageFormat::Jpeg,
        _ => {
            return Err((
                format!("{} is not a PNG or JPEG image", path.display()),
                "convert the image to PNG or JPEG",
            ));
        }
    };
    let damaged = |e: String| {
        (
            format!("the image {} is damaged: {e}", path.display()),
            "re-export the image as PNG or baseline JPEG",
        )
    };
    if let Some((format, size, pixels)) = super::figure_memo::find(&data, keep) {
        return Ok((data, format, size, pixels));
    }
    let (width_px, height_px) = dimensions(&data, format).map_err(damaged)?;
    if width_px == 0 || height_px == 0 {
        return Err(damaged("it has no pixels".into()));
    }
    let pixels = u64::from(width_px) * u64::from(height_px);
    if pixels > MAX_IMAGE_PIXELS {
        return Err((
            format!(
                "the image {} is {width_px} × {height_px} pixels ({} million); images are limited to {} million pixels",
                path.display(),
                pixels / 1_000_000,
                MAX_IMAGE_PIXELS / 1_000_000
            ),
            "scale the image down (300 dpi at its printed size is enough)",
        ));
    }
    let pixels = decode_all(&data, format, keep).map_err(damaged)?;
    let decoded = (format, (width_px, height_px), pixels);
    super::figure_memo::keep(&data, keep, &decoded);
    let (format, size, pixels) = decoded;
    Ok((data, format, size, pixels))
}

/// The file a figure names: relative to the article, no web address, and
/// inside the article's folder unless `allow_outside`; else a message and
/// a hint.
fn figure_path(
    base: &Path,
    src: &str,
    allow_outside: bool,
) -> std::result::Result<std::path::PathBuf, (String, &'static str)> {
    if src.contains("://") {
        return Err((
            format!("the image \"{src}\" is a web address"),
            "download the image and name the file relative to the article",
        ));
    }
    let rel = Path::new(src);
    let climbs = rel.is_absolute()
        || rel
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if climbs && !allow_outside {
        return Err((
            format!("the image path \"{src}\" leaves the article's folder"),
            crate::fsio::OUTSIDE_HINT,
        ));
    }
    let path = base.join(rel);
    if !allow_outside && let Some(real) = crate::fsio::outside(&path, base) {
        return Err((
            format!(
                "the image \"{src}\" leads out of the article's folder (to {})",
                real.display()
            ),
            crate::fsio::OUTSIDE_HINT,
        ));
    }
    Ok(path)
}

fn image_format(format: ImageFormat) -> image::ImageFormat {
    match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
    }
}

fn dimensions(data: &[u8], format: ImageFormat) -> std::result::Result<(u32, u32), String> {
    image::ImageReader::with_format(std::io::Cursor::new(data), image_format(format))
        .into_dimensions()
        .map_err(|e| e.to_string())
}

/// Decodes every pixel: a PNG row by row, with `keep` into the compressed
/// samples the PDF takes (see [`decode_png`]); a JPEG whole (its decoder
/// has no rows; the pixel limit bounds it), keeping its pixels only when
/// the PDF cannot take the file as it is (see [`decode_jpeg`]). A truncated
/// or corrupt file fails here rather than in one output.
fn decode_all(
    data: &[u8],
    format: ImageFormat,
    keep: Option<PixelTarget>,
) -> std::result::Result<Option<PngPixels>, String> {
    match format {
        ImageFormat::Png => decode_png(data, keep),
        ImageFormat::Jpeg => decode_jpeg(data, keep),
    }
}

/// Decodes every pixel of a JPEG, or says why it cannot be. A PDF embeds a
/// JPEG as it is, except an RGB one in a print PDF, whose colour becomes
/// CMYK: for that `target` its pixels are kept, converted and deflated
/// (the decoded image is dropped as it converts), so the print PDF does
/// not decode the file again; for any other, nothing is kept.
pub fn decode_jpeg(
    data: &[u8],
    target: Option<PixelTarget>,
) -> std::result::Result<Option<PngPixels>, String> {
    // The decoder fills a cut-off scan with grey; a whole file ends its
    // scans with an EOI marker.
    if !jpeg_has_end(data) {
        return Err("it is cut off (no end-of-image marker after its scan)".into());
    }
    let mut reader =
        image::ImageReader::with_format(std::io::Cursor::new(data), image::ImageFormat::Jpeg);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| e.to_string())?;
    // What the PDF's writer converts: three components (a CMYK JPEG,
    // decoded as RGB here, passes through).
    let rgb = crate::pdf::jpeg_components(data).is_some_and(|(n, _)| n == 3)
        && img.color() == image::ColorType::Rgb8;
    let Some(target) = target.filter(|t| t.cmyk && rgb) else {
        return Ok(None);
    };
    let (width, height) = (img.width(), img.height());
    let cmyk = crate::pdf::rgb_to_cmyk_in_place(img.into_rgb8().into_raw());
    Ok(Some(PngPixels {
        width,
        height,
        target,
        space: PixelSpace::Cmyk,
        samples: Arc::new(crate::deflate::deflate(&cmyk)),
        alpha: None,
    }))
}

/// Whether a JPEG has an end-of-image marker after its first scan. The
/// marker segments before the scan are walked by their lengths (an EXIF
/// thumbnail inside one has scans and an end of its own); inside scan data
/// 0xFF is always followed by 0x00 or a restart marker, so 0xFF 0xD9 there
/// is the end.
pub(crate) fn jpeg_has_end(data: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= data.len() && data[i] == 0xFF {
        let marker = data[i + 1];
        if marker == 0xFF {
            i += 1; // a fill byte
            continue;
        }
        if marker == 0xDA {
            return data[i + 2..].windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        i += 2 + usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg() -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .expect("encode");
        out.into_inner()
    }

    #[test]
    fn a_whole_jpeg_passes_and_every_cut_one_fails() {
        let data = jpeg();
        decode_all(&data, ImageFormat::Jpeg, None).expect("whole");
        for n in [data.len() - 2, data.len() - 1, data.len() / 2, 200] {
            assert!(
                decode_all(&data[..n], ImageFormat::Jpeg, None).is_err(),
                "cut at {n}"
            );
        }
    }

    #[test]
    fn a_cut_png_fails() {
        let img = image::GrayImage::from_fn(64, 64, |x, y| image::Luma([(x * y) as u8]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageLuma8(img)
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("encode");
        let data = out.into_inner();
        decode_all(&data, ImageFormat::Png, None).expect("whole");
        for n in [data.len() - 1, data.len() - 13, data.len() / 2] {
            assert!(
                decode_all(&data[..n], ImageFormat::Png, None).is_err(),
                "cut at {n}"
            );
        }
    }
}

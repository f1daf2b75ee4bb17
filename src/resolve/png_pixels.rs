//! A PNG figure decoded once, when it is read: row by row into the 8-bit
//! samples the PDF stores (grey or RGB, and the alpha channel apart),
//! compressed as the PDF's image streams. The check that the file is whole
//! and the PDF's pixels come from this one decoding, and what is kept is
//! compressed: no decoded image, RGBA copy or second decoding later.

use std::sync::Arc;

/// What a PDF makes of a PNG's pixels: grey or RGB for the screen; for
/// print, colour as CMYK and, for PDF/X-1a, transparency flattened onto
/// white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelTarget {
    pub cmyk: bool,
    pub flatten: bool,
}

/// The colour space of a PNG's samples as kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PixelSpace {
    Gray,
    Rgb,
    Cmyk,
}

/// A decoded PNG as the PDF stores it (see [`crate::pdf`]'s image writer).
#[derive(Clone)]
pub struct PngPixels {
    pub width: u32,
    pub height: u32,
    /// What the samples were made for.
    pub target: PixelTarget,
    pub space: PixelSpace,
    /// The 8-bit samples, deflated (a zlib stream).
    pub samples: Arc<Vec<u8>>,
    /// The 8-bit alpha channel, deflated, when the image has one that was
    /// not flattened.
    pub alpha: Option<Arc<Vec<u8>>>,
}

impl std::fmt::Debug for PngPixels {
    // Sizes only: the streams are large and say nothing to a reader.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PngPixels({}×{}, {:?}, {} bytes{})",
            self.width,
            self.height,
            self.space,
            self.samples.len(),
            if self.alpha.is_some() { ", alpha" } else { "" }
        )
    }
}

/// Decodes every pixel of a PNG (palettes, low bit depths and
/// transparency expanded, 16-bit samples rounded to 8 bits as the image
/// crate does), or says why it cannot be; with a `target`, the pixels as
/// the PDF takes them. Rows are decoded one at a time, except an
/// interlaced image's when they are kept (its rows come in passes: it is
/// decoded whole).
pub fn decode_png(data: &[u8], target: Option<PixelTarget>) -> Result<Option<PngPixels>, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(data));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let (kind, depth) = reader.output_color_type();
    let (color, has_alpha) = match kind {
        png::ColorType::Grayscale => (false, false),
        png::ColorType::GrayscaleAlpha => (false, true),
        png::ColorType::Rgb => (true, false),
        png::ColorType::Rgba => (true, true),
        png::ColorType::Indexed => return Err("its palette cannot be expanded".into()),
    };
    let (width, height, interlaced) = {
        let info = reader.info();
        (info.width, info.height, info.interlaced)
    };
    let keep = target.is_some();
    let channels = kind.samples();
    let pixels = if keep {
        width as usize * height as usize
    } else {
        0
    };
    let mut split = Split {
        keep,
        wide: depth == png::BitDepth::Sixteen,
        channels,
        has_alpha,
        samples: Vec::with_capacity(pixels * (channels - usize::from(has_alpha))),
        alpha: Vec::with_capacity(if has_alpha { pixels } else { 0 }),
    };
    let mut rows = 0u32;
    if interlaced && keep {
        let size = reader.output_buffer_size().ok_or("it is too large")?;
        let mut frame = vec![0u8; size];
        let info = reader.next_frame(&mut frame).map_err(|e| e.to_string())?;
        for row in frame.chunks_exact(info.line_size.max(1)) {
            split.row(row);
            rows += 1;
        }
    } else {
        while let Some(row) = reader.next_row().map_err(|e| e.to_string())? {
            split.row(row.data());
            rows += 1;
        }
    }
    reader.finish().map_err(|e| e.to_string())?;
    // An interlaced image read row by row gives its passes' rows.
    if (keep || !interlaced) && rows != height {
        return Err(format!("it has {rows} rows of {height}"));
    }
    Ok(target.map(|target| split.into_pixels(width, height, color, target)))
}

/// Decoded rows split into 8-bit colour samples and alpha (or only
/// decoded, without `keep`).
struct Split {
    keep: bool,
    wide: bool,
    channels: usize,
    has_alpha: bool,
    samples: Vec<u8>,
    alpha: Vec<u8>,
}

impl Split {
    /// The kept samples made into what `target` asks for, deflated: the
    /// alpha flattened onto white (then dropped), the colour to CMYK.
    fn into_pixels(self, width: u32, height: u32, color: bool, target: PixelTarget) -> PngPixels {
        let (mut samples, mut alpha) = (self.samples, self.has_alpha.then_some(self.alpha));
        if target.flatten
            && let Some(a) = alpha.take()
        {
            let channels = if color { 3 } else { 1 };
            for (p, &a) in samples.chunks_exact_mut(channels).zip(&a) {
                p.iter_mut().for_each(|v| *v = crate::pdf::blend(*v, a));
            }
        }
        let space = match (color, target.cmyk) {
            (false, _) => PixelSpace::Gray,
            (true, false) => PixelSpace::Rgb,
            (true, true) => {
                samples = crate::pdf::rgb_to_cmyk(&samples);
                PixelSpace::Cmyk
            }
        };
        PngPixels {
            width,
            height,
            target,
            space,
            samples: Arc::new(crate::deflate::deflate(&samples)),
            alpha: alpha.map(|a| Arc::new(crate::deflate::deflate(&a))),
        }
    }

    fn row(&mut self, row: &[u8]) {
        if !self.keep {
            return;
        }
        let size = if self.wide { 2 } else { 1 };
        for pixel in row.chunks_exact(self.channels * size) {
            for (c, sample) in pixel.chunks_exact(size).enumerate() {
                let v = match sample {
                    // Big-endian 16 bits to 8, rounded as the image crate
                    // converts them (so the PDF's pixels did not change).
                    [hi, lo] => ((u32::from(u16::from_be_bytes([*hi, *lo])) + 128) / 257) as u8,
                    [v] => *v,
                    _ => 0,
                };
                if self.has_alpha && c == self.channels - 1 {
                    self.alpha.push(v);
                } else {
                    self.samples.push(v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(img: image::DynamicImage) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .expect("encode");
        out.into_inner()
    }

    /// The samples and alpha the image crate gives for the same file.
    fn by_image_crate(data: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
        let img = image::load_from_memory(data).expect("decode");
        match (img.color().has_color(), img.color().has_alpha()) {
            (false, false) => (img.into_luma8().into_raw(), None),
            (true, false) => (img.into_rgb8().into_raw(), None),
            (false, true) => {
                let la = img.into_luma_alpha8().into_raw();
                let (c, a) = la.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
                (c, Some(a))
            }
            (true, true) => {
                let rgba = img.into_rgba8().into_raw();
                let c = rgba
                    .chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect();
                (c, Some(rgba.chunks_exact(4).map(|p| p[3]).collect()))
            }
        }
    }

    #[test]
    fn every_colour_type_gives_the_image_crates_pixels() {
        let (w, h) = (37, 23);
        let f = |x: u32, y: u32, k: u32| ((x * 97 + y * 31 + k * 57) % 256) as u8;
        let g = |x: u32, y: u32, k: u32| ((x * 1733 + y * 911 + k * 4099) % 65536) as u16;
        let images = [
            image::DynamicImage::ImageLuma8(image::GrayImage::from_fn(w, h, |x, y| {
                image::Luma([f(x, y, 0)])
            })),
            image::DynamicImage::ImageLumaA8(image::GrayAlphaImage::from_fn(w, h, |x, y| {
                image::LumaA([f(x, y, 0), f(x, y, 1)])
            })),
            image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([f(x, y, 0), f(x, y, 1), f(x, y, 2)])
            })),
            image::DynamicImage::ImageRgba8(image::RgbaImage::from_fn(w, h, |x, y| {
                image::Rgba([f(x, y, 0), f(x, y, 1), f(x, y, 2), f(x, y, 3)])
            })),
            image::DynamicImage::ImageRgb16(image::ImageBuffer::from_fn(w, h, |x, y| {
                image::Rgb([g(x, y, 0), g(x, y, 1), g(x, y, 2)])
            })),
            image::DynamicImage::ImageRgba16(image::ImageBuffer::from_fn(w, h, |x, y| {
                image::Rgba([g(x, y, 0), g(x, y, 1), g(x, y, 2), g(x, y, 3)])
            })),
        ];
        for img in images {
            same_as_image_crate(&encode(img));
        }
    }

    fn same_as_image_crate(data: &[u8]) {
        let screen = PixelTarget {
            cmyk: false,
            flatten: false,
        };
        let px = decode_png(data, Some(screen))
            .expect("decode")
            .expect("kept");
        let (samples, alpha) = by_image_crate(data);
        let inflated = crate::deflate::inflate(&px.samples, samples.len()).expect("samples");
        assert_eq!(inflated, samples);
        let pixels = px.width as usize * px.height as usize;
        let got = (px.alpha.as_ref()).map(|a| crate::deflate::inflate(a, pixels));
        assert_eq!(got.transpose().expect("alpha"), alpha);
    }

    #[test]
    fn interlaced_palette_and_low_depth_files_give_the_image_crates_pixels() {
        for name in [
            "interlaced-rgba16.png",
            "interlaced-grey-alpha.png",
            "palette-trns.png",
            "one-bit.png",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/resolve/testdata")
                .join(name);
            let data = std::fs::read(path).expect("test file");
            same_as_image_crate(&data);
            assert!(decode_png(&data, None).expect("checked").is_none());
        }
    }

    #[test]
    fn a_cut_file_is_refused() {
        let img = image::GrayImage::from_fn(64, 64, |x, y| image::Luma([(x * y) as u8]));
        let data = encode(image::DynamicImage::ImageLuma8(img));
        for n in [data.len() - 1, data.len() - 13, data.len() / 2, 40] {
            let print = PixelTarget {
                cmyk: true,
                flatten: true,
            };
            assert!(decode_png(&data[..n], Some(print)).is_err(), "cut at {n}");
            assert!(decode_png(&data[..n], None).is_err(), "cut at {n}");
        }
    }
}

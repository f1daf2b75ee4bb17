//! The print-shop edition (`--print`): bleed and trim boxes, crop and
//! registration marks outside the trim, CMYK images, and a PDF/X output
//! intent (PDF/X-4, or PDF/X-1a where chosen).

use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::{Content, Finish, Pdf, Ref, TextStr};

use crate::units::Pt;

/// The output profile written into the output intent (see
/// layouts/icc/README.md).
const FOGRA39: &[u8] = include_bytes!("../../layouts/icc/FOGRA39L-typeset.icc");

/// Which PDF/X.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfX {
    /// PDF/X-4 (ISO 15930-7): transparency and ICC colour allowed.
    X4,
    /// PDF/X-1a:2003 (ISO 15930-4): CMYK and grey only, no transparency.
    X1a,
}

/// What the print edition needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintSpec {
    pub bleed: Pt,
    pub standard: PdfX,
}

/// Room outside the bleed for the marks.
pub const SLUG: Pt = Pt(12.0 * 72.0 / 25.4);

impl PrintSpec {
    /// Distance from the media box's corner to the trim box's.
    pub fn offset(&self) -> Pt {
        self.bleed + SLUG
    }
}

/// Crop marks at the trim's corners and registration targets at the
/// middle of each side, all in the slug, in every separation (100/100/100/100).
pub fn marks(c: &mut Content, spec: &PrintSpec, width: Pt, height: Pt) {
    let off = spec.offset().0 as f32;
    let (w, h) = (width.0 as f32, height.0 as f32);
    let gap = spec.bleed.0 as f32 + 2.0 * 72.0 / 25.4;
    let len = 8.0 * 72.0 / 25.4;
    c.save_state();
    c.set_stroke_cmyk(1.0, 1.0, 1.0, 1.0).set_line_width(0.25);
    for (x, y, sx, sy) in [
        (off, off, -1.0, -1.0),
        (off + w, off, 1.0, -1.0),
        (off, off + h, -1.0, 1.0),
        (off + w, off + h, 1.0, 1.0),
    ] {
        c.move_to(x + sx * gap, y)
            .line_to(x + sx * (gap + len), y)
            .stroke();
        c.move_to(x, y + sy * gap)
            .line_to(x, y + sy * (gap + len))
            .stroke();
    }
    let r = 3.0 * 72.0 / 25.4;
    let far = gap + len / 2.0;
    for (x, y) in [
        (off + w / 2.0, off - far),
        (off + w / 2.0, off + h + far),
        (off - far, off + h / 2.0),
        (off + w + far, off + h / 2.0),
    ] {
        super::content::circle(c, x, y, r);
        c.stroke();
        c.move_to(x - r * 1.5, y).line_to(x + r * 1.5, y).stroke();
        c.move_to(x, y - r * 1.5).line_to(x, y + r * 1.5).stroke();
    }
    c.restore_state();
}

/// The output intent, the XMP metadata PDF/X-4 identifies itself by, and
/// the PDF version each standard is built on.
pub(super) fn write_intent(
    pdf: &mut Pdf,
    refs: &mut super::Refs,
    spec: &PrintSpec,
) -> (Ref, &'static str) {
    let icc = refs.next();
    let mut profile = pdf.icc_profile(icc, FOGRA39);
    profile.n(4);
    profile.finish();
    let version = match spec.standard {
        PdfX::X4 => {
            pdf.set_version(1, 6);
            "PDF/X-4"
        }
        PdfX::X1a => {
            pdf.set_version(1, 4);
            "PDF/X-1a:2003"
        }
    };
    (icc, version)
}

/// Writes the /OutputIntents entry of the catalog.
pub fn intent_entry(cat: &mut pdf_writer::writers::Catalog, icc: Ref) {
    let mut intents = cat.output_intents();
    let mut intent = intents.push();
    intent
        .subtype(OutputIntentSubtype::PDFX)
        .output_condition(TextStr("Coated FOGRA39 (ISO 12647-2:2004)"))
        .output_condition_identifier(TextStr("FOGRA39"))
        .registry_name(TextStr("http://www.color.org"))
        .info(TextStr(
            "Coated FOGRA39 (ISO 12647-2:2004), 300% total area coverage",
        ))
        .dest_output_profile(icc);
    intent.finish();
    intents.finish();
}

/// XMP metadata for the catalog (PDF/X-4 requires it and names its version
/// in it).
pub fn xmp(
    title: &str,
    author: Option<&str>,
    date: [u16; 6],
    version: &str,
    (id, instance): (&str, &str),
) -> String {
    use xmp_writer::{DateTime, RenditionClass, Timezone, XmpWriter};
    let d = DateTime {
        year: date[0],
        month: Some(date[1] as u8),
        day: Some(date[2] as u8),
        hour: Some(date[3] as u8),
        minute: Some(date[4] as u8),
        second: Some(date[5] as u8),
        timezone: Some(Timezone::Utc),
    };
    let mut x = XmpWriter::new();
    x.format("application/pdf");
    x.title([(None, title)]);
    if let Some(a) = author {
        x.creator([a]);
    }
    x.creator_tool(concat!("typeset ", env!("CARGO_PKG_VERSION")));
    x.producer("typeset (pdf-writer, subsetter)");
    x.create_date(d);
    x.modify_date(d);
    x.metadata_date(d);
    x.trapped(false);
    x.pdfx_version(version);
    x.document_id(id);
    x.instance_id(instance);
    x.version_id("1");
    x.rendition_class(RenditionClass::Default);
    x.finish(None)
}

/// The sRGB to FOGRA39 transform, perceptual (as for photographs).
fn to_fogra39() -> lcms2::Transform<[u8; 3], [u8; 4]> {
    use lcms2::{Intent, PixelFormat, Profile, Transform};
    // The profile is compiled in and read by a test (print_colour_goes_
    // through_the_fogra39_profile); it cannot fail to load here.
    let press = Profile::new_icc(FOGRA39).expect("the bundled FOGRA39 profile loads");
    Transform::new(
        &Profile::new_srgb(),
        PixelFormat::RGB_8,
        &press,
        PixelFormat::CMYK_8,
        Intent::Perceptual,
    )
    .expect("sRGB to the bundled FOGRA39 profile is a valid transform")
}

/// RGB pixels (sRGB, three bytes each) as CMYK for the press (four bytes
/// each, 255 = full ink), through the bundled FOGRA39 profile with Little
/// CMS: perceptual rendering, as for photographs.
pub fn rgb_to_cmyk(rgb: &[u8]) -> Vec<u8> {
    let transform = to_fogra39();
    // A slice at a time through the one transform: beside the output, only
    // a slice's pixels are copied (each pixel converts on its own, so the
    // bytes are those of one pass).
    let mut out = Vec::with_capacity(rgb.len() / 3 * 4);
    let (mut pixels, mut cmyk) = (Vec::new(), Vec::new());
    for slice in rgb.chunks(3 * 65_536) {
        pixels.clear();
        pixels.extend(slice.chunks_exact(3).map(|p| [p[0], p[1], p[2]]));
        cmyk.resize(pixels.len(), [0u8; 4]);
        transform.transform_pixels(&pixels[..], &mut cmyk[..]);
        out.extend(cmyk.iter().flatten());
    }
    out
}

/// [`rgb_to_cmyk`] in the buffer that held the RGB pixels: it grows to
/// four bytes a pixel and is converted from its end, a slice at a time
/// (a slice's CMYK lands at or after its RGB, so no pixel is overwritten
/// before it is read), so no second image-sized buffer is held.
pub fn rgb_to_cmyk_in_place(mut buf: Vec<u8>) -> Vec<u8> {
    let transform = to_fogra39();
    let n = buf.len() / 3;
    buf.truncate(n * 3);
    buf.resize(n * 4, 0);
    const SLICE: usize = 65_536;
    let (mut pixels, mut cmyk) = (Vec::new(), Vec::new());
    let mut end = n;
    while end > 0 {
        let start = end.saturating_sub(SLICE);
        pixels.clear();
        pixels.extend(
            buf[start * 3..end * 3]
                .chunks_exact(3)
                .map(|p| [p[0], p[1], p[2]]),
        );
        cmyk.resize(pixels.len(), [0u8; 4]);
        transform.transform_pixels(&pixels[..], &mut cmyk[..]);
        buf[start * 4..end * 4].copy_from_slice(cmyk.as_flattened());
        end = start;
    }
    buf
}

/// The XMP document and instance identifiers: RFC 4122 name-based UUIDs
/// (version 5) of the document's content and its standard, so the same
/// input gives the same file, and its X-4 and X-1a editions differ.
pub fn document_ids(content: &[u8], version: &str) -> (String, String) {
    let mut name = content.to_vec();
    name.extend_from_slice(version.as_bytes());
    let doc = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &name);
    let instance = uuid::Uuid::new_v5(&doc, b"instance");
    (format!("uuid:{doc}"), format!("uuid:{instance}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_colour_goes_through_the_fogra39_profile() {
        // The values Pillow's ImageCms (Little CMS too, built separately)
        // gives for the same profile and intent:
        //   ImageCms.buildTransform(sRGB, FOGRA39L-typeset.icc, "RGB",
        //   "CMYK", renderingIntent=0)
        let rgb = [
            255, 255, 255, 255, 0, 0, 205, 225, 240, 128, 128, 128, 0, 0, 0,
        ];
        let want = [
            [0, 0, 0, 0],         // paper white takes no ink
            [0, 229, 243, 3],     // red: magenta and yellow, no cyan
            [41, 16, 14, 20],     // the example figure's river
            [61, 50, 50, 130],    // mid grey: all four inks (grey balance)
            [255, 232, 157, 255], // black: a rich black, not K alone
        ];
        assert_eq!(rgb_to_cmyk(&rgb), want.concat());
        assert_eq!(rgb_to_cmyk_in_place(rgb.to_vec()), want.concat());
    }

    #[test]
    fn cmyk_in_place_is_the_same_as_beside() {
        // More pixels than a slice, so slices overlap their RGB.
        let rgb: Vec<u8> = (0..3 * 150_001u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect();
        assert_eq!(rgb_to_cmyk_in_place(rgb.clone()), rgb_to_cmyk(&rgb));
    }

    #[test]
    fn document_ids_are_rfc_4122_and_differ_per_standard() {
        let (x4, i4) = document_ids(b"pages", "PDF/X-4");
        let (x1a, _) = document_ids(b"pages", "PDF/X-1a:2003");
        assert_ne!(x4, x1a);
        assert_ne!(x4, i4);
        let u = uuid::Uuid::parse_str(x4.trim_start_matches("uuid:")).unwrap();
        assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
        assert_eq!(u.get_version_num(), 5);
        assert_eq!(document_ids(b"pages", "PDF/X-4").0, x4);
    }
}

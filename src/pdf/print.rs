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
pub fn xmp(title: &str, author: Option<&str>, date: [u16; 6], version: &str, id: &str) -> String {
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
    x.instance_id(id);
    x.version_id("1");
    x.rendition_class(RenditionClass::Default);
    x.finish(None)
}

/// An RGB pixel as CMYK for print: grey component replacement from the
/// darkest channel (a plain conversion; colour-managed separations are the
/// print shop's to make from a CMYK original).
pub fn rgb_to_cmyk(r: u8, g: u8, b: u8) -> [u8; 4] {
    let (r, g, b) = (r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0);
    let k = 1.0 - r.max(g).max(b);
    if k >= 0.999 {
        return [0, 0, 0, 255];
    }
    let c = (1.0 - r - k) / (1.0 - k);
    let m = (1.0 - g - k) / (1.0 - k);
    let y = (1.0 - b - k) / (1.0 - k);
    [
        (c * 255.0).round() as u8,
        (m * 255.0).round() as u8,
        (y * 255.0).round() as u8,
        (k * 255.0).round() as u8,
    ]
}

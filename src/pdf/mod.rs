//! PDF writer (pdf-writer + subsetter): composed pages → bytes. Knows pages,
//! glyphs and fonts, nothing of articles or Markdown.

mod font;
mod image;
mod print;

pub use print::{PdfX, PrintSpec};

use std::collections::BTreeMap;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};

use crate::compose::{Page, PageItem, RunMode, TextRun};
use crate::error::Result;
use crate::resolve::{FontBook, FontId};
use crate::units::Pt;

pub use font::FontUsage;

/// Document metadata.
#[derive(Debug, Clone, Default)]
pub struct PdfMeta {
    pub title: String,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub lang: String,
    /// (year, month, day, hour, minute, second) UTC, from SOURCE_DATE_EPOCH
    /// or the article's date; no date is written otherwise.
    pub date: Option<[u16; 6]>,
    /// Pages read right to left (vertical text): /ViewerPreferences
    /// /Direction /R2L.
    pub right_to_left: bool,
    /// Bookmarks: a title and the page (0-based) it opens.
    pub outline: Vec<(String, usize)>,
    /// The print-shop edition: bleed, marks, PDF/X.
    pub print: Option<PrintSpec>,
}

/// A page's content before compression, and the resources it names.
struct PagePlan {
    page_ref: Ref,
    content_ref: Ref,
    raw: Vec<u8>,
    fonts: BTreeMap<(FontId, bool), Ref>,
    images: Vec<(usize, Ref)>,
}

/// The resource name of a face in one direction.
fn font_name(id: FontId, vertical: bool) -> String {
    format!("{}{}", if vertical { "V" } else { "F" }, id.0)
}

/// zlib at level 6 with zlib-rs, which compresses content streams twice as
/// fast as miniz_oxide did to within a percent of the size.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; zlib_rs::compress_bound(data.len())];
    let (packed, rc) = zlib_rs::compress_slice(&mut out, data, zlib_rs::DeflateConfig::new(6));
    // The buffer holds compress_bound bytes, which zlib guarantees suffice.
    assert_eq!(rc, zlib_rs::ReturnCode::Ok, "zlib compression");
    let n = packed.len();
    out.truncate(n);
    out
}

fn f(p: Pt) -> f32 {
    p.0 as f32
}

/// Writes the pages as a PDF.
pub fn write_pdf(pages: &[Page], book: &FontBook, meta: &PdfMeta) -> Result<Vec<u8>> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = move || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog_ref = alloc();
    let tree_ref = alloc();
    let info_ref = alloc();

    // Fonts and images get their references first, so page content can name
    // them; glyph usage is collected while writing content.
    // One Type0 font per face and direction (Identity-H, Identity-V); both
    // share the face's CID font.
    let mut font_refs: BTreeMap<(FontId, bool), Ref> = BTreeMap::new();
    let mut usage: BTreeMap<FontId, FontUsage> = BTreeMap::new();
    let mut images: Vec<(Ref, &crate::resolve::Figure)> = Vec::new();
    let mut page_refs = Vec::with_capacity(pages.len());

    let mut plans: Vec<PagePlan> = Vec::with_capacity(pages.len());
    for page in pages {
        let page_ref = alloc();
        let content_ref = alloc();
        page_refs.push(page_ref);
        let mut content = Content::new();
        let mut page_fonts: BTreeMap<(FontId, bool), Ref> = BTreeMap::new();
        let mut page_images: Vec<(usize, Ref)> = Vec::new();
        let h = page.height;
        if let Some(p) = &meta.print {
            // The page sits inside its bleed and the slug for the marks.
            let off = f(p.offset());
            content
                .save_state()
                .transform([1.0, 0.0, 0.0, 1.0, off, off]);
        }
        // Text, rules and dots in pure black for print (0/0/0/100 CMYK).
        content.set_fill_cmyk(0.0, 0.0, 0.0, 1.0);
        content.set_stroke_cmyk(0.0, 0.0, 0.0, 1.0);
        for item in &page.items {
            match item {
                PageItem::Text(run) => {
                    let key = (run.font, run.mode == RunMode::Vertical);
                    let fref = *font_refs.entry(key).or_insert_with(&mut alloc);
                    page_fonts.insert(key, fref);
                    let u = usage.entry(run.font).or_default();
                    let vertical = key.1;
                    // Each glyph's advance as the viewer applies it (the
                    // font's own width, without the shaper's kerning), to
                    // position the next glyph exactly.
                    let font = book.font(run.font);
                    let (face, upem) = (font.face(), font.units_per_em as f64);
                    let advance = |gid: u16| -> Pt {
                        let g = ttf_parser::GlyphId(gid);
                        let units = if vertical {
                            face.glyph_ver_advance(g).map_or(upem, |v| v as f64)
                        } else {
                            face.glyph_hor_advance(g).unwrap_or(0) as f64
                        };
                        run.size * (units / upem)
                    };
                    write_run(&mut content, run, u, h, &advance);
                }
                PageItem::Rule(r) => {
                    content
                        .set_line_width(f(r.width))
                        .move_to(f(r.x0), f(h - r.y0))
                        .line_to(f(r.x1), f(h - r.y1))
                        .stroke();
                }
                PageItem::Dot(d) => {
                    circle(&mut content, f(d.x), f(h - d.y), f(d.radius));
                    content.fill_nonzero();
                }
                PageItem::Image(img) => {
                    let idx = match images
                        .iter()
                        .position(|(_, fig)| fig.path == img.figure.path)
                    {
                        Some(i) => i,
                        None => {
                            images.push((alloc(), &img.figure));
                            images.len() - 1
                        }
                    };
                    if !page_images.iter().any(|(i, _)| *i == idx) {
                        page_images.push((idx, images[idx].0));
                    }
                    let name = format!("Im{idx}");
                    content
                        .save_state()
                        .transform([
                            f(img.width),
                            0.0,
                            0.0,
                            f(img.height),
                            f(img.x),
                            f(h - img.y - img.height),
                        ])
                        .x_object(Name(name.as_bytes()))
                        .restore_state();
                }
            }
        }
        if let Some(p) = &meta.print {
            content.restore_state();
            print::marks(&mut content, p, page.width, page.height);
        }
        plans.push(PagePlan {
            page_ref,
            content_ref,
            raw: content.finish().into_vec(),
            fonts: page_fonts,
            images: page_images,
        });
    }
    // Compressing the content streams is the writer's largest cost: in
    // parallel, each page on its own, the results in page order.
    let packed: Vec<Vec<u8>> = {
        use rayon::prelude::*;
        plans.par_iter().map(|p| deflate(&p.raw)).collect()
    };
    for ((plan, data), page) in plans.iter().zip(&packed).zip(pages) {
        let PagePlan {
            page_ref,
            content_ref,
            fonts: page_fonts,
            images: page_images,
            ..
        } = plan;
        let (page_ref, content_ref) = (*page_ref, *content_ref);
        pdf.stream(content_ref, data).filter(Filter::FlateDecode);
        let mut p = pdf.page(page_ref);
        match &meta.print {
            None => {
                p.media_box(Rect::new(0.0, 0.0, f(page.width), f(page.height)));
            }
            Some(spec) => {
                let off = f(spec.offset());
                let b = f(spec.bleed);
                let (w, hh) = (f(page.width), f(page.height));
                p.media_box(Rect::new(0.0, 0.0, w + 2.0 * off, hh + 2.0 * off));
                p.bleed_box(Rect::new(off - b, off - b, off + w + b, off + hh + b));
                p.trim_box(Rect::new(off, off, off + w, off + hh));
            }
        }
        p.parent(tree_ref).contents(content_ref);
        let mut res = p.resources();
        {
            let mut fonts = res.fonts();
            for ((id, vertical), r) in page_fonts {
                fonts.pair(Name(font_name(*id, *vertical).as_bytes()), *r);
            }
        }
        if !page_images.is_empty() {
            let mut xo = res.x_objects();
            for (idx, r) in page_images {
                xo.pair(Name(format!("Im{idx}").as_bytes()), *r);
            }
        }
        res.finish();
        p.finish();
    }

    // Subsetting and compressing the fonts, in parallel.
    let programs: Vec<Result<font::Program>> = {
        use rayon::prelude::*;
        let list: Vec<(&FontId, &FontUsage)> = usage.iter().collect();
        list.par_iter()
            .map(|(id, u)| font::prepare_program(book, **id, u))
            .collect()
    };
    for ((id, u), program) in usage.iter().zip(programs) {
        let h = font_refs.get(&(*id, false)).copied();
        let v = font_refs.get(&(*id, true)).copied();
        font::write_font(&mut pdf, &mut alloc, h, v, book, *id, u, &program?)?;
    }
    for (r, fig) in &images {
        image::write_image(
            &mut pdf,
            &mut alloc,
            *r,
            fig,
            meta.print.map(|p| p.standard),
        )?;
    }
    let intent = meta
        .print
        .as_ref()
        .map(|p| print::write_intent(&mut pdf, &mut alloc, p));

    let outline_ref = (!meta.outline.is_empty()).then(&mut alloc);
    if let Some(root) = outline_ref {
        let items: Vec<Ref> = meta.outline.iter().map(|_| alloc()).collect();
        for (k, ((title, page), id)) in meta.outline.iter().zip(&items).enumerate() {
            let mut item = pdf.outline_item(*id);
            item.title(TextStr(title)).parent(root);
            if k > 0 {
                item.prev(items[k - 1]);
            }
            if k + 1 < items.len() {
                item.next(items[k + 1]);
            }
            let target = page_refs[(*page).min(page_refs.len() - 1)];
            let h = pages[(*page).min(pages.len() - 1)].height;
            item.dest().page(target).xyz(0.0, f(h), None);
        }
        let mut o = pdf.outline(root);
        o.first(items[0])
            .last(items[items.len() - 1])
            .count(items.len() as i32);
    }
    pdf.pages(tree_ref)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    // PDF/X-4 names itself in XMP metadata; both name the file by its
    // content.
    let xmp_ref = match (&meta.print, meta.date) {
        (Some(_), Some(date)) => {
            let id = {
                let mut h = Sha256::new();
                h.update(meta.title.as_bytes());
                for p in pages {
                    h.update(p.items.len().to_be_bytes());
                }
                let d = h.finalize();
                format!(
                    "uuid:{}",
                    d[..16]
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>()
                )
            };
            let (_, version) = intent.expect("the intent is written for print");
            let xmp = print::xmp(&meta.title, meta.author.as_deref(), date, version, &id);
            let r = alloc();
            let m = pdf.metadata(r, xmp.as_bytes());
            m.finish();
            Some(r)
        }
        _ => None,
    };
    let mut cat = pdf.catalog(catalog_ref);
    if let Some((icc, _)) = intent {
        print::intent_entry(&mut cat, icc);
    }
    if let Some(x) = xmp_ref {
        cat.metadata(x);
    }
    cat.pages(tree_ref).lang(TextStr(&meta.lang));
    if let Some(o) = outline_ref {
        cat.outlines(o);
    }
    let mut prefs = cat.viewer_preferences();
    prefs.display_doc_title(true);
    if meta.right_to_left {
        // Vertical pages progress right to left.
        prefs.direction(pdf_writer::types::Direction::R2L);
    }
    prefs.finish();
    cat.finish();

    let mut info = pdf.document_info(info_ref);
    info.title(TextStr(&meta.title));
    if let Some(a) = &meta.author {
        info.author(TextStr(a));
    }
    if let Some(s) = &meta.subject {
        info.subject(TextStr(s));
    }
    info.creator(TextStr(concat!("typeset ", env!("CARGO_PKG_VERSION"))));
    if let Some((_, version)) = intent {
        info.trapped(pdf_writer::types::TrappingStatus::NotTrapped);
        if version.starts_with("PDF/X-1a") {
            info.pair(Name(b"GTS_PDFXVersion"), TextStr(version));
            info.pair(Name(b"GTS_PDFXConformance"), TextStr(version));
        }
    }
    info.producer(TextStr("typeset (pdf-writer, subsetter)"));
    if let Some([y, mo, d, hh, mi, s]) = meta.date {
        let date = pdf_writer::Date::new(y)
            .month(mo as u8)
            .day(d as u8)
            .hour(hh as u8)
            .minute(mi as u8)
            .second(s as u8)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        info.creation_date(date);
        info.modified_date(date);
    }
    info.finish();

    // The file identifier is a hash of the body: same input, same bytes.
    let digest = Sha256::digest(pdf.as_bytes());
    pdf.set_file_id((digest[..16].to_vec(), digest[16..].to_vec()));
    Ok(pdf.finish())
}

/// One run of glyphs: a text matrix at the first glyph of each segment on
/// one line, then a TJ array whose adjustments carry justification and
/// compression. Horizontal runs advance along x; upright vertical runs
/// (Identity-V) and turned runs advance down the page.
fn write_run(
    content: &mut Content,
    run: &TextRun,
    usage: &mut FontUsage,
    page_h: Pt,
    advance: &dyn Fn(u16) -> Pt,
) {
    let size = run.size.0;
    if run.actual_text {
        content
            .begin_marked_content_with_properties(Name(b"Span"))
            .properties()
            .actual_text(TextStr(&run.text));
    }
    content.begin_text();
    content.set_font(
        Name(font_name(run.font, run.mode == RunMode::Vertical).as_bytes()),
        size as f32,
    );
    let scale = match run.mode {
        RunMode::Combined(s) => s as f64,
        _ => 1.0,
    };
    if scale != 1.0 {
        content.set_horizontal_scaling((scale * 100.0) as f32);
    }
    let skew = if run.oblique { 0.2 } else { 0.0 };
    let down = matches!(run.mode, RunMode::Vertical | RunMode::Rotated);
    // Position along the run's direction, and across it.
    let along = |g: &crate::compose::PlacedGlyph| if down { g.y } else { g.x };
    let across = |g: &crate::compose::PlacedGlyph| if down { g.x } else { g.y };
    let gl = &run.glyphs;
    // Justified lines open every gap by the same amount: that goes into the
    // character spacing (Tc) once per line rather than into a number after
    // every glyph, which made content streams a third larger.
    let mut spacing = 0.0f64;
    let mut gaps: Vec<(i64, f64)> = Vec::new();
    let mut i = 0;
    while i < gl.len() {
        let line = across(&gl[i]);
        let mut j = i + 1;
        while j < gl.len() && (across(&gl[j]) - line).abs().0 < 0.001 {
            j += 1;
        }
        let (x, y) = (f(gl[i].x), f(page_h - gl[i].y));
        content.set_text_matrix(match run.mode {
            RunMode::Rotated => [0.0, -1.0, 1.0, 0.0, x, y],
            RunMode::Vertical => [1.0, 0.0, 0.0, 1.0, x, y],
            _ => [1.0, 0.0, skew, 1.0, x, y],
        });
        // The most common gap, in thousandths of a point, if at least half
        // the gaps share it.
        gaps.clear();
        let mut pen = along(&gl[i]);
        for g in &gl[i..j] {
            let gap = (along(g) - pen).0;
            gaps.push(((gap * 1000.0).round() as i64, gap));
            pen = along(g) + advance(g.id) * scale;
        }
        let common = {
            let inner = &mut gaps[1..];
            inner.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let (mut best, mut best_n, mut k) = ((0i64, 0.0), 0usize, 0usize);
            while k < inner.len() {
                let n = inner[k..].iter().take_while(|v| v.0 == inner[k].0).count();
                if n > best_n {
                    (best, best_n) = (inner[k + n / 2], n);
                }
                k += n;
            }
            // The exact gap, as the f32 the PDF will hold.
            if best_n * 2 >= inner.len() && best_n > 0 && best.0 != 0 {
                best.1 as f32 as f64
            } else {
                0.0
            }
        };
        if common != spacing {
            spacing = common;
            // Tc is scaled by the horizontal scaling like the advance, and
            // in vertical mode a positive Tc shortens the downward advance
            // (PDF 9.4.4).
            let tc = if run.mode == RunMode::Vertical {
                -spacing
            } else {
                spacing / scale
            };
            content.set_char_spacing(tc as f32);
        }
        let mut tj = content.show_positioned();
        let mut items = tj.items();
        let mut pen = along(&gl[i]);
        let mut buf: Vec<u8> = Vec::new();
        for (k, g) in gl[i..j].iter().enumerate() {
            // Tc applies after every glyph, so from the second one on the
            // pen already includes it.
            if k > 0 {
                pen += Pt(spacing);
            }
            let shift = along(g) - pen;
            if shift.abs().0 > 0.0005 {
                if !buf.is_empty() {
                    items.show(Str(&buf));
                    buf.clear();
                }
                // In vertical mode a positive number moves down; in
                // horizontal mode a negative one moves on (PDF 9.4.4).
                // Hundredths of a thousandth of an em are far below what
                // a press can show, and keep the numbers short.
                let amount = (shift.0 * 100_000.0 / (size * scale)).round() / 100.0;
                items.adjust(if run.mode == RunMode::Vertical {
                    amount
                } else {
                    -amount
                } as f32);
                // Follow where the glyph really lands, so rounding never
                // adds up along a line.
                pen += Pt(amount * size * scale / 1000.0);
            }
            let text = &run.text[g.text.start as usize..g.text.end as usize];
            let cid = usage.cid(g.id, text);
            buf.extend_from_slice(&cid.to_be_bytes());
            pen += advance(g.id) * scale;
        }
        if !buf.is_empty() {
            items.show(Str(&buf));
        }
        items.finish();
        tj.finish();
        i = j;
    }
    if spacing != 0.0 {
        // Tc outlives ET, so the next run must start from zero.
        content.set_char_spacing(0.0);
    }
    if scale != 1.0 {
        content.set_horizontal_scaling(100.0);
    }
    content.end_text();
    if run.actual_text {
        content.end_marked_content();
    }
}

/// A circle of four Bézier quarter arcs.
fn circle(c: &mut Content, x: f32, y: f32, r: f32) {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    c.move_to(x + r, y)
        .cubic_to(x + r, y + k, x + k, y + r, x, y + r)
        .cubic_to(x - k, y + r, x - r, y + k, x - r, y)
        .cubic_to(x - r, y - k, x - k, y - r, x, y - r)
        .cubic_to(x + k, y - r, x + r, y - k, x + r, y)
        .close_path();
}

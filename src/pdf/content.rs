//! Page content streams: text runs as TJ arrays, rules, emphasis dots and
//! image placements, with the fonts and images each page names registered
//! as they are met (their object numbers are handed out in that order).

use std::collections::BTreeMap;

use pdf_writer::{Content, Name, Ref, TextStr};

use super::run::{RunBuffers, Within, write_run};
use super::{FontUsage, Instance, PdfMeta, Refs, f, print};
use crate::compose::{EM_ASCENT, ImageItem, Page, PageItem, PlacedGlyph, RunMode, TextRun};
use crate::model::FontId;
use crate::resolve::{Figure, FontBook, LoadedFont};
use crate::units::Pt;

/// A page's object numbers and the resources it names, handed out by
/// [`register_page`] in page order; its content stream is written later,
/// in parallel, by [`page_content`].
pub(super) struct PagePlan {
    pub page_ref: Ref,
    pub content_ref: Ref,
    pub fonts: BTreeMap<(FontId, Instance), Ref>,
    /// (index in [`Resources::images`], object) of the images it shows.
    pub images: Vec<(usize, Ref)>,
}

/// What the pages use, registered page by page in order: one Type0 font
/// per face and [`Instance`] (Identity-H, Identity-V, a hung mark's
/// Identity-H; all share the face's CID font), the glyphs used of each
/// face (their CIDs and text numbered in order of first use), each image
/// once.
#[derive(Default)]
pub(super) struct Resources {
    pub fonts: BTreeMap<(FontId, Instance), Ref>,
    pub usage: BTreeMap<FontId, FontUsage>,
    /// Each image once (a copy: the pages may be freed as they are
    /// written; the image data is shared).
    pub images: Vec<(Ref, Figure)>,
}

/// The serial part of a page's content: its object numbers, and the fonts,
/// glyphs and images it uses registered in the order the content stream
/// meets them, which numbers them exactly as writing the streams one after
/// another did. What remains ([`page_content`]) reads `used` only, so the
/// pages' streams can be written in any order, on any thread.
pub(super) fn register_page(page: &Page, refs: &mut Refs, used: &mut Resources) -> PagePlan {
    let mut plan = PagePlan {
        page_ref: refs.next(),
        content_ref: refs.next(),
        fonts: BTreeMap::new(),
        images: Vec::new(),
    };
    for item in &page.items {
        match item {
            PageItem::Text(run) => {
                let key = (run.font, instance_of(run));
                let fref = *used.fonts.entry(key).or_insert_with(|| refs.next());
                plan.fonts.insert(key, fref);
                register_run(run, used.usage.entry(run.font).or_default());
            }
            PageItem::Image(img) => {
                let idx = register_image(&img.figure, refs, used);
                if !plan.images.iter().any(|(i, _)| *i == idx) {
                    plan.images.push((idx, used.images[idx].0));
                }
            }
            PageItem::Rule(_) | PageItem::Dot(_) => {}
        }
    }
    plan
}

/// Records a run's glyphs in its font's usage, in the order
/// [`write_run`] shows them.
pub(super) fn register_run(run: &TextRun, usage: &mut FontUsage) {
    for g in &run.glyphs {
        usage.glyph(g.id, glyph_text(run, g));
    }
}

/// The text a glyph's ToUnicode entry is asked for: none in a run with
/// ActualText of its own (a typeset hyphen, boxes for missing characters
/// stand for text the map must not give every later use).
pub(super) fn glyph_text<'r>(run: &'r TextRun, g: &PlacedGlyph) -> &'r str {
    if run.actual_text {
        ""
    } else {
        &run.text[g.text.start as usize..g.text.end as usize]
    }
}

/// Writes one page's content stream (uncompressed), its resources
/// registered by [`register_page`].
pub(super) fn page_content(
    page: &Page,
    book: &FontBook,
    meta: &PdfMeta,
    used: &Resources,
) -> Vec<u8> {
    // About what a page's stream takes, so that it is not copied as it
    // grows: a glyph's CID and its share of the operators.
    let glyphs: usize = (page.items.iter())
        .map(|i| match i {
            PageItem::Text(run) => run.glyphs.len(),
            _ => 0,
        })
        .sum();
    let mut content = Content::with_capacity(1024 + glyphs * 4);
    let mut buffers = RunBuffers::default();
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
    let ctx = Writing {
        book,
        used,
        page_h: h,
    };
    let (mut line, mut runs) = (String::new(), Vec::new());
    let mut k = 0;
    while k < page.items.len() {
        let item = &page.items[k];
        k += 1;
        match item {
            PageItem::Text(run) if run.mode != RunMode::Horizontal => {
                let end = line_end(&page.items, k);
                runs.clear();
                runs.extend(page.items[k - 1..end].iter().filter_map(|i| match i {
                    PageItem::Text(r) => Some(r),
                    _ => None,
                }));
                vertical_line(&mut content, &runs, &ctx, (&mut line, &mut buffers));
                k = end;
            }
            PageItem::Text(run) => ctx.run(&mut content, (run, Within::Own), &mut buffers),
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
                let idx = (used.images.iter())
                    .position(|(_, fig)| fig.path == img.figure.path)
                    // register_page recorded every image.
                    .expect("a registered image");
                show_image(&mut content, img, idx, h);
            }
        }
    }
    if let Some(p) = &meta.print {
        content.restore_state();
        print::marks(&mut content, p, page.width, page.height);
    }
    content.finish().into_vec()
}

/// What writing a page's runs needs: the fonts, what the pages use of
/// them, the page's height.
struct Writing<'a> {
    book: &'a FontBook,
    used: &'a Resources,
    page_h: Pt,
}

impl Writing<'_> {
    fn run(
        &self,
        content: &mut Content,
        (run, within): (&TextRun, Within),
        buffers: &mut RunBuffers,
    ) {
        // register_page recorded every run's font.
        let usage = &self.used.usage[&run.font];
        let advances = self.advances(run);
        let advance = |g| advances.of(g);
        write_run(
            content,
            (run, within),
            usage,
            self.page_h,
            &advance,
            buffers,
        );
    }

    fn advances(&self, run: &TextRun) -> Advances<'_> {
        Advances::new(self.book.font(run.font), instance_of(run), run.size)
    }
}

/// A line down the page: its runs (a number set across it, a turned word,
/// a hung mark) in one ActualText span, so that extraction gives the line
/// back whole and in order (poppler lays the span's text out along the
/// line; the digits of 37路 were read as a line of their own). Not a line
/// with word spaces (Latin set down the line): MuPDF gives a span's
/// characters the places of the glyphs that show them, in order, and a
/// space, which no glyph shows, moved every later character one glyph on
/// (and poppler broke the line at every span ending in a space). There
/// each run down the page is a span of its own, as before (poppler reads
/// a turned run without one a word a line, an upright one a character a
/// line); MuPDF finds the spaces from the gaps, poppler loses them.
/// `line` is a scratch buffer.
fn vertical_line(
    content: &mut Content,
    runs: &[&TextRun],
    ctx: &Writing,
    (line, buffers): (&mut String, &mut RunBuffers),
) {
    line.clear();
    let mut prev = None;
    let mut spaced = false;
    for run in runs {
        spaced |= run_text(run, &ctx.advances(run), &mut prev, line);
    }
    let span = |content: &mut Content, text: &str| {
        content
            .begin_marked_content_with_properties(Name(b"Span"))
            .properties()
            .actual_text(TextStr(text));
    };
    if !spaced {
        span(content, line);
    }
    for run in runs {
        let down = matches!(run.mode, RunMode::Vertical | RunMode::Rotated);
        let own = spaced && down && !run.actual_text;
        if own {
            span(content, &run.text);
        }
        let within = if spaced && !own {
            Within::Own
        } else {
            Within::Span
        };
        ctx.run(content, (run, within), buffers);
        if own {
            content.end_marked_content();
        }
    }
    if !spaced {
        content.end_marked_content();
    }
}

/// A word space between Latin letters down a line: a gap this much of the
/// type size or more (a word space shrinks to about a fifth of an em;
/// letter spacing, where Latin takes any, stays under a tenth).
const WORD_SPACE_EM: f64 = 0.15;

/// Appends the text a run of a vertical line stands for. The spaces
/// between words are glue, not glyphs: they come back from the gaps
/// between Latin words (turned, or a letter set across the line), as a
/// reader sees them; a gap beside Han text (¼ em before a number) is no
/// space of the source's. `prev` is where the line's last glyph so far
/// ends down the page, and its last character.
/// Whether it put a word space in.
fn run_text(
    run: &TextRun,
    advances: &Advances,
    prev: &mut Option<(Pt, char)>,
    out: &mut String,
) -> bool {
    let size = run.size;
    let mut spaced = false;
    for g in &run.glyphs {
        // Down the page: a glyph set across the line fills its one em
        // around the baseline, as the glyphs along it fill their advance.
        let (start, end) = match run.mode {
            RunMode::Combined(_) => {
                let top = g.y - size * EM_ASCENT;
                (top, top + size)
            }
            _ => (g.y, g.y + advances.of(g.id)),
        };
        let text = if run.actual_text {
            // The run's whole text stands for its glyphs.
            if std::ptr::eq(g, &run.glyphs[0]) {
                run.text.as_str()
            } else {
                ""
            }
        } else {
            &run.text[g.text.start as usize..g.text.end as usize]
        };
        if let (Some((before_end, before)), Some(first)) = (*prev, text.chars().next())
            && (start - before_end).0 >= WORD_SPACE_EM * size.0
            && before < '\u{2E80}'
            && first < '\u{2E80}'
        {
            out.push(' ');
            spaced = true;
        }
        out.push_str(text);
        let last = text.chars().last().or(prev.map(|p| p.1));
        *prev = last.map(|c| (end.max(prev.map_or(end, |p| p.0)), c));
    }
    spaced
}

/// Where the vertical line whose second run is `items[from]` ends: after
/// its last run going on the same line.
fn line_end(items: &[PageItem], from: usize) -> usize {
    let goes_on =
        |i: &PageItem| matches!(i, PageItem::Text(r) if r.joins && r.mode != RunMode::Horizontal);
    from + items[from..].iter().take_while(|i| goes_on(i)).count()
}

/// The Type0 instance a run is written with.
pub(super) fn instance_of(run: &TextRun) -> Instance {
    if run.mode == RunMode::Vertical {
        run.hung.map_or(Instance::Vertical, Instance::HungVertical)
    } else if let Some(w) = run.hung {
        Instance::Hung(w)
    } else {
        Instance::Horizontal
    }
}

/// Each glyph's advance as the viewer applies it (the font's own width,
/// without the shaper's kerning; a hung mark's instance's own), to
/// position the next glyph exactly.
struct Advances<'f> {
    face: &'f ttf_parser::Face<'f>,
    upem: f64,
    instance: Instance,
    size: Pt,
}

impl<'f> Advances<'f> {
    fn new(font: &'f LoadedFont, instance: Instance, size: Pt) -> Advances<'f> {
        Advances {
            face: font.face(),
            upem: font.units_per_em as f64,
            instance,
            size,
        }
    }

    fn of(&self, gid: u16) -> Pt {
        if let Instance::Hung(w) | Instance::HungVertical(w) = self.instance {
            return self.size * (w as f64 / 1000.0);
        }
        let g = ttf_parser::GlyphId(gid);
        let units = if self.instance == Instance::Vertical {
            self.face
                .glyph_ver_advance(g)
                .map_or(self.upem, |v| v as f64)
        } else {
            self.face.glyph_hor_advance(g).unwrap_or(0) as f64
        };
        self.size * (units / self.upem)
    }
}

/// The index of a figure among the document's images, registering it (and
/// its object number) the first time it is shown.
fn register_image(figure: &Figure, refs: &mut Refs, used: &mut Resources) -> usize {
    match used
        .images
        .iter()
        .position(|(_, fig)| fig.path == figure.path)
    {
        Some(i) => i,
        None => {
            used.images.push((refs.next(), figure.clone()));
            used.images.len() - 1
        }
    }
}

/// Draws image `Im{idx}` into its box (a figure the text wraps round
/// clipped to its circle).
fn show_image(content: &mut Content, img: &ImageItem, idx: usize, page_h: Pt) {
    let name = format!("Im{idx}");
    content.save_state();
    if let Some((x, y, r)) = img.round_clip() {
        circle(content, f(x), f(page_h - y), f(r));
        content.clip_nonzero().end_path();
    }
    content
        .transform([
            f(img.width),
            0.0,
            0.0,
            f(img.height),
            f(img.x),
            f(page_h - img.y - img.height),
        ])
        .x_object(Name(name.as_bytes()))
        .restore_state();
}

/// A circle of four Bézier quarter arcs.
pub(super) fn circle(c: &mut Content, x: f32, y: f32, r: f32) {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    c.move_to(x + r, y)
        .cubic_to(x + r, y + k, x + k, y + r, x, y + r)
        .cubic_to(x - k, y + r, x - r, y + k, x - r, y)
        .cubic_to(x - r, y - k, x - k, y - r, x, y - r)
        .cubic_to(x + k, y - r, x + r, y - k, x + r, y)
        .close_path();
}

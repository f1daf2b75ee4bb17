//! PDF writer (pdf-writer + subsetter): composed pages → bytes. Knows pages,
//! glyphs and fonts, nothing of articles or Markdown.
//!
//! [`write_pdf`] runs named steps: the pages' content streams (content.rs:
//! the fonts, glyphs and images they name registered page by page, then
//! the streams written in parallel; run.rs: a text run's operators), the
//! page objects, the
//! fonts (font.rs), the images (image.rs), the print intent (print.rs), the
//! outline, the page tree, the XMP metadata, the catalog, the document
//! information and the file identifier. Object numbers are handed out in
//! that order, which is part of the output's bytes.

mod content;
mod font;
mod image;
mod print;
mod run;
#[cfg(test)]
mod tests;

pub use image::pixel_target;
pub(crate) use image::{blend, jpeg_components};
pub use print::{PdfX, PrintSpec};
pub(crate) use print::{rgb_to_cmyk, rgb_to_cmyk_in_place};

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, TextStr};
use sha2::{Digest, Sha256};

use crate::compose::Page;
use crate::deflate::deflate;
use crate::error::Result;
use crate::model::FontId;
use crate::resolve::FontBook;
use crate::units::Pt;

use content::{PagePlan, Resources};

pub use font::{FontUsage, Mapped};

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
    /// Earlier builds' compressed page streams and font programs, in a
    /// watching process.
    pub packs: Option<std::sync::Arc<dyn Packs>>,
}

/// What [`Packs`] keeps: a page's compressed content stream, or a font's
/// compressed subset program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packed {
    Page,
    Font,
}

/// A store of earlier builds' compressed streams (the compile layer's
/// memo), by a hash of everything they were made from: a page's raw
/// content stream; a font file and the glyphs taken from it, in their
/// order. The bytes are those a build anew makes.
pub trait Packs: Send + Sync + std::fmt::Debug {
    fn packed(&self, kind: Packed, key: &[u8; 32]) -> Option<Vec<u8>>;
    fn keep_packed(&self, key: [u8; 32], bytes: &[u8]);
}

/// `make`'s bytes, or those an earlier build made with the same `key`.
fn packed_with(
    packs: Option<&dyn Packs>,
    (kind, key): (Packed, impl FnOnce() -> [u8; 32]),
    make: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let Some(store) = packs else {
        return make();
    };
    let key = key();
    if let Some(bytes) = store.packed(kind, &key) {
        return Ok(bytes);
    }
    let bytes = make()?;
    store.keep_packed(key, &bytes);
    Ok(bytes)
}

/// Hands out object numbers in order of use.
struct Refs(i32);

impl Refs {
    fn new() -> Refs {
        Refs(1)
    }

    fn next(&mut self) -> Ref {
        let r = Ref::new(self.0);
        self.0 += 1;
        r
    }
}

/// The objects every document has, numbered first.
struct Roots {
    catalog: Ref,
    tree: Ref,
    info: Ref,
}

/// The Type0 instances of one face: Identity-H, Identity-V, and
/// Identity-H with every advance the given thousandths of an em, for
/// marks hung at half width (see `TextRun::hung`). All share the face's
/// program and ToUnicode map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Instance {
    Horizontal,
    Vertical,
    Hung(u16),
    /// Identity-V with every advance down the line the given thousandths.
    HungVertical(u16),
}

/// The resource name of a face's instance.
fn font_name(id: FontId, instance: Instance) -> String {
    match instance {
        Instance::Horizontal => format!("F{}", id.0),
        Instance::Vertical => format!("V{}", id.0),
        Instance::Hung(w) => format!("H{}w{w}", id.0),
        Instance::HungVertical(w) => format!("U{}w{w}", id.0),
    }
}

fn f(p: Pt) -> f32 {
    p.0 as f32
}

/// Writes the pages as a PDF.
pub fn write_pdf(pages: &[Page], book: &FontBook, meta: &PdfMeta) -> Result<Vec<u8>> {
    let name = content_name(&meta.title, pages);
    write_from(pages.iter().collect(), name, book, meta)
}

/// [`write_pdf`], freeing each page's items once its content stream is
/// made: the glyphs of a long book are the largest part of the memory, and
/// would otherwise stay while the fonts are subset. Same bytes.
pub fn write_pdf_owned(pages: Vec<Page>, book: &FontBook, meta: &PdfMeta) -> Result<Vec<u8>> {
    let name = content_name(&meta.title, &pages);
    write_from(pages, name, book, meta)
}

fn write_from<P: std::borrow::Borrow<Page> + Send>(
    pages: Vec<P>,
    name: Vec<u8>,
    book: &FontBook,
    meta: &PdfMeta,
) -> Result<Vec<u8>> {
    let mut pdf = Pdf::new();
    let mut refs = Refs::new();
    let roots = Roots {
        catalog: refs.next(),
        tree: refs.next(),
        info: refs.next(),
    };
    let mut used = Resources::default();
    // What the rest of the writer needs of a page: its size.
    let sheets: Vec<Page> = (pages.iter())
        .map(|page| {
            let page = page.borrow();
            Page {
                number: page.number,
                width: page.width,
                height: page.height,
                items: Vec::new(),
            }
        })
        .collect();
    // Object numbers, fonts, glyphs and images in page order (serial and
    // cheap); then the content streams, written and compressed in
    // parallel, while the fonts are subset (each on its own task: the
    // glyphs each takes are known once the pages are registered).
    let plans: Vec<PagePlan> = (pages.iter())
        .map(|page| content::register_page(page.borrow(), &mut refs, &mut used))
        .collect();
    // The subsetting starts when the last OVERLAP_PAGES pages are left to
    // pack, the others packed and freed: it needs tens of megabytes of
    // its own, and all the pages and the subsetter together were a book's
    // peak (1M characters: 137 -> 150 MB; 3M: 220 -> 237 MB with half
    // the pages left). Those pages are packed meanwhile.
    let mut pages = pages;
    let rest = pages.split_off(pages.len().saturating_sub(OVERLAP_PAGES));
    let mut packed = pack(pages, book, meta, &used);
    // The packed pages' memory goes back before the subsetter (on another
    // thread, whose heap would not take it) asks for its own, and so do
    // the pages of the font files shaping read.
    release_free_memory();
    book.release_pages();
    // The subsetting is the task another thread takes (on one thread, it
    // waits for the pages, which are then all freed); the page objects
    // are written meanwhile, once every stream is packed.
    let pages = &sheets[..];
    let ((), programs) = rayon::join(
        || {
            packed.extend(pack(rest, book, meta, &used));
            // The last pages' memory, freed while the fonts are subset:
            // back before the subsetter's peak, not after it.
            release_free_memory();
            write_pages(&mut pdf, &plans, &packed, pages, meta, roots.tree);
            // Copied into the file: freed before the fonts are written.
            drop(packed);
        },
        || font::prepare_programs(book, &used.usage, meta.packs.as_deref()),
    );
    font::write_fonts(
        &mut pdf,
        &mut refs,
        book,
        &used.fonts,
        &used.usage,
        programs,
    )?;
    let standard = meta.print.map(|p| p.standard);
    for (r, fig) in &used.images {
        image::write_image(&mut pdf, &mut refs, *r, fig, standard)?;
    }
    let intent = meta
        .print
        .as_ref()
        .map(|p| print::write_intent(&mut pdf, &mut refs, p));
    let page_refs: Vec<Ref> = plans.iter().map(|p| p.page_ref).collect();
    let outline = write_outline(&mut pdf, &mut refs, &meta.outline, &page_refs, pages);
    pdf.pages(roots.tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    let xmp = write_xmp(&mut pdf, &mut refs, meta, &name, intent);
    write_catalog(&mut pdf, &roots, meta, intent, xmp, outline);
    write_info(&mut pdf, roots.info, meta, intent);
    pdf.set_file_id(file_id(pdf.as_bytes()));
    Ok(pdf.finish())
}

/// Returns the heap's free pages to the system. glibc keeps what a program
/// frees for later use, so the pages' memory, freed once their streams are
/// written, would otherwise stay in the resident set while the font
/// subsetter allocates more.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The pages' content streams written and compressed, the writer's
/// largest cost: in parallel, each page on its own, the results in page
/// order. Each raw stream is freed once compressed (together they are
/// several times the size of the compressed ones), and an owned page once
/// its stream is made.
fn pack<P: std::borrow::Borrow<Page> + Send>(
    pages: Vec<P>,
    book: &FontBook,
    meta: &PdfMeta,
    used: &Resources,
) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    let packs = meta.packs.as_deref();
    pages
        .into_par_iter()
        .map(|page| {
            let raw = content::page_content(page.borrow(), book, meta, used);
            // A stream an earlier build compressed is taken as it was.
            let key = || Sha256::digest(&raw).into();
            let made = packed_with(packs, (Packed::Page, key), || Ok(deflate(&raw)));
            // Compressing cannot fail: only a font's subsetting can.
            made.unwrap_or_default()
        })
        .collect()
}

/// Pages whose streams are written while the fonts are subset: about as
/// long as subsetting a book's text face takes on one thread.
const OVERLAP_PAGES: usize = 1024;

/// The compressed content streams (`packed`, from [`pack`]) and the page
/// objects, with their boxes and the resources each page names.
fn write_pages(
    pdf: &mut Pdf,
    plans: &[PagePlan],
    packed: &[Vec<u8>],
    pages: &[Page],
    meta: &PdfMeta,
    tree: Ref,
) {
    for ((plan, data), page) in plans.iter().zip(packed).zip(pages) {
        pdf.stream(plan.content_ref, data)
            .filter(Filter::FlateDecode);
        let mut p = pdf.page(plan.page_ref);
        let boxes = PageBoxes::new(page, meta.print.as_ref());
        p.media_box(boxes.media);
        if let Some((bleed, trim)) = boxes.print {
            p.bleed_box(bleed);
            p.trim_box(trim);
        }
        p.parent(tree).contents(plan.content_ref);
        let mut res = p.resources();
        {
            let mut fonts = res.fonts();
            for ((id, instance), r) in &plan.fonts {
                fonts.pair(Name(font_name(*id, *instance).as_bytes()), *r);
            }
        }
        if !plan.images.is_empty() {
            let mut xo = res.x_objects();
            for (idx, r) in &plan.images {
                xo.pair(Name(format!("Im{idx}").as_bytes()), *r);
            }
        }
        res.finish();
        p.finish();
    }
}

/// A page's media box, and for print its bleed and trim boxes: the trim
/// box is the page, inside its bleed and the slug for the marks.
#[derive(Debug, PartialEq)]
struct PageBoxes {
    media: Rect,
    print: Option<(Rect, Rect)>,
}

impl PageBoxes {
    fn new(page: &Page, print: Option<&PrintSpec>) -> PageBoxes {
        let (w, h) = (f(page.width), f(page.height));
        let Some(spec) = print else {
            return PageBoxes {
                media: Rect::new(0.0, 0.0, w, h),
                print: None,
            };
        };
        let off = f(spec.offset());
        let b = f(spec.bleed);
        PageBoxes {
            media: Rect::new(0.0, 0.0, w + 2.0 * off, h + 2.0 * off),
            print: Some((
                Rect::new(off - b, off - b, off + w + b, off + h + b),
                Rect::new(off, off, off + w, off + h),
            )),
        }
    }
}

/// Bookmarks, each opening its page at the top; `None` without any.
fn write_outline(
    pdf: &mut Pdf,
    refs: &mut Refs,
    outline: &[(String, usize)],
    page_refs: &[Ref],
    pages: &[Page],
) -> Option<Ref> {
    if outline.is_empty() {
        return None;
    }
    let root = refs.next();
    let items: Vec<Ref> = outline.iter().map(|_| refs.next()).collect();
    for (k, ((title, page), id)) in outline.iter().zip(&items).enumerate() {
        let mut item = pdf.outline_item(*id);
        item.title(TextStr(title)).parent(root);
        if k > 0 {
            item.prev(items[k - 1]);
        }
        if k + 1 < items.len() {
            item.next(items[k + 1]);
        }
        // A bookmark past the end opens the last page.
        let target = page_refs[(*page).min(page_refs.len() - 1)];
        let h = pages[(*page).min(pages.len() - 1)].height;
        item.dest().page(target).xyz(0.0, f(h), None);
    }
    let mut o = pdf.outline(root);
    o.first(items[0])
        .last(items[items.len() - 1])
        .count(items.len() as i32);
    Some(root)
}

/// The print edition's XMP metadata (PDF/X-4 names itself in it), when the
/// document has a date; `intent` is the print intent and its version,
/// `name` the document's [`content_name`].
fn write_xmp(
    pdf: &mut Pdf,
    refs: &mut Refs,
    meta: &PdfMeta,
    name: &[u8],
    intent: Option<(Ref, &str)>,
) -> Option<Ref> {
    let ((_, version), date) = intent.zip(meta.date)?;
    let (id, instance) = print::document_ids(name, version);
    let xmp = print::xmp(
        &meta.title,
        meta.author.as_deref(),
        date,
        version,
        (&id, &instance),
    );
    let r = refs.next();
    pdf.metadata(r, xmp.as_bytes()).finish();
    Some(r)
}

/// What names the document for its identifiers: a hash of the title and
/// the pages' item counts, so the same document gets the same name.
fn content_name(title: &str, pages: &[Page]) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(title.as_bytes());
    for p in pages {
        h.update(p.items.len().to_be_bytes());
    }
    h.finalize().to_vec()
}

/// The catalog: pages, language, outline, print intent, metadata, and the
/// viewer preferences (title shown; right to left for vertical pages).
fn write_catalog(
    pdf: &mut Pdf,
    roots: &Roots,
    meta: &PdfMeta,
    intent: Option<(Ref, &str)>,
    xmp: Option<Ref>,
    outline: Option<Ref>,
) {
    let mut cat = pdf.catalog(roots.catalog);
    if let Some((icc, _)) = intent {
        print::intent_entry(&mut cat, icc);
    }
    if let Some(x) = xmp {
        cat.metadata(x);
    }
    cat.pages(roots.tree).lang(TextStr(&meta.lang));
    if let Some(o) = outline {
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
}

/// The document information dictionary.
fn write_info(pdf: &mut Pdf, id: Ref, meta: &PdfMeta, intent: Option<(Ref, &str)>) {
    let mut info = pdf.document_info(id);
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
        // Both standards name themselves in Info as well as in the XMP,
        // for preflight tools that read only one of them.
        info.pair(Name(b"GTS_PDFXVersion"), TextStr(version));
        if version.starts_with("PDF/X-1a") {
            info.pair(Name(b"GTS_PDFXConformance"), TextStr(version));
        }
    }
    info.producer(TextStr("typeset (pdf-writer, subsetter)"));
    if let Some(date) = meta.date {
        info.creation_date(pdf_date(date));
        info.modified_date(pdf_date(date));
    }
    info.finish();
}

/// (year, month, day, hour, minute, second) UTC as a PDF date.
fn pdf_date([y, mo, d, h, mi, s]: [u16; 6]) -> pdf_writer::Date {
    pdf_writer::Date::new(y)
        .month(mo as u8)
        .day(d as u8)
        .hour(h as u8)
        .minute(mi as u8)
        .second(s as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The file identifier: a hash of the body, so the same input gives the
/// same bytes and a different body a different identifier.
fn file_id(body: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let digest = Sha256::digest(body);
    (digest[..16].to_vec(), digest[16..].to_vec())
}

//! The fixed-layout EPUB (`--epub-layout fixed`): the printed pages as
//! EPUB 3 pre-paginated pages, one spine item per page at the page's size
//! (its viewport), each page an inline SVG of real text in subset web
//! fonts (svg.rs, fonts.rs). Pages pair into spreads, odd pages on the
//! right (on the left for a vertical edition, which reads right to left).
//! It is a second EPUB beside the reflowable one, not a second rendition
//! inside it: reading systems support multiple renditions poorly.

mod fonts;
mod svg;

use std::fmt::Write as _;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::package::{Package, metadata};
use super::{CoverImage, EpubMeta, escape, xhtml};
use crate::compose::{Page, PageItem};
use crate::error::{Error, Result, Stage};
use crate::resolve::{Doc, FontBook, ImageFormat};

/// What a fixed-layout EPUB is made from.
pub struct FixedPages<'a> {
    pub docs: &'a [Doc],
    pub pages: &'a [Page],
    /// Each page's name in the contents (第7版, or its number).
    pub labels: Vec<String>,
    /// Each page's printed number, which decides its side of a spread.
    pub numbers: Vec<u32>,
    pub title: &'a str,
    pub right_to_left: bool,
}

/// The package's files other than the fonts and images.
struct Parts {
    pages: Vec<(String, String)>,
    css: String,
    images: Vec<(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)>,
    fonts: Vec<fonts::WebFont>,
}

/// Writes the fixed-layout EPUB.
pub fn write_fixed(fx: &FixedPages, book: &FontBook, meta: &EpubMeta) -> Result<Vec<u8>> {
    let first = (fx.docs.first()).ok_or_else(|| Error::new(Stage::Write, "nothing to write"))?;
    let parts = parts(fx, book, &first.lang.tag)?;
    let meta = EpubMeta {
        fonts: Vec::new(),
        font_css: None,
        cover: None,
        ..meta.clone()
    };
    let package = Package {
        uid: uid(&parts),
        title: fx.title,
        first,
        docs: fx.docs,
        files: &parts.pages,
        figures: &parts.images,
        meta: &meta,
    };
    let opf = opf(&package, fx, &parts);
    let nav = nav(fx, &first.lang.tag);
    zip(&opf, &nav, &parts, meta.cover_image.as_ref())
}

fn parts(fx: &FixedPages, book: &FontBook, lang: &str) -> Result<Parts> {
    let mut images: Vec<(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)> = Vec::new();
    for item in fx.pages.iter().flat_map(|p| &p.items) {
        if let PageItem::Image(img) = item
            && !images.iter().any(|(p, _, _)| *p == img.figure.path)
        {
            let f = &img.figure;
            images.push((f.path.clone(), f.format, f.data.clone()));
        }
    }
    let href_of = |p: &std::path::Path| {
        // Every figure on the pages was collected just above.
        let i = images.iter().position(|(q, _, _)| q == p).unwrap_or(0);
        xhtml::image_href(i, images[i].1)
    };
    let mut set = fonts::FontSet::default();
    let pages = (fx.pages.iter().zip(&fx.labels).enumerate())
        .map(|(k, (page, label))| {
            let svg = svg::page_svg(page, book, &mut set, &href_of);
            let href = format!("pages/page{:04}.xhtml", k + 1);
            (href, page_xhtml(page, label, lang, &svg))
        })
        .collect();
    let fonts = set.build(book)?;
    let mut css = String::from(PAGE_CSS);
    for f in &fonts {
        let _ = writeln!(
            css,
            "@font-face {{ font-family: \"{}\"; src: url(\"{}\") format(\"opentype\"); }}",
            f.family, f.href
        );
    }
    Ok(Parts {
        pages,
        css,
        images,
        fonts,
    })
}

const PAGE_CSS: &str = "html, body { margin: 0; padding: 0; overflow: hidden; }\nsvg { display: block; }\ntext { fill: #000; font-kerning: none; }\n";

/// The page's size in CSS pixels for its viewport: its points, rounded up.
fn viewport(page: &Page) -> (u32, u32) {
    (page.width.0.ceil() as u32, page.height.0.ceil() as u32)
}

fn page_xhtml(page: &Page, label: &str, lang: &str, svg: &str) -> String {
    let (w, h) = viewport(page);
    let lang = escape(lang);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{}</title>\n<meta name=\"viewport\" content=\"width={w}, height={h}\"/>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"../fixed.css\"/>\n</head>\n<body style=\"width: {w}px; height: {h}px;\">\n{svg}</body>\n</html>\n",
        escape(label)
    )
}

/// The package document: the shared metadata, the fixed-layout
/// properties, every part, and the spine of pages in spreads.
fn opf(p: &Package, fx: &FixedPages, parts: &Parts) -> String {
    let mut opf = metadata(p);
    if p.meta.cover_image.is_some() {
        opf.push_str("<meta name=\"cover\" content=\"cover-image\"/>\n");
    }
    opf.push_str("<meta property=\"rendition:layout\">pre-paginated</meta>\n<meta property=\"rendition:orientation\">auto</meta>\n<meta property=\"rendition:spread\">landscape</meta>\n");
    if fx.right_to_left {
        opf.push_str("<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>\n");
    }
    opf.push_str("</metadata>\n<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"css\" href=\"fixed.css\" media-type=\"text/css\"/>\n");
    for (k, (href, _)) in parts.pages.iter().enumerate() {
        let _ = writeln!(
            opf,
            "<item id=\"p{:04}\" href=\"{href}\" media-type=\"application/xhtml+xml\" properties=\"svg\"/>",
            k + 1
        );
    }
    for (i, (_, format, _)) in parts.images.iter().enumerate() {
        let mt = match format {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        };
        let href = xhtml::image_href(i, *format);
        let _ = writeln!(
            opf,
            "<item id=\"f{}\" href=\"{href}\" media-type=\"{mt}\"/>",
            i + 1
        );
    }
    if let Some(c) = &p.meta.cover_image {
        let _ = writeln!(
            opf,
            "<item id=\"cover-image\" href=\"{}\" media-type=\"{}\" properties=\"cover-image\"/>",
            c.href(),
            c.media_type()
        );
    }
    for (i, f) in parts.fonts.iter().enumerate() {
        let _ = writeln!(
            opf,
            "<item id=\"font{}\" href=\"{}\" media-type=\"font/otf\"/>",
            i + 1,
            f.href
        );
    }
    opf.push_str("</manifest>\n");
    opf.push_str(if fx.right_to_left {
        "<spine page-progression-direction=\"rtl\">\n"
    } else {
        "<spine>\n"
    });
    for (k, number) in fx.numbers.iter().enumerate() {
        // Odd pages are right-hand pages in a book read left to right.
        let right = (number % 2 == 1) != fx.right_to_left;
        let side = if right { "right" } else { "left" };
        let _ = writeln!(
            opf,
            "<itemref idref=\"p{:04}\" properties=\"page-spread-{side}\"/>",
            k + 1
        );
    }
    opf.push_str("</spine>\n</package>\n");
    opf
}

/// The navigation document: each page by its name.
fn nav(fx: &FixedPages, lang: &str) -> String {
    let lang = escape(lang);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n</head>\n<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<h1>{t}</h1>\n<ol>\n",
        t = escape(fx.title)
    );
    for (k, label) in fx.labels.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"pages/page{:04}.xhtml\">{}</a></li>",
            k + 1,
            escape(label)
        );
    }
    out.push_str("</ol>\n</nav>\n</body>\n</html>\n");
    out
}

/// The identifier, from the content: same pages, same identifier.
fn uid(parts: &Parts) -> String {
    let mut h = Sha256::new();
    h.update(b"fixed-layout");
    for (_, page) in &parts.pages {
        h.update(page.as_bytes());
    }
    for f in &parts.fonts {
        h.update(&f.data);
    }
    format!("urn:uuid:{}", super::uuid_from(&h.finalize()))
}

fn zip(opf: &str, nav: &str, parts: &Parts, cover: Option<&CoverImage>) -> Result<Vec<u8>> {
    use std::borrow::Cow::Borrowed;
    let mut files: Vec<super::package::Entry> = vec![
        ("OEBPS/content.opf".into(), Borrowed(opf.as_bytes()), true),
        ("OEBPS/nav.xhtml".into(), Borrowed(nav.as_bytes()), true),
        (
            "OEBPS/fixed.css".into(),
            Borrowed(parts.css.as_bytes()),
            true,
        ),
    ];
    for (href, html) in &parts.pages {
        files.push((format!("OEBPS/{href}"), Borrowed(html.as_bytes()), true));
    }
    for (i, (_, format, data)) in parts.images.iter().enumerate() {
        // Images are already compressed.
        let name = format!("OEBPS/{}", xhtml::image_href(i, *format));
        files.push((name, Borrowed(data.as_slice()), false));
    }
    if let Some(c) = cover {
        files.push((format!("OEBPS/{}", c.href()), Borrowed(&c.data), false));
    }
    for f in &parts.fonts {
        files.push((format!("OEBPS/{}", f.href), Borrowed(&f.data), true));
    }
    super::package::container(files)
}

//! EPUB 3 writer: the `zip` crate for the container, our own small OPF,
//! navigation and XHTML writer for the rest. Works from the resolved
//! document, not from pages: the reading system does its own layout.

mod creators;
mod fixed;
mod fonts;
mod ncx;
mod package;
mod xhtml;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result, Stage};
use crate::resolve::{Doc, Flow, ImageFormat};

pub use fixed::{FixedPages, write_fixed};
pub use fonts::{AVAILABLE as CAN_EMBED_FONTS, EmbeddedFont, embed_fonts};
pub use xhtml::escape;

const STYLE: &str = include_str!("style.css");

/// What the writing mode changes in an EPUB, decided in one place.
pub(crate) struct ModeStyle {
    /// On each document's `<html>`: the stylesheet's vertical rules.
    html_attr: &'static str,
    /// The `primary-writing-mode` meta, for reading systems that look at it.
    primary_writing_mode: Option<&'static str>,
    /// The spine's opening tag: vertical books turn their pages right to left.
    spine: &'static str,
    /// Numbers of up to this many digits may stand across one em
    /// (tate-chu-yoko): only in vertical text.
    max_combined_digits: u32,
}

impl ModeStyle {
    fn of(writing: crate::model::Writing) -> ModeStyle {
        use crate::model::Writing;
        match writing {
            Writing::Horizontal => ModeStyle {
                html_attr: "",
                primary_writing_mode: None,
                spine: "<spine toc=\"ncx\">\n",
                max_combined_digits: 0,
            },
            Writing::Vertical => ModeStyle {
                html_attr: " class=\"vertical\"",
                primary_writing_mode: Some("vertical-rl"),
                spine: "<spine toc=\"ncx\" page-progression-direction=\"rtl\">\n",
                max_combined_digits: u32::MAX,
            },
        }
    }
}

/// Package metadata the caller decides (dates come from outside).
#[derive(Debug, Clone)]
pub struct EpubMeta {
    /// `dcterms:modified`, as 2026-11-27T00:00:00Z.
    pub modified: String,
    /// Subset fonts and the stylesheet that applies them (--embed-fonts).
    pub fonts: Vec<EmbeddedFont>,
    pub font_css: Option<String>,
    /// A cover page: the title and the line under it (a book's author, an
    /// article's byline, a page's date), for e-readers' libraries until
    /// the EPUB has a cover image.
    pub cover: Option<(String, String)>,
    /// A serial's book edition (the series' work, no place in it).
    pub book: bool,
    /// `dc:publisher`: the paper a page or edition is printed in.
    pub publisher: Option<String>,
    /// People credited on the pages (责任编辑, 质检) with their MARC roles.
    pub credits: Vec<(String, &'static str)>,
    /// The cover image (rendered, or `--cover FILE`), shown on the cover
    /// page and declared `cover-image`; only with a cover page.
    pub cover_image: Option<CoverImage>,
}

/// A cover image: a whole PNG or JPEG, checked as figures are.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverImage {
    pub data: std::sync::Arc<Vec<u8>>,
    pub format: ImageFormat,
}

impl CoverImage {
    /// Where it lies in the container, under OEBPS/.
    pub(crate) fn href(&self) -> &'static str {
        match self.format {
            ImageFormat::Png => "images/cover.png",
            ImageFormat::Jpeg => "images/cover.jpg",
        }
    }

    pub(crate) fn media_type(&self) -> &'static str {
        match self.format {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

fn uuid_from(digest: &[u8]) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    // A name-based UUID (version 5 layout, RFC 4122 variant).
    b[6] = (b[6] & 0x0F) | 0x50;
    b[8] = (b[8] & 0x3F) | 0x80;
    let h: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

/// Writes one article as an EPUB.
pub fn write_epub(doc: &Doc, meta: &EpubMeta) -> Result<Vec<u8>> {
    let docs = std::slice::from_ref(doc);
    write_book(docs, &doc.title, meta)
}

/// Writes articles (or a serial's installments) as one EPUB, one XHTML
/// document each, in order.
pub fn write_book(docs: &[Doc], title: &str, meta: &EpubMeta) -> Result<Vec<u8>> {
    let figures = Figures::collect(docs);
    let href_of = |p: &Path| figures.href(p);
    let chapters = (docs.iter())
        .map(|d| {
            let (mut html, nav) = xhtml::article_xhtml(d, &href_of, meta.font_css.is_some());
            // Built by appending: up to twice its length, kept with every
            // chapter's until the container is written.
            html.shrink_to_fit();
            (d.title.clone(), html, nav)
        })
        .collect();
    package_of(docs, chapters, &figures, title, meta)
}

/// One page of an edition: its title and its articles (indices into the
/// edition's documents), in reading order.
pub struct PageSection {
    pub title: String,
    pub docs: Vec<usize>,
}

/// Writes an edition as one EPUB: one XHTML document (and contents entry)
/// per page, holding its articles in reading order, each whole.
pub fn write_pages(
    docs: &[Doc],
    pages: &[PageSection],
    title: &str,
    meta: &EpubMeta,
) -> Result<Vec<u8>> {
    let figures = Figures::collect(docs);
    let href_of = |p: &Path| figures.href(p);
    let chapters = (pages.iter())
        .filter(|p| !p.docs.is_empty())
        .map(|p| {
            let on_page: Vec<&Doc> = p.docs.iter().map(|&i| &docs[i]).collect();
            let (html, nav) =
                xhtml::page_xhtml(&p.title, &on_page, &href_of, meta.font_css.is_some());
            (p.title.clone(), html, nav)
        })
        .collect();
    package_of(docs, chapters, &figures, title, meta)
}

/// The package around the chapters (title, XHTML, its contents entries):
/// cover, figures, OPF and navigation.
fn package_of(
    docs: &[Doc],
    chapters: Vec<(String, String, Vec<xhtml::NavEntry>)>,
    figures: &Figures,
    title: &str,
    meta: &EpubMeta,
) -> Result<Vec<u8>> {
    let first = docs
        .first()
        .ok_or_else(|| Error::new(Stage::Write, "nothing to write"))?;
    let (lang, writing) = (first.lang.tag.as_str(), first.writing);
    let mut files: Vec<(String, String)> = Vec::new();
    if let Some((work, author)) = &meta.cover {
        let image = meta.cover_image.as_ref().map(CoverImage::href);
        let html = xhtml::cover_xhtml(work, author, lang, writing, image);
        files.push(("text/cover.xhtml".to_string(), html));
    }
    let mut entries = Vec::new();
    for (i, (name, html, nav)) in chapters.into_iter().enumerate() {
        let href = format!("text/chapter{:04}.xhtml", i + 1);
        entries.push((href.clone(), name, nav));
        files.push((href, html));
    }
    let package = package::Package {
        uid: content_uid(&files, figures, meta),
        title,
        first,
        docs,
        files: &files,
        figures: &figures.list,
        meta,
    };
    let opf = package::opf(&package);
    let nav = xhtml::nav_xhtml(title, lang, writing, &entries, meta.cover.is_some());
    let ncx = ncx::ncx(&package.uid, title, &entries);
    drop(package);
    // The container takes the documents, freeing each once compressed.
    package::zip(
        &opf,
        [nav.as_str(), ncx.as_str()],
        &figures.list,
        meta,
        files,
    )
}

/// Figures, numbered in order of first use.
pub(crate) struct Figures {
    list: Vec<(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)>,
}

impl Figures {
    fn collect(docs: &[Doc]) -> Figures {
        let mut list: Vec<(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)> = Vec::new();
        for f in docs.iter().flat_map(|d| &d.flow) {
            if let Flow::Figure(fig) = f
                && !list.iter().any(|(p, _, _)| *p == fig.path)
            {
                list.push((fig.path.clone(), fig.format, fig.data.clone()));
            }
        }
        Figures { list }
    }

    fn href(&self, p: &Path) -> String {
        // Every figure of the documents was collected.
        let i = self
            .list
            .iter()
            .position(|(q, _, _)| q == p)
            .expect("figure collected");
        xhtml::image_href(i, self.list[i].1)
    }
}

/// The package's identifier, derived from its content: the same book gets
/// the same identifier, a changed one a new one.
fn content_uid(files: &[(String, String)], figures: &Figures, meta: &EpubMeta) -> String {
    let mut hasher = Sha256::new();
    for (_, html) in files {
        hasher.update(html.as_bytes());
    }
    for (_, _, data) in &figures.list {
        hasher.update(data.as_slice());
    }
    for f in &meta.fonts {
        hasher.update(&f.data);
    }
    if let Some(c) = &meta.cover_image {
        hasher.update(c.data.as_slice());
    }
    format!("urn:uuid:{}", uuid_from(&hasher.finalize()))
}

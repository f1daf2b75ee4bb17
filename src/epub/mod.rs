//! EPUB 3 writer: the `zip` crate for the container, our own small OPF,
//! navigation and XHTML writer for the rest. Works from the resolved
//! document, not from pages: the reading system does its own layout.

mod fonts;
mod xhtml;

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::{Error, Result, Stage};
use crate::parse::Writing;
use crate::resolve::{Doc, Flow, ImageFormat};

pub use fonts::{AVAILABLE as CAN_EMBED_FONTS, EmbeddedFont, embed_fonts};
pub use xhtml::escape;

const STYLE: &str = include_str!("style.css");

/// Package metadata the caller decides (dates come from outside).
#[derive(Debug, Clone)]
pub struct EpubMeta {
    /// `dcterms:modified`, as 2026-11-27T00:00:00Z.
    pub modified: String,
    /// Subset fonts and the stylesheet that applies them (--embed-fonts).
    pub fonts: Vec<EmbeddedFont>,
    pub font_css: Option<String>,
    /// A cover page with the work's title and author (book editions).
    pub cover: Option<(String, String)>,
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

fn zip_err(e: impl std::fmt::Display) -> Error {
    Error::new(Stage::Write, format!("cannot write the EPUB: {e}"))
}

/// Writes one article as an EPUB.
pub fn write_epub(doc: &Doc, meta: &EpubMeta) -> Result<Vec<u8>> {
    let docs = std::slice::from_ref(doc);
    write_book(docs, &doc.title, meta)
}

/// Writes articles (or a serial's installments) as one EPUB, one XHTML
/// document each, in order.
pub fn write_book(docs: &[Doc], title: &str, meta: &EpubMeta) -> Result<Vec<u8>> {
    let first = docs
        .first()
        .ok_or_else(|| Error::new(Stage::Write, "nothing to write"))?;
    let lang = &first.lang.tag;
    let writing = first.writing;

    // Figures, numbered in order of first use.
    let mut figures: Vec<(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)> = Vec::new();
    for d in docs {
        for f in &d.flow {
            if let Flow::Figure(fig) = f
                && !figures.iter().any(|(p, _, _)| *p == fig.path)
            {
                figures.push((fig.path.clone(), fig.format, fig.data.clone()));
            }
        }
    }
    let image_href = |p: &std::path::Path| -> String {
        // Every figure was collected above.
        let i = figures
            .iter()
            .position(|(q, _, _)| q == p)
            .expect("figure collected");
        xhtml::image_href(i, figures[i].1)
    };

    let mut chapters = Vec::new();
    let mut hasher = Sha256::new();
    let mut files: Vec<(String, String)> = Vec::new();
    if let Some((work, author)) = &meta.cover {
        let html = xhtml::cover_xhtml(work, author, lang, writing);
        hasher.update(html.as_bytes());
        files.push(("text/cover.xhtml".to_string(), html));
    }
    for (i, d) in docs.iter().enumerate() {
        let (html, nav) = xhtml::article_xhtml(d, &image_href, meta.font_css.is_some());
        hasher.update(html.as_bytes());
        let href = format!("text/chapter{:04}.xhtml", i + 1);
        chapters.push((href.clone(), d.title.clone(), nav));
        files.push((href, html));
    }
    for (_, _, data) in &figures {
        hasher.update(data.as_slice());
    }
    for f in &meta.fonts {
        hasher.update(&f.data);
    }
    let uid = format!("urn:uuid:{}", uuid_from(&hasher.finalize()));
    let nav = xhtml::nav_xhtml(title, lang, writing, &chapters, meta.cover.is_some());

    let mut opf = String::new();
    let _ = write!(
        opf,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{l}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"uid\">{uid}</dc:identifier>\n<dc:title id=\"title\">{t}</dc:title>\n<dc:language>{l}</dc:language>\n",
        l = escape(lang),
        t = escape(title)
    );
    if let Some(a) = &first.author {
        let _ = writeln!(opf, "<dc:creator id=\"creator\">{}</dc:creator>", escape(a));
    }
    if let Some(d) = first.date {
        let _ = writeln!(opf, "<dc:date>{}</dc:date>", d.iso());
    }
    if let Some(s) = &first.serial {
        let _ = writeln!(
            opf,
            "<meta property=\"belongs-to-collection\" id=\"series\">{}</meta>\n<meta refines=\"#series\" property=\"collection-type\">series</meta>\n<meta refines=\"#series\" property=\"group-position\">{}</meta>",
            escape(&s.work),
            s.installment
        );
    }
    let _ = writeln!(
        opf,
        "<meta property=\"dcterms:modified\">{}</meta>",
        escape(&meta.modified)
    );
    if writing == Writing::Vertical {
        opf.push_str("<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>\n");
    }
    opf.push_str("</metadata>\n<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n");
    for (i, (href, _)) in files.iter().enumerate() {
        let _ = writeln!(
            opf,
            "<item id=\"c{:04}\" href=\"{href}\" media-type=\"application/xhtml+xml\"/>",
            i + 1
        );
    }
    for (i, (_, format, _)) in figures.iter().enumerate() {
        let mt = match format {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        };
        let _ = writeln!(
            opf,
            "<item id=\"f{}\" href=\"{}\" media-type=\"{mt}\"/>",
            i + 1,
            xhtml::image_href(i, *format)
        );
    }
    if meta.font_css.is_some() {
        opf.push_str("<item id=\"fontcss\" href=\"fonts.css\" media-type=\"text/css\"/>\n");
    }
    for (i, f) in meta.fonts.iter().enumerate() {
        let _ = writeln!(
            opf,
            "<item id=\"font{}\" href=\"{}\" media-type=\"font/otf\"/>",
            i + 1,
            escape(&f.href)
        );
    }
    opf.push_str("</manifest>\n");
    if writing == Writing::Vertical {
        opf.push_str("<spine page-progression-direction=\"rtl\">\n");
    } else {
        opf.push_str("<spine>\n");
    }
    for i in 0..files.len() {
        let _ = writeln!(opf, "<itemref idref=\"c{:04}\"/>", i + 1);
        // A book's contents follow its cover.
        if i == 0 && meta.cover.is_some() {
            opf.push_str("<itemref idref=\"nav\"/>\n");
        }
    }
    opf.push_str("</spine>\n</package>\n");

    let container = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Fixed timestamps: same input, same bytes.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    // The mimetype entry must come first and be stored uncompressed.
    zip.start_file("mimetype", stored).map_err(zip_err)?;
    zip.write_all(b"application/epub+zip").map_err(zip_err)?;
    let mut add = |name: &str, data: &[u8], opts: SimpleFileOptions| -> Result<()> {
        zip.start_file(name, opts).map_err(zip_err)?;
        zip.write_all(data).map_err(zip_err)
    };
    add("META-INF/container.xml", container.as_bytes(), deflated)?;
    add("OEBPS/content.opf", opf.as_bytes(), deflated)?;
    add("OEBPS/nav.xhtml", nav.as_bytes(), deflated)?;
    add("OEBPS/style.css", STYLE.as_bytes(), deflated)?;
    for (href, html) in &files {
        add(&format!("OEBPS/{href}"), html.as_bytes(), deflated)?;
    }
    for (i, (_, format, data)) in figures.iter().enumerate() {
        // Images are already compressed.
        add(
            &format!("OEBPS/{}", xhtml::image_href(i, *format)),
            data,
            stored,
        )?;
    }
    if let Some(css) = &meta.font_css {
        add("OEBPS/fonts.css", css.as_bytes(), deflated)?;
    }
    for f in &meta.fonts {
        add(&format!("OEBPS/{}", f.href), &f.data, deflated)?;
    }
    let cursor = zip.finish().map_err(zip_err)?;
    Ok(cursor.into_inner())
}

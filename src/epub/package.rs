//! The package document (OPF) and the zip container around everything.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{EpubMeta, xhtml};
use crate::error::{Error, Result, Stage};
use crate::resolve::{Doc, ImageFormat};

use super::escape;

/// Everything the package lists.
pub struct Package<'a> {
    pub uid: String,
    pub title: &'a str,
    /// The first document: language, writing mode, date, series.
    pub first: &'a Doc,
    /// Every document: the creators of all of them.
    pub docs: &'a [Doc],
    /// (href, XHTML) of every content document, in reading order.
    pub files: &'a [(String, String)],
    pub figures: &'a [(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)],
    pub meta: &'a EpubMeta,
}

pub fn opf(p: &Package) -> String {
    let progression = super::ModeStyle::of(p.first.writing);
    let mut opf = metadata(p);
    if p.meta.cover.is_some() {
        // Readers that look for the EPUB 2 `cover` meta find the cover
        // image, or without one the cover page (the first document).
        let id = if has_cover_image(p.meta) {
            "cover-image"
        } else {
            "c0001"
        };
        let _ = writeln!(opf, "<meta name=\"cover\" content=\"{id}\"/>");
    }
    if let Some(mode) = progression.primary_writing_mode {
        let _ = writeln!(
            opf,
            "<meta name=\"primary-writing-mode\" content=\"{mode}\"/>"
        );
    }
    opf.push_str("</metadata>\n");
    manifest(p, &mut opf);
    opf.push_str(progression.spine);
    for i in 0..p.files.len() {
        let _ = writeln!(opf, "<itemref idref=\"c{:04}\"/>", i + 1);
        // A book's contents follow its cover.
        if i == 0 && p.meta.cover.is_some() {
            opf.push_str("<itemref idref=\"nav\"/>\n");
        }
    }
    opf.push_str("</spine>\n</package>\n");
    opf
}

/// The metadata shared by both EPUBs (title, language, creators, dates,
/// series), up to and without `</metadata>`.
pub(super) fn metadata(p: &Package) -> String {
    let (first, lang) = (p.first, &p.first.lang.tag);
    let mut opf = String::new();
    let _ = write!(
        opf,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{l}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"uid\">{uid}</dc:identifier>\n<dc:title id=\"title\">{t}</dc:title>\n<dc:language>{l}</dc:language>\n",
        l = escape(lang),
        uid = p.uid,
        t = escape(p.title)
    );
    creators(p.docs, &p.meta.credits, &mut opf);
    if let Some(publisher) = &p.meta.publisher {
        let _ = writeln!(opf, "<dc:publisher>{}</dc:publisher>", escape(publisher));
    }
    if let [doc] = p.docs
        && let Some(deck) = &doc.deck
    {
        let _ = writeln!(opf, "<dc:description>{}</dc:description>", escape(deck));
    }
    if let Some(d) = first.date {
        let _ = writeln!(opf, "<dc:date>{}</dc:date>", d.iso());
    }
    // An installment on its own is a part of its series, at its place; a
    // book is the series' work itself, so it has no place in it.
    let book = p.meta.book;
    if let Some(s) = &first.serial
        && (book || p.docs.len() == 1)
    {
        let _ = writeln!(
            opf,
            "<meta property=\"belongs-to-collection\" id=\"series\">{}</meta>\n<meta refines=\"#series\" property=\"collection-type\">series</meta>",
            escape(&s.work),
        );
        if !book {
            let _ = writeln!(
                opf,
                "<meta refines=\"#series\" property=\"group-position\">{}</meta>",
                s.installment
            );
        }
    }
    let _ = writeln!(
        opf,
        "<meta property=\"dcterms:modified\">{}</meta>",
        escape(&p.meta.modified)
    );
    opf
}

/// A `dc:creator` for each person credited in any document, in order, then
/// each credited on the pages: its roles (one person may write an article
/// and edit the page) and its sorting form.
fn creators(docs: &[Doc], credits: &[(String, &'static str)], opf: &mut String) {
    use super::creators::{Creator, parse_byline};
    let bylines = docs
        .iter()
        .filter_map(|d| d.author.as_deref())
        .flat_map(parse_byline);
    let credited = credits.iter().map(|(name, role)| Creator {
        name: name.clone(),
        role,
        file_as: name.clone(),
    });
    let mut people: Vec<(Creator, Vec<&'static str>)> = Vec::new();
    for c in bylines.chain(credited) {
        match people.iter_mut().find(|(p, _)| p.name == c.name) {
            Some((_, roles)) if !roles.contains(&c.role) => roles.push(c.role),
            Some(_) => {}
            None => {
                let role = c.role;
                people.push((c, vec![role]));
            }
        }
    }
    for (i, (c, roles)) in people.iter().enumerate() {
        let id = match i {
            0 => "creator".to_string(),
            _ => format!("creator{}", i + 1),
        };
        let _ = writeln!(
            opf,
            "<dc:creator id=\"{id}\">{}</dc:creator>",
            escape(&c.name)
        );
        for role in roles {
            let _ = writeln!(
                opf,
                "<meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">{role}</meta>"
            );
        }
        let _ = writeln!(
            opf,
            "<meta refines=\"#{id}\" property=\"file-as\">{}</meta>",
            escape(&c.file_as)
        );
    }
}

/// A cover image is shown on the cover page, so it needs one.
fn has_cover_image(meta: &EpubMeta) -> bool {
    meta.cover.is_some() && meta.cover_image.is_some()
}

fn manifest(p: &Package, opf: &mut String) {
    opf.push_str("<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n");
    for (i, (href, _)) in p.files.iter().enumerate() {
        let _ = writeln!(
            opf,
            "<item id=\"c{:04}\" href=\"{href}\" media-type=\"application/xhtml+xml\"/>",
            i + 1
        );
    }
    for (i, (_, format, _)) in p.figures.iter().enumerate() {
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
    if let Some(c) = p
        .meta
        .cover_image
        .as_ref()
        .filter(|_| has_cover_image(p.meta))
    {
        let _ = writeln!(
            opf,
            "<item id=\"cover-image\" href=\"{}\" media-type=\"{}\" properties=\"cover-image\"/>",
            c.href(),
            c.media_type()
        );
    }
    if p.meta.font_css.is_some() {
        opf.push_str("<item id=\"fontcss\" href=\"fonts.css\" media-type=\"text/css\"/>\n");
    }
    for (i, f) in p.meta.fonts.iter().enumerate() {
        let _ = writeln!(
            opf,
            "<item id=\"font{}\" href=\"{}\" media-type=\"font/otf\"/>",
            i + 1,
            escape(&f.href)
        );
    }
    opf.push_str("</manifest>\n");
}

fn zip_err(e: impl std::fmt::Display) -> Error {
    Error::new(Stage::Write, format!("cannot write the EPUB: {e}"))
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// A file of the zip container: its name, its bytes and whether to
/// deflate them.
pub type Entry<'a> = (String, std::borrow::Cow<'a, [u8]>, bool);

/// The container of the reflowable EPUB, taking the content documents
/// (`files`, (href, XHTML)): each is freed once it is compressed into the
/// container, which a 3M-character book's XHTML (15 MB) and container
/// (6 MB, growing) would otherwise both hold at the end, beside its pages.
pub fn zip(
    opf: &str,
    [nav, ncx]: [&str; 2],
    figures: &[(PathBuf, ImageFormat, std::sync::Arc<Vec<u8>>)],
    meta: &EpubMeta,
    files: Vec<(String, String)>,
) -> Result<Vec<u8>> {
    use std::borrow::Cow::{Borrowed, Owned};
    let mut entries: Vec<Entry> = vec![
        ("OEBPS/content.opf".into(), Borrowed(opf.as_bytes()), true),
        ("OEBPS/nav.xhtml".into(), Borrowed(nav.as_bytes()), true),
        ("OEBPS/toc.ncx".into(), Borrowed(ncx.as_bytes()), true),
        (
            "OEBPS/style.css".into(),
            Borrowed(super::STYLE.as_bytes()),
            true,
        ),
    ];
    for (href, html) in files {
        entries.push((format!("OEBPS/{href}"), Owned(html.into_bytes()), true));
    }
    for (i, (_, format, data)) in figures.iter().enumerate() {
        // Images are already compressed.
        let name = format!("OEBPS/{}", xhtml::image_href(i, *format));
        entries.push((name, Borrowed(data.as_slice()), false));
    }
    if let Some(c) = meta.cover_image.as_ref().filter(|_| has_cover_image(meta)) {
        entries.push((format!("OEBPS/{}", c.href()), Borrowed(&c.data), false));
    }
    if let Some(css) = &meta.font_css {
        entries.push(("OEBPS/fonts.css".into(), Borrowed(css.as_bytes()), true));
    }
    for f in &meta.fonts {
        entries.push((format!("OEBPS/{}", f.href), Borrowed(&f.data), true));
    }
    container(entries)
}

/// The zip container: mimetype first and stored, the container document,
/// then each (name, bytes, deflate?) in order, each freed (when owned)
/// once written.
pub fn container(files: Vec<Entry>) -> Result<Vec<u8>> {
    // Room for every file as it is, with its headers: deflating does not
    // make one larger by much, so the container is not copied as it grows
    // (a 3M-character book's grew by doubling to 8 MB, copying 4 MB at
    // the end). What it does not fill is never touched, so never resident.
    let bound = (files.iter())
        .map(|(name, data, _)| data.len() + 2 * name.len() + 128)
        .sum::<usize>();
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(bound + 1024)));
    // Fixed timestamps: same input, same bytes.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    // zlib's level 2, as the PDF's streams (`crate::deflate::deflate`): a
    // quarter less time than the default 6 on a book's XHTML for 1.8% more
    // bytes.
    let deflated = stored
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(crate::deflate::LEVEL)));
    // The mimetype entry must come first and be stored uncompressed.
    zip.start_file("mimetype", stored).map_err(zip_err)?;
    zip.write_all(b"application/epub+zip").map_err(zip_err)?;
    let mut add = |name: &str, data: &[u8], opts: SimpleFileOptions| -> Result<()> {
        zip.start_file(name, opts).map_err(zip_err)?;
        zip.write_all(data).map_err(zip_err)
    };
    add("META-INF/container.xml", CONTAINER.as_bytes(), deflated)?;
    for (name, data, deflate) in files {
        add(&name, &data, if deflate { deflated } else { stored })?;
    }
    let cursor = zip.finish().map_err(zip_err)?;
    Ok(cursor.into_inner())
}

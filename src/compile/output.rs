//! The outputs a job can produce: one enum, one arm each. A new output is a
//! new variant, its arm in [`Output::file`], and its own module.

use std::path::{Path, PathBuf};

use crate::epub::EpubMeta;
use crate::error::{Error, Result, Stage};
use crate::pdf::{PdfMeta, PdfX, PrintSpec};
use crate::units::Pt;

use super::Options;
use super::images::PageImages;
use super::job::{Job, Plan, beside};
use super::lay_out::{Laid, Shapers};
use super::write::epub_modified;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// `--dump-lines`: every line, its width, ratio and deciding rule.
    Lines,
    /// The PDF for screen and office printers.
    Pdf(PathBuf),
    /// The print-shop edition (PDF/X with bleed and marks).
    PrintPdf(PathBuf, PdfX),
    /// The EPUB 3, with subset fonts when `embed_fonts`, and the cover
    /// image given with `--cover` (else one is rendered).
    Epub {
        path: PathBuf,
        embed_fonts: bool,
        cover: Option<crate::epub::CoverImage>,
    },
    /// `--svg DIR`, `--png DIR`: one image per page.
    Pages(PageImages),
    /// Every paragraph on one line, in reading order (pdfcheck's --source).
    Paragraphs(PathBuf),
    /// The fixed-layout EPUB 3 of the laid-out pages.
    FixedEpub(PathBuf, Option<crate::epub::CoverImage>),
}

/// The outputs `opts` asks for; files default to `stem` with the format's
/// extension. With neither --pdf nor --epub, both (unless only the lines
/// dump was asked for).
pub fn wanted_outputs(opts: &Options, stem: &Path) -> Result<Vec<Output>> {
    wanted_outputs_with(opts, stem, opts.fixed_epub.unwrap_or(false))
}

/// As [`wanted_outputs`], with the EPUB's layout decided (a page manifest
/// may ask for the fixed one).
pub fn wanted_outputs_with(opts: &Options, stem: &Path, fixed_epub: bool) -> Result<Vec<Output>> {
    let (pdf, epub) = match (&opts.pdf, &opts.epub) {
        (None, None) if opts.dump_lines || opts.render.pages_wanted() => (None, None),
        (None, None) => (Some(None), Some(None)),
        (p, e) => (p.clone(), e.clone()),
    };
    if opts.embed_fonts && epub.is_some() && !crate::epub::CAN_EMBED_FONTS {
        return Err(Error::new(Stage::Write, "--embed-fonts needs a build with the embed-fonts feature")
            .hint("rebuild with `cargo build --release --features embed-fonts` (needs libclang and a C++ compiler), or leave the fonts to the reader"));
    }
    let path = |given: Option<PathBuf>, flag: &str, ext: &str| match given {
        Some(p) => not_a_folder(p, flag, stem, ext),
        None => Ok(beside(stem, ext)),
    };
    let mut outputs = Vec::new();
    if opts.dump_lines {
        outputs.push(Output::Lines);
    }
    if let Some(given) = pdf {
        outputs.push(match opts.print {
            // The print edition beside the screen PDF, never over it.
            Some(standard) => Output::PrintPdf(path(given, "--pdf", "print.pdf")?, standard),
            None => Output::Pdf(path(given, "--pdf", "pdf")?),
        });
    }
    let cover = || {
        (opts.render.cover.as_deref())
            .map(super::images::given_cover)
            .transpose()
    };
    if let Some(given) = epub.clone()
        && fixed_epub
    {
        let file = path(given, "--epub", "fixed.epub")?;
        outputs.push(Output::FixedEpub(file, cover()?));
    } else if let Some(given) = epub {
        outputs.push(Output::Epub {
            path: path(given, "--epub", "epub")?,
            embed_fonts: opts.embed_fonts,
            cover: cover()?,
        });
    }
    let pages = super::images::wanted(&opts.render, stem)?;
    outputs.extend(pages.into_iter().map(Output::Pages));
    if let Some(p) = &opts.paragraphs {
        outputs.push(Output::Paragraphs(not_a_folder(
            p.clone(),
            "--paragraphs",
            stem,
            "txt",
        )?));
    }
    Ok(outputs)
}

/// An output path given on the command line, refused when it names a
/// folder (`--pdf out/`): the hint gives the file name meant.
fn not_a_folder(path: PathBuf, flag: &str, stem: &Path, ext: &str) -> Result<PathBuf> {
    let text = path.as_os_str().to_string_lossy();
    if !(path.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR)) {
        return Ok(path);
    }
    let name = stem
        .file_name()
        .map_or("NAME".into(), |n| n.to_string_lossy());
    let suggested = path.join(format!("{name}.{ext}"));
    Err(Error::new(
        Stage::Write,
        format!("{flag} {text}: that is a folder, not a file name"),
    )
    .hint(format!(
        "give the file's name too: {flag} {}",
        suggested.display()
    )))
}

impl Output {
    /// Whether the output needs the fonts for every character (fallbacks).
    pub fn needs_fonts(&self) -> bool {
        match self {
            Output::Lines | Output::Pdf(_) | Output::PrintPdf(..) | Output::Pages(_) => true,
            Output::Epub { embed_fonts, .. } => *embed_fonts,
            Output::Paragraphs(_) => false,
            Output::FixedEpub(..) => true,
        }
    }

    /// Whether the output is made from the laid-out pages: the PDFs, and
    /// a page manifest's paragraphs (in the printed pages' reading order,
    /// a continued article's later paragraphs after the page it left).
    pub fn needs_pages(&self, job: &Job) -> bool {
        match self {
            Output::Pdf(_) | Output::PrintPdf(..) | Output::Pages(_) | Output::FixedEpub(..) => {
                true
            }
            Output::Paragraphs(_) => matches!(job.plan, Plan::Page(_)),
            Output::Lines | Output::Epub { .. } => false,
        }
    }

    /// Whether the output is a PDF (screen or print).
    pub fn is_pdf(&self) -> bool {
        matches!(self, Output::Pdf(_) | Output::PrintPdf(..))
    }

    /// Whether the output is a file (everything but the lines dump).
    pub fn is_file(&self) -> bool {
        !matches!(self, Output::Lines)
    }

    /// Where a file output goes (the lines dump goes to standard output).
    pub fn path(&self) -> &Path {
        match self {
            Output::Pdf(path)
            | Output::PrintPdf(path, _)
            | Output::Epub { path, .. }
            | Output::Paragraphs(path)
            | Output::FixedEpub(path, _) => path,
            Output::Pages(images) => &images.dir,
            Output::Lines => Path::new("-"),
        }
    }

    /// The files an output writes, with their paths: one, or one per page
    /// for page images.
    pub fn files(&self, job: &Job, laid: Option<&Laid>) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        self.files_taking(job, laid.map(Pages::Shared))
    }

    /// [`Output::files`], a PDF given `Pages::Last` taking the pages.
    pub fn files_taking(&self, job: &Job, laid: Option<Pages>) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        match self {
            Output::Pages(images) => {
                let laid =
                    laid.ok_or_else(|| Error::new(Stage::Write, "no pages were laid out"))?;
                super::images::page_files(images, job, laid.laid())
            }
            _ => Ok(vec![(
                self.path().to_path_buf(),
                self.file_taking(job, laid)?,
            )]),
        }
    }

    /// A file output's bytes; `laid` holds the pages when
    /// [`Output::needs_pages`].
    pub fn file(&self, job: &Job, laid: Option<&Laid>) -> Result<Vec<u8>> {
        self.file_taking(job, laid.map(Pages::Shared))
    }

    /// [`Output::file`]; a PDF given `Pages::Last` takes the pages, freeing
    /// them as it writes them (the last output that needs them).
    pub fn file_taking(&self, job: &Job, laid: Option<Pages>) -> Result<Vec<u8>> {
        let no_pages = || Error::new(Stage::Write, "no pages were laid out");
        match self {
            Output::Lines => Err(Error::new(Stage::Write, "the lines dump is not a file")),
            Output::Pdf(_) => pdf(job, laid.ok_or_else(no_pages)?, None),
            Output::PrintPdf(_, standard) => {
                let spec = print_spec(job, *standard)?;
                pdf(job, laid.ok_or_else(no_pages)?, Some(spec))
            }
            Output::Epub {
                embed_fonts, cover, ..
            } => epub(job, *embed_fonts, cover.as_ref()),
            Output::Pages(_) => Err(Error::new(Stage::Write, "page images are many files")),
            Output::Paragraphs(_) => Ok(paragraphs(
                job,
                laid.as_ref().and_then(|l| l.laid().reading.as_deref()),
            )),
            Output::FixedEpub(_, cover) => {
                fixed_epub(job, laid.ok_or_else(no_pages)?.laid(), cover.as_ref())
            }
        }
    }
}

/// The print edition's settings: the layout's bleed (3 mm unless it says),
/// and a date, which PDF/X requires.
fn print_spec(job: &Job, standard: PdfX) -> Result<PrintSpec> {
    if job.meta.date.is_none() {
        return Err(Error::new(Stage::Write, "a print PDF (PDF/X) needs a creation date")
            .hint("give the article, an installment or the page manifest a date = 2026-11-27, or set SOURCE_DATE_EPOCH"));
    }
    Ok(PrintSpec {
        bleed: job.layout.page.bleed.map_or(Pt::from_mm(3.0), |b| b.0),
        standard,
    })
}

/// The laid-out pages as an output gets them.
pub enum Pages<'a> {
    Shared(&'a Laid),
    /// No output after this one needs the pages.
    Last(&'a mut Laid),
}

impl Pages<'_> {
    fn laid(&self) -> &Laid {
        match self {
            Pages::Shared(l) => l,
            Pages::Last(l) => l,
        }
    }
}

fn pdf(job: &Job, pages: Pages, print: Option<PrintSpec>) -> Result<Vec<u8>> {
    let laid = pages.laid();
    let meta = PdfMeta {
        title: job.meta.title.clone(),
        author: job.meta.author.clone(),
        subject: job.meta.subject.clone(),
        lang: job.meta.lang.tag.clone(),
        date: job.meta.date,
        right_to_left: laid.right_to_left,
        outline: laid.outline.clone(),
        print,
        packs: (job.memo.clone()).map(|m| m as std::sync::Arc<dyn crate::pdf::Packs>),
    };
    match pages {
        Pages::Shared(laid) => crate::pdf::write_pdf(&laid.pages, &job.fonts, &meta),
        Pages::Last(laid) => {
            crate::pdf::write_pdf_owned(std::mem::take(&mut laid.pages), &job.fonts, &meta)
        }
    }
}

fn epub(job: &Job, embed_fonts: bool, cover: Option<&crate::epub::CoverImage>) -> Result<Vec<u8>> {
    let (fonts, font_css) = if embed_fonts {
        let (f, css) = crate::epub::embed_fonts(&job.docs, &job.fonts)?;
        (f, Some(css))
    } else {
        (Vec::new(), None)
    };
    let meta = EpubMeta {
        modified: epub_modified(job.meta.date),
        fonts,
        font_css,
        cover: job.meta.cover.clone(),
        book: job.meta.book,
        publisher: job.meta.publisher.clone(),
        credits: job.meta.credits.clone(),
        cover_image: super::images::cover_image(job, cover)?,
    };
    match &job.plan {
        // An edition: a section per page.
        Plan::Page(plan) if plan.pages.len() > 1 => {
            let pages: Vec<crate::epub::PageSection> = (plan.pages.iter())
                .map(|p| crate::epub::PageSection {
                    // 第12版　报名　版名
                    title: format!(
                        "{}　{}",
                        p.head.labels.page(p.head.first_number),
                        p.head.start
                    ),
                    docs: p.articles.clone().collect(),
                })
                .collect();
            crate::epub::write_pages(&job.docs, &pages, &job.meta.title, &meta)
        }
        _ => crate::epub::write_book(&job.docs, &job.meta.title, &meta),
    }
}

/// The fixed-layout EPUB: the pages as laid out for the PDF, named in the
/// contents as the running head names them (第7版) or by their number.
fn fixed_epub(job: &Job, laid: &Laid, cover: Option<&crate::epub::CoverImage>) -> Result<Vec<u8>> {
    let (numbers, labels) = (laid.pages.iter().enumerate())
        .map(|(k, p)| match &job.plan {
            // A page's Page::number counts from 1; the paper's from its first.
            Plan::Page(plan) => {
                let n = plan.pages[0].head.first_number + k as u32;
                (n, plan.pages[0].head.labels.page(n))
            }
            Plan::Article | Plan::Book(_) => (p.number, p.number.to_string()),
        })
        .unzip();
    let meta = EpubMeta {
        modified: epub_modified(job.meta.date),
        fonts: Vec::new(),
        font_css: None,
        cover: None,
        // A library shows it; the pages themselves start with the first.
        cover_image: super::images::cover_image(job, cover)?,
        book: job.meta.book,
        publisher: job.meta.publisher.clone(),
        credits: job.meta.credits.clone(),
    };
    let fixed = crate::epub::FixedPages {
        docs: &job.docs,
        pages: &laid.pages,
        labels,
        numbers,
        title: &job.meta.title,
        right_to_left: laid.right_to_left,
    };
    crate::epub::write_fixed(&fixed, &job.fonts, &meta)
}

fn paragraphs(job: &Job, reading: Option<&[(usize, usize)]>) -> Vec<u8> {
    let texts: Vec<Vec<String>> = job.docs.iter().map(|d| d.paragraphs()).collect();
    let mut text = match reading {
        Some(order) => (order.iter())
            .filter_map(|&(i, j)| texts.get(i)?.get(j).cloned())
            .collect::<Vec<_>>()
            .join("\n"),
        None => texts.concat().join("\n"),
    };
    text.push('\n');
    text.into_bytes()
}

/// The lines dump of every document, each with its own layout: each
/// paragraph broken at its measure with the rule behind every break; on a
/// page manifest, then each article's lines as the page set them, column
/// by column.
pub fn dump_lines(job: &Job, shapers: &mut Shapers) -> Result<String> {
    let mut set = match &job.plan {
        Plan::Page(plan) => {
            let mut warnings = Vec::new();
            let (shaped, composed) =
                super::lay_out::compose_manifest(job, plan, shapers, &mut warnings)?;
            let first = plan.pages[0].head.first_number;
            let dumps: Vec<String> = (shaped.iter().zip(&composed.lines))
                .map(|(s, (page, lines))| {
                    crate::compose::dump_set_lines(s, lines, first + *page as u32)
                })
                .collect();
            Some(dumps)
        }
        Plan::Article | Plan::Book(_) => None,
    };
    let mut out = String::new();
    for (k, doc) in job.docs.iter().enumerate() {
        let layout = match &job.plan {
            Plan::Page(p) => &p.parts[k].layout,
            Plan::Article | Plan::Book(_) => &job.layout,
        };
        let shaped = crate::shape::shape_doc(doc, shapers.for_doc(doc));
        if k > 0 {
            out.push('\n');
        }
        out.push_str(&crate::compose::dump_lines(doc, &shaped, layout));
        if let Some(dumps) = &mut set {
            out.push_str("\n## as set on the page, column by column\n");
            out.push_str(&std::mem::take(&mut dumps[k]));
        }
    }
    Ok(out)
}

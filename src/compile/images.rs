//! The outputs made of images: the pages as SVG or PNG files in a folder
//! (`--svg DIR`, `--png DIR [--dpi N]`), and the EPUB's cover image
//! (rendered, or `--cover FILE`).

use std::path::{Path, PathBuf};

use crate::epub::CoverImage;
use crate::error::{Error, Result, Stage};
use crate::render::cover::CoverText;

use super::job::{Job, Plan};
use super::lay_out::Laid;
use super::output::Output;

/// What the command line asks of the image outputs.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// One SVG per page in this folder.
    pub svg: Option<PathBuf>,
    /// One PNG per page in this folder, at `dpi` (default [`DEFAULT_DPI`]).
    pub png: Option<PathBuf>,
    pub dpi: Option<u32>,
    /// The EPUB's cover image instead of the rendered one.
    pub cover: Option<PathBuf>,
}

impl RenderOptions {
    /// Whether page images were asked for (then the PDF and EPUB are
    /// written only when asked for too).
    pub fn pages_wanted(&self) -> bool {
        self.svg.is_some() || self.png.is_some()
    }
}

/// pdftoppm's default resolution.
pub const DEFAULT_DPI: u32 = 150;

/// Page images in a folder: `NAME-001.svg`, `NAME-002.svg`, … (or .png),
/// NAME the input's.
#[derive(Debug, Clone, PartialEq)]
pub struct PageImages {
    pub dir: PathBuf,
    pub name: String,
    /// PNG at this resolution; SVG when `None`.
    pub dpi: Option<u32>,
}

impl PageImages {
    fn ext(&self) -> &'static str {
        if self.dpi.is_some() { "png" } else { "svg" }
    }

    /// The file of page `k` (0-based).
    fn file(&self, k: usize) -> PathBuf {
        self.dir
            .join(format!("{}-{:03}.{}", self.name, k + 1, self.ext()))
    }
}

/// The image outputs `opts` asks for, beside an input named `stem`.
pub fn wanted(opts: &RenderOptions, stem: &Path) -> Result<Vec<PageImages>> {
    let name = stem
        .file_name()
        .map_or("page".into(), |n| n.to_string_lossy().into_owned());
    if opts.dpi.is_some() && opts.png.is_none() {
        return Err(
            Error::new(Stage::Write, "--dpi sets the resolution of --png")
                .hint("add --png DIR, or leave --dpi out"),
        );
    }
    let dpi = opts.dpi.unwrap_or(DEFAULT_DPI);
    if !(1..=crate::render::MAX_DPI).contains(&dpi) {
        return Err(Error::new(
            Stage::Write,
            format!(
                "--dpi {dpi}: the resolution must be 1 to {}",
                crate::render::MAX_DPI
            ),
        )
        .hint("72 shows a page at its size on most screens; 150 is pdftoppm's default"));
    }
    let mut out = Vec::new();
    if let Some(dir) = &opts.svg {
        out.push(PageImages {
            dir: dir.clone(),
            name: name.clone(),
            dpi: None,
        });
    }
    if let Some(dir) = &opts.png {
        out.push(PageImages {
            dir: dir.clone(),
            name,
            dpi: Some(dpi),
        });
    }
    Ok(out)
}

/// Makes the folder (and its parents) when it does not exist; refuses a
/// path that is something else.
pub fn prepare_dir(images: &PageImages) -> Result<()> {
    let dir = &images.dir;
    if dir.is_dir() {
        return Ok(());
    }
    let fail = |what: String| {
        Error::new(
            Stage::Write,
            format!("cannot write the pages to {}: {what}", dir.display()),
        )
        .hint("--svg and --png take a folder; give a new or existing folder's path")
    };
    if dir.exists() || dir.symlink_metadata().is_ok() {
        return Err(fail("it is not a folder".into()));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))
}

/// Every page as a file of its own, rendered in parallel, in page order.
pub fn page_files(images: &PageImages, job: &Job, laid: &Laid) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    use rayon::prelude::*;
    (laid.pages.par_iter().enumerate())
        .map(|(k, page)| {
            let svg = crate::render::page_svg(page, &job.fonts);
            let bytes = match images.dpi {
                Some(dpi) => crate::render::svg_to_png(
                    &svg,
                    page.width,
                    page.height,
                    dpi,
                    crate::render::Packing::Page,
                )?,
                None => svg.into_bytes(),
            };
            Ok((images.file(k), bytes))
        })
        .collect()
}

/// Removes the pages a longer earlier run left past the last one
/// (`NAME-013.svg` when there are 12 now), so that the folder holds this
/// run's pages only. Only regular files named as this output names them
/// are touched; best effort.
pub fn remove_stale(images: &PageImages, pages: usize) {
    let Ok(entries) = std::fs::read_dir(&images.dir) else {
        return;
    };
    let prefix = format!("{}-", images.name);
    let suffix = format!(".{}", images.ext());
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(n) = (file.to_str())
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(&suffix))
            .filter(|n| n.len() >= 3 && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        let regular = e.file_type().is_ok_and(|t| t.is_file());
        if n > pages && regular && images.file(n - 1) == e.path() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `--cover FILE`: read and checked now, before any work, as a figure is.
pub fn given_cover(path: &Path) -> Result<CoverImage> {
    let (data, format, _, _) = crate::resolve::load_image(path, None)
        .map_err(|(m, h)| Error::new(Stage::Resolve, format!("--cover: {m}")).hint(h))?;
    Ok(CoverImage {
        data: std::sync::Arc::new(data),
        format,
    })
}

/// The EPUB's cover image: the one given, else one rendered from what the
/// cover page says; none without a cover page.
pub fn cover_image(job: &Job, given: Option<&CoverImage>) -> Result<Option<CoverImage>> {
    let (Some(_), Some(doc)) = (&job.meta.cover, job.docs.first()) else {
        return Ok(None);
    };
    if let Some(c) = given {
        return Ok(Some(c.clone()));
    }
    let fallbacks = job.cover_fallbacks.clone();
    let data = crate::render::cover::cover_png(&cover_text(job), doc, &job.fonts, fallbacks)?;
    Ok(Some(CoverImage {
        data: std::sync::Arc::new(data),
        format: crate::resolve::ImageFormat::Png,
    }))
}

/// Fonts for the characters of the cover an EPUB output draws that its
/// faces lack, loaded into the job's book; none when no cover is drawn.
pub fn cover_fallbacks(job: &mut Job) -> crate::shape::Fallbacks {
    let draws = job.outputs.iter().any(|o| {
        matches!(
            o,
            Output::Epub { cover: None, .. } | Output::FixedEpub(_, None)
        )
    });
    let (true, Some(_), Some(doc)) = (draws, &job.meta.cover, job.docs.first()) else {
        return Default::default();
    };
    let paras = crate::render::cover::cover_paras(&cover_text(job), doc);
    crate::shape::find_text_fallbacks(&paras, doc, &mut job.fonts)
}

/// What the rendered cover says: a book's work, author and installments;
/// a page's title and date under its paper's name; an article's title,
/// byline and date, under its serial's label when it is an installment.
fn cover_text(job: &Job) -> CoverText {
    let (title, line) = job.meta.cover.clone().unwrap_or_default();
    let docs = &job.docs;
    let labels = crate::model::Labels::of(job.meta.lang.family);
    let mut text = CoverText {
        kicker: job.meta.publisher.clone(),
        title,
        byline: line,
        foot: None,
    };
    match &job.plan {
        Plan::Book(_) => {
            let numbers: Vec<u32> = (docs.iter())
                .filter_map(|d| d.serial.as_ref().map(|s| s.installment))
                .collect();
            if let (Some(a), Some(b)) = (numbers.iter().min(), numbers.iter().max()) {
                text.foot = Some(match a == b {
                    true => format!("{} {a}", labels.installment),
                    false => format!("{} {a}—{b}", labels.installment),
                });
            }
        }
        // A page's title starts with its paper's name: not twice.
        Plan::Page(_) => {
            if (text.kicker.as_deref()).is_some_and(|k| text.title.starts_with(k)) {
                text.kicker = None;
            }
        }
        Plan::Article => {
            if let Some(s) = docs.first().and_then(|d| d.serial.as_ref()) {
                text.kicker = Some(labels.serial_head(&s.work, s.installment));
            }
            text.foot = docs.first().and_then(|d| d.date).map(|d| d.chinese());
        }
    }
    text
}

//! The whole job for one input: read, resolve, shape, break, compose, write.
//! The binary is a thin wrapper around [`compile`].

use std::path::{Path, PathBuf};

use crate::compose::{
    Furniture, Page, PageArticle, PageHead, Placement, add_furniture, assemble_book, compose,
    compose_chapter, compose_page, furniture_style,
};
use crate::epub::{EpubMeta, write_epub};
use crate::error::{Error, Result, Stage, Warning};
use crate::parse::{Writing, read_article, read_manifest, read_serial};
use crate::pdf::{PdfMeta, write_pdf};
use crate::resolve::{DEFAULT_LAYOUT, Doc, FontBook, Layout, Scheme, load_layout, resolve_doc};
use crate::shape::{Shaper, prepare_fallbacks, shape_doc, shape_plain};

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub input: PathBuf,
    /// Some(None): write beside the input.
    pub pdf: Option<Option<PathBuf>>,
    pub epub: Option<Option<PathBuf>>,
    pub layout: Option<String>,
    pub writing: Option<Writing>,
    pub font_dirs: Vec<PathBuf>,
    pub embed_fonts: bool,
    /// Look for fonts on the system too (fallback for rare characters).
    pub system_fonts: bool,
    /// SOURCE_DATE_EPOCH, when set.
    pub source_date_epoch: Option<i64>,
    /// Also write the article's paragraphs, one per line, in reading order
    /// (the --source input of pdfcheck.py).
    pub paragraphs: Option<PathBuf>,
    /// Report every line and why it broke (`--dump-lines`).
    pub dump_lines: bool,
    /// Report progress on long jobs (the CLI turns it on for a terminal).
    pub progress: Option<Progress>,
    /// The print-shop edition (--print): PDF/X-4 or PDF/X-1a.
    pub print: Option<crate::pdf::PdfX>,
    /// Keep laid-out chapters of a book here, keyed by their content
    /// (default: the serial folder's .typeset-cache); `None` with no_cache.
    pub cache_dir: Option<PathBuf>,
    pub no_cache: bool,
}

/// Laid-out chapters of a book, keyed by everything their layout depends
/// on: typeset's version, the layout, the fonts, the book's settings and the
/// chapter's own file. A chapter with figures is always laid out anew.
struct Cache {
    dir: PathBuf,
    keys: Vec<Option<String>>,
    hits: std::cell::Cell<usize>,
}

impl Cache {
    fn new(
        opts: &Options,
        serial_dir: &Path,
        layout: &Layout,
        book: &FontBook,
        docs: &[Doc],
    ) -> Option<Cache> {
        use sha2::{Digest, Sha256};
        if opts.no_cache {
            return None;
        }
        let dir = opts
            .cache_dir
            .clone()
            .unwrap_or_else(|| serial_dir.join(".typeset-cache"));
        let mut common = Sha256::new();
        common.update(env!("CARGO_PKG_VERSION"));
        common.update(format!("{layout:?}"));
        for (_, f) in book.fonts() {
            common.update(f.path.to_string_lossy().as_bytes());
            common.update(f.index.to_be_bytes());
            common.update((f.data.len() as u64).to_be_bytes());
        }
        let keys = docs
            .iter()
            .map(|d| {
                if d.flow
                    .iter()
                    .any(|f| matches!(f, crate::resolve::Flow::Figure(_)))
                {
                    return None;
                }
                let mut h = common.clone();
                h.update(format!("{d:?}"));
                Some(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
            })
            .collect();
        Some(Cache {
            dir,
            keys,
            hits: std::cell::Cell::new(0),
        })
    }

    fn path(&self, k: usize) -> Option<PathBuf> {
        self.keys[k]
            .as_ref()
            .map(|key| self.dir.join(format!("{key}.chapter")))
    }

    fn load(&self, k: usize) -> Option<Vec<Page>> {
        let bytes = std::fs::read(self.path(k)?).ok()?;
        let pages: Vec<Page> = bincode::deserialize(&bytes).ok()?;
        self.hits.set(self.hits.get() + 1);
        Some(pages)
    }

    /// Stores a chapter; a cache that cannot be written is only slower.
    fn store(&self, k: usize, pages: &[Page]) {
        let Some(path) = self.path(k) else { return };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        if let Ok(bytes) = bincode::serialize(pages) {
            let _ = write_atomic(&path, &bytes);
        }
    }
}

/// The print edition's settings: the layout's bleed (3 mm unless it says),
/// and a date, which PDF/X requires.
fn print_spec(
    opts: &Options,
    layout: &Layout,
    date: Option<[u16; 6]>,
) -> Result<Option<crate::pdf::PrintSpec>> {
    let Some(standard) = opts.print else {
        return Ok(None);
    };
    if date.is_none() {
        return Err(Error::new(Stage::Write, "a print PDF (PDF/X) needs a creation date")
            .hint("give the article (or the page manifest) a date = 2026-11-27, or set SOURCE_DATE_EPOCH"));
    }
    Ok(Some(crate::pdf::PrintSpec {
        bleed: layout
            .page
            .bleed
            .map_or(crate::units::Pt::from_mm(3.0), |b| b.0),
        standard,
    }))
}

/// Called with (chapters done, chapters in all).
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// What was written, and what went wrong without stopping the run.
#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
    pub pages: usize,
    /// The `--dump-lines` report.
    pub dump: Option<String>,
    /// Book chapters read from the cache instead of laid out.
    pub cached: usize,
}

/// Output path: the one given, or the input's name with a new extension.
fn out_path(input: &Path, given: &Option<PathBuf>, ext: &str) -> PathBuf {
    match given {
        Some(p) => p.clone(),
        None => input.with_extension(ext),
    }
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// (y, m, d, h, min, s) UTC of SOURCE_DATE_EPOCH, or the article's date.
fn timestamp(opts: &Options, doc: &Doc) -> Option<[u16; 6]> {
    if let Some(t) = opts.source_date_epoch {
        let (y, m, d) = civil(t.div_euclid(86_400));
        let s = t.rem_euclid(86_400);
        if (0..=9999).contains(&y) {
            return Some([
                y as u16,
                m as u16,
                d as u16,
                (s / 3600) as u16,
                (s / 60 % 60) as u16,
                (s % 60) as u16,
            ]);
        }
    }
    doc.date
        .map(|d| [d.year, d.month as u16, d.day as u16, 0, 0, 0])
}

/// Compiles one input to the requested outputs. Nothing is written unless
/// every output was produced; each file is written atomically.
pub fn compile(opts: &Options) -> Result<Report> {
    let mut report = Report::default();
    let input = &opts.input;
    if input.is_dir() {
        return compile_book(opts, report);
    }
    match input.extension().and_then(|e| e.to_str()) {
        Some("md") | Some("markdown") => {}
        Some("toml") => return compile_page(opts, report),
        _ => {
            return Err(Error::new(
                Stage::Parse,
                format!("{} is not an article (.md)", input.display()),
            )
            .hint("articles are Markdown files with TOML front matter, named NAME.md"));
        }
    }
    let (want_pdf, want_epub) = wanted(opts);

    let article = read_article(input)?;
    let layout = load_layout(
        opts.layout.as_deref().unwrap_or(DEFAULT_LAYOUT),
        input.parent(),
    )?;
    let mut book = FontBook::new(&opts.font_dirs, opts.system_fonts)?;
    let roles = book.resolve_roles(&layout)?;
    let doc = resolve_doc(&article, &layout, &roles, opts.writing)?;
    if opts.embed_fonts && !crate::epub::CAN_EMBED_FONTS {
        return Err(Error::new(Stage::Write, "--embed-fonts needs a build with the embed-fonts feature")
            .hint("rebuild with `cargo build --release --features embed-fonts` (needs libclang and a C++ compiler), or leave the fonts to the reader"));
    }
    let date = timestamp(opts, &doc);

    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if opts.dump_lines {
        let fallbacks = prepare_fallbacks(&doc, &mut book, &mut report.warnings);
        let mut shaper =
            Shaper::new(&book, &doc.lang, fallbacks).vertical(doc.writing == Writing::Vertical);
        let shaped = shape_doc(&doc, &mut shaper);
        report.dump = Some(crate::compose::dump_lines(&doc, &shaped, &layout));
    }
    if let Some(given) = &want_pdf {
        let fallbacks = prepare_fallbacks(&doc, &mut book, &mut report.warnings);
        let mut shaper =
            Shaper::new(&book, &doc.lang, fallbacks).vertical(doc.writing == Writing::Vertical);
        let shaped = shape_doc(&doc, &mut shaper);
        // Page furniture is always horizontal.
        let mut shaper = Shaper::new(&book, &doc.lang, Default::default());
        let mut furniture = |f: Furniture, text: &str| {
            let style = furniture_style(&doc, f);
            shape_plain(&mut shaper, style, text)
        };
        let pages: Vec<Page> =
            compose(&doc, &shaped, &layout, &mut furniture, &mut report.warnings)?;
        report.pages = pages.len();
        let meta = PdfMeta {
            title: doc.title.clone(),
            author: doc.author.clone(),
            subject: article.meta.deck.as_ref().map(|d| d.text.clone()),
            lang: doc.lang.tag.clone(),
            date,
            right_to_left: doc.writing == Writing::Vertical,
            outline: vec![(doc.title.clone(), 0)],
            print: print_spec(opts, &layout, date)?,
        };
        let bytes = write_pdf(&pages, &book, &meta)?;
        outputs.push((out_path(input, given, "pdf"), bytes));
    }
    if let Some(given) = &want_epub {
        let modified = epub_modified(date);
        let (fonts, font_css) = if opts.embed_fonts {
            let (f, css) = crate::epub::embed_fonts(std::slice::from_ref(&doc), &book)?;
            (f, Some(css))
        } else {
            (Vec::new(), None)
        };
        let bytes = write_epub(
            &doc,
            &EpubMeta {
                modified,
                fonts,
                font_css,
                cover: None,
            },
        )?;
        outputs.push((out_path(input, given, "epub"), bytes));
    }
    if let Some(p) = &opts.paragraphs {
        let mut text = doc.paragraphs().join("\n");
        text.push('\n');
        outputs.push((p.clone(), text.into_bytes()));
    }
    for (path, bytes) in &outputs {
        write_atomic(path, bytes)?;
        report.written.push(path.clone());
    }
    Ok(report)
}

/// The output requests, with the default (both, beside the input).
fn wanted(opts: &Options) -> (Option<Option<PathBuf>>, Option<Option<PathBuf>>) {
    match (&opts.pdf, &opts.epub) {
        (None, None) if opts.dump_lines => (None, None),
        (None, None) => (Some(None), Some(None)),
        (p, e) => (p.clone(), e.clone()),
    }
}

/// A page manifest: several articles side by side on one page (continuing
/// onto further pages when they do not fit), one EPUB chapter each.
fn compile_page(opts: &Options, mut report: Report) -> Result<Report> {
    let m = read_manifest(&opts.input)?;
    let base = opts.input.parent();
    let spec = opts
        .layout
        .clone()
        .or(m.layout.clone())
        .unwrap_or_else(|| DEFAULT_LAYOUT.to_string());
    let layout = load_layout(&spec, base)?;
    let mut book = FontBook::new(&opts.font_dirs, opts.system_fonts)?;
    let roles = book.resolve_roles(&layout)?;
    let mut docs: Vec<(Doc, Layout)> = Vec::new();
    for a in &m.articles {
        let at = crate::source::Located::new(&m.path, a.loc);
        if !a.file.is_file() {
            return Err(Error::new(
                Stage::Parse,
                format!(
                    "the manifest names {}, which does not exist",
                    a.file.display()
                ),
            )
            .at(at)
            .hint("file = is relative to the manifest's folder"));
        }
        let article = read_article(&a.file)?;
        let mut lay = layout.clone();
        if let Some((name, loc)) = &a.punctuation {
            lay.text.punctuation = Some(Scheme::from_name(name).ok_or_else(|| {
                Error::new(
                    Stage::Resolve,
                    format!("unknown punctuation scheme \"{name}\""),
                )
                .at(crate::source::Located::new(&m.path, *loc))
                .hint("use quanjiao, kaiming, banjiao or centred")
            })?);
        }
        let doc = resolve_doc(&article, &lay, &roles, a.writing.or(opts.writing))?;
        docs.push((doc, lay));
    }
    // Headings by hierarchy: a module's kicker, headline and deck scale
    // with the share of the page it spans (the lead story's are largest).
    let sizes: Vec<usize> = docs
        .iter()
        .map(|(d, _)| d.paragraphs().iter().map(|p| p.chars().count()).sum())
        .collect();
    let given: Vec<Option<u32>> = m.articles.iter().map(|a| a.columns).collect();
    let page_columns = layout.grid_for(layout.writing).columns;
    for ((doc, lay), span) in
        docs.iter_mut()
            .zip(crate::compose::spans(&sizes, &given, page_columns))
    {
        if doc.writing != layout.writing {
            continue;
        }
        let pitch = lay.grid.line_pitch.0;
        let body = lay.grid.body_size.0;
        let k = (span as f64 / page_columns as f64).sqrt();
        for p in &mut doc.header {
            if matches!(
                p.style.role,
                crate::resolve::Role::Headline
                    | crate::resolve::Role::Kicker
                    | crate::resolve::Role::Deck
            ) {
                p.style.size = (p.style.size * k).max(body * 1.3);
                p.style.lines = ((p.style.size.0 * 1.15) / pitch.0).ceil().max(1.0) as u32;
            }
        }
    }
    // The page's grid follows the layout; an article of the other writing
    // mode gets a grid of its own inside its frame (a vertical serial box).
    let grid = layout.grid_for(layout.writing);
    let (want_pdf, want_epub) = wanted(opts);
    let page_title = [
        m.page.paper.clone(),
        Some(format!("第{}版", m.page.number)),
        m.page.section.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(given) = &want_pdf {
        let fallbacks: Vec<_> = docs
            .iter()
            .map(|(d, _)| prepare_fallbacks(d, &mut book, &mut report.warnings))
            .collect();
        let shaped: Vec<_> = docs
            .iter()
            .zip(fallbacks)
            .map(|((doc, _), fb)| {
                let mut shaper =
                    Shaper::new(&book, &doc.lang, fb).vertical(doc.writing == Writing::Vertical);
                shape_doc(doc, &mut shaper)
            })
            .collect();
        let articles: Vec<PageArticle> = docs
            .iter()
            .zip(&shaped)
            .zip(&m.articles)
            .map(|(((doc, lay), shaped), a)| PageArticle {
                doc,
                shaped,
                layout: lay,
                placement: Placement {
                    column: a.column.map(|c| c - 1),
                    columns: a.columns,
                    row: a.row.map(|r| r - 1),
                    rows: a.rows,
                    split: a.split,
                    boxed: a.boxed,
                },
                at: crate::source::Located::new(&m.path, a.loc),
            })
            .collect();
        let composed = compose_page(&articles, &grid, &mut report.warnings)?;
        let (mut pages, frames) = (composed.pages, composed.frames);
        let outline = composed.outline;
        if pages.len() > 1 {
            report.warnings.push(Warning {
                location: Some(crate::source::Located::new(&m.path, Default::default())),
                message: format!(
                    "the articles do not fit on one page: continued on page(s) {}–{}",
                    m.page.number + 1,
                    m.page.number as usize + pages.len() - 1
                ),
            });
        }
        let (first, _) = &docs[0];
        let mut shaper = Shaper::new(&book, &first.lang, Default::default());
        let mut furniture = |f: Furniture, text: &str| {
            let style = furniture_style(first, f);
            shape_plain(&mut shaper, style, text)
        };
        let credits = [
            m.page.editor.as_ref().map(|e| format!("责任编辑 {e}")),
            m.page.proofreader.as_ref().map(|p| format!("质检 {p}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("　");
        let head = PageHead {
            start: [m.page.paper.clone(), m.page.section.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("　"),
            end: m.page.date.map(|d| d.chinese()),
            edition: true,
            credits: (!credits.is_empty()).then_some(credits),
            first_number: m.page.number,
        };
        add_furniture(&mut pages, &grid, &frames, &head, &mut furniture);
        report.pages = pages.len();
        let meta = PdfMeta {
            title: page_title.clone(),
            author: m.page.editor.clone(),
            subject: None,
            lang: first.lang.tag.clone(),
            right_to_left: grid.vertical,
            outline,
            print: print_spec(
                opts,
                &layout,
                timestamp(opts, first).or(m
                    .page
                    .date
                    .map(|d| [d.year, d.month as u16, d.day as u16, 0, 0, 0])),
            )?,
            date: timestamp(opts, first).or(m
                .page
                .date
                .map(|d| [d.year, d.month as u16, d.day as u16, 0, 0, 0])),
        };
        let bytes = write_pdf(&pages, &book, &meta)?;
        outputs.push((out_path(&opts.input, given, "pdf"), bytes));
    }
    if let Some(given) = &want_epub {
        let all: Vec<Doc> = docs.iter().map(|(d, _)| d.clone()).collect();
        let modified = epub_modified(
            timestamp(opts, &all[0]).or(m
                .page
                .date
                .map(|d| [d.year, d.month as u16, d.day as u16, 0, 0, 0])),
        );
        let (fonts, font_css) = if opts.embed_fonts {
            let (f, css) = crate::epub::embed_fonts(&all, &book)?;
            (f, Some(css))
        } else {
            (Vec::new(), None)
        };
        let bytes = crate::epub::write_book(
            &all,
            &page_title,
            &EpubMeta {
                modified,
                fonts,
                font_css,
                cover: None,
            },
        )?;
        outputs.push((out_path(&opts.input, given, "epub"), bytes));
    }
    if let Some(p) = &opts.paragraphs {
        let mut text = docs
            .iter()
            .flat_map(|(d, _)| d.paragraphs())
            .collect::<Vec<_>>()
            .join("\n");
        text.push('\n');
        outputs.push((p.clone(), text.into_bytes()));
    }
    for (path, bytes) in &outputs {
        write_atomic(path, bytes)?;
        report.written.push(path.clone());
    }
    Ok(report)
}

/// `dcterms:modified`: the timestamp, or a fixed date so the bytes stay
/// the same.
fn epub_modified(date: Option<[u16; 6]>) -> String {
    match date {
        Some([y, m, d, h, mi, s]) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        None => "1980-01-01T00:00:00Z".to_string(),
    }
}

/// Writes through a temporary file in the same folder, then renames it, so
/// that a reader never sees a half-written file and a failed run leaves the
/// previous output intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |e: std::io::Error| {
        Error::new(
            Stage::Write,
            format!("cannot write {}: {e}", path.display()),
        )
        .hint("check that the folder exists and is writable")
    };
    if !dir.is_dir() {
        return Err(Error::new(
            Stage::Write,
            format!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                dir.display()
            ),
        )
        .hint("create the folder or choose another output path"));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".typeset-")
        .tempfile_in(&dir)
        .map_err(fail)?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A serial folder: every installment as a chapter of one book, one EPUB and
/// one print PDF (title page, contents, running heads, folios, outline).
fn compile_book(opts: &Options, mut report: Report) -> Result<Report> {
    let dir = &opts.input;
    let serial = read_serial(dir, &|p| read_article(p))?;
    let spec = opts
        .layout
        .clone()
        .or(serial.layout.clone())
        .unwrap_or_else(|| "book".to_string());
    let layout = load_layout(&spec, Some(dir))?;
    let mut book = FontBook::new(&opts.font_dirs, opts.system_fonts)?;
    let roles = book.resolve_roles(&layout)?;
    // One writing mode for the whole book.
    let writing = Some(opts.writing.or(serial.writing).unwrap_or(layout.writing));
    let mut docs = Vec::with_capacity(serial.installments.len());
    for a in &serial.installments {
        let mut doc = resolve_doc(a, &layout, &roles, writing)?;
        // In the book the running heads carry the work: a chapter opens with
        // its title (and kicker or deck, if any), not the newspaper label.
        doc.header
            .retain(|p| p.style.role != crate::resolve::Role::SerialLabel);
        if let Some(lang) = &serial.lang {
            doc.lang = lang.clone();
        }
        docs.push(doc);
    }
    let first = &docs[0];
    let (want_pdf, want_epub) = wanted(opts);
    let base = dir.join(
        dir.file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "book".into()),
    );
    let out_dir = |ext: &str, given: &Option<PathBuf>| {
        given.clone().unwrap_or_else(|| base.with_extension(ext))
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let total = docs.len();
    if let Some(given) = &want_pdf {
        let grid = layout.grid_for(first.writing);
        // One shaper for the book: every distinct character and word is
        // shaped once, whatever chapter it is in.
        let mut fallbacks = crate::shape::Fallbacks::default();
        for d in &docs {
            fallbacks.merge(prepare_fallbacks(d, &mut book, &mut report.warnings));
        }
        // The cache's keys include every font loaded, fallbacks too.
        let cache = Cache::new(opts, dir, &layout, &book, &docs);
        // Chapters from the cache, and the others to lay out.
        let mut bodies: Vec<Option<Vec<Page>>> = docs
            .iter()
            .enumerate()
            .map(|(k, _)| cache.as_ref().and_then(|c| c.load(k)))
            .collect();
        let mut shaper =
            Shaper::new(&book, &first.lang, fallbacks).vertical(first.writing == Writing::Vertical);
        let mut done = bodies.iter().filter(|b| b.is_some()).count();
        // Chapters are shaped in order with the one shaper, then laid out in
        // parallel, a batch at a time (bounded memory); results keep their
        // order, so the bytes do not depend on the threads.
        let todo: Vec<usize> = (0..docs.len()).filter(|&k| bodies[k].is_none()).collect();
        for batch in todo.chunks(32) {
            let shaped: Vec<_> = batch
                .iter()
                .map(|&k| shape_doc(&docs[k], &mut shaper))
                .collect();
            let laid: Vec<(Result<Vec<Page>>, Vec<Warning>)> = {
                use rayon::prelude::*;
                batch
                    .par_iter()
                    .zip(shaped.par_iter())
                    .map(|(&k, sh)| {
                        let mut w = Vec::new();
                        (compose_chapter(&docs[k], sh, &layout, &grid, &mut w), w)
                    })
                    .collect()
            };
            for (&k, (pages, w)) in batch.iter().zip(laid) {
                report.warnings.extend(w);
                let pages = pages?;
                if let Some(c) = &cache {
                    c.store(k, &pages);
                }
                bodies[k] = Some(pages);
                done += 1;
                if let Some(p) = &opts.progress {
                    (p.0)(done, total);
                }
            }
        }
        report.cached = cache.as_ref().map_or(0, |c| c.hits.get());
        let titles: Vec<String> = docs.iter().map(|d| d.title.clone()).collect();
        let mut shaper = Shaper::new(&book, &first.lang, Default::default());
        let mut furniture = |f: Furniture, text: &str| {
            let style = furniture_style(first, f);
            shape_plain(&mut shaper, style, text)
        };
        let title = crate::compose::TitlePage {
            work: &serial.work,
            author: &serial.author,
        };
        let composed = assemble_book(
            &title,
            &titles,
            bodies.into_iter().flatten().collect(),
            &layout,
            &grid,
            &mut furniture,
        );
        report.pages = composed.pages.len();
        let meta = PdfMeta {
            title: serial.work.clone(),
            author: Some(serial.author.clone()),
            subject: None,
            lang: first.lang.tag.clone(),
            date: timestamp(opts, docs.last().unwrap_or(first)),
            right_to_left: grid.vertical,
            outline: composed.outline,
            print: print_spec(opts, &layout, timestamp(opts, docs.last().unwrap_or(first)))?,
        };
        outputs.push((
            out_dir("pdf", given),
            write_pdf(&composed.pages, &book, &meta)?,
        ));
    }
    if let Some(given) = &want_epub {
        let modified = epub_modified(timestamp(opts, docs.last().unwrap_or(first)));
        let (fonts, font_css) = if opts.embed_fonts {
            let (f, css) = crate::epub::embed_fonts(&docs, &book)?;
            (f, Some(css))
        } else {
            (Vec::new(), None)
        };
        let meta = EpubMeta {
            modified,
            fonts,
            font_css,
            cover: Some((serial.work.clone(), serial.author.clone())),
        };
        outputs.push((
            out_dir("epub", given),
            crate::epub::write_book(&docs, &serial.work, &meta)?,
        ));
    }
    if let Some(p) = &opts.paragraphs {
        let mut text = docs
            .iter()
            .flat_map(|d| d.paragraphs())
            .collect::<Vec<_>>()
            .join("\n");
        text.push('\n');
        outputs.push((p.clone(), text.into_bytes()));
    }
    for (path, bytes) in &outputs {
        write_atomic(path, bytes)?;
        report.written.push(path.clone());
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_784), (2026, 11, 27));
        assert_eq!(civil(11_016), (2000, 2, 29));
    }
}

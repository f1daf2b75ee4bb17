//! The whole job for one input: read and resolve it into a [`Job`], find
//! the fonts, shape and compose once, then produce every requested
//! [`Output`] and write them all or none. The binary is a thin wrapper
//! around [`compile`].

mod cache;
mod chars;
mod guard;
mod images;
mod job;
mod lay_out;
mod memo;
mod output;
mod preview;
mod summary;
mod write;

use std::path::PathBuf;

#[doc(hidden)]
pub use cache::{open_entry, open_pack_index, seal_entry_payload};
pub use guard::Inputs;
pub use images::{DEFAULT_DPI, RenderOptions};
pub use job::{Job, JobMeta, Plan};
pub use memo::{Memo, Reuse};
pub use output::Output;
pub use preview::{Preview, preview};
pub use write::{Timestamp, write_atomic, write_atomic_guarded};

use crate::error::{Result, Warning};
use crate::model::Writing;
use lay_out::{BookRun, Shapers, lay_out};

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
    /// `--epub-layout`: `Some(true)` for fixed (the printed pages,
    /// pre-paginated), `Some(false)` for reflowable; `None`: as a page
    /// manifest says, else reflowable.
    pub fixed_epub: Option<bool>,
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
    /// Page manifests: automatic make-up (also `fill = true` in [page]).
    pub fill: bool,
    /// Page manifests: an article that does not fit is an error.
    pub no_continue: bool,
    /// Files named by a manifest, a serial folder or a figure may lie
    /// outside the input's folder (after following links).
    pub allow_outside: bool,
    /// Page images (--svg, --png, --dpi) and the EPUB's cover (--cover).
    pub render: RenderOptions,
    /// A watching process's shaped articles, kept from build to build.
    pub memo: Option<std::sync::Arc<Memo>>,
}

impl Options {
    /// What the run's PDF makes of figures' pixels, if a PDF (screen or
    /// print) will be written as [`output::wanted_outputs`] decides: asked
    /// for, or the default when no output at all is named.
    pub fn pdf_pixels(&self) -> Option<crate::resolve::PixelTarget> {
        let wanted = self.pdf.is_some()
            || (self.epub.is_none() && !self.dump_lines && !self.render.pages_wanted());
        wanted.then(|| crate::pdf::pixel_target(self.print))
    }
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
    /// Every file the run read (input, manifest, articles, figures, layout,
    /// fonts): what `typeset watch` watches.
    pub inputs: Vec<PathBuf>,
}

/// Compiles one input to the requested outputs. Nothing is written unless
/// every output was produced and written to a temporary file; then all
/// are renamed into place.
pub fn compile(opts: &Options) -> Result<Report> {
    let job = Job::read(opts)?;
    run(job, opts)
}

/// The one pipeline, whatever the input was.
pub fn run(mut job: Job, opts: &Options) -> Result<Report> {
    chars::check_text(&job)?;
    let mut report = Report::default();
    report.warnings.append(&mut job.warnings);
    // Fonts for the characters the style fonts lack, loaded into the run's
    // font book before anything borrows it.
    let fallbacks = if job.outputs.iter().any(Output::needs_fonts) {
        let mut warnings = Vec::new();
        let found = crate::shape::find_doc_fallbacks(&job.docs, &mut job.fonts, &mut warnings);
        report.warnings.extend(first_of_each(warnings));
        found
    } else {
        Default::default()
    };
    // After the documents', so that their fonts keep their numbers.
    job.cover_fallbacks = images::cover_fallbacks(&mut job);
    let job = job;
    report.inputs = job.input_files();
    let inputs = Inputs::of(report.inputs.iter().map(PathBuf::as_path));
    // Every output path is checked before any work, and again just before
    // the renames.
    let paths: Vec<&std::path::Path> = job
        .outputs
        .iter()
        .filter(|o| o.is_file() && !matches!(o, Output::Pages(_)))
        .map(Output::path)
        .collect();
    // Page images count as outputs here: `--pdf - --svg DIR` is refused.
    let all: Vec<&std::path::Path> = (job.outputs.iter())
        .filter(|o| o.is_file())
        .map(Output::path)
        .collect();
    let to_stdout = write::stdout_wanted(&all, job.outputs.contains(&Output::Lines))?;
    guard::check_distinct(&paths)?;
    for p in paths.iter().filter(|_| !to_stdout) {
        write::prepare(p, &inputs)?;
    }
    prepare_page_dirs(&job)?;
    if let Some(m) = &opts.memo {
        m.next_build();
    }
    let mut shapers = Shapers::new(&job.fonts, fallbacks).with_memo(opts.memo.as_deref());
    if job.outputs.contains(&Output::Lines) {
        report.dump = Some(output::dump_lines(&job, &mut shapers)?);
    }
    // The outputs made from pages (the PDFs) wait for the layout; the
    // others (EPUB, paragraphs) are made meanwhile, on another thread.
    let files: Vec<(usize, &Output)> = job
        .outputs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_file())
        .collect();
    let (paged, unpaged): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|(_, o)| o.needs_pages(&job));
    let book = BookRun {
        cache: cache_dir(&job, opts),
        progress: opts.progress.as_ref(),
    };
    // Each file is staged (written beside its path and flushed) on the
    // thread that made it, as soon as it is made: the EPUB's is written
    // while the PDF is still being made. Nothing is renamed onto its path
    // before every file is made.
    let made = |k: usize, path: PathBuf, bytes: Vec<u8>| -> Result<(usize, Made)> {
        if to_stdout {
            return Ok((k, Made::Bytes(path, bytes)));
        }
        Ok((k, Made::Staged(write::stage(&path, &bytes, true)?)))
    };
    let (paged, unpaged) = rayon::join(
        || -> Result<Vec<(usize, Made)>> {
            if paged.is_empty() {
                return Ok(Vec::new());
            }
            let mut laid = lay_out(&job, &mut shapers, &book, &mut report)?;
            report.pages = laid.pages.len();
            // The last PDF takes the pages, to free them as it goes, when
            // no other output that needs them comes after it.
            let last = paged
                .iter()
                .rposition(|(_, o)| o.needs_pages(&job))
                .filter(|&n| paged[n].1.is_pdf());
            let mut files = Vec::with_capacity(paged.len());
            for (n, &(k, o)) in paged.iter().enumerate() {
                let pages = if Some(n) == last {
                    output::Pages::Last(&mut laid)
                } else {
                    output::Pages::Shared(&laid)
                };
                for (path, bytes) in o.files_taking(&job, Some(pages))? {
                    files.push(made(k, path, bytes)?);
                }
            }
            Ok(files)
        },
        || -> Result<Vec<(usize, Made)>> {
            (unpaged.iter())
                .map(|&(k, o)| made(k, o.path().to_path_buf(), o.file(&job, None)?))
                .collect()
        },
    );
    let mut files = paged?;
    files.extend(unpaged?);
    // Written in the order asked for: every file to a temporary file
    // first, renamed only once all of them were written.
    files.sort_by_key(|f| f.0);
    let mut staged = Vec::with_capacity(files.len());
    for (_, file) in files {
        match file {
            Made::Staged(s) => staged.push(s),
            // stdout_wanted allows it for a single output only.
            Made::Bytes(path, bytes) => {
                write::to_stdout(&bytes)?;
                report.written = vec![path];
                return Ok(report);
            }
        }
    }
    report.written = write::commit(staged, &inputs)?;
    remove_stale_pages(&job, report.pages);
    Ok(report)
}

/// An output file made: staged beside its path, or its bytes for stdout.
enum Made {
    Staged(write::Staged),
    Bytes(PathBuf, Vec<u8>),
}

/// Page images' folders, made when missing, before any work.
fn prepare_page_dirs(job: &Job) -> Result<()> {
    for o in &job.outputs {
        if let Output::Pages(images) = o {
            images::prepare_dir(images)?;
        }
    }
    Ok(())
}

/// Page images an earlier, longer run left in the folders.
fn remove_stale_pages(job: &Job, pages: usize) {
    for o in &job.outputs {
        if let Output::Pages(images) = o {
            images::remove_stale(images, pages);
        }
    }
}

/// The same warning from many documents (a character no font has, in
/// every installment of a book) is given once, at its first place, with
/// the number of other places.
fn first_of_each(warnings: Vec<Warning>) -> Vec<Warning> {
    let mut out: Vec<(Warning, usize)> = Vec::new();
    for w in warnings {
        match out.iter_mut().find(|(o, _)| o.message == w.message) {
            Some((_, n)) => *n += 1,
            None => out.push((w, 0)),
        }
    }
    out.into_iter()
        .map(|(mut w, n)| {
            if n > 0 {
                w.message = format!("{} (and {n} more place(s))", w.message);
            }
            w
        })
        .collect()
}

/// A book's chapter cache: --cache-dir, or the serial folder's
/// .typeset-cache; none with --no-cache.
fn cache_dir(job: &Job, opts: &Options) -> Option<PathBuf> {
    if opts.no_cache || !matches!(job.plan, Plan::Book(_)) {
        return None;
    }
    Some(
        opts.cache_dir
            .clone()
            .unwrap_or_else(|| job.input.join(".typeset-cache")),
    )
}

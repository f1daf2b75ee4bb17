//! The `typeset` command: argument parsing and messages; the work is in
//! `typeset::compile`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

/// `eprintln!` without its panic when stderr is closed or full: a message
/// that cannot be shown is no reason to abort the run.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
use typeset::compile::{Options, Progress, compile};
use typeset::model::Writing;

#[derive(Clone, Copy, ValueEnum)]
enum WritingArg {
    Horizontal,
    Vertical,
}

/// Typeset Chinese newspaper features and serial fiction: a print PDF and
/// an EPUB 3 from one article.
#[derive(Parser)]
#[command(name = "typeset", version, about, long_about = None)]
struct Cli {
    /// An article (.md with TOML front matter), a page manifest (.toml) or
    /// a serial's folder (serial.toml and its installments: the book).
    input: PathBuf,
    /// Write the print PDF (to OUT, or beside the input).
    #[arg(long, value_name = "OUT", num_args = 0..=1)]
    pdf: Option<Option<PathBuf>>,
    /// Write the EPUB 3 (to OUT, or beside the input).
    #[arg(long, value_name = "OUT", num_args = 0..=1)]
    epub: Option<Option<PathBuf>>,
    /// A layout from layouts/ by name (e.g. "feature") or a .toml path.
    #[arg(long, value_name = "NAME|PATH")]
    layout: Option<String>,
    /// Override the writing mode of the article and the layout.
    #[arg(long, value_enum)]
    writing: Option<WritingArg>,
    /// More fonts (searched before the bundled and system fonts).
    #[arg(long, value_name = "DIR")]
    font_dir: Vec<PathBuf>,
    /// Embed subset fonts in the EPUB (needs the embed-fonts build feature).
    #[arg(long)]
    embed_fonts: bool,
    /// Do not search the system's fonts (only bundled and --font-dir).
    #[arg(long)]
    no_system_fonts: bool,
    /// Also write the article's paragraphs, one per line in reading order,
    /// for checking tools (pdfcheck.py --source).
    #[arg(long, value_name = "OUT.txt")]
    paragraphs: Option<PathBuf>,
    /// Print every line with its width, its adjustment ratio and the rule
    /// that decided its break (writes no file unless --pdf/--epub are given).
    #[arg(long)]
    dump_lines: bool,
    /// The print-shop edition: trim plus bleed, crop and registration marks,
    /// CMYK, and a PDF/X output intent (x4, the default, or x1a).
    #[arg(long, value_name = "PDFX", num_args = 0..=1, default_missing_value = "x4", value_parser = ["x4", "x1a"])]
    print: Option<String>,
    /// Where a book keeps its laid-out chapters (default: the serial
    /// folder's .typeset-cache).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Lay out every chapter of a book anew, without the cache.
    #[arg(long)]
    no_cache: bool,
    /// Page manifests: make the page up automatically, filling it (as
    /// `fill = true` in the manifest's [page]).
    #[arg(long)]
    fill: bool,
    /// Page manifests: an article that does not fit is an error, not a
    /// continuation on the next page.
    #[arg(long)]
    no_continue: bool,
    /// Read files a manifest, a serial folder or a figure names even when
    /// they lie outside the input's folder (after following links).
    #[arg(long)]
    allow_outside: bool,
    /// Print nothing but warnings and errors.
    #[arg(long, short)]
    quiet: bool,
}

/// A progress bar on a terminal for books of more than a few chapters;
/// nothing with --quiet or when stderr is not a terminal.
fn progress_bar(quiet: bool) -> Option<Progress> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::hidden();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} chapters")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("typesetting");
    Some(Progress(std::sync::Arc::new(move |done, total| {
        if total <= 5 {
            return;
        }
        if bar.is_hidden() {
            bar.set_length(total as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_position(done as u64);
        if done == total {
            bar.finish_and_clear();
        }
    })))
}

/// `typeset clean`: OCR'd or pasted text to article files, with a report of
/// every change.
#[derive(Parser)]
#[command(name = "typeset clean", version, about, long_about = None)]
struct CleanCli {
    /// The recognised or pasted text (UTF-8).
    input: PathBuf,
    /// Where to write the article (one article) or the folder for
    /// NAME-1.md, NAME-2.md, … (several); default: beside the input.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Write the report to FILE instead of stderr.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Print the report and write no article.
    #[arg(long)]
    check: bool,
}

fn clean_main(args: Vec<std::ffi::OsString>) -> ExitCode {
    let cli = CleanCli::parse_from(args);
    let name = cli.input.display().to_string();
    let bytes =
        match typeset::fsio::read_limited(&cli.input, typeset::parse::MAX_ARTICLE_BYTES as u64) {
            Ok(b) => b,
            Err(e) => {
                note!("{name}: error: cannot read the file: {e}");
                return ExitCode::from(1);
            }
        };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let ok = &e.as_bytes()[..at];
            let line = ok.iter().filter(|&&b| b == b'\n').count() + 1;
            // The prefix is valid UTF-8 by construction; columns count
            // characters, as an editor's cursor does.
            let ok = std::str::from_utf8(ok).unwrap_or_default();
            let col = ok.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            note!(
                "{name}:{line}:{col}: error: the text is not UTF-8\n  hint: convert it first, e.g. iconv -f GB18030 -t UTF-8"
            );
            return ExitCode::from(1);
        }
    };
    // Neither the report nor an article may replace the input (compared
    // by file identity, so ./in.txt and hard links count too).
    let inputs = typeset::compile::Inputs::of([cli.input.as_path()]);
    let cleaned = typeset::clean::clean(&text);
    let report = typeset::clean::report(&name, &cleaned.notes);
    match &cli.report {
        Some(path) => {
            if let Err(e) = typeset::compile::write_atomic_guarded(path, report.as_bytes(), &inputs)
            {
                note!("{e}");
                return ExitCode::from(1);
            }
        }
        None => {
            let _ = std::io::Write::write_all(&mut std::io::stderr(), report.as_bytes());
        }
    }
    if cli.check {
        return ExitCode::SUCCESS;
    }
    if cleaned.articles.is_empty() {
        note!("{name}: error: no article text found");
        return ExitCode::from(1);
    }
    let stem = cli
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    let dir = cli
        .input
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default();
    let mut outputs = Vec::new();
    if cleaned.articles.len() == 1 {
        let file = format!("{stem}.md");
        let out = match &cli.output {
            Some(o) if o.is_dir() || o.to_string_lossy().ends_with('/') => o.join(file),
            Some(o) => o.clone(),
            None => dir.join(file),
        };
        outputs.push((out, &cleaned.articles[0]));
    } else {
        let folder = cli.output.clone().unwrap_or(dir);
        for (i, a) in cleaned.articles.iter().enumerate() {
            outputs.push((folder.join(format!("{stem}-{}.md", i + 1)), a));
        }
    }
    for (path, article) in outputs {
        if path == cli.input || cli.report.as_ref() == Some(&path) {
            note!("{name}: error: the article would overwrite the input\n  hint: give -o OUT.md");
            return ExitCode::from(1);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            note!("{}: error: cannot create the folder: {e}", parent.display());
            return ExitCode::from(1);
        }
        if let Err(e) =
            typeset::compile::write_atomic_guarded(&path, article.to_markdown().as_bytes(), &inputs)
        {
            note!("{e}");
            return ExitCode::from(1);
        }
        note!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

/// Prints the lines dump. A reader that stopped early (`| head`) ends the
/// run quietly, as other tools do; any other failure (a full disk) is an
/// error. `Some` is the exit code when the run must end here.
fn print_dump(dump: &str) -> Option<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(dump.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => None,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Some(ExitCode::SUCCESS),
        Err(e) => {
            note!("error: cannot write the lines to standard output: {e}");
            Some(ExitCode::from(1))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `typeset clean FILE` is a separate command; an article named "clean"
    // is still reachable as ./clean.
    if args.get(1).is_some_and(|a| a == "clean") {
        return clean_main(args[1..].to_vec());
    }
    // clap exits with 2 on usage errors and 0 for --help and --version.
    let cli = Cli::parse();
    let source_date_epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(t) => Some(t),
            Err(_) => {
                note!(
                    "error: SOURCE_DATE_EPOCH=\"{v}\" is not a number of seconds\n  hint: unset it or set it to e.g. 1795737600"
                );
                return ExitCode::from(2);
            }
        },
        Err(_) => None,
    };
    let opts = Options {
        input: cli.input,
        pdf: cli.pdf,
        epub: cli.epub,
        layout: cli.layout,
        writing: cli.writing.map(|w| match w {
            WritingArg::Horizontal => Writing::Horizontal,
            WritingArg::Vertical => Writing::Vertical,
        }),
        font_dirs: cli.font_dir,
        embed_fonts: cli.embed_fonts,
        system_fonts: !cli.no_system_fonts,
        source_date_epoch,
        paragraphs: cli.paragraphs,
        dump_lines: cli.dump_lines,
        progress: progress_bar(cli.quiet),
        cache_dir: cli.cache_dir,
        no_cache: cli.no_cache,
        fill: cli.fill,
        no_continue: cli.no_continue,
        allow_outside: cli.allow_outside,
        print: cli.print.as_deref().map(|p| {
            if p == "x1a" {
                typeset::pdf::PdfX::X1a
            } else {
                typeset::pdf::PdfX::X4
            }
        }),
    };
    match compile(&opts) {
        Ok(report) => {
            if let Some(d) = &report.dump
                && let Some(code) = print_dump(d)
            {
                return code;
            }
            for w in &report.warnings {
                note!("{w}");
            }
            if !cli.quiet {
                if report.cached > 0 {
                    note!("{} chapter(s) from the cache", report.cached);
                }
                for p in &report.written {
                    note!("wrote {}", p.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            note!("{e}");
            ExitCode::from(1)
        }
    }
}

//! The command line: `typeset [build] INPUT …` and `typeset clean …`,
//! parsed by clap.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The commands; `typeset INPUT` is `typeset build INPUT`.
pub const COMMANDS: [&str; 5] = ["build", "clean", "watch", "serve", "help"];

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum EpubLayoutArg {
    Reflowable,
    Fixed,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum WritingArg {
    Horizontal,
    Vertical,
}

/// Typeset Chinese newspaper features and serial fiction: a print PDF and
/// an EPUB 3 from one article, a page manifest or a serial's folder.
#[derive(Parser)]
#[command(
    name = "typeset",
    version,
    about,
    arg_required_else_help = true,
    flatten_help = true,
    override_usage = "typeset [build] INPUT [OPTIONS]\n       \
                      typeset watch INPUT [OPTIONS]\n       \
                      typeset serve INPUT [--port N] [OPTIONS]\n       \
                      typeset clean INPUT.txt [OPTIONS]\n       \
                      typeset help [COMMAND]",
    after_help = "`typeset INPUT [OPTIONS]` is short for `typeset build INPUT [OPTIONS]`.\n\
                  Examples:\n  \
                  typeset hello.md                   hello.pdf and hello.epub beside it\n  \
                  typeset hello.md --print           the print-shop PDF/X-4, hello.print.pdf\n  \
                  typeset clean scan.txt -o out/     OCR text to article files\n\
                  The input formats: docs/article.md, docs/manifest.md, docs/serial.md, docs/layout.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Typeset an article, a page manifest or a serial's folder into a PDF
    /// and an EPUB (the default command).
    Build(BuildArgs),
    /// Build, then build again on every save of the input, the articles,
    /// figures, layout and fonts it reads (takes the options of build);
    /// a failed build keeps the last good outputs. Ctrl-C stops.
    Watch(BuildArgs),
    /// Show the pages in the browser (http://127.0.0.1:8000/), redrawn on
    /// every save as watch rebuilds; build errors are shown in the page, a
    /// click on a page gives the source line of the text there.
    Serve(Box<crate::serve::ServeArgs>),
    /// Turn OCR'd or pasted text into article files, reporting every change.
    Clean(CleanArgs),
}

/// `typeset build`: every option of a run.
#[derive(Args)]
#[command(
    after_help = "With neither --pdf nor --epub (nor --svg/--png), both are written beside the input.\n\
                  SOURCE_DATE_EPOCH (seconds) sets the outputs' dates; otherwise the input's `date`."
)]
pub struct BuildArgs {
    /// An article (.md with TOML front matter), a page manifest (.toml) or
    /// a serial's folder (serial.toml and its installments: the book).
    pub input: PathBuf,
    /// Write the PDF (to OUT, or beside the input as NAME.pdf; with --print,
    /// NAME.print.pdf).
    #[arg(long, value_name = "OUT", num_args = 0..=1)]
    pub pdf: Option<Option<PathBuf>>,
    /// Write the EPUB 3 (to OUT, or beside the input).
    #[arg(long, value_name = "OUT", num_args = 0..=1)]
    pub epub: Option<Option<PathBuf>>,
    /// The print-shop edition instead of the screen PDF: trim plus bleed,
    /// crop and registration marks, CMYK, and a PDF/X output intent (x4,
    /// the default, or x1a). Written to NAME.print.pdf unless --pdf OUT.
    #[arg(long, value_name = "PDFX", num_args = 0..=1, default_missing_value = "x4", value_parser = ["x4", "x1a"])]
    pub print: Option<String>,
    /// A layout from layouts/ by name (e.g. "feature") or a .toml path.
    #[arg(long, value_name = "NAME|PATH")]
    pub layout: Option<String>,
    /// Override the writing mode of the article and the layout.
    #[arg(long, value_enum)]
    pub writing: Option<WritingArg>,
    /// More fonts (searched before the bundled and system fonts).
    #[arg(long, value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
    /// Do not search the system's fonts (only bundled and --font-dir).
    #[arg(long)]
    pub no_system_fonts: bool,
    /// Embed subset fonts in the EPUB (needs the embed-fonts build feature).
    #[arg(long)]
    pub embed_fonts: bool,
    /// The EPUB's layout: reflowable text (the default), or fixed: the
    /// printed pages, one EPUB page each (written to NAME.fixed.epub
    /// unless --epub OUT).
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub epub_layout: Option<EpubLayoutArg>,
    /// Also write the article's paragraphs, one per line in reading order,
    /// for checking tools (pdfcheck.py --source).
    #[arg(long, value_name = "OUT.txt")]
    pub paragraphs: Option<PathBuf>,
    /// Print every line with its width, its adjustment ratio and the rule
    /// that decided its break (writes no file unless --pdf/--epub are given).
    #[arg(long)]
    pub dump_lines: bool,
    /// Page manifests: make the page up automatically, filling it (as
    /// `fill = true` in the manifest's [page]).
    #[arg(long)]
    pub fill: bool,
    /// Page manifests: an article that does not fit is an error, not a
    /// continuation on the next page.
    #[arg(long)]
    pub no_continue: bool,
    /// Read files a manifest, a serial folder or a figure names even when
    /// they lie outside the input's folder (after following links).
    #[arg(long)]
    pub allow_outside: bool,
    /// Where a book keeps its laid-out chapters (default: the serial
    /// folder's .typeset-cache).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Lay out every chapter of a book anew, without the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Print nothing but warnings and errors.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub render: crate::render_args::RenderArgs,
}

/// `typeset clean`.
#[derive(Args)]
#[command(
    after_help = "The report (one line per change: FILE:LINE: removed|changed|moved|warning: what)\n\
                  goes to stderr unless --report FILE."
)]
pub struct CleanArgs {
    /// The recognised or pasted text (UTF-8), or a scanned page (PNG, JPEG,
    /// TIFF…) to read with Tesseract first.
    pub input: PathBuf,
    /// Where to write the article (one article) or the folder for
    /// NAME-1.md, NAME-2.md, … (several); default: beside the input.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Write the report to FILE instead of stderr.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print the report and write no article.
    #[arg(long)]
    pub check: bool,
    /// The OCR language for a scanned page: chi_sim, chi_tra, chi_sim+eng.
    #[arg(long, value_name = "LANG", default_value = "chi_sim")]
    pub ocr_lang: String,
}

/// The arguments with `build` put in where the old form `typeset INPUT …`
/// left the command out: anything but a command name or a top-level
/// --help/--version in first place starts a build.
pub fn with_command(mut args: Vec<OsString>) -> Vec<OsString> {
    let top_level = ["-h", "--help", "-V", "--version"];
    if let Some(first) = args.get(1)
        && !COMMANDS.iter().chain(&top_level).any(|c| first == c)
    {
        args.insert(1, "build".into());
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        with_command(args)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn the_old_form_is_a_build() {
        assert_eq!(
            words(&["typeset", "a.md", "--pdf"]),
            ["typeset", "build", "a.md", "--pdf"]
        );
        assert_eq!(words(&["typeset", "--pdf", "o.pdf", "a.md"])[1], "build");
        assert_eq!(words(&["typeset", "clean", "x.txt"])[1], "clean");
        assert_eq!(words(&["typeset", "--help"]), ["typeset", "--help"]);
        assert_eq!(words(&["typeset"]), ["typeset"]);
    }

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

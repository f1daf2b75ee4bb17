//! The `typeset` command: argument parsing and messages; the work is in
//! `typeset::compile`.

mod clean;
mod cli;
mod render_args;
mod serve;
mod watch;

use std::process::ExitCode;

use clap::Parser;

/// `eprintln!` without its panic when stderr is closed or full: a message
/// that cannot be shown is no reason to abort the run.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
use cli::{BuildArgs, Cli, Command, WritingArg};
use typeset::compile::{Options, Progress, compile};
use typeset::model::Writing;

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
    // clap exits with 2 on usage errors and 0 for --help and --version.
    let cli = Cli::parse_from(cli::with_command(std::env::args_os().collect()));
    match cli.command {
        Command::Build(args) => build_main(args),
        Command::Clean(args) => clean::clean_main(args),
        Command::Watch(args) => watch::watch_main(args),
        Command::Serve(args) => serve::serve_main(*args),
    }
}

/// A build's warnings, and unless `quiet` what it took from the cache and
/// the files it wrote, on stderr (`build` and `watch` alike).
fn print_notes(report: &typeset::compile::Report, quiet: bool) {
    for w in &report.warnings {
        note!("{w}");
    }
    if !quiet {
        if report.cached > 0 {
            note!("{} chapter(s) from the cache", report.cached);
        }
        for p in &report.written {
            note!("wrote {}", p.display());
        }
    }
}

fn build_main(cli: BuildArgs) -> ExitCode {
    let quiet = cli.quiet;
    let opts = match options(cli) {
        Ok(o) => o,
        Err(code) => return code,
    };
    match compile(&opts) {
        Ok(report) => {
            if let Some(d) = &report.dump
                && let Some(code) = print_dump(d)
            {
                return code;
            }
            print_notes(&report, quiet);
            ExitCode::SUCCESS
        }
        Err(e) => {
            note!("{}", typeset::diag::render(&e));
            ExitCode::from(1)
        }
    }
}

/// The run's options from build's arguments (build and watch share them);
/// `Err` is the exit code of a usage error, already reported.
fn options(cli: BuildArgs) -> Result<Options, ExitCode> {
    let source_date_epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(t) => Some(t),
            Err(_) => {
                note!(
                    "error: SOURCE_DATE_EPOCH=\"{v}\" is not a number of seconds\n  hint: unset it or set it to e.g. 1795737600"
                );
                return Err(ExitCode::from(2));
            }
        },
        Err(_) => None,
    };
    Ok(Options {
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
        fixed_epub: cli.epub_layout.map(|l| l == cli::EpubLayoutArg::Fixed),
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
        render: cli.render.into(),
        memo: None,
        print: cli.print.as_deref().map(|p| {
            if p == "x1a" {
                typeset::pdf::PdfX::X1a
            } else {
                typeset::pdf::PdfX::X4
            }
        }),
    })
}

//! `typeset watch INPUT [outputs]`: build, then build again on every save of
//! a file the build read (the input, the articles a manifest or a serial
//! folder names, figures, the layout, the fonts) and of any file in a
//! `--font-dir`. A failed build prints its located error and leaves the
//! last good outputs as they were (every output is renamed into place only
//! once all were written). Ctrl-C or SIGTERM ends the loop between builds.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::cli::BuildArgs;
use crate::note;
use typeset::compile::{Options, Report, compile};

/// Saves closer together than this are one rebuild (an editor's write,
/// rename and chmod of one save; `git checkout` of several files).
const SETTLE: Duration = Duration::from_millis(60);

/// What wakes the loop.
enum Wake {
    /// Files changed (absolute paths, as the watcher saw them).
    Changed(Vec<PathBuf>),
    /// The watcher failed (a folder removed, inotify's limit reached).
    Failed(String),
    /// Ctrl-C or SIGTERM.
    Stop,
}

pub fn watch_main(args: BuildArgs) -> ExitCode {
    let quiet = args.quiet;
    let mut opts = match crate::options(args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    opts.memo = Some(Default::default());
    rebuild_loop(&opts, "watch", |first| {
        let started = Instant::now();
        let result = compile(&opts);
        let took = started.elapsed();
        match result {
            Ok(report) => {
                print_report(&report, quiet);
                Some((report.inputs, done(first, took, &opts)))
            }
            Err(e) => {
                note!("{}", typeset::diag::render(&e));
                note!(
                    "watch: build failed after {:.3} s; the last good outputs are kept",
                    took.as_secs_f64()
                );
                None
            }
        }
    })
}

/// What a good build says: `rebuilt in 0.093 s (articles: 2 reused, 1
/// shaped)`.
pub fn done(first: bool, took: Duration, opts: &Options) -> String {
    let what = if first { "built" } else { "rebuilt" };
    let mut said = format!("{what} in {:.3} s", took.as_secs_f64());
    if let Some(reuse) = opts.memo.as_ref().map(|m| m.reuse()) {
        said += &format!(" ({})", reuse);
    }
    said
}

/// Runs `build` (true the first time), then again on every save of a
/// file the last good build read, until Ctrl-C or SIGTERM. `build`
/// reports its failures; it returns the files it read and what it did
/// (`built in 0.2 s`), or `None` when it failed (the files watched stay
/// those of the last good build).
/// `typeset watch` and `typeset serve` share it; `name` starts messages.
pub fn rebuild_loop(
    opts: &Options,
    name: &str,
    mut build: impl FnMut(bool) -> Option<(Vec<PathBuf>, String)>,
) -> ExitCode {
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    }) {
        note!("error: cannot handle Ctrl-C: {e}");
        return ExitCode::from(1);
    }
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let wake = match event {
            Ok(ev) if changes(&ev.kind) => Wake::Changed(ev.paths),
            Ok(_) => return,
            Err(e) => Wake::Failed(e.to_string()),
        };
        let _ = tx.send(wake);
    });
    let mut watch = match watcher {
        Ok(d) => Watch::new(d, opts),
        Err(e) => {
            note!("error: cannot watch files: {e}");
            return ExitCode::from(1);
        }
    };
    let mut first = true;
    loop {
        if let Some((inputs, done)) = build(first) {
            watch.update(&inputs);
            note!(
                "{name}: {done}; watching {} file(s), Ctrl-C to stop",
                watch.files.len()
            );
        }
        first = false;
        if !wait_for_change(&rx, &watch) {
            note!("{name}: stopped");
            return ExitCode::SUCCESS;
        }
    }
}

/// Whether an event can change what a build reads: not a read (our own
/// build opens every input, which inotify reports too).
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Waits until a watched file changes (true) or a stop is asked (false);
/// after the first change, until no other came for [`SETTLE`].
fn wait_for_change(rx: &mpsc::Receiver<Wake>, watch: &Watch) -> bool {
    let mut changed = false;
    loop {
        let wake = if changed {
            match rx.recv_timeout(SETTLE) {
                Ok(w) => w,
                Err(mpsc::RecvTimeoutError::Timeout) => return true,
                Err(mpsc::RecvTimeoutError::Disconnected) => return false,
            }
        } else {
            match rx.recv() {
                Ok(w) => w,
                Err(_) => return false,
            }
        };
        match wake {
            Wake::Changed(paths) => changed |= paths.iter().any(|p| watch.concerns(p)),
            Wake::Failed(e) => note!("watch: warning: {e}"),
            Wake::Stop => return false,
        }
    }
}

fn print_report(report: &Report, quiet: bool) {
    if let Some(d) = &report.dump {
        // A closed stdout is no reason to stop watching.
        let _ = crate::print_dump(d);
    }
    crate::print_notes(report, quiet);
}

/// The watched files and folders. Folders, not files, are given to the
/// watcher: an editor that saves by writing a new file and renaming it
/// over the old one would end a watch on the file itself.
struct Watch {
    watcher: RecommendedWatcher,
    /// Every file the last good build read, absolute.
    files: BTreeSet<PathBuf>,
    /// A serial's folder: a new installment there counts too.
    serial: Option<PathBuf>,
    /// `--font-dir` folders, watched with everything in them.
    font_dirs: Vec<PathBuf>,
    /// Folders given to the watcher so far.
    watching: BTreeSet<PathBuf>,
}

impl Watch {
    fn new(watcher: RecommendedWatcher, opts: &Options) -> Watch {
        let mut w = Watch {
            watcher,
            files: BTreeSet::new(),
            serial: opts.input.is_dir().then(|| absolute(&opts.input)),
            font_dirs: opts.font_dirs.iter().map(|d| absolute(d)).collect(),
            watching: BTreeSet::new(),
        };
        // Before the first build, and after a first build that failed
        // before it knew its files: the input, and a layout path.
        let mut first: Vec<PathBuf> = vec![opts.input.clone()];
        first.extend(opts.layout.as_ref().map(PathBuf::from));
        w.update(&first);
        for d in w.font_dirs.clone() {
            w.watch_folder(&d, RecursiveMode::Recursive);
        }
        if let Some(s) = w.serial.clone() {
            w.watch_folder(&s, RecursiveMode::NonRecursive);
        }
        w
    }

    /// Adds the files a build read, and watches their folders.
    fn update(&mut self, inputs: &[PathBuf]) {
        for f in inputs.iter().filter(|f| f.is_file()) {
            let f = absolute(f);
            if let Some(dir) = f.parent() {
                self.watch_folder(&dir.to_path_buf(), RecursiveMode::NonRecursive);
            }
            self.files.insert(f);
        }
    }

    fn watch_folder(&mut self, dir: &PathBuf, mode: RecursiveMode) {
        if self.watching.contains(dir) {
            return;
        }
        match self.watcher.watch(dir, mode) {
            Ok(()) => {
                self.watching.insert(dir.clone());
            }
            Err(e) => note!("watch: warning: cannot watch {}: {e}", dir.display()),
        }
    }

    /// Whether a change of `path` calls for a rebuild. Temporary files
    /// (ours while writing outputs, an editor's) start with a dot or are
    /// not among the inputs, so they do not.
    fn concerns(&self, path: &Path) -> bool {
        let path = absolute(path);
        if self.files.contains(&path) || self.font_dirs.iter().any(|d| path.starts_with(d)) {
            return true;
        }
        let visible = path
            .file_name()
            .is_some_and(|n| !n.to_string_lossy().starts_with('.'));
        let text = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown" | "toml")
        );
        self.serial
            .as_deref()
            .is_some_and(|s| path.parent() == Some(s))
            && visible
            && text
    }
}

/// `path` made absolute with its folder's links resolved, so that the
/// watcher's paths and the build's compare equal (the file itself may be
/// gone: an editor's rename in progress).
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(p) = abs.canonicalize() {
        return p;
    }
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => absolute(dir).join(name),
        _ => abs,
    }
}

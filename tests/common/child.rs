//! A long-running typeset (`watch`, `serve`) as the tests drive it: its
//! stderr lines on a channel, waits that poll them with a generous limit
//! (never a timing assertion), saves made as an editor makes them, and
//! the example page copied where it may be edited.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a wait may take before the test fails: far above the real
/// figures (a rebuild of page-7 takes about 0.1 s), which are printed.
pub const LIMIT: Duration = Duration::from_secs(20);

/// The page's manifest, the three articles it names and their figures, in
/// `dir`; the manifest's path.
pub fn copy_page(dir: &Path) -> PathBuf {
    let ex = super::root().join("examples");
    std::fs::create_dir_all(dir.join("changhe")).unwrap();
    std::fs::create_dir_all(dir.join("figures")).unwrap();
    for f in [
        "figures/route.png",
        "figures/badge.png",
        "page-7.toml",
        "night-bus.md",
        "bridge-news.md",
        "changhe/0789.md",
    ] {
        std::fs::copy(ex.join(f), dir.join(f)).expect("copy an example");
    }
    dir.join("page-7.toml")
}

/// Saves `text` as an editor does: a new file renamed over the old one.
pub fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.swp-tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// A typeset process left running, its stderr lines arriving on a
/// channel; killed when dropped.
pub struct Running {
    pub child: Child,
    lines: mpsc::Receiver<String>,
    /// The lines read so far that no wait asked for.
    pub seen: Vec<String>,
}

impl Running {
    /// Starts `command` with its stderr piped (stdin and stdout closed).
    pub fn spawn(mut command: Command) -> Running {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start typeset");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line starting with `prefix`; the lines before it are
    /// kept in `seen`. Fails the test after [`LIMIT`].
    pub fn wait_for(&mut self, prefix: &str) -> String {
        let end = Instant::now() + LIMIT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(line) => self.seen.push(line),
                Err(_) => panic!(
                    "no `{prefix}` from typeset within {LIMIT:?}; it said:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Moves the lines that came so far into `seen`, without waiting.
    pub fn drain(&mut self) {
        self.seen.extend(self.lines.try_iter());
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `ready` every 5 ms until it holds; the time it took. Fails the
/// test with `what` after [`LIMIT`].
pub fn poll_until(what: &str, mut ready: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < LIMIT, "{what} within {LIMIT:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
    start.elapsed()
}
